import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useAuth } from '../auth/auth';
import { DeadlineBadge } from '../cases/DeadlineBadge';
import { useCaseList } from '../cases/use-case-list';

const WAITING =
  'REPORTED,VERIFYING,SELF_RESOLVED,REGISTERED,ESCALATED,DISPATCHED,RETURN_REQUESTED,CLAIMED,EXTENSION_REQUESTED,CHECKING,CHECKED';

/** Dispatch desk: the cases this level owns now, with their deadlines counting down. */
export function InboxPage() {
  const { me } = useAuth();
  const { state, locale, t } = useI18n();
  const [filter, setFilter] = useState('');
  const [q, setQ] = useState('');
  const owner = me?.unitCode && me.role !== 'ADMIN' && me.role !== 'HOTLINE' ? `&owner=${me.unitCode}` : '';
  const query = `limit=100&state=${filter || WAITING}${owner}${q ? `&q=${encodeURIComponent(q)}` : ''}`;
  const { cases, fresh, error } = useCaseList(query);
  return (
    <section data-testid="inbox">
      <div className="row filters">
        <select
          aria-label={locale === 'en' ? 'State' : '状态'}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        >
          <option value="">{locale === 'en' ? 'All open' : '全部在办'}</option>
          {WAITING.split(',').map((s) => (
            <option key={s} value={s}>
              {state(s)}
            </option>
          ))}
        </select>
        <input
          type="search"
          placeholder={locale === 'en' ? 'Search code, title, description' : '搜索编号、标题、描述'}
          value={q}
          onChange={(e) => setQ(e.target.value.replace(/[%_]/g, ''))}
        />
      </div>
      {error && <p className="error">{error}</p>}
      {!cases ? (
        <p>{t('loading')}</p>
      ) : cases.length === 0 ? (
        <p className="muted">{t('nothingHere')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{locale === 'en' ? 'Case' : '案件'}</th>
              <th>{locale === 'en' ? 'State' : '状态'}</th>
              <th>{locale === 'en' ? 'Cell' : '网格'}</th>
              <th>{locale === 'en' ? 'Deadline' : '时限'}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} className={fresh.has(c.id) ? 'row-new' : ''} data-case={c.id}>
                <td>
                  <a href={`#/case/${c.id}`}>{c.title}</a>
                  <div className="muted">{c.code}</div>
                </td>
                <td>{state(c.state)}</td>
                <td>{c.gridCode}</td>
                <td>
                  <DeadlineBadge deadline={c.deadlines.stage} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
