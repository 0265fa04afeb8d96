import { toShanghaiDate } from '@wangge/shared/calendar/index';
import { isWithin, significantPrefix } from '@wangge/shared/domain/unit-codes';
import { type GridWorkerScore, gridWorkerScore, type Rate } from '@wangge/shared/evaluation/scores';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../http/app-error';
import { findHomeUnit } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { computeRates, type RateRow } from '../metrics/compute-metrics';
import { resolveMetricsScope } from '../metrics/metrics-scope';
import { type Month, workingDaysIn } from './month';
import { SYSTEM_USER } from './system-user';

/** Scores are computed on request: a listing is capped (a township has a few dozen workers). */
const MAX_LISTED = 200;

export interface GridWorkerScoreRow {
  id: string;
  name: string;
  gridCodes: string[];
  score: number;
  breakdown: GridWorkerScore;
  /** The recorded work the score was computed from. */
  work: { workingDays: number; patrolDays: number; homeVisits: number; reports: number };
}

/** The rates of several cells as one: numerators and denominators summed per indicator. */
async function cellRates(ctx: AppContext, cells: readonly string[], month: Month) {
  const sums = new Map<string, { n: number; d: number }>();
  for (const code of cells) {
    const scope = await resolveMetricsScope(ctx, SYSTEM_USER, { kind: 'grid', code });
    for (const r of await computeRates(ctx, scope, month)) {
      const s = sums.get(r.key) ?? { n: 0, d: 0 };
      sums.set(r.key, { n: s.n + r.numerator, d: s.d + r.denominator });
    }
  }
  const rate = (key: RateRow['key']): Rate => {
    const s = sums.get(key);
    return s && s.d > 0 ? s.n / s.d : null;
  };
  return rate;
}

/** One grid worker's 100-point score for a month, from their cells' cases and their records. */
export async function scoreGridWorker(
  ctx: AppContext,
  worker: { id: string; displayName: string; gridCodes: string[] },
  month: Month,
): Promise<GridWorkerScoreRow> {
  const rate = await cellRates(ctx, worker.gridCodes, month);
  const [logs, reports] = await Promise.all([
    ctx.db.read.workLog.findMany({
      where: { userId: worker.id, createdAt: { gte: month.start, lt: month.end } },
      select: { kind: true, createdAt: true },
    }),
    ctx.db.read.case.count({
      where: {
        reporterId: worker.id,
        createdAt: { gte: month.start, lt: month.end },
        state: { not: 'REJECTED' },
      },
    }),
  ]);
  const workingDays = workingDaysIn(ctx.deadlines.calendar, month).length;
  const patrolDays = new Set(logs.filter((l) => l.kind === 'PATROL').map((l) => toShanghaiDate(l.createdAt)))
    .size;
  const homeVisits = logs.filter((l) => l.kind === 'HOME_VISIT').length;
  const breakdown = gridWorkerScore({
    cell: {
      closeOnTime: rate('closeOnTime'),
      satisfaction: rate('satisfaction'),
      registerOnTime: rate('registerOnTime'),
    },
    workingDays,
    patrolDays,
    homeVisits,
    reports,
    checkOnTime: rate('checkOnTime'),
  });
  return {
    id: worker.id,
    name: worker.displayName,
    gridCodes: worker.gridCodes,
    score: breakdown.total,
    breakdown,
    work: { workingDays, patrolDays, homeVisits, reports },
  };
}

/** Active grid workers with a cell inside `unitCode`, with their cells. */
export async function gridWorkersWithin(ctx: AppContext, unitCode: string) {
  // Only the workers with a cell in the unit (not every worker of the city, then filtered).
  const users = await ctx.db.read.user.findMany({
    where: {
      role: 'GRID_WORKER',
      isActive: true,
      gridRoles: { some: { gridCode: { startsWith: significantPrefix(unitCode) } } },
    },
    select: { id: true, displayName: true, gridRoles: { select: { gridCode: true } } },
    orderBy: { id: 'asc' },
  });
  return users.map((u) => ({
    id: u.id,
    displayName: u.displayName,
    gridCodes: [...new Set(u.gridRoles.map((g) => g.gridCode))].sort(),
  }));
}

/**
 * GET /api/scores/grid-workers: a grid worker sees their own score; anyone else the scores of
 * the workers serving cells in their jurisdiction (or one of them with `user`).
 */
export async function listGridWorkerScores(
  ctx: AppContext,
  caller: AuthUser,
  month: Month,
  userId: string | undefined,
  unitCode: string | undefined,
): Promise<GridWorkerScoreRow[]> {
  if (caller.role === 'GRID_WORKER') {
    if (userId && userId !== caller.id) throw notFound('No such grid worker.');
    return [
      await scoreGridWorker(
        ctx,
        { id: caller.id, displayName: caller.displayName, gridCodes: [...caller.gridCodes] },
        month,
      ),
    ];
  }
  // Department staff evaluate their department, not the grid: 404 like any unseen scope.
  const home = caller.role === 'DEPT_STAFF' ? null : await findHomeUnit(ctx, caller);
  if (!home || (unitCode && !isWithin(unitCode, home)))
    throw notFound('No grid workers in your jurisdiction.');
  const workers = (await gridWorkersWithin(ctx, unitCode ?? home)).filter((w) => !userId || w.id === userId);
  if (userId && workers.length === 0) throw notFound('No such grid worker.');
  if (workers.length > MAX_LISTED)
    throw new AppError(
      'RULE_VIOLATION',
      `More than ${MAX_LISTED} grid workers: name a township or village (unit=…).`,
    );
  const rows: GridWorkerScoreRow[] = [];
  for (const w of workers) rows.push(await scoreGridWorker(ctx, w, month));
  return rows;
}
