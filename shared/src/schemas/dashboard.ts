import { z } from 'zod';
import { ZIsoDate, ZUnitCode } from './common';

/** The longest period the day-by-day reads (trend) take: a quarter. */
export const MAX_DASHBOARD_DAYS = 92;

/**
 * The query of the dashboard's reads (GET /api/metrics/trend, top-categories, hot-cells, units,
 * alarms, summary): a unit (default: the caller's home unit) and a period of Shanghai calendar
 * days, `to` inclusive (default: this month up to today, as GET /api/metrics).
 * Cross-field rules (from ≤ to, at most MAX_DASHBOARD_DAYS days) are checked beside it, so
 * every problem is listed at once.
 */
export const ZDashboardQuery = z.object({
  unit: ZUnitCode.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});
export type TDashboardQuery = z.infer<typeof ZDashboardQuery>;

/** The day-by-day figures of the trend, each a kind of event in the log (docs/metrics.md). */
export const FLOW_KEYS = ['reported', 'closed', 'overdue'] as const;
export type FlowKey = (typeof FLOW_KEYS)[number];

/** One day of GET /api/metrics/trend. */
export interface TTrendDay {
  date: string;
  reported: number;
  closed: number;
  overdue: number;
}

/** The scope and period every dashboard answer names, so a label can say what it counts. */
export interface TDashboardFrame {
  scope: { kind: string; id: string; name: string };
  from: string;
  to: string;
}

/** GET /api/metrics/summary: the key figures the command headline, the dashboard and the wall show. */
export interface TKeyFigures {
  /** Today (Shanghai), the day of reportedToday and closedToday. */
  today: string;
  /** This month up to today: the period of closeOnTime (the 综合评价 page's default). */
  month: { from: string; to: string };
  reportedToday: number;
  closedToday: number;
  /** Now: open cases, those past their step deadline, those with a yellow card due. */
  open: number;
  overdue: number;
  yellow: number;
  /** 按期结案率 of this month, the same row GET /api/metrics returns. */
  closeOnTime: { numerator: number; denominator: number; rate: number | null };
}
