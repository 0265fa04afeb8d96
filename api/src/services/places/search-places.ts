import { type PlaceHitKind, rankPlaces, stripPlaceSuffix } from '@wangge/shared/places/place-names';
import type { TPlaceHit, TPlaceSearchQuery } from '@wangge/shared/places/place-schemas';
import type { AppContext } from '../../context';
import { findHomeUnit, placeReadWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { placePath } from './place-path';

/** Candidates read per source before ranking: enough for any limit, bounded for short queries. */
const CANDIDATES = 200;

/** The unit's level as a hit kind (the unit table holds no GRID rows; cells are the Grid table). */
const UNIT_KIND: Record<string, PlaceHitKind> = {
  CITY: 'CITY',
  COUNTY: 'COUNTY',
  TOWNSHIP: 'TOWNSHIP',
  VILLAGE: 'VILLAGE',
};

type Found = Omit<TPlaceHit, 'match'>;
type Candidate = {
  kind: PlaceHitKind;
  name: string;
  names: string[];
  hit: () => Promise<Found | undefined>;
};

/**
 * Finds places by name for the 12345 desk and the report form: units of the tree, grid cells (by
 * name or code) and gazetteer places (by name or alias), ranked by `rankPlaces` (exact > prefix >
 * contains, also without 市/县/区/镇/街道/村; then the more specific). The gazetteer is read by
 * an index range on its keys for prefixes and a bounded scan for the rest. What may be read is
 * the place policy's (`placeReadWhere`): all of it is reference data.
 */
export async function searchPlaces(
  ctx: AppContext,
  user: AuthUser,
  query: TPlaceSearchQuery,
): Promise<TPlaceHit[]> {
  const bare = stripPlaceSuffix(query.q);
  const scope = placeReadWhere(await findHomeUnit(ctx, user));
  const isCode = /^\d{4,15}$/.test(bare);
  const [units, cells, prefixKeys, containKeys] = await Promise.all([
    ctx.db.read.unit.findMany({
      where: { AND: [scope.unit, { name: { contains: bare } }] },
      select: { code: true, name: true, level: true },
      take: CANDIDATES,
    }),
    ctx.db.read.grid.findMany({
      where: { AND: [scope.grid, isCode ? { code: { startsWith: bare } } : { name: { contains: bare } }] },
      select: { code: true, name: true, villageCode: true, centroidLon: true, centroidLat: true },
      take: CANDIDATES,
    }),
    ctx.db.read.placeNameKey.findMany({
      where: { AND: [{ place: scope.place }, { key: { gte: bare, lt: `${bare}\u{10FFFF}` } }] },
      select: { placeId: true },
      take: CANDIDATES,
    }),
    ctx.db.read.placeNameKey.findMany({
      where: { AND: [{ place: scope.place }, { key: { contains: bare } }] },
      select: { placeId: true },
      take: CANDIDATES,
    }),
  ]);
  const placeIds = [...new Set([...prefixKeys, ...containKeys].map((k) => k.placeId))];
  const places = placeIds.length
    ? await ctx.db.read.placeName.findMany({ where: { id: { in: placeIds } } })
    : [];
  const candidates: Candidate[] = [
    ...units.map((u) => ({
      kind: UNIT_KIND[u.level] ?? 'VILLAGE',
      name: u.name,
      names: [u.name],
      hit: () => unitHit(ctx, u.code, UNIT_KIND[u.level] ?? 'VILLAGE'),
    })),
    ...cells.map((g) => ({
      kind: 'CELL' as const,
      name: g.name,
      names: isCode ? [g.code] : [g.name],
      hit: async () => ({
        kind: 'CELL' as const,
        name: g.name,
        fullName: placePath(ctx, g.villageCode, [g.name]),
        point: [g.centroidLon, g.centroidLat] as [number, number],
        gridCode: g.code,
        unitCode: g.villageCode,
      }),
    })),
    ...places.map((p) => {
      const aliases = JSON.parse(p.aliases) as string[];
      return {
        kind: p.kind as PlaceHitKind,
        name: p.name,
        names: [p.name, ...aliases],
        hit: async () => ({
          kind: p.kind as PlaceHitKind,
          name: p.name,
          fullName: placePath(ctx, p.unitCode, [p.name]),
          point: [p.lon, p.lat] as [number, number],
          gridCode: p.gridCode,
          unitCode: p.unitCode,
        }),
      };
    }),
  ];
  const ranked = rankPlaces(query.q, candidates).slice(0, query.limit);
  const hits = await Promise.all(
    ranked.map(async (c) => {
      const found = await c.hit();
      return found && { ...found, match: c.match };
    }),
  );
  return hits.filter((h): h is TPlaceHit => h !== undefined);
}

/** A unit as a hit: its point is the centre of its first cell (a point surely inside it). */
async function unitHit(ctx: AppContext, code: string, kind: PlaceHitKind): Promise<Found | undefined> {
  const column =
    kind === 'VILLAGE'
      ? 'villageCode'
      : kind === 'TOWNSHIP'
        ? 'townshipCode'
        : kind === 'COUNTY'
          ? 'countyCode'
          : undefined;
  const cell = await ctx.db.read.grid.findFirst({
    where: column ? { [column]: code } : {},
    orderBy: { code: 'asc' },
    select: { code: true, villageCode: true, centroidLon: true, centroidLat: true },
  });
  if (!cell) return undefined;
  return {
    kind,
    name: ctx.reference.unitName(code) ?? code,
    fullName: placePath(ctx, code),
    point: [cell.centroidLon, cell.centroidLat],
    gridCode: cell.code,
    unitCode: code,
  };
}
