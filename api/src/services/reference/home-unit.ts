import { ancestorCode, isWithin } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';

const CITY_CODE = '371500000000';

/**
 * The unit whose subtree a user sees: their own unit, their department's unit, or the
 * village of the cells a grid worker serves; the city for admins and hotline operators.
 */
export async function findHomeUnit(ctx: AppContext, user: AuthUser): Promise<string | null> {
  if (user.role === 'ADMIN' || user.role === 'HOTLINE') return CITY_CODE;
  if (user.role === 'GRID_WORKER') {
    const first = user.gridCodes[0];
    return first ? ancestorCode(first, 'VILLAGE') : null;
  }
  if (user.role === 'DEPT_STAFF') {
    if (!user.departmentId) return null;
    const dept = await ctx.db.read.department.findUnique({ where: { id: user.departmentId } });
    return dept?.unitCode ?? null;
  }
  return user.unitCode;
}

/** A unit is visible when it is in the home subtree or on the chain above home. */
export function isUnitVisible(home: string | null, code: string): boolean {
  return home !== null && (isWithin(code, home) || isWithin(home, code));
}
