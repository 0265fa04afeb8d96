/**
 * A grid cell's area in one normal form, whether the file gave a Polygon or a MultiPolygon:
 * a list of polygons, each `[exterior, ...holes]`, rings closed, in [lon, lat] degrees.
 * RFC 7946 orientation (exterior counter-clockwise, holes clockwise) once validated.
 */
import {
  type BBox,
  listRingVertices,
  type Position,
  pointInRing,
  type Ring,
  ringBBox,
  signedRingArea,
} from './polygon';

/** One polygon: its exterior ring first, then its holes. */
export type PolygonRings = Ring[];

/** A cell's area: one or more polygons (a MultiPolygon's parts, e.g. an enclave). */
export type Polygons = PolygonRings[];

/** The GeoJSON geometry a cell is stored and served as. */
export type CellGeometryJson =
  | { type: 'Polygon'; coordinates: PolygonRings }
  | { type: 'MultiPolygon'; coordinates: Polygons };

/** Metres per degree of latitude (WGS-84 mean, good to 0.5 % at Liaocheng's latitude). */
export const METRES_PER_DEGREE_LAT = 110_950;

/** Metres per degree of longitude at `lat` (spherical approximation, as above). */
export const metresPerDegreeLon = (lat: number) => 111_320 * Math.cos((lat * Math.PI) / 180);

/** The polygons of a stored or imported Polygon / MultiPolygon geometry. */
export function polygonsOf(geometry: CellGeometryJson): Polygons {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The geometry to store: a Polygon for one part, a MultiPolygon for several. */
export function geometryOf(polygons: Polygons): CellGeometryJson {
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] ?? [] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** Bounding box of every exterior ring (holes lie inside their exterior). */
export function polygonsBBox(polygons: Polygons): BBox {
  const box: BBox = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const [outer = []] of polygons) {
    const b = ringBBox(outer);
    box[0] = Math.min(box[0], b[0]);
    box[1] = Math.min(box[1], b[1]);
    box[2] = Math.max(box[2], b[2]);
    box[3] = Math.max(box[3], b[3]);
  }
  return box;
}

/**
 * True when the point lies in some polygon: inside its exterior and in none of its holes (a
 * point in a hole belongs to whatever fills the hole, e.g. an enclave cell). Boundaries follow
 * {@link pointInRing}'s half-open rule, so a hole's edge shared with an enclave resolves once.
 */
export function pointInPolygons(point: Position, polygons: Polygons): boolean {
  for (const [outer, ...holes] of polygons) {
    if (!outer || !pointInRing(point, outer)) continue;
    if (!holes.some((h) => pointInRing(point, h))) return true;
  }
  return false;
}

/** Area in square degrees, holes subtracted (orientation-independent). */
export function polygonsArea(polygons: Polygons): number {
  let area = 0;
  for (const [outer = [], ...holes] of polygons) {
    area += Math.abs(signedRingArea(outer));
    for (const h of holes) area -= Math.abs(signedRingArea(h));
  }
  return area;
}

/** Area in square metres (local equirectangular scale at the polygons' latitude). */
export function polygonsAreaM2(polygons: Polygons): number {
  const box = polygonsBBox(polygons);
  const lat = (box[1] + box[3]) / 2;
  return polygonsArea(polygons) * METRES_PER_DEGREE_LAT * metresPerDegreeLon(lat);
}

/** Length of a ring in metres (local scale). */
function ringLengthM(ring: Ring, kx: number): number {
  let length = 0;
  for (let i = 1; i < ring.length; i++) {
    const a = ring[i - 1] as Position;
    const b = ring[i] as Position;
    length += Math.hypot((b[0] - a[0]) * kx, (b[1] - a[1]) * METRES_PER_DEGREE_LAT);
  }
  return length;
}

/**
 * A polygon's mean width in metres, 2·area / perimeter: the width of a long thin strip (for
 * L ≫ w, 2Lw / (2L + 2w) ≈ w), smaller than any inscribed disc's diameter for other shapes.
 * Used to tell slivers (rounding and digitising noise) from real overlaps.
 */
export function polygonWidthM(polygon: PolygonRings): number {
  const [outer = []] = polygon;
  if (outer.length < 4) return 0;
  const lat = (ringBBox(outer)[1] + ringBBox(outer)[3]) / 2;
  const kx = metresPerDegreeLon(lat);
  const perimeter = polygon.reduce((sum, r) => sum + ringLengthM(r, kx), 0);
  return perimeter === 0 ? 0 : (2 * polygonsAreaM2([polygon])) / perimeter;
}

/** Area-weighted centroid over every polygon, holes subtracted. */
export function polygonsCentroid(polygons: Polygons): Position {
  let area = 0;
  let cx = 0;
  let cy = 0;
  const first = polygons[0]?.[0]?.[0] ?? [0, 0];
  const [ox, oy] = first; // translate to limit cancellation
  for (const polygon of polygons) {
    polygon.forEach((ring, k) => {
      const sign = k === 0 ? 1 : -1;
      const orient = Math.sign(signedRingArea(ring)) || 1;
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i] as Position;
        const b = ring[i + 1] as Position;
        const cross = ((a[0] - ox) * (b[1] - oy) - (b[0] - ox) * (a[1] - oy)) * orient * sign;
        area += cross;
        cx += (a[0] - ox + b[0] - ox) * cross;
        cy += (a[1] - oy + b[1] - oy) * cross;
      }
    });
  }
  if (area === 0) return [ox, oy];
  return [ox + cx / (3 * area), oy + cy / (3 * area)];
}

/** Rounds every coordinate to `decimals` (comparisons across a file's text round trip). */
export function roundPolygons(polygons: Polygons, decimals: number): Polygons {
  const k = 10 ** decimals;
  return polygons.map((p) => p.map((r) => r.map(([x, y]) => [Math.round(x * k) / k, Math.round(y * k) / k])));
}

/**
 * The polygons in the form an import stores them: consecutive repeated positions dropped,
 * exteriors counter-clockwise, holes clockwise, rings closed. Idempotent; used to compare a
 * file's cell with the stored one whatever orientation the stored text has.
 */
export function normalisePolygons(polygons: Polygons): Polygons {
  return polygons.map((polygon) =>
    polygon.map((ring, k) => {
      const v = listRingVertices(ring);
      if (signedRingArea(v) > 0 !== (k === 0)) v.reverse();
      return v.length > 0 ? [...v, v[0] as Position] : v;
    }),
  );
}
