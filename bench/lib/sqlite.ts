import { createRequire } from 'node:module';

/**
 * better-sqlite3 for the raw baseline. It is a dependency of @wangge/api, not of the root
 * package, so it is resolved from api/ (the exact build the API runs on). The small interface
 * below is all the baseline uses; once the root lists `better-sqlite3` + `@types/better-sqlite3`
 * as devDependencies this file can become a plain `import Database from 'better-sqlite3'`.
 */
export interface RawStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export interface RawDatabase {
  prepare(sql: string): RawStatement;
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
}

type RawDatabaseConstructor = new (file: string, options?: { readonly?: boolean }) => RawDatabase;

const requireFromApi = createRequire(new URL('../../api/package.json', import.meta.url));

export const RawSqlite = requireFromApi('better-sqlite3') as RawDatabaseConstructor;

/** Opens a file with the pragmas the API sets on its connections (WAL, synchronous=NORMAL). */
export function openRaw(file: string): RawDatabase {
  const db = new RawSqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  return db;
}
