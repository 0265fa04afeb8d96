/**
 * Default PRC public-holiday arrangements (放假调休安排), seed data for the working calendar.
 *
 * Source: the State Council General Office notices 国务院办公厅关于2025年部分节假日安排的通知
 * (国办发明电〔2024〕12号, 12 Nov 2024) and 国务院办公厅关于2026年部分节假日安排的通知
 * (4 Nov 2025). Days off include the weekend days inside each break; trailing comments give
 * the weekday, to check against the notices, which print it for each range's ends.
 *
 * This list only seeds the database: admins maintain the deployment's holiday table (adding
 * next year's notice as soon as it is published, local holidays, corrections), and the server
 * builds the calendar from that table — see `createWorkingCalendar`, where later entries for
 * the same date override earlier ones. Years not listed fall back to plain Mon–Fri weeks.
 */

/** HOLIDAY: a day off (放假), weekday or weekend; WORKDAY: a swapped working weekend day (调休上班). */
export type HolidayKind = 'HOLIDAY' | 'WORKDAY';

/** One dated exception to the Mon–Fri week; `name` is the holiday it belongs to, e.g. '春节'. */
export type HolidayEntry = {
  /** Shanghai calendar date, 'YYYY-MM-DD'. */
  readonly date: string;
  readonly kind: HolidayKind;
  readonly name: string;
};

/**
 * 2025 arrangements. 国庆节 and 中秋节 (Mon 6 Oct) were merged into one eight-day break; its
 * swapped working days are labelled 国庆节.
 */
export const HOLIDAYS_CN_2025: readonly HolidayEntry[] = [
  { date: '2025-01-01', kind: 'HOLIDAY', name: '元旦' }, // Wed
  { date: '2025-01-26', kind: 'WORKDAY', name: '春节' }, // Sun
  { date: '2025-01-28', kind: 'HOLIDAY', name: '春节' }, // Tue
  { date: '2025-01-29', kind: 'HOLIDAY', name: '春节' }, // Wed
  { date: '2025-01-30', kind: 'HOLIDAY', name: '春节' }, // Thu
  { date: '2025-01-31', kind: 'HOLIDAY', name: '春节' }, // Fri
  { date: '2025-02-01', kind: 'HOLIDAY', name: '春节' }, // Sat
  { date: '2025-02-02', kind: 'HOLIDAY', name: '春节' }, // Sun
  { date: '2025-02-03', kind: 'HOLIDAY', name: '春节' }, // Mon
  { date: '2025-02-04', kind: 'HOLIDAY', name: '春节' }, // Tue
  { date: '2025-02-08', kind: 'WORKDAY', name: '春节' }, // Sat
  { date: '2025-04-04', kind: 'HOLIDAY', name: '清明节' }, // Fri
  { date: '2025-04-05', kind: 'HOLIDAY', name: '清明节' }, // Sat
  { date: '2025-04-06', kind: 'HOLIDAY', name: '清明节' }, // Sun
  { date: '2025-04-27', kind: 'WORKDAY', name: '劳动节' }, // Sun
  { date: '2025-05-01', kind: 'HOLIDAY', name: '劳动节' }, // Thu
  { date: '2025-05-02', kind: 'HOLIDAY', name: '劳动节' }, // Fri
  { date: '2025-05-03', kind: 'HOLIDAY', name: '劳动节' }, // Sat
  { date: '2025-05-04', kind: 'HOLIDAY', name: '劳动节' }, // Sun
  { date: '2025-05-05', kind: 'HOLIDAY', name: '劳动节' }, // Mon
  { date: '2025-05-31', kind: 'HOLIDAY', name: '端午节' }, // Sat
  { date: '2025-06-01', kind: 'HOLIDAY', name: '端午节' }, // Sun
  { date: '2025-06-02', kind: 'HOLIDAY', name: '端午节' }, // Mon
  { date: '2025-09-28', kind: 'WORKDAY', name: '国庆节' }, // Sun
  { date: '2025-10-01', kind: 'HOLIDAY', name: '国庆节' }, // Wed
  { date: '2025-10-02', kind: 'HOLIDAY', name: '国庆节' }, // Thu
  { date: '2025-10-03', kind: 'HOLIDAY', name: '国庆节' }, // Fri
  { date: '2025-10-04', kind: 'HOLIDAY', name: '国庆节' }, // Sat
  { date: '2025-10-05', kind: 'HOLIDAY', name: '国庆节' }, // Sun
  { date: '2025-10-06', kind: 'HOLIDAY', name: '中秋节' }, // Mon
  { date: '2025-10-07', kind: 'HOLIDAY', name: '国庆节' }, // Tue
  { date: '2025-10-08', kind: 'HOLIDAY', name: '国庆节' }, // Wed
  { date: '2025-10-11', kind: 'WORKDAY', name: '国庆节' }, // Sat
];

