import { z } from 'zod';
import { PERSON_CLASS_CODES, RESIDENCE_KINDS } from '../register/classes';
import { idNumberProblems, MOBILE_PATTERN, normaliseIdNumber, normalisePhone } from '../register/id-number';
import { REGISTER_LAYER_LEVELS } from '../register/layers';
import { ZGridCode, ZIsoDate, ZReason, ZUnitCode } from './common';
import { zText } from './text';

/** A person's name: 1–50 characters (Chinese names, or names from abroad). */
const ZPersonName = zText(z.string().trim().min(1).max(50));

/**
 * A GB 11643 ID number, normalised (upper-case X); every problem listed (format, area code,
 * birth date up to `today`, check digit).
 */
export const zIdNumber = (today: string) =>
  z
    .string()
    .max(40)
    .transform((raw, c) => {
      for (const message of idNumberProblems(raw, today)) c.addIssue({ code: 'custom', message });
      return normaliseIdNumber(raw);
    });

/** A mainland mobile number (11 digits, 13–19…; spaces, dashes and +86 allowed and dropped). */
export const ZMobilePhone = z
  .string()
  .max(20)
  .transform((raw, c) => {
    const phone = normalisePhone(raw);
    if (!MOBILE_PATTERN.test(phone))
      c.addIssue({ code: 'custom', message: 'must be a mainland mobile number: 11 digits starting 13–19' });
    return phone;
  });

const ZTags = z
  .array(z.enum(PERSON_CLASS_CODES))
  .max(12)
  .refine((t) => new Set(t).size === t.length, {
    message: 'must not repeat a class',
  });

/** POST /api/register/persons. `today` (YYYY-MM-DD, Shanghai) bounds the birth date. */
export const zPersonInput = (today: string) =>
  z.object({
    name: ZPersonName,
    idNumber: zIdNumber(today),
    phone: ZMobilePhone.optional(),
    gridCode: ZGridCode,
    residence: z.enum(RESIDENCE_KINDS),
    tags: ZTags.optional(),
    placeId: z.uuid().optional(),
  });
export type TPersonInput = z.infer<ReturnType<typeof zPersonInput>>;

/** PATCH /api/register/persons/:id: the fields to change (the ID number stays), at the version read. */
export const ZPersonPatch = z
  .object({
    version: z.number().int().min(1),
    name: ZPersonName.optional(),
    phone: ZMobilePhone.nullable().optional(),
    gridCode: ZGridCode.optional(),
    residence: z.enum(RESIDENCE_KINDS).optional(),
    tags: ZTags.optional(),
    placeId: z.uuid().nullable().optional(),
  })
  .strict();
export type TPersonPatch = z.infer<typeof ZPersonPatch>;

/** Which persons: by cell, unit, class, a search, live or archived (the list and the export). */
const ZPersonFilters = z.object({
  grid: ZGridCode.optional(),
  unit: ZUnitCode.optional(),
  tag: z.enum(PERSON_CLASS_CODES).optional(),
  /** A name (prefix), a full ID number or a full mobile number (through their blind indexes). */
  q: zText(z.string().trim().min(1).max(50)).optional(),
  archived: z.enum(['true', 'false']).optional(),
});
export type TPersonFilters = z.infer<typeof ZPersonFilters>;

/** GET /api/register/persons: filters, keyset-paged newest first. */
export const ZPersonQuery = ZPersonFilters.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TPersonQuery = z.infer<typeof ZPersonQuery>;

/**
 * POST /api/register/persons/export: the filtered persons as a sheet, masked unless `reveal`
 * (roles that may reveal); the purpose goes to the access log with every exported person.
 */
export const ZPersonExport = ZPersonFilters.extend({
  reveal: z.boolean().default(false),
  purpose: ZReason,
}).strict();
export type TPersonExport = z.infer<typeof ZPersonExport>;

/** GET /api/register/layers: counts per cell (or per unit one level down the tree) under a unit. */
export const ZLayerQuery = z.object({
  unit: z.string().regex(/^(\d{12}|\d{15})$/, 'must be a 12-digit division code or a 15-digit grid code'),
  /** The units the counts are summed over: cells (default), villages, townships or counties. */
  level: z.enum(REGISTER_LAYER_LEVELS).default('grid'),
  /** One layer only (`PERSON:AID`, `VISIT:OVERDUE` …): what the map reads; all by default. */
  layer: z
    .string()
    .regex(/^[A-Z]+(:[A-Z0-9_]+)?$/, 'must be a layer name such as PERSON or PERSON:AID')
    .optional(),
});
export type TLayerQuery = z.infer<typeof ZLayerQuery>;

/** POST /api/register/persons/:id/reveal: why the full values are needed (logged). */
export const ZRevealInput = z.object({ purpose: ZReason });

/** POST /api/register/persons/:id/archive: why the record leaves the register. */
export const ZArchiveInput = z.object({ reason: ZReason });

/** The access log's filters: a person, a user, Shanghai days `from`–`to` (both included). */
const ZAccessLogFilter = z.object({
  person: z.uuid().optional(),
  user: z.uuid().optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});
const fromNotAfterTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const FROM_AFTER_TO = { message: 'must not be after the end date', path: ['from'] };

/** GET /api/register/access-log: newest first, keyset-paged. */
export const ZAccessLogQuery = ZAccessLogFilter.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).refine(fromNotAfterTo, FROM_AFTER_TO);
export type TAccessLogQuery = z.infer<typeof ZAccessLogQuery>;

/** GET /api/register/access-log/export: the same filters, every matching line (an .xlsx file). */
export const ZAccessLogExportQuery = ZAccessLogFilter.refine(fromNotAfterTo, FROM_AFTER_TO);
export type TAccessLogFilter = z.infer<typeof ZAccessLogExportQuery>;
