import { ZChangePassword, ZLogin, ZMe } from '@wangge/shared/schemas/auth';
import { type Request, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser, requireAuth } from '../http/require-auth';
import type { RequestOrigin } from '../services/auth/auth-events';
import { changePassword } from '../services/auth/change-password';
import { login, logout } from '../services/auth/login';
import { ThrottledError } from '../services/auth/login-throttle';
import { signOutEverywhere } from '../services/auth/sign-out-everywhere';
import { presentUser } from './present-user';

/** The sign-in answer's data. */
const ZSignedIn = z.object({ token: z.string(), expiresAt: z.iso.datetime(), user: ZMe });

/** The client's address (req.ip honours TRUST_PROXY) and user agent, for throttling and the audit. */
export const originOf = (req: Request): RequestOrigin => ({
  ip: req.ip ?? req.socket.remoteAddress ?? null,
  userAgent: req.get('user-agent') ?? null,
});

export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post(
    '/auth/login',
    describeRoute({
      summary: '登录 · Sign in',
      auth: 'public',
      body: ZLogin,
      data: ZSignedIn,
      errors: ['INVALID_CREDENTIALS', 'RATE_LIMITED'],
    }),
    async (req, res) => {
      const body = parseOrThrow(ZLogin, req.body);
      try {
        const { token, expiresAt, user } = await login(ctx, body.username, body.password, originOf(req));
        res.json({ data: { token, expiresAt, user: presentUser(user) } });
      } catch (error) {
        if (error instanceof ThrottledError) res.set('Retry-After', String(error.retryAfterSec));
        throw error;
      }
    },
  );
  router.post(
    '/auth/logout',
    describeRoute({ summary: '退出登录 · Sign out (the token is revoked)', status: 204 }),
    requireAuth(ctx),
    async (req, res) => {
      await logout(ctx, currentUser(req).sessionId);
      res.status(204).end();
    },
  );
  // Every session of the caller, this one included, on every node.
  router.post(
    '/auth/logout-all',
    describeRoute({ summary: '全部设备退出 · Sign out every session of the caller' }),
    requireAuth(ctx),
    async (req, res) => {
      res.json({ data: await signOutEverywhere(ctx, currentUser(req), originOf(req)) });
    },
  );
  // The caller's own password; their other sessions end, this one stays.
  router.post(
    '/auth/password',
    describeRoute({
      summary: '修改密码 · Change own password',
      body: ZChangePassword,
      errors: ['INVALID_CREDENTIALS'],
    }),
    requireAuth(ctx),
    async (req, res) => {
      const body = parseOrThrow(ZChangePassword, req.body);
      res.json({ data: await changePassword(ctx, currentUser(req), body, originOf(req)) });
    },
  );
  router.get(
    '/me',
    describeRoute({ summary: '当前用户 · The signed-in user', data: ZMe }),
    requireAuth(ctx),
    (req, res) => {
      res.json({ data: presentUser(currentUser(req)) });
    },
  );
  return router;
}
