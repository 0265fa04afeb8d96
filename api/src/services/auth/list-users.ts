import type { Role } from '@wangge/shared/domain/constants';
import { significantPrefix } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';
import { ACCOUNT_SELECT, presentAccount } from './present-account';

/** Accounts by username, filtered by role, unit (its subtree) and text; cursor = last username. */
export async function listUsers(
  ctx: AppContext,
  query: {
    role?: Role;
    unit?: string;
    q?: string;
    active?: 'true' | 'false';
    cursor?: string;
    limit: number;
  },
) {
  const rows = await ctx.db.read.user.findMany({
    where: {
      ...(query.role ? { role: query.role } : {}),
      ...(query.unit ? { unitCode: { startsWith: significantPrefix(query.unit) } } : {}),
      ...(query.active ? { isActive: query.active === 'true' } : {}),
      ...(query.q
        ? { OR: [{ username: { contains: query.q } }, { displayName: { contains: query.q } }] }
        : {}),
      ...(query.cursor ? { username: { gt: query.cursor } } : {}),
    },
    orderBy: { username: 'asc' },
    take: query.limit + 1,
    select: ACCOUNT_SELECT,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(presentAccount),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.username ?? null) : null,
  };
}
