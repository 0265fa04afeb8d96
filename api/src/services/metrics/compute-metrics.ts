import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';
import { METRICS, type PartArgs, type PartName } from './metric-definitions';
import { partSql } from './metric-sql';
import type { Period, ScopeRequest } from './metrics-query';
import { type MetricsScope, resolveMetricsScope } from './metrics-scope';

export interface RateRow {
  key: string;
  name: string;
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface MetricsResult {
  scope: { kind: MetricsScope['kind']; id: string; name: string };
  from: string;
  to: string;
  rates: RateRow[];
}

/** The scope's cases without those suspended (挂账) before the end of the period. */
export function partArgs(scope: MetricsScope, period: Period): PartArgs {
  return {
    start: period.start,
    end: period.end,
    base: {
      AND: [scope.caseWhere, { events: { none: { action: 'SUSPEND', createdAt: { lt: period.end } } } }],
    },
  };
}

/** How many cases or events one part holds: one SQL count (metric-sql.ts). */
export async function countPart(ctx: AppContext, name: PartName, scope: MetricsScope, period: Period) {
  const rows = await ctx.db.read.$queryRaw<{ n: number | bigint }[]>(partSql(name, scope, period));
  return Number(rows[0]?.n ?? 0);
}

/** Every indicator for a scope and period: each part counted once, in SQL, concurrently. */
export async function computeRates(ctx: AppContext, scope: MetricsScope, period: Period): Promise<RateRow[]> {
  const names = [...new Set(METRICS.flatMap((m) => [m.numerator, m.denominator]))];
  const counts = new Map(
    await Promise.all(names.map(async (n) => [n, await countPart(ctx, n, scope, period)] as const)),
  );
  return METRICS.map((m) => {
    const numerator = counts.get(m.numerator) ?? 0;
    const denominator = counts.get(m.denominator) ?? 0;
    return {
      key: m.key,
      name: m.name,
      numerator,
      denominator,
      rate: denominator > 0 ? numerator / denominator : null,
    };
  });
}

/** GET /api/metrics: the indicators of one scope over one period. */
export async function getMetrics(
  ctx: AppContext,
  user: AuthUser,
  asked: ScopeRequest,
  period: Period,
): Promise<MetricsResult> {
  const scope = await resolveMetricsScope(ctx, user, asked);
  return {
    scope: { kind: scope.kind, id: scope.id, name: scope.name },
    from: period.from,
    to: period.to,
    rates: await computeRates(ctx, scope, period),
  };
}
