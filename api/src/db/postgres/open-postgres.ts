import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { redactUrl } from '../../config';
import { PrismaClient as PostgresClient } from '../../generated/prisma-pg/client';
import type { Database, Db } from '../database';
import { markPostgresTransaction } from '../locks';
import { insertReportRaw } from './insert-report-raw';
import { migratePostgres } from './migrate-postgres';

const isUniqueViolation = (error: unknown) =>
  ['P2002', '23505'].includes((error as { code?: string }).code ?? '');

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
  // Intake's own connections (prepared statements, insert-report-raw.ts).
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
    async insertReport(r) {
      try {
        return await insertReportRaw(intake, r);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // A retry with the same key won the race: answer with its case.
        const { userId, key } = r.idempotency;
        const seen = await client.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
        if (!seen) throw error;
        return { created: false, caseId: seen.caseId, requestHash: seen.requestHash };
      }
    },
    // Autovacuum keeps PostgreSQL's statistics current.
    optimize: async () => undefined,
    async close() {
      await Promise.all([client.$disconnect(), intake.end()]);
    },
  };
}
