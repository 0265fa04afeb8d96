import type { Db } from '../../db/open-database';
import type { AuthUser } from './auth-user';
import type { SessionCache } from './session-cache';
import { hashToken } from './tokens';

/**
 * Resolves a bearer token to its user, or null when the token is unknown, expired, revoked
 * or the account is disabled. Grid workers come with the cells they serve.
 */
export async function loadAuthUser(
  db: Db,
  token: string,
  now: Date,
  cache?: SessionCache,
): Promise<AuthUser | null> {
  const tokenHash = hashToken(token);
  const cached = cache?.get(tokenHash, now.getTime());
  if (cached) return cached;
  const session = await db.session.findUnique({
    where: { tokenHash },
    include: { user: { include: { gridRoles: { select: { gridCode: true } } } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= now || !session.user.isActive) return null;
  if (cache?.isEnded(session.id)) return null;
  const { user } = session;
  const authUser: AuthUser = {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitCode: user.unitCode,
    departmentId: user.departmentId,
    gridCodes: [...new Set(user.gridRoles.map((g) => g.gridCode))].sort(),
    sessionId: session.id,
  };
  cache?.set(tokenHash, authUser, session.expiresAt.getTime(), now.getTime());
  return authUser;
}
