/**
 * SYNTHETIC grid-cell geometry for seeding. No public source has village or grid polygons,
 * so cells are generated: plausible, non-overlapping quads that tile each county's area and
 * are grouped into villages. Replace them by importing real GeoJSON.
 */
import { type BBox, type Position, type Ring, ringCentroid } from '../../shared/src/geo/polygon';

/** A `[code, name]` pair with a 12-digit statistical division code. */
export type DivisionEntry = [code: string, name: string];

/** The parsed `prisma/seed-data/liaocheng-3715.json`. */
export type DivisionsData = {
  readonly source: string;
  readonly city: DivisionEntry;
  readonly counties: readonly DivisionEntry[];
  readonly townships: readonly DivisionEntry[];
  readonly villages: readonly DivisionEntry[];
  /** `[oldCode, oldName, newCode, effectiveDate]` code changes. */
  readonly aliases: readonly (readonly [string, string, string, string])[];
};

/** Options for {@link generateSyntheticGrids}. */
export type SyntheticGridOptions = {
  /** PRNG seed; the same seed always yields the same cells. Default 3715. */
  readonly seed?: number;
  /** Cells per village (inclusive); default 2–6. */
  readonly cellsPerVillage?: { readonly min: number; readonly max: number };
};

/** One generated grid cell. */
export type SyntheticGridCell = {
  /** 15 digits: village code + 3-digit serial. */
  readonly code: string;
  readonly name: string;
  readonly villageCode: string;
  /** Closed, counter-clockwise, simple ring in [lon, lat]. */
  readonly ring: Ring;
  readonly centroid: Position;
};

/** A county's seat (anchor of its synthetic region) and rough land area. */
export type CountyAnchor = {
  readonly code: string;
  readonly name: string;
  readonly anchor: Position;
  /** Approximate land area in km², only used to size synthetic regions relative to each other. */
  readonly areaKm2: number;
};

/** Approximate bounds of 聊城市: [minLon, minLat, maxLon, maxLat]. */
export const LIAOCHENG_BOUNDS: BBox = [115.25, 35.8, 116.55, 37.03];

/** Approximate county seats of 聊城市 and rough areas (km², rounded). */
export const COUNTY_ANCHORS: readonly CountyAnchor[] = [
  { code: '371502000000', name: '东昌府区', anchor: [115.98, 36.45], areaKm2: 1250 },
  { code: '371503000000', name: '茌平区', anchor: [116.25, 36.58], areaKm2: 1000 },
  { code: '371521000000', name: '阳谷县', anchor: [115.79, 36.11], areaKm2: 1060 },
  { code: '371522000000', name: '莘县', anchor: [115.67, 36.24], areaKm2: 1420 },
  { code: '371524000000', name: '东阿县', anchor: [116.25, 36.33], areaKm2: 800 },
  { code: '371525000000', name: '冠县', anchor: [115.44, 36.48], areaKm2: 1160 },
  { code: '371526000000', name: '高唐县', anchor: [116.23, 36.86], areaKm2: 950 },
  { code: '371581000000', name: '临清市', anchor: [115.7, 36.84], areaKm2: 960 },
];

const DEFAULT_SEED = 3715;
const DEFAULT_CELLS = { min: 2, max: 6 };
/** Quads per village the densest county must get, so villages there vary a little too. */
const QUADS_PER_VILLAGE = 3;
/** Max vertex offset as a fraction of the spacing; below 0.25 every quad stays convex. */
const JITTER = 0.22;
/** Resolution (degrees of latitude) of the sample lattice used to balance region sizes. */
const BALANCE_STEP = 0.015;
const BALANCE_ROUNDS = 60;
const DECIMALS = 1e6; // ≈0.1 m

