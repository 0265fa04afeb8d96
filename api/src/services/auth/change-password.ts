import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import { type RequestOrigin, recordAuthEvent } from './auth-events';
import type { AuthUser } from './auth-user';
import { hashPassword, verifyPassword } from './password';
import { passwordDetails } from './password-policy';
import { evictRevoked, revokeSessions } from './revoke-sessions';

/**
 * A user changes their own password: the current one must be right (else 400 listing it with
 * any policy problems of the new one); every other session of theirs ends, this one stays.
 */
export async function changePassword(
  ctx: AppContext,
  me: AuthUser,
  body: { currentPassword: string; newPassword: string },
  origin: RequestOrigin,
): Promise<{ revokedSessions: number }> {
  const user = await ctx.db.read.user.findUnique({ where: { id: me.id } });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in again.');
  const details = passwordDetails(body.newPassword, user.username, 'newPassword');
  if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
    details.unshift({ path: 'currentPassword', message: '当前密码不正确 · the current password is wrong' });
  } else if (body.newPassword === body.currentPassword) {
    details.push({
      path: 'newPassword',
      message: '新密码不能与当前密码相同 · must differ from the current password',
    });
  }
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', 'The password was not changed.', details);
  const passwordHash = await hashPassword(body.newPassword);
  const now = ctx.clock.now();
  const revoked = await ctx.db.transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const ids = await revokeSessions(tx, user.id, now, me.sessionId);
    await recordAuthEvent(tx, {
      at: now,
      outcome: 'PASSWORD_CHANGED',
      username: user.username,
      userId: user.id,
      actorId: user.id,
      origin,
    });
    return ids;
  });
  evictRevoked(ctx, revoked);
  return { revokedSessions: revoked.length };
}
