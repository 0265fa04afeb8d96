import { z } from 'zod';
import { ZGridCode, ZLocation, ZMonth, ZUnitCode } from './common';
import { zText } from './text';

/** Field work a grid worker records: a patrol (巡查) or a home visit (入户走访). */
export const WORK_KINDS = ['PATROL', 'HOME_VISIT'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** POST /api/work-logs (with an Idempotency-Key header, like reports). */
export const ZWorkLogInput = z.object({
  kind: z.enum(WORK_KINDS),
  /** One of the worker's cells; defaults to their first. */
  gridCode: ZGridCode.optional(),
  note: zText(z.string().trim().min(2).max(500)),
  location: ZLocation.optional(),
  /** A home visit to a register person of the worker's cells: it satisfies their visiting plan. */
  personId: z.uuid().optional(),
});
export type TWorkLogInput = z.infer<typeof ZWorkLogInput>;

/** A Shanghai calendar month, YYYY-MM (years 2000–2100). */
export { ZMonth } from './common';

export const RANKING_KINDS = ['COUNTY', 'TOWNSHIP', 'DEPARTMENT', 'GRID_WORKER'] as const;
export type RankingKind = (typeof RANKING_KINDS)[number];

/** GET /api/rankings: a month's ranking of one kind within one unit (default: the caller's). */
export const ZRankingQuery = z.object({
  month: ZMonth,
  kind: z.enum(RANKING_KINDS),
  unit: ZUnitCode.optional(),
});

/** GET /api/scores/grid-workers and GET /api/work-logs. */
export const ZMonthQuery = z.object({
  month: ZMonth.optional(),
  user: z.string().min(1).max(100).optional(),
  unit: ZUnitCode.optional(),
});

/** POST /api/rankings/freeze. */
export const ZFreezeInput = z.object({ month: ZMonth });