/** 2026 arrangements (春节 nine days, 中秋节 a separate three-day break). */
export const HOLIDAYS_CN_2026: readonly HolidayEntry[] = [
  { date: '2026-01-01', kind: 'HOLIDAY', name: '元旦' }, // Thu
  { date: '2026-01-02', kind: 'HOLIDAY', name: '元旦' }, // Fri
  { date: '2026-01-03', kind: 'HOLIDAY', name: '元旦' }, // Sat
  { date: '2026-01-04', kind: 'WORKDAY', name: '元旦' }, // Sun
  { date: '2026-02-14', kind: 'WORKDAY', name: '春节' }, // Sat
  { date: '2026-02-15', kind: 'HOLIDAY', name: '春节' }, // Sun
  { date: '2026-02-16', kind: 'HOLIDAY', name: '春节' }, // Mon
  { date: '2026-02-17', kind: 'HOLIDAY', name: '春节' }, // Tue
  { date: '2026-02-18', kind: 'HOLIDAY', name: '春节' }, // Wed
  { date: '2026-02-19', kind: 'HOLIDAY', name: '春节' }, // Thu
  { date: '2026-02-20', kind: 'HOLIDAY', name: '春节' }, // Fri
  { date: '2026-02-21', kind: 'HOLIDAY', name: '春节' }, // Sat
  { date: '2026-02-22', kind: 'HOLIDAY', name: '春节' }, // Sun
  { date: '2026-02-23', kind: 'HOLIDAY', name: '春节' }, // Mon
  { date: '2026-02-28', kind: 'WORKDAY', name: '春节' }, // Sat
  { date: '2026-04-04', kind: 'HOLIDAY', name: '清明节' }, // Sat
  { date: '2026-04-05', kind: 'HOLIDAY', name: '清明节' }, // Sun
  { date: '2026-04-06', kind: 'HOLIDAY', name: '清明节' }, // Mon
  { date: '2026-05-01', kind: 'HOLIDAY', name: '劳动节' }, // Fri
  { date: '2026-05-02', kind: 'HOLIDAY', name: '劳动节' }, // Sat
  { date: '2026-05-03', kind: 'HOLIDAY', name: '劳动节' }, // Sun
  { date: '2026-05-04', kind: 'HOLIDAY', name: '劳动节' }, // Mon
  { date: '2026-05-05', kind: 'HOLIDAY', name: '劳动节' }, // Tue
  { date: '2026-05-09', kind: 'WORKDAY', name: '劳动节' }, // Sat
  { date: '2026-06-19', kind: 'HOLIDAY', name: '端午节' }, // Fri
  { date: '2026-06-20', kind: 'HOLIDAY', name: '端午节' }, // Sat
  { date: '2026-06-21', kind: 'HOLIDAY', name: '端午节' }, // Sun
  { date: '2026-09-20', kind: 'WORKDAY', name: '国庆节' }, // Sun
  { date: '2026-09-25', kind: 'HOLIDAY', name: '中秋节' }, // Fri
  { date: '2026-09-26', kind: 'HOLIDAY', name: '中秋节' }, // Sat
  { date: '2026-09-27', kind: 'HOLIDAY', name: '中秋节' }, // Sun
  { date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' }, // Thu
  { date: '2026-10-02', kind: 'HOLIDAY', name: '国庆节' }, // Fri
  { date: '2026-10-03', kind: 'HOLIDAY', name: '国庆节' }, // Sat
  { date: '2026-10-04', kind: 'HOLIDAY', name: '国庆节' }, // Sun
  { date: '2026-10-05', kind: 'HOLIDAY', name: '国庆节' }, // Mon
  { date: '2026-10-06', kind: 'HOLIDAY', name: '国庆节' }, // Tue
  { date: '2026-10-07', kind: 'HOLIDAY', name: '国庆节' }, // Wed
  { date: '2026-10-10', kind: 'WORKDAY', name: '国庆节' }, // Sat
];

/** All default arrangements, oldest first: the seed for the admin-maintained holiday table. */
export const DEFAULT_HOLIDAYS_CN: readonly HolidayEntry[] = [...HOLIDAYS_CN_2025, ...HOLIDAYS_CN_2026];
