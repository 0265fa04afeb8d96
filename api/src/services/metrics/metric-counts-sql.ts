import { Prisma } from '../../generated/prisma/client';
import { CALLBACKS, CHECKS, LATE_SQL, type PartName, REWORK } from './metric-definitions';
import type { Period } from './metrics-query';
import type { MetricsScope } from './metrics-scope';

/**
 * The parts of metric-definitions.ts counted from the per-case facts (CaseFacts, folded in by
 * case-facts.ts as events are written) and the event log's (action, createdAt, gridCode)
 * index, in five statements whatever the scope — each reads the period's rows once, with no
 * per-event probe into a case's log:
 * - `registered…`: the cases whose first registration falls in P (a range on registeredAt);
 * - `toHandle…`: the cases with a DISPATCH in P, from their first/last dispatch times;
 * - `events`: the period's events by action, less those of suspended cases (`suspendedEvents`);
 * - `lateChecks`: the checks in P that came after a red card raised while CHECKING.
 * Portable: quoted identifiers, bound parameters, CASE / EXISTS / UNION ALL / CROSS JOIN /
 * LIKE. metric-sql.ts counts the same straight from the log (the reference: bench/metrics.ts
 * and tests/api/metrics-facts.test.ts compare the two).
 */

/** ` AND a AND b …` for conditions that may be `1 = 1`. */
const and = (...conditions: Prisma.Sql[]) => Prisma.sql` AND ${Prisma.join(conditions, ' AND ')}`;
const list = (actions: readonly string[]) => Prisma.join(actions);

/**
 * Kinds kept as first time, last time and count on CaseFacts (first<K>At, last<K>At, <k>Count),
 * and the log condition for such an event (alias x), needed only for a case with three or
 * more of them whose first is before P and last after it: whether one lies in between, only
 * the log knows.
 */
const SERIES = {
  Dispatch: { count: 'dispatchCount', log: Prisma.sql`x."action" = 'DISPATCH'` },
  Feedback: { count: 'feedbackCount', log: Prisma.sql`x."action" = 'FEEDBACK'` },
  LateFeedback: {
    count: 'lateFeedbackCount',
    log: Prisma.raw(`x."action" = 'FEEDBACK' AND ${LATE_SQL}`),
  },
  Extension: { count: 'extensionCount', log: Prisma.sql`x."action" = 'APPROVE_EXTENSION'` },
  Return: { count: 'returnCount', log: Prisma.sql`x."action" = 'ACCEPT_RETURN'` },
} as const;
type Series = keyof typeof SERIES;

const col = (name: string) => Prisma.raw(`f."${name}"`);
const inP = (c: Prisma.Sql, p: Period) => Prisma.sql`${c} >= ${p.start} AND ${c} < ${p.end}`;
/** The case was not suspended before the end of P: it counts (shared rule of docs/metrics.md). */
const counted = (p: Period) => Prisma.sql`(f."suspendedAt" IS NULL OR f."suspendedAt" >= ${p.end})`;

/** 1 when the case (alias f) has an event of kind `k` in P, else 0. */
function has(k: Series, p: Period): Prisma.Sql {
  const [first, last, count] = [col(`first${k}At`), col(`last${k}At`), col(SERIES[k].count)];
  return Prisma.sql`CASE WHEN ${count} > 0 AND ${first} < ${p.end} AND ${last} >= ${p.start} AND (${first} >= ${p.start} OR ${last} < ${p.end}
    OR (${count} > 2 AND EXISTS (SELECT 1 FROM "CaseEvent" x WHERE x."caseId" = f."caseId" AND ${SERIES[k].log} AND ${inP(Prisma.raw('x."createdAt"'), p)}))) THEN 1 ELSE 0 END`;
}

/**
 * `columns` of the counted cases of the scope with an event of a kind in P, each once: those
 * whose first is in P, those whose last is in P but not the first, and those with three or
 * more spanning P of which the log has one in P (`inLog`; null: all of them). Each branch is
 * a range on an index of CaseFacts; the second filters on the index before reading the row.
 */
