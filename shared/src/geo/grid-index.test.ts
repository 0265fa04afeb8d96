import { describe, expect, it } from 'vitest';
import { GridIndex } from './grid-index';
import { type Position, pointInRing } from './polygon';

/**
 * Builds an n×m lattice of quads over [x0, x0+n·s]×[y0, y0+m·s] whose interior vertices are
 * shifted deterministically, so cells are irregular but still tile exactly.
 */
function buildLattice(n: number, m: number, s = 0.01, x0 = 115.3, y0 = 35.9) {
  const vertex = (i: number, j: number): Position => {
    const inner = i > 0 && i < n && j > 0 && j < m;
    const dx = inner ? Math.sin(i * 7.1 + j * 3.3) * 0.2 * s : 0;
    const dy = inner ? Math.cos(i * 2.9 - j * 5.7) * 0.2 * s : 0;
    return [x0 + i * s + dx, y0 + j * s + dy];
  };
  const cells: { code: string; ring: Position[] }[] = [];
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) {
      const ring = [vertex(i, j), vertex(i + 1, j), vertex(i + 1, j + 1), vertex(i, j + 1), vertex(i, j)];
      cells.push({ code: `${i},${j}`, ring });
    }
  }
  return cells;
}

describe('GridIndex', () => {
  it('locates points in the right lattice cell', () => {
    const index = new GridIndex(buildLattice(20, 10));
    expect(index.size).toBe(200);
    // lattice centres move by at most 0.2·s, so the centre stays in its own quad
    expect(index.locate(115.3 + 3.5 * 0.01, 35.9 + 7.5 * 0.01)).toBe('3,7');
    expect(index.locate(115.3 + 19.5 * 0.01, 35.9 + 0.5 * 0.01)).toBe('19,0');
  });

  it('returns undefined outside the lattice and for an empty index', () => {
    const index = new GridIndex(buildLattice(4, 4));
    expect(index.locate(115.29, 35.95)).toBeUndefined();
    expect(index.locate(116, 36)).toBeUndefined();
    const empty = new GridIndex([]);
    expect(empty.size).toBe(0);
    expect(empty.locate(115.3, 35.9)).toBeUndefined();
    expect(empty.searchBBox([0, 0, 1, 1])).toEqual([]);
  });

  it('assigns every interior point, including shared vertices and edges, to exactly one cell', () => {
    const n = 12;
    const cells = buildLattice(n, n);
    const index = new GridIndex(cells);
    const probes: Position[] = [];
    for (let j = 1; j < n; j++) {
      for (let i = 1; i < n; i++) {
        const ring = cells[j * n + i]?.ring ?? [];
        const [a, b, , d] = ring; // lower-left vertex and its two edges
        if (!a || !b || !d) throw new Error('bad lattice');
        probes.push(a, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], [(a[0] + d[0]) / 2, (a[1] + d[1]) / 2]);
      }
    }
    for (let k = 1; k < 2000; k++)
      probes.push([115.3 + ((k * 0.6180339) % 1) * 0.12, 35.9 + ((k * 0.7548776) % 1) * 0.12]);
    for (const p of probes) {
      const containing = cells.filter((c) => pointInRing(p, c.ring));
      expect(containing, `point ${p.join(',')}`).toHaveLength(1);
      expect(index.locate(p[0], p[1])).toBe(containing[0]?.code);
    }
  });

  it('finds bbox candidates, touching neighbours included', () => {
    const cells = buildLattice(3, 3, 1, 0, 0);
    const index = new GridIndex(cells);
    expect(index.searchBBox([1.5, 1.5, 1.5, 1.5]).length).toBeGreaterThanOrEqual(1);
    expect(index.searchBBox([-10, -10, 10, 10])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  // Build time is measured in bench/map.ts, not asserted here (it failed on a loaded machine).
  it('builds 10k cells and answers 50k-cell lookups', () => {
    const cells = buildLattice(250, 200);
    const index = new GridIndex(cells.slice(0, 10_000));
    expect(index.size).toBe(10_000);
    const big = new GridIndex(cells);
    expect(big.size).toBe(50_000);
    expect(big.locate(115.3 + 200.5 * 0.01, 35.9 + 150.5 * 0.01)).toBe('200,150');
  });
});
