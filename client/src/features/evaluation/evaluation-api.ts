import type { RankingKind, TWorkLogInput, WorkKind } from '@wangge/shared/schemas/evaluation';
import { api } from '../../lib/api';
import { shanghaiToday } from '../metrics/metrics-api';

export type { RankingKind, TWorkLogInput, WorkKind };

/** The city (聊城市): its centre freezes rankings. */
export const CITY_CODE = '371500000000';

/** GET /api/work-logs: one recorded patrol or home visit. */
export interface WorkLog {
  id: string;
  kind: WorkKind;
  gridCode: string;
  note: string;
  lon: number | null;
  lat: number | null;
  createdAt: string;
}

export interface ScoreItem {
  key: string;
  points: number;
  max: number;
}
export interface ScorePart {
  key: 'cell' | 'duties' | 'personal';
  points: number;
  max: number;
  items: ScoreItem[];
}

/** GET /api/scores/grid-workers: one worker's 100-point month. */
export interface GridWorkerScore {
  id: string;
  name: string;
  gridCodes: string[];
  score: number;
  breakdown: { total: number; parts: ScorePart[] };
  work: { workingDays: number; patrolDays: number; homeVisits: number; reports: number };
}

export type Figure = { numerator: number; denominator: number } | { points: number; max: number };

export interface RankingRow {
  rank: number | null;
  id: string;
  name: string;
  score: number | null;
  figures: Record<string, Figure>;
}

/** GET /api/rankings */
export interface Ranking {
  month: string;
  kind: RankingKind;
  unit: { code: string; name: string };
  frozen: boolean;
  frozenAt: string | null;
  rows: RankingRow[];
}

export interface FreezeResult {
  month: string;
  frozen: number;
  alreadyFrozen: number;
}

export const RANKING_KINDS: readonly RankingKind[] = ['COUNTY', 'TOWNSHIP', 'DEPARTMENT', 'GRID_WORKER'];

export const fetchWorkLogs = (month: string) => api<WorkLog[]>(`/api/work-logs?month=${month}`);

/** The caller's own score (named, so anyone but a grid worker gets a 404, not someone else's). */
export async function fetchMyScore(month: string, userId: string): Promise<GridWorkerScore | null> {
  const rows = await api<GridWorkerScore[]>(
    `/api/scores/grid-workers?month=${month}&user=${encodeURIComponent(userId)}`,
  );
  return rows[0] ?? null;
}

export const fetchRanking = (month: string, kind: RankingKind, unit: string) =>
  api<Ranking>(`/api/rankings?month=${month}&kind=${kind}&unit=${encodeURIComponent(unit)}`);

export const freezeRankings = (month: string) =>
  api<FreezeResult>('/api/rankings/freeze', { method: 'POST', json: { month } });

/** Sends one record; the same key on a retry returns the first record (never a second one). */
export const postWorkLog = (key: string, body: TWorkLogInput) =>
  api<WorkLog>('/api/work-logs', { method: 'POST', headers: { 'idempotency-key': key }, json: body });

// Months: Shanghai calendar months written YYYY-MM, as the API takes them.

/** The month it is now in Shanghai (from the device clock). */
export const currentMonth = (now = new Date()) => shanghaiToday(now).slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** `count` months ending at `last`, newest first. */
export const monthsUpTo = (last: string, count = 24) =>
  Array.from({ length: count }, (_, i) => addMonths(last, -i));

/** "2026-11" → 2026年11月 / Nov 2026. */
export function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (locale !== 'en') return `${y}年${m}月`;
  return new Date(Date.UTC(y, m - 1, 15)).toLocaleString('en', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The Shanghai day (YYYY-MM-DD) of an instant. */
export const shanghaiDay = (iso: string) => shanghaiToday(new Date(iso));

/** Date and time in Shanghai, short. */
export function shanghaiTime(iso: string, locale: string, withYear = false): string {
  return new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    ...(withYear ? { year: 'numeric' } : {}),
    month: withYear ? '2-digit' : 'numeric',
    day: withYear ? '2-digit' : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}
