import { GridIndex, type IndexedCell, polygonsOfCell } from './grid-index';
import type { BBox, Position, Ring } from './polygon';
import { describeType, isRecord, type Report, readCellGeometry } from './read-cell-geometry';
import { fitToNeighbours, formatArea, type Neighbour, SNAP_TOLERANCE_M, shareArea } from './reconcile-cells';
import { type Polygons, polygonsBBox, polygonsCentroid } from './shape';

/** Options for {@link validateGridCollection}. */
export type ValidateGridOptions = {
  /** Every position must lie inside `[minLon, minLat, maxLon, maxLat]` (inclusive). */
  readonly bounds: BBox;
  /** When given, the first 12 digits of each cell code must be one of these village codes. */
  readonly villageCodes?: ReadonlySet<string>;
  /**
   * Former village codes → current ones (茌平县's 371523… → 茌平区's 371503…): a cell code
   * under an old village is imported under the current one, with a warning naming both.
   */
  readonly villageAliases?: ReadonlyMap<string, string>;
  /** Problems listed before the list is cut with a final "…and N more" entry; default 200. */
  readonly maxProblems?: number;
  /** Features accepted in one collection; default {@link GRID_IMPORT_LIMITS}.maxFeatures. */
  readonly maxFeatures?: number;
  /** Positions (all rings together) accepted in one feature; default 10,000. */
  readonly maxPositionsPerFeature?: number;
  /**
   * Exact polygon tests allowed per cell on average (candidate pairs whose bounding boxes
   * intersect); past it the file is refused as too entangled to check. Default 64.
   */
  readonly maxPairTestsPerCell?: number;
  /** Snapping tolerance in metres (default {@link SNAP_TOLERANCE_M}). */
  readonly toleranceM?: number;
};

/** Default limits of one grid import (see {@link ValidateGridOptions}). */
export const GRID_IMPORT_LIMITS = {
  maxProblems: 200,
  maxFeatures: 100_000,
  maxPositionsPerFeature: 10_000,
  maxPairTestsPerCell: 64,
} as const;

/** A grid cell that passed validation, ready to store. */
export type ValidatedGridCell = {
  /** The feature's position in the file. */
  readonly index: number;
  /** 15-digit cell code: village code + 3-digit serial (the current code if the file used an old one). */
  readonly code: string;
  readonly name: string;
  /** The 12-digit statistical code of the owning village. */
  readonly villageCode: string;
  /** Polygons (a MultiPolygon's parts) with holes, RFC 7946 orientation, rings closed. */
  readonly polygons: Polygons;
  readonly centroid: Position;
  readonly bbox: BBox;
};

/**
 * One problem (or warning) found in the input. `index` is the feature's position in
 * `features`, or -1 for problems with the collection itself; `path` points into the input,
 * e.g. `features[3].geometry.coordinates[0][5]`.
 */
export type GridProblem = {
  readonly index: number;
  readonly code?: string;
  readonly path: string;
  readonly message: string;
};

/** Result of {@link validateGridCollection}: all cells and the warnings, or every problem found. */
export type GridValidationResult =
  | { readonly ok: true; readonly cells: ValidatedGridCell[]; readonly warnings: GridProblem[] }
  | { readonly ok: false; readonly problems: GridProblem[] };

/** Anything the overlap searches accept: an indexed cell's shape. */
type Shape = { readonly ring: Ring } | { readonly polygons: Polygons };

const CELL_CODE = /^\d{15}$/;

/** One overlapping pair found by {@link findOverlaps}: positions in the lists passed, earlier first. */
export type OverlapPair = { readonly a: number; readonly b: number };

/** Result of {@link findOverlaps}: the pairs found, and why the search stopped early if it did. */
export type OverlapSearch = {
  readonly pairs: OverlapPair[];
  /** `maxPairs` pairs were found: later pairs (in `b`, then `a` order) were not looked for. */
  readonly cut: boolean;
  /** The exact-test budget ran out before every candidate pair was tested. */
  readonly overBudget: boolean;
};

/**
 * Finds the cells whose interiors share area, through a spatial index: only pairs whose
 * bounding boxes intersect get the exact test (exteriors first, then the shared area), never all pairs.
 * Pairs come ordered by the later ring `b`, then by `a`, and the search stops after
 * `maxPairs` pairs or `maxTests` exact tests (a file of stacked or entangled cells would
 * otherwise cost n² tests).
 */
