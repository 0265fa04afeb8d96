import express, { Router } from 'express';
import type { AppContext } from '../context';
import { AppError, notFound } from '../http/app-error';
import { guardInput } from '../http/input-guards';
import { open311ErrorHandler } from '../http/open311-answer';
import { open311RequestRoutes } from './open311-request-routes';
import { open311ServiceRoutes } from './open311-service-routes';

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
    const given =
      req.query.jurisdiction_id ?? (req.body as { jurisdiction_id?: unknown } | undefined)?.jurisdiction_id;
    const ours = ctx.config.open311.jurisdictionId;
    if (given !== undefined && given !== ours)
      return next(new AppError('NOT_FOUND', `jurisdiction_id: this server serves only ${ours}.`));
    if (req.method === 'GET') return ctx.open311Limits.read(req.ip ?? 'unknown').then(() => next(), next);
    next();
  });
  router.use(open311ServiceRoutes(ctx));
  router.use(open311RequestRoutes(ctx));
  router.use((_req, _res, next) => next(notFound('No such Open311 resource.')));
  router.use(open311ErrorHandler(ctx.log));
  return router;
}
