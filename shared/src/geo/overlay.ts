/**
 * Boolean operations on polygons, through `polygon-clipping` (a sweep-line implementation of
 * Martinez–Rueda–Feito built for robustness on degenerate input: shared edges, touching
 * vertices). Chosen over `polyclip-ts`, its TypeScript port, because that port's exact
 * arithmetic made cutting a quad from a county outline ten times slower (19.6 vs 1.9 ms per
 * operation, measured on 聊城's outlines), and over `martinez-polygon-clipping` (0.7 ms) for
 * the robustness.
 */
import polygonClipping from 'polygon-clipping';
import type { Position, Ring } from './polygon';

/** A polygon as GeoJSON nests it: the shell, then its holes. */
export type PolygonRings = Ring[];

type Pair = [number, number];

const toPairs = (polygons: readonly PolygonRings[]) =>
  polygons.map((rings) => rings.map((ring) => ring.map(([x, y]): Pair => [x, y])));

const fromPairs = (polygons: Pair[][][]): PolygonRings[] =>
  polygons.map((rings) => rings.map((ring) => ring.map(([x, y]): Position => [x, y])));

/**
 * Returns the area common to `a` and `b` (each a list of polygons) as a list of polygons,
 * closed rings, shells counter-clockwise and holes clockwise (RFC 7946).
 */
export function intersectPolygons(a: readonly PolygonRings[], b: readonly PolygonRings[]): PolygonRings[] {
  return fromPairs(polygonClipping.intersection(toPairs(a), toPairs(b)));
}

/** Returns the union of the given lists of polygons. */
export function unitePolygons(...geometries: readonly (readonly PolygonRings[])[]): PolygonRings[] {
  const [first, ...rest] = geometries.map(toPairs);
  if (!first) return [];
  return fromPairs(polygonClipping.union(first, ...rest));
}
