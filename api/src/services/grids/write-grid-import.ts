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

/** Rows per Prisma createMany on PostgreSQL: 50 × 15 = 750 bound parameters. */
const ROWS_PER_INSERT = 50;

/**
 * Writes an import's plan in ONE transaction (all or nothing), so that no statement comes
 * near a bound-parameter limit and the node keeps answering during a city-size import. The
 * dialects differ on purpose: on SQLite (synchronous driver: a statement holds the event
 * loop) one row per prepared statement in a raw transaction, a yield every
 * STATEMENTS_PER_YIELD; on PostgreSQL (the loop is free while the server works, and a round
 * trip per row would cost minutes) Prisma's 50-row createMany in a Prisma transaction.
 * Cells with a grid team (`teamCells`, referenced by GridMember) are
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
  if (ctx.db.provider === 'postgresql') return writeWithPrisma(ctx, plan, teamCells, deleted, updatedAt);
  await ctx.db.rawTransaction(async (sql: SqlRunner) => {
    for (const part of chunks(statements, STATEMENTS_PER_YIELD)) {
      for (const [text, values] of part) await sql.query(text, values);
      await yieldToEventLoop();
    }
  });
}

/** The PostgreSQL path of {@link writeGridImport}: batched Prisma statements in one transaction. */
async function writeWithPrisma(
  ctx: AppContext,
  plan: ImportPlan,
  teamCells: ReadonlySet<string>,
  deleted: string[],
  updatedAt: Date,
) {
  await ctx.db.transaction(
    async (tx) => {
      for (const part of chunks(deleted, CODES_PER_LIST))
        await tx.grid.deleteMany({ where: { code: { in: part } } });
      for (const { code, ...data } of plan.rows.filter((r) => teamCells.has(r.code)))
        await tx.grid.update({ where: { code }, data: { ...data, updatedAt } });
      const created = plan.rows.filter((r) => !teamCells.has(r.code));
      for (const part of chunks(created, ROWS_PER_INSERT)) {
        await tx.grid.createMany({ data: part.map((r) => ({ ...r, updatedAt })) });
        await yieldToEventLoop();
      }
      for (const r of plan.syntheticTrimmed) {
        const {
          code,
          name: _n,
          villageCode: _v,
          townshipCode: _t,
          countyCode: _c,
          isSynthetic: _s,
          ...shape
        } = r;
        await tx.grid.update({ where: { code }, data: { ...shape, updatedAt } });
      }
    },
    { timeout: 600_000 },
  );
}
