import { isOpen311Service } from '@wangge/shared/open311/services';
import type { AppContext } from '../../context';

/**
 * The categories the public page offers, grouped by major class: the active sub-categories
 * outside 矛盾纠纷 and 治安隐患 (the same rule as Open311's services: reports naming persons do
 * not come in anonymously).
 */
export async function listCitizenCategories(ctx: AppContext) {
  const all = await ctx.db.read.category.findMany({
    where: { isActive: true },
    select: { code: true, name: true, nameEn: true, parentCode: true },
    orderBy: { code: 'asc' },
  });
  const subs = all.filter(isOpen311Service);
  const majors = all.filter((c) => c.parentCode === null && subs.some((s) => s.parentCode === c.code));
  return [...majors, ...subs];
}
