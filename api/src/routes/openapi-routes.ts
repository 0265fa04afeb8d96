import { type Express, Router } from 'express';
import { describeRoute } from '../http/describe-route';
import { listRoutes } from '../http/route-table';
import { buildOpenApiDocument } from '../services/openapi/build-openapi-document';

/** Built once per app, on the first request: the router does not change after start-up. */
const documents = new WeakMap<Express, string>();

/**
 * GET /api/openapi.json: the OpenAPI 3.1 description of this very app, read from its router.
 * Signed-in only: a city need not publish the map of its internal API (Open311 has its own
 * public discovery document).
 */
export function openapiRoutes(): Router {
  const router = Router();
  router.get(
    '/openapi.json',
    describeRoute({ summary: '接口描述 · This OpenAPI 3.1 description', raw: true }),
    (req, res) => {
      const app = req.app as Express;
      let body = documents.get(app);
      if (!body) {
        body = JSON.stringify(buildOpenApiDocument(listRoutes(app)));
        documents.set(app, body);
      }
      res.type('application/json').set('Cache-Control', 'private, no-cache').send(body);
    },
  );
  return router;
}
