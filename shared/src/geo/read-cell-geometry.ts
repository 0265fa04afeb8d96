/**
 * Reads one feature's geometry for import: a Polygon or MultiPolygon, every ring checked for
 * structure, closure, [lon, lat] order, bounds, area and simplicity; holes inside their
 * exterior and apart from each other; a MultiPolygon's parts apart from each other. Rings
 * wound the wrong way are accepted and rewound to RFC 7946's orientation (§3.1.6: parsers
 * should not reject them), with one warning for the cell.
 */
import { intersectPolygons } from './clip';
import {
  type BBox,
  isPointOnSegment,
  isRingClosed,
  isSimpleRing,
  listRingVertices,
  type Position,
  pointInRing,
  type Ring,
  ringsOverlap,
  segmentsCrossProperly,
  signedRingArea,
} from './polygon';
import { type PolygonRings, type Polygons, polygonsArea } from './shape';

/** Returns true for plain (non-array) objects. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the value as a [lon, lat] position when it is an array of ≥2 finite numbers. */
function readPosition(value: unknown): Position | undefined {
  if (!Array.isArray(value) || value.length < 2) return undefined;
  const [x, y] = value as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
    return undefined;
  return [x, y];
}

/** Returns true when the position lies inside the bounds (inclusive). */
function isInBounds([x, y]: Position, b: BBox): boolean {
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
}

/**
 * Formats a position for messages. Only numbers are printed: `join` on nested arrays would
 * recurse through them (a hostile 200,000-level array overflows the stack).
 */
function formatPosition(p: readonly unknown[] | Position): string {
  return `[${p
    .slice(0, 2)
    .map((v) => (typeof v === 'number' ? String(v) : describeType(v)))
    .join(', ')}]`;
}

/** Returns a short description of a JSON value's type for messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value;
}

/** Collects problems for one feature. */
export type Report = (message: string, path: string) => void;

/**
 * Validates one ring's structure, closure and bounds; returns its positions when they are all
 * readable (even if other problems were reported) and whether it looks lat-first.
 */
function checkRing(
  raw: unknown,
  path: string,
  bounds: BBox,
  report: Report,
): { ring: Ring; swapped: boolean } | undefined {
  if (!Array.isArray(raw)) {
    report(`ring must be an array of positions, got ${describeType(raw)}`, path);
    return undefined;
  }
  const ring: Ring = [];
  let bad = 0;
  let firstBad = -1;
  raw.forEach((value: unknown, k) => {
    const p = readPosition(value);
    if (p) ring.push(p);
    else if (bad++ === 0) firstBad = k;
  });
  if (bad > 0) {
    const sample = raw[firstBad];
    report(
      `${bad} position(s) are not [lon, lat] pairs of finite numbers, e.g. ${Array.isArray(sample) ? formatPosition(sample) : describeType(sample)}`,
      `${path}[${firstBad}]`,
    );
    return undefined;
  }
  if (ring.length < 4) report(`ring has ${ring.length} position(s); a closed ring needs at least 4`, path);
  else if (!isRingClosed(ring)) {
    const last = ring[ring.length - 1] ?? [];
    report(
      `ring is not closed: first position ${formatPosition(ring[0] ?? [])} differs from last ${formatPosition(last)}`,
      path,
    );
  }
  const outside = ring.map((p, k) => (isInBounds(p, bounds) ? -1 : k)).filter((k) => k >= 0);
  const firstOutside = outside[0];
  if (firstOutside === undefined) return { ring, swapped: false };
  const sample = ring[firstOutside] ?? [0, 0];
  if (ring.every(([x, y]) => isInBounds([y, x], bounds))) {
    report(
      `coordinates look like [lat, lon] (e.g. ${formatPosition(sample)}); RFC 7946 requires [lon, lat]`,
      `${path}[${firstOutside}]`,
    );
    return { ring, swapped: true };
  }
  report(
    `${outside.length} position(s) outside bounds ${formatPosition(bounds)}–${formatPosition(bounds.slice(2))}, e.g. ${formatPosition(sample)}`,
    `${path}[${firstOutside}]`,
  );
  return { ring, swapped: false };
}

/** True when every vertex of `inner` lies inside `outer` or on its boundary and no edges cross. */
function isRingInside(inner: Ring, outer: Ring): boolean {
  for (const p of inner) {
    if (pointInRing(p, outer)) continue;
    let onEdge = false;
    for (let i = 0; i + 1 < outer.length && !onEdge; i++)
      onEdge = isPointOnSegment(outer[i] as Position, outer[i + 1] as Position, p);
    if (!onEdge) return false;
  }
  for (let i = 0; i + 1 < inner.length; i++)
    for (let j = 0; j + 1 < outer.length; j++)
      if (
        segmentsCrossProperly(
          inner[i] as Position,
          inner[i + 1] as Position,
          outer[j] as Position,
          outer[j + 1] as Position,
        )
      )
        return false;
  return true;
}

