import type { AppContext } from '../../context';

/**
 * The Open311 keys, newest first, without the keys themselves (only their first characters),
 * and the jurisdiction_id clients are to send (for the admin to pass on with a key).
 */
export async function listOpen311Keys(ctx: AppContext) {
  const rows = await ctx.db.read.open311Key.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      keyPrefix: true,
      createdAt: true,
      revokedAt: true,
      lastUsedAt: true,
    },
  });
  const keys = rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
  return { jurisdictionId: ctx.config.open311.jurisdictionId, keys };
}
