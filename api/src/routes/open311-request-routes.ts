import {
  ZOpen311NewRequest,
  ZOpen311Query,
  ZOpen311RequestQuery,
  ZOpen311UpdatesQuery,
} from '@wangge/shared/schemas/open311';
import { type Request, Router } from 'express';
import type { AppContext } from '../context';
import { notFound, parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { open311Format, sendOpen311 } from '../http/open311-answer';
import { findOpen311Requests } from '../services/open311/find-open311-requests';
import { listOpen311Updates } from '../services/open311/list-open311-updates';
import { submitOpen311Request } from '../services/open311/submit-open311-request';
import { validateOpen311Request } from '../services/open311/validate-open311-request';
import { verifyOpen311Key } from '../services/open311/verify-open311-key';
import { GEOREPORT_V2 } from '../services/openapi/build-openapi-document';

const REQUESTS = { root: 'service_requests', item: 'request' };

/** Open311's service requests: POST with an api_key; GET lists, one request, tokens, updates (public). */
export function open311RequestRoutes(ctx: AppContext): Router {
  const router = Router();
  /** The requests named by one path id (and the jurisdiction of the query), or 404. */
  const named = async (req: Request, id: string, what: string) => {
    const q = parseOrThrow(ZOpen311RequestQuery, { service_request_id: id }, 'path');
    const found = await findOpen311Requests(ctx, {
      ...parseOrThrow(ZOpen311Query, req.query, 'query'),
      ...q,
    });
    if (found.length === 0) throw notFound(`No such ${what}.`);
    return found;
  };

  router.post(
    '/requests.:format',
    describeRoute({
      summary: '提交诉求 · Create a service request',
      auth: 'api_key',
      body: ZOpen311NewRequest,
      bodyType: 'application/x-www-form-urlencoded, application/json',
      status: 201,
      externalDocs: { url: GEOREPORT_V2 },
      errors: ['FORBIDDEN', 'RATE_LIMITED'],
    }),
    async (req, res) => {
      const format = open311Format(req);
      const keyId = await verifyOpen311Key(ctx, (req.body as { api_key?: unknown } | undefined)?.api_key);
      const input = await validateOpen311Request(ctx, req.body);
      sendOpen311(res, format, REQUESTS, [await submitOpen311Request(ctx, keyId, input)], 201);
    },
  );
  router.get(
    '/requests.:format',
    describeRoute({
      summary: '查询诉求 · Service requests (90 days, at most 1,000)',
      query: ZOpen311RequestQuery,
      auth: 'public',
      externalDocs: { url: GEOREPORT_V2 },
      errors: ['RATE_LIMITED'],
    }),
    async (req, res) => {
      const format = open311Format(req);
      const q = parseOrThrow(ZOpen311RequestQuery, req.query, 'query');
      sendOpen311(res, format, REQUESTS, await findOpen311Requests(ctx, q));
    },
  );
  router.get(
    '/requests/:id.:format',
    describeRoute({
      summary: '单个诉求 · One service request',
      query: ZOpen311Query,
      auth: 'public',
      externalDocs: { url: GEOREPORT_V2 },
      errors: ['RATE_LIMITED'],
    }),
    async (req, res) => {
      const format = open311Format(req);
      sendOpen311(res, format, REQUESTS, await named(req, req.params.id, 'service_request_id'));
    },
  );
  // Requests are created at once (service_request_id in the POST's answer), so a request's
  // token is its service_request_id: the lookup answers for every id issued.
  router.get(
    '/tokens/:token.:format',
    describeRoute({
      summary: '令牌换编号 · service_request_id from a token',
      query: ZOpen311Query,
      auth: 'public',
      externalDocs: { url: GEOREPORT_V2 },
      errors: ['RATE_LIMITED'],
    }),
    async (req, res) => {
      const format = open311Format(req);
      const found = await named(req, req.params.token, 'token');
      const body = found.map((r) => ({
        service_request_id: r.service_request_id,
        token: r.service_request_id,
      }));
      sendOpen311(res, format, REQUESTS, body);
    },
  );
  router.get(
    '/servicerequestupdates.:format',
    describeRoute({
      summary: '诉求进展 · Status updates (FixMyStreet extension)',
      query: ZOpen311UpdatesQuery,
      auth: 'public',
      externalDocs: { url: GEOREPORT_V2 },
      errors: ['RATE_LIMITED'],
    }),
    async (req, res) => {
      const format = open311Format(req);
      const q = parseOrThrow(ZOpen311UpdatesQuery, req.query, 'query');
      const updates = await listOpen311Updates(ctx, q);
      sendOpen311(res, format, { root: 'service_requests_updates', item: 'request_update' }, updates);
    },
  );
  return router;
}
