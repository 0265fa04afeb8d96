/**
 * SYNTHETIC grid-cell geometry for seeding, cut from 聊城市's REAL county outlines
 * (prisma/seed-data/liaocheng-counties.geojson, derived by prisma/scripts/derive-county-outlines.mjs).
 * No public source has township, village or grid polygons, so inside each county those are
 * generated: a jittered quad lattice cut along the county's outline, ordered along a Hilbert
 * curve and split into contiguous runs per township and village. Every point of the county
 * lies in exactly one of its cells; neighbouring counties' cells meet on the same border.
 * Replace them by importing real GeoJSON (docs/grids.md).
 */
import { intersectPolygons, unitePolygons } from '../../shared/src/geo/clip';
import {
  type BBox,
  type Position,
  pointInRing,
  type Ring,
  ringBBox,
  ringCentroid,
  signedRingArea,
} from '../../shared/src/geo/polygon';
import {
  type PolygonRings,
  type Polygons,
  pointInPolygons,
  polygonsArea,
  polygonsBBox,
} from '../../shared/src/geo/shape';
import { validateGridCollection } from '../../shared/src/geo/validate-grid-collection';
import { createRandom } from '../../shared/src/random';

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
  /** Average cells per village each county's lattice is sized for; default 4.5. */
  readonly cellsPerVillage?: number;
  /** Fewest cells a village gets when its township has enough; default 2. */
  readonly minCellsPerVillage?: number;
};

/** One generated grid cell. */
export type SyntheticGridCell = {
  /** 15 digits: village code + 3-digit serial. */
  readonly code: string;
  readonly name: string;
  readonly villageCode: string;
  /** Closed, counter-clockwise, simple ring in [lon, lat] (WGS-84). */
  readonly ring: Ring;
  /** A point inside the cell: its centroid, or when that falls outside, a point on the widest span through it. */
  readonly centroid: Position;
};

/** A county's real outline (prisma/seed-data/liaocheng-counties.geojson). */
export type CountyOutline = {
  readonly code: string;
  readonly name: string;
  /** The county seat (WGS-84). */
  readonly seat: Position;
  /** Polygons, each its shell then holes; shells counter-clockwise. */
  readonly polygons: Polygons;
};

/** Reads the county outlines file (a GeoJSON FeatureCollection with code, name, seat). */
export function readCountyOutlines(geojson: unknown): CountyOutline[] {
  const features = (geojson as { features?: unknown[] }).features;
  if (!Array.isArray(features)) throw new Error('county outlines: not a FeatureCollection');
  return features.map((f) => {
    const { properties, geometry } = f as {
      properties: { code: string; name: string; seat: Position };
      geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
    };
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    return { code: properties.code, name: properties.name, seat: properties.seat, polygons };
  });
}

const DEFAULT_SEED = 3715;
const DEFAULT_CELLS_PER_VILLAGE = 4.5;
const DEFAULT_MIN_CELLS = 2;
/** Max vertex offset as a fraction of the spacing; below 0.25 every quad stays convex. */
const JITTER = 0.22;
/** Quads per side of the blocks the outline is pre-cut to, so each quad is cut from a small piece. */
const BLOCK = 4;
const DECIMALS = 1e6; // ≈0.1 m
/** A cut piece smaller than this share of a quad joins a neighbouring piece (no slivers as cells). */
const MERGE_BELOW = 0.3;

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

/** Returns [village, run of pieces] pairs for one county's Hilbert-ordered pieces. */
function splitCountyQuads<T>(
  quads: readonly T[],
  townships: readonly DivisionEntry[],
  villagesByTownship: ReadonlyMap<string, DivisionEntry[]>,
  minCells: number,
  random: () => number,
): [DivisionEntry, T[]][] {
  const villageLists = townships.map(([code]) => villagesByTownship.get(code.slice(0, 9)) ?? []);
  const townshipRuns = apportion(
    quads.length,
    villageLists.map((v) => v.length),
  );
  const out: [DivisionEntry, T[]][] = [];
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

/** Planar frame for one county: x = lon·cos(lat₀), y = lat, so lattice quads are square on the ground. */
type Lattice = {
  readonly cos: number;
  readonly origin: Position;
  /** Spacing in degrees of longitude and latitude. */
  readonly dx: number;
  readonly dy: number;
  readonly nx: number;
  readonly ny: number;
  readonly vertices: Position[];
};

/** A piece of a county: a whole lattice quad, or the part of a quad inside the outline. */
type Piece = { readonly order: number; readonly quad: number; ring: Ring; area: number; merged?: true };

/** A jittered lattice of `spacing` (degrees of latitude) over the bbox, one quad beyond each side. */
function buildLattice(bbox: BBox, spacing: number, random: () => number): Lattice {
  const cos = Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  const dx = spacing / cos;
  const dy = spacing;
  const origin: Position = [bbox[0] - dx / 2, bbox[1] - dy / 2];
  const nx = Math.ceil((bbox[2] - origin[0]) / dx) + 1;
  const ny = Math.ceil((bbox[3] - origin[1]) / dy) + 1;
  const vertices: Position[] = [];
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const angle = 2 * Math.PI * random();
      const r = JITTER * spacing * Math.sqrt(random()); // uniform in the disk
      vertices.push([
        roundCoord(origin[0] + i * dx + (r * Math.cos(angle)) / cos),
        roundCoord(origin[1] + j * dy + r * Math.sin(angle)),
      ]);
    }
  }
  return { cos, origin, dx, dy, nx, ny, vertices };
}

