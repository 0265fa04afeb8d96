import { ancestorCode, levelOfCode, significantPrefix } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';
import { Prisma } from '../../generated/prisma/client';
import { forbidden, notFound } from '../../http/app-error';
import {
  type CaseAlias,
  caseScopeWhere,
  caseVisibleSql,
  findHomeUnit,
  mayAggregate,
  seesEveryCase,
  unitSubtreeWhere,
} from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import type { ScopeRequest } from './metrics-query';

/**
 * A resolved, permitted scope: what it is called, and its cases as Prisma and as SQL on a
 * case (alias c), on its CaseFacts row (alias f) and on one of its events (alias e: the
 * location and reporter every event carries).
 */
export interface MetricsScope {
  kind: 'unit' | 'grid' | 'department' | 'person';
  id: string;
  name: string;
  caseWhere: Prisma.CaseWhereInput;
  caseSql: Prisma.Sql;
  /** False for the whole city: the SQL then reads the event log alone, without joining cases. */
  joinCase: boolean;
  factsSql: Prisma.Sql;
  eventSql: Prisma.Sql;
}

const UNIT_COLUMN = { COUNTY: 'countyCode', TOWNSHIP: 'townshipCode', VILLAGE: 'villageCode' } as const;

/** Cases located in a unit's subtree (or a cell), on a case (c) or its facts row (f). */
function unitSql(code: string, alias: 'c' | 'f' = 'c'): Prisma.Sql {
  const level = levelOfCode(code);
  const a = Prisma.raw(alias);
  if (level === 'CITY') return Prisma.sql`1 = 1`;
  if (level === 'GRID') return Prisma.sql`${a}."gridCode" = ${code}`;
  return Prisma.sql`${a}.${Prisma.raw(`"${UNIT_COLUMN[level]}"`)} = ${code}`;
}

/**
 * The same on an event, by its cell's code: a unit's cells start with its significant prefix
 * (CaseEvent(action, createdAt, gridCode) then answers from the index alone).
 */
function unitEventSql(code: string): Prisma.Sql {
  const level = levelOfCode(code);
  if (level === 'CITY') return Prisma.sql`1 = 1`;
  if (level === 'GRID') return Prisma.sql`e."gridCode" = ${code}`;
  return Prisma.sql`e."gridCode" LIKE ${`${significantPrefix(code)}%`}`;
}

