import type { TLocation } from '@wangge/shared/schemas/common';
import { ApiError, api } from '../../lib/api';
import { fetchGridFeatures } from '../../map/fetch-grids';

/** A grid cell as GET /api/grids returns it (GeoJSON feature). */
export interface CellFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
  properties: { code: string; name: string; villageCode: string };
}

export interface ResolvedCell {
  code: string;
  name: string;
  /** True when worked out on the device because the server could not be reached. */
  isEstimate?: boolean;
}

/** The cells the user may see under `unit` (GET /api/grids, compact encoding, decoded). */
export const fetchCells = (unit: string): Promise<CellFeature[]> => fetchGridFeatures(unit);

function inRing(ring: number[][], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(rings: number[][][], lon: number, lat: number) {
  const [outer, ...holes] = rings;
  return !!outer && inRing(outer, lon, lat) && !holes.some((h) => inRing(h, lon, lat));
}

/** The cell containing the point, among `cells` (offline fallback for /grids/locate). */
export function findCell(cells: CellFeature[], { lon, lat }: TLocation): CellFeature | undefined {
  return cells.find((c) =>
    c.geometry.type === 'Polygon'
      ? inPolygon(c.geometry.coordinates as number[][][], lon, lat)
      : (c.geometry.coordinates as number[][][][]).some((p) => inPolygon(p, lon, lat)),
  );
}

/** Asks the server which cell holds the point; offline, estimates it from the loaded cells. */
export async function resolveCell(point: TLocation, cells: CellFeature[]): Promise<ResolvedCell> {
  try {
    const cell = await api<{ code: string; name: string }>(
      `/api/grids/locate?lon=${point.lon}&lat=${point.lat}`,
    );
    return { code: cell.code, name: cell.name };
  } catch (e) {
    const local = e instanceof ApiError && e.status === 0 ? findCell(cells, point) : undefined;
    if (local) return { code: local.properties.code, name: local.properties.name, isEstimate: true };
    throw e;
  }
}
