import { useCallback, useEffect, useState } from 'react';
import { SOURCE_LABELS, TASK_STATE_LABELS } from '../../i18n/workflow-labels';
import { api } from '../../lib/api';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useCaseEvents, useRealtime } from '../../lib/realtime';
import { categoryName, useCategories } from '../../lib/reference';
import { CallerPanel } from '../hotline/CallerPanel';
import { ActionForm } from './ActionForm';
import { useActionText } from './action-text';
import { CaseMap } from './CaseMap';
import { CheckCompare } from './CheckCompare';
import type { CaseDetail } from './case-types';
import { DeadlineBadge } from './DeadlineBadge';
import { MergePanel } from './MergePanel';
import { PhotoStrip } from './PhotoViewer';

/**
 * One case: facts, map, deadlines, tasks, whistle calls, the report beside the feedback while it
 * is checked, the history by person, and the caller's actions (each confirmed, each answered).
 * `isEmbedded`: shown beside the command map — its title is a sub-heading, and no map of its own.
 */
export function CaseDetailPage({ params, isEmbedded = false }: { params: string[]; isEmbedded?: boolean }) {
  const id = params[0] ?? '';
  const { t, state, action: label, locale, at } = useActionText();
  const { socket } = useRealtime();
  const categories = useCategories();
  const [c, setC] = useState<CaseDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [staleError, setStaleError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const load = useCallback(() => {
    api<CaseDetail>(`/api/cases/${id}`)
      .then((data) => {
        setC(data);
        setLoadError(null);
      })
      .catch(setLoadError);
  }, [id]);
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

  if (loadError) return <ErrorNotice error={loadError} testId="case-error" />;
  if (!c) return <p>{t('loading')}</p>;
  const en = locale === 'en';
  const unit = (code: string | null) => (code ? (c.names.units[code] ?? code) : '');
  const dept = (id: string | null) => (id ? (c.names.departments[id] ?? id) : '');
  const taskState = (s: string) => TASK_STATE_LABELS[s]?.[en ? 1 : 0] ?? s;
  const report = c.events[0];
  const reporter = report
    ? (c.names.people[report.actorId] ?? t(`role.${report.actorRole}` as 'role.ADMIN'))
    : '';
  const open_ = !['CLOSED', 'ARCHIVED', 'REJECTED', 'MERGED'].includes(c.state);
  const Title = isEmbedded ? 'h2' : 'h1';
  return (
    <article className="case-detail" data-testid="case-detail" data-state={c.state} data-version={c.version}>
      <header className="card">
        <Title>
          <D>{c.title}</D>{' '}
          <span className="badge" data-testid="case-state">
            {state(c.state)}
          </span>
          {c.priority === 'URGENT' && <span className="badge red">{en ? 'Urgent' : '紧急'}</span>}
        </Title>
        <dl className="facts">
          <dt>{en ? 'Case no.' : '案件编号'}</dt>
          <dd>{c.code}</dd>
          <dt>{en ? 'Category' : '事件类别'}</dt>
          <dd>{categoryName(categories, c.categoryCode, locale)}</dd>
          <dt>{en ? 'Source' : '来源'}</dt>
          <dd data-testid="case-source">{SOURCE_LABELS[c.source]?.[en ? 1 : 0] ?? c.source}</dd>
          <dt>{en ? 'Reported by' : '上报人'}</dt>
          <dd>
            <D>{reporter}</D> · {new Date(c.createdAt).toLocaleString(locale)}
          </dd>
          <dt>{en ? 'Grid cell' : '网格'}</dt>
          <dd>
            <D>{c.names.grid}</D>
          </dd>
          <dt>{en ? 'Address' : '地址'}</dt>
          <dd data-testid="case-address">{c.address ? <D>{c.address}</D> : en ? 'not given' : '未填写'}</dd>
          <dt>{en ? 'Owner' : '责任单位'}</dt>
          <dd>
            <D>{unit(c.ownerUnitCode)}</D>
          </dd>
          {c.reworkCount > 0 && (
            <>
              <dt>{en ? 'Reworks' : '返工次数'}</dt>
              <dd>{c.reworkCount}</dd>
            </>
          )}
        </dl>
        <p className="description">
          <D>{c.description}</D>
        </p>
        {open_ && (
          <p>
            {en ? 'Step deadline' : '本环节时限'} <DeadlineBadge deadline={c.deadlines.stage} />{' '}
            {c.deadlines.handle && (
              <>
                {en ? 'Handling deadline' : '处置时限'} <DeadlineBadge deadline={c.deadlines.handle} />
              </>
            )}
          </p>
        )}
        {c.tasks.length > 0 && (
          <ul className="tasks">
            {c.tasks.map((task) => (
              <li key={task.id}>
                {task.isLead ? (en ? 'Lead' : '主办') : en ? 'Co-handler' : '协办'}{' '}
                <D>{dept(task.departmentId)}</D> · {taskState(task.state)}
              </li>
            ))}
          </ul>
        )}
        {c.whistles.length > 0 && (
          <ul className="whistles" data-testid="whistles">
            {c.whistles.map((w) => (
              <li key={w.departmentId + w.deadline}>
                <D>{dept(w.departmentId)}</D> ·{' '}
                {w.reportedInAt ? en ? 'reported in' : '已报到' : <DeadlineBadge deadline={w.deadline} />}
              </li>
            ))}
          </ul>
        )}
      </header>
      {c.caller && <CallerPanel caseId={c.id} caller={c.caller} />}
      {done && (
        <div className="notice ok" role="status" data-testid="action-done">
          {done}
        </div>
      )}
      {staleError !== null && (
        <ErrorNotice error={staleError} testId="action-stale">
          <div>{at('stale')}</div>
        </ErrorNotice>
      )}
      {c.availableActions.length > 0 && (
        <section className="actions" aria-label={en ? 'Actions' : '可办理的操作'}>
          {c.availableActions.map((a) => (
            <button
              key={a}
              type="button"
              className={open === a ? 'primary' : ''}
              data-action={a}
              aria-expanded={open === a}
              onClick={() => {
                setOpen(a);
                setDone(null);
                setStaleError(null);
              }}
            >
              {label(a)}
            </button>
          ))}
        </section>
      )}
      {open && (
        <ActionForm
          key={open}
          kase={c}
          action={open}
          onDone={(updated) => {
            setC(updated);
            setOpen(null);
            setDone(at('done', { action: label(open), state: state(updated.state) }));
          }}
          onStale={(err) => {
            setOpen(null);
            setStaleError(err);
            load();
          }}
          onCancel={() => setOpen(null)}
        />
      )}
      <MergePanel kase={c} onMerged={setC} />
      <CheckCompare kase={c} />
      {!isEmbedded && (
        <section className="card">
          <h2>{en ? 'Location' : '位置'}</h2>
          <CaseMap gridCode={c.gridCode} lon={c.location.lon} lat={c.location.lat} />
        </section>
      )}
      <section className="card">
        <h2>{en ? 'History' : '处置过程'}</h2>
        <ol className="history" data-testid="history">
          {c.events.map((e) => (
            <li key={e.seq} data-action={e.action}>
              <time>{new Date(e.createdAt).toLocaleString(locale)}</time> <strong>{label(e.action)}</strong> →{' '}
              {state(e.toState)}
              <div className="muted" data-testid="history-actor">
                {c.names.people[e.actorId] && (
                  <>
                    <D>{c.names.people[e.actorId]}</D>
                    {' · '}
                  </>
                )}
                {t(`role.${e.actorRole}` as 'role.ADMIN')}
                {(e.actorDepartmentId || e.actorUnitCode) && (
                  <>
                    {' · '}
                    <D>{e.actorDepartmentId ? dept(e.actorDepartmentId) : unit(e.actorUnitCode)}</D>
                  </>
                )}
              </div>
              {e.reason && (
                <p>
                  <D>{e.reason}</D>
                </p>
              )}
              {typeof e.payload?.note === 'string' && (
                <p>
                  <D>{e.payload.note}</D>
                </p>
              )}
              {e.attachments.length > 0 && (
                <PhotoStrip
                  photos={e.attachments.map((a, i) => ({
                    id: a.id,
                    url: a.url,
                    caption: `${label(e.action)} ${i + 1}`,
                  }))}
                />
              )}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
