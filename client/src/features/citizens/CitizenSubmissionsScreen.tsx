import { CITIZEN_REJECT_REASON_CODES } from '@wangge/shared/citizens/public-status';
import { formatTrackingCode } from '@wangge/shared/citizens/tracking-code';
import { useCallback, useEffect, useState } from 'react';
import { api, apiPage } from '../../lib/api';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { AuthImage } from '../cases/AuthImage';
import { useDeskText } from './desk-messages';
import './citizens.css';

interface Submission {
  id: string;
  trackingCode: string;
  status: 'PENDING' | 'REGISTERED' | 'REJECTED';
  categoryName: string;
  description: string;
  address: string | null;
  gridName: string;
  contactName: string | null;
  contactPhoneMasked: string | null;
  photoIds: string[];
  caseId: string | null;
  caseCode: string | null;
  rejectReason: string | null;
  createdAt: string;
  canDecide: boolean;
}
const STATUSES = ['PENDING', 'REGISTERED', 'REJECTED'] as const;
type Reason = (typeof CITIZEN_REJECT_REASON_CODES)[number];

/** 群众上报待登记: the village desk registers citizens' submissions as cases, or rejects them. */
export function CitizenSubmissionsScreen() {
  const { dt, locale } = useDeskText();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('PENDING');
  const [items, setItems] = useState<Submission[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(
    async (cursor?: string) => {
      try {
        const page = await apiPage<Submission>(
          `/api/citizen-submissions?status=${status}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        setItems((old) => (cursor ? [...old, ...page.data] : page.data));
        setNext(page.nextCursor);
      } catch (e) {
        setError(e);
      }
    },
    [status],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const decide = async (s: Submission, reason?: Reason) => {
    setError(null);
    try {
      if (reason) {
        await api(`/api/citizen-submissions/${s.id}/reject`, { method: 'POST', json: { reason } });
        setDone(dt('rejected'));
      } else {
        const r = await api<{ caseCode: string }>(`/api/citizen-submissions/${s.id}/register`, {
          method: 'POST',
        });
        setDone(dt('registered', { code: r.caseCode }));
      }
      await load();
    } catch (e) {
      setError(e);
      await load();
    }
  };

  return (
    <div className="page">
      <h1>{dt('title')}</h1>
      <p className="muted">{dt('intro')}</p>
      <div className="segmented">
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className={s === status ? 'on' : ''}
            aria-pressed={s === status}
            onClick={() => setStatus(s)}
          >
            {dt(s)}
          </button>
        ))}
      </div>
      {done && (
        <p className="notice ok" role="status" data-testid="citizen-done">
          {done}
        </p>
      )}
      {error ? <ErrorNotice error={error} /> : null}
      {items.length === 0 && <p className="muted">{dt('empty')}</p>}
      <ul className="citizen-submissions" data-testid="citizen-submissions">
        {items.map((s) => (
          <SubmissionItem key={s.id} s={s} onDecide={decide} locale={locale} />
        ))}
      </ul>
      {next && (
        <button type="button" onClick={() => void load(next)}>
          {dt('more')}
        </button>
      )}
    </div>
  );
}

function SubmissionItem({
  s,
  onDecide,
  locale,
}: {
  s: Submission;
  onDecide(s: Submission, reason?: Reason): Promise<void>;
  locale: string;
}) {
  const { dt } = useDeskText();
  const [reason, setReason] = useState<Reason | ''>('');
  const [busy, setBusy] = useState(false);
  const run = async (r?: Reason) => {
    setBusy(true);
    await onDecide(s, r);
    setBusy(false);
  };
  return (
    <li data-testid="citizen-submission" data-code={s.trackingCode}>
      <p>
        <strong>
          <D>{s.categoryName}</D>
        </strong>{' '}
        <span className="muted small">
          {new Date(s.createdAt).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', {
            timeZone: 'Asia/Shanghai',
          })}
        </span>
      </p>
      <p>
        <D>{s.description}</D>
      </p>
      <p className="small">
        {dt('cell')}：<D>{s.gridName}</D>
        {s.address ? (
          <>
            {' · '}
            <D>{s.address}</D>
          </>
        ) : null}
        {' · '}
        {dt('code')}：<D>{formatTrackingCode(s.trackingCode)}</D>
      </p>
      <p className="small">
        {dt('contact')}：
        {s.contactName || s.contactPhoneMasked ? (
          <D>{[s.contactName, s.contactPhoneMasked].filter(Boolean).join(' ')}</D>
        ) : (
          dt('noContact')
        )}
      </p>
      {s.photoIds.length > 0 && (
        <div className="photos">
          {s.photoIds.map((p) => (
            <AuthImage key={p} url={`/api/citizen-submissions/${s.id}/photos/${p}`} alt={dt('photo')} />
          ))}
        </div>
      )}
      {s.caseId && (
        <p>
          <a href={`#/case/${s.caseId}`}>
            {dt('openCase')} <D>{s.caseCode ?? ''}</D>
          </a>
        </p>
      )}
      {s.rejectReason && <p className="small">{dt(s.rejectReason as Reason)}</p>}
      {s.canDecide && (
        <div className="decide">
          <button type="button" disabled={busy} onClick={() => void run()} data-testid="citizen-register">
            {dt('register')}
          </button>
          <label>
            <span className="visually-hidden">{dt('rejectReason')}</span>
            <select
              value={reason}
              onChange={(e) => setReason(e.target.value as Reason | '')}
              aria-label={dt('rejectReason')}
            >
              <option value="">{dt('rejectReason')}</option>
              {CITIZEN_REJECT_REASON_CODES.map((r) => (
                <option key={r} value={r}>
                  {dt(r)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={busy || !reason} onClick={() => reason && void run(reason)}>
            {dt('confirmReject')}
          </button>
        </div>
      )}
    </li>
  );
}
