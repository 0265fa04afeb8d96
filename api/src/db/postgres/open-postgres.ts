import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { redactUrl } from '../../config';
import { PrismaClient as PostgresClient } from '../../generated/prisma-pg/client';
import type { Database, Db } from '../database';
import { markPostgresTransaction } from '../locks';
import { postgresRunner } from '../sql-runner';
import { migratePostgres } from './migrate-postgres';

/** `timestamp(3)` columns hold UTC wall time (as Prisma writes them): read them as UTC. */
const TIMESTAMP_OID = 1114;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID
      ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * PostgreSQL through @prisma/adapter-pg, for several API nodes on one database. Concurrency
 * is the database's: conditional updates (case versions, timer claims), unique keys
 * (idempotency, frozen rankings) and the event-log lock (event-log.ts); no in-process lock.
 * Sessions run in UTC, the zone Prisma stores DateTime in.
 */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  await migratePostgres(url);
  const adapter = new PrismaPg({ connectionString: url, max: poolSize, options: '-c TimeZone=UTC' });
  // Raw transactions' and raw reads' own connections (prepared statements: case-log/write-report.ts, db.reader).
  const intake = new pg.Pool({
    connectionString: url,
    max: Math.max(2, Math.ceil(poolSize / 2)),
    options: '-c TimeZone=UTC',
    types,
  });
  intake.on('error', (error) => console.error(`postgres intake pool: ${error.message}`));
  // Same schema, same models: the PostgreSQL client stands in for the type the code uses.
  const client = new PostgresClient({ adapter }) as unknown as Db;
  await client.$connect();
  const transaction: Database['transaction'] = (fn, options) =>
    client.$transaction(async (tx) => {
      markPostgresTransaction(tx);
      return fn(tx);
    }, options);
  return {
    provider: 'postgresql',
    read: client,
    write: client,
    file: null,
    label: redactUrl(url),
    transaction,
    async rawTransaction(fn) {
      const connection = await intake.connect();
      // A connection whose ROLLBACK failed is broken: destroy it rather than return it to the pool.
      let broken: Error | undefined;
      try {
        await connection.query('BEGIN');
        try {
          const result = await fn(postgresRunner(connection));
          await connection.query('COMMIT');
          return result;
        } catch (error) {
          // The original error is the one that matters (a 23505 is answered as a replay).
          await connection.query('ROLLBACK').catch((rollback: Error) => {
            broken = rollback;
          });
          throw error;
        }
      } finally {
        connection.release(broken);
      }
    },
    reader: postgresRunner(intake),
    // Autovacuum keeps PostgreSQL's statistics current.
    optimize: async () => undefined,
    async close() {
      await Promise.all([client.$disconnect(), intake.end()]);
    },
  };
}
