import express, { type ErrorRequestHandler, type Request, Router } from 'express';
import type { AppContext } from '../context';
import { ThrottledCitizen } from '../services/citizens/citizen-limits';
import { listCitizenCategories } from '../services/citizens/list-citizen-categories';
import { storeCitizenPhoto } from '../services/citizens/store-citizen-photo';
import { submitCitizenReport } from '../services/citizens/submit-citizen-report';
import { trackCitizenReport } from '../services/citizens/track-citizen-report';
import { validateCitizenReport } from '../services/citizens/validate-citizen-report';

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
  router.get('/public/categories', async (req, res) => {
    await limits().read(addressOf(req));
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json({ data: await listCitizenCategories(ctx) });
  });
  const rawPhoto = express.raw({ type: () => true, limit: ctx.config.maxUploadBytes });
  router.post('/public/photos', async (req, res, next) => {
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
  });
  router.post('/public/reports', express.json({ limit: '16kb' }), async (req, res) => {
    await limits().report(addressOf(req));
    const { report, gridCode, key } = await validateCitizenReport(ctx, req.body, req.get('idempotency-key'));
    const filed = await submitCitizenReport(ctx, report, gridCode, key);
    if (!filed.created) res.setHeader('Idempotent-Replayed', 'true');
    res.status(filed.created ? 201 : 200).json({ data: { trackingCode: filed.trackingCode } });
  });
  router.get('/public/track/:code', async (req, res) => {
    await limits().read(addressOf(req));
    res.setHeader('Cache-Control', 'no-store');
    res.json({ data: await trackCitizenReport(ctx, req.params.code) });
  });
  const retryAfter: ErrorRequestHandler = (error, _req, res, next) => {
    if (error instanceof ThrottledCitizen) res.setHeader('Retry-After', String(error.retryAfterSec));
    next(error);
  };
  router.use(retryAfter);
  return router;
}
