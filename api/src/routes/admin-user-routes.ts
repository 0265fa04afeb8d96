import { ZAuthEventQuery, ZCreateUser, ZResetPassword, ZUserListQuery } from '@wangge/shared/schemas/auth';
import express, { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser, requireAuth, requireRole } from '../http/require-auth';
import { createUser } from '../services/auth/create-user';
import { listAuthEvents } from '../services/auth/list-auth-events';
import { listUsers } from '../services/auth/list-users';
import { resetPassword } from '../services/auth/reset-password';
import { setUserActive } from '../services/auth/set-user-active';
import { originOf } from './auth-routes';

const ZId = z.object({ id: z.string().min(1).max(64) });

/**
 * Accounts and the sign-in audit, mounted under /api/admin before the API's JSON parser (with
 * a small one of its own): signed in (401) and ADMIN (403), on these paths only.
 */
export function adminUserRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(['/users', '/auth-events'], requireAuth(ctx), (req, _res, next) => {
    requireRole(currentUser(req), ['ADMIN']);
    next();
  });
  router.use(['/users', '/auth-events'], express.json({ limit: '64kb' }));
  router.get(
    '/users',
    describeRoute({
      summary: '账号列表 · List accounts',
      roles: ['ADMIN'],
      query: ZUserListQuery,
      raw: true,
    }),
    async (req, res) => {
      res.json({ data: await listUsers(ctx, parseOrThrow(ZUserListQuery, req.query, 'query')) });
    },
  );
  router.post(
    '/users',
    describeRoute({
      summary: '新建账号 · Create an account',
      roles: ['ADMIN'],
      body: ZCreateUser,
      status: 201,
      errors: ['VERSION_CONFLICT'],
    }),
    async (req, res) => {
      const me = currentUser(req);
      res.status(201).json({ data: await createUser(ctx, req.body, { id: me.id, origin: originOf(req) }) });
    },
  );
  router.post(
    '/users/:id/disable',
    describeRoute({
      summary: '停用账号 · Disable an account (its sessions end)',
      roles: ['ADMIN'],
      params: ZId,
    }),
    async (req, res) => {
      const { id } = parseOrThrow(ZId, req.params);
      const me = currentUser(req);
      res.json({ data: await setUserActive(ctx, id, false, { id: me.id, origin: originOf(req) }) });
    },
  );
  router.post(
    '/users/:id/enable',
    describeRoute({ summary: '启用账号 · Enable an account', roles: ['ADMIN'], params: ZId }),
    async (req, res) => {
      const { id } = parseOrThrow(ZId, req.params);
      const me = currentUser(req);
      res.json({ data: await setUserActive(ctx, id, true, { id: me.id, origin: originOf(req) }) });
    },
  );
  router.post(
    '/users/:id/reset-password',
    describeRoute({
      summary: '重置密码 · Reset an account’s password',
      roles: ['ADMIN'],
      params: ZId,
      body: ZResetPassword,
    }),
    async (req, res) => {
      const { id } = parseOrThrow(ZId, req.params);
      const body = parseOrThrow(ZResetPassword, req.body);
      const me = currentUser(req);
      res.json({ data: await resetPassword(ctx, id, body.password, { id: me.id, origin: originOf(req) }) });
    },
  );
  router.get(
    '/auth-events',
    describeRoute({
      summary: '登录审计 · The sign-in audit, newest first',
      roles: ['ADMIN'],
      query: ZAuthEventQuery,
    }),
    async (req, res) => {
      res.json({ data: await listAuthEvents(ctx, parseOrThrow(ZAuthEventQuery, req.query, 'query')) });
    },
  );
  return router;
}