/** Returns a mulberry32 PRNG yielding floats in [0, 1). */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns the distance along a Hilbert curve of side `n` (a power of two) of cell (x, y). */
function toHilbertIndex(n: number, x: number, y: number): number {
  let d = 0;
  let px = x;
  let py = y;
  for (let s = n >> 1; s > 0; s >>= 1) {
    const rx = (px & s) > 0 ? 1 : 0;
    const ry = (py & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        px = n - 1 - px;
        py = n - 1 - py;
      }
      [px, py] = [py, px];
    }
  }
  return d;
}

/** Splits `total` into integers proportional to `weights` (largest remainder, ties by index). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

/** Rounds a coordinate to {@link DECIMALS}. */
function roundCoord(v: number): number {
  return Math.round(v * DECIMALS) / DECIMALS;
}

/** Planar frame: x = lon·cos(lat₀), y = lat, so distances are isotropic. */
type Frame = { readonly cos: number; readonly bounds: BBox };

/** Returns the index of the region (power diagram: min d² − w) containing planar point (x, y). */
function findRegion(x: number, y: number, anchors: readonly Position[], weights: readonly number[]): number {
  let best = 0;
  let bestDist = Number.POSITIVE_INFINITY;
  for (let k = 0; k < anchors.length; k++) {
    const [ax, ay] = anchors[k] ?? [0, 0];
    const d = (x - ax) ** 2 + (y - ay) ** 2 - (weights[k] ?? 0);
    if (d < bestDist) {
      bestDist = d;
      best = k;
    }
  }
  return best;
}

/**
 * Returns power-diagram weights making each county's region share follow its area share, so
 * central 东昌府区, hemmed in by close neighbours, is not squeezed by a plain Voronoi split.
 */
function balanceWeights(frame: Frame, anchors: readonly Position[], areas: readonly number[]): number[] {
  const [minLon, minLat, maxLon, maxLat] = frame.bounds;
  const samples: Position[] = [];
  for (let lat = minLat + BALANCE_STEP / 2; lat < maxLat; lat += BALANCE_STEP) {
    for (let lon = minLon + BALANCE_STEP / 2; lon < maxLon; lon += BALANCE_STEP)
      samples.push([lon * frame.cos, lat]);
  }
  const totalArea = areas.reduce((a, b) => a + b, 0);
  const planarArea = (maxLon - minLon) * frame.cos * (maxLat - minLat);
  const weights = anchors.map(() => 0);
  for (let round = 0; round < BALANCE_ROUNDS; round++) {
    const counts = anchors.map(() => 0);
    for (const [x, y] of samples) {
      const k = findRegion(x, y, anchors, weights);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    counts.forEach((c, k) => {
      const error = (areas[k] ?? 0) / totalArea - c / samples.length;
      const gain = round < BALANCE_ROUNDS / 2 ? 0.2 : 0.05; // damped: large gains oscillate
      weights[k] = (weights[k] ?? 0) + gain * error * planarArea;
    });
  }
  return weights;
}

/** A jittered quad lattice over the bounds with each quad assigned to a county. */
type Lattice = {
  readonly nx: number;
  readonly ny: number;
  /** County index per quad, row-major (j * nx + i). */
  readonly county: Int32Array;
  readonly counts: number[];
};

/** Assigns the quads of an nx×ny lattice (by centre) to counties. */
function assignLattice(
  frame: Frame,
  nx: number,
  ny: number,
  anchors: readonly Position[],
  weights: readonly number[],
): Lattice {
  const [minLon, minLat, maxLon, maxLat] = frame.bounds;
  const dx = (maxLon - minLon) / nx;
  const dy = (maxLat - minLat) / ny;
  const county = new Int32Array(nx * ny);
  const counts = anchors.map(() => 0);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = findRegion((minLon + (i + 0.5) * dx) * frame.cos, minLat + (j + 0.5) * dy, anchors, weights);
      county[j * nx + i] = k;
      counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  return { nx, ny, county, counts };
}

/**
 * Shrinks the spacing until every county gets at least `perVillage` quads per village,
 * starting from the estimate for the county with the most villages per unit of area.
 */
function chooseLattice(
  frame: Frame,
  anchors: readonly Position[],
  weights: readonly number[],
  areaShares: readonly number[],
  villageCounts: readonly number[],
  perVillage: number,
): Lattice {
  const [minLon, minLat, maxLon, maxLat] = frame.bounds;
  const width = (maxLon - minLon) * frame.cos;
  const height = maxLat - minLat;
  const quadArea = Math.min(
    ...villageCounts.map((v, k) => ((areaShares[k] ?? 0) * width * height) / Math.max(1, perVillage * v)),
  );
  let spacing = Math.sqrt(quadArea);
  for (let attempt = 0; attempt < 60; attempt++) {
    const lattice = assignLattice(
      frame,
      Math.round(width / spacing),
      Math.round(height / spacing),
      anchors,
      weights,
    );
    if (lattice.counts.every((c, k) => c >= perVillage * (villageCounts[k] ?? 0))) return lattice;
    if (lattice.counts.some((c) => c === 0)) break; // a region vanished: shrinking will not help
    spacing *= 0.97;
  }
  throw new Error('synthetic grids: no lattice spacing gives every county enough quads');
}

/** Returns jittered lattice vertices, row-major over (nx + 1) × (ny + 1); the outer border stays straight. */
function jitterVertices(frame: Frame, nx: number, ny: number, random: () => number): Position[] {
  const [minLon, minLat, maxLon, maxLat] = frame.bounds;
  const dx = (maxLon - minLon) / nx;
  const dy = (maxLat - minLat) / ny;
  const radius = JITTER * Math.min(dx * frame.cos, dy); // planar units
  const vertices: Position[] = [];
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const angle = 2 * Math.PI * random();
      const r = radius * Math.sqrt(random()); // uniform in the disk
      const ox = i === 0 || i === nx ? 0 : (r * Math.cos(angle)) / frame.cos;
      const oy = j === 0 || j === ny ? 0 : r * Math.sin(angle);
      vertices.push([roundCoord(minLon + i * dx + ox), roundCoord(minLat + j * dy + oy)]);
    }
  }
  return vertices;
}

