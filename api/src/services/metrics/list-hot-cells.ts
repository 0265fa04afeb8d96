import type { TDashboardFrame } from '@wangge/shared/schemas/dashboard';
import type { AppContext } from '../../context';
import { Prisma } from '../../generated/prisma/client';
import type { AuthUser } from '../auth/auth-user';
import { flowEventsInP } from './flow-counts-sql';
import { TOP_N } from './list-top-categories';
import type { Period } from './metrics-query';
import { frameOf, resolveUnitScope } from './unit-scope';

/**
 * GET /api/metrics/hot-cells: 高发网格, the cells with the most cases reported in the period
 * (the trend's 上报 figure by cell), from the event index alone (action, createdAt, gridCode).
 */
export async function listHotCells(
  ctx: AppContext,
  user: AuthUser,
  unit: string | undefined,
  period: Period,
): Promise<TDashboardFrame & { cells: { code: string; name: string; count: number }[] }> {
  const scope = await resolveUnitScope(ctx, user, unit);
  const rows = await ctx.db.read.$queryRaw<{ code: string; n: bigint | number }[]>(
    Prisma.sql`SELECT e."gridCode" AS "code", COUNT(DISTINCT e."caseId") AS "n"
FROM "CaseEvent" e WHERE ${flowEventsInP(['reported'], scope, period)} GROUP BY e."gridCode"`,
  );
  const cells = rows
    .map((r) => ({ code: r.code, count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
    .slice(0, TOP_N)
    .map((r) => ({ ...r, name: ctx.reference.gridName(r.code) ?? r.code }));
  return { ...frameOf(scope, period), cells };
}
