import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Folder of the versioned SQL migrations generated from prisma/schema.prisma. */
export const SQLITE_MIGRATIONS_DIR = new URL('../../../../prisma/migrations/sqlite', import.meta.url)
  .pathname;

/**
 * Applies pending SQL migrations to an SQLite file, each in its own transaction, recording
 * them in `_migrations`. Creates the file if needed. Returns the names applied now.
 * Runs before the Prisma client opens, on a connection of its own.
 */
export function migrateSqlite(file: string, dir = SQLITE_MIGRATIONS_DIR): string[] {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE IF NOT EXISTS "_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)');
    // BEGIN IMMEDIATE takes the write lock first: two processes starting at once serialize.
    const applied: string[] = [];
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    for (const name of files) {
      const sql = readFileSync(join(dir, name), 'utf8');
      db.exec('BEGIN IMMEDIATE');
      try {
        const done = db.prepare('SELECT 1 FROM "_migrations" WHERE "name" = ?').get(name);
        if (!done) {
          db.exec(sql);
          db.prepare('INSERT INTO "_migrations" ("name", "appliedAt") VALUES (?, ?)').run(
            name,
            new Date().toISOString(),
          );
          applied.push(name);
        }
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(error as Error).message}`);
      }
    }
    // Fresh statistics: without them SQLite picked the wrong index for scoped case lists.
    db.pragma('optimize');
    return applied;
  } finally {
    db.close();
  }
}
