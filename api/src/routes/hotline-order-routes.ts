import { ZHotlineOrder } from '@wangge/shared/schemas/hotline';
import express, { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { AppError, parseOrThrow } from '../http/app-error';
import { describeRoute } from '../http/describe-route';
import { inspectInput } from '../http/input-guards';
import { verifyHotlineSignature } from '../services/hotline/hotline-signature';
import { receiveHotlineOrder } from '../services/hotline/receive-hotline-order';

/**
 * The external 12345 platform's inbound work orders (docs/channels.md). No user token: the
 * request is signed with the shared secret. Checked in this order: configured (404 otherwise) → a JSON
 * body (415) → signature and timestamp (401) → the order (400, every problem) → filed (201, or
 * 200 for an order received before; 409 for the same id with other content).
 */
/** The signature headers (checked by verifyHotlineSignature, every problem listed). */
const ZSignatureHeaders = z.object({
  'x-timestamp': z.string().regex(/^\d{1,12}$/),
  'x-signature': z.string().regex(/^sha256=[0-9a-f]{64}$/),
});

export function hotlineOrderRoutes(ctx: AppContext): Router {
  const router = Router();
  // The signature covers the raw bytes, so the body is read raw and parsed here.
  const readRaw = express.raw({ type: ['application/json', 'application/*+json'], limit: '256kb' });
  router.post(
    '/integrations/hotline/orders',
    readRaw,
    describeRoute({
      summary: '接收 12345 工单 · Receive a 12345 work order (HMAC-signed)',
      auth: 'signature',
      headers: ZSignatureHeaders,
      body: ZHotlineOrder,
      status: 201,
      errors: [
        'SIGNATURE_INVALID',
        'NOT_FOUND',
        'ORDER_CONFLICT',
        'UNSUPPORTED_MEDIA_TYPE',
        'LOCATION_OUTSIDE_GRID',
      ],
      description:
        'Answers 200 with the same body for an order received before (idempotent by orderId). Signatures: docs/channels.md.',
    }),
    async (req, res) => {
      const { secret } = ctx.config.hotlinePlatform;
      // Not configured: the endpoint does not exist here (404; a 5xx would read as an outage).
      if (!secret)
        throw new AppError(
          'NOT_FOUND',
          'The 12345 platform exchange is not configured (HOTLINE_PLATFORM_SECRET).',
        );
      if (!Buffer.isBuffer(req.body))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the order as application/json.');
      const body = req.body;
      const headers = { timestamp: req.get('x-timestamp'), signature: req.get('x-signature') };
      verifyHotlineSignature(secret, headers, body, ctx.clock.now());
      const order = parseOrThrow(ZHotlineOrder, parseJson(body), 'body');
      const filed = await receiveHotlineOrder(ctx, order);
      res.status(filed.created ? 201 : 200).json({ data: { caseId: filed.caseId, code: filed.code } });
    },
  );
  return router;
}

/** The body as JSON, or VALIDATION_FAILED (not JSON, or text that cannot be stored). */
function parseJson(body: Buffer): unknown {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', 'The body is not JSON.', [
      { path: 'body', message: (error as Error).message },
    ]);
  }
  const problems = inspectInput(value, 'body');
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 'The request is invalid.', problems);
  return value;
}
