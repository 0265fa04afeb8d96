import { z } from 'zod';
import { type GazetteerKind, normalisePlaceName, type PlaceHitKind, type PlaceMatch } from './place-names';

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

/**
 * GET /api/admin/places: the gazetteer's entries for its admin screen — filtered by a name or
 * alias containing `q`, newest first (`sort=newest`, default) or by name (`sort=name`), a keyset
 * page of `limit` (1–200, default 50) at a time after `cursor` (the previous page's `nextCursor`).
 */
export const ZPlaceNameListQuery = z.object({
  q: z.string().trim().max(60, 'at most 60 characters').optional(),
  sort: z.enum(['newest', 'name']).default('newest'),
  limit: z.coerce.number().int('must be a whole number').min(1).max(200).default(50),
  cursor: z
    .string()
    .max(400, 'must be a nextCursor from the previous page')
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a nextCursor from the previous page')
    .optional(),
});
export type TPlaceNameListQuery = z.infer<typeof ZPlaceNameListQuery>;

/** One gazetteer entry as the admin screen lists it. */
export interface TPlaceNameEntry {
  id: string;
  name: string;
  kind: GazetteerKind;
  aliases: string[];
  lon: number;
  lat: number;
  gridCode: string;
  /** The cell's name ('' when the cell is no longer in the grid). */
  gridName: string;
  unitCode: string;
  /** The unit path down to the place: 聊城市 东昌府区 … 东昌府区人民政府. */
  fullName: string;
  source: string;
  createdAt: string;
}