function withEventIn(
  k: { first: string; last: string; count: string },
  inLog: Prisma.Sql | null,
  columns: Prisma.Sql,
  scope: MetricsScope,
  p: Period,
): Prisma.Sql {
  const [first, last, count] = [col(k.first), col(k.last), col(k.count)];
  const branch = (condition: Prisma.Sql) =>
    Prisma.sql`SELECT ${columns} FROM "CaseFacts" f WHERE ${condition}${and(counted(p), scope.factsSql)}`;
  const spanning = Prisma.sql`${count} > 2 AND ${first} < ${p.start} AND ${last} >= ${p.end}`;
  return Prisma.join(
    [
      branch(inP(first, p)),
      branch(Prisma.sql`${inP(last, p)} AND ${first} < ${p.start}`),
      branch(inLog ? Prisma.sql`${spanning} AND EXISTS (${inLog})` : spanning),
    ],
    '\nUNION ALL\n',
  );
}

/**
 * Counting per unit one level down (GET /api/metrics/units) in the same statements: the unit
 * of a facts row (alias f) and of an event (alias e, by its cell's code), selected as "unit" and
 * grouped by. Null: one row for the whole scope (the statements are then unchanged).
 */
export interface Grouping {
  facts: Prisma.Sql;
  event: Prisma.Sql;
  /** The unit's code from what either selects. */
  key(selected: string): string;
}
const unitOf = (g: Grouping | null, on: keyof Grouping) =>
  g ? Prisma.sql`${g[on]} AS "unit", ` : Prisma.empty;
const groupBy = (g: Grouping | null, on: keyof Grouping | 't') =>
  g ? Prisma.sql` GROUP BY ${on === 't' ? Prisma.raw('t."unit"') : g[on]}` : Prisma.empty;
const unitOfT = (g: Grouping | null) => (g ? Prisma.raw('t."unit" AS "unit", ') : Prisma.empty);

const sum = (condition: Prisma.Sql) => Prisma.sql`COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;

/** registered, closed, closedOnTime, registeredOnTime. */
function registeredSql(scope: MetricsScope, p: Period, g: Grouping | null): Prisma.Sql {
  const before = (c: string) => Prisma.sql`${col(c)} < ${p.end}`;
  const notBefore = (c: string) => Prisma.sql`(${col(c)} IS NULL OR ${col(c)} >= ${p.end})`;
  return Prisma.sql`SELECT ${unitOf(g, 'facts')}COUNT(*) AS "registered",
  ${sum(before('closedAt'))} AS "closed",
  ${sum(Prisma.sql`${before('closedAt')} AND ${notBefore('firstLateFeedbackAt')} AND ${notBefore('redCardAt')}`)} AS "closedOnTime",
  ${sum(notBefore('reportedRedCardAt'))} AS "registeredOnTime"
FROM "CaseFacts" f WHERE ${inP(col('registeredAt'), p)}${and(counted(p), scope.factsSql)}${groupBy(g, 'facts')}`;
}

/**
 * toHandle, handled, handledOnTime, extended, accuratelyDispatched: flags per case with a
 * dispatch in P, summed.
 */
function toHandleSql(scope: MetricsScope, p: Period, g: Grouping | null): Prisma.Sql {
  const flags = Prisma.sql`${unitOf(g, 'facts')}${has('Feedback', p)} AS "fed", ${has('LateFeedback', p)} AS "late", ${has('Extension', p)} AS "ext", ${has('Return', p)} AS "ret"`;
  const inLog = Prisma.sql`SELECT 1 FROM "CaseEvent" x WHERE x."caseId" = f."caseId" AND ${SERIES.Dispatch.log} AND ${inP(Prisma.raw('x."createdAt"'), p)}`;
  const dispatch = { first: 'firstDispatchAt', last: 'lastDispatchAt', count: 'dispatchCount' };
  return Prisma.sql`SELECT ${unitOfT(g)}COUNT(*) AS "toHandle", COALESCE(SUM(t."fed"), 0) AS "handled",
  COALESCE(SUM(t."fed" * (1 - t."late")), 0) AS "handledOnTime", COALESCE(SUM(t."ext"), 0) AS "extended",
  COALESCE(SUM(1 - t."ret"), 0) AS "accuratelyDispatched"
