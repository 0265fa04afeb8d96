import { z } from 'zod';
import { normalisePhone } from '../register/id-number';
import { zText } from './text';

/** The 12345 request types (诉求类型), in the platform's words; the order carries one. */
export const HOTLINE_REQUEST_TYPES = ['咨询', '投诉', '建议', '求助', '举报'] as const;
export type HotlineRequestType = (typeof HOTLINE_REQUEST_TYPES)[number];

/** The platform's work-order id: 4–64 letters, digits, _ . : - (it is also the Idempotency-Key). */
export const ZOrderId = z.string().regex(/^[A-Za-z0-9_.:-]{4,64}$/, 'must be 4–64 letters, digits, _ . : -');

/** A caller's phone: mobile or landline, 5–20 digits after spaces, dashes and +86 are dropped. */
export const ZCallerPhone = z
  .string()
  .max(30)
  .transform((raw, c) => {
    const phone = normalisePhone(raw);
    if (!/^\d{5,20}$/.test(phone))
      c.addIssue({ code: 'custom', message: 'must be a phone number: 5–20 digits' });
    return phone;
  });

/** An ISO 8601 time with its offset (`2026-11-23T10:00:00+08:00`). */
const ZTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/**
 * POST /api/integrations/hotline/orders: one 12345 work order (docs/channels.md). The category is
 * OUR category code (the platform maps its own; `platformCategory` is kept for reference); the
 * location is WGS-84 / CGCS2000 [lon, lat] — the case's cell is found from it; without one, the
 * address must name exactly one known place (the gazetteer's rule, docs/channels.md).
 */
export const ZHotlineOrder = z
  .object({
    orderId: ZOrderId,
    receivedAt: ZTime,
    requestType: z.enum(HOTLINE_REQUEST_TYPES),
    categoryCode: z.string().regex(/^\d{2,6}$/, 'must be a category code'),
    platformCategory: zText(z.string().trim().min(1).max(100)).optional(),
    title: zText(z.string().trim().min(1).max(100)).optional(),
    description: zText(z.string().trim().min(2).max(2000)),
    callerName: zText(z.string().trim().min(1).max(50)).optional(),
    callerPhone: ZCallerPhone.optional(),
    address: zText(z.string().trim().max(200)).optional(),
    location: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).optional(),
    deadline: ZTime.optional(),
    urgent: z.boolean().optional(),
  })
  .strict()
  // An order with only an address is placed by the gazetteer (docs/channels.md).
  .refine((o) => o.location !== undefined || (o.address ?? '').trim() !== '', {
    path: ['location'],
    message: 'required unless the order carries an address naming one known place',
  });
export type THotlineOrder = z.infer<typeof ZHotlineOrder>;

/** Where a delivery of a channel notification stands. */
export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** GET /api/admin/hotline-deliveries: filters and a keyset page (newest first). */
export const ZDeliveryQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  orderId: ZOrderId.optional(),
  caseCode: z
    .string()
    .regex(/^\d{4}-\d{8}-\d{6,}$/, 'must be a case code')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,15}_[0-9a-f-]{36}$/, 'must be a nextCursor from the previous page')
    .optional(),
});
export type TDeliveryQuery = z.infer<typeof ZDeliveryQuery>;

/** A callback's (回访) rating: 满意, 基本满意, 不满意 (docs/metrics.md "Hotline rates"). */
export const CALLBACK_RATINGS = ['SATISFIED', 'BASIC', 'DISSATISFIED'] as const;
export type CallbackRating = (typeof CALLBACK_RATINGS)[number];

/**
 * The caller of a call taken at the 12345 desk (POST /api/cases by the HOTLINE role): the
 * request type, and the caller's name and phone when they give them.
 */
export const ZCaseCaller = z
  .object({
    requestType: z.enum(HOTLINE_REQUEST_TYPES),
    name: zText(z.string().trim().min(1).max(50)).optional(),
    phone: ZCallerPhone.optional(),
  })
  .strict();
export type TCaseCaller = z.infer<typeof ZCaseCaller>;

/** POST /api/cases/:id/caller/reveal: why the full phone is needed (kept in the access log). */
export const ZRevealCaller = z.object({ purpose: zText(z.string().trim().min(2).max(200)) }).strict();

/** GET /api/hotline/callbacks: closed hotline cases awaiting a callback (due) or called back (done). */
export const ZCallbackQuery = z.object({
  state: z.enum(['due', 'done']).default('due'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,15}_[0-9a-f-]{36}$/, 'must be a nextCursor from the previous page')
    .optional(),
});
export type TCallbackQuery = z.infer<typeof ZCallbackQuery>;