function quadRing(lattice: Lattice, i: number, j: number): Ring {
  const v = (a: number, b: number): Position => {
    const p = lattice.vertices[b * (lattice.nx + 1) + a];
    if (!p) throw new Error(`synthetic grids: no vertex ${a},${b}`);
    return [p[0], p[1]];
  };
  return [v(i, j), v(i + 1, j), v(i + 1, j + 1), v(i, j + 1), v(i, j)];
}

/** Marks the quads an outline edge may cross (its bbox, widened by the jitter, in lattice units). */
function findBoundaryQuads(lattice: Lattice, polygons: readonly PolygonRings[]): Set<number> {
  const { origin, dx, dy, nx, ny } = lattice;
  const marked = new Set<number>();
  const clampI = (v: number) => Math.max(0, Math.min(nx - 1, v));
  const clampJ = (v: number) => Math.max(0, Math.min(ny - 1, v));
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [a, b] = [ring[k] as Position, ring[k + 1] as Position];
        const i0 = clampI(Math.floor((Math.min(a[0], b[0]) - origin[0]) / dx - JITTER));
        const i1 = clampI(Math.floor((Math.max(a[0], b[0]) - origin[0]) / dx + JITTER));
        const j0 = clampJ(Math.floor((Math.min(a[1], b[1]) - origin[1]) / dy - JITTER));
        const j1 = clampJ(Math.floor((Math.max(a[1], b[1]) - origin[1]) / dy + JITTER));
        for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) marked.add(j * nx + i);
      }
    }
  }
  return marked;
}

/**
 * Cuts a county into pieces: whole quads inside the outline, and the parts inside it of the
 * quads its outline crosses (cut from the outline pre-cut to the quad's block, so each cut is
 * small). Pieces are in Hilbert order, so consecutive pieces are neighbours.
 */
function cutCounty(outline: CountyOutline, spacing: number, random: () => number): Piece[] {
  const lattice = buildLattice(polygonsBBox(outline.polygons), spacing, random);
  const { nx, ny, dx, dy, origin } = lattice;
  const boundary = findBoundaryQuads(lattice, outline.polygons);
  let side = 1;
  while (side < Math.max(nx, ny)) side <<= 1;
  const blocks = new Map<number, PolygonRings[]>();
  const blockPiece = (bi: number, bj: number): PolygonRings[] => {
    const key = bj * nx + bi;
    let piece = blocks.get(key);
    if (!piece) {
      // The block's rectangle, half a quad wider than its quads on every side: no quad edge lies on it.
      const x0 = origin[0] + (bi * BLOCK - 0.5) * dx;
      const y0 = origin[1] + (bj * BLOCK - 0.5) * dy;
      const x1 = origin[0] + ((bi + 1) * BLOCK + 0.5) * dx;
      const y1 = origin[1] + ((bj + 1) * BLOCK + 0.5) * dy;
      const rect: Ring = [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ];
      piece = intersectPolygons([[rect]], outline.polygons);
      blocks.set(key, piece);
    }
    return piece;
  };
  const pieces: Piece[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const ring = quadRing(lattice, i, j);
      const order = toHilbertIndex(side, i, j) * 16;
      if (!boundary.has(j * nx + i)) {
        if (pointInPolygons(ringCentroid(ring), outline.polygons))
          pieces.push({ order, quad: j * nx + i, ring, area: Math.abs(signedRingArea(ring)) });
        continue;
      }
      const parts = intersectPolygons([[ring]], blockPiece(Math.floor(i / BLOCK), Math.floor(j / BLOCK)));
      parts.forEach((rings, n) => {
        if (rings.length > 1) throw new Error(`synthetic grids: a cut quad of ${outline.code} has a hole`);
        // Cut points stay at full precision: they lie on the outline, which the neighbouring
        // county shares vertex for vertex, so rounding them would open sub-metre slivers.
        const shell = removeSpikes(rings[0] ?? []);
        pieces.push({
          order: order + Math.min(n, 15),
          quad: j * nx + i,
          ring: shell,
          area: Math.abs(signedRingArea(shell)),
        });
      });
    }
  }
  mergeSmallPieces(pieces, lattice);
  return pieces.filter((p) => !p.merged).sort((a, b) => a.order - b.order);
}