FROM (${withEventIn(dispatch, inLog, flags, scope, p)}) t${groupBy(g, 't')}`;
}

/** The actions counted as events, and the parts they make. */
const EVENT_PARTS = {
  reworks: REWORK,
  dispatches: ['DISPATCH'],
  returns: ['ACCEPT_RETURN'],
  checks: CHECKS,
  callbacks: CALLBACKS,
  satisfied: ['CALLBACK_SATISFIED'],
} as const satisfies Partial<Record<PartName, readonly string[]>>;
type EventPart = keyof typeof EVENT_PARTS;
const EVENT_ACTIONS = [...new Set(Object.values(EVENT_PARTS).flat())];
const eventsInP = (p: Period) =>
  Prisma.sql`e."action" IN (${list(EVENT_ACTIONS)}) AND ${inP(Prisma.raw('e."createdAt"'), p)}`;

/**
 * The scope's events in P by action, suspended cases included: one range per action on
 * CaseEvent(action, createdAt, gridCode), already in action order.
 */
function eventsSql(scope: MetricsScope, p: Period, g: Grouping | null): Prisma.Sql {
  return Prisma.sql`SELECT ${unitOf(g, 'event')}e."action" AS "action", COUNT(*) AS "n" FROM "CaseEvent" e
WHERE ${eventsInP(p)}${and(scope.eventSql)} GROUP BY ${g ? Prisma.sql`${g.event}, ` : Prisma.empty}e."action"`;
}

/**
 * The same for the cases suspended before the end of P, to take away: only those with an
 * event since the start of P can have one in it (lastEventAt), usually a handful, whose events
 * are read by case. (CROSS JOIN: SQLite keeps that order rather than probing every event of
 * the period; for PostgreSQL it is a plain join.)
 */
function suspendedEventsSql(scope: MetricsScope, p: Period, g: Grouping | null): Prisma.Sql {
  return Prisma.sql`SELECT ${unitOf(g, 'event')}e."action" AS "action", COUNT(*) AS "n" FROM "CaseFacts" f CROSS JOIN "CaseEvent" e
