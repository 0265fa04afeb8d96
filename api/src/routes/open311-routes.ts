import { ZOpen311Query, ZOpen311RequestQuery, ZOpen311UpdatesQuery } from '@wangge/shared/schemas/open311';
import express, { type Request, Router } from 'express';
import type { AppContext } from '../context';
import { AppError, notFound, parseOrThrow } from '../http/app-error';
import { guardInput } from '../http/input-guards';
import { open311ErrorHandler, open311Format, sendOpen311 } from '../http/open311-answer';
import { describeOpen311 } from '../services/open311/describe-open311';
import { findOpen311Requests } from '../services/open311/find-open311-requests';
import { getOpen311ServiceDefinition } from '../services/open311/get-open311-service-definition';
import { listOpen311Services } from '../services/open311/list-open311-services';
import { listOpen311Updates } from '../services/open311/list-open311-updates';
import { submitOpen311Request } from '../services/open311/submit-open311-request';
import { validateOpen311Request } from '../services/open311/validate-open311-request';
import { verifyOpen311Key } from '../services/open311/verify-open311-key';

/**
 * Open311 GeoReport v2 at /open311/v2 (docs/channels.md): public reads rate-limited per
 * address, new requests with an api_key (form-encoded as the specification says, or JSON),
 * every answer as .json or .xml, failures as the specification's error list.
 */
export function open311Routes(ctx: AppContext): Router {
  const router = Router();
  router.use(guardInput);
  router.use(express.urlencoded({ extended: true, limit: '64kb', parameterLimit: 100 }));
  router.use(express.json({ limit: '64kb' }));
  // jurisdiction_id: ours or none; any other is refused, as the specification asks.
  router.use((req, _res, next) => {
    const given = (req.query.jurisdiction_id ??
      (req.body as { jurisdiction_id?: unknown })?.jurisdiction_id) as unknown | undefined;
    if (given !== undefined && given !== ctx.config.open311.jurisdictionId)
      return next(
        new AppError(
          'NOT_FOUND',
          `jurisdiction_id: this server serves only ${ctx.config.open311.jurisdictionId}.`,
        ),
      );
    if (req.method === 'GET') return ctx.open311Limits.read(req.ip ?? 'unknown').then(() => next(), next);
    next();
  });
  const query = (req: Request) => parseOrThrow(ZOpen311Query, req.query, 'query');

  router.get('/discovery.:format', (req, res) => {
    const format = open311Format(req);
    query(req);
    const d = describeOpen311(ctx, req);
    // XML nests the endpoints and their formats as repeated elements.
    const body =
      format === 'xml'
        ? {
            ...d,
            endpoints: { endpoint: d.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) },
          }
        : d;
    sendOpen311(res, format, { root: 'discovery' }, body);
  });
  router.get('/services.:format', async (req, res) => {
    const format = open311Format(req);
    query(req);
    sendOpen311(res, format, { root: 'services', item: 'service' }, await listOpen311Services(ctx));
  });
  router.get('/services/:code.:format', async (req, res) => {
    const format = open311Format(req);
    query(req);
    const definition = await getOpen311ServiceDefinition(ctx, req.params.code);
    // XML nests each attribute (and its values) in its own element.
    const body =
      format === 'xml'
        ? { service_code: definition.service_code, attributes: { attribute: definition.attributes } }
        : definition;
    sendOpen311(res, format, { root: 'service_definition' }, body);
  });
  router.post('/requests.:format', async (req, res) => {
    const format = open311Format(req);
    const keyId = await verifyOpen311Key(ctx, (req.body as { api_key?: unknown } | undefined)?.api_key);
    const input = await validateOpen311Request(ctx, req.body);
    const created = await submitOpen311Request(ctx, keyId, input);
    sendOpen311(res, format, { root: 'service_requests', item: 'request' }, [created], 201);
  });
  router.get('/requests.:format', async (req, res) => {
    const format = open311Format(req);
    const q = parseOrThrow(ZOpen311RequestQuery, req.query, 'query');
    sendOpen311(
      res,
      format,
      { root: 'service_requests', item: 'request' },
      await findOpen311Requests(ctx, q),
    );
  });
  router.get('/requests/:id.:format', async (req, res) => {
    const format = open311Format(req);
    const q = parseOrThrow(ZOpen311RequestQuery, { service_request_id: req.params.id }, 'path');
    const found = await findOpen311Requests(ctx, { ...query(req), ...q });
    if (found.length === 0) throw notFound('No such service_request_id.');
    sendOpen311(res, format, { root: 'service_requests', item: 'request' }, found);
  });
  // Requests are created at once (service_request_id in the POST's answer), so a request's
  // token is its service_request_id: the lookup answers for every id issued.
  router.get('/tokens/:token.:format', async (req, res) => {
    const format = open311Format(req);
    const q = parseOrThrow(ZOpen311RequestQuery, { service_request_id: req.params.token }, 'path');
    const found = await findOpen311Requests(ctx, { ...query(req), ...q });
    if (found.length === 0) throw notFound('No such token.');
    const body = found.map((r) => ({
      service_request_id: r.service_request_id,
      token: r.service_request_id,
    }));
    sendOpen311(res, format, { root: 'service_requests', item: 'request' }, body);
  });
  router.get('/servicerequestupdates.:format', async (req, res) => {
    const format = open311Format(req);
    const q = parseOrThrow(ZOpen311UpdatesQuery, req.query, 'query');
    sendOpen311(
      res,
      format,
      { root: 'service_requests_updates', item: 'request_update' },
      await listOpen311Updates(ctx, q),
    );
  });
  router.use((_req, _res, next) => next(notFound('No such Open311 resource.')));
  router.use(open311ErrorHandler(ctx.log));
  return router;
}
