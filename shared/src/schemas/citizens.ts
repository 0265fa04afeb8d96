import { z } from 'zod';
import { CITIZEN_REJECT_REASON_CODES, CITIZEN_SUBMISSION_STATUSES } from '../citizens/public-status';
import { ZLocation } from './common';
import { ZMobilePhone } from './register';
import { zText } from './text';

/** At most this many photos with one citizen's report. */
export const CITIZEN_MAX_PHOTOS = 3;

/**
 * POST /api/public/reports: a citizen's report from the public page (no account). The contact is
 * optional personal data: kept encrypted, shown masked to the village desk only, never public.
 */
export const ZCitizenReport = z
  .object({
    categoryCode: z.string().regex(/^\d{2,6}$/, 'must be a category code'),
    description: zText(z.string().trim().min(5).max(1000)),
    location: ZLocation,
    address: zText(z.string().trim().max(200)).optional(),
    photoIds: z.array(z.uuid()).max(CITIZEN_MAX_PHOTOS).optional(),
    contact: z
      .object({
        name: zText(z.string().trim().min(1).max(40)).optional(),
        phone: ZMobilePhone.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TCitizenReport = z.infer<typeof ZCitizenReport>;

/** POST /api/citizen-submissions/:id/reject: a reason from the public list, never free text. */
export const ZRejectCitizenSubmission = z.object({ reason: z.enum(CITIZEN_REJECT_REASON_CODES) }).strict();

/** GET /api/citizen-submissions: the desk's list. */
export const ZCitizenSubmissionQuery = z.object({
  status: z.enum(CITIZEN_SUBMISSION_STATUSES).default('PENDING'),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
