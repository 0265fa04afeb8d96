import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/**
 * Prisma's SQLite adapter (7.10) calls `db.prepare(sql).bind(args)` for every query, so
 * SQLite parses and plans the same few hundred statements again on every request (~0.6 ms of
 * a case-detail read). This keeps the prepared statements, keyed by their SQL text, in a
 * bounded LRU and hands the adapter a reusable stand-in with the calls it makes: `bind`,
 * `run`, `reader`, `columns` and `raw().all()`. SQLite re-prepares a cached statement itself
 * when the schema changes (sqlite3_prepare_v2), and better-sqlite3 is synchronous, so a
 * statement is never in use twice at once.
 */
export function cacheStatements(db: BetterSqlite3.Database, max = 1000): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Statement>();
  const lookup = (sql: string) => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = prepare(sql) as Statement;
      // The adapter reads every result as arrays (`raw().all()`): set that once, not per call.
      if (stmt.reader) stmt.raw(true);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, stmt);
    return stmt;
  };
  const bound = (stmt: Statement, args: unknown[]) => ({
    reader: stmt.reader,
    columns: () => stmt.columns(),
    run: () => stmt.run(...args),
    raw: () => ({ all: () => stmt.all(...args) }),
  });
  db.prepare = ((sql: string) => {
    const stmt = lookup(sql);
    return { ...bound(stmt, []), bind: (args: unknown[]) => bound(stmt, args) };
  }) as unknown as typeof db.prepare;
}

/** The Prisma SQLite adapter factory whose connections keep their prepared statements. */
export class CachingSqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
    if (typeof client?.prepare !== 'function') {
      throw new Error('statement-cache: the Prisma SQLite adapter no longer exposes its connection');
    }
    cacheStatements(client);
    return adapter;
  }
}
