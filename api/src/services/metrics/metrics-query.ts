import {
  addCalendarDays,
  isDateString,
  startOfShanghaiDay,
  toShanghaiDate,
} from '@wangge/shared/calendar/index';
import type { ErrorDetail } from '@wangge/shared/errors';
import { ZGridCode, ZIsoDate, ZUnitCode } from '@wangge/shared/schemas/common';
import {
  FLOW_KEYS,
  type FlowKey,
  MAX_DASHBOARD_DAYS,
  ZDashboardQuery,
} from '@wangge/shared/schemas/dashboard';
import { z } from 'zod';
import { AppError, detailsFromZod } from '../../http/app-error';
import { METRIC_KEYS, type MetricKey } from './metric-definitions';

/** What the cases behind a number are: an indicator's part, or a flow figure (of a category). */
export type DrillTarget =
  | { kind: 'metric'; metric: MetricKey; part: 'numerator' | 'denominator' }
  | { kind: 'figure'; figure: FlowKey; category?: string };

// Years 2000–2100: 9999-12-31 had no next day in YYYY-MM-DD form and 0000-01-01 broke the query.
const ZDate = ZIsoDate;
export const ZMetricsQuery = z.object({
  unit: ZUnitCode.optional(),
  grid: ZGridCode.optional(),
  department: z.string().min(1).max(100).optional(),
  person: z.string().min(1).max(100).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
});
export const ZCasesQuery = ZMetricsQuery.extend({
  /** An indicator's numerator or denominator … */
  metric: z.enum(METRIC_KEYS).optional(),
  part: z.enum(['numerator', 'denominator']).optional(),
  /** … or a flow figure of the dashboard (flow-definitions.ts), optionally of one category. */
  figure: z.enum(FLOW_KEYS).optional(),
  category: z
    .string()
    .regex(/^\d{2,8}$/, 'must be a category code')
    .optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZExportQuery = ZMetricsQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

/** What a metrics request is about: one scope (or the caller's default) and a period. */
export type ScopeRequest =
  | { kind: 'unit'; code: string }
  | { kind: 'grid'; code: string }
  | { kind: 'department'; id: string }
  | { kind: 'person'; id: string }
  | { kind: 'default' };

/** A period of Shanghai calendar days, `to` inclusive, as the half-open instant range [start, end). */
export interface Period {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

const SCOPE_KEYS = ['unit', 'grid', 'department', 'person'] as const;

/**
 * Parses with zod and adds the cross-field rules (and `extra` ones), then throws once listing
 * every problem.
 */
function parseAll<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  query: unknown,
  extra: (raw: Record<string, unknown>) => ErrorDetail[] = () => [],
): z.infer<S> {
  const raw = (query ?? {}) as Record<string, unknown>;
  const result = schema.safeParse(raw);
  const details: ErrorDetail[] = result.success ? [] : detailsFromZod(result.error, 'query');
  details.push(...extra(raw));
  const scopes = SCOPE_KEYS.filter((k) => raw[k] !== undefined);
  if (scopes.length > 1)
    details.push({ path: 'query', message: `name at most one scope, not ${scopes.join(' and ')}` });
  if (isDateString(raw.from) && isDateString(raw.to) && raw.from > raw.to)
    details.push({ path: 'query.from', message: 'must not be after to' });
  if (!result.success || details.length > 0)
    throw new AppError('VALIDATION_FAILED', 'The request is invalid.', details);
  return result.data;
}

function scopeOf(q: z.infer<typeof ZMetricsQuery>): ScopeRequest {
  if (q.unit) return { kind: 'unit', code: q.unit };
  if (q.grid) return { kind: 'grid', code: q.grid };
  if (q.department) return { kind: 'department', id: q.department };
  if (q.person) return { kind: 'person', id: q.person };
  return { kind: 'default' };
}

/** The period asked for; by default the current month up to today (Shanghai days). */
export function periodOf(from: string | undefined, to: string | undefined, now: Date): Period {
  const today = toShanghaiDate(now);
  const f = from ?? (to ? `${to.slice(0, 8)}01` : `${today.slice(0, 8)}01`);
  const t = to ?? (from && from > today ? from : today);
  return { from: f, to: t, start: startOfShanghaiDay(f), end: startOfShanghaiDay(addCalendarDays(t, 1)) };
}

export function parseMetricsQuery(query: unknown, now: Date) {
  const q = parseAll(ZMetricsQuery, query);
  return { scope: scopeOf(q), period: periodOf(q.from, q.to, now) };
}

/** Exactly one target: `metric` with `part`, or `figure` (with `category` at most). */
function drillProblems(raw: Record<string, unknown>): ErrorDetail[] {
  const has = (k: string) => raw[k] !== undefined;
  if (has('metric') && has('figure'))
    return [{ path: 'query', message: 'name a metric or a figure, not both' }];
  if (has('figure')) return has('part') ? [{ path: 'query.part', message: 'a figure has no parts' }] : [];
  const problems: ErrorDetail[] = [];
  if (!has('metric'))
    problems.push({ path: 'query.metric', message: 'name a metric or a figure', kind: 'required' });
  if (!has('part'))
    problems.push({ path: 'query.part', message: 'required with a metric', kind: 'required' });
  if (has('category')) problems.push({ path: 'query.category', message: 'only with a figure' });
  return problems;
}

export function parseCasesQuery(query: unknown, now: Date) {
  const q = parseAll(ZCasesQuery, query, drillProblems);
  const target: DrillTarget = q.figure
    ? { kind: 'figure', figure: q.figure, ...(q.category ? { category: q.category } : {}) }
    : { kind: 'metric', metric: q.metric!, part: q.part! };
  return { scope: scopeOf(q), period: periodOf(q.from, q.to, now), target, cursor: q.cursor, limit: q.limit };
}

/** A period of at most MAX_DASHBOARD_DAYS days (the trend has a bar per day), defaults filled in. */
const spanProblems =
  (now: Date) =>
  (raw: Record<string, unknown>): ErrorDetail[] => {
    // Only dates the schema accepts (years 2000–2100): 9999-12-31 is refused there, and a day
    // after it is not a date at all.
    const from = ZIsoDate.safeParse(raw.from).success ? (raw.from as string) : undefined;
    const to = ZIsoDate.safeParse(raw.to).success ? (raw.to as string) : undefined;
    if ((raw.from !== undefined && !from) || (raw.to !== undefined && !to)) return [];
    const p = periodOf(from, to, now);
    if (p.from > p.to) return [];
    const days = Math.round((p.end.getTime() - p.start.getTime()) / 86_400_000);
    return days > MAX_DASHBOARD_DAYS
      ? [
          {
            path: 'query.to',
            message: `the period spans at most ${MAX_DASHBOARD_DAYS} days`,
            kind: 'too_big.days',
            limit: MAX_DASHBOARD_DAYS,
          },
        ]
      : [];
  };

/** The dashboard's reads: a unit (default the caller's home) and a period of at most a quarter. */
export function parseDashboardQuery(query: unknown, now: Date) {
  const q = parseAll(ZDashboardQuery, query, spanProblems(now));
  return { unit: q.unit, period: periodOf(q.from, q.to, now) };
}

export function parseExportQuery(query: unknown, now: Date) {
  const q = parseAll(ZExportQuery, query);
  return { scope: scopeOf(q), period: periodOf(q.from, q.to, now), format: q.format };
}
