import type { Role } from '@wangge/shared/domain/constants';
import type { RequestHandler } from 'express';
import type { AppContext } from '../context';
import type { AuthUser } from '../services/auth/auth-user';
import { loadAuthUser } from '../services/auth/load-auth-user';
import { AppError } from './app-error';

/** Resolves `Authorization: Bearer <token>` to req.user, or answers 401. */
export function requireAuth(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
    if (!match?.[1])
      throw new AppError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <token>.');
    const user = await loadAuthUser(ctx.db.read, match[1], ctx.clock.now(), ctx.sessions);
    if (!user)
      throw new AppError('UNAUTHENTICATED', 'The token is unknown, expired or revoked; sign in again.');
    req.user = user;
    next();
  };
}

/** The authenticated user of a request behind requireAuth. */
export function currentUser(req: { user?: AuthUser }): AuthUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return req.user;
}

/** 403 unless the caller has one of the roles. */
export function requireRole(user: AuthUser, roles: readonly Role[]): void {
  if (!roles.includes(user.role)) throw new AppError('FORBIDDEN', 'Your role may not do this.');
}
