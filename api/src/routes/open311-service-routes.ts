import { ZOpen311Query } from '@wangge/shared/schemas/open311';
import { Router } from 'express';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { open311Format, sendOpen311 } from '../http/open311-answer';
import { describeOpen311 } from '../services/open311/describe-open311';
import { getOpen311ServiceDefinition } from '../services/open311/get-open311-service-definition';
import { listOpen311Services } from '../services/open311/list-open311-services';
import { GEOREPORT_V2 } from '../services/openapi/build-openapi-document';

/** Open311's discovery document, services and service definitions (public). */
export function open311ServiceRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get(
    '/discovery.:format',
    describeRoute({
      summary: '服务发现 · The discovery document',
      query: ZOpen311Query,
      auth: 'public',
      externalDocs: { url: GEOREPORT_V2 },
      errors: ['RATE_LIMITED'],
    }),
    (req, res) => {
      const format = open311Format(req);
      parseOrThrow(ZOpen311Query, req.query, 'query');
      sendOpen311(
        res,
        format,
        {
          root: 'discovery',
          xml: (d) => ({
            ...d,
            endpoints: { endpoint: d.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) },
          }),
        },
        describeOpen311(ctx, req),
      );
    },
  );
  router.get(
    '/services.:format',
    describeRoute({
      summary: '服务列表 · The services (from the category tree)',
      query: ZOpen311Query,
      auth: 'public',
      externalDocs: { url: GEOREPORT_V2 },
      errors: ['RATE_LIMITED'],
    }),
    async (req, res) => {
      const format = open311Format(req);
      parseOrThrow(ZOpen311Query, req.query, 'query');
      sendOpen311(res, format, { root: 'services', item: 'service' }, await listOpen311Services(ctx));
    },
  );
  router.get(
    '/services/:code.:format',
    describeRoute({
      summary: '服务定义 · A service definition and its attributes',
      query: ZOpen311Query,
      auth: 'public',
      externalDocs: { url: GEOREPORT_V2 },
      errors: ['RATE_LIMITED'],
    }),
    async (req, res) => {
      const format = open311Format(req);
      parseOrThrow(ZOpen311Query, req.query, 'query');
      sendOpen311(
        res,
        format,
        { root: 'service_definition', xml: (d) => ({ ...d, attributes: { attribute: d.attributes } }) },
        await getOpen311ServiceDefinition(ctx, req.params.code),
      );
    },
  );
  return router;
}
