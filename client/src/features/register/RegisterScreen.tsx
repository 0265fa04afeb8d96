import { useCallback, useEffect, useRef, useState } from 'react';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useAuth } from '../auth/auth';
import { useRegText } from './messages';
import { classesForRole, fetchPersons, type Person, type PersonFilter, writesRegister } from './register-api';
import './register.css';

/**
 * 人口登记: the persons the caller may see, searched and filtered, masked, keyset-paged.
 * `#/register/CODE` opens it filtered to a cell (the cell page links so).
 */
export function RegisterScreen({ params }: { params: string[] }) {
  const { me } = useAuth();
  const { rt, className } = useRegText();
  const role = me?.role ?? '';
  const cellParam = /^\d{15}$/.test(params[0] ?? '') ? params[0] : undefined;
  const [draft, setDraft] = useState<PersonFilter>({ grid: cellParam });
  const [filter, setFilter] = useState<PersonFilter>({ grid: cellParam });
  useEffect(() => {
    // Another cell from a link (the same screen stays mounted across hash changes).
    setDraft((d) => (d.grid === cellParam ? d : { grid: cellParam }));
    setFilter((f) => (f.grid === cellParam ? f : { grid: cellParam }));
  }, [cellParam]);
  const [rows, setRows] = useState<Person[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);

  const load = useCallback((f: PersonFilter, after?: string) => {
    const id = ++asked.current;
    setBusy(true);
    setError(null);
    fetchPersons(f, after).then(
      (page) => {
        if (id !== asked.current) return;
        setRows((prev) => (after ? [...(prev ?? []), ...page.data] : page.data));
        setCursor(page.nextCursor);
        setBusy(false);
      },
      (e: unknown) => {
        if (id !== asked.current) return;
        setError(e);
        setBusy(false);
      },
    );
  }, []);
  useEffect(() => load(filter), [filter, load]);

  const cells = role === 'GRID_WORKER' ? (me?.gridCodes ?? []) : null;
  const set = (k: keyof PersonFilter, v: string) => setDraft((d) => ({ ...d, [k]: v || undefined }));
  return (
    <div className="reg">
      <h1>{rt('registerTitle')}</h1>
      <form
        className="reg-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...draft, q: draft.q?.trim() || undefined });
        }}
      >
        <label>
          {rt('search')}
          <input
            name="q"
            type="search"
            placeholder={rt('searchHint')}
            value={draft.q ?? ''}
            onChange={(e) => set('q', e.target.value)}
          />
        </label>
        {cells ? (
          <label>
            {rt('cell')}
            <select name="grid" value={draft.grid ?? ''} onChange={(e) => set('grid', e.target.value)}>
              <option value="">{rt('allCells')}</option>
              {cells.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            {rt('cell')}
            <input
              name="grid"
              inputMode="numeric"
              pattern="\d{15}"
              placeholder={rt('cellHint')}
              value={draft.grid ?? ''}
              onChange={(e) => set('grid', e.target.value.trim())}
            />
          </label>
        )}
        <label>
          {rt('klass')}
          <select name="tag" value={draft.tag ?? ''} onChange={(e) => set('tag', e.target.value)}>
            <option value="">{rt('allClasses')}</option>
            {classesForRole(role).map((c) => (
              <option key={c.code} value={c.code}>
                {className(c.code)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            name="archived"
            checked={draft.archived === 'true'}
            onChange={(e) => set('archived', e.target.checked ? 'true' : '')}
          />
          {rt('archived')}
        </label>
        <button type="submit" className="primary">
          {rt('search')}
        </button>
        {writesRegister(role) && (
          <a className="button" href="#/person/new" data-testid="person-new">
            {rt('newPerson')}
          </a>
        )}
        {writesRegister(role) && (
          <a className="button" href="#/sheets" data-testid="register-sheets">
            {rt('sheets')}
          </a>
        )}
      </form>
      <ErrorNotice error={error} />
      {rows && rows.length === 0 && <p className="muted">{rt('none')}</p>}
      {rows && rows.length > 0 && (
        <div className="reg-table-wrap">
          <table data-testid="person-list">
            <thead>
              <tr>
                <th scope="col">{rt('name')}</th>
                <th scope="col">{rt('idNumber')}</th>
                <th scope="col">{rt('phone')}</th>
                <th scope="col">{rt('cell')}</th>
                <th scope="col">{rt('classes')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} data-id={p.id}>
                  <td>
                    <a href={`#/person/${p.id}`}>
                      <D>{p.name}</D>
                    </a>
                    {p.archivedAt && <span className="badge"> {rt('kind.ARCHIVED')}</span>}
                  </td>
                  <td className="masked">{p.idNumberMasked}</td>
                  <td className="masked">{p.phoneMasked}</td>
                  <td>
                    <a href={`#/cell/${p.gridCode}`}>{p.gridCode}</a>
                  </td>
                  <td>{p.tags.map((t) => className(t.code)).join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" disabled={busy} onClick={() => load(filter, cursor)} data-testid="load-more">
          {busy ? rt('sending') : rt('loadMore')}
        </button>
      )}
    </div>
  );
}
