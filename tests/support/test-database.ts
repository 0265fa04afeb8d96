import { randomBytes } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The database the tests run on. By default SQLite files copied from a template built once
 * per run. With TEST_POSTGRES_URL set (a PostgreSQL server, e.g.
 * postgresql://postgres@127.0.0.1:5433/postgres; `.ci/run` starts a throwaway one) every test
 * app gets its own PostgreSQL database cloned from a template database instead.
 */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || null;

export type TemplateRef =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgresql'; server: string; name: string };

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for the template: a file in runDir, or a new PostgreSQL database. */
export async function newTemplate(runDir: string): Promise<{ ref: TemplateRef; url: string }> {
  if (!TEST_POSTGRES_URL) {
    const file = join(runDir, 'template.db');
    return { ref: { kind: 'sqlite', file }, url: `file:${file}` };
  }
  const name = `wg_${randomBytes(4).toString('hex')}_template`;
  await admin(TEST_POSTGRES_URL, (c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    ref: { kind: 'postgresql', server: TEST_POSTGRES_URL, name },
    url: databaseUrl(TEST_POSTGRES_URL, name),
  };
}

/** A copy of the template for one test app; returns its DATABASE_URL. */
export async function cloneTemplate(ref: TemplateRef, dir: string): Promise<string> {
  if (ref.kind === 'sqlite') {
    const file = join(dir, 'test.db');
    copyFileSync(ref.file, file);
    return `file:${file}`;
  }
  const name = `${ref.name.replace(/_template$/, '')}_${randomBytes(5).toString('hex')}`;
  await admin(ref.server, async (c) => {
    // Two clones of one template at the same instant can see each other as "other users".
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${ref.name}"`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
  return databaseUrl(ref.server, name);
}

/** Drops the template and every database cloned from it (end of the run). */
export async function dropTemplate(ref: TemplateRef): Promise<void> {
  if (ref.kind === 'sqlite') return;
  const prefix = ref.name.replace(/_template$/, '');
  await admin(ref.server, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