/** Groups items by the first `digits` characters of their code. */
function groupByPrefix(entries: readonly DivisionEntry[], digits: number): Map<string, DivisionEntry[]> {
  const groups = new Map<string, DivisionEntry[]>();
  for (const entry of entries) {
    const key = entry[0].slice(0, digits);
    const list = groups.get(key);
    if (list) list.push(entry);
    else groups.set(key, [entry]);
  }
  return groups;
}

/** Returns [village, run of quad ids] pairs for one county's Hilbert-ordered quads. */
function splitCountyQuads(
  quads: readonly number[],
  townships: readonly DivisionEntry[],
  villagesByTownship: ReadonlyMap<string, DivisionEntry[]>,
  minCells: number,
  random: () => number,
): [DivisionEntry, number[]][] {
  const villageLists = townships.map(([code]) => villagesByTownship.get(code.slice(0, 9)) ?? []);
  const townshipRuns = apportion(
    quads.length,
    villageLists.map((v) => v.length),
  );
  const out: [DivisionEntry, number[]][] = [];
  let offset = 0;
  villageLists.forEach((villages, t) => {
    const length = townshipRuns[t] ?? 0;
    const base = Math.min(minCells, Math.floor(length / Math.max(1, villages.length)));
    const extra = apportion(
      length - base * villages.length,
      villages.map(() => 0.2 + random()),
    );
    villages.forEach((village, v) => {
      const run = base + (extra[v] ?? 0);
      out.push([village, quads.slice(offset, offset + run)]);
      offset += run;
    });
  });
  return out;
}

/**
 * Generates synthetic grid cells for every village in `divisions` (deterministic per seed):
 * a jittered quad lattice over {@link LIAOCHENG_BOUNDS}, quads assigned to the nearest county
 * seat (area-balanced power diagram), ordered along a Hilbert curve inside each county and cut
 * into contiguous runs per township and village. Each village keeps between `min` and `max`
 * quads of its run (surplus quads become gaps). Output is sorted by cell code.
 */
