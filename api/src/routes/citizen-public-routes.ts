import { ZIdempotencyKey } from '@wangge/shared/schemas/cases';
import { ZCitizenReport } from '@wangge/shared/schemas/citizens';
import express, { type ErrorRequestHandler, type Request, Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { citizenChannelUser } from '../services/citizens/citizen-channel';
import { ThrottledCitizen } from '../services/citizens/citizen-limits';
import { listCitizenCategories } from '../services/citizens/list-citizen-categories';
import { storeCitizenPhoto } from '../services/citizens/store-citizen-photo';
import { submitCitizenReport } from '../services/citizens/submit-citizen-report';
import { trackCitizenReport } from '../services/citizens/track-citizen-report';
import { validateCitizenReport } from '../services/citizens/validate-citizen-report';
import { listOutlines } from '../services/map/list-outlines';

/** The public map shows counties and townships (public divisions); cells and villages stay inside. */
const ZPublicOutlines = z.object({ level: z.enum(['county', 'township']) });
const ZReportHeaders = z.object({ 'idempotency-key': ZIdempotencyKey });
const ZTrackParams = z.object({ code: z.string() });
const PUBLIC = { auth: 'public', errors: ['RATE_LIMITED'] } as const;

/** The client's address (behind TRUST_PROXY's proxies): what the public limits count. */
const addressOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * The citizens' public page's API (docs/channels.md, "Citizens"): no account, every call limited
 * per client address (429 with Retry-After). Categories, a photo upload, a report (with an
 * Idempotency-Key), the tracking page.
 */
export function citizenPublicRoutes(ctx: AppContext): Router {
  const router = Router();
  const limits = () => ctx.citizenLimits;
  router.get(
    '/public/categories',
    describeRoute({ ...PUBLIC, summary: '群众上报分类 · Categories a citizen may report' }),
    async (req, res) => {
      await limits().read(addressOf(req));
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.json({ data: await listCitizenCategories(ctx) });
    },
  );
  // The report page's map to tap on: the city's county and township outlines, as the channel
  // account (city level) sees them — the same dissolved outlines every signed-in map draws.
  router.get(
    '/public/outlines',
    describeRoute({
      ...PUBLIC,
      summary: '公众地图轮廓 · County and township outlines',
      query: ZPublicOutlines,
      raw: true,
    }),
    async (req, res) => {
      await limits().read(addressOf(req));
      const { level } = parseOrThrow(ZPublicOutlines, req.query, 'query');
      const answer = await listOutlines(ctx, await citizenChannelUser(ctx), level, req.get('if-none-match'));
      res.set({ 'Cache-Control': 'public, no-cache', ETag: answer.etag });
      if (!answer.body) {
        res.status(304).end();
        return;
      }
      res.type('application/json').send(`{"data":${answer.body}}`);
    },
  );
  const rawPhoto = express.raw({ type: () => true, limit: ctx.config.maxUploadBytes });
  router.post(
    '/public/photos',
    describeRoute({
      ...PUBLIC,
      summary: '群众上传照片 · Upload a photo for a citizen report',
      bodyType: 'image/jpeg, image/png, image/webp',
      status: 201,
    }),
    async (req, res, next) => {
      // Counted before the body is read: a flood of uploads is refused without storing it.
      await limits().photo(addressOf(req));
      rawPhoto(req, res, async (error?: unknown) => {
        if (error) return next(error);
        try {
          const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
          res.status(201).json({ data: await storeCitizenPhoto(ctx, body, req.get('content-type') ?? '') });
        } catch (failure) {
          next(failure);
        }
      });
    },
  );
  router.post(
    '/public/reports',
    describeRoute({
      ...PUBLIC,
      summary: '群众上报 · Submit a citizen report (no account)',
      body: ZCitizenReport,
      headers: ZReportHeaders,
      status: 201,
      errors: ['RATE_LIMITED', 'IDEMPOTENCY_KEY_REUSED', 'LOCATION_OUTSIDE_GRID'],
    }),
    express.json({ limit: '16kb' }),
    async (req, res) => {
      await limits().report(addressOf(req));
      const { report, gridCode, key } = await validateCitizenReport(
        ctx,
        req.body,
        req.get('idempotency-key'),
      );
      const filed = await submitCitizenReport(ctx, report, gridCode, key);
      if (!filed.created) res.setHeader('Idempotent-Replayed', 'true');
      res.status(filed.created ? 201 : 200).json({ data: { trackingCode: filed.trackingCode } });
    },
  );
  router.get(
    '/public/track/:code',
    describeRoute({
      ...PUBLIC,
      summary: '查询办理进度 · A citizen report’s public progress',
      params: ZTrackParams,
    }),
    async (req, res) => {
      await limits().read(addressOf(req));
      res.setHeader('Cache-Control', 'no-store');
      res.json({ data: await trackCitizenReport(ctx, req.params.code) });
    },
  );
  const retryAfter: ErrorRequestHandler = (error, _req, res, next) => {
    if (error instanceof ThrottledCitizen) res.setHeader('Retry-After', String(error.retryAfterSec));
    next(error);
  };
  router.use(retryAfter);
  return router;
}
