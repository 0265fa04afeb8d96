import { GridIndex } from './grid-index';
import {
  type BBox,
  isRingClosed,
  isSimpleRing,
  listRingVertices,
  type Position,
  type Ring,
  ringBBox,
  ringCentroid,
  ringsOverlap,
  signedRingArea,
} from './polygon';

/** Options for {@link validateGridCollection}. */
export type ValidateGridOptions = {
  /** Every position must lie inside `[minLon, minLat, maxLon, maxLat]` (inclusive). */
  readonly bounds: BBox;
  /** When given, the first 12 digits of each cell code must be one of these village codes. */
  readonly villageCodes?: ReadonlySet<string>;
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
  /** 15-digit cell code: village code + 3-digit serial. */
  readonly code: string;
  readonly name: string;
  /** The 12-digit statistical code of the owning village. */
  readonly villageCode: string;
  /** Closed counter-clockwise exterior ring in [lon, lat] (altitudes dropped, holes ignored). */
  readonly ring: Ring;
  readonly centroid: Position;
  readonly bbox: BBox;
};

/**
 * One problem found in the input. `index` is the feature's position in `features`, or -1 for
 * problems with the collection itself; `path` points into the input, e.g.
 * `features[3].geometry.coordinates[0][5]`.
 */
export type GridProblem = {
  readonly index: number;
  readonly code?: string;
  readonly path: string;
  readonly message: string;
};

/** Result of {@link validateGridCollection}: all cells, or every problem found. */
export type GridValidationResult =
  | { readonly ok: true; readonly cells: ValidatedGridCell[] }
  | { readonly ok: false; readonly problems: GridProblem[] };

const CELL_CODE = /^\d{15}$/;

/** Returns true for plain (non-array) objects. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the value as a [lon, lat] position when it is an array of ≥2 finite numbers. */
function readPosition(value: unknown): Position | undefined {
  if (!Array.isArray(value) || value.length < 2) return undefined;
  const [x, y] = value as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
    return undefined;
  return [x, y];
}

/** Returns true when the position lies inside the bounds (inclusive). */
function isInBounds([x, y]: Position, b: BBox): boolean {
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
}

/**
 * Formats a position for messages. Only numbers are printed: `join` on nested arrays would
 * recurse through them (a hostile 200,000-level array overflows the stack).
 */
function formatPosition(p: readonly unknown[] | Position): string {
  return `[${p
    .slice(0, 2)
    .map((v) => (typeof v === 'number' ? String(v) : describeType(v)))
    .join(', ')}]`;
}

/** Returns a short description of a JSON value's type for messages. */
function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value;
}

/** Collects problems for one feature. */
type Report = (message: string, path: string) => void;

/**
 * Validates one ring's structure, closure and bounds; returns its positions when they are all
 * readable (even if other problems were reported) and whether it looks lat-first.
 */
function checkRing(
  raw: unknown,
  path: string,
  bounds: BBox,
  report: Report,
): { ring: Ring; swapped: boolean } | undefined {
  if (!Array.isArray(raw)) {
    report(`ring must be an array of positions, got ${describeType(raw)}`, path);
    return undefined;
  }
  const ring: Ring = [];
  let bad = 0;
  let firstBad = -1;
  raw.forEach((value: unknown, k) => {
    const p = readPosition(value);
    if (p) ring.push(p);
    else if (bad++ === 0) firstBad = k;
  });
  if (bad > 0) {
    const sample = raw[firstBad];
    report(
      `${bad} position(s) are not [lon, lat] pairs of finite numbers, e.g. ${Array.isArray(sample) ? formatPosition(sample) : describeType(sample)}`,
      `${path}[${firstBad}]`,
    );
    return undefined;
  }
  if (ring.length < 4) report(`ring has ${ring.length} position(s); a closed ring needs at least 4`, path);
  else if (!isRingClosed(ring)) {
    const last = ring[ring.length - 1] ?? [];
    report(
      `ring is not closed: first position ${formatPosition(ring[0] ?? [])} differs from last ${formatPosition(last)}`,
      path,
    );
  }
  const outside = ring.map((p, k) => (isInBounds(p, bounds) ? -1 : k)).filter((k) => k >= 0);
  const firstOutside = outside[0];
  if (firstOutside === undefined) return { ring, swapped: false };
  const sample = ring[firstOutside] ?? [0, 0];
  if (ring.every(([x, y]) => isInBounds([y, x], bounds))) {
    report(
      `coordinates look like [lat, lon] (e.g. ${formatPosition(sample)}); RFC 7946 requires [lon, lat]`,
      `${path}[${firstOutside}]`,
    );
    return { ring, swapped: true };
  }
  report(
    `${outside.length} position(s) outside bounds ${formatPosition(bounds)}–${formatPosition(bounds.slice(2))}, e.g. ${formatPosition(sample)}`,
    `${path}[${firstOutside}]`,
  );
  return { ring, swapped: false };
}

