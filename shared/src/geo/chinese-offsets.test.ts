import { describe, expect, it } from 'vitest';
import { detectWrongDatum, gcj02ToBd09, gcj02ToWgs84, wgs84ToBd09, wgs84ToGcj02 } from './chinese-offsets';
import type { Position } from './polygon';

// Reference values computed with gcoord 1.0.7 (gcoord.transform(p, WGS84, GCJ02 / BD09)).
const CASES: [Position, Position, Position][] = [
  [
    [115.988349, 36.434669],
    [115.99403642753492, 36.434756062182636],
    [116.00060419772602, 36.440493722061746],
  ],
  [
    [116.25, 36.58],
    [116.25564444522634, 36.58019696404514],
    [116.26209605960301, 36.58629337802481],
  ],
  [
    [115.67, 36.24],
    [115.6757233458648, 36.23995224155224],
    [115.68211729215717, 36.24629058951422],
  ],
];

describe('GCJ-02 and BD-09', () => {
  it('match the published transforms around Liaocheng', () => {
    for (const [wgs, gcj, bd] of CASES) {
      const g = wgs84ToGcj02(wgs);
      expect(g[0]).toBeCloseTo(gcj[0], 9);
      expect(g[1]).toBeCloseTo(gcj[1], 9);
      const b = wgs84ToBd09(wgs);
      expect(b[0]).toBeCloseTo(bd[0], 9);
      expect(b[1]).toBeCloseTo(bd[1], 9);
      expect(gcj02ToBd09(g)).toEqual(b);
    }
  });

  it('inverts GCJ-02 to WGS-84 to within 1e-9° (the seed outlines are AMap data)', () => {
    for (const [wgs, gcj] of CASES) {
      const back = gcj02ToWgs84(gcj);
      expect(Math.abs(back[0] - wgs[0])).toBeLessThan(1e-9);
      expect(Math.abs(back[1] - wgs[1])).toBeLessThan(1e-9);
    }
  });

  it('names the datum a set of places was shifted by, and none for unshifted or scattered places', () => {
    const places = CASES.map(([wgs]) => wgs);
    const shifted = (f: (p: Position) => Position) => places.map((p) => ({ stored: p, file: f(p) }));
    expect(detectWrongDatum(shifted(wgs84ToGcj02))).toMatchObject({ datum: 'GCJ-02', matched: 3 });
    expect(detectWrongDatum(shifted(wgs84ToBd09))).toMatchObject({ datum: 'BD-09', matched: 3 });
    expect(detectWrongDatum(shifted((p) => p))).toBeNull();
    // New geometry replacing synthetic cells: displacements of hundreds of metres every which way.
    const scattered = places.map((p, k) => ({
      stored: p,
      file: [p[0] + (k - 1) * 0.004, p[1] - 0.003] as Position,
    }));
    expect(detectWrongDatum(scattered)).toBeNull();
    expect(detectWrongDatum(shifted(wgs84ToGcj02).slice(0, 2))).toBeNull(); // too few to say
  });
});
