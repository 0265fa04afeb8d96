import { z } from 'zod';
import { CASE_SOURCES, CASE_STATES, PRIORITIES, RETURN_REASONS } from '../domain/constants';
import { ZAttachmentIds, ZGridCode, ZLocation, ZNote, ZReason, ZUnitCode } from './common';
import { ZCaseCaller } from './hotline';
import { zText } from './text';

/** POST /api/cases — a new report. */
export const ZReportCase = z.object({
  categoryCode: z.string().regex(/^\d{2,6}$/, 'must be a category code'),
  description: zText(z.string().trim().min(2).max(2000)),
  location: ZLocation,
  title: zText(z.string().trim().min(1).max(100)).optional(),
  address: zText(z.string().trim().max(200)).optional(),
  attachmentIds: ZAttachmentIds.optional(),
  priority: z.enum(PRIORITIES).optional(),
  /** Only hotline operators and admins may set a source other than their own channel. */
  source: z.enum(CASE_SOURCES).optional(),
  /** The city component (register thing) the case concerns: a live thing of the case's cell. */
  thingId: z.uuid().optional(),
  /** A call taken at the 12345 desk: its caller and request type (HOTLINE and ADMIN only). */
  caller: ZCaseCaller.optional(),
});
export type TReportCase = z.infer<typeof ZReportCase>;

/** GET /api/cases/duplicates: open cases that may be the same incident as a report being made. */
export const ZDuplicatesQuery = z.object({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  categoryCode: z.string().regex(/^\d{2,6}$/, 'must be a category code'),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type TDuplicatesQuery = z.infer<typeof ZDuplicatesQuery>;

/** The Idempotency-Key header of a report: a client-made unique id (a UUID is ideal). */
export const ZIdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,128}$/, 'must be 8–128 characters of letters, digits, _ . : -');

/**
 * POST /api/cases/:id/attach — a report attached to an existing open case instead of a new one
 * (并案 at intake): the reporter's description, location and photos, as a supplementary report.
 */
export const ZAttachReport = z.object({
  description: zText(z.string().trim().min(2).max(2000)),
  location: ZLocation,
  address: zText(z.string().trim().max(200)).optional(),
  attachmentIds: ZAttachmentIds.optional(),
});
export type TAttachReport = z.infer<typeof ZAttachReport>;

/** POST /api/cases/:id/merge — merge this duplicate into a master case, at the version seen. */
export const ZMergeCase = z.object({
  masterId: z.uuid(),
  version: z.number().int().min(1),
  note: ZNote.optional(),
});
export type TMergeCase = z.infer<typeof ZMergeCase>;

const base = { version: z.number().int().min(1) };
const withNote = { ...base, note: ZNote.optional() };
const withReason = { ...base, reason: ZReason };

/** POST /api/cases/:id/actions — one schema per action, discriminated by `action`. */
export const ZCaseActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('REGISTER'), ...withNote }),
  z.object({ action: z.literal('REJECT'), ...withReason }),
  z.object({ action: z.literal('REQUEST_VERIFY'), ...withNote }),
  z.object({ action: z.literal('VERIFY_CONFIRM'), ...withNote, attachmentIds: ZAttachmentIds.optional() }),
  z.object({ action: z.literal('VERIFY_REFUTE'), ...withReason }),
  z.object({
    action: z.literal('SELF_RESOLVE'),
    ...base,
    note: ZReason,
    attachmentIds: ZAttachmentIds.min(1),
  }),
  z.object({ action: z.literal('APPROVE_SELF_RESOLUTION'), ...withNote }),
  z.object({ action: z.literal('REJECT_SELF_RESOLUTION'), ...withReason }),
  z.object({ action: z.literal('ESCALATE'), ...withReason }),
  z.object({ action: z.literal('DECLINE_ESCALATION'), ...withReason }),
  z.object({
    action: z.literal('RESOLVE_AT_LEVEL'),
    ...base,
    note: ZReason,
    attachmentIds: ZAttachmentIds.optional(),
  }),
  z.object({
    action: z.literal('DISPATCH'),
    ...withNote,
    leadDepartmentId: zText(z.string().min(1).max(64)),
    coDepartmentIds: z
      .array(zText(z.string().min(1).max(64)))
      .max(5)
      .optional(),
  }),
  z.object({ action: z.literal('CLAIM'), ...base }),
  z.object({ action: z.literal('REQUEST_RETURN'), ...withReason, reasonCode: z.enum(RETURN_REASONS) }),
  z.object({ action: z.literal('ACCEPT_RETURN'), ...withNote }),
  z.object({ action: z.literal('REJECT_RETURN'), ...withReason }),
  z.object({ action: z.literal('REQUEST_EXTENSION'), ...withReason, days: z.number().int().min(1).max(10) }),
  z.object({ action: z.literal('APPROVE_EXTENSION'), ...withNote }),
  z.object({ action: z.literal('REJECT_EXTENSION'), ...withReason }),
  z.object({ action: z.literal('SUSPEND'), ...withReason }),
  z.object({ action: z.literal('RESUME'), ...withNote }),
  z.object({
    action: z.literal('FEEDBACK'),
    ...base,
    note: ZReason,
    attachmentIds: ZAttachmentIds.optional(),
  }),
  z.object({
    action: z.literal('CO_FEEDBACK'),
    ...base,
    note: ZReason,
    attachmentIds: ZAttachmentIds.optional(),
  }),
  z.object({ action: z.literal('CHECK_PASS'), ...withNote, attachmentIds: ZAttachmentIds.optional() }),
  z.object({ action: z.literal('CHECK_FAIL'), ...withReason, attachmentIds: ZAttachmentIds.optional() }),
  z.object({ action: z.literal('CLOSE'), ...withNote }),
  // 回访: 满意 or 基本满意 archives; 不满意 reopens. `resolved`: the caller's word on the problem.
  z.object({
    action: z.literal('CALLBACK_SATISFIED'),
    ...withNote,
    rating: z.enum(['SATISFIED', 'BASIC']).default('SATISFIED'),
    resolved: z.boolean().default(true),
  }),
  z.object({
    action: z.literal('CALLBACK_DISSATISFIED'),
    ...withReason,
    resolved: z.boolean().default(false),
  }),
  z.object({
    action: z.literal('WHISTLE'),
    ...withReason,
    departmentIds: z
      .array(zText(z.string().min(1).max(64)))
      .min(1)
      .max(10),
  }),
  z.object({ action: z.literal('REPORT_IN'), ...withNote }),
  z.object({ action: z.literal('SUPERVISE'), ...withReason, days: z.number().int().min(1).max(10) }),
]);
export type TCaseActionInput = z.infer<typeof ZCaseActionInput>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

/** GET /api/cases query: scoped to the caller, filterable, cursor-paginated (newest first). */
export const ZListCasesQuery = z.object({
  state: csv(CASE_STATES).optional(),
  unit: ZUnitCode.optional(),
  grid: ZGridCode.optional(),
  category: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  // % and _ would act as LIKE wildcards (Prisma cannot escape them on SQLite): refused.
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^%_]*$/, 'may not contain % or _')
    .optional(),
  /** Only cases whose current owner is this unit (a centre's inbox). */
  owner: ZUnitCode.optional(),
  mine: z.enum(['reported', 'department']).optional(),
  /** newest: by report time, newest first; deadline: by step deadline, overdue first, none last. */
  sort: z.enum(['newest', 'deadline']).default('newest'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TListCasesQuery = z.infer<typeof ZListCasesQuery>;
