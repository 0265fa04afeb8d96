import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from '../../generated/prisma-pg/client';
import type { Database, Db } from '../database';
import { markPostgresTransaction } from '../locks';
import { insertReportTx } from './insert-report';
import { migratePostgres } from './migrate-postgres';

/** The URL without its password, for logs. */
export const redactUrl = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/**
 * PostgreSQL through @prisma/adapter-pg, for several API nodes on one database. Concurrency
 * is the database's: conditional updates (case versions, timer claims), unique keys
 * (idempotency, frozen rankings) and the event-log lock (event-log.ts); no in-process lock.
 * Sessions run in UTC, the zone Prisma stores DateTime in.
 */
export async function openPostgres(url: string): Promise<Database> {
  await migratePostgres(url);
  const adapter = new PrismaPg({
    connectionString: url,
    max: Number(process.env.PG_POOL_SIZE ?? 10),
    options: '-c TimeZone=UTC',
  });
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
        return await transaction((tx) => insertReportTx(tx, r));
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
    close: () => client.$disconnect(),
  };
}
