import { levelOfCode } from '@wangge/shared/domain/unit-codes';
import type { TDashboardFrame } from '@wangge/shared/schemas/dashboard';
import type { AppContext } from '../../context';
import { Prisma } from '../../generated/prisma/client';
import { findHomeUnit, isUnitVisible } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { type RateRow, ratesOf } from './compute-metrics';
import { countPartsByUnit, type Grouping, NO_COUNTS } from './metric-counts-sql';
import type { Period } from './metrics-query';
import { frameOf, resolveUnitScope } from './unit-scope';

export interface ChildRates {
  kind: 'unit' | 'grid';
  code: string;
  name: string;
  rates: RateRow[];
}

/**
 * The unit one level below, of a facts row (its column, as a unit scope reads it) and of an
 * event (its cell code's prefix, as a unit scope reads it: metrics-scope.ts), and how a prefix
 * becomes the unit's code.
 */
const BELOW = {
  CITY: { column: 'countyCode', digits: 6 },
  COUNTY: { column: 'townshipCode', digits: 9 },
  TOWNSHIP: { column: 'villageCode', digits: 12 },
  VILLAGE: { column: 'gridCode', digits: 15 },
} as const;

/**
 * GET /api/metrics/units: the indicators of every unit one level below the viewed one (at a
 * village, its cells) over the period, counted in one pass grouped by unit — the same five
 * statements GET /api/metrics runs, each row and event falling in exactly the unit whose own
 * scope would count it (tests/api/dashboard.test.ts compares every child with GET /api/metrics).
 */
export async function compareChildUnits(
  ctx: AppContext,
  user: AuthUser,
  unit: string | undefined,
  period: Period,
): Promise<TDashboardFrame & { children: ChildRates[] }> {
  const scope = await resolveUnitScope(ctx, user, unit);
  const level = levelOfCode(scope.id);
  if (level === 'GRID') return { ...frameOf(scope, period), children: [] };
  const below = BELOW[level];
  const home = await findHomeUnit(ctx, user);
  const targets =
    level === 'VILLAGE'
      ? (
          await ctx.db.read.grid.findMany({
            where: { villageCode: scope.id },
            orderBy: { code: 'asc' },
            select: { code: true, name: true },
          })
        ).map((g) => ({ kind: 'grid' as const, ...g }))
      : (
          await ctx.db.read.unit.findMany({
            where: { parentCode: scope.id },
            orderBy: { code: 'asc' },
            select: { code: true, name: true },
          })
        )
          .filter((u) => isUnitVisible(home, u.code))
          .map((u) => ({ kind: 'unit' as const, ...u }));
  const grouping: Grouping = {
    facts: Prisma.raw(`f."${below.column}"`),
    event: Prisma.raw(`SUBSTR(e."gridCode", 1, ${below.digits})`),
    // Facts name a unit by its code, events by their cells' prefix.
    key: (selected) => (level === 'VILLAGE' ? selected : selected.slice(0, below.digits).padEnd(12, '0')),
  };
  const counted = await countPartsByUnit((sql) => ctx.db.read.$queryRaw(sql), scope, period, grouping);
  const children = targets.map((t) => ({
    kind: t.kind,
    code: t.code,
    name: t.name,
    rates: ratesOf(counted.get(t.code) ?? NO_COUNTS),
  }));
  return { ...frameOf(scope, period), children };
}
