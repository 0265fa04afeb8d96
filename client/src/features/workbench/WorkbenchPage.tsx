import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ApiError, api } from '../../lib/api';
import { useCaseEvents } from '../../lib/realtime';
import { useAuth } from '../auth/auth';
import { DeadlineBadge } from '../cases/DeadlineBadge';
import { useCaseList } from '../cases/use-case-list';
import { beep } from './beep';

const LIVE = 'DISPATCHED,CLAIMED,EXTENSION_REQUESTED,RETURN_REQUESTED,CHECKING,REGISTERED';

/** Department workbench: tasks dispatched to the department, live, with one-click claiming. */
export function WorkbenchPage() {
  const { me } = useAuth();
  const { state, locale, t } = useI18n();
  const { cases, fresh, error, reload } = useCaseList(`limit=100&mine=department&state=${LIVE}`);
  const [notice, setNotice] = useState<string | null>(null);
  useCaseEvents((e, name) => {
    const mine = me?.departmentId;
    if (name === 'task:dispatched' || name === 'whistle:called') beep();
    if (name === 'task:claimed' && e.actor.departmentId === mine && e.actor.id !== me?.id) {
      setNotice(
        locale === 'en'
          ? `${e.caseCode} was claimed by ${e.actor.name}`
          : `${e.caseCode} 已被 ${e.actor.name} 签收`,
      );
    }
  });
  async function claim(id: string, version: number) {
    try {
      await api(`/api/cases/${id}/actions`, { method: 'POST', json: { action: 'CLAIM', version } });
      setNotice(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setNotice(locale === 'en' ? 'Someone else claimed it first.' : '该任务已被他人签收');
      } else setNotice((err as Error).message);
    }
    await reload();
  }
  return (
    <section data-testid="workbench">
      {notice && (
        <p className="card notice" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {!cases ? (
        <p>{t('loading')}</p>
      ) : cases.length === 0 ? (
        <p className="muted">{t('nothingHere')}</p>
      ) : (
        <table>
          <tbody>
            {cases.map((c) => (
              <tr
                key={c.id}
                className={fresh.has(c.id) ? 'row-new' : ''}
                data-case={c.id}
                data-state={c.state}
              >
                <td>
                  <a href={`#/case/${c.id}`}>{c.title}</a>
                  <div className="muted">{c.code}</div>
                </td>
                <td>{state(c.state)}</td>
                <td>
                  <DeadlineBadge deadline={c.deadlines.handle ?? c.deadlines.stage} />
                </td>
                <td>
                  {c.state === 'DISPATCHED' && c.leadDepartmentId === me?.departmentId && (
                    <button
                      type="button"
                      className="primary"
                      data-testid="claim"
                      onClick={() => void claim(c.id, c.version)}
                    >
                      {locale === 'en' ? 'Claim' : '签收'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
