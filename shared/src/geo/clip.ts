/**
 * Boolean operations on cells through polyclip-ts (the maintained TypeScript successor of
 * polygon-clipping, used by turf 7): a robust sweep-line implementation, so overlaps,
 * trimming and sliver removal never depend on hand-written clipping. Its output is a
 * MultiPolygon with closed rings, exteriors counter-clockwise and holes clockwise.
 */
import { difference, type Geom, intersection } from 'polyclip-ts';
import { type Polygons, polygonWidthM } from './shape';

const asGeom = (polygons: Polygons) => polygons as unknown as Geom;
const fromGeom = (result: unknown) => result as Polygons;

/** The area two cells share (empty when they only touch). */
export function intersectPolygons(a: Polygons, b: Polygons): Polygons {
  if (a.length === 0 || b.length === 0) return [];
  return fromGeom(intersection(asGeom(a), asGeom(b)));
}

/** `a` without every one of `others` (empty when they cover it). */
export function subtractPolygons(a: Polygons, others: readonly Polygons[]): Polygons {
  const clips = others.filter((o) => o.length > 0);
  if (a.length === 0 || clips.length === 0) return a;
  return fromGeom(difference(asGeom(a), ...clips.map(asGeom)));
}

/** Drops the parts narrower than `minWidthM` (crumbs a clip leaves behind). */
export function dropSlivers(polygons: Polygons, minWidthM: number): Polygons {
  return polygons.filter((p) => polygonWidthM(p) >= minWidthM);
}

/** The widest part of an overlap in metres (0 for none): below the tolerance it is a sliver. */
export function widestPartM(polygons: Polygons): number {
  return polygons.reduce((w, p) => Math.max(w, polygonWidthM(p)), 0);
}
