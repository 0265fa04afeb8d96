import { ancestorCode, isWithin, levelOfCode } from '@wangge/shared/domain/unit-codes';
import type { Prisma } from '../../generated/prisma/client';
import type { AuthUser } from '../auth/auth-user';

/**
 * The Prisma filter for the cases a user may see: a unit sees its subtree, a grid worker
 * their cells (and what they reported), a department what was dispatched to it. Every case
 * query goes through this; a user with no jurisdiction sees nothing.
 */
export function caseScopeWhere(user: AuthUser): Prisma.CaseWhereInput {
  switch (user.role) {
    case 'ADMIN':
    case 'HOTLINE':
      return {};
    case 'GRID_WORKER':
      return { OR: [{ gridCode: { in: [...user.gridCodes] } }, { reporterId: user.id }] };
    case 'DEPT_STAFF':
      // A department sees what was dispatched to it or what it was whistled to.
      return user.departmentId
        ? {
            OR: [
              { tasks: { some: { departmentId: user.departmentId } } },
              { whistles: { some: { departmentId: user.departmentId } } },
            ],
          }
        : { id: '' };
    default:
      return user.unitCode ? unitSubtreeWhere(user.unitCode) : { id: '' };
  }
}

/**
 * The same scope as {@link caseScopeWhere}, as a list of branches whose union it is. A list
 * query runs one index-ordered query per branch and merges them, instead of an OR that makes
 * SQLite sort the whole scope (a grid worker: their cells, plus their own reports elsewhere).
 */
export function caseScopeBranches(user: AuthUser): Prisma.CaseWhereInput[] {
  if (user.role === 'GRID_WORKER')
    return [{ gridCode: { in: [...user.gridCodes] } }, { reporterId: user.id }];
  return [caseScopeWhere(user)];
}

/** Cases located in the subtree of a unit, by the denormalised code columns (indexed). */
export function unitSubtreeWhere(unitCode: string): Prisma.CaseWhereInput {
  switch (levelOfCode(unitCode)) {
    case 'CITY':
      return {};
    case 'COUNTY':
      return { countyCode: unitCode };
    case 'TOWNSHIP':
      return { townshipCode: unitCode };
    case 'VILLAGE':
      return { villageCode: unitCode };
    case 'GRID':
      return { gridCode: unitCode };
  }
}

/** Whether a user's jurisdiction covers a grid cell (for reporting a location). */
export function coversGrid(user: AuthUser, gridCode: string, departmentUnitCode: string | null): boolean {
  switch (user.role) {
    case 'ADMIN':
    case 'HOTLINE':
      return true;
    case 'GRID_WORKER':
      // A worker may report anywhere in the villages of their cells (neighbouring cells too).
      return user.gridCodes.some((g) => ancestorCode(g, 'VILLAGE') === ancestorCode(gridCode, 'VILLAGE'));
    case 'DEPT_STAFF':
      return departmentUnitCode !== null && isWithin(gridCode, departmentUnitCode);
    default:
      return user.unitCode !== null && isWithin(gridCode, user.unitCode);
  }
}