export function generateSyntheticGrids(
  divisions: DivisionsData,
  options: SyntheticGridOptions = {},
): SyntheticGridCell[] {
  const { min, max } = options.cellsPerVillage ?? DEFAULT_CELLS;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min || max > 999) {
    throw new RangeError(`cellsPerVillage must be integers with 1 <= min <= max <= 999, got ${min}–${max}`);
  }
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const counties = [...divisions.counties].sort((a, b) => a[0].localeCompare(b[0]));
  const frame: Frame = {
    cos: Math.cos(((LIAOCHENG_BOUNDS[1] + LIAOCHENG_BOUNDS[3]) / 2) * (Math.PI / 180)),
    bounds: LIAOCHENG_BOUNDS,
  };
  const anchorInfo = counties.map(([code]) => {
    const found = COUNTY_ANCHORS.find((a) => a.code === code);
    if (!found) throw new Error(`synthetic grids: no anchor for county ${code}`);
    return found;
  });
  const anchors = anchorInfo.map((a): Position => [a.anchor[0] * frame.cos, a.anchor[1]]);
  const villagesByCounty = groupByPrefix(divisions.villages, 6);
  const villageCounts = counties.map(([code]) => villagesByCounty.get(code.slice(0, 6))?.length ?? 0);

  const areas = anchorInfo.map((a) => a.areaKm2);
  const totalArea = areas.reduce((a, b) => a + b, 0);
  const weights = balanceWeights(frame, anchors, areas);
  const shares = areas.map((a) => a / totalArea);
  const lattice = chooseLattice(
    frame,
    anchors,
    weights,
    shares,
    villageCounts,
    Math.max(QUADS_PER_VILLAGE, min),
  );
  const { nx, ny } = lattice;
  const vertices = jitterVertices(frame, nx, ny, random);
  const vertex = (i: number, j: number): Position => {
    const p = vertices[j * (nx + 1) + i];
    if (!p) throw new Error(`synthetic grids: no vertex ${i},${j}`);
    return [p[0], p[1]];
  };

  let side = 1;
  while (side < Math.max(nx, ny)) side <<= 1;
  const quadsByCounty = counties.map((): { id: number; d: number }[] => []);
  for (let id = 0; id < nx * ny; id++) {
    quadsByCounty[lattice.county[id] ?? 0]?.push({
      id,
      d: toHilbertIndex(side, id % nx, Math.floor(id / nx)),
    });
  }

  const townshipsByCounty = groupByPrefix(divisions.townships, 6);
  const villagesByTownship = groupByPrefix(divisions.villages, 9);
  const cells: SyntheticGridCell[] = [];
  counties.forEach(([countyCode], k) => {
    const quads = (quadsByCounty[k] ?? []).sort((a, b) => a.d - b.d).map((q) => q.id);
    const townships = [...(townshipsByCounty.get(countyCode.slice(0, 6)) ?? [])].sort((a, b) =>
      a[0].localeCompare(b[0]),
    );
    for (const [[villageCode, villageName], run] of splitCountyQuads(
      quads,
      townships,
      villagesByTownship,
      min,
      random,
    )) {
      run.slice(0, max).forEach((id, n) => {
        const i = id % nx;
        const j = Math.floor(id / nx);
        const ring: Ring = [
          vertex(i, j),
          vertex(i + 1, j),
          vertex(i + 1, j + 1),
          vertex(i, j + 1),
          vertex(i, j),
        ];
        const [cx, cy] = ringCentroid(ring);
        cells.push({
          code: `${villageCode}${String(n + 1).padStart(3, '0')}`,
          name: `${villageName}第${n + 1}网格`,
          villageCode,
          ring,
          centroid: [roundCoord(cx), roundCoord(cy)],
        });
      });
    }
  });
  return cells.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
