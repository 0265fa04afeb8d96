import type { AppContext } from '../../context';
import type { Tx } from '../../db/database';

/**
 * Revokes a user's live sessions (all, or all but `keep`) inside the caller's transaction.
 * Returns their ids: pass them to `evictRevoked` after the commit, which drops them from this
 * node's cache, disconnects their sockets and tells the other nodes (through Redis).
 */
export async function revokeSessions(
  tx: Tx,
  userId: string,
  now: Date,
  keep: string | null = null,
): Promise<string[]> {
  const live = await tx.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, ...(keep ? { id: { not: keep } } : {}) },
    select: { id: true },
  });
  const ids = live.map((s) => s.id);
  if (ids.length > 0) {
    await tx.session.updateMany({ where: { id: { in: ids } }, data: { revokedAt: now } });
  }
  return ids;
}

/** Ends revoked sessions everywhere (after the revoking transaction committed). */
export function evictRevoked(ctx: AppContext, sessionIds: readonly string[]): void {
  for (const id of sessionIds) ctx.sessions.evictSession(id);
}
