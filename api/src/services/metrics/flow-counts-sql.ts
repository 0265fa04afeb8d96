import { addCalendarDays, startOfShanghaiDay } from '@wangge/shared/calendar/index';
import { FLOW_KEYS, type FlowKey, type TTrendDay } from '@wangge/shared/schemas/dashboard';
import { Prisma } from '../../generated/prisma/client';
import { flowEventSql } from './flow-definitions';
import type { Period } from './metrics-query';
import type { MetricsScope } from './metrics-scope';

type Row = Record<string, unknown>;
export type RunSql = (sql: Prisma.Sql) => Promise<Row[]>;

/** The Shanghai days of a period, `to` inclusive. */
export function daysOf(p: Period): string[] {
  const days: string[] = [];
  for (let d = p.from; d <= p.to; d = addCalendarDays(d, 1)) days.push(d);
  return days;
}

/** The events of any flow figure in P on the scope (alias e): ranges on CaseEvent(action, createdAt, gridCode). */
export function flowEventsInP(keys: readonly FlowKey[], scope: MetricsScope, p: Period): Prisma.Sql {
  const kinds = Prisma.join(
    keys.map((k) => flowEventSql(k)),
    ' OR ',
  );
  return Prisma.sql`(${kinds}) AND e."createdAt" >= ${p.start} AND e."createdAt" < ${p.end} AND ${scope.eventSql}`;
}

/** Which figure an event (alias e) makes, as a SQL expression. */
function figureOf(keys: readonly FlowKey[]): Prisma.Sql {
  const branches = keys.map((k) => Prisma.sql`WHEN ${flowEventSql(k)} THEN ${Prisma.raw(`'${k}'`)}`);
  return Prisma.sql`CASE ${Prisma.join(branches, ' ')} END`;
}

/**
 * The flow figures of flow-definitions.ts per Shanghai day of P, in one statement whatever the
 * length of P: each event is put in its day by a CASE on the day boundaries (bound, portable:
 * no date functions differ between SQLite and PostgreSQL), distinct cases counted per figure
 * and day. Days without events are zeros.
 */
export async function countFlowsByDay(run: RunSql, scope: MetricsScope, p: Period): Promise<TTrendDay[]> {
  const days = daysOf(p);
  const bounds = days
    .slice(1)
    .map((d, i) => Prisma.sql`WHEN e."createdAt" < ${startOfShanghaiDay(d)} THEN ${Prisma.raw(String(i))}`);
  const day =
    bounds.length > 0
      ? Prisma.sql`CASE ${Prisma.join(bounds, ' ')} ELSE ${Prisma.raw(String(days.length - 1))} END`
      : Prisma.sql`0`;
  const rows =
    await run(Prisma.sql`SELECT ${figureOf(FLOW_KEYS)} AS "figure", ${day} AS "day", COUNT(DISTINCT e."caseId") AS "n"
FROM "CaseEvent" e WHERE ${flowEventsInP(FLOW_KEYS, scope, p)} GROUP BY 1, 2`);
  const out = days.map((date) => ({ date, reported: 0, closed: 0, overdue: 0 }));
  for (const r of rows) {
    const slot = out[Number(r.day)];
    if (slot) slot[r.figure as FlowKey] = Number(r.n);
  }
  return out;
}
