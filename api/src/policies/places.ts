import { chainOf, significantPrefix } from '@wangge/shared/domain/unit-codes';
import type { Prisma } from '../generated/prisma/client';

/** What a place search may read: units, cells and gazetteer places. */
export interface PlaceReadScope {
  unit: Prisma.UnitWhereInput;
  grid: Prisma.GridWhereInput;
  place: Prisma.PlaceNameWhereInput;
}

/**
 * Which places a caller may find by name (docs/security.md, "Place search"), the same reach as
 * the units and cells they may read: the subtree of their home unit — the whole city for admins,
 * the hotline and city-level staff — plus, of the units, the chain above it (names only, as
 * `/units/:code`). A gazetteer place is found where its cell is. Without a home unit: nothing.
 */
export function placeReadWhere(home: string | null): PlaceReadScope {
  if (home === null) return { unit: { code: '' }, grid: { code: '' }, place: { id: '' } };
  const prefix = significantPrefix(home);
  return {
    unit: { OR: [{ code: { startsWith: prefix } }, { code: { in: chainOf(home) } }] },
    grid: { code: { startsWith: prefix } },
    place: { gridCode: { startsWith: prefix } },
  };
}
