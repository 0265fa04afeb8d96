import type { PrismaClient } from '../generated/prisma/client';
import type { SqlRunner } from './sql-runner';

/**
 * The Prisma client type the code is written against. On PostgreSQL the client generated
 * from the same schema for that provider (api/src/generated/prisma-pg) stands behind it: same
 * models, same queries.
 */
export type Db = PrismaClient;
/** A transaction's client, as handed to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export type Provider = 'sqlite' | 'postgresql';

/**
 * The database, SQLite (embedded default) or PostgreSQL (scale-out). All writes go through
 * `transaction` or `rawTransaction`, and only from api/src/case-log/ for the case log's tables. `read` serves plain reads; a read never sees another
 * request's uncommitted writes.
 */
export interface Database {
  provider: Provider;
  read: Db;
  /** Prisma's writer. Use `transaction`; plain calls here would join an open transaction. */
  write: Db;
  /** The SQLite file, or null on PostgreSQL. */
  file: string | null;
  /** Where the data lives, for logs (a PostgreSQL URL without its password). */
  label: string;
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { timeout?: number }): Promise<T>;
  /**
   * A transaction on a raw driver connection with prepared statements, for the hot write path
   * (case-log/write-report.ts): BEGIN IMMEDIATE under the write lock on SQLite, BEGIN on a
   * pooled connection of its own on PostgreSQL. Commits when `fn` resolves, rolls back when it
   * throws.
   */
  rawTransaction<T>(fn: (sql: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * Raw SQL with prepared statements outside any transaction: the hot reads (case detail,
   * lists), cheaper than through Prisma. Rows come back as the driver gives them: decode them
   * with db/row-codec.ts. On PostgreSQL (autocommit on the pool) case-log/write-report.ts also
   * writes through it: a report as one atomic statement, a day's case-code serial. On SQLite it
   * is a connection of its own that must only read: writes there take the write lock
   * (`transaction`, `rawTransaction`).
   */
  reader: Pick<SqlRunner, 'provider' | 'query'>;
  /** Refreshes the query planner's statistics; cheap when nothing changed. */
  optimize(): Promise<void>;
  close(): Promise<void>;
}
