import { useState } from 'react';
import { ApiError } from '../../lib/api';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useAuth } from '../auth/auth';
import {
  deliverWorkLog,
  discardWorkLog,
  enqueueWorkLog,
  useWorkLogQueue,
  useWorkLogSync,
} from '../evaluation/worklog-queue';
import { useRegText } from './messages';
import { type DueVisit, shanghaiDayOf } from './register-api';
import { useDueVisits } from './use-due-visits';
import './register.css';

type Outcome = { kind: 'done' | 'queued'; name: string } | { kind: 'error'; error: unknown } | null;

/** The form under a task: what the worker found; sent as a HOME_VISIT work log naming the person. */
function VisitForm({ visit, onDone }: { visit: DueVisit; onDone(o: Outcome): void }) {
  const { me } = useAuth();
  const { rt } = useRegText();
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (note.trim().length < 2) return setInvalid(true);
    setBusy(true);
    // Saved on the phone first under its Idempotency-Key: a retry never records it twice.
    const entry = await enqueueWorkLog(me?.id ?? '', {
      kind: 'HOME_VISIT',
      note: note.trim(),
      gridCode: visit.gridCode,
      personId: visit.personId,
    });
    const sent = navigator.onLine ? await deliverWorkLog(entry) : null;
    setBusy(false);
    if (sent) return onDone({ kind: 'done', name: visit.name });
    if (entry.status === 'failed') {
      await discardWorkLog(entry.key);
      const x = entry.error;
      return onDone({
        kind: 'error',
        error: new ApiError(x?.status ?? 0, x?.code ?? 'INTERNAL', x?.message ?? '', x?.details ?? []),
      });
    }
    onDone({ kind: 'queued', name: visit.name });
  };
  return (
    <form className="visit-form" onSubmit={(e) => void submit(e)} data-testid="visit-form">
      <label>
        <span className="wl-label">{rt('visitNote')}</span>
        <textarea
          name="visitNote"
          rows={3}
          maxLength={500}
          placeholder={rt('visitNoteHint')}
          value={note}
          aria-invalid={invalid || undefined}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {invalid && (
        <p className="error small" role="alert">
          {rt('needNote')}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="visit-submit">
        {busy ? rt('sending') : rt('recordVisit')}
      </button>
    </form>
  );
}

/** 走访任务: a grid worker's due and overdue home visits, each recorded from here (offline too). */
export function VisitsScreen(_props: { params: string[] }) {
  const { me } = useAuth();
  const { rt, className } = useRegText();
  const userId = me?.id ?? '';
  useWorkLogSync(userId);
  const queue = useWorkLogQueue(userId);
  const { visits, error, queued } = useDueVisits(userId);
  const [open, setOpen] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const waiting = queue.filter((q) => q.body.personId);
  const list = (visits ?? []).filter((v) => !queued.has(v.personId));
  return (
    <div className="reg reg-phone">
      <h1>{rt('visitsTitle')}</h1>
      {outcome?.kind === 'done' && (
        <div className="notice ok" role="status" data-testid="visit-done">
          {rt('visitDone', { name: outcome.name })}
        </div>
      )}
      {outcome?.kind === 'queued' && (
        <div className="notice warn" role="status" data-testid="visit-queued">
          {rt('visitQueued')}
        </div>
      )}
      {outcome?.kind === 'error' && <ErrorNotice error={outcome.error} />}
      {/* Offline with a plan already read: the tasks stay, no error. */}
      {!visits && <ErrorNotice error={error} />}
      {visits && list.length === 0 && <p className="muted">{rt('visitsNone')}</p>}
      <ul className="visit-list" data-testid="visit-list">
        {list.map((v) => (
          <li key={v.personId} className="visit" data-status={v.status} data-person={v.personId}>
            <div className="visit-head">
              <span className={`badge ${v.status === 'OVERDUE' ? 'red' : 'yellow'}`}>
                {v.status === 'OVERDUE' ? rt('overdue') : rt('due')}
              </span>{' '}
              <a href={`#/person/${v.personId}`} className="visit-name">
                <D>{v.name}</D>
              </a>
              <div className="muted small">
                {v.tags.map(className).join('、')} · {rt('dueOn', { day: shanghaiDayOf(v.dueAt) })} ·{' '}
                {v.lastVisitAt ? rt('lastVisit', { day: shanghaiDayOf(v.lastVisitAt) }) : rt('neverVisited')}
              </div>
            </div>
            {open === v.personId ? (
              <VisitForm
                visit={v}
                onDone={(o) => {
                  setOutcome(o);
                  if (o?.kind !== 'error') setOpen(null);
                }}
              />
            ) : (
              <button
                type="button"
                data-testid="visit-open"
                onClick={() => {
                  setOutcome(null);
                  setOpen(v.personId);
                }}
              >
                {rt('recordVisit')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {waiting.length > 0 && (
        <section>
          <h2>{rt('outbox')}</h2>
          <ul className="visit-list" data-testid="visit-outbox">
            {waiting.map((q) => (
              <li key={q.key} className="visit" data-status={q.status}>
                <strong>
                  <D>{visits?.find((v) => v.personId === q.body.personId)?.name ?? ''}</D>
                </strong>
                <D>{q.body.note}</D>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
