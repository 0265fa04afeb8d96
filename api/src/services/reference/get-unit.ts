import { chainOf } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import { findHomeUnit, isUnitVisible } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { resolveCurrentCode } from './resolve-code';

/** A unit with its chain up to the city and its children (404 outside the caller's view). */
export async function getUnit(ctx: AppContext, user: AuthUser, requested: string) {
  const { code, aliasOf } = await resolveCurrentCode(ctx, requested);
  const home = await findHomeUnit(ctx, user);
  if (!isUnitVisible(home, code)) throw notFound('No such unit.');
  const unit = await ctx.db.read.unit.findUnique({ where: { code } });
  if (!unit) throw notFound('No such unit.');
  const chainCodes = chainOf(code).reverse();
  const [chain, children, gridCount] = await Promise.all([
    ctx.db.read.unit.findMany({
      where: { code: { in: chainCodes } },
      select: { code: true, name: true, level: true },
    }),
    ctx.db.read.unit.findMany({
      where: { parentCode: code },
      orderBy: { code: 'asc' },
      select: { code: true, name: true, level: true, isUrban: true },
    }),
    unit.level === 'VILLAGE'
      ? ctx.db.read.grid.count({ where: { villageCode: code } })
      : Promise.resolve(null),
  ]);
  // A township sees its county in the chain but not the county's other townships.
  const visibleChildren = children.filter((c) => isUnitVisible(home, c.code));
  return {
    ...unit,
    ...(aliasOf ? { aliasOf } : {}),
    chain: chainCodes.map((c) => chain.find((u) => u.code === c)).filter(Boolean),
    children: visibleChildren,
    ...(gridCount !== null ? { gridCount } : {}),
  };
}
