import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { AppContext } from '../../context';
import type { ImportPlan } from './grid-import-protocol';

/**
 * Rows per INSERT: 50 rows × 15 columns = 750 bound parameters, under SQLite's historic
 * limit of 999 (newer builds allow 32,766; PostgreSQL 65,535), and small enough that Prisma
 * builds each statement in a few ms of the event loop.
 */
export const ROWS_PER_INSERT = 50;
/** Codes per `IN (…)` list: one bound parameter each, so also under 999. */
export const CODES_PER_LIST = 500;

/** Splits a list into consecutive parts of at most `size`. */
export const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Writes an import's plan in ONE transaction (all or nothing), as many small statements with
 * a yield to the event loop between them: with SQLite's synchronous driver, awaiting queries
 * alone never lets other requests in, and no statement may exceed the bound-parameter limit
 * whatever the file's size. Cells with a grid team (`teamCells`, referenced by GridMember)
 * are updated in place; other replaced cells are deleted and inserted anew; removed cells
 * are deleted (the caller has made sure none is referenced); trimmed synthetic cells get
 * their new geometry columns. Unchanged cells are not touched.
 */
export async function writeGridImport(ctx: AppContext, plan: ImportPlan, teamCells: ReadonlySet<string>) {
  const updatedAt = ctx.clock.now();
  const recreated = plan.rows.filter((r) => !teamCells.has(r.code));
  const updated = plan.rows.filter((r) => teamCells.has(r.code));
  const deleted = [
    ...plan.removed,
    ...plan.syntheticRemoved,
    ...plan.replaced.filter((code) => !teamCells.has(code)),
  ];
  await ctx.db.transaction(
    async (tx) => {
      for (const part of chunks(deleted, CODES_PER_LIST)) {
        await tx.grid.deleteMany({ where: { code: { in: part } } });
        await yieldToEventLoop();
      }
      for (const part of chunks(updated, 20)) {
        for (const { code, ...data } of part)
          await tx.grid.update({ where: { code }, data: { ...data, updatedAt } });
        await yieldToEventLoop();
      }
      for (const part of chunks(recreated, ROWS_PER_INSERT)) {
        await tx.grid.createMany({ data: part.map((r) => ({ ...r, updatedAt })) });
        await yieldToEventLoop();
      }
      for (const part of chunks(plan.syntheticTrimmed, 20)) {
        for (const r of part)
          await tx.grid.update({
            where: { code: r.code },
            data: {
              geometry: r.geometry,
              centroidLon: r.centroidLon,
              centroidLat: r.centroidLat,
              minLon: r.minLon,
              minLat: r.minLat,
              maxLon: r.maxLon,
              maxLat: r.maxLat,
              updatedAt,
            },
          });
        await yieldToEventLoop();
      }
    },
    { timeout: 600_000 },
  );
}