/**
 * Drops zero-width spikes (a vertex whose neighbours coincide within 1e-12°) that a clipping
 * operation can leave where a cut runs along an edge; the ring stays closed.
 */
function removeSpikes(ring: Ring): Ring {
  const near = (p: Position, q: Position) => Math.abs(p[0] - q[0]) < 1e-12 && Math.abs(p[1] - q[1]) < 1e-12;
  const open = ring.slice(0, -1);
  let changed = true;
  while (changed && open.length > 3) {
    changed = false;
    for (let k = 0; k < open.length && open.length > 3; k++) {
      const prev = open[(k - 1 + open.length) % open.length] as Position;
      const next = open[(k + 1) % open.length] as Position;
      if (near(prev, next)) {
        // Remove the spike's tip and one of its two coinciding feet.
        open.splice(k, 1);
        open.splice(k % open.length, 1);
        changed = true;
      } else if (near(prev, open[k] as Position)) {
        open.splice(k, 1);
        changed = true;
      }
    }
  }
  const first = open[0] as Position;
  return [...open, [first[0], first[1]]];
}

/**
 * Joins each piece smaller than {@link MERGE_BELOW} of a quad to the largest piece of its own
 * or a neighbouring quad it shares an edge with (their union is one ring), smallest first.
 * A piece with no such neighbour stays a cell of its own.
 */
function mergeSmallPieces(pieces: Piece[], lattice: Lattice): void {
  const { nx } = lattice;
  const limit = MERGE_BELOW * lattice.dx * lattice.dy;
  const byQuad = new Map<number, Piece[]>();
  for (const p of pieces) {
    const list = byQuad.get(p.quad);
    if (list) list.push(p);
    else byQuad.set(p.quad, [p]);
  }
  const small = pieces.filter((p) => p.area < limit).sort((a, b) => a.area - b.area || a.order - b.order);
  for (const piece of small) {
    if (piece.merged) continue;
    const q = piece.quad;
    const around = [q, q - 1, q + 1, q - nx, q + nx].flatMap((k) => byQuad.get(k) ?? []);
    const candidates = around
      .filter((p) => p !== piece && !p.merged)
      .sort((a, b) => b.area - a.area || a.order - b.order);
    for (const host of candidates) {
      const union = unitePolygons([[host.ring]], [[piece.ring]]);
      const rings = union[0];
      if (union.length !== 1 || !rings || rings.length !== 1 || !rings[0]) continue;
      host.ring = removeSpikes(rings[0]);
      host.area = Math.abs(signedRingArea(host.ring));
      piece.merged = true;
      break;
    }
  }
}

/**
 * Returns a point inside the ring: its centroid when inside, else the middle of the widest
 * span of the horizontal line through the centroid (cut cells can be concave).
 */
export function interiorPoint(ring: Ring): Position {
  const c = ringCentroid(ring);
  const centroid: Position = [roundCoord(c[0]), roundCoord(c[1])];
  if (pointInRing(centroid, ring)) return centroid;
  const [, minY, , maxY] = ringBBox(ring);
  for (const y of [c[1], (minY + maxY) / 2, minY + (maxY - minY) / 3, minY + ((maxY - minY) * 2) / 3]) {
    const xs: number[] = [];
    for (let k = 0; k + 1 < ring.length; k++) {
      const [a, b] = [ring[k] as Position, ring[k + 1] as Position];
      if ((a[1] <= y && y < b[1]) || (b[1] <= y && y < a[1]))
        xs.push(a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
    }
    xs.sort((p, q) => p - q);
    let best: Position | undefined;
    let width = 0;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const w = (xs[k + 1] as number) - (xs[k] as number);
      if (w > width) {
        width = w;
        best = [roundCoord(((xs[k] as number) + (xs[k + 1] as number)) / 2), roundCoord(y)];
      }
    }
    if (best && pointInRing(best, ring)) return best;
  }
  return centroid;
}

