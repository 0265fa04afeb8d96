import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import compression from 'compression';
import express, { type Express } from 'express';
import type { AppContext } from './context';
import { describeRoute } from './http/describe-route';
import { assignRequestId, createErrorHandler, unknownRoute } from './http/error-handler';
import { guardInput } from './http/input-guards';
import { requireAuth } from './http/require-auth';
import { securityHeaders } from './http/security-headers';
import { staticCacheHeaders } from './http/static-cache';
import { adminRoutes } from './routes/admin-routes';
import { adminUserRoutes } from './routes/admin-user-routes';
import { attachmentRoutes } from './routes/attachment-routes';
import { authRoutes } from './routes/auth-routes';
import { caseRoutes } from './routes/case-routes';
import { citizenPublicRoutes } from './routes/citizen-public-routes';
import { citizenSubmissionRoutes } from './routes/citizen-submission-routes';
import { dashboardRoutes } from './routes/dashboard-routes';
import { evaluationRoutes } from './routes/evaluation-routes';
import { gazetteerRoutes } from './routes/gazetteer-routes';
import { hotlineDeliveryRoutes } from './routes/hotline-delivery-routes';
import { hotlineDeskRoutes } from './routes/hotline-desk-routes';
import { hotlineOrderRoutes } from './routes/hotline-order-routes';
import { mapRoutes } from './routes/map-routes';
import { metricsRoutes } from './routes/metrics-routes';
import { notificationRoutes } from './routes/notification-routes';
import { open311KeyRoutes } from './routes/open311-key-routes';
import { open311Routes } from './routes/open311-routes';
import { openapiRoutes } from './routes/openapi-routes';
import { placeRoutes } from './routes/place-routes';
import { referenceRoutes } from './routes/reference-routes';
import { registerRecordRoutes } from './routes/register-record-routes';
import { registerRoutes } from './routes/register-routes';
import { statsRoutes } from './routes/stats-routes';
import { currentTileOrigins } from './services/map/map-settings-cache';

/** The HTTP application over an injected context (no globals: tests build their own). */
export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // TRUST_PROXY: req.ip is the client behind that many / those proxies (sign-in throttling, audit).
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(assignRequestId);
  // The admin's base-map tile hosts (MapSetting) join the CSP's img-src at run time.
  app.use((_req, res, next) => {
    currentTileOrigins(ctx).then((origins) => {
      res.locals.tileOrigins = origins;
      next();
    }, next);
  });
  app.use(securityHeaders(ctx.config.cspImgOrigins));
  // Brotli or gzip for JSON, HTML, JS and CSS (compressible types only: photos and PDFs pass
  // as they are; Socket.IO never reaches express). Answers that set their own Content-Encoding
  // (GET /api/grids, compressed once per version) pass through untouched.
  app.use(
    compression({
      threshold: 1024,
      brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
      filter: (req, res) => !req.path.startsWith('/socket.io/') && compression.filter(req, res),
    }),
  );
  // For load balancers: 200 only while the database answers; 503 otherwise (and once the
  // node is shutting down, so it is taken out before it stops).
  const health = describeRoute({
    summary: '健康检查 · Health (503 while the database is down or the node drains)',
    auth: 'public',
  });
  app.get('/api/health', health, async (_req, res) => {
    const database = await ctx.db.read.$queryRawUnsafe('SELECT 1').then(
      () => true,
      () => false,
    );
    const ok = database && !ctx.shuttingDown;
    res.status(ok ? 200 : 503).json({
      data: { status: ok ? 'ok' : 'unavailable', database, provider: ctx.db.provider, grids: ctx.grids.size },
    });
  });
  const api = express.Router();
  // Path, query and every parsed body (the admin imports' too): storable text, bounded nesting.
  api.use(guardInput);
  // Admin imports parse their own (large) bodies, so they come before the 1 MB JSON parser.
  api.use('/admin', adminUserRoutes(ctx));
  api.use('/admin', requireAuth(ctx), adminRoutes(ctx));
  // Signed with the platform's secret, not a token; reads its own raw body (the signature's).
  api.use(hotlineOrderRoutes(ctx));
  // The citizens' public page: no token, limited per address, its own (small) body limits.
  api.use(citizenPublicRoutes(ctx));
  api.use(express.json({ limit: '1mb' }));
  api.use(authRoutes(ctx));
  api.use(requireAuth(ctx));
  api.use(mapRoutes(ctx));
  api.use(referenceRoutes(ctx));
  api.use(placeRoutes(ctx));
  api.use(gazetteerRoutes(ctx));
  api.use(caseRoutes(ctx));
  api.use(attachmentRoutes(ctx));
  api.use(statsRoutes(ctx));
  api.use(metricsRoutes(ctx));
  api.use(dashboardRoutes(ctx));
  api.use(evaluationRoutes(ctx));
  api.use(notificationRoutes(ctx));
  api.use(registerRoutes(ctx));
  api.use(registerRecordRoutes(ctx));
  api.use(hotlineDeliveryRoutes(ctx));
  api.use(hotlineDeskRoutes(ctx));
  api.use(open311KeyRoutes(ctx));
  api.use(openapiRoutes());
  api.use(citizenSubmissionRoutes(ctx));
  app.use('/api', api);
  app.use('/api', unknownRoute);
  // Open311 GeoReport v2 for other systems (docs/channels.md): its own formats and error lists.
  app.use('/open311/v2', open311Routes(ctx));
  // The built web client, when present; any other path gets index.html (client-side routes).
  const clientDir = ctx.config.clientDir;
  if (existsSync(join(clientDir, 'index.html'))) {
    // Hashed assets for a year (immutable), index.html and the service worker revalidated on
    // every load (a deploy shows at once), anything else for an hour.
    app.use(express.static(clientDir, { index: false, setHeaders: staticCacheHeaders }));
    app.get(/^(?!\/api\/).*/, (_req, res) =>
      res.sendFile('index.html', { root: clientDir, headers: { 'Cache-Control': 'no-cache' } }),
    );
  }
  app.use(createErrorHandler(ctx.log));
  return app;
}
