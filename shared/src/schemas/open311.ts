import { z } from 'zod';
import { zText } from './text';

/**
 * Open311 GeoReport v2 inputs (docs/channels.md). Field names are the specification's. Query
 * strings and form bodies carry text, so numbers are coerced.
 */

const ZDateTime = z.iso.datetime({ offset: true, message: 'must be a W3C date-time with a time zone' });

/** jurisdiction_id, where the specification allows it (checked against ours by the route). */
const ZJurisdiction = { jurisdiction_id: z.string().max(100).optional() };

/**
 * POST requests.(json|xml): a new service request. `attribute` is `attribute[code]=value`.
 * lat/long are optional here as in the specification; the server requires them (it places a
 * case in its grid cell by coordinates), checked with the other problems by the service.
 */
export const ZOpen311NewRequest = z.object({
  ...ZJurisdiction,
  api_key: z.string({ message: 'is required' }).min(1, 'is required').max(200),
  service_code: z.string({ message: 'is required' }).regex(/^\d{2,6}$/, 'must be a service_code'),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: zText(z.string().trim().max(200)).optional(),
  address_id: z.string().max(100).optional(),
  email: z.string().max(200).optional(),
  device_id: z.string().max(200).optional(),
  account_id: z.string().max(200).optional(),
  first_name: z.string().max(100).optional(),
  last_name: z.string().max(100).optional(),
  phone: z.string().max(50).optional(),
  description: zText(z.string({ message: 'is required' }).trim().min(2).max(2000)),
  media_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  attribute: z.record(z.string().regex(/^[a-z_]{1,40}$/), zText(z.string().max(200))).optional(),
});
export type TOpen311NewRequest = z.infer<typeof ZOpen311NewRequest>;

const ZIdList = z
  .string()
  .max(20_000)
  .transform((s) =>
    s
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be service_request_ids')).max(1000));

/** GET requests.(json|xml): the specification's filters (defaults applied by the service). */
export const ZOpen311RequestQuery = z.object({
  ...ZJurisdiction,
  service_request_id: ZIdList.optional(),
  service_code: z
    .string()
    .transform((s) => s.split(',').map((c) => c.trim()))
    .pipe(z.array(z.string().regex(/^\d{2,6}$/, 'must be service_codes')).max(100))
    .optional(),
  start_date: ZDateTime.optional(),
  end_date: ZDateTime.optional(),
  status: z
    .string()
    .transform((s) => s.split(',').map((c) => c.trim()))
    .pipe(z.array(z.enum(['open', 'closed'])).max(2))
    .optional(),
});
export type TOpen311RequestQuery = z.infer<typeof ZOpen311RequestQuery>;

/** GET servicerequestupdates.(json|xml): FixMyStreet's extension, updates since a date. */
export const ZOpen311UpdatesQuery = z.object({
  ...ZJurisdiction,
  start_date: ZDateTime.optional(),
  end_date: ZDateTime.optional(),
});
export type TOpen311UpdatesQuery = z.infer<typeof ZOpen311UpdatesQuery>;

/** Query of any other Open311 read: only the jurisdiction. */
export const ZOpen311Query = z.object(ZJurisdiction);

/** POST /api/admin/open311-keys: a new api_key for a named client. */
export const ZIssueOpen311Key = z.object({ name: zText(z.string().trim().min(2).max(100)) });
export type TIssueOpen311Key = z.infer<typeof ZIssueOpen311Key>;
