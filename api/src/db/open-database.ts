import type { Database } from './database';
import { openPostgres } from './postgres/open-postgres';
import { openSqlite } from './sqlite/open-sqlite';

export type { Database, Db, Provider, Tx } from './database';

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/**
 * Opens (creating and migrating if needed) the database behind DATABASE_URL: a SQLite file
 * (`file:…`, the embedded default) or PostgreSQL (`postgresql://…`).
 */
export function openDatabase(url: string, options: { poolSize?: number } = {}): Promise<Database> {
  return isPostgresUrl(url) ? openPostgres(url, options.poolSize) : openSqlite(url);
}
