/**
 * Planar polygon helpers for grid cells in WGS84 degrees. Cells are small (a few hundred
 * metres), so treating [lon, lat] as planar coordinates is accurate enough for orientation,
 * containment and overlap tests; areas are in square degrees and only meaningful relatively.
 */

/** A GeoJSON position in RFC 7946 order: longitude first, then latitude. */
export type Position = [lon: number, lat: number];

/** A linear ring: a list of positions, normally closed (first equals last). */
export type Ring = Position[];

/** A bounding box `[minLon, minLat, maxLon, maxLat]`. */
export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/**
 * Distance (in degrees, ≈0.1 mm) under which a point counts as lying on a line. Absorbs
 * rounding when a neighbour's vertex sits on an edge (T-junction) without being exact.
 */
export const COLLINEAR_TOLERANCE = 1e-9;

/** Returns the vertex at `i`, throwing instead of yielding `undefined` (caller bug). */
function vertexAt(ring: readonly Position[], i: number): Position {
  const p = ring[i];
  if (p === undefined) throw new RangeError(`ring has no vertex ${i}`);
  return p;
}

/** Returns true when two positions are exactly equal. */
function isSamePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * Returns the ring's distinct vertices: consecutive duplicates and the closing position
 * removed, so edges are `v[i] → v[(i + 1) % n]` whether or not the input was closed.
 */
export function listRingVertices(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (last === undefined || !isSamePosition(last, p)) out.push(p);
  }
  const first = out[0];
  while (out.length > 1 && first !== undefined && isSamePosition(vertexAt(out, out.length - 1), first))
    out.pop();
  return out;
}

/** Returns true when the ring has at least two positions and its first equals its last. */
export function isRingClosed(ring: readonly Position[]): boolean {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return ring.length >= 2 && first !== undefined && last !== undefined && isSamePosition(first, last);
}

/**
 * Returns the signed planar (shoelace) area: positive for counter-clockwise rings, negative
 * for clockwise ones. Works for open and closed rings alike.
 */
export function signedRingArea(ring: readonly Position[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  const [ox, oy] = vertexAt(ring, 0); // translate to the first vertex to limit cancellation
  let twice = 0;
  for (let i = 0; i < n; i++) {
    const a = vertexAt(ring, i);
    const b = vertexAt(ring, (i + 1) % n);
    twice += (a[0] - ox) * (b[1] - oy) - (b[0] - ox) * (a[1] - oy);
  }
  return twice / 2;
}

/** Returns true when the ring winds counter-clockwise (positive signed area). */
export function isCounterClockwise(ring: readonly Position[]): boolean {
  return signedRingArea(ring) > 0;
}

/**
 * Returns the area-weighted centroid of the ring. Degenerate (zero-area) rings fall back to
 * the mean of their distinct vertices.
 */
export function ringCentroid(ring: readonly Position[]): Position {
  const vertices = listRingVertices(ring);
  const n = vertices.length;
  if (n === 0) throw new RangeError('cannot take the centroid of an empty ring');
  const [ox, oy] = vertexAt(vertices, 0);
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    const a = vertexAt(vertices, i);
    const b = vertexAt(vertices, (i + 1) % n);
    const ax = a[0] - ox;
    const ay = a[1] - oy;
    const bx = b[0] - ox;
    const by = b[1] - oy;
    const cross = ax * by - bx * ay;
    twiceArea += cross;
    cx += (ax + bx) * cross;
    cy += (ay + by) * cross;
  }
  if (twiceArea === 0) {
    let sx = 0;
    let sy = 0;
    for (const [x, y] of vertices) {
      sx += x;
      sy += y;
    }
    return [sx / n, sy / n];
  }
  return [ox + cx / (3 * twiceArea), oy + cy / (3 * twiceArea)];
}

/** Returns the ring's bounding box `[minLon, minLat, maxLon, maxLat]`. */
export function ringBBox(ring: readonly Position[]): BBox {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Returns true when `point` is inside `ring` (crossing-number / ray casting; orientation and
 * closure do not matter).
 *
 * Boundary handling: points on the boundary follow a half-open rule (an edge counts when
 * `minY <= y < maxY` and the point is strictly left of it, edges evaluated with a canonical
 * endpoint order). Two rings sharing an edge therefore classify a point on that edge
 * consistently, so in a tiling every point, shared edges and vertices included, lies in
 * exactly one cell. Whether a lone ring contains its own boundary point is unspecified.
 */
export function pointInRing(point: Position, ring: readonly Position[]): boolean {
  const [x, y] = point;
  const n = ring.length;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    let a = vertexAt(ring, j);
    let b = vertexAt(ring, i);
    if (a[1] > b[1] || (a[1] === b[1] && a[0] > b[0])) [a, b] = [b, a]; // canonical order: same maths for a shared edge
    if (a[1] <= y && y < b[1]) {
      const cross = (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]);
      if (cross > 0) inside = !inside;
    }
  }
  return inside;
}

