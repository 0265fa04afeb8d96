import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { TASK_STATE_LABELS } from '../../i18n/workflow-labels';
import { type ApiError, api } from '../../lib/api';
import { useCaseEvents, useRealtime } from '../../lib/realtime';
import { ActionForm } from './ActionForm';
import { AuthImage } from './AuthImage';
import { isOneClick } from './action-fields';
import type { CaseDetail } from './case-types';
import { DeadlineBadge } from './DeadlineBadge';

/** One case: facts, deadlines, tasks, whistle calls, full history with photos, and the caller's actions. */
export function CaseDetailPage({ params }: { params: string[] }) {
  const id = params[0] ?? '';
  const { t, state, action: label, locale } = useI18n();
  const { socket } = useRealtime();
  const [c, setC] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    api<CaseDetail>(`/api/cases/${id}`)
      .then((data) => {
        setC(data);
        setError(null);
      })
      .catch((e: ApiError) =>
        setError(e.status === 404 ? (locale === 'en' ? 'No such case' : '案件不存在或无权查看') : e.message),
      );
  }, [id, locale]);
  useEffect(load, [load]);
  // Follow the case live, also when it is outside this user's rooms (viewers of one case).
  useEffect(() => {
    if (!socket || !id) return;
    socket.emit('case:subscribe', { caseId: id }, () => undefined);
    return () => {
      socket.emit('case:unsubscribe', { caseId: id }, () => undefined);
    };
  }, [socket, id]);
  useCaseEvents((e) => {
    if (e.caseId === id) load();
  });

  async function oneClick(action: string) {
    if (!c) return;
    setBusy(true);
    try {
      setC(
        await api<CaseDetail>(`/api/cases/${c.id}/actions`, {
          method: 'POST',
          json: { action, version: c.version },
        }),
      );
    } catch (e) {
      setError((e as Error).message);
      load();
    } finally {
      setBusy(false);
    }
  }

  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!c) return <p>{t('loading')}</p>;
  const unit = (code: string | null) => (code ? (c.names.units[code] ?? code) : '');
  const dept = (id: string | null) => (id ? (c.names.departments[id] ?? id) : '');
  const taskState = (s: string) => TASK_STATE_LABELS[s]?.[locale === 'en' ? 1 : 0] ?? s;
  return (
    <article className="case-detail" data-testid="case-detail" data-state={c.state} data-version={c.version}>
      <header className="card">
        <h2>
          {c.title}{' '}
          <span className="badge" data-testid="case-state">
            {state(c.state)}
          </span>
          {c.priority === 'URGENT' && (
            <span className="badge red">{locale === 'en' ? 'Urgent' : '紧急'}</span>
          )}
        </h2>
        <p className="muted">
          {c.code} · {c.names.grid} · {locale === 'en' ? 'owner' : '责任单位'} {unit(c.ownerUnitCode)}
          {c.reworkCount > 0 && ` · ${locale === 'en' ? 'reworks' : '返工'} ${c.reworkCount}`}
        </p>
        <p>{c.description}</p>
        {!['CLOSED', 'ARCHIVED', 'REJECTED'].includes(c.state) && (
          <p>
            {locale === 'en' ? 'Step deadline' : '本环节时限'} <DeadlineBadge deadline={c.deadlines.stage} />{' '}
            {c.deadlines.handle && (
              <>
                {locale === 'en' ? 'Handling deadline' : '处置时限'}{' '}
                <DeadlineBadge deadline={c.deadlines.handle} />
              </>
            )}
          </p>
        )}
        {c.tasks.length > 0 && (
          <ul className="tasks">
            {c.tasks.map((task) => (
              <li key={task.id}>
                {task.isLead ? (locale === 'en' ? 'Lead' : '主办') : locale === 'en' ? 'Co-handler' : '协办'}{' '}
                {dept(task.departmentId)} · {taskState(task.state)}
              </li>
            ))}
          </ul>
        )}
        {c.whistles.length > 0 && (
          <ul className="whistles" data-testid="whistles">
            {c.whistles.map((w) => (
              <li key={w.departmentId + w.deadline}>
                {dept(w.departmentId)} ·{' '}
                {w.reportedInAt ? (
                  locale === 'en' ? (
                    'reported in'
                  ) : (
                    '已报到'
                  )
                ) : (
                  <DeadlineBadge deadline={w.deadline} />
                )}
              </li>
            ))}
          </ul>
        )}
      </header>
      <section className="actions">
        {c.availableActions.map((a) => (
          <button
            key={a}
            type="button"
            className={isOneClick(a) ? 'primary' : ''}
            disabled={busy}
            data-action={a}
            onClick={() => (isOneClick(a) ? void oneClick(a) : setOpen(a))}
          >
            {label(a)}
          </button>
        ))}
      </section>
      {open && (
        <ActionForm
          caseId={c.id}
          version={c.version}
          action={open}
          onDone={(updated) => {
            setC(updated as CaseDetail);
            setOpen(null);
          }}
          onCancel={() => setOpen(null)}
        />
      )}
      <section className="card">
        <h3>{locale === 'en' ? 'History' : '处置过程'}</h3>
        <ol className="history" data-testid="history">
          {c.events.map((e) => (
            <li key={e.seq} data-action={e.action}>
              <time>{new Date(e.createdAt).toLocaleString(locale)}</time> <strong>{label(e.action)}</strong> →{' '}
              {state(e.toState)}
              <span className="muted">
                {' '}
                {t(`role.${e.actorRole}` as 'role.ADMIN')}{' '}
                {e.actorDepartmentId ? dept(e.actorDepartmentId) : unit(e.actorUnitCode)}
              </span>
              {e.reason && <p>{e.reason}</p>}
              {typeof e.payload?.note === 'string' && <p>{e.payload.note}</p>}
              {e.attachments.length > 0 && (
                <div className="photos">
                  {e.attachments.map((a) => (
                    <AuthImage key={a.id} url={a.url} alt={label(e.action)} />
                  ))}
                </div>
              )}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
