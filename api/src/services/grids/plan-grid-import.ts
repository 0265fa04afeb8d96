import { detectWrongDatum, type PlacePair } from '@wangge/shared/geo/chinese-offsets';
import { dropSlivers, subtractPolygons } from '@wangge/shared/geo/clip';
import { GridIndex } from '@wangge/shared/geo/grid-index';
import type { Position } from '@wangge/shared/geo/polygon';
import {
  fitToNeighbours,
  formatArea,
  type Neighbour,
  SNAP_TOLERANCE_M,
  sharedArea,
} from '@wangge/shared/geo/reconcile-cells';
import {
  type CellGeometryJson,
  normalisePolygons,
  type Polygons,
  polygonsArea,
  polygonsBBox,
  polygonsCentroid,
  polygonsOf,
  roundPolygons,
} from '@wangge/shared/geo/shape';
import {
  capProblems,
  type GridProblem,
  noteFit,
  overBudgetProblem,
  type ValidatedGridCell,
} from '@wangge/shared/geo/validate-grid-collection';
import type { ImportContextMessage, ImportPlan, PreparedGridRow } from './grid-import-protocol';
import { toGridRow } from './grid-row';

/**
 * A synthetic cell trimmed by real ones is removed when what is left is less than this share
 * of its former area: a remnant that small is an artefact of two unrelated outlines, not a
 * place a grid worker walks. Parts narrower than SYNTHETIC_MIN_WIDTH_M are dropped first.
 */
export const SYNTHETIC_MIN_SHARE = 0.02;
/** Parts of a trimmed synthetic cell narrower than this (metres) are dropped as slivers. */
export const SYNTHETIC_MIN_WIDTH_M = 5;

const EPOCH = new Date(0);
const parse = (geometry: string) => polygonsOf(JSON.parse(geometry) as CellGeometryJson);
const rowOf = (
  cell: { code: string; name: string; villageCode: string; polygons: Polygons },
  isSynthetic: boolean,
): PreparedGridRow => {
  const { updatedAt: _, ...row } = toGridRow(
    { ...cell, centroid: polygonsCentroid(cell.polygons) },
    isSynthetic,
    EPOCH,
  );
  return row;
};
/**
 * Geometry compared in the stored form (normalisePolygons: orientation, repeated positions)
 * at 7 decimals (1 cm): a file's text round trip never tells it apart.
 */
const sameShape = (a: Polygons, b: Polygons) =>
  JSON.stringify(roundPolygons(normalisePolygons(a), 7)) ===
  JSON.stringify(roundPolygons(normalisePolygons(b), 7));

/**
 * Phase 2 of an import, in the worker: fits the file's validated cells to the real cells that
 * stay (snap and trim slivers; wider overlaps refuse the file, naming both cells and the
 * area), cuts synthetic neighbours back (removing those reduced to a sliver), sorts the
 * file's cells into added / replaced / unchanged, and warns when the file sits where GCJ-02
 * or BD-09 would put the stored cells. Returns the plan, or the problems.
 */
