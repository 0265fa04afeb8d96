import { ApiError, api, apiDownload, getToken } from '../../lib/api';

export interface RateRow {
  key: string;
  name: string;
  numerator: number;
  denominator: number;
  rate: number | null;
}
export interface MetricsData {
  scope: { kind: string; id: string; name: string };
  from: string;
  to: string;
  rates: RateRow[];
  /** The three 12345 rates, shown after the indicators. */
  hotline: RateRow[];
  /** 重复件占比 per month of the period: merged ÷ reported. */
  duplicates?: DuplicateShareRow[];
}
export interface DuplicateShareRow {
  month: string;
  from: string;
  to: string;
  reported: number;
  merged: number;
  share: number | null;
}
export interface MetricCase {
  id: string;
  code: string;
  title: string;
  state: string;
}
export interface Period {
  from: string;
  to: string;
}

/** Today's date in Shanghai (UTC+8, no DST) as YYYY-MM-DD. */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** This month up to today, or the whole of last month. */
export function presetPeriod(preset: 'thisMonth' | 'lastMonth', today = shanghaiToday()): Period {
  if (preset === 'thisMonth') return { from: `${today.slice(0, 8)}01`, to: today };
  const firstOfThis = Date.parse(`${today.slice(0, 8)}01T00:00:00Z`);
  const lastOfPrev = new Date(firstOfThis - 86_400_000).toISOString().slice(0, 10);
  return { from: `${lastOfPrev.slice(0, 8)}01`, to: lastOfPrev };
}

const query = (unit: string, p: Period) => `unit=${encodeURIComponent(unit)}&from=${p.from}&to=${p.to}`;

export const fetchMetrics = (unit: string, p: Period) => api<MetricsData>(`/api/metrics?${query(unit, p)}`);

/** One page of the cases behind a number (the list carries a cursor beside its data). */
export async function fetchMetricCases(
  unit: string,
  p: Period,
  metric: string,
  part: 'numerator' | 'denominator',
  cursor: string | null,
): Promise<{ data: MetricCase[]; nextCursor: string | null }> {
  const res = await fetch(
    `/api/metrics/cases?${query(unit, p)}&metric=${metric}&part=${part}&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
    { headers: { authorization: `Bearer ${getToken() ?? ''}` } },
  );
  const body = await res.json();
  if (!res.ok) throw new ApiError(res.status, body.error?.code ?? 'INTERNAL', body.error?.message ?? '');
  return body;
}

/** Downloads the export (with the bearer token; the server names the file). */
export function downloadExport(unit: string, p: Period, format: 'csv' | 'xlsx') {
  return apiDownload(
    `/api/metrics/export?${query(unit, p)}&format=${format}`,
    `metrics-${p.from}-${p.to}.${format}`,
  );
}
