import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { FormErrors } from './FormErrors';
import { OUTCOME_KEYS, useAdminText } from './messages';
import './admin.css';
import { D } from '../../lib/D';
import { ScrollRegion } from '../../lib/ScrollRegion';

interface AuthEvent {
  id: number;
  at: string;
  outcome: string;
  username: string;
  ip: string | null;
  userAgent: string | null;
}

/** 登录审计: sign-in attempts and account changes, newest first, filtered by user and outcome. */
export function AuthAuditScreen(_props: { params: string[] }) {
  const { at, outcome: outcomeName } = useAdminText();
  const [username, setUsername] = useState('');
  const [outcome, setOutcome] = useState('');
  const [rows, setRows] = useState<AuthEvent[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    async (after: number | null) => {
      const params = new URLSearchParams({ limit: '50' });
      if (username.trim()) params.set('username', username.trim());
      if (outcome) params.set('outcome', outcome);
      if (after) params.set('cursor', String(after));
      try {
        const page = await api<{ items: AuthEvent[]; nextCursor: number | null }>(
          `/api/admin/auth-events?${params}`,
        );
        setRows((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(e);
      }
    },
    [username, outcome],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  return (
    <div className="admin">
      <h1>{at('auditTitle')}</h1>
      <div className="row admin-filters">
        <label>
          {at('username')}
          <input value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {at('outcome')}
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="">{at('any')}</option>
            {OUTCOME_KEYS.map((o) => (
              <option key={o} value={o}>
                {outcomeName(o)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FormErrors error={error} />
      <ScrollRegion label={at('auditTitle')}>
        <table className="admin-table">
          <thead>
            <tr>
              <th>{at('at')}</th>
              <th>{at('username')}</th>
              <th>{at('outcome')}</th>
              <th>{at('ip')}</th>
              <th>{at('userAgent')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id} className={`outcome-${e.outcome.toLowerCase()}`}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>
                  <D>{e.username}</D>
                </td>
                <td>{outcomeName(e.outcome)}</td>
                <td>
                  <D>{e.ip}</D>
                </td>
                <td className="admin-ua">
                  <D>{e.userAgent}</D>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {cursor && (
        <button type="button" onClick={() => void load(cursor)}>
          {at('more')}
        </button>
      )}
    </div>
  );
}
