import type { TPlaceNameEntry } from '@wangge/shared/places/place-schemas';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTable } from '../../i18n/i18n';
import { D, dataLang } from '../../lib/D';
import { ScrollRegion } from '../../lib/ScrollRegion';
import { FormErrors } from '../admin/FormErrors';
import { listPlaceNames } from './gazetteer-api';
import { GAZETTEER_EN, GAZETTEER_ZH, kindKey } from './messages';

/** The gazetteer's entries: a name-or-alias search, newest first or by name, 加载更多. `version` reloads. */
export function GazetteerList({ version }: { version: number }) {
  const { text, locale } = useTable(GAZETTEER_ZH, GAZETTEER_EN);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('newest');
  const [filter, setFilter] = useState({ q: '', sort: 'newest' });
  const [rows, setRows] = useState<TPlaceNameEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    async (after: string | null) => {
      try {
        const page = await listPlaceNames(filter, after);
        setRows((prev) => (after && prev ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(e);
      }
    },
    [filter],
  );
  useEffect(() => {
    void version;
    void load(null);
  }, [load, version]);
  const search = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ q: q.trim(), sort });
  };
  return (
    <section>
      <h2>{text('listTitle')}</h2>
      <form className="row admin-filters" onSubmit={search}>
        <label>
          {text('search')}
          <input name="q" type="search" value={q} maxLength={60} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label>
          {text('sort')}
          <select name="sort" value={sort} onChange={(e) => setSort(e.target.value)}>
            <option value="newest">{text('sort.newest')}</option>
            <option value="name">{text('sort.name')}</option>
          </select>
        </label>
        <button type="submit">{text('find')}</button>
      </form>
      <FormErrors error={error} />
      {rows && rows.length === 0 && <p className="muted">{text('none')}</p>}
      {rows && rows.length > 0 && (
        <ScrollRegion label={text('listTitle')}>
          <table className="admin-table gazetteer-list">
            <thead>
              <tr>
                <th>{text('name')}</th>
                <th>{text('kind')}</th>
                <th>{text('aliases')}</th>
                <th>{text('place')}</th>
                <th>{text('grid')}</th>
                <th>{text('point')}</th>
                <th>{text('source')}</th>
                <th>{text('createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} data-testid="gazetteer-row" data-name={p.name}>
                  <td>
                    <D>{p.name}</D>
                  </td>
                  <td>{text(kindKey(p.kind))}</td>
                  <td>
                    <D>{p.aliases.join('、')}</D>
                  </td>
                  <td>
                    <D>{p.fullName}</D>
                  </td>
                  <td>
                    <D>{p.gridName || p.gridCode}</D>
                  </td>
                  <td>
                    {p.lon.toFixed(6)}, {p.lat.toFixed(6)}
                  </td>
                  <td>
                    {/* A file's or data set's name: kept as written. */}
                    <span translate="no" lang={dataLang(p.source)}>
                      {p.source}
                    </span>
                  </td>
                  <td>{new Date(p.createdAt).toLocaleString(locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {cursor && (
        <button type="button" data-testid="gazetteer-more" onClick={() => void load(cursor)}>
          {text('more')}
        </button>
      )}
    </section>
  );
}
