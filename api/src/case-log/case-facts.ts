import { ancestorCode } from '@wangge/shared/domain/unit-codes';
import type { Tx } from '../db/database';
import type { SqlRunner } from '../db/sql-runner';
import { type CaseEvent, Prisma } from '../generated/prisma/client';
import { CHECKS, CLOSING, INTAKE, UNCOUNTED } from '../services/metrics/metric-definitions';

/**
 * Per-case facts for the evaluation indicators (the CaseFacts table, docs/metrics.md "How it
 * runs"): each event appended to the log is folded into its case's row — earliest and latest
 * times, counts, and whether a red card is pending in CHECKING — so a period's counts read one
 * row per case instead of probing every case's events (metric-counts-sql.ts).
 *
 * `recordCaseFacts` is the one way to keep them: every path that appends to CaseEvent calls it
 * with the rows it appended, in seq order, inside the same transaction: a Prisma transaction
 * (appendEvent(s)) or the raw one of intake (writeReport, on its SqlRunner). All of them live in
 * api/src/case-log/, the only code that writes the case log. Migration 0009 folded
 * the events written before it the same way, in SQL (0014 the returns).
 */

/** What the fold reads of an appended event: the CaseEvent row as written. */
export type FactEvent = Pick<
  CaseEvent,
  'caseId' | 'action' | 'fromState' | 'onTime' | 'gridCode' | 'countyCode' | 'reporterId' | 'createdAt'
>;

/** Facts that keep the earliest time of one kind of event. */
const EARLIEST = ['suspendedAt', 'registeredAt', 'closedAt', 'redCardAt', 'reportedRedCardAt'] as const;
/** Kinds of event kept as first time, last time and count. */
const SERIES = ['Dispatch', 'Feedback', 'LateFeedback', 'Extension', 'Return'] as const;
type Series = (typeof SERIES)[number];
const countOf = (s: Series) => `${s[0]!.toLowerCase()}${s.slice(1)}Count`;

const COLUMNS = [
  'caseId',
  'gridCode',
  'villageCode',
  'townshipCode',
  'countyCode',
  'reporterId',
  'lastEventAt',
  ...EARLIEST,
  ...SERIES.flatMap((s) => [`first${s}At`, `last${s}At`, countOf(s)]),
  'checkCount',
  'redWhileChecking',
  'firstLateCheckAt',
  'lastLateCheckAt',
  'lateCheckCount',
];

const T = '"CaseFacts"';
const keepEarliest = (c: string) =>
  `"${c}" = CASE WHEN ${T}."${c}" IS NULL OR excluded."${c}" < ${T}."${c}" THEN excluded."${c}" ELSE ${T}."${c}" END`;
const keepLatest = (c: string) =>
  `"${c}" = CASE WHEN ${T}."${c}" IS NULL OR excluded."${c}" > ${T}."${c}" THEN excluded."${c}" ELSE ${T}."${c}" END`;
const add = (c: string) => `"${c}" = ${T}."${c}" + excluded."${c}"`;
/** This event is a check, and a red card was raised while CHECKING since the check before. */
const LATE_CHECK = `excluded."checkCount" > 0 AND ${T}."redWhileChecking"`;
const lateCheckAt = (c: string, op: '<' | '>') =>
  `"${c}" = CASE WHEN ${LATE_CHECK} AND (${T}."${c}" IS NULL OR excluded."lastEventAt" ${op} ${T}."${c}") THEN excluded."lastEventAt" ELSE ${T}."${c}" END`;

/**
 * The merge of an existing row with one event's row (`excluded`: the facts the case would have
 * if this were its only event). Every expression reads the row as it was before the event.
 */
