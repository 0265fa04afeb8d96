import { describe, expect, it } from 'vitest';
import { boxAround, DEFAULT_RADIUS_M, duplicateRadius, metresBetween } from './duplicates';

describe('duplicate suggestions: radius and distance', () => {
  it('takes the sub-class radius, else the major class, else the default', () => {
    expect(duplicateRadius('0402')).toBe(200);
    expect(duplicateRadius('0401')).toBe(100);
    expect(duplicateRadius('0101')).toBe(30);
    expect(duplicateRadius('99')).toBe(DEFAULT_RADIUS_M);
  });
  it('measures metres on the sphere and boxes every point within the radius', () => {
    const p = { lon: 115.985, lat: 36.457 };
    // 0.001° of latitude ≈ 111.2 m anywhere; of longitude ≈ 111.2 m × cos(lat).
    expect(metresBetween(p, { lon: p.lon, lat: p.lat + 0.001 })).toBeCloseTo(111.2, 0);
    expect(metresBetween(p, { lon: p.lon + 0.001, lat: p.lat })).toBeCloseTo(
      111.2 * Math.cos((36.457 * Math.PI) / 180),
      0,
    );
    const box = boxAround(p, 200);
    for (let a = 0; a < 360; a += 15) {
      const q = {
        lon: p.lon + (199.9 / (111_195 * Math.cos((p.lat * Math.PI) / 180))) * Math.cos((a * Math.PI) / 180),
        lat: p.lat + (199.9 / 111_195) * Math.sin((a * Math.PI) / 180),
      };
      expect(metresBetween(p, q)).toBeLessThan(200.5);
      expect(q.lon >= box.west && q.lon <= box.east && q.lat >= box.south && q.lat <= box.north).toBe(true);
    }
  });
});
