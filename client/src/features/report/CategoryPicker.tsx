import { useMemo, useState } from 'react';
import type { Category } from '../../lib/reference';
import { useReportText } from './messages';

interface Props {
  categories: Category[];
  value: string;
  onChange(code: string): void;
}

/** Sub-classes grouped under their major class, filtered by a search on name or code. */
export function CategoryPicker({ categories, value, onChange }: Props) {
  const { rt, locale } = useReportText();
  const [query, setQuery] = useState('');
  const label = (c: Category) => (locale === 'en' ? c.nameEn : c.name);
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const hit = (c: Category) =>
      !q || c.name.includes(q) || c.nameEn.toLowerCase().includes(q) || c.code.startsWith(q);
    return categories
      .filter((c) => !c.parentCode)
      .map((major) => {
        const subs = categories.filter((c) => c.parentCode === major.code);
        const items = subs.length ? subs : [major];
        return { major, items: hit(major) ? items : items.filter(hit) };
      })
      .filter((g) => g.items.length > 0);
  }, [categories, query]);
  const chosen = categories.find((c) => c.code === value);

  const search = (text: string) => {
    setQuery(text);
    const t = text.trim();
    const exact = categories.find(
      (c) => c.name === t || c.code === t || c.nameEn.toLowerCase() === t.toLowerCase(),
    );
    if (exact && !categories.some((c) => c.parentCode === exact.code)) onChange(exact.code);
  };

  return (
    <fieldset className="report-category">
      <legend>{rt('category')}</legend>
      {chosen && (
        <p className="chosen" data-testid="category-chosen" data-code={chosen.code}>
          {rt('categoryChosen')}
          <strong>
            {categories.find((c) => c.code === chosen.parentCode)?.[locale === 'en' ? 'nameEn' : 'name']}
            {chosen.parentCode ? ' › ' : ''}
            {label(chosen)}
          </strong>
        </p>
      )}
      <input
        type="search"
        name="categoryCode"
        data-testid="category-search"
        placeholder={rt('categorySearch')}
        value={query}
        onChange={(e) => search(e.target.value)}
        autoComplete="off"
      />
      <div className="category-list" role="listbox" aria-label={rt('category')}>
        {groups.length === 0 && <p className="muted small">{rt('categoryNone')}</p>}
        {groups.map(({ major, items }) => (
          <div key={major.code} className="category-group">
            <div className="category-major">{label(major)}</div>
            <div className="category-items">
              {items.map((c) => (
                <button
                  key={c.code}
                  type="button"
                  role="option"
                  aria-selected={c.code === value}
                  data-testid="category-option"
                  data-code={c.code}
                  className={c.code === value ? 'chip selected' : 'chip'}
                  onClick={() => onChange(c.code)}
                >
                  {label(c)}
                </button>
              ))}
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