/**
 * Returns the orientation of `c` relative to the directed line `a → b`: 1 left, -1 right,
 * 0 when within {@link COLLINEAR_TOLERANCE} of the line.
 */
export function orientPoint(a: Position, b: Position, c: Position): -1 | 0 | 1 {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const cross = dx * (c[1] - a[1]) - dy * (c[0] - a[0]);
  const length = Math.hypot(dx, dy);
  if (Math.abs(cross) <= COLLINEAR_TOLERANCE * (length === 0 ? 1 : length)) return 0;
  return cross > 0 ? 1 : -1;
}

/** Returns true when `c`, assumed collinear with `a`–`b`, lies within their bounding box. */
function isWithinSpan(a: Position, b: Position, c: Position): boolean {
  const t = COLLINEAR_TOLERANCE;
  return (
    c[0] >= Math.min(a[0], b[0]) - t &&
    c[0] <= Math.max(a[0], b[0]) + t &&
    c[1] >= Math.min(a[1], b[1]) - t &&
    c[1] <= Math.max(a[1], b[1]) + t
  );
}

/** Returns true when `c` lies on the closed segment `a`–`b` (within tolerance). */
export function isPointOnSegment(a: Position, b: Position, c: Position): boolean {
  return orientPoint(a, b, c) === 0 && isWithinSpan(a, b, c);
}

/**
 * Returns true when the closed segments `p1`–`p2` and `q1`–`q2` share at least one point,
 * touching endpoints and collinear overlaps included.
 */
export function segmentsIntersect(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const o1 = orientPoint(p1, p2, q1);
  const o2 = orientPoint(p1, p2, q2);
  const o3 = orientPoint(q1, q2, p1);
  const o4 = orientPoint(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return true;
  return (
    (o1 === 0 && isWithinSpan(p1, p2, q1)) ||
    (o2 === 0 && isWithinSpan(p1, p2, q2)) ||
    (o3 === 0 && isWithinSpan(q1, q2, p1)) ||
    (o4 === 0 && isWithinSpan(q1, q2, p2))
  );
}

/**
 * Returns true when the segments cross at a single point interior to both (a proper
 * crossing). Touching at an endpoint, T-junctions and collinear overlaps do not count.
 */
export function segmentsCrossProperly(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const o1 = orientPoint(p1, p2, q1);
  const o2 = orientPoint(p1, p2, q2);
  const o3 = orientPoint(q1, q2, p1);
  const o4 = orientPoint(q1, q2, p2);
  return o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0 && o1 !== o2 && o3 !== o4;
}

/** Returns true when two boxes share interior area wider than the tolerance (touching boxes do not). */
function bboxesOverlapStrictly(a: BBox, b: BBox): boolean {
  const t = COLLINEAR_TOLERANCE;
  return a[0] < b[2] - t && b[0] < a[2] - t && a[1] < b[3] - t && b[1] < a[3] - t;
}

/** Returns true when two boxes intersect, touching included. */
function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Returns the bounding box of one segment. */
function segmentBBox(a: Position, b: Position): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
}

/** Returns true when the point is inside the ring and farther than the tolerance from its boundary. */
function isStrictlyInside(point: Position, ring: readonly Position[]): boolean {
  if (!pointInRing(point, ring)) return false;
  for (let i = 0; i < ring.length; i++) {
    if (isPointOnSegment(vertexAt(ring, i), vertexAt(ring, (i + 1) % ring.length), point)) return false;
  }
  return true;
}

/**
 * Returns true when some edge of `a`, split at the vertices of `b` lying on it, has a piece
 * where `a`'s interior meets `b`'s interior: the piece lies inside `b`, or runs along an
 * edge of `b` with both interiors on the same side of it.
 */
