import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import type { SqlRunner } from '../db/sql-runner';
import type { Attachment, Case } from '../generated/prisma/client';
import { assertAttachmentsUsable } from '../services/attachments/check-attachments';
import { daySequence, nextSerial, SEQUENCE_SQL, withDaySequence } from './case-codes';
import { caseFactsStatements, recordCaseFacts } from './case-facts';
import { CASE_COLUMNS, caseCode, EVENT_COLUMNS, type InsertReportResult, type NewReport } from './new-report';

const insertSql = (table: string, columns: readonly string[]) =>
  `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

const SQL = {
  findKey: 'SELECT "caseId", "requestHash" FROM "IdempotencyKey" WHERE "userId" = ? AND "key" = ?',
  findAttachments: (n: number) => `SELECT * FROM "Attachment" WHERE "id" IN (${inList(n)})`,
  insertCase: insertSql('Case', CASE_COLUMNS),
  insertEvent: `${insertSql('CaseEvent', EVENT_COLUMNS)} RETURNING "seq"`,
  linkAttachments: (n: number) =>
    `UPDATE "Attachment" SET "caseId" = ?, "eventSeq" = ? WHERE "id" IN (${inList(n)})`,
  insertKey: insertSql('IdempotencyKey', ['userId', 'key', 'requestHash', 'caseId', 'createdAt']),
  insertRef: insertSql('CaseRef', ['id', 'caseId', 'channel', 'externalId', 'createdAt']),
  insertCall: insertSql('HotlineCall', ['caseId', 'requestType', 'callerName', 'callerPhone', 'createdAt']),
};

/**
 * PostgreSQL, a report without attachments in ONE statement (data-modifying WITH): the day's
 * serial, the case, its event, its facts and the key. A statement is atomic on its own: no
 * BEGIN/COMMIT, one round trip instead of eight (the round trips, not the statements, were most
 * of intake's cost there: bench/README.md "December"). The serial comes from the day's
 * sequence (case-codes.ts). A key used before fails the statement on the key's primary key;
 * the caller then answers with the key's case. Constraints are checked at the statement's end.
 * The code is caseCode() in SQL (CODE_FROM_DRAWN): "prefix-day-" and the serial, 6 digits or more.
 */
const CODE_FROM_DRAWN = `(SELECT ? || lpad(d."last"::text, greatest(6, length(d."last"::text)), '0') FROM drawn d)`;
const PG_INSERT_CASE = `INSERT INTO "Case" (${CASE_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${CASE_COLUMNS.map(
  (c) => (c === 'code' ? CODE_FROM_DRAWN : '?'),
).join(', ')}) RETURNING "code"`;
const PG_REPORT = (facts: string) => `WITH drawn AS (${SEQUENCE_SQL}),
  c AS (${PG_INSERT_CASE}),
  e AS (${SQL.insertEvent}),
  f AS (${facts}),
  k AS (${SQL.insertKey})
  SELECT e."seq", c."code" FROM e, c`;

/** The drivers' codes for a unique violation (the raw statements here never go through Prisma). */
const isUniqueViolation = (error: unknown) =>
  ['23505', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes((error as { code?: string }).code ?? '');

/**
 * Writes a new report — case, REPORT event, facts, attachment links, case code, idempotency
 * key — with prepared statements: the hot path of intake. One raw transaction (`write`) on
 * SQLite, and on PostgreSQL for a report with attachments, channel refs or a desk call (HotlineCall); one statement (PG_REPORT) on
 * PostgreSQL otherwise. Binding differences are the runner's (db/sql-runner.ts).
 * Through Prisma a report cost ~5× the CPU (bench/README.md). An Idempotency-Key seen before
 * returns the first case instead; two retries racing on PostgreSQL meet at the key's primary
 * key, and the loser answers with the winner's case.
 */
export async function writeReport(db: Database, r: NewReport): Promise<InsertReportResult> {
  try {
    if (db.provider === 'sqlite') return await db.rawTransaction((sql) => write(sql, r));
    if (r.attachmentIds.length === 0 && !r.refs?.length && !r.hotlineCall)
      return await withDaySequence(db.reader, r.codeDay, () => writeInOneStatement(db.reader, r));
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
 * PostgreSQL, a report with attachments (they are checked in its transaction): the key is
 * checked and the day's serial drawn before it. A key already used answers its case without
 * drawing; one used in between is caught by its primary key. SQLite has one writer: it checks
 * and draws inside the transaction.
 */
async function serialOutside(db: Database, r: NewReport): Promise<InsertReportResult | { serial: number }> {
  const seen = await seenKey(db.reader, r);
  return seen ?? { serial: await nextSerial(db.reader, r.codeDay) };
}

/** PostgreSQL, a report without attachments: everything in one atomic statement (PG_REPORT). */
async function writeInOneStatement(sql: Pick<SqlRunner, 'query'>, r: NewReport): Promise<InsertReportResult> {
  const { userId, key, requestHash } = r.idempotency;
  const [facts] = caseFactsStatements([r.event]);
  const prefix = caseCode(r, 0).slice(0, -6);
  const [written] = await sql.query<{ seq: number; code: string }>(PG_REPORT(facts!.sql), [
    daySequence(r.codeDay),
    ...CASE_COLUMNS.map((c) => (c === 'code' ? prefix : r.case[c])),
    ...EVENT_COLUMNS.map((c) => r.event[c]),
    ...facts!.values,
    userId,
    key,
    requestHash,
    r.case.id,
    r.case.createdAt,
  ]);
  return {
    created: true,
    case: { ...r.case, code: written!.code },
    event: { ...r.event, seq: Number(written!.seq) },
    attachments: [],
  };
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
  for (const ref of r.refs ?? [])
    await sql.query(SQL.insertRef, [randomUUID(), row.id, ref.channel, ref.externalId, r.case.createdAt]);
  const call = r.hotlineCall;
  if (call)
    await sql.query(SQL.insertCall, [
      row.id,
      call.requestType,
      call.callerName,
      call.callerPhone,
      r.case.createdAt,
    ]);
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
