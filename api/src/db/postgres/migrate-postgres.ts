import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/** Folder of the PostgreSQL migrations generated from prisma/schema.prisma. */
export const POSTGRES_MIGRATIONS_DIR = new URL('../../../../prisma/migrations/postgresql', import.meta.url)
  .pathname;

/** Our key for the session advisory lock that serializes migrations across nodes. */
const MIGRATION_LOCK = 71_500_000;

/**
 * Applies pending SQL migrations, each in its own transaction, recording them in
 * `_migrations`. Several nodes may start at once: each takes a session advisory lock first,
 * so one applies and the others then find nothing left to do. Returns the names applied now.
 */
export async function migratePostgres(url: string, dir = POSTGRES_MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS "_migrations" ("name" TEXT PRIMARY KEY, "appliedAt" TIMESTAMPTZ NOT NULL)',
    );
    const done = new Set(
      (await client.query<{ name: string }>('SELECT "name" FROM "_migrations"')).rows.map((r) => r.name),
    );
    const applied: string[] = [];
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      if (done.has(name)) continue;
      const sql = readFileSync(join(dir, name), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO "_migrations" ("name", "appliedAt") VALUES ($1, now())', [name]);
        await client.query('COMMIT');
        applied.push(name);
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(error as Error).message}`);
      }
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}
