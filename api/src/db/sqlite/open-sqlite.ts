import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { PrismaClient } from '../../generated/prisma/client';
import type { Database } from '../database';
import { sqliteRunner } from '../sql-runner';
import { migrateSqlite } from './migrate-sqlite';
import { CachingSqliteAdapter } from './statement-cache';
import { createWriteLock } from './write-lock';

export type RawSqlite = BetterSqlite3.Database;

/** Resolves `file:` URLs and plain paths to an absolute SQLite file path. */
export function sqliteFileFromUrl(url: string): string {
  return resolve(url.replace(/^file:/, ''));
}

/** The Prisma driver adapter for an SQLite file, caching prepared statements (also bench/timers.ts). */
export const sqliteAdapter = (file: string) => new CachingSqliteAdapter({ url: file });

/**
 * SQLite: one file, one writer. Prisma's transactions and the raw transactions (prepared
 * statements on the hot path, see docs/architecture.md) take one in-process write lock, and
 * `read` has its own connection, so it sees the last committed state (WAL).
 */
export async function openSqlite(url: string): Promise<Database> {
  const file = sqliteFileFromUrl(url);
  mkdirSync(dirname(file), { recursive: true });
  migrateSqlite(file);
  const open = () => new PrismaClient({ adapter: sqliteAdapter(file) });
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
  // Plain raw reads (db.reader): a connection of their own, so they never see the raw
  // writer's open transaction (WAL: only committed data).
  const rawRead = new BetterSqlite3(file);
  rawRead.pragma('busy_timeout = 5000');
  const lock = createWriteLock();
  return {
    provider: 'sqlite',
    read,
    write,
    file,
    label: file,
    transaction: (fn, options) => lock.run(() => write.$transaction(fn, options)),
    // BEGIN IMMEDIATE: SQLite's write lock is taken at the start, never upgraded mid-way. The
    // in-process lock is held throughout, so nothing else uses `raw` while `fn` awaits.
    rawTransaction: (fn) =>
      lock.run(async () => {
        raw.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(sqliteRunner(raw));
          raw.exec('COMMIT');
          return result;
        } catch (error) {
          if (raw.inTransaction) raw.exec('ROLLBACK');
          throw error;
        }
      }),
    reader: sqliteRunner(rawRead),
    optimize: () => lock.run(() => void raw.pragma('optimize')),
    async close() {
      await lock.run(async () => {
        await Promise.all([write.$disconnect(), read.$disconnect()]);
        raw.close();
        rawRead.close();
      });
    },
  };
}
