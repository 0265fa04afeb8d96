import type { AppContext } from '../../context';
import { type RequestOrigin, recordAuthEvent } from './auth-events';
import type { AuthUser } from './auth-user';
import { evictRevoked, revokeSessions } from './revoke-sessions';

/** Ends every session of the caller (this one included), on every node. */
export async function signOutEverywhere(
  ctx: AppContext,
  me: AuthUser,
  origin: RequestOrigin,
): Promise<{ revokedSessions: number }> {
  const now = ctx.clock.now();
  const revoked = await ctx.db.transaction(async (tx) => {
    const ids = await revokeSessions(tx, me.id, now);
    await recordAuthEvent(tx, {
      at: now,
      outcome: 'SIGNED_OUT_EVERYWHERE',
      username: me.username,
      userId: me.id,
      actorId: me.id,
      origin,
    });
    return ids;
  });
  // The current session too, even if it was read from the cache after another node revoked it.
  evictRevoked(ctx, [...new Set([...revoked, me.sessionId])]);
  return { revokedSessions: revoked.length };
}