/** A readable geometry: its polygons in RFC 7946 orientation, and whether any ring was rewound. */
export type ReadGeometry = { polygons: Polygons; rewound: boolean };

/**
 * Reads a Polygon or MultiPolygon; returns it closed, deduplicated and oriented when valid,
 * reporting every problem otherwise.
 */
export function readCellGeometry(
  geometry: unknown,
  path: string,
  bounds: BBox,
  maxPositions: number,
  report: Report,
): ReadGeometry | undefined {
  if (!isRecord(geometry)) {
    report('geometry is missing', path);
    return undefined;
  }
  const isMulti = geometry.type === 'MultiPolygon';
  if (geometry.type !== 'Polygon' && !isMulti) {
    report(
      `geometry type must be "Polygon" or "MultiPolygon", got ${describeType(geometry.type)}`,
      `${path}.type`,
    );
    return undefined;
  }
  const raw = geometry.coordinates;
  const parts: unknown[] | undefined = isMulti ? (Array.isArray(raw) ? raw : undefined) : [raw];
  if (!parts || parts.length === 0 || parts.some((p) => !Array.isArray(p) || p.length === 0)) {
    report(
      isMulti
        ? 'MultiPolygon coordinates must be a non-empty array of polygons, each a non-empty array of rings'
        : 'Polygon coordinates must be a non-empty array of rings',
      `${path}.coordinates`,
    );
    return undefined;
  }
  // Counted before any ring is read: the overlap and simplicity tests grow with the product
  // of two cells' vertex counts. Each ring counts at least one (a million empty rings too).
  let positions = 0;
  for (const part of parts as unknown[][])
    for (const ring of part) positions += Array.isArray(ring) ? Math.max(1, ring.length) : 1;
  if (positions > maxPositions) {
    report(
      `${isMulti ? 'MultiPolygon' : 'Polygon'} has ${positions} positions; at most ${maxPositions} per cell`,
      `${path}.coordinates`,
    );
    return undefined;
  }
  let valid = true;
  let rewound = false;
  const polygons: Polygons = [];
  (parts as unknown[][]).forEach((part, pk) => {
    const partPath = isMulti ? `${path}.coordinates[${pk}]` : `${path}.coordinates`;
    const polygon: PolygonRings = [];
    part.forEach((rawRing: unknown, k) => {
      const ringPath = `${partPath}[${k}]`;
      const what = k === 0 ? 'exterior ring' : `hole ${k}`;
      let ringOk = true;
      const checked = checkRing(rawRing, ringPath, bounds, (message, p) => {
        ringOk = false;
        report(message, p);
      });
      if (!checked || !ringOk || checked.swapped) {
        valid = false;
        return;
      }
      const vertices = listRingVertices(checked.ring);
      const area = signedRingArea(vertices);
      if (vertices.length < 3 || area === 0) {
        report(`${what} has zero area`, ringPath);
        valid = false;
        return;
      }
      if (!isSimpleRing(vertices)) {
        report(`${what} self-intersects (not a simple ring)`, ringPath);
        valid = false;
        return;
      }
      // RFC 7946 §3.1.6: exterior counter-clockwise, holes clockwise.
      const wantCcw = k === 0;
      if (area > 0 !== wantCcw) {
        vertices.reverse();
        rewound = true;
      }
      polygon.push([...vertices, vertices[0] as Position]);
    });
    if (polygon.length !== part.length) return;
    const [outer, ...holes] = polygon as [Ring, ...Ring[]];
    holes.forEach((hole, h) => {
      if (!isRingInside(hole, outer)) {
        report(`hole ${h + 1} is not inside the exterior ring`, `${partPath}[${h + 1}]`);
        valid = false;
      }
      for (let g = 0; g < h; g++)
        if (ringsOverlap(holes[g] as Ring, hole)) {
          report(`hole ${h + 1} overlaps hole ${g + 1}`, `${partPath}[${h + 1}]`);
          valid = false;
        }
    });
    polygons.push(polygon);
  });
  if (!valid || polygons.length !== parts.length) return undefined;
  for (let b = 1; b < polygons.length; b++)
    for (let a = 0; a < b; a++) {
      const pa = polygons[a] as PolygonRings;
      const pb = polygons[b] as PolygonRings;
      if (!ringsOverlap(pa[0] as Ring, pb[0] as Ring)) continue;
      // A part may sit in another's hole: only a shared area is an overlap.
      if (polygonsArea(intersectPolygons([pa], [pb])) > 0) {
        report(`polygon ${b} of the MultiPolygon overlaps polygon ${a}`, `${path}.coordinates[${b}]`);
        valid = false;
      }
    }
  return valid ? { polygons, rewound } : undefined;
}
