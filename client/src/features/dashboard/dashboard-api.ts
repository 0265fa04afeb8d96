import type { TDashboardFrame, TKeyFigures, TTrendDay } from '@wangge/shared/schemas/dashboard';
import { ApiError, api, getToken } from '../../lib/api';
import type { Period } from '../metrics/metrics-api';

export interface RateRow {
  key: string;
  name: string;
  numerator: number;
  denominator: number;
  rate: number | null;
}
export type Summary = TDashboardFrame & TKeyFigures;
export type Trend = TDashboardFrame & { days: TTrendDay[] };
export interface Ranked {
  code: string;
  name: string;
  count: number;
}
export type TopCategories = TDashboardFrame & { total: number; categories: Ranked[] };
export type HotCells = TDashboardFrame & { cells: Ranked[] };
export type UnitRates = TDashboardFrame & {
  children: { kind: 'unit' | 'grid'; code: string; name: string; rates: RateRow[] }[];
};
export interface AlarmCase {
  id: string;
  code: string;
  title: string;
  state: string;
  gridCode: string;
  gridName: string;
  stageDeadline: string;
  level: 'RED' | 'YELLOW';
}
export interface Alarms {
  scope: TDashboardFrame['scope'];
  at: string;
  red: number;
  yellow: number;
  cases: AlarmCase[];
}

/** Everything one dashboard shows, for one unit and period. */
export interface DashboardData {
  summary: Summary;
  trend: Trend;
  categories: TopCategories;
  cells: HotCells;
  units: UnitRates;
  alarms: Alarms;
}

const query = (unit: string | null, p: Period) =>
  `${unit ? `unit=${encodeURIComponent(unit)}&` : ''}from=${p.from}&to=${p.to}`;

/** The six reads of GET /api/metrics/{summary,trend,…} at once. */
export async function fetchDashboard(unit: string | null, p: Period): Promise<DashboardData> {
  const q = query(unit, p);
  const [summary, trend, categories, cells, units, alarms] = await Promise.all([
    api<Summary>(`/api/metrics/summary?${q}`),
    api<Trend>(`/api/metrics/trend?${q}`),
    api<TopCategories>(`/api/metrics/top-categories?${q}`),
    api<HotCells>(`/api/metrics/hot-cells?${q}`),
    api<UnitRates>(`/api/metrics/units?${q}`),
    api<Alarms>(`/api/metrics/alarms?${q}`),
  ]);
  return { summary, trend, categories, cells, units, alarms };
}

/** What a click on a chart asks for: the query of GET /api/metrics/cases, a title and the count drawn. */
export interface Pick {
  query: string;
  /** What was clicked, in the UI's language (a figure, an indicator, a day). */
  title: string;
  /** The data it was clicked on (a unit's, a cell's or a category's name), if any. */
  subject?: string;
  count: number;
}

/** The scope and period of a drill (a cell replaces the unit). */
export const drillScope = (scope: { kind: 'unit' | 'grid'; code: string }, p: Period) =>
  `${scope.kind}=${scope.code}&from=${p.from}&to=${p.to}`;

/** One page of the cases behind a number (the list carries a cursor beside its data). */
export async function fetchCasesBehind(
  pickQuery: string,
  cursor: string | null,
): Promise<{
  data: { id: string; code: string; title: string; state: string }[];
  nextCursor: string | null;
}> {
  const res = await fetch(`/api/metrics/cases?${pickQuery}&limit=50${cursor ? `&cursor=${cursor}` : ''}`, {
    headers: { authorization: `Bearer ${getToken() ?? ''}` },
  });
  const body = await res.json();
  if (!res.ok)
    throw new ApiError(
      res.status,
      body.error?.code ?? 'INTERNAL',
      body.error?.message ?? '',
      body.error?.details,
    );
  return body;
}
