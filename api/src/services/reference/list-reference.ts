import { isWithin } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';
import { findHomeUnit } from '../../policies';
import type { AuthUser } from '../auth/auth-user';

/** Active categories, major classes first, each with its limits override (if any). */
export async function listCategories(ctx: AppContext) {
  const rows = await ctx.db.read.category.findMany({ where: { isActive: true }, orderBy: { code: 'asc' } });
  return rows.map((c) => ({
    code: c.code,
    name: c.name,
    nameEn: c.nameEn,
    parentCode: c.parentCode,
    departmentKind: c.departmentKind,
    limits: c.limits ? (JSON.parse(c.limits) as unknown) : null,
  }));
}

/**
 * Departments related to the caller's unit: those at or below it (township offices, county
 * bureaux) and those above it that it may call on (吹哨报到). Dispatch uses the same rule.
 */
export async function listDepartments(ctx: AppContext, user: AuthUser) {
  const home = await findHomeUnit(ctx, user);
  if (!home) return [];
  const rows = await ctx.db.read.department.findMany({ orderBy: [{ unitCode: 'asc' }, { id: 'asc' }] });
  return rows
    .filter((d) => isWithin(d.unitCode, home) || isWithin(home, d.unitCode))
    .map((d) => ({ id: d.id, name: d.name, kind: d.kind, unitCode: d.unitCode }));
}
