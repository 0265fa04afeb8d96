import { describe, expect, it } from 'vitest';
import { GridIndex } from './grid-index';
import type { Position, Ring } from './polygon';
import { pointInPolygons, polygonsAreaM2, polygonsBBox, polygonsCentroid, polygonWidthM } from './shape';

const square = (x: number, y: number, s: number, ccw = true): Ring => {
  const r: Ring = [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ];
  return ccw ? r : r.reverse();
};

describe('cells with holes and several parts', () => {
  const host = [[square(115.9, 36.4, 0.01), square(115.903, 36.403, 0.002, false)]];
  const enclave = [[square(115.903, 36.403, 0.002)], [square(115.95, 36.4, 0.002)]];

  it('a point in a hole is not in the cell; a point in any part is', () => {
    const inHole: Position = [115.904, 36.404];
    expect(pointInPolygons(inHole, host)).toBe(false);
    expect(pointInPolygons([115.901, 36.401], host)).toBe(true);
    expect(pointInPolygons(inHole, enclave)).toBe(true);
    expect(pointInPolygons([115.951, 36.401], enclave)).toBe(true);
    expect(pointInPolygons([115.93, 36.401], enclave)).toBe(false);
  });

  it('the index locates the enclave in the hole and the host around it, whatever their order', () => {
    for (const cells of [
      [
        { code: 'host', polygons: host },
        { code: 'enclave', polygons: enclave },
      ],
      [
        { code: 'enclave', polygons: enclave },
        { code: 'host', polygons: host },
      ],
    ]) {
      const index = new GridIndex(cells);
      expect(index.locate(115.904, 36.404)).toBe('enclave');
      expect(index.locate(115.951, 36.401)).toBe('enclave');
      expect(index.locate(115.901, 36.401)).toBe('host');
      expect(index.locate(115.93, 36.45)).toBeUndefined();
    }
  });

  it('bbox covers every part; area subtracts holes; centroid weighs parts', () => {
    expect(polygonsBBox(enclave)).toEqual([115.903, 36.4, 115.952, 36.405]);
    const whole = polygonsAreaM2([[square(115.9, 36.4, 0.01)]]);
    const hole = polygonsAreaM2([[square(115.903, 36.403, 0.002)]]);
    expect(Math.abs(polygonsAreaM2(host) - (whole - hole)) / whole).toBeLessThan(1e-5);
    expect(whole).toBeGreaterThan(980_000); // ≈ 0.01° × 0.01° at 36.4° N: ≈ 1.11 km × 0.89 km
    expect(whole).toBeLessThan(1_000_000);
    const [cx] = polygonsCentroid(enclave);
    expect(cx).toBeCloseTo((115.904 + 115.951) / 2, 6);
  });

  it('measures a strip by its width', () => {
    // 1 km long, 0.3 m wide
    const strip: Ring = [
      [115.9, 36.4],
      [115.91, 36.4],
      [115.91, 36.4 + 0.3 / 110_950],
      [115.9, 36.4 + 0.3 / 110_950],
      [115.9, 36.4],
    ];
    expect(polygonWidthM([strip])).toBeCloseTo(0.3, 2);
  });
});
