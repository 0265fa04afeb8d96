import { dropSlivers, intersectPolygons, subtractPolygons, widestPartM } from './clip';
import { type Ring, ringsOverlap } from './polygon';
import { type Polygons, polygonsAreaM2 } from './shape';
import { snapToNeighbours } from './snap';

/**
 * Snapping tolerance of an import, in metres: gaps and overlaps between neighbouring cells
 * narrower than this are digitising noise and are resolved (vertices snapped onto the
 * neighbour, a remaining sliver trimmed off the imported cell); wider overlaps are refused.
 * 0.5 m: five times the 6-decimal precision (≈0.1 m) files and exports carry, about the
 * positional accuracy of 1:2,000 cadastral boundaries, and far below anything a boundary
 * can follow on the ground (a lane is ≥ 3 m), so no real area changes hands. docs/grids.md.
 */
export const SNAP_TOLERANCE_M = 0.5;

/** A neighbouring cell an imported cell is fitted against. */
export type Neighbour = { readonly code: string; readonly polygons: Polygons };

/** One overlap met: the neighbour (its position in the list and code) and the shared area in m². */
export type OverlapMet = { readonly at: number; readonly code: string; readonly areaM2: number };

/** True when some part's exterior of `a` overlaps some part's exterior of `b` (the fast test). */
export function exteriorsOverlap(a: Polygons, b: Polygons): boolean {
  for (const [outerA] of a)
    for (const [outerB] of b) if (outerA && outerB && ringsOverlap(outerA, outerB)) return true;
  return false;
}

/**
 * The area `a` and `b` share, or null when they only touch (or one lies in the other's hole).
 * The fast exterior test rules out the usual case, neighbours sharing edges, without clipping.
 */
export function sharedArea(a: Polygons, b: Polygons): Polygons | null {
  if (!exteriorsOverlap(a, b)) return null;
  const shared = intersectPolygons(a, b);
  return shared.length > 0 && polygonsAreaM2(shared) > 0 ? shared : null;
}

/**
 * True when two cells share area. For two plain polygons (one part, no hole) the exterior
 * test is exact; only holes and parts need the clip (a part may sit in the other's hole).
 */
export function shareArea(a: Polygons, b: Polygons): boolean {
  const plain = (p: Polygons) => p.length === 1 && p[0]?.length === 1;
  if (plain(a) && plain(b)) return exteriorsOverlap(a, b);
  return sharedArea(a, b) !== null;
}

/**
 * Fits an imported cell to neighbours that stay as they are (real cells, or cells earlier in
 * the same file): vertices snap onto them within `toleranceM`, then each overlap left is
 * either a sliver (every part narrower than the tolerance: trimmed off this cell) or a real
 * overlap (listed with its area; the caller refuses the file). Slivers of the trimmed cell
 * itself (crumbs narrower than the tolerance) are dropped; the cell may come back empty.
 */
export function fitToNeighbours(
  polygons: Polygons,
  neighbours: readonly Neighbour[],
  toleranceM = SNAP_TOLERANCE_M,
): { polygons: Polygons; moved: number; trimmed: OverlapMet[]; overlaps: OverlapMet[] } {
  const rings: Ring[] = neighbours.flatMap((n) => n.polygons.flat());
  const snapped = snapToNeighbours(polygons, rings, toleranceM);
  const trimmed: OverlapMet[] = [];
  const overlaps: OverlapMet[] = [];
  const slivers: Polygons[] = [];
  for (const [at, n] of neighbours.entries()) {
    const shared = sharedArea(snapped.polygons, n.polygons);
    if (!shared) continue;
    const areaM2 = polygonsAreaM2(shared);
    if (widestPartM(shared) < toleranceM) {
      trimmed.push({ at, code: n.code, areaM2 });
      slivers.push(n.polygons);
    } else overlaps.push({ at, code: n.code, areaM2 });
  }
  const out =
    slivers.length > 0
      ? dropSlivers(subtractPolygons(snapped.polygons, slivers), toleranceM)
      : snapped.polygons;
  return { polygons: out, moved: snapped.moved, trimmed, overlaps };
}

/** Square metres for messages: whole m² above 10, else two decimals. */
export const formatArea = (m2: number) => (m2 >= 10 ? `${Math.round(m2)} m²` : `${m2.toFixed(2)} m²`);
