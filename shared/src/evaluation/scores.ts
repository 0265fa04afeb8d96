/**
 * 综合评价 scores (pure): the composite score by which units and departments are ranked each
 * month, and the grid worker's 100-point monthly score computed from recorded work. The
 * weights are the domain brief's example (cell results 50, duties 30, personal performance 20)
 * and are documented in docs/metrics.md ("Scores and rankings").
 */

/** A rate as the metrics API returns it: null when nothing was due (denominator 0). */
export type Rate = number | null;

/** The rates a unit or department score is made of (keys as in GET /api/metrics). */
export interface UnitRates {
  closeOnTime: Rate;
  handleOnTime: Rate;
  satisfaction: Rate;
  registerOnTime: Rate;
  checkOnTime: Rate;
  rework: Rate;
}

/** Weights of the unit score, out of 100. Rework counts as (1 − 返工率). */
export const UNIT_SCORE_WEIGHTS: Readonly<Record<keyof UnitRates, number>> = Object.freeze({
  closeOnTime: 30,
  handleOnTime: 25,
  satisfaction: 15,
  registerOnTime: 10,
  checkOnTime: 10,
  rework: 10,
});

/** Rounds to one decimal, the precision shown in rankings. */
export const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A unit's or department's score out of 100: the weighted rates, each rate that had nothing
 * due left out and the remaining weights scaled up to 100. Null when no rate had anything due
 * (nothing to rank by; such rows rank last).
 */
export function unitScore(rates: UnitRates): number | null {
  let weight = 0;
  let sum = 0;
  for (const [key, w] of Object.entries(UNIT_SCORE_WEIGHTS) as [keyof UnitRates, number][]) {
    const r = rates[key];
    if (r === null) continue;
    weight += w;
    sum += w * (key === 'rework' ? Math.max(0, 1 - r) : r);
  }
  return weight === 0 ? null : round1((sum / weight) * 100);
}

/** Monthly targets behind the duties and personal parts of the grid worker score. */
export const GRID_WORKER_TARGETS = Object.freeze({
  /** Home visits (入户走访) a month for the full 15 points. */
  homeVisits: 20,
  /** Reports that entered the loop (not rejected) a month for the full 10 points. */
  reports: 8,
});

/** What a grid worker's score is computed from: all of it recorded by the system. */
export interface GridWorkerWork {
  /** Rates of the cases located in the worker's cells, registered in the month. */
  cell: { closeOnTime: Rate; satisfaction: Rate; registerOnTime: Rate };
  /** Working days in the month, and those on which the worker recorded at least one patrol. */
  workingDays: number;
  patrolDays: number;
  homeVisits: number;
  /** Reports made in the month that were not rejected. */
  reports: number;
  /** 按期核查率 of the checks in the worker's cells in the month. */
  checkOnTime: Rate;
}

export interface ScoreItem {
  key: string;
  points: number;
  max: number;
}

export interface GridWorkerScore {
  total: number;
  parts: { key: 'cell' | 'duties' | 'personal'; points: number; max: number; items: ScoreItem[] }[];
}

/** A rate item: the rate times its points; nothing due earns the full points (nothing was missed). */
const rateItem = (key: string, rate: Rate, max: number): ScoreItem => ({
  key,
  points: round1((rate ?? 1) * max),
  max,
});
const ratioItem = (key: string, done: number, target: number, max: number): ScoreItem => ({
  key,
  points: round1(target > 0 ? Math.min(1, done / target) * max : max),
  max,
});

/** The grid worker's 100-point monthly score with every item that made it. */
export function gridWorkerScore(w: GridWorkerWork): GridWorkerScore {
  const parts: GridWorkerScore['parts'] = [
    {
      key: 'cell',
      max: 50,
      points: 0,
      items: [
        rateItem('cellCloseOnTime', w.cell.closeOnTime, 30),
        rateItem('cellSatisfaction', w.cell.satisfaction, 10),
        rateItem('cellRegisterOnTime', w.cell.registerOnTime, 10),
      ],
    },
    {
      key: 'duties',
      max: 30,
      points: 0,
      items: [
        ratioItem('patrolDays', w.patrolDays, w.workingDays, 15),
        ratioItem('homeVisits', w.homeVisits, GRID_WORKER_TARGETS.homeVisits, 15),
      ],
    },
    {
      key: 'personal',
      max: 20,
      points: 0,
      items: [
        ratioItem('reports', w.reports, GRID_WORKER_TARGETS.reports, 10),
        rateItem('checkOnTime', w.checkOnTime, 10),
      ],
    },
  ];
  for (const p of parts) p.points = round1(p.items.reduce((s, i) => s + i.points, 0));
  return { total: round1(parts.reduce((s, p) => s + p.points, 0)), parts };
}

/** Ranks rows by score, highest first; rows without a score last; ties share a rank (1, 1, 3). */
export function rankRows<T extends { score: number | null; id: string }>(
  rows: readonly T[],
): (T & { rank: number | null })[] {
  const sorted = [...rows].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.id.localeCompare(b.id));
  let rank = 0;
  let previous: number | null = null;
  return sorted.map((row, i) => {
    if (row.score === null) return { ...row, rank: null };
    if (row.score !== previous) {
      rank = i + 1;
      previous = row.score;
    }
    return { ...row, rank };
  });
}
