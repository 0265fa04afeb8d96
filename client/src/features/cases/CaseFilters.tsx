import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useCategories } from '../../lib/reference';
import type { CaseSummary } from './case-types';

export interface Filter {
  /** Searched on the server (code, title, description). */
  q: string;
  /** A major class (two digits), or '' for every category. */
  category: string;
  overdueOnly: boolean;
  urgentOnly: boolean;
}
export const NO_FILTER: Filter = { q: '', category: '', overdueOnly: false, urgentOnly: false };

/** Whether a listed case passes the filters applied on the client. */
export const matches = (c: CaseSummary, f: Filter) =>
  (!f.category || c.categoryCode.startsWith(f.category)) &&
  (!f.overdueOnly || c.isOverdue) &&
  (!f.urgentOnly || c.priority === 'URGENT');

/** Search by code or text (sent 300 ms after typing stops), category, overdue, urgent. */
export function CaseFilters({ value, onChange }: { value: Filter; onChange(f: Filter): void }) {
  const { locale } = useI18n();
  const en = locale === 'en';
  const categories = useCategories().filter((c) => c.parentCode === null);
  const [text, setText] = useState(value.q);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (text.trim() !== value.q) onChange({ ...value, q: text.trim() });
    }, 300);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="row filters" data-testid="case-filters">
      <label>
        {en ? 'Search' : '搜索'}
        <input
          type="search"
          name="q"
          placeholder={en ? 'Case no., title or description' : '案件编号、标题或描述'}
          value={text}
          // % and _ are refused by the API (they would act as wildcards).
          onChange={(e) => setText(e.target.value.replace(/[%_]/g, ''))}
        />
      </label>
      <label>
        {en ? 'Category' : '类别'}
        <select value={value.category} onChange={(e) => onChange({ ...value, category: e.target.value })}>
          <option value="">{en ? 'All categories' : '全部类别'}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {en ? c.nameEn : c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={value.overdueOnly}
          onChange={(e) => onChange({ ...value, overdueOnly: e.target.checked })}
        />
        {en ? 'Overdue only' : '只看超期'}
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={value.urgentOnly}
          onChange={(e) => onChange({ ...value, urgentOnly: e.target.checked })}
        />
        {en ? 'Urgent only' : '只看紧急'}
      </label>
    </div>
  );
}