export function planGridImport(
  cells: ValidatedGridCell[],
  warnings: GridProblem[],
  context: Omit<ImportContextMessage, 'kind'>,
  limits: { maxProblems: number; maxPairTestsPerCell: number },
): { ok: true; plan: ImportPlan } | { ok: false; problems: GridProblem[] } {
  const real = context.staying
    .filter((s) => !s.isSynthetic)
    .map((s) => ({ code: s.code, polygons: parse(s.geometry) }));
  const synthetic = context.staying.filter((s) => s.isSynthetic);
  const fitted = cells.map((c) => ({ ...c, polygons: c.polygons }));
  const problems: GridProblem[] = [];
  const budget = limits.maxPairTestsPerCell * Math.max(1, cells.length);
  let tests = 0;

  // 1. The file's cells against the real cells that stay.
  const realIndex = new GridIndex(real);
  const pad = 1e-4; // ≈ 10 m: more than the tolerance, so every neighbour to snap to is found
  for (const cell of fitted) {
    const i = cell.index;
    const [x0, y0, x1, y1] = polygonsBBox(cell.polygons);
    const near = realIndex.searchBBox([x0 - pad, y0 - pad, x1 + pad, y1 + pad]);
    tests += near.length;
    if (tests > budget)
      return { ok: false, problems: [overBudgetProblem(cells.length, limits.maxPairTestsPerCell)] };
    if (near.length === 0) continue;
    const neighbours: Neighbour[] = near.map((k) => real[k] as Neighbour);
    const fit = fitToNeighbours(cell.polygons, neighbours);
    const path = `features[${i}].geometry`;
    for (const o of fit.overlaps)
      problems.push({
        index: i,
        code: cell.code,
        path,
        message: `overlaps existing cell ${o.code} by ${formatArea(o.areaM2)}`,
      });
    if (fit.overlaps.length === 0)
      noteFit(
        fit,
        { index: i, code: cell.code, polygons: cell.polygons },
        path,
        SNAP_TOLERANCE_M,
        warnings,
        problems,
      );
    if (fit.overlaps.length === 0 && fit.polygons.length > 0) cell.polygons = fit.polygons;
    if (problems.length > limits.maxProblems) break;
  }
  // Checked before the overlaps are reported: a shifted file overlaps its real neighbours,
  // and the datum is then the problem to name first.
  const datum = wrongDatumWarning(cells, context.previous);
  if (problems.length > 0)
    return { ok: false, problems: capProblems([...(datum ? [datum] : []), ...problems], limits.maxProblems) };

  // 2. Synthetic neighbours make room.
  const fileIndex = new GridIndex(fitted.map((c) => ({ code: c.code, polygons: c.polygons })));
  const syntheticTrimmed: PreparedGridRow[] = [];
  const syntheticRemoved: string[] = [];
  for (const s of synthetic) {
    const polygons = parse(s.geometry);
    const over = fileIndex
      .searchBBox(polygonsBBox(polygons))
      .map((k) => fitted[k]?.polygons ?? [])
      .filter((p) => sharedArea(polygons, p));
    if (over.length === 0) continue;
    const left = dropSlivers(subtractPolygons(polygons, over), SYNTHETIC_MIN_WIDTH_M);
    if (left.length === 0 || polygonsArea(left) < SYNTHETIC_MIN_SHARE * polygonsArea(polygons)) {
      syntheticRemoved.push(s.code);
      continue;
    }
    // Only the geometry columns of a trimmed cell are written (not its name).
    syntheticTrimmed.push(
      rowOf({ code: s.code, name: '', villageCode: s.code.slice(0, 12), polygons: left }, true),
    );
  }

  // 3. Added, replaced, unchanged, removed.
  const previous = new Map(context.previous.map((p) => [p.code, p]));
  const plan: ImportPlan = {
    rows: [],
    added: [],
    replaced: [],
    unchanged: [],
    removed: [],
    syntheticTrimmed,
    syntheticRemoved,
    warnings,
  };
  const inFile = new Set<string>();
  for (const cell of fitted) {
    inFile.add(cell.code);
    const before = previous.get(cell.code);
    if (before && before.name === cell.name && sameShape(parse(before.geometry), cell.polygons)) {
      plan.unchanged.push(cell.code);
      continue;
    }
    (before ? plan.replaced : plan.added).push(cell.code);
    plan.rows.push(rowOf(cell, false));
  }
  for (const p of context.previous) if (!inFile.has(p.code)) plan.removed.push(p.code);

  if (datum) warnings.unshift(datum);
  return { ok: true, plan };
}

/** Per village: where the stored cells and the file put it (area-weighted centroids). */
function villagePlaces(
  file: readonly { villageCode: string; polygons: Polygons }[],
  stored: readonly { code: string; geometry: string }[],
): PlacePair[] {
  const sums = new Map<string, { f: [number, number, number]; s: [number, number, number] }>();
  const add = (village: string, which: 'f' | 's', polygons: Polygons) => {
    const area = polygonsArea(polygons);
    const [x, y] = polygonsCentroid(polygons);
    const entry = sums.get(village) ?? { f: [0, 0, 0], s: [0, 0, 0] };
    sums.set(village, entry);
    entry[which][0] += x * area;
    entry[which][1] += y * area;
    entry[which][2] += area;
  };
  for (const c of file) add(c.villageCode, 'f', c.polygons);
  for (const c of stored) add(c.code.slice(0, 12), 's', parse(c.geometry));
  const pairs: PlacePair[] = [];
  for (const { f, s } of sums.values()) {
    if (f[2] === 0 || s[2] === 0) continue;
    const stored: Position = [s[0] / s[2], s[1] / s[2]];
    const file: Position = [f[0] / f[2], f[1] / f[2]];
    pairs.push({ stored, file });
  }
  return pairs;
}

/** The warning for a file drawn in GCJ-02 or BD-09, or null. */
function wrongDatumWarning(
  file: readonly { villageCode: string; polygons: Polygons }[],
  stored: readonly { code: string; geometry: string }[],
): GridProblem | null {
  const found = detectWrongDatum(villagePlaces(file, stored));
  if (!found) return null;
  const source = found.datum === 'GCJ-02' ? 'AMap/Gaode, Tencent' : 'Baidu';
  return {
    index: -1,
    path: '(file)',
    message: `the file looks drawn in ${found.datum} (${source} maps), not WGS-84: ${found.matched} of ${found.compared} villages sit where ${found.datum} would put their stored cells (≈ ${found.datum === 'GCJ-02' ? '500 m' : '1.3 km'} off). Export the file in WGS-84 / CGCS2000 (天地图) and import it again.`,
  };
}
