import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { AppContext } from '../../context';
import type { SqlRunner } from '../../db/sql-runner';
import type { ImportPlan, PreparedGridRow } from './grid-import-protocol';

/** Codes per `IN (…)` list in the import's reads: one bound parameter each, under SQLite's historic 999. */
export const CODES_PER_LIST = 500;

/**
 * Statements between two yields to the event loop. Each writes one row through a prepared
 * statement (15 bound parameters, whatever the file's size): on SQLite, whose driver is
 * synchronous, 200 of them hold the loop a few ms (Prisma's 50-row createMany held it 60–100 ms,
 * some 300–450 ms, on the 2-core test machine); on PostgreSQL each is a round trip the loop
 * does not wait on.
 */
const STATEMENTS_PER_YIELD = 200;

/** Splits a list into consecutive parts of at most `size`. */
export const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const COLUMNS = [
  'code',
  'name',
  'villageCode',
  'townshipCode',
  'countyCode',
  'geometry',
  'centroidLon',
  'centroidLat',
  'minLon',
  'minLat',
  'maxLon',
  'maxLat',
  'isSynthetic',
  'updatedAt',
] as const;
const quoted = (c: string) => `"${c}"`;
const INSERT = `INSERT INTO "Grid" (${COLUMNS.map(quoted).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;
const UPDATE_ALL = `UPDATE "Grid" SET ${COLUMNS.slice(1)
  .map((c) => `${quoted(c)} = ?`)
  .join(', ')} WHERE "code" = ?`;
const SHAPE = [
  'geometry',
  'centroidLon',
  'centroidLat',
  'minLon',
  'minLat',
  'maxLon',
  'maxLat',
  'updatedAt',
] as const;
const UPDATE_SHAPE = `UPDATE "Grid" SET ${SHAPE.map((c) => `${quoted(c)} = ?`).join(', ')} WHERE "code" = ?`;
const DELETE = 'DELETE FROM "Grid" WHERE "code" = ?';

/**
 * Writes an import's plan in ONE transaction (all or nothing) on either database, one row per
 * prepared statement, yielding to the event loop every STATEMENTS_PER_YIELD statements, so
 * no statement comes near a bound-parameter limit and the node keeps answering during a
 * city-size import. Cells with a grid team (`teamCells`, referenced by GridMember) are
 * updated in place; other replaced cells are deleted and inserted anew; removed cells are
 * deleted (the caller has made sure none is referenced); trimmed synthetic cells get their
 * new geometry columns. Unchanged cells are not touched.
 */
export async function writeGridImport(ctx: AppContext, plan: ImportPlan, teamCells: ReadonlySet<string>) {
  const updatedAt = ctx.clock.now();
  const row = (r: PreparedGridRow) => COLUMNS.map((c) => (c === 'updatedAt' ? updatedAt : r[c]));
  const deleted = [
    ...plan.removed,
    ...plan.syntheticRemoved,
    ...plan.replaced.filter((code) => !teamCells.has(code)),
  ];
  const statements: [string, unknown[]][] = [
    ...deleted.map((code): [string, unknown[]] => [DELETE, [code]]),
    ...plan.rows.map((r): [string, unknown[]] =>
      teamCells.has(r.code) ? [UPDATE_ALL, [...row(r).slice(1), r.code]] : [INSERT, row(r)],
    ),
    ...plan.syntheticTrimmed.map((r): [string, unknown[]] => [
      UPDATE_SHAPE,
      [...SHAPE.map((c) => (c === 'updatedAt' ? updatedAt : r[c])), r.code],
    ]),
  ];
  await ctx.db.rawTransaction(async (sql: SqlRunner) => {
    for (const part of chunks(statements, STATEMENTS_PER_YIELD)) {
      for (const [text, values] of part) await sql.query(text, values);
      await yieldToEventLoop();
    }
  });
}
