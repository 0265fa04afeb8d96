import { useState } from 'react';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useAuth } from '../auth/auth';
import { useActionText } from '../cases/action-text';
import { CaseFilters, matches, NO_FILTER } from '../cases/CaseFilters';
import { CaseList } from '../cases/CaseList';
import { useCaseList } from '../cases/use-case-list';

const WAITING =
  'REPORTED,VERIFYING,SELF_RESOLVED,REGISTERED,ESCALATED,DISPATCHED,RETURN_REQUESTED,CLAIMED,EXTENSION_REQUESTED,CHECKING,CHECKED';
/** Closed hotline and citizen cases wait here for their callback (回访). */
const CLOSED = 'CLOSED';

/** Dispatch desk: the cases this level owns now, most urgent first, with their deadlines counting down. */
export function InboxPage() {
  const { me } = useAuth();
  const { state, locale, t } = useActionText();
  const en = locale === 'en';
  const [states, setStates] = useState('');
  const [filter, setFilter] = useState(NO_FILTER);
  const owner = me?.unitCode && me.role !== 'ADMIN' && me.role !== 'HOTLINE' ? `&owner=${me.unitCode}` : '';
  const q = filter.q ? `&q=${encodeURIComponent(filter.q)}` : '';
  const sort = states === CLOSED ? 'newest' : 'deadline';
  const { cases, fresh, error } = useCaseList(
    `limit=100&state=${states || WAITING}${owner}${q}&sort=${sort}`,
  );
  const rows = cases?.filter((c) => matches(c, filter));
  return (
    <section data-testid="inbox">
      <h1>{en ? 'Inbox' : '待办案件'}</h1>
      <div className="row filters">
        <label>
          {en ? 'State' : '状态'}
          <select name="state" value={states} onChange={(e) => setStates(e.target.value)}>
            <option value="">{en ? 'All open' : '全部在办'}</option>
            {WAITING.split(',').map((s) => (
              <option key={s} value={s}>
                {state(s)}
              </option>
            ))}
            <option value={CLOSED}>{state(CLOSED)}</option>
          </select>
        </label>
      </div>
      <CaseFilters value={filter} onChange={setFilter} />
      <ErrorNotice error={error} testId="inbox-error" />
      {!rows ? (
        <p>{t('loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('nothingHere')}</p>
      ) : (
        <CaseList cases={rows} fresh={fresh} label={en ? 'Inbox' : '待办案件'} />
      )}
    </section>
  );
}