export function findOverlaps(
  cells: readonly Shape[],
  opts: { maxPairs?: number; maxTests?: number } = {},
): OverlapSearch {
  const maxPairs = opts.maxPairs ?? Number.POSITIVE_INFINITY;
  const maxTests = opts.maxTests ?? Number.POSITIVE_INFINITY;
  const index = new GridIndex(cells.map((c) => ({ code: '', polygons: polygonsOfCell(c as IndexedCell) })));
  const pairs: OverlapPair[] = [];
  let tests = 0;
  for (let b = 0; b < cells.length; b++) {
    const shapeB = index.getPolygons(b) ?? [];
    for (const a of index.searchBBox(index.getBBox(b) ?? polygonsBBox(shapeB))) {
      if (a >= b) break; // ascending: the rest come later (or are b itself)
      if (++tests > maxTests) return { pairs, cut: false, overBudget: true };
      if (!shareArea(index.getPolygons(a) ?? [], shapeB)) continue;
      pairs.push({ a, b });
      if (pairs.length >= maxPairs) return { pairs, cut: true, overBudget: false };
    }
  }
  return { pairs, cut: false, overBudget: false };
}

/**
 * Finds, for each of `cells` in order, the `others` its interior overlaps (another set, e.g.
 * the cells that stay in the database), through a spatial index over `others`. Pairs come
 * ordered by `a` (position in `cells`), then `b` (position in `others`); same limits as
 * {@link findOverlaps}.
 */
export function findOverlapsBetween(
  cells: readonly Shape[],
  others: readonly Shape[],
  opts: { maxPairs?: number; maxTests?: number } = {},
): OverlapSearch {
  const maxPairs = opts.maxPairs ?? Number.POSITIVE_INFINITY;
  const maxTests = opts.maxTests ?? Number.POSITIVE_INFINITY;
  const index = new GridIndex(others.map((c) => ({ code: '', polygons: polygonsOfCell(c as IndexedCell) })));
  const pairs: OverlapPair[] = [];
  let tests = 0;
  for (let a = 0; a < cells.length; a++) {
    const shapeA = polygonsOfCell(cells[a] as IndexedCell);
    for (const b of index.searchBBox(polygonsBBox(shapeA))) {
      if (++tests > maxTests) return { pairs, cut: false, overBudget: true };
      if (!shareArea(shapeA, index.getPolygons(b) ?? [])) continue;
      pairs.push({ a, b });
      if (pairs.length >= maxPairs) return { pairs, cut: true, overBudget: false };
    }
  }
  return { pairs, cut: false, overBudget: false };
}

/** The problem reported when the exact-test budget of an overlap search ran out. */
export function overBudgetProblem(cells: number, perCell: number): GridProblem {
  return {
    index: -1,
    path: '',
    message: `the cells' bounding boxes overlap too much to check: more than ${perCell} candidate pairs per cell on average over ${cells} cell(s); split the file or simplify the cells`,
  };
}

/**
 * Cuts a problem list sorted by index at `max` with a final "…and N more" entry. `uncounted`
 * marks that some problems were not looked for (an overlap search stopped early), so N is a
 * lower bound.
 */
export function capProblems(problems: readonly GridProblem[], max: number, uncounted = 0, more = false) {
  const rest = problems.length - Math.min(problems.length, max) + uncounted;
  if (rest === 0 && !more) return [...problems];
  const note = more ? ' (at least: the overlap search stops once the list is full)' : '';
  return [
    ...problems.slice(0, max),
    { index: -1, path: '', message: `…and ${rest} more problems${note}` } satisfies GridProblem,
  ];
}

/** A feature that read well, before it is fitted to the cells before it. */
type ReadCell = {
  index: number;
  /** '' when the code is unreadable. */
  code: string;
  name: string;
  villageCode: string;
  polygons: Polygons;
  /** False when the feature has other problems: still fitted, so its overlaps are listed too. */
  ok: boolean;
};

/** Degrees of padding per metre when looking for neighbours near a cell (generous: 1° ≥ 88 km here). */
const DEGREES_PER_METRE = 1 / 80_000;

