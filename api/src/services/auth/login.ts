import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import { type RequestOrigin, recordAuthEvent } from './auth-events';
import type { AuthUser } from './auth-user';
import { loadAuthUser } from './load-auth-user';
import { ThrottledError } from './login-throttle';
import { hashPassword, verifyPassword } from './password';
import { createToken, hashToken } from './tokens';

// Verified against when the username is unknown, so timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => {
  dummyHash ??= hashPassword('not-a-real-password');
  return dummyHash;
};

/**
 * Checks credentials and opens a session; every outcome goes to the sign-in audit. Throws
 * INVALID_CREDENTIALS (also for a disabled account) or RATE_LIMITED (ThrottledError).
 */
export async function login(
  ctx: AppContext,
  username: string,
  password: string,
  origin: RequestOrigin = { ip: null, userAgent: null },
): Promise<{ token: string; expiresAt: Date; user: AuthUser }> {
  const audit = (outcome: 'BAD_CREDENTIALS' | 'THROTTLED' | 'DISABLED', userId: string | null = null) =>
    ctx.db.transaction((tx) =>
      recordAuthEvent(tx, { at: ctx.clock.now(), outcome, username, userId, actorId: userId, origin }),
    );
  let attempt: Awaited<ReturnType<AppContext['loginThrottle']['attempt']>>;
  try {
    attempt = await ctx.loginThrottle.attempt(username, origin.ip ?? 'unknown');
  } catch (error) {
    if (error instanceof ThrottledError) await audit('THROTTLED');
    throw error;
  }
  const user = await ctx.db.read.user.findUnique({ where: { username } });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
  if (!user || !ok || !user.isActive) {
    await audit(user && ok ? 'DISABLED' : 'BAD_CREDENTIALS', user?.id ?? null);
    throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password.');
  }
  await attempt.succeeded();
  const token = createToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.tokenTtlHours * 3_600_000);
  await ctx.db.transaction(async (tx) => {
    await tx.session.create({
      data: { tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt },
    });
    await recordAuthEvent(tx, {
      at: now,
      outcome: 'SUCCESS',
      username,
      userId: user.id,
      actorId: user.id,
      origin,
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
