import { useState } from 'react';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useReportText } from './messages';
import { deliver, failureOf, flushOutbox, removeFromOutbox, useOutbox } from './outbox';

/**
 * 待发送队列: every report made on this device until the server has it, with its status; once
 * all are sent, the list is titled as what it then is (sent from this device) until cleared.
 */
export function OutboxList({ userId }: { userId: string }) {
  const { rt, locale } = useReportText();
  const entries = useOutbox(userId);
  const [busy, setBusy] = useState(false);
  if (entries.length === 0) return null;
  const retryAll = async () => {
    setBusy(true);
    await flushOutbox(userId, true);
    setBusy(false);
  };
  const hasSent = entries.some((e) => e.status === 'sent');
  const waiting = entries.some((e) => e.status !== 'sent');
  return (
    <section className="outbox">
      <header>
        <h2>{waiting ? rt('outbox') : rt('sentList')}</h2>
        {waiting && (
          <button type="button" onClick={retryAll} disabled={busy} data-testid="outbox-retry-all">
            {rt('retry')}
          </button>
        )}
        {hasSent && (
          <button
            type="button"
            className="link small"
            onClick={() => {
              for (const e of entries) if (e.status === 'sent') void removeFromOutbox(e.key);
            }}
          >
            {rt('clearSent')}
          </button>
        )}
      </header>
      <ul data-testid="outbox">
        {entries.map((e) => (
          <li key={e.key} data-status={e.status} data-key={e.key} className={`outbox-item ${e.status}`}>
            <div className="outbox-main">
              <span className={`badge status-${e.status}`}>{rt(`status.${e.status}`)}</span>{' '}
              <span className="outbox-desc">
                <D>{e.body.title ?? e.body.description}</D>
              </span>
              <div className="muted small">
                {new Date(e.createdAt).toLocaleString(locale)} · {e.photos.length} {rt('photoCount')}
                {e.caseCode && (
                  <>
                    {' · '}
                    <a href={`#/case/${e.caseId}`} data-testid="outbox-case">
                      {e.caseCode}
                    </a>
                  </>
                )}
              </div>
              {e.status === 'failed' && <ErrorNotice error={failureOf(e)} testId="outbox-error" />}
            </div>
            {(e.status === 'failed' || e.status === 'pending') && (
              <div className="outbox-actions">
                <button type="button" onClick={() => void deliver(e)}>
                  {rt('retry')}
                </button>
                {e.status === 'failed' && (
                  <button type="button" className="link small" onClick={() => void removeFromOutbox(e.key)}>
                    {rt('discard')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
