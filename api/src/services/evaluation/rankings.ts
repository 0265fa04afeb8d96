import { ancestorCode, isWithin, levelOfCode } from '@wangge/shared/domain/unit-codes';
import { rankRows, type UnitRates, unitScore } from '@wangge/shared/evaluation/scores';
import type { RankingKind } from '@wangge/shared/schemas/evaluation';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../http/app-error';
import { findHomeUnit } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { computeRates } from '../metrics/compute-metrics';
import type { ScopeRequest } from '../metrics/metrics-query';
import { resolveMetricsScope } from '../metrics/metrics-scope';
import { gridWorkersWithin, scoreGridWorker } from './grid-worker-scores';
import type { Month } from './month';
import { SYSTEM_USER } from './system-user';

/** One ranked row: who, the score, and the figures it came from. */
export interface RankingRow {
  rank: number | null;
  id: string;
  name: string;
  score: number | null;
  /** Units and departments: each rate's numerator/denominator; grid workers: the score parts. */
  figures: Record<string, { numerator: number; denominator: number } | { points: number; max: number }>;
}

export interface Ranking {
  month: string;
  kind: RankingKind;
  unit: { code: string; name: string };
  /** True when read from the frozen snapshot (一月一排名); false for a live preview. */
  frozen: boolean;
  frozenAt: Date | null;
  rows: RankingRow[];
}

/** The level whose members a ranking of each kind lists, and where it may be asked for. */
const UNIT_LEVEL_FOR: Record<RankingKind, readonly string[]> = {
  COUNTY: ['CITY'],
  TOWNSHIP: ['COUNTY'],
  DEPARTMENT: ['CITY', 'COUNTY'],
  GRID_WORKER: ['TOWNSHIP', 'VILLAGE'],
};

/** Scores a metrics scope: its indicators (as the metrics API counts them) into one score. */
async function scoreScope(ctx: AppContext, id: string, name: string, asked: ScopeRequest, month: Month) {
  const scope = await resolveMetricsScope(ctx, SYSTEM_USER, asked);
  const rates = await computeRates(ctx, scope, month);
  const rate = Object.fromEntries(rates.map((r) => [r.key, r.rate])) as unknown as UnitRates;
  return {
    id,
    name,
    score: unitScore(rate),
    figures: Object.fromEntries(
      rates.map((r) => [r.key, { numerator: r.numerator, denominator: r.denominator }]),
    ),
  };
}

/** Computes a ranking now from the event log (what a snapshot freezes). */
export async function computeRanking(
  ctx: AppContext,
  kind: RankingKind,
  unitCode: string,
  month: Month,
): Promise<RankingRow[]> {
  const rows: Omit<RankingRow, 'rank'>[] = [];
  if (kind === 'COUNTY' || kind === 'TOWNSHIP') {
    const units = await ctx.db.read.unit.findMany({
      where: { parentCode: unitCode, level: kind },
      orderBy: { code: 'asc' },
    });
    for (const u of units)
      rows.push(await scoreScope(ctx, u.code, u.name, { kind: 'unit', code: u.code }, month));
  } else if (kind === 'DEPARTMENT') {
    const departments = await ctx.db.read.department.findMany({
      where: { unitCode },
      orderBy: { id: 'asc' },
    });
    for (const d of departments)
      rows.push(await scoreScope(ctx, d.id, d.name, { kind: 'department', id: d.id }, month));
  } else {
    for (const w of await gridWorkersWithin(ctx, unitCode)) {
      const s = await scoreGridWorker(ctx, w, month);
      rows.push({
        id: s.id,
        name: s.name,
        score: s.score,
        figures: Object.fromEntries(s.breakdown.parts.map((p) => [p.key, { points: p.points, max: p.max }])),
      });
    }
  }
  return rankRows(rows);
}

/**
 * GET /api/rankings: the frozen snapshot of a month when there is one, else a live preview
 * (frozen: false). The unit must lie in the caller's jurisdiction and fit the kind.
 */
export async function getRanking(
  ctx: AppContext,
  caller: AuthUser,
  kind: RankingKind,
  month: Month,
  askedUnit: string | undefined,
): Promise<Ranking> {
  const home = await findHomeUnit(ctx, caller);
  const unitCode = askedUnit ?? home;
  if (!home || !unitCode || !isWithin(unitCode, home)) throw notFound('No such unit.');
  const unit = await ctx.db.read.unit.findUnique({
    where: { code: unitCode },
    select: { code: true, name: true },
  });
  if (!unit) throw notFound('No such unit.');
  if (!UNIT_LEVEL_FOR[kind].includes(levelOfCode(unitCode)))
    throw new AppError('VALIDATION_FAILED', 'The request is invalid.', [
      {
        path: 'query.unit',
        message: `a ${kind} ranking is kept within a ${UNIT_LEVEL_FOR[kind].join(' or ')} unit`,
      },
    ]);
  // Grid workers are ranked (and frozen) per township; a village reads its township's ranking
  // restricted to its own workers. Each grid worker sees only their own row, as with their
  // score; department staff do not evaluate the grid (404, as GET /api/scores/grid-workers).
  let rankedUnit = unitCode;
  let keep: ((row: RankingRow) => boolean) | null = null;
  if (kind === 'GRID_WORKER') {
    if (caller.role === 'DEPT_STAFF') throw notFound('No such unit.');
    if (levelOfCode(unitCode) === 'VILLAGE') {
      rankedUnit = ancestorCode(unitCode, 'TOWNSHIP');
      const ids = new Set((await gridWorkersWithin(ctx, unitCode)).map((w) => w.id));
      keep = (row) => ids.has(row.id);
    }
    if (caller.role === 'GRID_WORKER') keep = (row) => row.id === caller.id;
  }
  const snapshot = await ctx.db.read.rankingSnapshot.findUnique({
    where: { month_kind_unitCode: { month: month.month, kind, unitCode: rankedUnit } },
  });
  const rows = snapshot
    ? (JSON.parse(snapshot.rows) as RankingRow[])
    : await computeRanking(ctx, kind, rankedUnit, month);
  return {
    month: month.month,
    kind,
    unit,
    frozen: snapshot !== null,
    frozenAt: snapshot?.frozenAt ?? null,
    rows: keep ? rows.filter(keep) : rows,
  };
}
