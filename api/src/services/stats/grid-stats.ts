import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';
import { countLive } from '../metrics/count-live';
import { getKeyFigures } from '../metrics/key-figures';
import { resolveMetricsScope } from '../metrics/metrics-scope';

/**
 * What the live map colours: open and overdue cases per grid cell under a unit, plus the
 * headline figures — the unit's key figures (metrics/key-figures.ts), the same the dashboard,
 * the wall and the 综合评价 page show for the unit: reported and closed today, open and overdue
 * now, 按期结案率 of this month (`month` and `today` name the periods).
 */
export async function getGridStats(ctx: AppContext, user: AuthUser, unit: string | undefined) {
  const scope = await resolveMetricsScope(
    ctx,
    user,
    unit ? { kind: 'unit', code: unit } : { kind: 'default' },
  );
  const now = ctx.clock.now();
  // One scan of the open cases gives the cells and, summed, the headline's open/overdue/yellow.
  const cells = await countLive(ctx, scope, now, true);
  const sum = (k: 'open' | 'overdue' | 'yellow') => cells.reduce((n, c) => n + c[k], 0);
  const live = { open: sum('open'), overdue: sum('overdue'), yellow: sum('yellow') };
  const figures = await getKeyFigures(ctx, scope, live);
  return {
    unitCode: scope.id,
    cells: cells.map((c) => ({ gridCode: c.gridCode, open: c.open, overdue: c.overdue })),
    totals: { ...figures, onTimeRate: figures.closeOnTime.rate },
    at: now.toISOString(),
  };
}
