import { GridIndex } from '@wangge/shared/geo/grid-index';
import { type BBox, type Ring, ringsOverlap } from '@wangge/shared/geo/polygon';
import { type GridProblem, validateGridCollection } from '@wangge/shared/geo/validate-grid-collection';
import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import { toGridRow } from './grid-row';

/** Bounds every imported position must lie in: 聊城市 with a margin of ~5 km. */
export const CITY_BOUNDS: BBox = [115.2, 35.75, 116.6, 37.08];

/**
 * Imports real grid cells from a GeoJSON FeatureCollection (RFC 7946). Each village named in
 * the file has its cells replaced by the file's; cells of other villages stay. The import is
 * refused, listing every problem, when the file is invalid, names an unknown village, or a new
 * cell overlaps a cell that stays. All or nothing, in one transaction.
 */
export async function importGrids(ctx: AppContext, input: unknown) {
  const villages = await ctx.db.read.unit.findMany({ where: { level: 'VILLAGE' }, select: { code: true } });
  const result = validateGridCollection(input, {
    bounds: CITY_BOUNDS,
    villageCodes: new Set(villages.map((v) => v.code)),
  });
  if (!result.ok) throw importRefused(result.problems);
  const replaced = new Set(result.cells.map((c) => c.villageCode));

  // New cells must not overlap the cells of villages the file leaves alone.
  const staying = (
    await ctx.db.read.grid.findMany({ select: { code: true, villageCode: true, geometry: true } })
  )
    .filter((g) => !replaced.has(g.villageCode))
    .map((g) => ({
      code: g.code,
      ring: (JSON.parse(g.geometry) as { coordinates: Ring[] }).coordinates[0] ?? [],
    }));
  const index = new GridIndex(staying);
  const problems: GridProblem[] = [];
  result.cells.forEach((cell, i) => {
    for (const hit of index.searchBBox(cell.bbox)) {
      const other = index.getCell(hit);
      if (other && ringsOverlap(cell.ring, other.ring)) {
        problems.push({
          index: i,
          code: cell.code,
          path: `features[${i}]`,
          message: `overlaps existing cell ${other.code}`,
        });
      }
    }
  });
  if (problems.length > 0) throw importRefused(problems);

  const members = await ctx.db.read.gridMember.findMany({
    where: { grid: { villageCode: { in: [...replaced] } } },
    select: { gridCode: true },
  });
  const newCodes = new Set(result.cells.map((c) => c.code));
  const orphaned = [...new Set(members.map((m) => m.gridCode))].filter((code) => !newCodes.has(code));
  if (orphaned.length > 0) {
    throw importRefused(
      orphaned.map((code) => ({
        index: -1,
        code,
        path: '(file)',
        message: `cell ${code} has a grid team but is missing from the file`,
      })),
    );
  }

  const now = ctx.clock.now();
  await ctx.db.transaction(
    async (tx) => {
      await tx.grid.deleteMany({
        where: { villageCode: { in: [...replaced] }, code: { notIn: [...newCodes] } },
      });
      for (const c of result.cells) {
        const { code, ...data } = toGridRow(c, false, now);
        await tx.grid.upsert({ where: { code }, create: { code, ...data }, update: data });
      }
    },
    { timeout: 120_000 },
  );
  await Promise.all([ctx.grids.reload(), ctx.reference.reload()]);
  // Other API nodes reload theirs too (socket-server.ts relays this over Redis).
  ctx.events.referenceChanged();
  return { imported: result.cells.length, villages: replaced.size };
}

function importRefused(problems: readonly GridProblem[]) {
  return new AppError(
    'VALIDATION_FAILED',
    `The grid file was refused: ${problems.length} problem(s).`,
    problems.map((p) => ({ path: p.path, message: p.code ? `${p.code}: ${p.message}` : p.message })),
  );
}
