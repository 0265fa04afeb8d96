import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { STATE_LABELS } from '../../i18n/workflow-labels';
import { api } from '../../lib/api';
import { D } from '../../lib/D';
import { ScrollRegion } from '../../lib/ScrollRegion';
import { FormErrors } from '../admin/FormErrors';
import '../admin/admin.css';
import './channels.css';
import { DELIVERY_EN, DELIVERY_ZH } from './messages';

interface Delivery {
  id: string;
  orderId: string;
  caseId: string;
  caseCode: string | null;
  state: string | null;
  seq: number;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  /** Held behind an earlier undelivered notification of its order. */
  waiting: boolean;
  deliveredAt: string | null;
  createdAt: string;
}
interface Page {
  items: Delivery[];
  counts: Record<Delivery['status'], number>;
  nextCursor: string | null;
}
const STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;

/** 12345 平台对接投递: the outbox of status notifications, filtered, with a retry for failed ones. */
export function DeliveriesScreen(_props: { params: string[] }) {
  const { text, locale } = useTable(DELIVERY_ZH, DELIVERY_EN);
  const [status, setStatus] = useState('');
  const [orderId, setOrderId] = useState('');
  const [caseCode, setCaseCode] = useState('');
  const [filters, setFilters] = useState({ status: '', orderId: '', caseCode: '' });
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : '—');
  const stateName = (s: string | null) => (s ? (STATE_LABELS[s]?.[locale === 'en' ? 1 : 0] ?? s) : '—');

  const load = useCallback(
    async (cursor: string | null) => {
      const params = new URLSearchParams({ limit: '50' });
      for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
      if (cursor) params.set('cursor', cursor);
      try {
        const next = await api<Page>(`/api/admin/hotline-deliveries?${params}`);
        setPage((prev) => (cursor && prev ? { ...next, items: [...prev.items, ...next.items] } : next));
        setError(null);
      } catch (e) {
        setError(e);
      }
    },
    [filters],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setNotice('');
    setFilters({ status, orderId: orderId.trim(), caseCode: caseCode.trim() });
  };
  const retry = async (d: Delivery) => {
    try {
      await api(`/api/admin/hotline-deliveries/${d.id}/retry`, { method: 'POST' });
      setNotice(text('retried'));
    } catch (e) {
      setError(e);
    }
    await load(null);
  };

  return (
    <div className="admin deliveries">
      <h1>{text('title')}</h1>
      <p className="muted">{text('hint')}</p>
      <form className="row admin-filters" onSubmit={search}>
        <label>
          {text('status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{text('any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {text(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {text('orderId')}
          <input value={orderId} onChange={(e) => setOrderId(e.target.value)} />
        </label>
        <label>
          {text('caseCode')}
          <input value={caseCode} onChange={(e) => setCaseCode(e.target.value)} />
        </label>
        <button type="submit">{text('search')}</button>
      </form>
      {page && (
        <p data-testid="delivery-summary">
          {text('summary', {
            pending: page.counts.PENDING,
            delivered: page.counts.DELIVERED,
            failed: page.counts.FAILED,
          })}
        </p>
      )}
      {notice && (
        <p className="notice ok" role="status">
          {notice}
        </p>
      )}
      <FormErrors error={error} />
      {page && page.items.length > 0 && (
        <ScrollRegion label={text('title')}>
          <table className="admin-table">
            <thead>
              <tr>
                <th>{text('orderId')}</th>
                <th>{text('seq')}</th>
                <th>{text('caseCode')}</th>
                <th>{text('state')}</th>
                <th>{text('status')}</th>
                <th>{text('attempts')}</th>
                <th>{text('lastError')}</th>
                <th>{text('nextAttempt')}</th>
                <th>{text('deliveredAt')}</th>
                <th>{text('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((d) => (
                <tr key={d.id} className={`delivery-${d.status.toLowerCase()}`} data-testid="delivery-row">
                  <td>
                    <D>{d.orderId}</D>
                  </td>
                  <td>{d.seq}</td>
                  <td>
                    <a href={`#/case/${d.caseId}`}>
                      <D>{d.caseCode}</D>
                    </a>
                  </td>
                  <td>{stateName(d.state)}</td>
                  <td className="delivery-status">{text(d.status)}</td>
                  <td>{d.attempts}</td>
                  <td className="admin-ua">
                    <D>{d.lastError}</D>
                  </td>
                  <td>{d.waiting ? text('waiting') : time(d.nextAttemptAt)}</td>
                  <td>{time(d.deliveredAt)}</td>
                  <td className="admin-actions">
                    {d.status === 'FAILED' && (
                      <button type="button" onClick={() => void retry(d)}>
                        {text('retry')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {page && page.items.length === 0 && <p>{text('none')}</p>}
      {page?.nextCursor && (
        <button type="button" onClick={() => void load(page.nextCursor)}>
          {text('more')}
        </button>
      )}
    </div>
  );
}
