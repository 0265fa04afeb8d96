import { describe, expect, it } from 'vitest';
import { decodeCompactGrids, encodeCompactGrids, type GridCell } from './compact-grids';

const square = (x: number, y: number, d = 0.001): number[][] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];

const cells: GridCell[] = [
  {
    code: '371502001001001',
    name: '第1网格',
    villageCode: '371502001001',
    townshipCode: '371502001000',
    countyCode: '371502000000',
    isSynthetic: true,
    geometry: { type: 'Polygon', coordinates: [square(115.792166, 36.348071)] },
  },
  {
    // Parents that are not the code's prefixes (a renamed county) travel explicitly.
    code: '371523001001001',
    name: '第2网格',
    villageCode: '371503001001',
    townshipCode: '371503001000',
    countyCode: '371503000000',
    isSynthetic: false,
    geometry: {
      type: 'MultiPolygon',
      coordinates: [[square(116.1, 36.5), square(116.1002, 36.5002, 0.0001)], [square(116.2, 36.6)]],
    },
  },
];

describe('compact grid encoding', () => {
  it('decodes to the same cells (positions to 1e-6, rings closed, Polygon vs MultiPolygon kept)', () => {
    const decoded = decodeCompactGrids(JSON.parse(JSON.stringify(encodeCompactGrids(cells))));
    expect(decoded.map(({ geometry: _g, ...rest }) => rest)).toEqual(
      cells.map(({ geometry: _g, ...rest }) => rest),
    );
    decoded.forEach((cell, i) => {
      expect(cell.geometry.type).toBe(cells[i]!.geometry.type);
      const flat = (g: GridCell['geometry']) => g.coordinates.flat(3) as number[];
      const got = flat(cell.geometry);
      const want = flat(cells[i]!.geometry);
      expect(got).toHaveLength(want.length);
      for (const [j, v] of got.entries()) expect(Math.abs(v - want[j]!)).toBeLessThan(1e-6);
    });
  });

  it('sends small integer differences and no closing positions', () => {
    const encoded = encodeCompactGrids(cells);
    const first = encoded.geometry[0] as number[][];
    expect(first[0]).toHaveLength(8);
    expect(first[0]!.slice(2)).toEqual([1000, 0, 0, 1000, -1000, 0]);
    expect(Object.keys(encoded.parents)).toEqual(['1']);
  });
});