/** Validates a feature's exterior ring shape; returns it closed and ready when valid. */
function checkGeometry(
  geometry: unknown,
  path: string,
  bounds: BBox,
  maxPositions: number,
  report: Report,
): Ring | undefined {
  if (!isRecord(geometry)) {
    report('geometry is missing', path);
    return undefined;
  }
  if (geometry.type !== 'Polygon') {
    report(`geometry type must be "Polygon", got ${describeType(geometry.type)}`, `${path}.type`);
    return undefined;
  }
  const rings = geometry.coordinates;
  if (!Array.isArray(rings) || rings.length === 0) {
    report('Polygon coordinates must be a non-empty array of rings', `${path}.coordinates`);
    return undefined;
  }
  // Counted before any ring is read: the overlap and simplicity tests grow with the product
  // of two cells' vertex counts. Each ring counts at least one (a million empty rings too).
  let positions = 0;
  for (const raw of rings) positions += Array.isArray(raw) ? Math.max(1, raw.length) : 1;
  if (positions > maxPositions) {
    report(`Polygon has ${positions} positions; at most ${maxPositions} per cell`, `${path}.coordinates`);
    return undefined;
  }
  let exterior: Ring | undefined;
  let valid = true;
  rings.forEach((raw: unknown, k) => {
    const ringPath = `${path}.coordinates[${k}]`;
    let ringOk = true;
    const checked = checkRing(raw, ringPath, bounds, (message, p) => {
      ringOk = false;
      report(message, p);
    });
    if (!checked || !ringOk) valid = false;
    if (k !== 0 || !checked || checked.swapped) return; // holes: structure, closure, bounds only
    const vertices = listRingVertices(checked.ring);
    const area = signedRingArea(vertices);
    if (vertices.length < 3 || area === 0) {
      report('exterior ring has zero area', ringPath);
      valid = false;
      return;
    }
    if (!isSimpleRing(vertices)) {
      report('exterior ring self-intersects (not a simple ring)', ringPath);
      valid = false;
    }
    if (area < 0) {
      report(
        'exterior ring is clockwise; RFC 7946 §3.1.6 requires counter-clockwise exterior rings',
        ringPath,
      );
      valid = false;
    }
    exterior = [...vertices, vertices[0] ?? [0, 0]];
  });
  return valid ? exterior : undefined;
}

/** A ring to test for overlaps: `index` is its feature's position, `code` its cell code ('' if unknown). */
export type OverlapCandidate = { readonly index: number; readonly code: string; readonly ring: Ring };

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
 * Finds the rings of `cells` whose interiors overlap, through a spatial index: only pairs
 * whose bounding boxes intersect get the exact {@link ringsOverlap} test, never all pairs.
 * Pairs come ordered by the later ring `b`, then by `a`, and the search stops after
 * `maxPairs` pairs or `maxTests` exact tests (a file of stacked or entangled cells would
 * otherwise cost n² tests).
 */
