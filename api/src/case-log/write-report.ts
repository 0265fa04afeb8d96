import type { Database } from '../db/database';
import type { SqlRunner } from '../db/sql-runner';
import type { Attachment, Case } from '../generated/prisma/client';
import { assertAttachmentsUsable } from '../services/attachments/check-attachments';
import { recordCaseFacts } from './case-facts';
import { CASE_COLUMNS, caseCode, EVENT_COLUMNS, type InsertReportResult, type NewReport } from './new-report';

const insertSql = (table: string, columns: readonly string[]) =>
  `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

const SQL = {
  findKey: 'SELECT "caseId", "requestHash" FROM "IdempotencyKey" WHERE "userId" = ? AND "key" = ?',
  findAttachments: (n: number) => `SELECT * FROM "Attachment" WHERE "id" IN (${inList(n)})`,
  nextCode:
    'INSERT INTO "CaseCodeCounter" ("day", "last") VALUES (?, 1) ON CONFLICT ("day") DO UPDATE SET "last" = "CaseCodeCounter"."last" + 1 RETURNING "last"',
  insertCase: insertSql('Case', CASE_COLUMNS),
  insertEvent: `${insertSql('CaseEvent', EVENT_COLUMNS)} RETURNING "seq"`,
  linkAttachments: (n: number) =>
    `UPDATE "Attachment" SET "caseId" = ?, "eventSeq" = ? WHERE "id" IN (${inList(n)})`,
  insertKey: insertSql('IdempotencyKey', ['userId', 'key', 'requestHash', 'caseId', 'createdAt']),
};

const isUniqueViolation = (error: unknown) =>
  ['P2002', '23505', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes((error as { code?: string }).code ?? '');

/**
 * Writes a new report — case, REPORT event, facts, attachment links, case code, idempotency
 * key — in one raw transaction with prepared statements: the hot path of intake, one
 * implementation for SQLite and PostgreSQL (the differences are the runner's: db/sql-runner.ts).
 * Through Prisma a report cost ~5× the CPU (bench/README.md). An Idempotency-Key seen before
 * returns the first case instead; two retries racing on PostgreSQL meet at the key's primary
 * key, and the loser answers with the winner's case.
 */
export async function writeReport(db: Database, r: NewReport): Promise<InsertReportResult> {
  try {
    return await db.rawTransaction((sql) => write(sql, r));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const { userId, key } = r.idempotency;
    const seen = await db.read.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
    if (!seen) throw error;
    return { created: false, caseId: seen.caseId, requestHash: seen.requestHash };
  }
}

async function write(sql: SqlRunner, r: NewReport): Promise<InsertReportResult> {
  const { userId, key, requestHash } = r.idempotency;
  const [seen] = await sql.query<{ caseId: string; requestHash: string }>(SQL.findKey, [userId, key]);
  if (seen) return { created: false, ...seen };

  const unique = [...new Set(r.attachmentIds)];
  const found =
    unique.length > 0 ? await sql.query<Attachment>(SQL.findAttachments(unique.length), unique) : [];
  const byId = new Map(found.map((a) => [a.id, a]));
  assertAttachmentsUsable(
    r.attachmentIds.map((id) => byId.get(id)),
    userId,
  );

  // The day's counter row stays locked until COMMIT on PostgreSQL: take it as late as possible.
  const [counter] = await sql.query<{ last: number | bigint }>(SQL.nextCode, [r.codeDay]);
  const row: Case = { ...r.case, code: caseCode(r, Number(counter!.last)) };
  await sql.query(
    SQL.insertCase,
    CASE_COLUMNS.map((c) => row[c]),
  );
  await sql.lockEventLog();
  const [appended] = await sql.query<{ seq: number }>(
    SQL.insertEvent,
    EVENT_COLUMNS.map((c) => r.event[c]),
  );
  const seq = Number(appended!.seq);
  await recordCaseFacts(sql, [r.event]);
  if (unique.length > 0) await sql.query(SQL.linkAttachments(unique.length), [row.id, seq, ...unique]);
  await sql.query(SQL.insertKey, [userId, key, requestHash, row.id, r.case.createdAt]);
  return {
    created: true,
    case: row,
    event: { ...r.event, seq },
    attachments: unique.map((id) => {
      const a = byId.get(id)!;
      return { ...a, createdAt: new Date(a.createdAt), caseId: row.id, eventSeq: seq };
    }),
  };
}
