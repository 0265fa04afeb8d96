import { z } from 'zod';
import { normalisePlaceName, type PlaceHitKind, type PlaceMatch } from './place-names';

/** GET /api/places/search: the text typed (1–50 characters) and how many hits (1–50, default 10). */
export const ZPlaceSearchQuery = z.object({
  q: z
    .string()
    .trim()
    .max(50, 'at most 50 characters')
    .refine((q) => normalisePlaceName(q).length > 0, 'required'),
  limit: z.coerce.number().int('must be a whole number').min(1).max(50).default(10),
});
export type TPlaceSearchQuery = z.infer<typeof ZPlaceSearchQuery>;

/** One place found: what it is, where it lies, and the cell and unit it belongs to. */
export interface TPlaceHit {
  kind: PlaceHitKind;
  name: string;
  /** How the text matched its name or an alias: exact (also without the suffix), prefix, contains. */
  match: PlaceMatch;
  /** The unit path down to the place: 聊城市 东昌府区 古楼街道 古城社区居委会 … */
  fullName: string;
  /** [lon, lat], WGS-84: the gazetteer's point, or for a unit or cell a point inside it. */
  point: [number, number];
  gridCode: string;
  unitCode: string;
}
