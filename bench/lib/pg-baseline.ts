import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
// The API's own column lists (in the order of the values below), not a copy that can drift.
import { CASE_COLUMNS, EVENT_COLUMNS } from '../../api/src/case-log/new-report';
import type { PhaseResult } from './load';
import type { PgClient, PgPool } from './pg';
import { type Summary, summarize } from './stats';

/** A demo user who reports, and the cell they report in, read from a seeded PostgreSQL database. */
export interface PgReporter {
  username: string;
  userId: string;
  role: string;
  unitCode: string | null;
  departmentId: string | null;
  gridCode: string;
  villageCode: string;
  townshipCode: string;
  countyCode: string;
  isUrban: boolean;
  lon: number;
  lat: number;
  categoryCode: string;
  categoryName: string;
}

export async function findPgReporter(
  pool: PgPool,
  username: string,
  categoryCode: string,
): Promise<PgReporter> {
  const { rows } = await pool.query<Omit<PgReporter, 'categoryCode' | 'categoryName'>>(
    `SELECT u."username", u."id" AS "userId", u."role", u."unitCode", u."departmentId",
            g."code" AS "gridCode", g."villageCode", g."townshipCode", g."countyCode",
            g."centroidLon" AS "lon", g."centroidLat" AS "lat", v."isUrban"
       FROM "User" u
       JOIN "GridMember" m ON m."userId" = u."id"
       JOIN "Grid" g ON g."code" = m."gridCode"
       JOIN "Unit" v ON v."code" = g."villageCode"
      WHERE u."username" = $1
      ORDER BY g."code" LIMIT 1`,
    [username],
  );
  const row = rows[0];
  if (!row) throw new Error(`seeded database has no grid worker ${username}`);
  const category = await pool.query<{ name: string }>('SELECT "name" FROM "Category" WHERE "code" = $1', [
    categoryCode,
  ]);
  if (!category.rows[0]) throw new Error(`seeded database has no category ${categoryCode}`);
  return { ...row, categoryCode, categoryName: category.rows[0].name };
}

/**
 * The raw baselines, plain node-postgres with named (prepared) statements, one transaction per
 * case, the columns `reportCase` writes:
 * - `plain`: BEGIN; INSERT "Case"; INSERT "CaseEvent"; COMMIT.
 * - `locked`: what the API adds on PostgreSQL around those two rows (api/src/case-log/write-report.ts,
 *   case-codes.ts): the case code's serial from a sequence, and the Idempotency-Key row, in the
 *   same transaction. Nothing is locked to COMMIT any more (no counter row since December, no
 *   event-log lock since migration 0012). Not the CaseFacts upsert.
 */
export type RawVariant = 'plain' | 'locked';

const insertSql = (table: string, columns: readonly string[], returning = '') =>
  `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns
    .map((_, i) => `$${i + 1}`)
    .join(', ')})${returning}`;
const SQL = {
  insertCase: insertSql('Case', CASE_COLUMNS),
  insertEvent: insertSql('CaseEvent', EVENT_COLUMNS, ' RETURNING "seq"'),
  createSequence: 'CREATE SEQUENCE IF NOT EXISTS case_code_raw_bench',
  nextSerial: `SELECT nextval('case_code_raw_bench') AS "last"`,
  insertKey:
    'INSERT INTO "IdempotencyKey" ("userId", "key", "requestHash", "caseId", "createdAt") VALUES ($1, $2, $3, $4, $5)',
};

/** Timestamps as Prisma writes them into TIMESTAMP(3) columns: UTC. */
const ts = (d: Date) => d.toISOString();

