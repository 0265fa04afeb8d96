import { ancestorCode, CITY_CODE, isWithin } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../context';
import type { AuthUser } from '../services/auth/auth-user';

/** The unit of a department user's department (from the in-memory reference cache). */
export function departmentUnitOf(ctx: AppContext, user: AuthUser): string | null {
  return user.departmentId ? (ctx.reference.department(user.departmentId)?.unitCode ?? null) : null;
}

/**
 * The unit whose subtree a user sees: their own unit, their department's unit, or the
 * village of the cells a grid worker serves; the city for admins and hotline operators.
 * Served from memory: it runs on every scoped reference, stats and grid request.
 */
export async function findHomeUnit(ctx: AppContext, user: AuthUser): Promise<string | null> {
  if (user.role === 'ADMIN' || user.role === 'HOTLINE') return CITY_CODE;
  if (user.role === 'GRID_WORKER') {
    const first = user.gridCodes[0];
    return first ? ancestorCode(first, 'VILLAGE') : null;
  }
  if (user.role === 'DEPT_STAFF') return departmentUnitOf(ctx, user);
  return user.unitCode;
}

/** A unit is visible when it is in the home subtree or on the chain above home. */
export function isUnitVisible(home: string | null, code: string): boolean {
  return home !== null && (isWithin(code, home) || isWithin(home, code));
}
