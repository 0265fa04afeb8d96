import type { TLocation } from '@wangge/shared/schemas/common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../lib/api';
import { useAuth } from '../auth/auth';
import { fetchCells } from '../report/grid-cells';
import { ApiErrorNotice } from './ApiErrorNotice';
import {
  currentMonth,
  fetchWorkLogs,
  shanghaiDay,
  shanghaiTime,
  type WorkKind,
  type WorkLog,
} from './evaluation-api';
import { PatrolIcon, PinIcon, VisitIcon } from './icons';
import { MonthPicker } from './MonthPicker';
import { fmt, useEvalText } from './messages';
import {
  deliverWorkLog,
  discardWorkLog,
  enqueueWorkLog,
  flushWorkLogs,
  useWorkLogQueue,
  useWorkLogSent,
  useWorkLogSync,
} from './worklog-queue';
import './evaluation.css';
import { D } from '../../lib/D';

type Outcome =
  | { kind: 'done'; work: WorkKind }
  | { kind: 'queued' }
  | { kind: 'invalid' }
  | { kind: 'error'; error: unknown };

type Gps = { kind: 'off' } | { kind: 'busy' } | { kind: 'on'; point: TLocation } | { kind: 'failed' };

/** The optional GPS position attached to the next record. */
function GpsField({ gps, onChange }: { gps: Gps; onChange(g: Gps): void }) {
  const { et } = useEvalText();
  const locate = () => {
    if (!('geolocation' in navigator)) return onChange({ kind: 'failed' });
    onChange({ kind: 'busy' });
    navigator.geolocation.getCurrentPosition(
      (pos) =>
        onChange({
          kind: 'on',
          point: {
            lon: Number(pos.coords.longitude.toFixed(6)),
            lat: Number(pos.coords.latitude.toFixed(6)),
          },
        }),
      () => onChange({ kind: 'failed' }),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  };
  return (
    <div className="wl-gps" data-testid="wl-gps" data-state={gps.kind}>
      <span className="wl-label">{et('gps')}</span>
      {gps.kind === 'on' ? (
        <>
          <span className="wl-point">
            <PinIcon /> {et('located')} {gps.point.lon.toFixed(5)}, {gps.point.lat.toFixed(5)}
          </span>
          <button type="button" className="link small" onClick={() => onChange({ kind: 'off' })}>
            {et('dropLocation')}
          </button>
        </>
      ) : (
        <>
          <button type="button" onClick={locate} disabled={gps.kind === 'busy'} data-testid="wl-locate">
            {gps.kind === 'busy' ? et('locating') : et('locate')}
          </button>
          {gps.kind === 'failed' && <span className="muted small">{et('gpsFailed')}</span>}
        </>
      )}
    </div>
  );
}

/** 巡查走访: a grid worker records a patrol or a home visit; offline it waits in a queue. */
export function WorkLogScreen(_props: { params: string[] }) {
  const { me } = useAuth();
  const { et, locale } = useEvalText();
  const userId = me?.id ?? '';
  const cells = me?.gridCodes ?? [];
  const [cellNames, setCellNames] = useState<Record<string, string>>({});
  const [gridCode, setGridCode] = useState(cells[0] ?? '');
  const [note, setNote] = useState('');
  const [gps, setGps] = useState<Gps>({ kind: 'off' });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [thisMonth] = useState(() => currentMonth());
  const [month, setMonth] = useState(thisMonth);
  const [logs, setLogs] = useState<WorkLog[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const queue = useWorkLogQueue(userId);
  useWorkLogSync(userId);

  useEffect(() => {
    if (!me?.unitCode) return;
    fetchCells(me.unitCode)
      .then((fs) => setCellNames(Object.fromEntries(fs.map((f) => [f.properties.code, f.properties.name]))))
      .catch(() => undefined);
  }, [me?.unitCode]);

  const asked = useRef(0);
  const load = useCallback(() => {
    // Only the answer to the latest question is shown (months can be flipped quickly).
    const id = ++asked.current;
    setLoadError(null);
    fetchWorkLogs(month).then(
      (l) => id === asked.current && setLogs(l),
      (e: unknown) => {
        if (id !== asked.current) return;
        setLoadError(e);
        setLogs(null);
      },
    );
  }, [month]);
  useEffect(load, [load]);
  // A record the queue delivered later (back online) shows up in the list.
  useWorkLogSent(load);

  const record = async (kind: WorkKind) => {
    if (note.trim().length < 2) {
      setOutcome({ kind: 'invalid' });
      return;
    }
    setBusy(true);
    setOutcome(null);
    const entry = await enqueueWorkLog(userId, {
      kind,
      note: note.trim(),
      ...(gridCode ? { gridCode } : {}),
      ...(gps.kind === 'on' ? { location: gps.point } : {}),
    });
    const sent = navigator.onLine ? await deliverWorkLog(entry) : null;
    setBusy(false);
    if (sent) {
      setOutcome({ kind: 'done', work: kind });
    } else if (entry.status === 'failed') {
      // Refused: the worker corrects the note and records again (a new record, a new key).
      await discardWorkLog(entry.key);
      const e = entry.error;
      setOutcome({
        kind: 'error',
        error: new ApiError(e?.status ?? 0, e?.code ?? 'INTERNAL', e?.message ?? '', e?.details ?? []),
      });
      return;
    } else {
      setOutcome({ kind: 'queued' });
    }
    setNote('');
    setGps({ kind: 'off' });
    if (month !== thisMonth) setMonth(thisMonth);
  };

  const summary = useMemo(() => {
    const list = logs ?? [];
    const days = new Set(list.filter((l) => l.kind === 'PATROL').map((l) => shanghaiDay(l.createdAt))).size;
    const visits = list.filter((l) => l.kind === 'HOME_VISIT').length;
    return fmt(et('summary'), { days, visits });
  }, [logs, et]);

  return (
    <div className="eval eval-phone wl">
      <h1>{et('wlTitle')}</h1>
      {outcome?.kind === 'done' && (
        <div className="notice ok" role="status" data-testid="wl-done">
          {fmt(et('recorded'), { kind: et(`kind.${outcome.work}`) })}
        </div>
      )}
      {outcome?.kind === 'queued' && (
        <div className="notice warn" role="status" data-testid="wl-queued">
          {et('queued')}
        </div>
      )}
      {outcome?.kind === 'error' && <ApiErrorNotice error={outcome.error} />}
      <section className="wl-form">
        <label>
          <span className="wl-label">{et('note')}</span>
          <textarea
            name="note"
            rows={2}
            maxLength={500}
            placeholder={et('notePlaceholder')}
            value={note}
            aria-invalid={outcome?.kind === 'invalid' || undefined}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        {outcome?.kind === 'invalid' && (
          <p className="error small" role="alert" data-testid="wl-invalid">
            {et('needNote')}
          </p>
        )}
        {cells.length > 1 && (
          <label>
            <span className="wl-label">{et('cell')}</span>
            <select name="gridCode" value={gridCode} onChange={(e) => setGridCode(e.target.value)}>
              {cells.map((c) => (
                <option key={c} value={c}>
                  {cellNames[c] ?? c}
                </option>
              ))}
            </select>
          </label>
        )}
        <GpsField gps={gps} onChange={setGps} />
        <div className="wl-buttons">
          {(['PATROL', 'HOME_VISIT'] as const).map((k) => (
            <button
              key={k}
              type="button"
              className={`wl-big wl-${k}`}
              disabled={busy}
              data-testid={`record-${k}`}
              onClick={() => void record(k)}
            >
              {k === 'PATROL' ? <PatrolIcon /> : <VisitIcon />}
              {busy ? et('sending') : et(`record.${k}`)}
            </button>
          ))}
        </div>
      </section>

      {queue.length > 0 && (
        <section className="wl-queue">
          <header className="eval-head">
            <h2>{et('outbox')}</h2>
            <button type="button" onClick={() => void flushWorkLogs(userId, true)}>
              {et('retry')}
            </button>
          </header>
          <ul className="wl-list" data-testid="wl-queue">
            {queue.map((q) => (
              <li key={q.key} className="wl-item" data-status={q.status} data-key={q.key}>
                <div className="wl-main">
                  <span className={`badge wl-status-${q.status}`}>{et(`status.${q.status}`)}</span>{' '}
                  <span className={`badge wl-kind-${q.body.kind}`}>{et(`kind.${q.body.kind}`)}</span>{' '}
                  <span className="wl-note">
                    <D>{q.body.note}</D>
                  </span>
                  <div className="muted small">{shanghaiTime(q.createdAt, locale)}</div>
                  {q.status === 'failed' && q.error && (
                    <ApiErrorNotice
                      error={new ApiError(q.error.status, q.error.code, q.error.message, q.error.details)}
                    />
                  )}
                </div>
                {q.status !== 'sending' && (
                  <div className="wl-actions">
                    <button type="button" onClick={() => void deliverWorkLog(q)}>
                      {et('retry')}
                    </button>
                    {q.status === 'failed' && (
                      <button type="button" className="link small" onClick={() => void discardWorkLog(q.key)}>
                        {et('discard')}
                      </button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="wl-records">
        <header className="eval-head">
          <h2>{et('records')}</h2>
          <MonthPicker value={month} last={thisMonth} onChange={setMonth} />
        </header>
        <p className="wl-summary" data-testid="wl-summary">
          {summary}
          <a href="#/score">{et('toScore')} →</a>
        </p>
        <ApiErrorNotice error={loadError} />
        {logs && logs.length === 0 && <p className="muted">{et('noRecords')}</p>}
        {logs && logs.length > 0 && (
          <ul className="wl-list" data-testid="wl-records">
            {logs.map((l) => (
              <li key={l.id} className="wl-item" data-kind={l.kind} data-id={l.id}>
                <div className="wl-main">
                  <span className={`badge wl-kind-${l.kind}`}>{et(`kind.${l.kind}`)}</span>{' '}
                  <span className="wl-note">
                    <D>{l.note}</D>
                  </span>
                  <div className="muted small">
                    {shanghaiTime(l.createdAt, locale)} · {cellNames[l.gridCode] ?? l.gridCode}
                    {l.lon !== null && l.lat !== null && (
                      <span className="wl-has-point" title={`${l.lon}, ${l.lat}`}>
                        {' · '}
                        <PinIcon size={12} /> {et('located1')}
                      </span>
                    )}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
