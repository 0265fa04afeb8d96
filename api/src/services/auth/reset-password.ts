import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import { type RequestOrigin, recordAuthEvent } from './auth-events';
import { hashPassword } from './password';
import { assertPasswordPolicy } from './password-policy';
import { evictRevoked, revokeSessions } from './revoke-sessions';

/**
 * Sets a user's password (an admin, or the reset CLI): the policy applies; every session of
 * that user ends on every node. 404 for an unknown id.
 */
export async function resetPassword(
  ctx: AppContext,
  userId: string,
  password: string,
  actor: { id: string | null; origin: RequestOrigin | null },
): Promise<{ revokedSessions: number }> {
  const user = await ctx.db.read.user.findUnique({
    where: { id: userId },
    select: { id: true, username: true },
  });
  if (!user) throw notFound('No such user.');
  assertPasswordPolicy(password, user.username, 'password');
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  const revoked = await ctx.db.transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: user.id }, data: { passwordHash } });
    if (updated.count === 0) throw notFound('No such user.');
    const ids = await revokeSessions(tx, user.id, now);
    await recordAuthEvent(tx, {
      at: now,
      outcome: 'PASSWORD_RESET',
      username: user.username,
      userId: user.id,
      actorId: actor.id,
      origin: actor.origin,
    });
    return ids;
  });
  evictRevoked(ctx, revoked);
  return { revokedSessions: revoked.length };
}
