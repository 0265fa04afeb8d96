import { ancestorCode, isWithin, levelOfCode, significantPrefix } from '@wangge/shared/domain/unit-codes';
import { Prisma } from '../generated/prisma/client';
import type { AuthUser } from '../services/auth/auth-user';

/**
 * The Prisma filter for the cases a user may see: a unit sees its subtree, a grid worker
 * their cells (and what they reported), a department what was dispatched to it; a reporter
 * also the cases they follow (CaseFollower: an attached report, or a duplicate merged into
 * them). Every case query goes through this; a user with no jurisdiction sees nothing.
 */
export function caseScopeWhere(user: AuthUser): Prisma.CaseWhereInput {
  const followed: Prisma.CaseWhereInput = { followers: { some: { userId: user.id } } };
  switch (user.role) {
    case 'ADMIN':
    case 'HOTLINE':
      return {};
    case 'GRID_WORKER':
      return { OR: [{ gridCode: { in: [...user.gridCodes] } }, { reporterId: user.id }, followed] };
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
      if (seesEveryCase(user)) return {};
      // A desk reporting a caller's case follows it when it is merged elsewhere (docs/channels.md).
      return user.unitCode ? { OR: [unitSubtreeWhere(user.unitCode), followed] } : followed;
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
  if (user.role === 'GRID_WORKER') return [...workerBranches(user, 'c'), followedSql(user, 'c')];
  if (!followsCases(user)) return [caseVisibleSql(user, 'c')];
  return [jurisdictionSql(user, 'c'), followedSql(user, 'c')];
}

/** Roles whose reports can be attached or merged elsewhere and who see less than everything. */
function followsCases(user: AuthUser): boolean {
  return !seesEveryCase(user) && user.role !== 'DEPT_STAFF' && user.role !== 'AUDITOR';
}

/**
 * The cases the user follows (CaseFollower), by the case id of `alias`. An `IN` over the
 * user's follower rows, not a correlated `EXISTS`: as a list branch the `EXISTS` made SQLite
 * walk every case in date order testing each one (a worker following nothing read the whole
 * table); the `IN` starts from the user's few rows (index `userId, at`).
 */
function followedSql(user: AuthUser, alias: CaseAlias): Prisma.Sql {
  const caseId = Prisma.raw(CASE_ID_COLUMN[alias]);
  return Prisma.sql`${caseId} IN (SELECT vf."caseId" FROM "CaseFollower" vf WHERE vf."userId" = ${user.id})`;
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
  const own = jurisdictionSql(user, alias);
  return followsCases(user) ? Prisma.sql`(${own} OR ${followedSql(user, alias)})` : own;
}

/** {@link caseVisibleSql} without the followed cases: the user's jurisdiction and own reports. */
function jurisdictionSql(user: AuthUser, alias: CaseAlias): Prisma.Sql {
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
