import type { AppContext } from '../../context';
import { AppError, notFound } from '../../http/app-error';
import { type RequestOrigin, recordAuthEvent } from './auth-events';
import { ACCOUNT_SELECT, presentAccount } from './present-account';
import { evictRevoked, revokeSessions } from './revoke-sessions';

/**
 * Disables (and ends every session of, on every node) or re-enables an account. 404 for an
 * unknown id. An admin cannot disable themselves (422): the city would be left without one.
 */
export async function setUserActive(
  ctx: AppContext,
  userId: string,
  active: boolean,
  actor: { id: string; origin: RequestOrigin },
) {
  const now = ctx.clock.now();
  const { account, revoked } = await ctx.db.transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, username: true } });
    if (!user) throw notFound('No such user.');
    if (!active && user.id === actor.id) {
      throw new AppError('RULE_VIOLATION', 'You cannot disable your own account.');
    }
    await tx.user.update({ where: { id: user.id }, data: { isActive: active } });
    const revoked = active ? [] : await revokeSessions(tx, user.id, now);
    await recordAuthEvent(tx, {
      at: now,
      outcome: active ? 'USER_ENABLED' : 'USER_DISABLED',
      username: user.username,
      userId: user.id,
      actorId: actor.id,
      origin: actor.origin,
    });
    return {
      account: await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: ACCOUNT_SELECT }),
      revoked,
    };
  });
  evictRevoked(ctx, revoked);
  return { ...presentAccount(account), revokedSessions: revoked.length };
}