/** Cases of which a department holds or held the lead task; `caseId` is the column naming the case. */
const leadSql = (caseId: string, departmentId: string) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = ${Prisma.raw(caseId)} AND t."departmentId" = ${departmentId} AND t."isLead" = ${true})`;

/**
 * Resolves the scope a caller asks for, as the access policy allows it (policies/aggregates:
 * units and cells of their subtree, its departments and people; a grid worker their cells and
 * themselves; department staff their department and its members). Anything else: 404.
 * No scope: the caller's department (staff), themselves (grid workers) or home unit.
 * The scope is then clipped to the cases the caller may open, in every form it is queried.
 */
export async function resolveMetricsScope(
  ctx: AppContext,
  user: AuthUser,
  asked: ScopeRequest,
): Promise<MetricsScope> {
  return clipToCaller(await resolveAsked(ctx, user, asked), user);
}

/** Every form of the scope ANDed with the caller's case visibility (policies/cases). */
function clipToCaller(scope: MetricsScope, user: AuthUser): MetricsScope {
  if (seesEveryCase(user)) return scope;
  const visible = (alias: CaseAlias) => caseVisibleSql(user, alias);
  return {
    ...scope,
    caseWhere: { AND: [scope.caseWhere, caseScopeWhere(user)] },
    caseSql: Prisma.sql`(${scope.caseSql} AND ${visible('c')})`,
    joinCase: true,
    factsSql: Prisma.sql`(${scope.factsSql} AND ${visible('f')})`,
    eventSql: Prisma.sql`(${scope.eventSql} AND ${visible('e')})`,
  };
}

async function resolveAsked(ctx: AppContext, user: AuthUser, asked: ScopeRequest): Promise<MetricsScope> {
  const home = await findHomeUnit(ctx, user);
  if (!home) throw notFound('You have no jurisdiction.');
  let req = asked;
  if (req.kind === 'default') {
    if (user.role === 'DEPT_STAFF' && user.departmentId) req = { kind: 'department', id: user.departmentId };
    else if (user.role === 'GRID_WORKER') req = { kind: 'person', id: user.id };
    else req = { kind: 'unit', code: home };
  }
  switch (req.kind) {
    case 'unit': {
      const unit = mayAggregate(user, home, { kind: 'unit', code: req.code })
        ? await ctx.db.read.unit.findUnique({ where: { code: req.code } })
        : null;
      if (!unit) throw notFound('No such unit.');
      return {
        kind: 'unit',
        id: unit.code,
        name: unit.name,
        caseWhere: unitSubtreeWhere(unit.code),
        caseSql: unitSql(unit.code),
        joinCase: levelOfCode(unit.code) !== 'CITY',
        factsSql: unitSql(unit.code, 'f'),
        eventSql: unitEventSql(unit.code),
      };
    }
    case 'grid': {
      const grid = mayAggregate(user, home, { kind: 'grid', code: req.code })
        ? await ctx.db.read.grid.findUnique({ where: { code: req.code }, select: { code: true, name: true } })
        : null;
      if (!grid) throw notFound('No such grid cell.');
      return {
        kind: 'grid',
        id: grid.code,
        name: grid.name,
        caseWhere: { gridCode: grid.code },
        caseSql: unitSql(grid.code),
        joinCase: true,
        factsSql: unitSql(grid.code, 'f'),
        eventSql: unitEventSql(grid.code),
      };
    }
    case 'department': {
      const dept = await ctx.db.read.department.findUnique({ where: { id: req.id } });
      if (!dept || !mayAggregate(user, home, { kind: 'department', id: dept.id, unitCode: dept.unitCode }))
        throw notFound('No such department.');
      return {
        kind: 'department',
        id: dept.id,
        name: dept.name,
        caseWhere: { tasks: { some: { departmentId: dept.id, isLead: true } } },
        caseSql: leadSql('c.id', dept.id),
        joinCase: true,
        factsSql: leadSql('f."caseId"', dept.id),
        eventSql: leadSql('e."caseId"', dept.id),
      };
    }
    case 'person': {
      if (user.role === 'GRID_WORKER' && req.id !== user.id)
        throw forbidden('A grid worker may see only their own figures.');
      const person = await ctx.db.read.user.findUnique({
        where: { id: req.id },
        include: { department: true, gridRoles: { select: { gridCode: true }, take: 1 } },
      });
      const allowed =
        person &&
        mayAggregate(user, home, {
          kind: 'person',
          id: person.id,
          departmentId: person.departmentId,
          home: homeOfPerson(person),
        });
      if (!person || !allowed) throw notFound('No such person.');
      return {
        kind: 'person',
        id: person.id,
        name: person.displayName,
        caseWhere: { reporterId: person.id },
        caseSql: Prisma.sql`c."reporterId" = ${person.id}`,
        joinCase: true,
        factsSql: Prisma.sql`f."reporterId" = ${person.id}`,
        eventSql: Prisma.sql`e."reporterId" = ${person.id}`,
      };
    }
  }
}

function homeOfPerson(p: {
  role: string;
  unitCode: string | null;
  department: { unitCode: string } | null;
  gridRoles: { gridCode: string }[];
}): string | null {
  if (p.role === 'GRID_WORKER' && p.gridRoles[0]) return ancestorCode(p.gridRoles[0].gridCode, 'VILLAGE');
  if (p.role === 'DEPT_STAFF') return p.department?.unitCode ?? null;
  return p.unitCode;
}
