import type { SqlRunner } from '../db/sql-runner';

/**
 * The day's serial behind a case code (3715-20261123-000123: city prefix, Shanghai day, serial).
 *
 * - SQLite: a counter row per day (`CaseCodeCounter`), bumped inside intake's transaction. One
 *   writer at a time: no waiting, no gaps.
 * - PostgreSQL: a sequence per day (`case_code_YYYYMMDD`), created by the day's first report.
 *   `nextval` holds no lock until COMMIT, so reports on several nodes never queue on it (a
 *   counter row did: bench/README.md "December"). Like any sequence, a serial drawn by a report
 *   that then fails is not given back: a day's codes may have gaps. A sequence created on a day
 *   that already has a counter row (an upgrade during the day) starts after it.
 */
type Query = Pick<SqlRunner, 'query'>;

/** SQLite: the day's next serial. */
const COUNTER_SQL =
  'INSERT INTO "CaseCodeCounter" ("day", "last") VALUES (?, 1) ON CONFLICT ("day") DO UPDATE SET "last" = "CaseCodeCounter"."last" + 1 RETURNING "last"';

/** PostgreSQL: the day's next serial, as a subquery or statement; its one parameter is daySequence(day). */
export const SEQUENCE_SQL = 'SELECT nextval(?::regclass) AS "last"';

export function daySequence(day: string): string {
  if (!/^\d{8}$/.test(day)) throw new Error(`not a YYYYMMDD day: ${day}`);
  return `case_code_${day}`;
}

/** The day's next serial on this database. */
export async function nextSerial(sql: SqlRunner, day: string): Promise<number> {
  const [row] =
    sql.provider === 'sqlite'
      ? await sql.query<{ last: number | bigint }>(COUNTER_SQL, [day])
      : await withDaySequence(sql, day, () => sql.query<{ last: string }>(SEQUENCE_SQL, [daySequence(day)]));
  return Number(row!.last);
}

/**
 * Runs `draw` (a statement using the day's sequence); if the sequence does not exist yet,
 * creates it and runs `draw` again. A statement that failed changed nothing.
 */
export async function withDaySequence<T>(sql: Query, day: string, draw: () => Promise<T>): Promise<T> {
  try {
    return await draw();
  } catch (error) {
    if ((error as { code?: string }).code !== '42P01') throw error; // undefined_table
    await createDaySequence(sql, day);
    return await draw();
  }
}

async function createDaySequence(sql: Query, day: string): Promise<void> {
  const [counted] = await sql.query<{ last: number }>(
    'SELECT "last" FROM "CaseCodeCounter" WHERE "day" = ?',
    [day],
  );
  const start = Number(counted?.last ?? 0) + 1;
  try {
    await sql.query(`CREATE SEQUENCE IF NOT EXISTS "${daySequence(day)}" AS bigint START ${start}`);
  } catch (error) {
    // Another node created it at the same moment (IF NOT EXISTS still races in the catalog).
    if (!['23505', '42P07'].includes((error as { code?: string }).code ?? '')) throw error;
  }
}
