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

async function nextSerial(sql: Pick<SqlRunner, 'query'>, day: string): Promise<number> {
  const [counter] = await sql.query<{ last: number | bigint }>(SQL.nextCode, [day]);
  return Number(counter!.last);
}

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
    if (db.provider === 'sqlite') return await db.rawTransaction((sql) => write(sql, r));
    const drawn = await serialOutside(db, r);
    if ('created' in drawn) return drawn;
    return await db.rawTransaction((sql) => write(sql, r, drawn.serial));
  } catch (error) {
    // Another request with the same key committed first (its primary key): answer with its
    // case. Any other error, or a key that is not there after all, is the caller's to see.
    const answer = isUniqueViolation(error) ? await seenKey(db.reader, r) : null;
    if (!answer) throw error;
    return answer;
  }
}

/** The case a used Idempotency-Key answers with, or null. */
async function seenKey(sql: Pick<SqlRunner, 'query'>, r: NewReport): Promise<InsertReportResult | null> {
  const { userId, key } = r.idempotency;
  const [seen] = await sql.query<{ caseId: string; requestHash: string }>(SQL.findKey, [userId, key]);
  return seen ? { created: false, ...seen } : null;
}

/**
 * PostgreSQL: the key is checked and the day's serial drawn in statements of their own
 * (autocommit) before the report's transaction, so the counter row is locked for one
 * statement instead of until COMMIT — every report of a day used to queue on it
 * (bench/README.md). Like a sequence, a serial drawn for a report that then fails is not given
 * back: a day's codes may have gaps (two retries racing, a database error). A key already
 * used answers its case without drawing; one used in between is caught by its primary key.
 * SQLite has one writer: it checks and draws inside the transaction, without gaps.
 */
async function serialOutside(db: Database, r: NewReport): Promise<InsertReportResult | { serial: number }> {
  const seen = await seenKey(db.reader, r);
  return seen ?? { serial: await nextSerial(db.reader, r.codeDay) };
}

/** The report's writes; `serial` when the key was already checked and the serial drawn (PostgreSQL). */
async function write(sql: SqlRunner, r: NewReport, serial?: number): Promise<InsertReportResult> {
  const { userId, key, requestHash } = r.idempotency;
  if (serial === undefined) {
    const seen = await seenKey(sql, r);
    if (seen) return seen;
  }

  const unique = [...new Set(r.attachmentIds)];
  const found =
    unique.length > 0 ? await sql.query<Attachment>(SQL.findAttachments(unique.length), unique) : [];
  const byId = new Map(found.map((a) => [a.id, a]));
  assertAttachmentsUsable(
    r.attachmentIds.map((id) => byId.get(id)),
    userId,
  );

  const row: Case = { ...r.case, code: caseCode(r, serial ?? (await nextSerial(sql, r.codeDay))) };
  await sql.query(
    SQL.insertCase,
    CASE_COLUMNS.map((c) => row[c]),
  );
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
