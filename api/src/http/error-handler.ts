import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from './app-error';

/** Gives each request an id (or keeps the caller's X-Request-Id) for logs and 500 bodies. */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  req.id = given && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
};

/** Unknown routes under /api answer 404 in the error shape. */
export const unknownRoute: RequestHandler = (_req, _res, next) => {
  next(new AppError('NOT_FOUND', 'No such endpoint.'));
};

/**
 * Known errors keep their code; body-parser errors become 400/413; anything else is logged
 * with the request id and answered as a generic 500 (no internals leak).
 */
export function createErrorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let error: AppError;
    if (err instanceof AppError) error = err;
    else if (err?.type === 'entity.parse.failed') {
      error = new AppError('VALIDATION_FAILED', 'The body is not valid JSON.', [
        { path: '(body)', message: 'malformed JSON' },
      ]);
    } else if (err?.type === 'entity.too.large') {
      error = new AppError('PAYLOAD_TOO_LARGE', 'The body is too large.');
    } else if (err?.status === 415) {
      error = new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported body encoding or charset.');
    } else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
      // Express's own client errors (a malformed URL encoding, …) are the client's problem.
      error = new AppError('VALIDATION_FAILED', 'The request is malformed.', [
        { path: '(request)', message: String(err.message ?? 'malformed') },
      ]);
    } else {
      log(`[${req.id}] ${req.method} ${req.originalUrl} failed: ${err?.stack ?? err}`);
      error = new AppError('INTERNAL', 'Something went wrong. Quote the request id when reporting it.');
    }
    if (res.headersSent) return;
    res.status(error.status).json({
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
        ...(error.code === 'INTERNAL' ? { requestId: req.id } : {}),
      },
    });
  };
}