async function writeCase(
  client: PgClient,
  r: PgReporter,
  variant: RawVariant,
  code: string,
  i: number,
  waits: { counter: number[] },
): Promise<void> {
  const now = new Date();
  const id = randomUUID();
  const description = `bench raw report ${i}: 早市摊贩占用人行道经营`;
  const key = randomUUID();
  let caseCode = code;
  await client.query('BEGIN');
  try {
    if (variant === 'locked') {
      const s = performance.now();
      const drawn = await client.query<{ last: string }>({ name: 'raw-next-serial', text: SQL.nextSerial });
      waits.counter.push(performance.now() - s);
      caseCode = `RAWL-${drawn.rows[0]!.last.padStart(8, '0')}`;
    }
    await client.query({
      name: 'raw-insert-case',
      text: SQL.insertCase,
      values: [
        id,
        caseCode,
        `${r.categoryName}：${description.slice(0, 30)}`,
        description,
        r.categoryCode,
        'GRID_WORKER',
        'NORMAL',
        'REPORTED',
        'VILLAGE',
        r.villageCode,
        r.gridCode,
        r.villageCode,
        r.townshipCode,
        r.countyCode,
        r.isUrban,
        r.lon,
        r.lat,
        null,
        r.userId,
        null,
        0,
        0,
        1,
        ts(new Date(now.getTime() + 86_400_000)),
        null,
        ts(new Date(now.getTime() + 43_200_000)),
        'NONE',
        null,
        null,
        ts(now),
        ts(now),
        null,
        null,
      ],
    });
    await client.query({
      name: 'raw-insert-event',
      text: SQL.insertEvent,
      values: [
        id,
        'REPORT',
        r.userId,
        r.role,
        r.unitCode,
        r.departmentId,
        null,
        'REPORTED',
        null,
        'VILLAGE',
        null,
        r.villageCode,
        null,
        JSON.stringify({
          source: 'GRID_WORKER',
          location: { lon: r.lon, lat: r.lat },
          categoryCode: r.categoryCode,
        }),
        r.gridCode,
        r.countyCode,
        r.userId,
        null,
        null,
        ts(now),
      ],
    });
    if (variant === 'locked') {
      await client.query({
        name: 'raw-insert-key',
        text: SQL.insertKey,
        values: [r.userId, key, 'x'.repeat(64), id, ts(now)],
      });
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

export interface RawPhaseResult extends PhaseResult {
  variant: RawVariant;
  concurrency: number;
  /** `locked` only: time drawing the serial, per report (ms). */
  counterStatement: Summary | null;
}

let serial = 0;
const runTag = randomUUID().slice(0, 8);

/**
 * C connections of `pool` in closed loops, each running one raw transaction after another
 * until `maxRequests` or `maxSeconds`. Reporters are used in turn by connection.
 */
export async function rawClosedLoop(options: {
  pool: PgPool;
  reporters: PgReporter[];
  variant: RawVariant;
  concurrency: number;
  maxRequests: number;
  maxSeconds: number;
}): Promise<RawPhaseResult> {
  const { pool, reporters, variant, concurrency } = options;
  const clients = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
  if (variant === 'locked') await clients[0]!.query(SQL.createSequence);
  const latencies: number[] = [];
  const waits = { counter: [] as number[] };
  const errorSamples: string[] = [];
  let ok = 0;
  let errors = 0;
  let issued = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + options.maxSeconds * 1000;
  try {
    await Promise.all(
      clients.map(async (client, lane) => {
        const reporter = reporters[lane % reporters.length]!;
        while (issued < options.maxRequests && performance.now() < deadline) {
          const i = issued++;
          const s = performance.now();
          try {
            await writeCase(
              client,
              reporter,
              variant,
              `RAW-${runTag}-${String(++serial).padStart(8, '0')}`,
              i,
              waits,
            );
            ok += 1;
          } catch (error) {
            errors += 1;
            if (errorSamples.length < 5) errorSamples.push((error as Error).message);
          }
          latencies.push(performance.now() - s);
        }
      }),
    );
  } finally {
    for (const c of clients) c.release();
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    variant,
    concurrency,
    sent: issued,
    ok,
    errors,
    errorSamples,
    seconds: wallMs / 1000,
    perSecond: ok / (wallMs / 1000),
    latency: summarize(latencies),
    clientCpuFraction: (cpu.user + cpu.system) / 1000 / wallMs,
    counterStatement: variant === 'locked' ? summarize(waits.counter) : null,
  };
}
