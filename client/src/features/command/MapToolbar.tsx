import { OPEN_STATES } from '@wangge/shared/domain/constants';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { D, dataLang } from '../../lib/D';
import { categoryName, useCategories } from '../../lib/reference';
import type { SearchHit } from './map-search';
import { type CommandKey, useCommandText } from './messages';

/** The marker filters: category (top level), state, overdue only. */
export interface MarkerFilter {
  category: string;
  state: string;
  isOverdueOnly: boolean;
}
export const NO_FILTER: MarkerFilter = { category: '', state: '', isOverdueOnly: false };

interface Props {
  filter: MarkerFilter;
  onFilter(f: MarkerFilter): void;
  isHeat: boolean;
  onHeat(isOn: boolean): void;
  onSearch(text: string): Promise<SearchHit[]>;
  onPick(hit: SearchHit): void;
}

/** Search by case number, cell code or place name; marker filters; the heat layer switch. */
export function MapToolbar({ filter, onFilter, isHeat, onHeat, onSearch, onPick }: Props) {
  const ct = useCommandText();
  const { state, locale } = useI18n();
  const categories = useCategories().filter((c) => c.code.length === 2);
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  return (
    <div className="cmd-toolbar">
      <search>
        <form
          className="cmd-search"
          onSubmit={(e) => {
            e.preventDefault();
            void onSearch(text).then((found) => {
              setHits(found);
              if (found.length === 1) onPick(found[0]!);
            });
          }}
        >
          <input
            type="search"
            aria-label={ct('searchLabel')}
            placeholder={ct('searchPlaceholder')}
            value={text}
            data-testid="map-search"
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit">{ct('search')}</button>
          {hits && hits.length !== 1 && (
            <ul className="cmd-hits" aria-label={ct('searchResults')} data-testid="map-hits">
              {hits.length === 0 && <li className="muted">{ct('searchNone')}</li>}
              {hits.map((h) => (
                <li key={`${h.kind}-${h.code}`}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setHits(null);
                      onPick(h);
                    }}
                  >
                    <D>{h.name}</D>
                  </button>{' '}
                  <span className="muted">{ct(`level_${h.kind}` as CommandKey)}</span>
                </li>
              ))}
            </ul>
          )}
        </form>
      </search>
      <fieldset className="cmd-filters">
        <legend className="visually-hidden">{ct('filters')}</legend>
        <label>
          {ct('category')}{' '}
          <select
            data-testid="filter-category"
            value={filter.category}
            onChange={(e) => onFilter({ ...filter, category: e.target.value })}
          >
            <option value="">{ct('all')}</option>
            {categories.map((c) => {
              const name = categoryName(categories, c.code, locale);
              return (
                <option key={c.code} value={c.code} lang={dataLang(name)}>
                  {name}
                </option>
              );
            })}
          </select>
        </label>
        <label>
          {ct('state')}{' '}
          <select
            data-testid="filter-state"
            value={filter.state}
            onChange={(e) => onFilter({ ...filter, state: e.target.value })}
          >
            <option value="">{ct('all')}</option>
            {OPEN_STATES.map((s) => (
              <option key={s} value={s}>
                {state(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input
            type="checkbox"
            data-testid="filter-overdue"
            checked={filter.isOverdueOnly}
            onChange={(e) => onFilter({ ...filter, isOverdueOnly: e.target.checked })}
          />{' '}
          {ct('overdueOnly')}
        </label>
        <label className="inline">
          <input
            type="checkbox"
            data-testid="heat"
            checked={isHeat}
            onChange={(e) => onHeat(e.target.checked)}
          />{' '}
          {ct('heat')}
        </label>
      </fieldset>
    </div>
  );
}
