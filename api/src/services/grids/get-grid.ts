import { isWithin } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import { findHomeUnit } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { resolveCurrentCode } from '../reference/resolve-code';

/**
 * One cell with its geometry and its "1+N" team, phones masked for everyone (they are stored
 * only encrypted; docs/register.md) (404 outside the caller's subtree). An old
 * code (a cell of a renamed village) answers with the current cell and `aliasOf`.
 */
export async function getGrid(ctx: AppContext, user: AuthUser, requested: string) {
  const { code, aliasOf } = await resolveCurrentCode(ctx, requested);
  const home = await findHomeUnit(ctx, user);
  if (!home || !isWithin(code, home)) throw notFound('No such grid cell.');
  const grid = await ctx.db.read.grid.findUnique({
    where: { code },
    include: { members: { orderBy: [{ position: 'asc' }, { role: 'asc' }] } },
  });
  if (!grid) throw notFound('No such grid cell.');
  const { geometry, members, ...cell } = grid;
  return {
    ...cell,
    ...(aliasOf ? { aliasOf } : {}),
    geometry: JSON.parse(geometry) as unknown,
    team: members.map((m) => ({
      role: m.role,
      name: m.name,
      phone: m.phoneMasked,
      userId: m.userId,
    })),
  };
}
