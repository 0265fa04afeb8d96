import { describe, expect, it } from 'vitest';
import {
  isCounterClockwise,
  isRingClosed,
  isSimpleRing,
  type Position,
  pointInRing,
  type Ring,
  ringBBox,
  ringCentroid,
  ringsOverlap,
  segmentsCrossProperly,
  segmentsIntersect,
  signedRingArea,
} from './polygon';

/** Axis-aligned CCW closed square. */
function square(x: number, y: number, size = 1): Ring {
  return [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
}

/** A concave "U" (CCW): notch open at the top between x=1 and x=2, down to y=1. */
const U_SHAPE: Ring = [
  [0, 0],
  [3, 0],
  [3, 3],
  [2, 3],
  [2, 1],
  [1, 1],
  [1, 3],
  [0, 3],
  [0, 0],
];

describe('orientation and area', () => {
  it('gives positive area for counter-clockwise rings and negative for clockwise', () => {
    const ccw = square(0, 0, 2);
    expect(signedRingArea(ccw)).toBe(4);
    expect(isCounterClockwise(ccw)).toBe(true);
    const cw = [...ccw].reverse();
    expect(signedRingArea(cw)).toBe(-4);
    expect(isCounterClockwise(cw)).toBe(false);
  });

  it('treats open and closed rings alike', () => {
    expect(signedRingArea(square(0, 0).slice(0, 4))).toBe(1);
  });

  it('detects closure', () => {
    expect(isRingClosed(square(0, 0))).toBe(true);
    expect(isRingClosed(square(0, 0).slice(0, 4))).toBe(false);
    expect(isRingClosed([])).toBe(false);
  });

  it('is numerically stable far from the origin', () => {
    expect(signedRingArea(square(115.9, 36.4, 0.001))).toBeCloseTo(1e-6, 15);
  });
});

describe('ringCentroid and ringBBox', () => {
  it('returns the centre of a square', () => {
    expect(ringCentroid(square(2, 4, 2))).toEqual([3, 5]);
  });

  it('weights by area, not by vertex count', () => {
    // extra collinear vertices on one edge must not pull the centroid
    const ring: Ring = [
      [0, 0],
      [0.25, 0],
      [0.5, 0],
      [0.75, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ];
    const [x, y] = ringCentroid(ring);
    expect(x).toBeCloseTo(0.5, 12);
    expect(y).toBeCloseTo(0.5, 12);
  });

  it('handles concave rings and both orientations', () => {
    const [x, y] = ringCentroid(U_SHAPE);
    expect(x).toBeCloseTo(1.5, 12);
    expect(y).toBeCloseTo(1.3571428571, 9); // (9·1.5 − 2·2) / 7
    const [rx, ry] = ringCentroid([...U_SHAPE].reverse());
    expect(rx).toBeCloseTo(x, 12);
    expect(ry).toBeCloseTo(y, 12);
  });

  it('falls back to the vertex mean for degenerate rings', () => {
    expect(
      ringCentroid([
        [0, 0],
        [2, 0],
        [0, 0],
      ]),
    ).toEqual([1, 0]);
  });

  it('computes the bounding box', () => {
    expect(ringBBox(U_SHAPE)).toEqual([0, 0, 3, 3]);
  });
});

describe('pointInRing', () => {
  it('finds interior and exterior points of a convex ring', () => {
    expect(pointInRing([0.5, 0.5], square(0, 0))).toBe(true);
    expect(pointInRing([1.5, 0.5], square(0, 0))).toBe(false);
    expect(pointInRing([0.5, -0.1], square(0, 0))).toBe(false);
  });

  it('handles concave rings, including rays through the notch', () => {
    expect(pointInRing([1.5, 2], U_SHAPE)).toBe(false); // in the notch
    expect(pointInRing([0.5, 2], U_SHAPE)).toBe(true); // left arm
    expect(pointInRing([2.5, 2], U_SHAPE)).toBe(true); // right arm
    expect(pointInRing([1.5, 0.5], U_SHAPE)).toBe(true); // base below the notch
    expect(pointInRing([1.5, 1], U_SHAPE)).toBe(false); // on the notch floor: upper side rule
    expect(pointInRing([-0.5, 2], U_SHAPE)).toBe(false);
  });

  it('does not depend on orientation or closure', () => {
    const cw = [...U_SHAPE].reverse();
    const open = U_SHAPE.slice(0, -1);
    for (const p of [
      [1.5, 2],
      [0.5, 2],
      [1.5, 0.5],
    ] as Position[]) {
      expect(pointInRing(p, cw)).toBe(pointInRing(p, U_SHAPE));
      expect(pointInRing(p, open)).toBe(pointInRing(p, U_SHAPE));
    }
  });

  it('puts points on shared edges and vertices of tiles in exactly one tile', () => {
    // a 2×2 tiling with a slanted interior edge, neighbours sharing vertices exactly
    const m: Position = [1.03, 0.97];
    const tiles: Ring[] = [
      [[0, 0], [1, 0], m, [0, 1], [0, 0]],
      [[1, 0], [2, 0], [2, 1], m, [1, 0]],
      [m, [2, 1], [2, 2], [1, 2], m],
      [[0, 1], m, [1, 2], [0, 2], [0, 1]],
    ];
    // the shared vertex, midpoints of the four shared edges, two interior points
    const probes: Position[] = [
      m,
      [1.015, 0.485],
      [1.515, 0.985],
      [1.015, 1.485],
      [0.515, 0.985],
      [0.5, 0.5],
      [1.5, 1.5],
    ];
    for (const p of probes) {
      const hits = tiles.filter((t) => pointInRing(p, t)).length;
      expect(hits, `point ${p.join(',')}`).toBe(1);
    }
  });

  it('puts points exactly on shared axis-aligned edges in exactly one square', () => {
    const tiles = [square(0, 0), square(1, 0), square(0, 1), square(1, 1)];
    const probes: Position[] = [
      [1, 1],
      [1, 0.5],
      [0.5, 1],
      [1.5, 1],
      [1, 1.5],
    ];
    for (const p of probes) {
      const hits = tiles.filter((t) => pointInRing(p, t)).length;
      expect(hits, `point ${p.join(',')}`).toBe(1);
    }
  });
});

describe('segments', () => {
  it('detects crossings, touches and collinear overlaps', () => {
    expect(segmentsIntersect([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true);
    expect(segmentsIntersect([0, 0], [1, 0], [1, 0], [1, 1])).toBe(true); // shared endpoint
    expect(segmentsIntersect([0, 0], [2, 0], [1, 0], [1, 1])).toBe(true); // T-junction
    expect(segmentsIntersect([0, 0], [2, 0], [1, 0], [3, 0])).toBe(true); // collinear overlap
    expect(segmentsIntersect([0, 0], [1, 0], [2, 0], [3, 0])).toBe(false); // collinear, apart
    expect(segmentsIntersect([0, 0], [1, 1], [0, 1], [0.4, 0.6])).toBe(false);
  });

  it('counts only proper crossings as crossing', () => {
    expect(segmentsCrossProperly([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true);
    expect(segmentsCrossProperly([0, 0], [1, 0], [1, 0], [1, 1])).toBe(false);
    expect(segmentsCrossProperly([0, 0], [2, 0], [1, 0], [1, 1])).toBe(false);
    expect(segmentsCrossProperly([0, 0], [2, 0], [1, 0], [3, 0])).toBe(false);
  });
});

describe('ringsOverlap', () => {
  it('does not flag neighbours sharing an edge or a vertex', () => {
    const a = square(0, 0);
    expect(ringsOverlap(a, square(1, 0))).toBe(false); // shared edge
    expect(ringsOverlap(a, square(1, 1))).toBe(false); // shared vertex
    expect(ringsOverlap(a, square(0, -1))).toBe(false);
  });

  it('does not flag neighbours sharing part of an edge (T-junctions)', () => {
    const big = square(0, 0, 2);
    expect(ringsOverlap(big, square(2, 0.5))).toBe(false);
    expect(ringsOverlap(big, square(2, 1.5))).toBe(false); // sticks out beyond the shared edge
    expect(ringsOverlap(square(2, 0.5), big)).toBe(false);
  });

  it('does not flag neighbours sharing a slanted edge, whichever orientation', () => {
    const a: Ring = [
      [0, 0],
      [1, 0],
      [1.3, 1],
      [0, 1],
      [0, 0],
    ];
    const b: Ring = [
      [1, 0],
      [2, 0],
      [2, 1],
      [1.3, 1],
      [1, 0],
    ];
    expect(ringsOverlap(a, b)).toBe(false);
    expect(ringsOverlap([...a].reverse(), b)).toBe(false);
    expect(ringsOverlap(a, [...b].reverse())).toBe(false);
  });

  it('flags partially overlapping rings', () => {
    expect(ringsOverlap(square(0, 0), square(0.5, 0.5))).toBe(true);
    expect(ringsOverlap(square(0, 0), square(0.5, 0))).toBe(true); // overlap with collinear edges
  });

  it('flags identical rings and containment', () => {
    expect(ringsOverlap(square(0, 0), square(0, 0))).toBe(true);
    expect(ringsOverlap(square(0, 0), [...square(0, 0)].reverse())).toBe(true);
    expect(ringsOverlap(square(0, 0, 3), square(1, 1))).toBe(true); // strictly inside
    expect(ringsOverlap(square(1, 1), square(0, 0, 3))).toBe(true);
    expect(ringsOverlap(square(0, 0, 2), square(0, 0))).toBe(true); // inside, sharing two edges
  });

  it('flags a ring covering another one while touching it only at vertices', () => {
    const diamond: Ring = [
      [1, 0],
      [2, 1],
      [1, 2],
      [0, 1],
      [1, 0],
    ];
    expect(ringsOverlap(square(0, 0, 2), diamond)).toBe(true);
  });

  it('handles concave neighbours: a ring inside the notch touches but does not overlap', () => {
    const plug: Ring = [
      [1, 1],
      [2, 1],
      [2, 3],
      [1, 3],
      [1, 1],
    ];
    expect(ringsOverlap(U_SHAPE, plug)).toBe(false);
    expect(ringsOverlap(U_SHAPE, square(1, 0.5))).toBe(true);
  });

  it('ignores disjoint rings and degenerate rings', () => {
    expect(ringsOverlap(square(0, 0), square(5, 5))).toBe(false);
    expect(
      ringsOverlap(square(0, 0), [
        [0, 0],
        [1, 1],
        [0, 0],
      ]),
    ).toBe(false);
  });
});

describe('isSimpleRing', () => {
  it('accepts convex and concave simple rings', () => {
    expect(isSimpleRing(square(0, 0))).toBe(true);
    expect(isSimpleRing(U_SHAPE)).toBe(true);
    expect(
      isSimpleRing([
        [0, 0],
        [1, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ]),
    ).toBe(true); // repeated position
  });

  it('rejects a bow-tie', () => {
    expect(
      isSimpleRing([
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
        [0, 0],
      ]),
    ).toBe(false);
  });

  it('rejects rings touching themselves at a vertex or folding back', () => {
    const pinched: Ring = [
      [0, 0],
      [2, 0],
      [1, 1],
      [2, 2],
      [0, 2],
      [1, 1],
      [0, 0],
    ];
    expect(isSimpleRing(pinched)).toBe(false);
    expect(
      isSimpleRing([
        [0, 0],
        [2, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ]),
    ).toBe(false); // spike
    expect(
      isSimpleRing([
        [0, 0],
        [1, 0],
        [2, 0],
        [0, 0],
      ]),
    ).toBe(false); // collinear
    expect(
      isSimpleRing([
        [0, 0],
        [1, 0],
        [0, 0],
      ]),
    ).toBe(false);
  });
});
