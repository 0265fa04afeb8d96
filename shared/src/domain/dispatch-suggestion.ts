import { chainOf } from './unit-codes';

export interface DispatchTarget {
  id: string;
  kind: string;
  unitCode: string;
}

/**
 * A township has two offices instead of the county's bureaux: matters of enforcement go to its
 * 综合行政执法中队 (ZHIFA), matters of people to its 社会事务办公室 (SHIWU). Kinds without a
 * township counterpart (police, water, transport) go to the county bureau.
 */
const TOWNSHIP_COUNTERPART: Record<string, string> = {
  CHENGGUAN: 'ZHIFA',
  ZHUJIAN: 'ZHIFA',
  HUANBAO: 'ZHIFA',
  SHICHANG: 'ZHIFA',
  YINGJI: 'ZHIFA',
  MINZHENG: 'SHIWU',
  SIFA: 'SHIWU',
};

export type SuggestionWhy = 'SAME_KIND' | 'TOWNSHIP_OFFICE' | 'NEAREST_ABOVE';

/**
 * The department a case of this kind should go to from its owning unit: the unit's own department
 * of that kind, else the township office that does that work, else the nearest one above.
 */
export function suggestDepartment<D extends DispatchTarget>(
  departmentKind: string | null,
  ownerUnitCode: string,
  departments: readonly D[],
): { department: D; why: SuggestionWhy } | null {
  if (!departmentKind) return null;
  const own = departments.filter((d) => d.unitCode === ownerUnitCode);
  const same = own.find((d) => d.kind === departmentKind);
  if (same) return { department: same, why: 'SAME_KIND' };
  const office = own.find((d) => d.kind === TOWNSHIP_COUNTERPART[departmentKind]);
  if (office) return { department: office, why: 'TOWNSHIP_OFFICE' };
  for (const unit of chainOf(ownerUnitCode).slice(1)) {
    const above = departments.find((d) => d.unitCode === unit && d.kind === departmentKind);
    if (above) return { department: above, why: 'NEAREST_ABOVE' };
  }
  return null;
}

/** A category's department kind: its own, else its major class's (two-digit code). */
export function departmentKindOf(
  categoryCode: string,
  categories: readonly { code: string; departmentKind: string | null }[],
): string | null {
  const own = categories.find((c) => c.code === categoryCode);
  return (
    own?.departmentKind ?? categories.find((c) => c.code === categoryCode.slice(0, 2))?.departmentKind ?? null
  );
}
