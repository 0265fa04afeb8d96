import { z } from 'zod';

/** A WGS84 position as {lon, lat} (RFC 7946 order when turned into GeoJSON). */
export const ZLocation = z.object({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});
export type TLocation = z.infer<typeof ZLocation>;

/** Attachment ids returned by POST /api/attachments (at most 9 photos per step). */
export const ZAttachmentIds = z.array(z.uuid()).max(9);

/** A free-text reason: required where a decision needs to be justified. */
export const ZReason = z.string().trim().min(2).max(500);
export const ZNote = z.string().trim().max(2000);

/** 12-digit division code or 15-digit grid code. */
export const ZUnitCode = z.string().regex(/^\d{12}$/, 'must be a 12-digit division code');
export const ZGridCode = z.string().regex(/^\d{15}$/, 'must be a 15-digit grid code');
