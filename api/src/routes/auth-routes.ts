import { ZLogin } from '@wangge/shared/schemas/auth';
import { Router } from 'express';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { currentUser, requireAuth } from '../http/require-auth';
import { login, logout } from '../services/auth/login';
import { presentUser } from './present-user';

export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const body = parseOrThrow(ZLogin, req.body);
    const { token, expiresAt, user } = await login(ctx, body.username, body.password);
    res.json({ data: { token, expiresAt, user: presentUser(user) } });
  });
  router.post('/auth/logout', requireAuth(ctx), async (req, res) => {
    await logout(ctx, currentUser(req).sessionId);
    res.status(204).end();
  });
  router.get('/me', requireAuth(ctx), (req, res) => {
    res.json({ data: presentUser(currentUser(req)) });
  });
  return router;
}
