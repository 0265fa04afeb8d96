import { isWithin, levelOfCode } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { notFound } from '../../http/app-error';
import { findHomeUnit, isUnitVisible } from '../../policies';
import type { AuthUser } from '../auth/auth-user';

function gridsUnder(code: string): Prisma.GridWhereInput {
  switch (levelOfCode(code)) {
    case 'CITY':
      return {};
    case 'COUNTY':
      return { countyCode: code };
    case 'TOWNSHIP':
      return { townshipCode: code };
    case 'VILLAGE':
      return { villageCode: code };
    case 'GRID':
      return { code };
  }
}

/**
 * Grid cells as a GeoJSON FeatureCollection (RFC 7946): those under `unit` that the caller
 * may see (asking for the county from a township gives the township's cells).
 */
export async function listGrids(ctx: AppContext, user: AuthUser, unit: string | undefined) {
  const home = await findHomeUnit(ctx, user);
  if (!home) throw notFound('No grid cells in your jurisdiction.');
  const requested = unit ?? home;
  if (!isUnitVisible(home, requested)) throw notFound('No such unit.');
  const scope = isWithin(requested, home) ? requested : home;
  const grids = await ctx.db.read.grid.findMany({ where: gridsUnder(scope), orderBy: { code: 'asc' } });
  return {
    type: 'FeatureCollection' as const,
    features: grids.map((g) => ({
      type: 'Feature' as const,
      id: g.code,
      bbox: [g.minLon, g.minLat, g.maxLon, g.maxLat],
      geometry: JSON.parse(g.geometry) as unknown,
      properties: {
        code: g.code,
        name: g.name,
        villageCode: g.villageCode,
        townshipCode: g.townshipCode,
        countyCode: g.countyCode,
        centroid: [g.centroidLon, g.centroidLat],
        isSynthetic: g.isSynthetic,
      },
    })),
  };
}
