import { toShanghaiDate } from '@wangge/shared/calendar/index';
import type { TKeyFigures } from '@wangge/shared/schemas/dashboard';
import type { AppContext } from '../../context';
import { computeRates } from './compute-metrics';
import { countLive, type LiveCounts } from './count-live';
import { countFlowsByDay } from './flow-counts-sql';
import { periodOf } from './metrics-query';
import type { MetricsScope } from './metrics-scope';

/**
 * The key figures of a scope, one definition for every screen that shows them (the command
 * headline through GET /api/stats/grids, the dashboard and the wall through
 * GET /api/metrics/summary): today's reported and closed cases are the trend's figures for
 * today (flow-definitions.ts), open/overdue/yellow are now (alarm-definitions.ts), and 按期结案率
 * is the indicator of this month up to today (metric-definitions.ts), the 综合评价 page's default.
 */
export async function getKeyFigures(
  ctx: AppContext,
  scope: MetricsScope,
  /** Open/overdue/yellow already counted now (the map counts them per cell): not counted again. */
  counted?: LiveCounts,
): Promise<TKeyFigures> {
  const now = ctx.clock.now();
  const today = toShanghaiDate(now);
  const day = periodOf(today, today, now);
  const month = periodOf(undefined, undefined, now);
  const [[flows], live, rates] = await Promise.all([
    countFlowsByDay((sql) => ctx.db.read.$queryRaw(sql), scope, day),
    counted ?? countLive(ctx, scope, now, false).then(([r]) => r ?? { open: 0, overdue: 0, yellow: 0 }),
    computeRates(ctx, scope, month),
  ]);
  const { open, overdue, yellow } = live;
  const closeOnTime = rates.find((r) => r.key === 'closeOnTime')!;
  return {
    today,
    month: { from: month.from, to: month.to },
    reportedToday: flows?.reported ?? 0,
    closedToday: flows?.closed ?? 0,
    open,
    overdue,
    yellow,
    closeOnTime: {
      numerator: closeOnTime.numerator,
      denominator: closeOnTime.denominator,
      rate: closeOnTime.rate,
    },
  };
}
