import {
  type CellGeometry,
  COMPACT_GRIDS_TYPE,
  type CompactGrids,
  decodeCompactGrids,
} from '@wangge/shared/geo/compact-grids';
import { ApiError, getToken } from '../lib/api';

/** A cell as a GeoJSON feature (what GridLayer and the report screen take). */
export interface DecodedGridFeature {
  type: 'Feature';
  id: string;
  geometry: CellGeometry;
  properties: { code: string; name: string; villageCode: string; townshipCode: string; countyCode: string };
}

/**
 * GET /api/grids in the compact encoding (a third of the GeoJSON, see
 * shared/src/geo/compact-grids.ts), decoded into GeoJSON features. The answer carries an ETag
 * and `Cache-Control: private, no-cache`: the browser revalidates and an unchanged map costs a
 * 304 from its HTTP cache.
 */
export async function fetchGridFeatures(unit?: string): Promise<DecodedGridFeature[]> {
  const token = getToken();
  const res = await fetch(unit ? `/api/grids?unit=${encodeURIComponent(unit)}` : '/api/grids', {
    headers: { accept: COMPACT_GRIDS_TYPE, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  if (!res.ok) throw new ApiError(res.status, 'INTERNAL', `GET /api/grids: ${res.status}`);
  return decodeCompactGrids((await res.json()) as CompactGrids).map((c) => ({
    type: 'Feature',
    id: c.code,
    geometry: c.geometry,
    properties: {
      code: c.code,
      name: c.name,
      villageCode: c.villageCode,
      townshipCode: c.townshipCode,
      countyCode: c.countyCode,
    },
  }));
}
