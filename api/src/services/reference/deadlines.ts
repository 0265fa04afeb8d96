import {
  addTimeLimit,
  addWorkingDays,
  addWorkingMillis,
  createWorkingCalendar,
  DEFAULT_HOLIDAYS_CN,
  DEFAULT_STAGE_LIMITS,
  type HolidayEntry,
  limitFor,
  parseStageLimits,
  type Stage,
  type StageLimits,
  type WorkingCalendar,
  workingMillisBetween,
  yellowCardAt,
} from '@wangge/shared/calendar/index';
import type { Db } from '../../db/open-database';

/** What decides a case's limits: its category, urgency and whether its grid is rural. */
export interface LimitSubject {
  categoryCode: string;
  priority: string;
  isUrban: boolean;
}

/**
 * Deadlines on the working-day calendar. Holidays and per-category limits are read from the
 * database once and kept in memory; call `reload()` after an admin changes them.
 */
export async function createDeadlines(db: Db) {
  let calendar: WorkingCalendar = createWorkingCalendar([...DEFAULT_HOLIDAYS_CN]);
  let limitsByCategory = new Map<string, StageLimits>();

  async function reload() {
    const rows = await db.holiday.findMany();
    calendar = createWorkingCalendar([...DEFAULT_HOLIDAYS_CN, ...(rows as HolidayEntry[])]);
    const categories = await db.category.findMany({ select: { code: true, parentCode: true, limits: true } });
    const parsed = new Map<string, StageLimits>();
    const byCode = new Map(categories.map((c) => [c.code, c]));
    for (const c of categories) {
      // A sub-class without its own limits inherits its major class's.
      const source = c.limits ?? (c.parentCode ? byCode.get(c.parentCode)?.limits : null) ?? null;
      const result = parseStageLimits(source ? JSON.parse(source) : undefined);
      parsed.set(c.code, result.ok ? result.limits : DEFAULT_STAGE_LIMITS);
    }
    limitsByCategory = parsed;
  }
  await reload();

  return {
    reload,
    get calendar() {
      return calendar;
    },
    /** The deadline of `stage` for a case, counted from `from`. */
    deadline(stage: Stage, from: Date, subject: LimitSubject): Date {
      const limits = limitsByCategory.get(subject.categoryCode) ?? DEFAULT_STAGE_LIMITS;
      const limit = limitFor(limits, stage, {
        urgent: subject.priority === 'URGENT',
        rural: !subject.isUrban,
      });
      return addTimeLimit(calendar, from, limit);
    },
    /** When the yellow card of a stage deadline is due (the calendar's rule for that limit). */
    yellowAt(stage: Stage, start: Date, deadline: Date, subject: LimitSubject): Date {
      const limits = limitsByCategory.get(subject.categoryCode) ?? DEFAULT_STAGE_LIMITS;
      const limit = limitFor(limits, stage, {
        urgent: subject.priority === 'URGENT',
        rural: !subject.isUrban,
      });
      return yellowCardAt(calendar, start, deadline, limit);
    },
    addWorkingDays(from: Date, days: number): Date {
      return addWorkingDays(calendar, from, days);
    },
    workingMillisBetween(from: Date, to: Date): number {
      return workingMillisBetween(calendar, from, to);
    },
    addWorkingMillis(from: Date, ms: number): Date {
      return addWorkingMillis(calendar, from, ms);
    },
  };
}
export type Deadlines = Awaited<ReturnType<typeof createDeadlines>>;
