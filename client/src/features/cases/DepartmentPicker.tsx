import { departmentKindOf, suggestDepartment } from '@wangge/shared/domain/dispatch-suggestion';
import { useEffect, useMemo } from 'react';
import { DEPARTMENT_KIND_LABELS } from '../../i18n/workflow-labels';
import { D, dataLang } from '../../lib/D';
import { categoryName, type Department, useCategories } from '../../lib/reference';
import { useActionText } from './action-text';
import type { CaseDetail } from './case-types';

/**
 * The departments of a dispatch (lead + co-handlers) or a whistle call. The category's usual
 * department at the owning level comes first, preselected, with the reason; the owning level's own
 * departments next; those of other levels last, in their own group.
 */
export function DepartmentPicker(props: {
  kase: CaseDetail;
  mode: 'dispatch' | 'whistle';
  departments: Department[];
  lead: string;
  onLead(id: string): void;
  others: string[];
  onOthers(ids: string[]): void;
}) {
  const { at, locale } = useActionText();
  const { kase, departments, lead, onLead, mode } = props;
  const categories = useCategories();
  const suggestion = useMemo(
    () => suggestDepartment(departmentKindOf(kase.categoryCode, categories), kase.ownerUnitCode, departments),
    [kase.categoryCode, kase.ownerUnitCode, categories, departments],
  );
  useEffect(() => {
    if (mode === 'dispatch' && !lead && suggestion) onLead(suggestion.department.id);
  }, [mode, lead, suggestion, onLead]);
  const own = departments.filter((d) => d.unitCode === kase.ownerUnitCode);
  const elsewhere = departments.filter((d) => d.unitCode !== kase.ownerUnitCode);
  const unitName = kase.names.units[kase.ownerUnitCode] ?? kase.ownerUnitCode;
  const nameOf = (d: Department) =>
    suggestion?.department.id === d.id ? `${d.name}（${at('suggested')}）` : d.name;
  const why = () => {
    if (!suggestion) return at('noSuggestion');
    const pair = (k: string) => DEPARTMENT_KIND_LABELS[k]?.[locale === 'en' ? 1 : 0] ?? k;
    const where =
      suggestion.why === 'SAME_KIND'
        ? at('whereOwn', { unit: unitName })
        : suggestion.why === 'TOWNSHIP_OFFICE'
          ? at('whereOffice', { office: pair(suggestion.department.kind) })
          : at('whereAbove');
    return at('suggestWhy', {
      category: categoryName(categories, kase.categoryCode, locale),
      kind: pair(departmentKindOf(kase.categoryCode, categories) ?? ''),
      where,
    });
  };
  const toggle = (id: string) =>
    props.onOthers(props.others.includes(id) ? props.others.filter((x) => x !== id) : [...props.others, id]);
  // The suggested one has its own group at the top.
  const options = (list: Department[]) =>
    list
      .filter((d) => d.id !== suggestion?.department.id)
      .map((d) => (
        <option key={d.id} value={d.id} lang={dataLang(d.name)}>
          {d.name}
        </option>
      ));
  const boxes = (list: Department[]) =>
    list
      .filter((d) => d.id !== lead)
      .map((d) => (
        <label key={d.id} className="inline">
          <input type="checkbox" checked={props.others.includes(d.id)} onChange={() => toggle(d.id)} />{' '}
          <D>{d.name}</D>
        </label>
      ));
  return (
    <>
      {mode === 'dispatch' && (
        <label>
          {at('lead')}
          <select
            name="leadDepartmentId"
            value={lead}
            onChange={(e) => onLead(e.target.value)}
            required
            aria-describedby="dispatch-suggestion"
          >
            <option value="" />
            {suggestion && (
              <optgroup label={at('suggested')}>
                <option value={suggestion.department.id} lang={dataLang(suggestion.department.name)}>
                  {nameOf(suggestion.department)}
                </option>
              </optgroup>
            )}
            <optgroup label={at('ownDepartments', { unit: unitName })}>{options(own)}</optgroup>
            <optgroup label={at('otherLevels')}>{options(elsewhere)}</optgroup>
          </select>
          <span id="dispatch-suggestion" className="muted small" data-testid="dispatch-suggestion">
            {why()}
          </span>
        </label>
      )}
      <fieldset>
        <legend>{mode === 'whistle' ? at('whistleDepartments') : at('coHandlers')}</legend>
        {boxes(own)}
        {elsewhere.length > 0 && (
          <details open={mode === 'whistle'}>
            <summary>{at('otherLevels')}</summary>
            {boxes(elsewhere)}
          </details>
        )}
      </fieldset>
    </>
  );
}
