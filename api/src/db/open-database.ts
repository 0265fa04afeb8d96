import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { PrismaClient } from '../generated/prisma/client';
import { migrateSqlite } from './migrate-sqlite';
import { createWriteLock } from './write-lock';

export type Db = PrismaClient;
/** A transaction's client, as handed to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
export type RawSqlite = BetterSqlite3.Database;

/**
 * The database. Writes go through `transaction` (Prisma) or `rawTransaction` (prepared
 * statements on hot paths, see docs/architecture.md); both take one in-process write lock.
 * `read` serves plain reads on its own connection, so a read never sees another request's
 * uncommitted writes (WAL gives it the last committed state).
 */
export interface Database {
  read: Db;
  /** Prisma's writer. Use `transaction`; plain calls here would join an open transaction. */
  write: Db;
  file: string;
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { timeout?: number }): Promise<T>;
  /** Runs `fn` synchronously inside BEGIN IMMEDIATE … COMMIT on the raw writer connection. */
  rawTransaction<T>(fn: (raw: RawSqlite) => T): Promise<T>;
  /** Refreshes the query planner's statistics (PRAGMA optimize); cheap when nothing changed. */
  optimize(): Promise<void>;
  close(): Promise<void>;
}

/** Resolves `file:` URLs and plain paths to an absolute SQLite file path. */
export function sqliteFileFromUrl(url: string): string {
  if (url.startsWith('postgres')) {
    throw new Error('PostgreSQL is not supported yet by this build (see docs/architecture.md).');
  }
  return resolve(url.replace(/^file:/, ''));
}

/** Opens (creating and migrating if needed) the database behind DATABASE_URL. */
export async function openDatabase(url: string): Promise<Database> {
  const file = sqliteFileFromUrl(url);
  mkdirSync(dirname(file), { recursive: true });
  migrateSqlite(file);
  const open = () => new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }) });
  const write = open();
  const read = open();
  for (const client of [write, read]) {
    await client.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
    await client.$queryRawUnsafe('PRAGMA foreign_keys = ON');
    await client.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  }
  const raw = new BetterSqlite3(file);
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  raw.pragma('synchronous = NORMAL');
  const lock = createWriteLock();
  return {
    read,
    write,
    file,
    transaction: (fn, options) => lock.run(() => write.$transaction(fn, options)),
    rawTransaction: (fn) => lock.run(() => raw.transaction(() => fn(raw)).immediate()),
    optimize: () => lock.run(() => void raw.pragma('optimize')),
    async close() {
      await lock.run(async () => {
        await Promise.all([write.$disconnect(), read.$disconnect()]);
        raw.close();
      });
    },
  };
}