/**
 * Generates synthetic grid cells for every village in `divisions` inside its county's real
 * outline (deterministic per seed). Each county gets its own jittered quad lattice, sized so
 * its villages average `cellsPerVillage` cells; quads the outline crosses are cut along it.
 * The county's pieces, in Hilbert order, are split into contiguous runs per township
 * (proportional to their village counts) and village: every piece belongs to a village, so
 * the cells cover the county without gaps. Output is sorted by cell code.
 */
export function generateSyntheticGrids(
  divisions: DivisionsData,
  outlines: readonly CountyOutline[],
  options: SyntheticGridOptions = {},
): SyntheticGridCell[] {
  const perVillage = options.cellsPerVillage ?? DEFAULT_CELLS_PER_VILLAGE;
  const min = options.minCellsPerVillage ?? DEFAULT_MIN_CELLS;
  if (!(perVillage >= 1 && perVillage <= 100) || !Number.isInteger(min) || min < 1 || min > perVillage) {
    throw new RangeError(`need 1 <= minCellsPerVillage <= cellsPerVillage <= 100, got ${min}, ${perVillage}`);
  }
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const townshipsByCounty = groupByPrefix(divisions.townships, 6);
  const villagesByCounty = groupByPrefix(divisions.villages, 6);
  const villagesByTownship = groupByPrefix(divisions.villages, 9);
  const cells: SyntheticGridCell[] = [];
  for (const [countyCode] of [...divisions.counties].sort((a, b) => a[0].localeCompare(b[0]))) {
    const outline = outlines.find((o) => o.code === countyCode);
    if (!outline) throw new Error(`synthetic grids: no outline for county ${countyCode}`);
    const villages = villagesByCounty.get(countyCode.slice(0, 6))?.length ?? 0;
    if (villages === 0) continue;
    const bbox = polygonsBBox(outline.polygons);
    const cos = Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
    const spacing = Math.sqrt((polygonsArea(outline.polygons) * cos) / (perVillage * villages));
    const pieces = cutCounty(outline, spacing, random);
    const townships = [...(townshipsByCounty.get(countyCode.slice(0, 6)) ?? [])].sort((a, b) =>
      a[0].localeCompare(b[0]),
    );
    for (const [[villageCode, villageName], run] of splitCountyQuads(
      pieces,
      townships,
      villagesByTownship,
      min,
      random,
    )) {
      if (run.length === 0) throw new Error(`synthetic grids: village ${villageCode} got no cell`);
      if (run.length > 999)
        throw new Error(`synthetic grids: village ${villageCode} got ${run.length} cells`);
      run.forEach((piece, n) => {
        cells.push({
          code: `${villageCode}${String(n + 1).padStart(3, '0')}`,
          name: `${villageName}第${n + 1}网格`,
          villageCode,
          ring: piece.ring,
          centroid: interiorPoint(piece.ring),
        });
      });
    }
  }
  cells.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return fitAsImported(cells, polygonsBBox(outlines.flatMap((o) => o.polygons)));
}

/**
 * Returns the cells as the grid importer would store them: where a lattice vertex falls
 * within the snapping tolerance (0.5 m) of a cut point or a neighbour's edge, the importer's
 * own fitting moves it, so exporting the seeded city and importing it back changes nothing.
 */
function fitAsImported(cells: SyntheticGridCell[], bounds: BBox): SyntheticGridCell[] {
  const result = validateGridCollection(
    {
      type: 'FeatureCollection',
      features: cells.map((c) => ({
        type: 'Feature',
        properties: { code: c.code, name: c.name },
        geometry: { type: 'Polygon', coordinates: [c.ring] },
      })),
    },
    { bounds },
  );
  if (!result.ok) throw new Error(`synthetic grids: ${result.problems[0]?.message ?? 'invalid cells'}`);
  const fitted = new Map(result.warnings.map((w) => [w.index, result.cells[w.index]?.polygons]));
  return cells.map((cell, index) => {
    const polygons = fitted.get(index);
    if (!polygons) return cell;
    const ring = polygons.length === 1 && polygons[0]?.length === 1 ? polygons[0][0] : undefined;
    if (!ring) throw new Error(`synthetic grids: fitting split cell ${cell.code}`);
    return { ...cell, ring, centroid: interiorPoint(ring) };
  });
}
