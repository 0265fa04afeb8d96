import type { TListCasesQuery } from '@wangge/shared/schemas/cases';
import type { AppContext } from '../../context';
import { decodeCase } from '../../db/row-codec';
import { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../http/app-error';
import { caseScopeBranchesSql, unitSubtreeSql } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { type CaseSummaryRow, presentCaseSummary, SUMMARY_COLUMNS } from './present-case';

/** Lists read only what a summary shows (a third fewer columns to materialise than `c.*`). */
const COLUMNS = Prisma.raw(SUMMARY_COLUMNS.map((c) => `c."${c}"`).join(', '));

/** Cursor = the last row's (createdAt, id), opaque to clients. */
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid.', [
      { path: 'query.cursor', message: 'invalid cursor' },
    ]);
  }
}

const encodeCursor = (c: { createdAt: Date; id: string }) =>
  Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString('base64url');

/** `value` for a LIKE pattern with `\` as the escape character. */
const likeEscape = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Cases in the caller's jurisdiction, newest first, filtered, one page at a time. A hot read:
 * raw prepared statements on `db.reader`, one index-ordered query per branch of the caller's
 * scope (the access policy's caseScopeBranchesSql), merged in memory.
 */
export async function listCases(ctx: AppContext, user: AuthUser, q: TListCasesQuery) {
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
  if (q.mine === 'reported') filters.push(Prisma.sql`c."reporterId" = ${user.id}`);
  if (q.mine === 'department')
    filters.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Task" mt WHERE mt."caseId" = c."id" AND mt."departmentId" = ${user.departmentId ?? ''})`,
    );
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    filters.push(
      Prisma.sql`(c."createdAt" < ${c.createdAt} OR (c."createdAt" = ${c.createdAt} AND c."id" < ${c.id}))`,
    );
  }
  const branches = await Promise.all(
    caseScopeBranchesSql(user).map(async (scope) => {
      const query = Prisma.sql`SELECT ${COLUMNS} FROM "Case" c WHERE ${Prisma.join([scope, ...filters], ' AND ')}
ORDER BY c."createdAt" DESC, c."id" DESC LIMIT ${q.limit + 1}`;
      return ctx.db.reader.query(query.sql, query.values);
    }),
  );
  // Decoded after the merge: a grid worker's two branches often return the same cases.
  const rows = (branches.length === 1 ? branches[0]! : mergeNewestFirst(branches))
    .slice(0, q.limit + 1)
    .map((r) => decodeCase(r) as CaseSummaryRow);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map((c) => presentCaseSummary(c, ctx.clock.now())),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}

/** A raw row's createdAt in ms: text on SQLite (one fixed format), a Date on PostgreSQL. */
const createdMs = (r: Record<string, unknown>) =>
  r.createdAt instanceof Date ? r.createdAt.getTime() : Date.parse(String(r.createdAt));

/** Union of newest-first lists of raw rows, newest first, each case once. */
function mergeNewestFirst(lists: Record<string, unknown>[][]): Record<string, unknown>[] {
  const byId = new Map(lists.flat().map((r) => [String(r.id), r]));
  return [...byId.values()].sort((a, b) => {
    const [ai, bi] = [String(a.id), String(b.id)];
    return createdMs(b) - createdMs(a) || (ai < bi ? 1 : ai > bi ? -1 : 0);
  });
}
