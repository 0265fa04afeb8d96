import { GridIndex, type IndexedCell } from '@wangge/shared/geo/index';

/** Cells read per page while rebuilding. */
const PAGE = 1000;

import { type CellGeometryJson, polygonsOf } from '@wangge/shared/geo/shape';
import type { Db } from '../../db/open-database';

/**
 * Point → grid cell over an in-memory spatial index of every cell (Flatbush over bounding
 * boxes, then point-in-polygon on the few candidates: holes and MultiPolygon parts count). Rebuilt by `reload()` after an import.
 */
export async function createGridLocator(db: Db) {
  let index = new GridIndex([]);
  /** Bumped by every reload: caches derived from the cells (grid-payloads.ts) start over. */
  let generation = 0;
  /**
   * Reads every cell a page at a time, yielding between pages, so rebuilding after a city-wide
   * import (tens of thousands of cells) never holds the event loop for long; the old index
   * answers until the new one is complete.
   */
  async function reload() {
    const cells: IndexedCell[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await db.grid.findMany({
        select: { code: true, geometry: true },
        orderBy: { code: 'asc' },
        take: PAGE,
        ...(after ? { where: { code: { gt: after } } } : {}),
      });
      for (const g of page)
        cells.push({ code: g.code, polygons: polygonsOf(JSON.parse(g.geometry) as CellGeometryJson) });
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.code;
      await new Promise((resolve) => setImmediate(resolve));
    }
    index = new GridIndex(cells);
    generation++;
  }
  await reload();
  return {
    reload,
    /** The code of the cell containing the point, or undefined outside every cell. */
    locate: (lon: number, lat: number): string | undefined => index.locate(lon, lat),
    get size() {
      return index.size;
    },
    get generation() {
      return generation;
    },
  };
}
export type GridLocator = Awaited<ReturnType<typeof createGridLocator>>;
