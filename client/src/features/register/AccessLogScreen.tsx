import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { apiDownload } from '../../lib/api';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { shanghaiTime } from '../evaluation/evaluation-api';
import { useRegText } from './messages';
import { type AccessFilter, type AccessLine, accessLogExportPath, fetchAccessLog } from './register-api';
import './register.css';

/** 访问日志: who saw which full values (and who exported the log), for auditors and admins. */
export function AccessLogScreen(_props: { params: string[] }) {
  const { rt, locale } = useRegText();
  const { t } = useI18n();
  const [draft, setDraft] = useState<AccessFilter>({});
  const [filter, setFilter] = useState<AccessFilter>({});
  const [rows, setRows] = useState<AccessLine[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const asked = useRef(0);
  const load = useCallback((f: AccessFilter, after?: string) => {
    const id = ++asked.current;
    setError(null);
    fetchAccessLog(f, after).then(
      (page) => {
        if (id !== asked.current) return;
        setRows((prev) => (after ? [...(prev ?? []), ...page.data] : page.data));
        setCursor(page.nextCursor);
      },
      (e: unknown) => id === asked.current && setError(e),
    );
  }, []);
  useEffect(() => load(filter), [filter, load]);
  const set = (k: keyof AccessFilter, v: string) => setDraft((d) => ({ ...d, [k]: v.trim() || undefined }));
  const doExport = () => {
    setExporting(true);
    setError(null);
    // The server logs the export before it builds the file.
    apiDownload(accessLogExportPath(filter), 'access-log.xlsx')
      .then(() => load(filter)) // the export is a line of the log itself
      .catch(setError)
      .finally(() => setExporting(false));
  };
  return (
    <div className="reg">
      <h1>{rt('accessTitle')}</h1>
      <form
        className="reg-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...draft });
        }}
      >
        <label>
          {rt('person')}
          <input name="person" value={draft.person ?? ''} onChange={(e) => set('person', e.target.value)} />
        </label>
        <label>
          {rt('user')}
          <input name="user" value={draft.user ?? ''} onChange={(e) => set('user', e.target.value)} />
        </label>
        <label>
          {rt('from')}
          <input
            type="date"
            name="from"
            value={draft.from ?? ''}
            onChange={(e) => set('from', e.target.value)}
          />
        </label>
        <label>
          {rt('to')}
          <input type="date" name="to" value={draft.to ?? ''} onChange={(e) => set('to', e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {rt('apply')}
        </button>
        <button type="button" onClick={doExport} disabled={exporting} data-testid="access-export">
          {exporting ? rt('exporting') : rt('exportXlsx')}
        </button>
      </form>
      <ErrorNotice error={error} />
      {rows && rows.length === 0 && <p className="muted">{rt('noLines')}</p>}
      {rows && rows.length > 0 && (
        <div className="reg-table-wrap">
          <table data-testid="access-list">
            <thead>
              <tr>
                <th scope="col">{rt('at')}</th>
                <th scope="col">{rt('who')}</th>
                <th scope="col">{rt('role')}</th>
                <th scope="col">{rt('action')}</th>
                <th scope="col">{rt('person')}</th>
                <th scope="col">{rt('purposeCol')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-action={r.action} data-person={r.personId ?? ''}>
                  <td>{shanghaiTime(r.at, locale, true)}</td>
                  <td>
                    <D>{r.username}</D>
                  </td>
                  <td>{t(`role.${r.role}` as 'role.ADMIN')}</td>
                  <td>{rt(r.action === 'EXPORT' ? 'action.EXPORT' : 'action.REVEAL')}</td>
                  <td>
                    <D>{r.personId ?? '—'}</D>
                  </td>
                  <td>
                    <D>{r.purpose}</D>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" onClick={() => load(filter, cursor)} data-testid="load-more">
          {rt('loadMore')}
        </button>
      )}
    </div>
  );
}
