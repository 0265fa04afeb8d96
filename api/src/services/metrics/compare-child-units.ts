import type { TDashboardFrame } from '@wangge/shared/schemas/dashboard';
import type { AppContext } from '../../context';
import { findHomeUnit, isUnitVisible } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { computeRates, type RateRow } from './compute-metrics';
import type { Period } from './metrics-query';
import { resolveMetricsScope } from './metrics-scope';
import { frameOf, resolveUnitScope } from './unit-scope';

export interface ChildRates {
  kind: 'unit' | 'grid';
  code: string;
  name: string;
  rates: RateRow[];
}

/**
 * GET /api/metrics/units: the indicators of every unit one level below the viewed one (at a
 * village, its cells) over the period — each exactly what GET /api/metrics answers for that
 * unit (the same scope resolution and counts), so the comparison and the 综合评价 page agree.
 */
export async function compareChildUnits(
  ctx: AppContext,
  user: AuthUser,
  unit: string | undefined,
  period: Period,
): Promise<TDashboardFrame & { children: ChildRates[] }> {
  const scope = await resolveUnitScope(ctx, user, unit);
  const home = await findHomeUnit(ctx, user);
  const below = await ctx.db.read.unit.findMany({
    where: { parentCode: scope.id },
    orderBy: { code: 'asc' },
    select: { code: true },
  });
  const targets: { kind: 'unit' | 'grid'; code: string }[] =
    below.length > 0
      ? below.filter((u) => isUnitVisible(home, u.code)).map((u) => ({ kind: 'unit', code: u.code }))
      : (
          await ctx.db.read.grid.findMany({
            where: { villageCode: scope.id },
            orderBy: { code: 'asc' },
            select: { code: true },
          })
        ).map((g) => ({ kind: 'grid', code: g.code }));
  const children = await Promise.all(
    targets.map(async (t) => {
      const child = await resolveMetricsScope(ctx, user, t);
      return {
        kind: t.kind,
        code: child.id,
        name: child.name,
        rates: await computeRates(ctx, child, period),
      };
    }),
  );
  return { ...frameOf(scope, period), children };
}
