import { type FormEvent, useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { api } from '../../lib/api';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { HOTLINE_EN, HOTLINE_ZH, REQUEST_TYPE_LABELS } from './messages';
import './hotline.css';

/** A case's 12345 caller as the API answers it: the phone masked. */
export interface CaseCaller {
  channel: 'DESK' | 'EXCHANGE';
  requestType: keyof typeof REQUEST_TYPE_LABELS;
  name: string | null;
  phoneMasked: string | null;
  canReveal: boolean;
}

/**
 * 来电人 / 来电号码 / 诉求类型 on a hotline case. The full phone only through 查看完整号码 with a
 * reason (the hotline and the owning level; logged in the access log), and only until the page
 * is left: it is never kept.
 */
export function CallerPanel({ caseId, caller }: { caseId: string; caller: CaseCaller }) {
  const { text, locale } = useTable(HOTLINE_ZH, HOTLINE_EN);
  const [asking, setAsking] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [phone, setPhone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reveal = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await api<{ phone: string }>(`/api/cases/${caseId}/caller/reveal`, {
        method: 'POST',
        json: { purpose: purpose.trim() },
      });
      setPhone(r.phone);
      setAsking(false);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card caller-panel" data-testid="caller-panel" aria-label={text('callerTitle')}>
      <h2>{text('callerTitle')}</h2>
      {caller.channel === 'EXCHANGE' && <p className="muted">{text('fromExchange')}</p>}
      <dl className="facts">
        <dt>{text('requestType')}</dt>
        <dd data-testid="caller-type">
          {REQUEST_TYPE_LABELS[caller.requestType]?.[locale === 'en' ? 1 : 0]}
        </dd>
        <dt>{text('callerName')}</dt>
        <dd data-testid="caller-name">{caller.name ? <D>{caller.name}</D> : text('notGiven')}</dd>
        <dt>{text('callerPhone')}</dt>
        <dd data-testid="caller-phone">{phone ?? caller.phoneMasked ?? text('notGiven')}</dd>
      </dl>
      {caller.canReveal && !phone && !asking && (
        <button type="button" data-testid="caller-reveal" onClick={() => setAsking(true)}>
          {text('reveal')}
        </button>
      )}
      {asking && (
        <form className="row" onSubmit={reveal}>
          <label>
            {text('purpose')}
            <input
              name="purpose"
              value={purpose}
              placeholder={text('purposeHint')}
              onChange={(e) => setPurpose(e.target.value)}
            />
          </label>
          <button type="submit">{text('revealGo')}</button>
          <span className="muted">{text('revealNote')}</span>
        </form>
      )}
      <ErrorNotice error={error} testId="caller-error" />
    </section>
  );
}
