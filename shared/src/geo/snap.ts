import { isSimpleRing, listRingVertices, type Position, type Ring, signedRingArea } from './polygon';
import { METRES_PER_DEGREE_LAT, metresPerDegreeLon, type Polygons } from './shape';

/**
 * Moves below this (metres) are not made: a vertex already on its neighbour's edge up to
 * floating-point noise stays as the file has it, so an unchanged file stays unchanged.
 */
const NOISE_M = 0.001;

/**
 * Snaps the cell's vertices onto its neighbours' boundaries: a vertex within `toleranceM` of
 * a neighbour's vertex moves onto that vertex, else one within `toleranceM` of a neighbour's
 * edge moves onto the nearest point of that edge. That closes the sub-tolerance gaps and
 * overlaps digitising leaves between neighbours (slivers). A snap that would make a ring
 * self-intersect, flip or collapse is not made (the ring stays as given, and a remaining
 * sliver overlap is trimmed instead). Returns the polygons and the number of vertices moved.
 */
export function snapToNeighbours(
  polygons: Polygons,
  neighbours: readonly Ring[],
  toleranceM: number,
): { polygons: Polygons; moved: number } {
  if (neighbours.length === 0) return { polygons, moved: 0 };
  const lat = polygons[0]?.[0]?.[0]?.[1] ?? 36;
  const kx = metresPerDegreeLon(lat);
  const ky = METRES_PER_DEGREE_LAT;
  const dist = (a: Position, b: Position) => Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * ky);
  const tolLon = toleranceM / kx;
  const tolLat = toleranceM / ky;

  const snapVertex = (v: Position): Position | null => {
    let best: Position | null = null;
    let bestD = toleranceM;
    for (const ring of neighbours)
      for (const p of ring) {
        if (Math.abs(p[0] - v[0]) > tolLon || Math.abs(p[1] - v[1]) > tolLat) continue;
        const d = dist(p, v);
        if (d <= bestD) {
          bestD = d;
          best = p;
        }
      }
    if (best) return bestD > NOISE_M ? [best[0], best[1]] : null;
    for (const ring of neighbours)
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i] as Position;
        const b = ring[i + 1] as Position;
        if (
          v[0] < Math.min(a[0], b[0]) - tolLon ||
          v[0] > Math.max(a[0], b[0]) + tolLon ||
          v[1] < Math.min(a[1], b[1]) - tolLat ||
          v[1] > Math.max(a[1], b[1]) + tolLat
        )
          continue;
        const ax = a[0] * kx;
        const ay = a[1] * ky;
        const dx = b[0] * kx - ax;
        const dy = b[1] * ky - ay;
        const len2 = dx * dx + dy * dy;
        if (len2 === 0) continue;
        const t = Math.max(0, Math.min(1, ((v[0] * kx - ax) * dx + (v[1] * ky - ay) * dy) / len2));
        const q: Position = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
        const d = dist(q, v);
        if (d <= bestD) {
          bestD = d;
          best = q;
        }
      }
    return best && bestD > NOISE_M ? best : null;
  };

  let moved = 0;
  const out = polygons.map((polygon) =>
    polygon.map((ring) => {
      const open = ring.slice(0, -1);
      let changed = 0;
      const snapped = open.map((v) => {
        const s = snapVertex(v);
        if (!s) return v;
        changed++;
        return s;
      });
      if (changed === 0) return ring;
      const distinct = listRingVertices(snapped);
      const closed = [...distinct, distinct[0] as Position];
      const keepsShape =
        isSimpleRing(closed) && Math.sign(signedRingArea(closed)) === Math.sign(signedRingArea(ring));
      if (!keepsShape) return ring;
      moved += changed;
      return closed;
    }),
  );
  return { polygons: out, moved };
}
