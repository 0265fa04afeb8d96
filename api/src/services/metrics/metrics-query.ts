import {
  addCalendarDays,
  isDateString,
  startOfShanghaiDay,
  toShanghaiDate,
} from '@wangge/shared/calendar/index';
import type { ErrorDetail } from '@wangge/shared/errors';
import { ZGridCode, ZIsoDate, ZUnitCode } from '@wangge/shared/schemas/common';
import { z } from 'zod';
import { AppError, detailsFromZod } from '../../http/app-error';
import { METRIC_KEYS } from './metric-definitions';

// Years 2000–2100: 9999-12-31 had no next day in YYYY-MM-DD form and 0000-01-01 broke the query.
const ZDate = ZIsoDate;
const ZMetricsQuery = z.object({
  unit: ZUnitCode.optional(),
  grid: ZGridCode.optional(),
  department: z.string().min(1).max(100).optional(),
  person: z.string().min(1).max(100).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
});
const ZCasesQuery = ZMetricsQuery.extend({
  metric: z.enum(METRIC_KEYS),
  part: z.enum(['numerator', 'denominator']),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const ZExportQuery = ZMetricsQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

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

/** Parses with zod and adds the cross-field rules, then throws once listing every problem. */
function parseAll<S extends z.ZodType<Record<string, unknown>>>(schema: S, query: unknown): z.infer<S> {
  const raw = (query ?? {}) as Record<string, unknown>;
  const result = schema.safeParse(raw);
  const details: ErrorDetail[] = result.success ? [] : detailsFromZod(result.error, 'query');
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

export function parseCasesQuery(query: unknown, now: Date) {
  const q = parseAll(ZCasesQuery, query);
  return { scope: scopeOf(q), period: periodOf(q.from, q.to, now), ...q };
}

export function parseExportQuery(query: unknown, now: Date) {
  const q = parseAll(ZExportQuery, query);
  return { scope: scopeOf(q), period: periodOf(q.from, q.to, now), format: q.format };
}