export function findOverlaps(
  cells: readonly { readonly ring: Ring }[],
  opts: { maxPairs?: number; maxTests?: number } = {},
): OverlapSearch {
  const maxPairs = opts.maxPairs ?? Number.POSITIVE_INFINITY;
  const maxTests = opts.maxTests ?? Number.POSITIVE_INFINITY;
  const index = new GridIndex(cells.map((c) => ({ code: '', ring: c.ring })));
  const pairs: OverlapPair[] = [];
  let tests = 0;
  for (let b = 0; b < cells.length; b++) {
    const ringB = cells[b]?.ring ?? [];
    for (const a of index.searchBBox(index.getBBox(b) ?? ringBBox(ringB))) {
      if (a >= b) break; // ascending: the rest come later (or are b itself)
      if (++tests > maxTests) return { pairs, cut: false, overBudget: true };
      if (!ringsOverlap(cells[a]?.ring ?? [], ringB)) continue;
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
  cells: readonly { readonly ring: Ring }[],
  others: readonly { readonly ring: Ring }[],
  opts: { maxPairs?: number; maxTests?: number } = {},
): OverlapSearch {
  const maxPairs = opts.maxPairs ?? Number.POSITIVE_INFINITY;
  const maxTests = opts.maxTests ?? Number.POSITIVE_INFINITY;
  const index = new GridIndex(others.map((c) => ({ code: '', ring: c.ring })));
  const pairs: OverlapPair[] = [];
  let tests = 0;
  for (let a = 0; a < cells.length; a++) {
    const ringA = cells[a]?.ring ?? [];
    for (const b of index.searchBBox(ringBBox(ringA))) {
      if (++tests > maxTests) return { pairs, cut: false, overBudget: true };
      if (!ringsOverlap(ringA, others[b]?.ring ?? [])) continue;
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

/**
 * Validates a GeoJSON FeatureCollection (RFC 7946) of grid cells for import: codes, names,
 * Polygon geometry, ring closure, [lon, lat] order, bounds, orientation, simplicity,
 * duplicate codes and overlaps between cells (candidate pairs from a spatial index).
 * Lists every problem found, cut at `maxProblems` with a final "…and N more" entry; the
 * overlap search stops once the list is full, so a file of stacked cells costs no n² tests.
 * Limits: `maxFeatures`, `maxPositionsPerFeature`, `maxPairTestsPerCell`.
 */
export function validateGridCollection(input: unknown, opts: ValidateGridOptions): GridValidationResult {
  const max = opts.maxProblems ?? GRID_IMPORT_LIMITS.maxProblems;
  const maxFeatures = opts.maxFeatures ?? GRID_IMPORT_LIMITS.maxFeatures;
  const maxPositions = opts.maxPositionsPerFeature ?? GRID_IMPORT_LIMITS.maxPositionsPerFeature;
  const perCell = opts.maxPairTestsPerCell ?? GRID_IMPORT_LIMITS.maxPairTestsPerCell;
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
  let unlisted = 0;
  const cells: (ValidatedGridCell | undefined)[] = [];
  const rings: OverlapCandidate[] = [];
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
      cells.push(undefined);
      return;
    }
    const props = isRecord(feature.properties) ? feature.properties : {};
    const rawCode = props.code;
    if (typeof rawCode === 'string' && CELL_CODE.test(rawCode)) {
      code = rawCode;
      const villageCode = rawCode.slice(0, 12);
      if (opts.villageCodes && !opts.villageCodes.has(villageCode)) {
        report(`code ${rawCode}: ${villageCode} is not a known village code`, `${base}.properties.code`);
      }
      const first = firstByCode.get(rawCode);
      if (first === undefined) firstByCode.set(rawCode, index);
      else report(`duplicate code ${rawCode} (first used by features[${first}])`, `${base}.properties.code`);
    } else {
      report(`code must be a string of 15 digits, got ${describeType(rawCode)}`, `${base}.properties.code`);
    }
    const name = typeof props.name === 'string' ? props.name.trim() : '';
    if (name === '') report('name is missing or empty', `${base}.properties.name`);

    const ring = checkGeometry(feature.geometry, `${base}.geometry`, opts.bounds, maxPositions, report);
    if (ring) rings.push({ index, code: code ?? '', ring });
    if (!featureOk || !ring || code === undefined) {
      cells.push(undefined);
      return;
    }
    cells.push({
      code,
      name,
      villageCode: code.slice(0, 12),
      ring,
      centroid: ringCentroid(ring),
      bbox: ringBBox(ring),
    });
  });

  // Overlaps come ordered by the later feature; once `max` are found, every later one would
  // sort past the listed part, so the search stops there.
  const search = findOverlaps(rings, { maxPairs: max, maxTests: perCell * rings.length });
  if (search.overBudget) return { ok: false, problems: [overBudgetProblem(rings.length, perCell)] };
  const overlaps: GridProblem[] = search.pairs.map(({ a, b }) => {
    const cell = rings[a] as OverlapCandidate;
    const other = rings[b] as OverlapCandidate;
    return {
      index: other.index,
      ...(other.code ? { code: other.code } : {}),
      path: `features[${other.index}].geometry`,
      message: `cell overlaps ${cell.code || 'another cell'} (features[${cell.index}])`,
    };
  });

  if (problems.length === 0 && overlaps.length === 0) {
    return { ok: true, cells: cells.filter((c) => c !== undefined) };
  }
  // Both lists are sorted by index; a stable sort keeps a feature's own problems first.
  const all = [...problems, ...overlaps].sort((a, b) => a.index - b.index);
  return { ok: false, problems: capProblems(all, max, unlisted, search.cut) };
}
