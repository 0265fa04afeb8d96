import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import type { AuthUser } from '../auth/auth-user';
import { partArgs } from './compute-metrics';
import { flowCaseWhere } from './flow-definitions';
import { METRICS, PARTS } from './metric-definitions';
import { partSql } from './metric-sql';
import type { DrillTarget, Period, ScopeRequest } from './metrics-query';
import { type MetricsScope, resolveMetricsScope } from './metrics-scope';

/** The cases of one part as a case filter (an event part: the cases its events belong to). */
async function casesOfPart(
  ctx: AppContext,
  scope: MetricsScope,
  period: Period,
  name: keyof typeof PARTS,
): Promise<Prisma.CaseWhereInput> {
  const spec = PARTS[name];
  const args = partArgs(scope, period);
  if (spec.kind === 'cases') return spec.where(args);
  if (spec.kind === 'events') {
    const { case: _scope, ...event } = spec.where(args);
    return { AND: [args.base, { events: { some: event } }] };
  }
  const rows = await ctx.db.read.$queryRaw<{ n: string }[]>(
    partSql('checksOnTime', scope, period, 'DISTINCT e."caseId"'),
  );
  return { id: { in: rows.map((r) => r.n) } };
}

/** The cases behind an indicator's part, or behind a flow figure (of one category). */
async function casesOf(
  ctx: AppContext,
  scope: MetricsScope,
  period: Period,
  target: DrillTarget,
): Promise<Prisma.CaseWhereInput> {
  if (target.kind === 'figure') {
    const where = flowCaseWhere(target.figure, scope, period);
    return target.category ? { AND: [where, { categoryCode: target.category }] } : where;
  }
  const metric = METRICS.find((m) => m.key === target.metric)!;
  return casesOfPart(ctx, scope, period, metric[target.part]);
}

/**
 * GET /api/metrics/cases: the cases behind a numerator or denominator, or behind a figure of
 * the dashboard, by id, `limit` at a time after `cursor` (the last id of the previous page).
 * Event counts list each case once.
 */
export async function listMetricCases(
  ctx: AppContext,
  user: AuthUser,
  q: {
    scope: ScopeRequest;
    period: Period;
    target: DrillTarget;
    cursor?: string;
    limit: number;
  },
) {
  const scope = await resolveMetricsScope(ctx, user, q.scope);
  const where = await casesOf(ctx, scope, q.period, q.target);
  const rows = await ctx.db.read.case.findMany({
    where: q.cursor ? { AND: [where, { id: { gt: q.cursor } }] } : where,
    select: { id: true, code: true, title: true, state: true },
    orderBy: { id: 'asc' },
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return { data: page, nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}
