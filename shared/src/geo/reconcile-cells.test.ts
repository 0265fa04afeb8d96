import { describe, expect, it } from 'vitest';
import type { Ring } from './polygon';
import { fitToNeighbours, SNAP_TOLERANCE_M } from './reconcile-cells';
import { polygonsAreaM2 } from './shape';

const M_LAT = 1 / 110_950; // degrees of latitude per metre
const rect = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe('fitting a cell to its real neighbours', () => {
  const neighbour = { code: 'N', polygons: [[rect(115.9, 36.4, 115.91, 36.41)]] };

  it('snaps a cell overlapping its neighbour by 0.3 m onto the shared edge', () => {
    const cell = [[rect(115.9, 36.41 - 0.3 * M_LAT, 115.91, 36.42)]];
    const fit = fitToNeighbours(cell, [neighbour]);
    expect(fit.overlaps).toEqual([]);
    expect(fit.moved).toBe(2);
    expect(fit.polygons[0]?.[0]?.[0]?.[1]).toBeCloseTo(36.41, 12);
  });

  it('closes a 0.3 m gap the same way', () => {
    const cell = [[rect(115.9, 36.41 + 0.3 * M_LAT, 115.91, 36.42)]];
    const fit = fitToNeighbours(cell, [neighbour]);
    expect(fit.moved).toBe(2);
    expect(fit.polygons[0]?.[0]?.[0]?.[1]).toBeCloseTo(36.41, 12);
  });

  it('trims a sliver the snapping cannot reach (a bulge between the neighbour vertices)', () => {
    // The cell's lower edge has a vertex 0.3 m inside the neighbour, 1 m from any of its vertices
    // … and a long straight edge: that vertex snaps to the edge, so the result has no overlap.
    const cell = [
      [
        [
          [115.9, 36.41],
          [115.905, 36.41 - 0.3 * M_LAT],
          [115.91, 36.41],
          [115.91, 36.42],
          [115.9, 36.42],
          [115.9, 36.41],
        ] as Ring,
      ],
    ];
    const fit = fitToNeighbours(cell, [neighbour]);
    expect(fit.overlaps).toEqual([]);
    expect(fit.moved + fit.trimmed.length).toBeGreaterThan(0);
  });

  it('lists an overlap wider than the tolerance with its area, and leaves the cell as it is', () => {
    const cell = [[rect(115.9, 36.41 - 30 * M_LAT, 115.91, 36.42)]];
    const fit = fitToNeighbours(cell, [neighbour]);
    expect(fit.overlaps).toHaveLength(1);
    expect(fit.overlaps[0]?.code).toBe('N');
    // 30 m × 0.01° of longitude (≈ 895 m)
    expect(fit.overlaps[0]?.areaM2).toBeGreaterThan(26_000);
    expect(fit.overlaps[0]?.areaM2).toBeLessThan(27_500);
    expect(polygonsAreaM2(fit.polygons)).toBeCloseTo(polygonsAreaM2(cell), 3);
  });

  it('uses 0.5 m', () => {
    expect(SNAP_TOLERANCE_M).toBe(0.5);
  });
});