/**
 * Validates a GeoJSON FeatureCollection (RFC 7946) of grid cells for import: codes (old codes
 * mapped through `villageAliases`), names, Polygon or MultiPolygon geometry (holes kept, rings
 * rewound to RFC 7946 orientation with a warning), closure, [lon, lat] order, bounds,
 * simplicity, duplicate codes, and overlaps between the file's cells: each cell is fitted to
 * the cells before it (fitToNeighbours: slivers narrower than the tolerance snapped or
 * trimmed, with a warning; wider overlaps listed with both codes and the area). Lists every
 * problem found, cut at `maxProblems` with a final "…and N more" entry; the overlap search
 * stops once the list is full, so a file of stacked cells costs no n² tests.
 * Limits: `maxFeatures`, `maxPositionsPerFeature`, `maxPairTestsPerCell`.
 */
export function validateGridCollection(input: unknown, opts: ValidateGridOptions): GridValidationResult {
  const max = opts.maxProblems ?? GRID_IMPORT_LIMITS.maxProblems;
  const maxFeatures = opts.maxFeatures ?? GRID_IMPORT_LIMITS.maxFeatures;
  const maxPositions = opts.maxPositionsPerFeature ?? GRID_IMPORT_LIMITS.maxPositionsPerFeature;
  const perCell = opts.maxPairTestsPerCell ?? GRID_IMPORT_LIMITS.maxPairTestsPerCell;
  const toleranceM = opts.toleranceM ?? SNAP_TOLERANCE_M;
  if (!isRecord(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    return {
      ok: false,
      problems: [
        { index: -1, path: '', message: 'input must be a GeoJSON FeatureCollection with a "features" array' },
      ],
    };
  }
  const features: unknown[] = input.features;
  if (features.length > maxFeatures) {
    return {
      ok: false,
      problems: [
        {
          index: -1,
          path: 'features',
          message: `the file has ${features.length} features; at most ${maxFeatures} per import`,
        },
      ],
    };
  }
  // Features are checked in order, so their problems come sorted by index: only the first
  // `max` are kept, the rest counted (a hostile file cannot grow the list without bound).
  const problems: GridProblem[] = [];
  const warnings: GridProblem[] = [];
  let unlisted = 0;
  const read: ReadCell[] = [];
  const firstByCode = new Map<string, number>();

  features.forEach((feature: unknown, index) => {
    const base = `features[${index}]`;
    let code: string | undefined;
    let featureOk = true;
    const report: Report = (message, path) => {
      featureOk = false;
      if (problems.length >= max) unlisted++;
      else problems.push(code === undefined ? { index, path, message } : { index, code, path, message });
    };
    if (!isRecord(feature) || feature.type !== 'Feature') {
      report('must be a GeoJSON Feature', base);
      return;
    }
    const props = isRecord(feature.properties) ? feature.properties : {};
    const rawCode = props.code;
    if (typeof rawCode === 'string' && CELL_CODE.test(rawCode)) {
      const current = opts.villageAliases?.get(rawCode.slice(0, 12));
      code = current ? `${current}${rawCode.slice(12)}` : rawCode;
      if (current)
        warnings.push({
          index,
          code,
          path: `${base}.properties.code`,
          message: `old code ${rawCode} (village ${rawCode.slice(0, 12)}) imported as ${code}, its current code`,
        });
      const villageCode = code.slice(0, 12);
      if (opts.villageCodes && !opts.villageCodes.has(villageCode)) {
        report(`code ${rawCode}: ${villageCode} is not a known village code`, `${base}.properties.code`);
      }
      const first = firstByCode.get(code);
      if (first === undefined) firstByCode.set(code, index);
      else report(`duplicate code ${code} (first used by features[${first}])`, `${base}.properties.code`);
    } else {
      report(`code must be a string of 15 digits, got ${describeType(rawCode)}`, `${base}.properties.code`);
    }
    const name = typeof props.name === 'string' ? props.name.trim() : '';
    if (name === '') report('name is missing or empty', `${base}.properties.name`);

    const geometry = readCellGeometry(
      feature.geometry,
      `${base}.geometry`,
      opts.bounds,
      maxPositions,
      report,
    );
    if (geometry?.rewound && code !== undefined)
      warnings.push({
        index,
        code,
        path: `${base}.geometry`,
        message:
          'rings wound the other way round were rewound (RFC 7946 §3.1.6: exterior counter-clockwise, holes clockwise)',
      });
    if (!geometry) return;
    const ok = featureOk && code !== undefined;
    read.push({
      index,
      code: code ?? '',
      name,
      villageCode: (code ?? '').slice(0, 12),
      polygons: geometry.polygons,
      ok,
    });
  });

  const fitted = fitInOrder(read, { max, budget: perCell * read.length, toleranceM }, warnings);
  if (fitted.overBudget) return { ok: false, problems: [overBudgetProblem(read.length, perCell)] };
  if (problems.length === 0 && fitted.problems.length === 0) {
    return {
      ok: true,
      cells: read
        .filter((c) => c.ok)
        .map((c) => ({
          index: c.index,
          code: c.code,
          name: c.name,
          villageCode: c.villageCode,
          polygons: c.polygons,
          centroid: polygonsCentroid(c.polygons),
          bbox: polygonsBBox(c.polygons),
        })),
      warnings: warnings.sort((a, b) => a.index - b.index),
    };
  }
  // Both lists are sorted by index; a stable sort keeps a feature's own problems first.
  const all = [...problems, ...fitted.problems].sort((a, b) => a.index - b.index);
  return { ok: false, problems: capProblems(all, max, unlisted, fitted.cut) };
}

/**
 * Fits each cell to the file's cells before it (in place), through a spatial index. Overlaps
 * come ordered by the later cell; once `max` are found, every later one would sort past the
 * listed part, so the search stops there.
 */
function fitInOrder(
  cells: ReadCell[],
  opts: { max: number; budget: number; toleranceM: number },
  warnings: GridProblem[],
): { problems: GridProblem[]; cut: boolean; overBudget: boolean } {
  const index = new GridIndex(cells.map((c) => ({ code: c.code, polygons: c.polygons })));
  const pad = 2 * opts.toleranceM * DEGREES_PER_METRE;
  const problems: GridProblem[] = [];
  let tests = 0;
  for (let b = 0; b < cells.length; b++) {
    const cell = cells[b] as ReadCell;
    const [x0, y0, x1, y1] = index.getBBox(b) ?? polygonsBBox(cell.polygons);
    const earlier = index.searchBBox([x0 - pad, y0 - pad, x1 + pad, y1 + pad]).filter((a) => a < b);
    tests += earlier.length;
    if (tests > opts.budget) return { problems, cut: false, overBudget: true };
    if (earlier.length === 0) continue;
    const neighbours: Neighbour[] = earlier.map((a) => cells[a] as ReadCell);
    const fit = fitToNeighbours(cell.polygons, neighbours, opts.toleranceM);
    const path = `features[${cell.index}].geometry`;
    for (const o of fit.overlaps) {
      const other = neighbours[o.at] as ReadCell;
      problems.push({
        index: cell.index,
        ...(cell.code ? { code: cell.code } : {}),
        path,
        message: `cell overlaps ${o.code || 'another cell'} (features[${other.index}]) by ${formatArea(o.areaM2)}`,
      });
      if (problems.length >= opts.max) return { problems, cut: true, overBudget: false };
    }
    if (fit.overlaps.length > 0) continue;
    noteFit(fit, cell, path, opts.toleranceM, warnings, problems);
  }
  return { problems, cut: false, overBudget: false };
}

/** Takes a fitted cell's new shape, with a warning for what changed (a problem if nothing is left). */
export function noteFit(
  fit: ReturnType<typeof fitToNeighbours>,
  cell: { index: number; code: string; polygons: Polygons },
  path: string,
  toleranceM: number,
  warnings: GridProblem[],
  problems: GridProblem[],
) {
  if (fit.moved > 0)
    warnings.push({
      index: cell.index,
      code: cell.code,
      path,
      message: `${fit.moved} vertex/vertices snapped onto neighbouring cells (gaps and overlaps under ${toleranceM} m)`,
    });
  for (const t of fit.trimmed)
    warnings.push({
      index: cell.index,
      code: cell.code,
      path,
      message: `a sliver of ${formatArea(t.areaM2)} narrower than ${toleranceM} m where it overlapped ${t.code} was trimmed off`,
    });
  if (fit.polygons.length === 0)
    problems.push({
      index: cell.index,
      code: cell.code,
      path,
      message: 'nothing is left of the cell after trimming',
    });
  else cell.polygons = fit.polygons;
}
