import { ancestorCode } from '@wangge/shared/domain/unit-codes';
import { type Position, type Ring, ringBBox } from '@wangge/shared/geo/polygon';

/** A cell as generated or imported: code, name, village, exterior ring and centroid. */
export interface GridCellInput {
  code: string;
  name: string;
  villageCode: string;
  ring: Ring;
  centroid: Position;
}

/** The Grid row for a cell: GeoJSON geometry text, parent codes, centroid and bbox columns. */
export function toGridRow(cell: GridCellInput, isSynthetic: boolean, updatedAt: Date) {
  const [minLon, minLat, maxLon, maxLat] = ringBBox(cell.ring);
  return {
    code: cell.code,
    name: cell.name,
    villageCode: cell.villageCode,
    townshipCode: ancestorCode(cell.code, 'TOWNSHIP'),
    countyCode: ancestorCode(cell.code, 'COUNTY'),
    geometry: JSON.stringify({ type: 'Polygon', coordinates: [cell.ring] }),
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
