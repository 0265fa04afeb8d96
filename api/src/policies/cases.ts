import { ancestorCode, isWithin, levelOfCode, significantPrefix } from '@wangge/shared/domain/unit-codes';
import { Prisma } from '../generated/prisma/client';
import type { AuthUser } from '../services/auth/auth-user';

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
    case 'AUDITOR':
      // An auditor reads the register's access log, nothing of the cases.
      return { id: '' };
    default:
      return user.unitCode ? unitSubtreeWhere(user.unitCode) : { id: '' };
  }
}

/**
 * The denormalised code columns (countyCode, townshipCode, villageCode, gridCode) that place a
 * row in the subtree of a unit: cases and register persons carry the same four, indexed.
 */
export function subtreeColumns(unitCode: string): {
  countyCode?: string;
  townshipCode?: string;
  villageCode?: string;
  gridCode?: string;
} {
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

/** Cases located in the subtree of a unit, by the denormalised code columns (indexed). */
export function unitSubtreeWhere(unitCode: string): Prisma.CaseWhereInput {
  return subtreeColumns(unitCode);
}

/**
 * {@link caseVisibleSql} on the case table (alias `c`) as a list of branches whose union it
 * is. A list query runs one index-ordered query per branch and merges them, instead of an OR
 * that makes SQLite sort the whole scope (a grid worker: their cells, plus their own reports
 * elsewhere).
 */
export function caseScopeBranchesSql(user: AuthUser): Prisma.Sql[] {
  return user.role === 'GRID_WORKER' ? workerBranches(user, 'c') : [caseVisibleSql(user, 'c')];
}

/** A grid worker's cases: those in their cells, and those they reported anywhere. */
function workerBranches(user: AuthUser, alias: CaseAlias): Prisma.Sql[] {
  const mine = Prisma.sql`${Prisma.raw(`${alias}."reporterId"`)} = ${user.id}`;
  if (user.gridCodes.length === 0) return [mine];
  return [Prisma.sql`${Prisma.raw(`${alias}."gridCode"`)} IN (${Prisma.join(user.gridCodes)})`, mine];
}

/** {@link unitSubtreeWhere} as SQL on a case (`c`) or its facts row (`f`), which carry the unit codes. */
export function unitSubtreeSql(unitCode: string, alias: 'c' | 'f' = 'c'): Prisma.Sql {
  const level = levelOfCode(unitCode);
  if (level === 'CITY') return Prisma.sql`1 = 1`;
  const column = level === 'GRID' ? 'gridCode' : UNIT_COLUMN[level];
  return Prisma.sql`${Prisma.raw(`${alias}."${column}"`)} = ${unitCode}`;
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
    case 'AUDITOR':
      return false;
    default:
      return user.unitCode !== null && isWithin(gridCode, user.unitCode);
  }
}

/** Whether a user may see every case of the city (their visibility adds no condition). */
export function seesEveryCase(user: AuthUser): boolean {
  if (user.role === 'ADMIN' || user.role === 'HOTLINE') return true;
  if (user.role === 'GRID_WORKER' || user.role === 'DEPT_STAFF' || user.role === 'AUDITOR') return false;
  return user.unitCode !== null && levelOfCode(user.unitCode) === 'CITY';
}

/** The SQL tables that name a case: the case (c.id), its facts row (f."caseId") or an event (e."caseId"). */
export type CaseAlias = 'c' | 'f' | 'e';

const CASE_ID_COLUMN: Record<CaseAlias, string> = { c: 'c."id"', f: 'f."caseId"', e: 'e."caseId"' };
const UNIT_COLUMN = { COUNTY: 'countyCode', TOWNSHIP: 'townshipCode', VILLAGE: 'villageCode' } as const;

/**
 * {@link caseScopeWhere} as SQL on a case, its facts row or one of its events (each carries
 * the case's cell, unit codes or cell, and reporter), for the counting statements: every count
 * a caller sees is clipped by it, so a number never includes a case the caller cannot open.
 */
export function caseVisibleSql(user: AuthUser, alias: CaseAlias): Prisma.Sql {
  const caseId = Prisma.raw(CASE_ID_COLUMN[alias]);
  if (seesEveryCase(user)) return Prisma.sql`1 = 1`;
  switch (user.role) {
    case 'GRID_WORKER':
      return Prisma.sql`(${Prisma.join(workerBranches(user, alias), ' OR ')})`;
    case 'DEPT_STAFF':
      return user.departmentId
        ? Prisma.sql`(EXISTS (SELECT 1 FROM "Task" vt WHERE vt."caseId" = ${caseId} AND vt."departmentId" = ${user.departmentId})
  OR EXISTS (SELECT 1 FROM "WhistleCall" vw WHERE vw."caseId" = ${caseId} AND vw."departmentId" = ${user.departmentId}))`
        : Prisma.sql`1 = 0`;
    case 'AUDITOR':
      return Prisma.sql`1 = 0`;
    default: {
      if (!user.unitCode) return Prisma.sql`1 = 0`;
      if (alias !== 'e') return unitSubtreeSql(user.unitCode, alias);
      // Events carry only the cell: a unit's cells start with its significant prefix.
      if (levelOfCode(user.unitCode) === 'GRID') return Prisma.sql`e."gridCode" = ${user.unitCode}`;
      return Prisma.sql`e."gridCode" LIKE ${`${significantPrefix(user.unitCode)}%`}`;
    }
  }
}
