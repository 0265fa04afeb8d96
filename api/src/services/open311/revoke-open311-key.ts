import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';

/** Revokes an Open311 key: refused from the next request on. Revoking twice keeps the first time. */
export async function revokeOpen311Key(
  ctx: AppContext,
  id: string,
): Promise<{ id: string; revokedAt: string }> {
  const now = ctx.clock.now();
  await ctx.db.write.open311Key.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  const row = await ctx.db.write.open311Key.findUnique({ where: { id }, select: { revokedAt: true } });
  if (!row?.revokedAt) throw notFound('No such Open311 key.');
  return { id, revokedAt: row.revokedAt.toISOString() };
}
