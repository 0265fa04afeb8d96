import type { TListCasesQuery } from '@wangge/shared/schemas/cases';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../http/app-error';
import { caseScopeBranches, unitSubtreeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { presentCaseSummary } from './present-case';

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

/** Cases in the caller's jurisdiction, newest first, filtered, one page at a time. */
export async function listCases(ctx: AppContext, user: AuthUser, q: TListCasesQuery) {
  const filters: Prisma.CaseWhereInput[] = [];
  if (q.state) filters.push({ state: { in: q.state } });
  if (q.unit) filters.push(unitSubtreeWhere(q.unit));
  if (q.grid) filters.push({ gridCode: q.grid });
  if (q.owner) filters.push({ ownerUnitCode: q.owner });
  if (q.category) filters.push({ categoryCode: { startsWith: q.category } });
  if (q.q)
    filters.push({
      OR: [{ title: { contains: q.q } }, { code: { contains: q.q } }, { description: { contains: q.q } }],
    });
  if (q.mine === 'reported') filters.push({ reporterId: user.id });
  if (q.mine === 'department') filters.push({ tasks: { some: { departmentId: user.departmentId ?? '' } } });
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    filters.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  const branches = await Promise.all(
    caseScopeBranches(user).map((scope) =>
      ctx.db.read.case.findMany({
        where: { AND: [scope, ...filters] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: q.limit + 1,
      }),
    ),
  );
  const rows = branches.length === 1 ? branches[0]! : mergeNewestFirst(branches);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map((c) => presentCaseSummary(c, ctx.clock.now())),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}

/** Union of newest-first lists, newest first, each case once. */
function mergeNewestFirst<T extends { id: string; createdAt: Date }>(lists: T[][]): T[] {
  const byId = new Map(lists.flat().map((r) => [r.id, r]));
  return [...byId.values()].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}