function hasEdgePieceInside(a: Position[], aSign: number, b: Position[], bSign: number): boolean {
  const n = a.length;
  const m = b.length;
  for (let i = 0; i < n; i++) {
    const p = vertexAt(a, i);
    const q = vertexAt(a, (i + 1) % n);
    const dx = q[0] - p[0];
    const dy = q[1] - p[1];
    const len2 = dx * dx + dy * dy;
    const minT = COLLINEAR_TOLERANCE / Math.sqrt(len2); // pieces shorter than the tolerance are noise
    const cuts = [0, 1];
    for (const v of b) {
      if (!isPointOnSegment(p, q, v)) continue;
      const t = ((v[0] - p[0]) * dx + (v[1] - p[1]) * dy) / len2;
      if (t > minT && t < 1 - minT) cuts.push(t);
    }
    cuts.sort((x, y) => x - y);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const t0 = cuts[k] ?? 0;
      const t1 = cuts[k + 1] ?? 1;
      if (t1 - t0 <= minT) continue;
      const s: Position = [p[0] + dx * t0, p[1] + dy * t0];
      const e: Position = [p[0] + dx * t1, p[1] + dy * t1];
      let onEdgeOfB = false;
      for (let j = 0; j < m; j++) {
        const c = vertexAt(b, j);
        const d = vertexAt(b, (j + 1) % m);
        if (!isPointOnSegment(c, d, s) || !isPointOnSegment(c, d, e)) continue;
        onEdgeOfB = true;
        const sameDirection = dx * (d[0] - c[0]) + dy * (d[1] - c[1]) > 0;
        // each interior lies left of its edges when that ring is CCW (sign 1), right otherwise
        if ((sameDirection ? aSign : -aSign) === bSign) return true;
        break;
      }
      if (!onEdgeOfB && isStrictlyInside([(s[0] + e[0]) / 2, (s[1] + e[1]) / 2], b)) return true;
    }
  }
  return false;
}

/**
 * Returns true when the interiors of two simple rings overlap: some edges cross properly,
 * or part of one ring's boundary runs through the other's interior (containment included),
 * or both rings run along a shared edge on the same side. Rings that only share edges or
 * vertices from opposite sides, like neighbouring tiles, do not overlap, even when shared
 * coordinates differ by rounding noise below {@link COLLINEAR_TOLERANCE}. O(n·m).
 */
export function ringsOverlap(a: readonly Position[], b: readonly Position[]): boolean {
  const boxA = ringBBox(a);
  const boxB = ringBBox(b);
  if (!bboxesOverlapStrictly(boxA, boxB)) return false;
  const va = listRingVertices(a);
  const vb = listRingVertices(b);
  const aSign = Math.sign(signedRingArea(va));
  const bSign = Math.sign(signedRingArea(vb));
  if (aSign === 0 || bSign === 0) return false;
  for (let i = 0; i < va.length; i++) {
    const p1 = vertexAt(va, i);
    const p2 = vertexAt(va, (i + 1) % va.length);
    const box = segmentBBox(p1, p2);
    if (!bboxesIntersect(box, boxB)) continue;
    for (let j = 0; j < vb.length; j++) {
      const q1 = vertexAt(vb, j);
      const q2 = vertexAt(vb, (j + 1) % vb.length);
      if (bboxesIntersect(box, segmentBBox(q1, q2)) && segmentsCrossProperly(p1, p2, q1, q2)) return true;
    }
  }
  return hasEdgePieceInside(va, aSign, vb, bSign) || hasEdgePieceInside(vb, bSign, va, aSign);
}

/**
 * Returns true when the ring is simple: at least three distinct vertices, non-adjacent
 * edges never touch, adjacent edges meet only at their shared vertex (no spikes folding
 * back). Repeated consecutive positions are tolerated. Edges are swept by x, so typical
 * rings cost far less than the O(n²) worst case.
 */
export function isSimpleRing(ring: readonly Position[]): boolean {
  const v = listRingVertices(ring);
  const n = v.length;
  if (n < 3) return false;
  const edges = v.map((p, i) => ({
    i,
    p,
    q: vertexAt(v, (i + 1) % n),
    box: segmentBBox(p, vertexAt(v, (i + 1) % n)),
  }));
  edges.sort((x, y) => x.box[0] - y.box[0]);
  for (let x = 0; x < n; x++) {
    const e = edges[x];
    if (e === undefined) continue;
    for (let y = x + 1; y < n; y++) {
      const f = edges[y];
      if (f === undefined || f.box[0] > e.box[2] + COLLINEAR_TOLERANCE) break;
      if (!bboxesIntersect(e.box, f.box)) continue;
      const gap = Math.abs(e.i - f.i);
      if (gap === 1 || gap === n - 1) {
        // adjacent: shared vertex s, other ends u and w; collinear and same side means a spike
        const [first, second] = e.i < f.i === (gap === 1) ? [e, f] : [f, e];
        const s = first.q;
        const u = first.p;
        const w = second.q;
        const folds =
          orientPoint(u, s, w) === 0 && (u[0] - s[0]) * (w[0] - s[0]) + (u[1] - s[1]) * (w[1] - s[1]) > 0;
        if (folds) return false;
      } else if (segmentsIntersect(e.p, e.q, f.p, f.q)) {
        return false;
      }
    }
  }
  return true;
}
