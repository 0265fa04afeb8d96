import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { api } from '../../lib/api';
import { D } from '../../lib/D';
import { ScrollRegion } from '../../lib/ScrollRegion';
import { FormErrors } from '../admin/FormErrors';
import '../admin/admin.css';
import { OPEN311_EN, OPEN311_ZH } from './messages';

interface KeyRow {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** A message whose `{placeholders}` are names and codes, kept as written in either language. */
function withCodes(template: string, values: Record<string, string>) {
  return template.split(/\{(\w+)\}/).map((part, i) =>
    i % 2 === 1 ? (
      <code key={part} translate="no">
        {values[part] ?? ''}
      </code>
    ) : (
      part
    ),
  );
}

/** 开放接口: admins issue Open311 api_keys (each shown once) and revoke them. */
export function Open311KeysScreen(_props: { params: string[] }) {
  const { text, locale } = useTable(OPEN311_ZH, OPEN311_EN);
  const [rows, setRows] = useState<KeyRow[]>([]);
  const [jurisdiction, setJurisdiction] = useState('');
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      const list = await api<{ jurisdictionId: string; keys: KeyRow[] }>('/api/admin/open311-keys');
      setRows(list.keys);
      setJurisdiction(list.jurisdictionId);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const issue = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const made = await api<{ name: string; key: string }>('/api/admin/open311-keys', {
        method: 'POST',
        json: { name },
      });
      setIssued(made);
      setName('');
      setError(null);
      await load();
    } catch (e) {
      setError(e);
    }
  };
  const revoke = async (row: KeyRow) => {
    if (!window.confirm(text('confirmRevoke', { name: row.name }))) return;
    try {
      await api(`/api/admin/open311-keys/${row.id}/revoke`, { method: 'POST' });
      setError(null);
      await load();
    } catch (e) {
      setError(e);
    }
  };
  const when = (at: string) => new Date(at).toLocaleString();

  return (
    <div className="admin open311-keys">
      <h1>{text('title')}</h1>
      <p>
        {withCodes((locale === 'en' ? OPEN311_EN : OPEN311_ZH).intro, {
          fixmystreet: 'FixMyStreet',
          standard: 'Open311 GeoReport v2',
          url: `${location.origin}/open311/v2/`,
          jurisdictionField: 'jurisdiction_id',
          jurisdiction,
        })}
      </p>
      <form className="card admin-create" onSubmit={issue} aria-label={text('issueTitle')}>
        <h2>{text('issueTitle')}</h2>
        <label>
          {text('name')}
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} required minLength={2} />
        </label>
        <button type="submit">{text('issue')}</button>
        {issued && (
          <output className="open311-issued" data-testid="open311-issued-key">
            {text('issuedOnce', { name: issued.name })}
            <code translate="no">{issued.key}</code>
          </output>
        )}
      </form>
      <FormErrors error={error} />
      <h2>{text('keysTitle')}</h2>
      {rows.length === 0 ? (
        <p>{text('none')}</p>
      ) : (
        <ScrollRegion label={text('keysTitle')}>
          <table className="admin-table" data-testid="open311-keys">
            <thead>
              <tr>
                <th>{text('name')}</th>
                <th>{text('prefix')}</th>
                <th>{text('createdAt')}</th>
                <th>{text('lastUsedAt')}</th>
                <th>{text('status')}</th>
                <th>{text('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={r.revokedAt ? 'inactive' : undefined}>
                  <td>
                    <D>{r.name}</D>
                  </td>
                  <td>
                    <code translate="no">{r.keyPrefix}…</code>
                  </td>
                  <td>{when(r.createdAt)}</td>
                  <td>{r.lastUsedAt ? when(r.lastUsedAt) : text('never')}</td>
                  <td>{r.revokedAt ? text('revoked', { at: when(r.revokedAt) }) : text('active')}</td>
                  <td className="admin-actions">
                    {!r.revokedAt && (
                      <button type="button" className="link" onClick={() => void revoke(r)}>
                        {text('revoke')}
                        <span className="visually-hidden">
                          {' '}
                          <D>{r.name}</D>
                        </span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
