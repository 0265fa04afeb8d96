/**
 * Synthetic grid cells for the map benchmark, in the browser: a jittered lattice over
 * 聊城市's bounds like prisma/seed/synthetic-grids.ts (shared vertices, so quads tile without
 * overlap; jitter < 0.25 of the spacing keeps each quad convex). Deterministic per seed.
 */
import type { GridFeature } from '../../client/src/map/grid-layer';
import { createRandom } from '../../shared/src/random';

const BOUNDS = [115.25, 35.8, 116.55, 37.03] as const;
const JITTER = 0.22;

/** About `n` cells (exactly cols × rows ≥ n, trimmed to n) with 15-digit codes. */
export function generateCells(n: number, seed = 3715): GridFeature[] {
  const random = createRandom(seed);
  const [minLon, minLat, maxLon, maxLat] = BOUNDS;
  // Degrees of longitude are ~0.8 of latitude here: keep cells roughly square on the ground.
  const aspect = ((maxLon - minLon) * 0.8) / (maxLat - minLat);
  const cols = Math.ceil(Math.sqrt(n * aspect));
  const rows = Math.ceil(n / cols);
  const dx = (maxLon - minLon) / cols;
  const dy = (maxLat - minLat) / rows;
  const vertex: number[][] = [];
  for (let r = 0; r <= rows; r++)
    for (let c = 0; c <= cols; c++) {
      const edge = r === 0 || c === 0 || r === rows || c === cols;
      const jx = edge ? 0 : (random() * 2 - 1) * JITTER * dx;
      const jy = edge ? 0 : (random() * 2 - 1) * JITTER * dy;
      vertex.push([+(minLon + c * dx + jx).toFixed(6), +(minLat + r * dy + jy).toFixed(6)]);
    }
  const at = (r: number, c: number) => vertex[r * (cols + 1) + c]!;
  const cells: GridFeature[] = [];
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / cols);
    const c = i % cols;
    const village = `3715${String(Math.floor(i / 4)).padStart(8, '0')}`;
    const code = `${village}${String((i % 4) + 1).padStart(3, '0')}`;
    cells.push({
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [[at(r, c), at(r, c + 1), at(r + 1, c + 1), at(r + 1, c), at(r, c)]],
      },
      properties: { code, villageCode: village },
    });
  }
  return cells;
}
