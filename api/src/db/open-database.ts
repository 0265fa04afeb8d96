import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client';
import { migrateSqlite } from './migrate-sqlite';

export type Db = PrismaClient;
/** A transaction's client, as handed to `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * The database seen through two connections. `write` takes every transaction (the adapter
 * serializes them); `read` serves plain reads on its own connection, so a read never sees
 * another request's uncommitted writes (WAL gives it the last committed state).
 */
export interface Database {
  write: Db;
  read: Db;
  /** The SQLite file path. */
  file: string;
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
  const open = () => {
    const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }) });
    return client;
  };
  const write = open();
  const read = open();
  for (const client of [write, read]) {
    await client.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
    await client.$queryRawUnsafe('PRAGMA foreign_keys = ON');
    await client.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  }
  return {
    write,
    read,
    file,
    async close() {
      await Promise.all([write.$disconnect(), read.$disconnect()]);
    },
  };
}
