import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import type { AuthUser } from './auth-user';
import { loadAuthUser } from './load-auth-user';
import { hashPassword, verifyPassword } from './password';
import { createToken, hashToken } from './tokens';

// Verified against when the username is unknown, so timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => {
  dummyHash ??= hashPassword('not-a-real-password');
  return dummyHash;
};

/** Checks credentials and opens a session. Throws INVALID_CREDENTIALS or RATE_LIMITED. */
export async function login(
  ctx: AppContext,
  username: string,
  password: string,
): Promise<{ token: string; expiresAt: Date; user: AuthUser }> {
  ctx.loginThrottle.attempt(username);
  const user = await ctx.db.read.user.findUnique({ where: { username } });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
  if (!user || !ok || !user.isActive) {
    throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password.');
  }
  ctx.loginThrottle.succeed(username);
  const token = createToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.tokenTtlHours * 3_600_000);
  await ctx.db.transaction(async (tx) => {
    await tx.session.create({
      data: { tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt },
    });
  });
  const authUser = await loadAuthUser(ctx.db.read, token, now);
  if (!authUser) throw new Error('session vanished right after creation');
  return { token, expiresAt, user: authUser };
}

/** Revokes the session behind the current token. */
export async function logout(ctx: AppContext, sessionId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.session.update({ where: { id: sessionId }, data: { revokedAt: ctx.clock.now() } });
  });
  ctx.sessions.evictSession(sessionId);
}
