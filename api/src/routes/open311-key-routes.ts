import { ZIssueOpen311Key } from '@wangge/shared/schemas/open311';
import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { currentUser, requireRole } from '../http/require-auth';
import { issueOpen311Key } from '../services/open311/issue-open311-key';
import { listOpen311Keys } from '../services/open311/list-open311-keys';
import { revokeOpen311Key } from '../services/open311/revoke-open311-key';

const ZId = z.object({ id: z.uuid() });

/** Open311 api_keys (docs/channels.md): admins issue (the key shown once), list and revoke them. */
export function open311KeyRoutes(ctx: AppContext): Router {
  const router = Router();
  const adminOnly: RequestHandler = (req, _res, next) => {
    requireRole(currentUser(req), ['ADMIN']);
    next();
  };
  router.get(
    '/admin/open311-keys',
    describeRoute({ summary: '开放接口密钥列表 · The Open311 api_keys (never a key)', roles: ['ADMIN'] }),
    adminOnly,
    async (_req, res) => {
      res.json({ data: await listOpen311Keys(ctx) });
    },
  );
  router.post(
    '/admin/open311-keys',
    describeRoute({
      summary: '签发开放接口密钥 · Issue an api_key (shown once)',
      roles: ['ADMIN'],
      body: ZIssueOpen311Key,
      status: 201,
    }),
    adminOnly,
    async (req, res) => {
      const input = parseOrThrow(ZIssueOpen311Key, req.body, 'body');
      res.status(201).json({ data: await issueOpen311Key(ctx, currentUser(req), input) });
    },
  );
  const revoke: RequestHandler = async (req, res) => {
    const { id } = parseOrThrow(ZId, req.params, 'path');
    res.json({ data: await revokeOpen311Key(ctx, id) });
  };
  router.post(
    '/admin/open311-keys/:id/revoke',
    describeRoute({ summary: '吊销开放接口密钥 · Revoke an api_key', roles: ['ADMIN'], params: ZId }),
    adminOnly,
    revoke,
  );
  router.delete(
    '/admin/open311-keys/:id',
    describeRoute({
      summary: '吊销开放接口密钥 · Revoke an api_key (DELETE)',
      roles: ['ADMIN'],
      params: ZId,
    }),
    adminOnly,
    revoke,
  );
  return router;
}
