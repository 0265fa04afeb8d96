import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type { Provider } from './database';

/**
 * One raw SQL statement at a time inside a transaction the driver opened (`Database.rawTransaction`):
 * the dialect the case log's hot path is written against. Statements use `?` placeholders and
 * plain values; the runner binds them the way its database and Prisma store them (dates,
 * booleans) and keeps each statement prepared.
 */
export interface SqlRunner {
  readonly provider: Provider;
  /** Runs one statement and returns its rows (none for a statement without RETURNING). */
  query<R = Record<string, unknown>>(sql: string, values?: readonly unknown[]): Promise<R[]>;
}

/** Prisma's text format for DateTime on SQLite; the same format keeps text ordering right. */
export const sqliteDate = (d: Date) => d.toISOString().replace('Z', '+00:00');
/** Prisma's storage of DateTime on PostgreSQL: UTC wall time in `timestamp(3)`. */
const postgresDate = (d: Date) => d.toISOString().replace('Z', '');

export const encodeSqlite = (v: unknown) =>
  v instanceof Date ? sqliteDate(v) : typeof v === 'boolean' ? Number(v) : (v ?? null);
const encodePostgres = (v: unknown) => (v instanceof Date ? postgresDate(v) : (v ?? null));

type Statement = BetterSqlite3.Statement<unknown[], unknown>;
const MAX_STATEMENTS = 1000;
const sqliteStatements = new WeakMap<BetterSqlite3.Database, Map<string, Statement>>();

/** On a raw better-sqlite3 connection, inside the BEGIN IMMEDIATE its owner opened under the write lock. */
export function sqliteRunner(raw: BetterSqlite3.Database): SqlRunner {
  let cache = sqliteStatements.get(raw);
  if (!cache) {
    cache = new Map();
    sqliteStatements.set(raw, cache);
  }
  const statements = cache;
  return {
    provider: 'sqlite',
    query<R>(sql: string, values: readonly unknown[] = []) {
      let stmt = statements.get(sql);
      if (!stmt) {
        stmt = raw.prepare(sql) as Statement;
        // Statement shapes are few (filters × IN-list lengths); a bound keeps odd ones from piling up.
        if (statements.size >= MAX_STATEMENTS) statements.clear();
        statements.set(sql, stmt);
      }
      const args = values.map(encodeSqlite);
      if (!stmt.reader) {
        stmt.run(...args);
        return Promise.resolve([]);
      }
      return Promise.resolve(stmt.all(...args) as R[]);
    },
  };
}

/**
 * `?` → `$1, $2, …`, and a name derived from the text, so each connection prepares it once and
 * two texts never share a name.
 */
const postgresTexts = new Map<string, { name: string; text: string }>();
function postgresText(sql: string) {
  let found = postgresTexts.get(sql);
  if (!found) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    found = { name: `wg_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
    if (postgresTexts.size >= MAX_STATEMENTS) postgresTexts.clear();
    postgresTexts.set(sql, found);
  }
  return found;
}

/** On a pg connection inside the BEGIN its owner sent, or on the pool for plain reads. */
export function postgresRunner(client: pg.PoolClient | pg.Pool): SqlRunner {
  return {
    provider: 'postgresql',
    async query<R>(sql: string, values: readonly unknown[] = []) {
      const { name, text } = postgresText(sql);
      return (await client.query({ name, text, values: values.map(encodePostgres) })).rows as R[];
    },
  };
}
