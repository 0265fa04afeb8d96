import { GridIndex } from '@wangge/shared/geo/index';
import type { Ring } from '@wangge/shared/geo/polygon';
import type { Db } from '../../db/open-database';

/**
 * Point → grid cell over an in-memory spatial index of every cell (Flatbush over bounding
 * boxes, then point-in-polygon on the few candidates). Rebuilt by `reload()` after an import.
 */
export async function createGridLocator(db: Db) {
  let index = new GridIndex([]);
  async function reload() {
    const grids = await db.grid.findMany({ select: { code: true, geometry: true } });
    index = new GridIndex(
      grids.map((g) => ({
        code: g.code,
        ring: (JSON.parse(g.geometry) as { coordinates: Ring[] }).coordinates[0] ?? [],
      })),
    );
  }
  await reload();
  return {
    reload,
    /** The code of the cell containing the point, or undefined outside every cell. */
    locate: (lon: number, lat: number): string | undefined => index.locate(lon, lat),
    get size() {
      return index.size;
    },
  };
}
export type GridLocator = Awaited<ReturnType<typeof createGridLocator>>;
