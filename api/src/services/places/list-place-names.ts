import type { GazetteerKind } from '@wangge/shared/places/place-names';
import { normalisePlaceName } from '@wangge/shared/places/place-names';
import type { TPlaceNameEntry, TPlaceNameListQuery } from '@wangge/shared/places/place-schemas';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../http/app-error';
import { findHomeUnit, placeReadWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { placePath } from './place-path';

/**
 * The gazetteer's entries for its admin screen (地名库): those the place policy lets the caller
 * read, whose name or an alias contains `q` (compared as the search compares: NFKC, no spaces,
 * through the `PlaceNameKey` keys), newest first or by name, a keyset page at a time. Each with
 * its cell's name and its full unit path.
 */
export async function listPlaceNames(ctx: AppContext, user: AuthUser, query: TPlaceNameListQuery) {
  const scope = placeReadWhere(await findHomeUnit(ctx, user));
  const and: Prisma.PlaceNameWhereInput[] = [scope.place];
  const text = query.q ? normalisePlaceName(query.q) : '';
  if (text) and.push({ keys: { some: { key: { contains: text } } } });
  const byName = query.sort === 'name';
  if (query.cursor) {
    const [key, id] = decodePlaceCursor(query.cursor, byName);
    and.push(
      byName
        ? { OR: [{ name: { gt: key } }, { name: key, id: { gt: id } }] }
        : { OR: [{ createdAt: { lt: new Date(key) } }, { createdAt: new Date(key), id: { lt: id } }] },
    );
  }
  const rows = await ctx.db.read.placeName.findMany({
    where: { AND: and },
    orderBy: byName ? [{ name: 'asc' }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const cells = await ctx.db.read.grid.findMany({
    where: { code: { in: [...new Set(page.map((p) => p.gridCode))] } },
    select: { code: true, name: true },
  });
  const cellName = new Map(cells.map((c) => [c.code, c.name]));
  const last = page.at(-1);
  const items: TPlaceNameEntry[] = page.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind as GazetteerKind,
    aliases: JSON.parse(p.aliases) as string[],
    lon: p.lon,
    lat: p.lat,
    gridCode: p.gridCode,
    gridName: cellName.get(p.gridCode) ?? '',
    unitCode: p.unitCode,
    fullName: placePath(ctx, p.unitCode, [p.name]),
    source: p.source,
    createdAt: p.createdAt.toISOString(),
  }));
  const nextCursor =
    rows.length > query.limit && last
      ? Buffer.from(JSON.stringify([byName ? last.name : last.createdAt.toISOString(), last.id])).toString(
          'base64url',
        )
      : null;
  return { items, nextCursor };
}

/** The (name or time, id) a cursor points after; 400 on a cursor this server did not write. */
function decodePlaceCursor(cursor: string, byName: boolean): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((v) => typeof v === 'string') &&
      (byName || !Number.isNaN(Date.parse(value[0] as string)))
    )
      return value as [string, string];
  } catch {
    // Falls through to the refusal below.
  }
  throw new AppError('VALIDATION_FAILED', 'The cursor is invalid.', [
    { path: 'query.cursor', message: 'must be a nextCursor from the previous page' },
  ]);
}
