import { z } from 'zod';
import { isDateString } from '../calendar/shanghai-date';
import { zText } from './text';

/** A WGS84 position as {lon, lat} (RFC 7946 order when turned into GeoJSON). */
export const ZLocation = z.object({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});
export type TLocation = z.infer<typeof ZLocation>;

/** Attachment ids returned by POST /api/attachments (at most 9 photos per step). */
export const ZAttachmentIds = z.array(z.uuid()).max(9);

/** A free-text reason: required where a decision needs to be justified. */
export const ZReason = zText(z.string().trim().min(2).max(500));
export const ZNote = zText(z.string().trim().max(2000));

/** 12-digit division code or 15-digit grid code. */
export const ZUnitCode = z.string().regex(/^\d{12}$/, 'must be a 12-digit division code');
export const ZGridCode = z.string().regex(/^\d{15}$/, 'must be a 15-digit grid code');

/**
 * Calendar years a month or date query may name. Everything this system records lies well
 * inside; far-off years (0000, 9999) only ever came from hostile input and fell off the edge of
 * date arithmetic (a year 10000 has no YYYY-MM-DD form).
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const inYearRange = (s: string) => {
  const year = Number(s.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};
const RANGE_MESSAGE = `must lie in the years ${MIN_YEAR}–${MAX_YEAR}`;

/** A real calendar date written YYYY-MM-DD, in the years MIN_YEAR–MAX_YEAR. */
export const ZIsoDate = z
  .string()
  .refine(isDateString, 'must be a real date written YYYY-MM-DD')
  // One problem per value: the range is only judged on a well-written date.
  .refine((s) => !isDateString(s) || inYearRange(s), RANGE_MESSAGE);

/** A calendar month written YYYY-MM, in the years MIN_YEAR–MAX_YEAR. */
export const ZMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM')
  .refine((s) => !/^\d{4}-/.test(s) || inYearRange(s), RANGE_MESSAGE);