const ON_CONFLICT = Prisma.raw(
  `ON CONFLICT ("caseId") DO UPDATE SET ${[
    keepLatest('lastEventAt'),
    ...EARLIEST.map(keepEarliest),
    ...SERIES.flatMap((s) => [keepEarliest(`first${s}At`), keepLatest(`last${s}At`), add(countOf(s))]),
    add('checkCount'),
    `"redWhileChecking" = CASE WHEN excluded."checkCount" > 0 THEN false WHEN excluded."redWhileChecking" THEN true ELSE ${T}."redWhileChecking" END`,
    lateCheckAt('firstLateCheckAt', '<'),
    lateCheckAt('lastLateCheckAt', '>'),
    `"lateCheckCount" = ${T}."lateCheckCount" + CASE WHEN ${LATE_CHECK} THEN 1 ELSE 0 END`,
  ].join(',\n  ')}`,
);
const INSERT = Prisma.raw(`INSERT INTO ${T} (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES `);

/** The row the case would have if `e` were its only event, in COLUMNS order. */
function rowOf(e: FactEvent): unknown[] {
  const at = e.createdAt;
  const when = (yes: boolean) => (yes ? at : null);
  const red = e.action === 'RED_CARD';
  const series: Record<Series, boolean> = {
    Dispatch: e.action === 'DISPATCH',
    Feedback: e.action === 'FEEDBACK',
    // As `NOT COALESCE("onTime", FALSE)` in SQL.
    LateFeedback: e.action === 'FEEDBACK' && e.onTime !== true,
    Extension: e.action === 'APPROVE_EXTENSION',
    Return: e.action === 'ACCEPT_RETURN',
  };
  return [
    e.caseId,
    e.gridCode,
    ancestorCode(e.gridCode, 'VILLAGE'),
    ancestorCode(e.gridCode, 'TOWNSHIP'),
    e.countyCode,
    e.reporterId,
    at,
    // suspendedAt: the first event after which the case counts nowhere (挂账, or merged: 并案).
    when(UNCOUNTED.includes(e.action)),
    when(INTAKE.includes(e.action)),
    when(CLOSING.includes(e.action)),
    // As `fromState <> 'CLOSED'` in SQL: an event without a state is not counted.
    when(red && e.fromState !== null && e.fromState !== 'CLOSED'),
    when(red && e.fromState === 'REPORTED'),
    ...SERIES.flatMap((s) => [when(series[s]), when(series[s]), series[s] ? 1 : 0]),
    CHECKS.includes(e.action) ? 1 : 0,
    red && e.fromState === 'CHECKING',
    // A case's first event cannot be a late check: nothing was raised before it.
    null,
    null,
    0,
  ];
}

/** Rows per statement: far below the bound-parameter limits of SQLite and PostgreSQL. */
const ROWS_PER_STATEMENT = 200;

/**
 * The upserts folding `events` into CaseFacts. One row per case per statement (PostgreSQL
 * refuses to update a row twice in one INSERT … ON CONFLICT), so a case with several events
 * here gets them in several statements, in order.
 */
export function caseFactsStatements(events: readonly FactEvent[]): Prisma.Sql[] {
  const rounds: FactEvent[][] = [];
  const seen = new Map<string, number>();
  for (const e of events) {
    const round = seen.get(e.caseId) ?? 0;
    seen.set(e.caseId, round + 1);
    if (round === rounds.length) rounds.push([]);
    rounds[round]!.push(e);
  }
  const statements: Prisma.Sql[] = [];
  for (const round of rounds)
    for (let i = 0; i < round.length; i += ROWS_PER_STATEMENT) {
      const rows = round.slice(i, i + ROWS_PER_STATEMENT).map((e) => Prisma.sql`(${Prisma.join(rowOf(e))})`);
      statements.push(Prisma.sql`${INSERT}${Prisma.join(rows)} ${ON_CONFLICT}`);
    }
  return statements;
}

/**
 * Folds appended events (in seq order) into their cases' facts, in the caller's transaction:
 * a Prisma transaction, or intake's raw one. Every path that appends to CaseEvent calls it.
 */
export async function recordCaseFacts(db: Tx | SqlRunner, events: readonly FactEvent[]): Promise<void> {
  for (const q of caseFactsStatements(events)) {
    if ('$executeRaw' in db) await db.$executeRaw(q);
    else await db.query(q.sql, q.values);
  }
}
