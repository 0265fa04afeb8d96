import type { TListCasesQuery } from '@wangge/shared/schemas/cases';
import type { AppContext } from '../../context';
import { decodeCase } from '../../db/row-codec';
import { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../http/app-error';
import { caseScopeBranchesSql, unitSubtreeSql } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import type { ReferenceCache } from '../reference/reference-cache';
import { type CaseSummaryRow, presentCaseSummary, SUMMARY_COLUMNS } from './present-case';

/** Lists read only what a summary shows (a third fewer columns to materialise than `c.*`). */
const COLUMNS = Prisma.raw(SUMMARY_COLUMNS.map((c) => `c."${c}"`).join(', '));

/**
 * The two orders a list can take: newest first (the default), or by urgency — the step deadline
 * soonest first (overdue cases lead), cases without one last. Each is a keyset: ORDER BY, the
 * cursor's condition after a row, and the same comparison in memory for merging scope branches.
 */
const ORDERS = {
  newest: {
    orderBy: Prisma.sql`c."createdAt" DESC, c."id" DESC`,
    key: (r: { createdAt: Date; id: string }) => [r.createdAt, r.id] as const,
    after: (at: Date | null, id: string) =>
      Prisma.sql`(c."createdAt" < ${at} OR (c."createdAt" = ${at} AND c."id" < ${id}))`,
    compare: (a: Record<string, unknown>, b: Record<string, unknown>) =>
      ms(b.createdAt)! - ms(a.createdAt)! || cmp(String(b.id), String(a.id)),
  },
  deadline: {
    orderBy: Prisma.sql`(c."stageDeadline" IS NULL), c."stageDeadline" ASC, c."id" ASC`,
    key: (r: { stageDeadline: Date | null; id: string }) => [r.stageDeadline, r.id] as const,
    after: (at: Date | null, id: string) =>
      at === null
        ? Prisma.sql`(c."stageDeadline" IS NULL AND c."id" > ${id})`
        : Prisma.sql`(c."stageDeadline" > ${at} OR (c."stageDeadline" = ${at} AND c."id" > ${id}) OR c."stageDeadline" IS NULL)`,
    compare: (a: Record<string, unknown>, b: Record<string, unknown>) => {
      const [x, y] = [ms(a.stageDeadline), ms(b.stageDeadline)];
      if (x !== y) return x === null ? 1 : y === null ? -1 : x - y;
      return cmp(String(a.id), String(b.id));
    },
  },
} as const;

/** Cursor = the last row's sort key, opaque to clients. */
function decodeCursor(cursor: string): { at: Date | null; id: string } {
  try {
    const [raw, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string | null,
      string,
    ];
    const at = raw === null ? null : new Date(raw);
    if ((at && Number.isNaN(at.getTime())) || typeof id !== 'string') throw new Error('bad cursor');
    return { at, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid.', [
      { path: 'query.cursor', message: 'invalid cursor' },
    ]);
  }
}

const encodeCursor = ([at, id]: readonly [Date | null, string]) =>
  Buffer.from(JSON.stringify([at ? at.toISOString() : null, id])).toString('base64url');

/** `value` for a LIKE pattern with `\` as the escape character. */
const likeEscape = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Cases in the caller's jurisdiction, newest or most urgent first, filtered, one page at a time,
 * each with the names of its cell, owner and lead department. A hot read:
 * raw prepared statements on `db.reader`, one index-ordered query per branch of the caller's
 * scope (the access policy's caseScopeBranchesSql), merged in memory.
 */
export async function listCases(ctx: AppContext, user: AuthUser, q: TListCasesQuery) {
  const order = ORDERS[q.sort];
  const branches = await Promise.all(
    listBranchQueries(user, q).map((query) => ctx.db.reader.query(query.sql, query.values)),
  );
  // Decoded after the merge: a grid worker's two branches often return the same cases.
  const rows = (branches.length === 1 ? branches[0]! : merge(branches, order.compare))
    .slice(0, q.limit + 1)
    .map((r) => decodeCase(r) as CaseSummaryRow);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const now = ctx.clock.now();
  return {
    data: page.map((c) => ({ ...presentCaseSummary(c, now), names: summaryNames(ctx.reference, c) })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(order.key(last)) : null,
  };
}

/** One index-ordered page query per branch of the caller's scope, with the list's filters. */
export function listBranchQueries(user: AuthUser, q: TListCasesQuery): Prisma.Sql[] {
  const filters: Prisma.Sql[] = [];
  if (q.state) filters.push(Prisma.sql`c."state" IN (${Prisma.join(q.state)})`);
  if (q.unit) filters.push(unitSubtreeSql(q.unit));
  if (q.grid) filters.push(Prisma.sql`c."gridCode" = ${q.grid}`);
  if (q.owner) filters.push(Prisma.sql`c."ownerUnitCode" = ${q.owner}`);
  if (q.category) filters.push(Prisma.sql`c."categoryCode" LIKE ${`${likeEscape(q.category)}%`} ESCAPE '\\'`);
  if (q.q) {
    const pattern = `%${likeEscape(q.q)}%`;
    filters.push(
      Prisma.sql`(c."title" LIKE ${pattern} ESCAPE '\\' OR c."code" LIKE ${pattern} ESCAPE '\\' OR c."description" LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  // 我的上报: what I reported, and the cases I follow (my report attached or merged into them).
  if (q.mine === 'reported')
    filters.push(
      Prisma.sql`(c."reporterId" = ${user.id} OR c."id" IN (SELECT mf."caseId" FROM "CaseFollower" mf WHERE mf."userId" = ${user.id}))`,
    );
  if (q.mine === 'department')
    filters.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Task" mt WHERE mt."caseId" = c."id" AND mt."departmentId" = ${user.departmentId ?? ''})`,
    );
  const order = ORDERS[q.sort];
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    filters.push(order.after(c.at, c.id));
  }
  return caseScopeBranchesSql(user).map(
    (scope) => Prisma.sql`SELECT ${COLUMNS} FROM "Case" c WHERE ${Prisma.join([scope, ...filters], ' AND ')}
ORDER BY ${order.orderBy} LIMIT ${q.limit + 1}`,
  );
}

/** What a list row shows instead of codes: its cell, its owner and its lead department. */
export function summaryNames(reference: ReferenceCache, c: CaseSummaryRow) {
  return {
    grid: reference.gridName(c.gridCode) ?? c.gridCode,
    owner: reference.unitName(c.ownerUnitCode) ?? c.ownerUnitCode,
    leadDepartment: c.leadDepartmentId ? (reference.department(c.leadDepartmentId)?.name ?? null) : null,
  };
}

/** A raw row's timestamp in ms: text on SQLite (one fixed format), a Date on PostgreSQL. */
const ms = (v: unknown): number | null =>
  v === null || v === undefined ? null : v instanceof Date ? v.getTime() : Date.parse(String(v));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Union of lists of raw rows each in `compare` order, in that order, each case once. */
function merge(
  lists: Record<string, unknown>[][],
  compare: (a: Record<string, unknown>, b: Record<string, unknown>) => number,
): Record<string, unknown>[] {
  const byId = new Map(lists.flat().map((r) => [String(r.id), r]));
  return [...byId.values()].sort(compare);
}
