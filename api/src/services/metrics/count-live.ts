import { OPEN_STATES } from '@wangge/shared/domain/constants';
import type { AppContext } from '../../context';
import { Prisma } from '../../generated/prisma/client';
import type { MetricsScope } from './metrics-scope';

export interface LiveCounts {
  open: number;
  overdue: number;
  yellow: number;
}

/**
 * Open, overdue and yellow cases of the scope now — alarm-definitions.ts's three filters as
 * sums over the open cases in ONE scan (three counts cost three scans of a county's cases), in
 * total or per cell. tests/api/dashboard.test.ts compares them with the alarm wall's Prisma
 * counts and the cells with the total.
 */
export async function countLive(
  ctx: AppContext,
  scope: MetricsScope,
  now: Date,
  byCell: boolean,
): Promise<(LiveCounts & { gridCode: string })[]> {
  // The states are constants, written as literals (PostgreSQL compares its enum with literals).
  const open = Prisma.raw(OPEN_STATES.map((s) => `'${s}'`).join(', '));
  const cell = byCell ? Prisma.sql`c."gridCode" AS "gridCode", ` : Prisma.sql`'' AS "gridCode", `;
  const rows = await ctx.db.read.$queryRaw<Record<string, unknown>[]>(
    Prisma.sql`SELECT ${cell}COUNT(*) AS "open",
  COALESCE(SUM(CASE WHEN c."stageDeadline" <= ${now} THEN 1 ELSE 0 END), 0) AS "overdue",
  COALESCE(SUM(CASE WHEN c."yellowAt" <= ${now} AND c."stageDeadline" > ${now} THEN 1 ELSE 0 END), 0) AS "yellow"
FROM "Case" c WHERE c."state" IN (${open}) AND ${scope.caseSql}${byCell ? Prisma.sql` GROUP BY c."gridCode"` : Prisma.empty}`,
  );
  return rows.map((r) => ({
    gridCode: String(r.gridCode),
    open: Number(r.open),
    overdue: Number(r.overdue),
    yellow: Number(r.yellow),
  }));
}