WHERE f."suspendedAt" < ${p.end} AND f."lastEventAt" >= ${p.start} AND e."caseId" = f."caseId" AND ${eventsInP(p)}${and(scope.eventSql)}
GROUP BY ${g ? Prisma.sql`${g.event}, ` : Prisma.empty}e."action"`;
}

/**
 * Checks in P that were late, on counted cases: a case with at most two late checks has them
 * on CaseFacts; one with more is counted from the log as metric-sql.ts does (any such case
 * spanning P is looked at).
 */
function lateChecksSql(scope: MetricsScope, p: Period, g: Grouping | null): Prisma.Sql {
  const checkInP = Prisma.sql`y."caseId" = f."caseId" AND y."action" IN (${list(CHECKS)}) AND ${inP(Prisma.raw('y."createdAt"'), p)}`;
  const lateInLog = Prisma.sql`EXISTS (SELECT 1 FROM "CaseEvent" r WHERE r."caseId" = y."caseId" AND r."action" = 'RED_CARD' AND r."fromState" = 'CHECKING' AND r."seq" < y."seq"
    AND NOT EXISTS (SELECT 1 FROM "CaseEvent" z WHERE z."caseId" = y."caseId" AND z."action" IN (${list(CHECKS)}) AND z."seq" > r."seq" AND z."seq" < y."seq"))`;
  const late = Prisma.sql`${unitOf(g, 'facts')}CASE WHEN f."lateCheckCount" <= 2
    THEN (CASE WHEN ${inP(col('firstLateCheckAt'), p)} THEN 1 ELSE 0 END)
      + (CASE WHEN f."lateCheckCount" = 2 AND ${inP(col('lastLateCheckAt'), p)} THEN 1 ELSE 0 END)
    ELSE (SELECT COUNT(*) FROM "CaseEvent" y WHERE ${checkInP} AND ${lateInLog}) END AS "late"`;
  const lateCheck = { first: 'firstLateCheckAt', last: 'lastLateCheckAt', count: 'lateCheckCount' };
  return Prisma.sql`SELECT ${unitOfT(g)}COALESCE(SUM(t."late"), 0) AS "lateChecks" FROM (${withEventIn(lateCheck, null, late, scope, p)}) t${groupBy(g, 't')}`;
}

type Row = Record<string, unknown>;
export type Counts = Record<PartName, number>;

/** The statements of one scope and period, run with `query` (e.g. ctx.db.read.$queryRaw). */
export async function countParts(
  query: (sql: Prisma.Sql) => Promise<Row[]>,
  scope: MetricsScope,
  p: Period,
): Promise<Counts> {
  return (await countGrouped(query, scope, p, null)).get('') ?? NO_COUNTS;
}

/**
 * The same five statements counted per unit one level down (`g`), in one pass over the scope
 * whatever the number of units, keyed by the unit's code; a unit without any row is absent.
 */
export async function countPartsByUnit(
  query: (sql: Prisma.Sql) => Promise<Row[]>,
  scope: MetricsScope,
  p: Period,
  g: Grouping,
): Promise<Map<string, Counts>> {
  return countGrouped(query, scope, p, g);
}

async function countGrouped(
  query: (sql: Prisma.Sql) => Promise<Row[]>,
  scope: MetricsScope,
  p: Period,
  g: Grouping | null,
): Promise<Map<string, Counts>> {
  const results = await Promise.all([
    query(registeredSql(scope, p, g)),
    query(toHandleSql(scope, p, g)),
    query(eventsSql(scope, p, g)),
    query(suspendedEventsSql(scope, p, g)),
    query(lateChecksSql(scope, p, g)),
  ]);
  const keyOf = (r: Row) => (g ? g.key(String(r.unit)) : '');
  const keys = new Set(results.flatMap((rows) => rows.map(keyOf)));
  if (!g) keys.add('');
  const mine = (rows: Row[], k: string) => rows.filter((r) => keyOf(r) === k);
  return new Map(
    [...keys].map((k) => {
      const [registered, toHandle, events, suspended, late] = results.map((rows) => mine(rows, k)) as [
        Row[],
        Row[],
        Row[],
        Row[],
        Row[],
      ];
      return [k, countsOf(registered, toHandle, events, suspended, late)];
    }),
  );
}

/** Every part 0: a scope (or a unit of a grouping) without any row. */
export const NO_COUNTS: Readonly<Counts> = countsOf([], [], [], [], []);

/** The parts from the statements' rows of one scope (or one unit of a grouping). */
function countsOf(
  registeredRows: Row[],
  toHandleRows: Row[],
  events: Row[],
  suspended: Row[],
  lateRows: Row[],
): Counts {
  const [registered, toHandle, late] = [registeredRows[0], toHandleRows[0], lateRows[0]];
  const get = (row: Row | undefined, name: string) => Number(row?.[name] ?? 0);
  /** Events of the part's actions on the cases that count: all of them less the suspended. */
  const byAction = (rows: Row[], actions: readonly string[]) =>
    rows.filter((r) => actions.includes(r.action as string)).reduce((n, r) => n + get(r, 'n'), 0);
  const event = (part: EventPart) =>
    byAction(events, EVENT_PARTS[part]) - byAction(suspended, EVENT_PARTS[part]);
  return {
    toHandle: get(toHandle, 'toHandle'),
    handled: get(toHandle, 'handled'),
    handledOnTime: get(toHandle, 'handledOnTime'),
    extended: get(toHandle, 'extended'),
    accuratelyDispatched: get(toHandle, 'accuratelyDispatched'),
    registered: get(registered, 'registered'),
    closed: get(registered, 'closed'),
    closedOnTime: get(registered, 'closedOnTime'),
    registeredOnTime: get(registered, 'registeredOnTime'),
    reworks: event('reworks'),
    dispatches: event('dispatches'),
    returns: event('returns'),
    checks: event('checks'),
    checksOnTime: event('checks') - get(late, 'lateChecks'),
    callbacks: event('callbacks'),
    satisfied: event('satisfied'),
  };
}
