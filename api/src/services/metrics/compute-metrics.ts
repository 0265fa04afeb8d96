import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';
import { countDuplicateShare, type DuplicateShareRow } from './count-duplicate-share';
import { countHotlineRates } from './count-hotline-rates';
import { type Counts, countParts } from './metric-counts-sql';
import { METRICS, type PartArgs, UNCOUNTED } from './metric-definitions';
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
  /** The standard indicators (the same rows GET /api/metrics/units gives each unit below). */
  rates: RateRow[];
  /** The three 12345 rates (接诉即办: 响应率, 解决率, 满意率) beside them (count-hotline-rates.ts). */
  hotline: RateRow[];
  /** The duplicate share (重复件占比) per month of the period (count-duplicate-share.ts). */
  duplicates: DuplicateShareRow[];
}

/** The scope's cases without those suspended (挂账) or merged (并案) before the end of the period. */
export function partArgs(scope: MetricsScope, period: Period): PartArgs {
  return {
    start: period.start,
    end: period.end,
    base: {
      AND: [
        scope.caseWhere,
        { events: { none: { action: { in: UNCOUNTED }, createdAt: { lt: period.end } } } },
      ],
    },
  };
}

/** Every indicator for a scope and period: all parts counted in SQL (metric-counts-sql.ts). */
export async function computeRates(ctx: AppContext, scope: MetricsScope, period: Period): Promise<RateRow[]> {
  return ratesOf(await countParts((sql) => ctx.db.read.$queryRaw(sql), scope, period));
}

/** The indicators from counted parts, in the order they are shown. */
export function ratesOf(counts: Counts): RateRow[] {
  return METRICS.map((m) => {
    const numerator = counts[m.numerator];
    const denominator = counts[m.denominator];
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
    hotline: await countHotlineRates((sql) => ctx.db.read.$queryRaw(sql), scope, period),
    duplicates: await countDuplicateShare((sql) => ctx.db.read.$queryRaw(sql), scope, period),
  };
}
