import { ancestorCode } from '@wangge/shared/domain/unit-codes';
import type { Position, Ring } from '@wangge/shared/geo/polygon';
import { geometryOf, type Polygons, polygonsBBox } from '@wangge/shared/geo/shape';

/**
 * A cell as generated or imported: code, name, village, centroid, and its area as one
 * exterior ring (generated cells) or as polygons with holes / several parts (imported cells).
 */
export type GridCellInput = {
  code: string;
  name: string;
  villageCode: string;
  centroid: Position;
} & ({ ring: Ring } | { polygons: Polygons });

/**
 * The Grid row for a cell: GeoJSON geometry text (a Polygon for one part, a MultiPolygon for
 * several), parent codes, centroid and the bbox columns over every part.
 */
export function toGridRow(cell: GridCellInput, isSynthetic: boolean, updatedAt: Date) {
  const polygons = 'polygons' in cell ? cell.polygons : [[cell.ring]];
  const [minLon, minLat, maxLon, maxLat] = polygonsBBox(polygons);
  return {
    code: cell.code,
    name: cell.name,
    villageCode: cell.villageCode,
    townshipCode: ancestorCode(cell.code, 'TOWNSHIP'),
    countyCode: ancestorCode(cell.code, 'COUNTY'),
    geometry: JSON.stringify(geometryOf(polygons)),
    centroidLon: cell.centroid[0],
    centroidLat: cell.centroid[1],
    minLon,
    minLat,
    maxLon,
    maxLat,
    isSynthetic,
    updatedAt,
  };
}
