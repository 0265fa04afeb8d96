import type { TDashboardFrame } from '@wangge/shared/schemas/dashboard';
import type { AppContext } from '../../context';
import { Prisma } from '../../generated/prisma/client';
import type { AuthUser } from '../auth/auth-user';
import { flowEventsInP } from './flow-counts-sql';
import type { Period } from './metrics-query';
import { frameOf, resolveUnitScope } from './unit-scope';

/** How many bars the dashboard's category and cell charts show. */
export const TOP_N = 10;

/**
 * GET /api/metrics/top-categories: the categories with the most cases reported in the period
 * (the trend's 上报 figure, by the case's category), and the period's total.
 */
export async function listTopCategories(
  ctx: AppContext,
  user: AuthUser,
  unit: string | undefined,
  period: Period,
): Promise<TDashboardFrame & { total: number; categories: { code: string; name: string; count: number }[] }> {
  const scope = await resolveUnitScope(ctx, user, unit);
  const rows = await ctx.db.read.$queryRaw<{ code: string; n: bigint | number }[]>(
    Prisma.sql`SELECT c."categoryCode" AS "code", COUNT(DISTINCT e."caseId") AS "n"
FROM "CaseEvent" e JOIN "Case" c ON c."id" = e."caseId"
WHERE ${flowEventsInP(['reported'], scope, period)} GROUP BY c."categoryCode"`,
  );
  const sorted = rows
    .map((r) => ({ code: r.code, count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return {
    ...frameOf(scope, period),
    total: sorted.reduce((n, r) => n + r.count, 0),
    categories: sorted
      .slice(0, TOP_N)
      .map((r) => ({ ...r, name: ctx.reference.category(r.code)?.name ?? r.code })),
  };
}
