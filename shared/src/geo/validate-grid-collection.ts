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
};

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
const DEFAULT_MAX_PROBLEMS = 200;

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

/** Formats a position for messages. */
function formatPosition(p: readonly unknown[] | Position): string {
  return `[${p.slice(0, 2).join(', ')}]`;
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
function checkGeometry(geometry: unknown, path: string, bounds: BBox, report: Report): Ring | undefined {
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

/**
 * Validates a GeoJSON FeatureCollection (RFC 7946) of grid cells for import: codes, names,
 * Polygon geometry, ring closure, [lon, lat] order, bounds, orientation, simplicity,
 * duplicate codes and overlaps between cells (candidate pairs from a spatial index).
 * Lists every problem found, cut at `maxProblems` with a final "…and N more" entry.
 */
export function validateGridCollection(input: unknown, opts: ValidateGridOptions): GridValidationResult {
  const problems: GridProblem[] = [];
  if (!isRecord(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    return {
      ok: false,
      problems: [
        { index: -1, path: '', message: 'input must be a GeoJSON FeatureCollection with a "features" array' },
      ],
    };
  }
  const features: unknown[] = input.features;
  const cells: (ValidatedGridCell | undefined)[] = [];
  const rings: { index: number; code: string; ring: Ring }[] = [];
  const firstByCode = new Map<string, number>();

  features.forEach((feature: unknown, index) => {
    const base = `features[${index}]`;
    let code: string | undefined;
    let featureOk = true;
    const report: Report = (message, path) => {
      featureOk = false;
      problems.push(code === undefined ? { index, path, message } : { index, code, path, message });
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

    const ring = checkGeometry(feature.geometry, `${base}.geometry`, opts.bounds, report);
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

  const index = new GridIndex(rings);
  rings.forEach((cell, i) => {
    for (const j of index.searchBBox(index.getBBox(i) ?? ringBBox(cell.ring))) {
      const other = rings[j];
      if (j <= i || other === undefined || !ringsOverlap(cell.ring, other.ring)) continue;
      problems.push({
        index: other.index,
        ...(other.code ? { code: other.code } : {}),
        path: `features[${other.index}].geometry`,
        message: `cell overlaps ${cell.code || 'another cell'} (features[${cell.index}])`,
      });
    }
  });

  if (problems.length === 0) return { ok: true, cells: cells.filter((c) => c !== undefined) };
  problems.sort((a, b) => a.index - b.index);
  const max = opts.maxProblems ?? DEFAULT_MAX_PROBLEMS;
  if (problems.length <= max) return { ok: false, problems };
  const rest = problems.length - max;
  return {
    ok: false,
    problems: [...problems.slice(0, max), { index: -1, path: '', message: `…and ${rest} more problems` }],
  };
}
