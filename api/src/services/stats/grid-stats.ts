import type { AppContext } from '../../context';
import type { AuthUser } from '../auth/auth-user';
import { openWhere, overdueWhere } from '../metrics/alarm-definitions';
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
  const byGrid = (where: typeof openWhere) =>
    ctx.db.read.case.groupBy({
      by: ['gridCode'],
      where: { AND: [scope.caseWhere, where] },
      _count: { _all: true },
    });
  const [openByGrid, overdueByGrid, figures] = await Promise.all([
    byGrid(openWhere),
    byGrid(overdueWhere(now)),
    getKeyFigures(ctx, scope),
  ]);
  const overdue = new Map(overdueByGrid.map((g) => [g.gridCode, g._count._all]));
  return {
    unitCode: scope.id,
    cells: openByGrid.map((g) => ({
      gridCode: g.gridCode,
      open: g._count._all,
      overdue: overdue.get(g.gridCode) ?? 0,
    })),
    totals: { ...figures, onTimeRate: figures.closeOnTime.rate },
    at: now.toISOString(),
  };
}
