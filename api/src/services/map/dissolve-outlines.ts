import { unitePolygons } from '@wangge/shared/geo/clip';
import type { CellGeometry } from '@wangge/shared/geo/compact-grids';
import type { Polygons } from '@wangge/shared/geo/shape';
import polylabel from 'polylabel';
import type { AppContext } from '../../context';

/** The levels whose outlines are dissolved from the cells. */
export const OUTLINE_LEVELS = ['county', 'township', 'village'] as const;
export type OutlineLevel = (typeof OUTLINE_LEVELS)[number];

type Pair = [number, number];
type MultiPolygon = Pair[][][];

/** One unit's dissolved outline and where its name goes. */
export interface UnitOutline {
  code: string;
  name: string;
  /** Pole of inaccessibility of its largest part (polylabel): always inside, far from edges. */
  label: Pair;
  /** MultiPolygon coordinates, [lon, lat], 5 decimals (≈1 m, finer than any screen shows). */
  polygons: MultiPolygon;
}

export type Outlines = Record<OutlineLevel, UnitOutline[]>;

const round = (v: number) => Math.round(v * 1e5) / 1e5;

function ringArea(ring: Pair[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
  return Math.abs(a / 2);
}

function labelOf(polygons: MultiPolygon): Pair {
  let best = polygons[0]!;
  for (const p of polygons) if (ringArea(p[0]!) > ringArea(best[0]!)) best = p;
  const [x, y] = polylabel(best, 1e-4);
  return [round(x), round(y)];
}

const asPolygons = (g: CellGeometry): MultiPolygon =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as MultiPolygon;

/** Yields to the event loop between groups, so a dissolve never holds a node for long. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

async function dissolve(groups: Map<string, MultiPolygon[]>, names: Map<string, string>) {
  const out: UnitOutline[] = [];
  for (const [code, parts] of groups) {
    // The project's one clipping module: the union of the parts, shared edges removed, holes
    // and islands kept.
    const [first, ...rest] = parts as unknown as Polygons[];
    if (!first) continue;
    const merged = unitePolygons(first, ...rest) as unknown as MultiPolygon;
    await breathe();
    if (merged.length === 0) continue;
    const polygons = merged.map((p) => p.map((r) => r.map(([x, y]) => [round(x), round(y)] as Pair)));
    out.push({ code, name: names.get(code) ?? code, label: labelOf(polygons), polygons });
  }
  return out;
}

function groupBy<T>(items: Iterable<T>, keyOf: (t: T) => string, partsOf: (t: T) => MultiPolygon[]) {
  const groups = new Map<string, MultiPolygon[]>();
  for (const item of items) {
    const key = keyOf(item);
    const parts = groups.get(key) ?? [];
    parts.push(...partsOf(item));
    groups.set(key, parts);
  }
  return groups;
}

/**
 * Dissolves the cells into village outlines, those into townships, those into counties (each
 * level from the one below: fewer, larger pieces). ~2–3 s for the city's 11,343 cells, run once
 * per grid version by the cache in list-outlines.ts, yielding between units.
 */
export async function dissolveOutlines(ctx: AppContext): Promise<Outlines> {
  const [cells, units] = await Promise.all([
    ctx.db.read.grid.findMany({ select: { villageCode: true, geometry: true } }),
    ctx.db.read.unit.findMany({
      where: { level: { in: ['COUNTY', 'TOWNSHIP', 'VILLAGE'] } },
      select: { code: true, name: true, parentCode: true },
    }),
  ]);
  const names = new Map(units.map((u) => [u.code, u.name]));
  const parent = new Map(units.map((u) => [u.code, u.parentCode ?? '']));
  const village = await dissolve(
    groupBy(
      cells,
      (c) => c.villageCode,
      (c) => [asPolygons(JSON.parse(c.geometry) as CellGeometry)],
    ),
    names,
  );
  const up = (below: UnitOutline[]) =>
    dissolve(
      groupBy(
        below,
        (u) => parent.get(u.code) || u.code,
        (u) => [u.polygons],
      ),
      names,
    );
  const township = await up(village);
  const county = await up(township);
  return { county, township, village };
}
