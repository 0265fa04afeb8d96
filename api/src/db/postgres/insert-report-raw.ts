import type pg from 'pg';
import type { Attachment, Case } from '../../generated/prisma/client';
import { assertAttachmentsUsable } from '../../services/attachments/check-attachments';
import { caseFactsStatements } from '../../services/metrics/case-facts';
import { LOCKS } from '../locks';
import {
  CASE_COLUMNS,
  caseCode,
  EVENT_COLUMNS,
  type InsertReportResult,
  type NewReport,
} from '../new-report';

/** Timestamps as Prisma stores them on PostgreSQL: UTC wall time in `timestamp(3)`. */
const toPg = (v: unknown) => (v instanceof Date ? v.toISOString().replace('Z', '') : (v ?? null));
const placeholders = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
const insertSql = (table: string, columns: readonly string[]) =>
  `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${placeholders(columns.length)})`;

/** Named statements: PostgreSQL parses and plans each once per connection. */
const SQL = {
  findKey: {
    name: 'intake-find-key',
    text: 'SELECT "caseId", "requestHash" FROM "IdempotencyKey" WHERE "userId" = $1 AND "key" = $2',
  },
  findAttachments: {
    name: 'intake-find-attachments',
    text: 'SELECT * FROM "Attachment" WHERE "id" = ANY($1)',
  },
  nextCode: {
    name: 'intake-next-code',
    text: 'INSERT INTO "CaseCodeCounter" ("day", "last") VALUES ($1, 1) ON CONFLICT ("day") DO UPDATE SET "last" = "CaseCodeCounter"."last" + 1 RETURNING "last"',
  },
  insertCase: { name: 'intake-insert-case', text: insertSql('Case', CASE_COLUMNS) },
  lockLog: { name: 'intake-lock-log', text: `SELECT pg_advisory_xact_lock(${LOCKS.eventLog})` },
  insertEvent: {
    name: 'intake-insert-event',
    text: `${insertSql('CaseEvent', EVENT_COLUMNS)} RETURNING "seq"`,
  },
  linkAttachments: {
    name: 'intake-link-attachments',
    text: 'UPDATE "Attachment" SET "caseId" = $1, "eventSeq" = $2 WHERE "id" = ANY($3)',
  },
  insertKey: {
    name: 'intake-insert-key',
    text: insertSql('IdempotencyKey', ['userId', 'key', 'requestHash', 'caseId', 'createdAt']),
  },
} as const;

/**
 * Writes a report on PostgreSQL with prepared statements on a pg connection of its own: the
 * hot path of intake, as insert-report.ts on SQLite (through Prisma, each report cost ~7 ms of
 * CPU and held the day's case-code counter row ~10 ms; bench/README.md "Cluster"). The
 * counter row is locked from its upsert to COMMIT and the event-log lock from the append, so
 * both come as late as they can. An Idempotency-Key seen before returns the first case; two
 * retries racing meet at the key's primary key (23505, answered by open-postgres.ts).
 */
export async function insertReportRaw(pool: pg.Pool, r: NewReport): Promise<InsertReportResult> {
  const client = await pool.connect();
  // A connection whose ROLLBACK failed is broken: destroy it rather than return it to the pool.
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      const result = await write(client, r);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // The original error is the one that matters (a 23505 is answered as a replay).
      await client.query('ROLLBACK').catch((rollback: Error) => {
        broken = rollback;
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

async function write(client: pg.PoolClient, r: NewReport): Promise<InsertReportResult> {
  const { userId, key, requestHash } = r.idempotency;
  const seen = (await client.query<{ caseId: string; requestHash: string }>(SQL.findKey, [userId, key]))
    .rows[0];
  if (seen) return { created: false, ...seen };
  const unique = [...new Set(r.attachmentIds)];
  const found =
    unique.length > 0
      ? (await client.query<Attachment>(SQL.findAttachments, [unique])).rows
      : ([] as Attachment[]);
  const byId = new Map(found.map((a) => [a.id, a]));
  assertAttachmentsUsable(
    r.attachmentIds.map((id) => byId.get(id)),
    userId,
  );
  const { last } = (await client.query<{ last: number }>(SQL.nextCode, [r.codeDay])).rows[0]!;
  const row: Case = { ...r.case, code: caseCode(r, Number(last)) };
  await client.query(
    SQL.insertCase,
    CASE_COLUMNS.map((c) => toPg(row[c])),
  );
  await client.query(SQL.lockLog);
  const { seq } = (
    await client.query<{ seq: number }>(
      SQL.insertEvent,
      EVENT_COLUMNS.map((c) => toPg(r.event[c])),
    )
  ).rows[0]!;
  for (const q of caseFactsStatements([r.event])) await client.query(q.text, q.values.map(toPg));
  if (unique.length > 0) await client.query(SQL.linkAttachments, [row.id, seq, unique]);
  await client.query(SQL.insertKey, [userId, key, requestHash, row.id, toPg(r.case.createdAt)]);
  return {
    created: true,
    case: row,
    event: { ...r.event, seq },
    attachments: unique.map((id) => ({ ...byId.get(id)!, caseId: row.id, eventSeq: seq })),
  };
}
