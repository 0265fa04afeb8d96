import express, { type Express } from 'express';
import type { AppContext } from './context';
import { assignRequestId, createErrorHandler, unknownRoute } from './http/error-handler';
import { requireAuth } from './http/require-auth';
import { attachmentRoutes } from './routes/attachment-routes';
import { authRoutes } from './routes/auth-routes';
import { caseRoutes } from './routes/case-routes';
import { referenceRoutes } from './routes/reference-routes';

/** The HTTP application over an injected context (no globals: tests build their own). */
export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(assignRequestId);
  app.get('/api/health', (_req, res) => {
    res.json({ data: { status: 'ok', grids: ctx.grids.size } });
  });
  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(authRoutes(ctx));
  api.use(requireAuth(ctx));
  api.use(referenceRoutes(ctx));
  api.use(caseRoutes(ctx));
  api.use(attachmentRoutes(ctx));
  app.use('/api', api);
  app.use('/api', unknownRoute);
  app.use(createErrorHandler(ctx.log));
  return app;
}
