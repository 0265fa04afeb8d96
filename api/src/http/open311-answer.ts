import type { ErrorRequestHandler, Request, Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';
import { AppError } from './app-error';

/**
 * How Open311 GeoReport v2 answers (docs/channels.md): the same data as JSON or XML, chosen by
 * the path's `.json` / `.xml`, and failures as the specification's error list
 * (`[{code, description}]`, `<errors><error>…`) rather than this API's `{error}` shape.
 */
export type Open311Format = 'json' | 'xml';

/** XML through fast-xml-parser's builder: it escapes text and nests lists, no string pasting. */
const xml = new XMLBuilder({ ignoreAttributes: false, format: true, processEntities: true });
const DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' } };

/** The format a path asks for (the `format` parameter), or 404 for any other. */
export function open311Format(req: Request): Open311Format {
  const format = (req.params as { format?: string }).format;
  if (format === 'json' || format === 'xml') return format;
  throw new AppError('NOT_FOUND', 'Open311 answers .json or .xml.');
}

/** Drops null and undefined fields (XML leaves an absent element out). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  return value;
}

/**
 * Sends `body` in `format`: JSON as it is; XML under `root`, a list as repeated `item`
 * elements (GeoReport's `<services><service>…`), an object as the root's children (after
 * `xml`, which wraps its nested lists).
 */
export function sendOpen311<T>(
  res: Response,
  format: Open311Format,
  shape: { root: string; item?: string; xml?: (body: T) => unknown },
  body: T,
  status = 200,
): void {
  res.status(status);
  if (format === 'json') {
    res.json(body);
    return;
  }
  // Nested lists are wrapped for XML (`<attributes><attribute>…`, `<formats><format>…`).
  const content = withoutNulls(shape.xml ? shape.xml(body) : body);
  const inner = shape.item ? { [shape.item]: content } : content;
  res.type('text/xml; charset=utf-8').send(
    xml.build({
      ...DECLARATION,
      [shape.root]: Array.isArray(content) && content.length === 0 ? '' : inner,
    }),
  );
}

/** The GeoReport status for a known error: its HTTP status, a refused business rule as 400. */
const statusOf = (error: AppError) => (error.status === 422 ? 400 : error.status);

/** Open311's error list: every problem of a validation failure, one entry each. */
function errorList(error: AppError): { code: number; description: string }[] {
  const code = statusOf(error);
  if (error.details?.length)
    return error.details.map((d) => ({ code, description: `${d.path}: ${d.message}` }));
  return [{ code, description: error.message }];
}

/**
 * Open311's error handler: known errors as the specification's list, in the asked format
 * (JSON when the format itself is unknown); anything else logged with the request id and
 * answered 500 without internals.
 */
export function open311ErrorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let error: AppError;
    if (err instanceof AppError) error = err;
    else if (err?.type === 'entity.parse.failed')
      error = new AppError('VALIDATION_FAILED', 'The body cannot be parsed.', [
        { path: '(body)', message: 'malformed body' },
      ]);
    else if (err?.type === 'entity.too.large')
      error = new AppError('PAYLOAD_TOO_LARGE', 'The body is too large.');
    else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500)
      error = new AppError('VALIDATION_FAILED', 'The request is malformed.', [
        { path: '(request)', message: String(err.message ?? 'malformed') },
      ]);
    else {
      log(`[${req.id}] ${req.method} ${req.originalUrl} failed: ${err?.stack ?? err}`);
      error = new AppError('INTERNAL', `Something went wrong (request ${req.id}).`);
    }
    if (res.headersSent) return;
    if (err instanceof ThrottledOpen311) res.setHeader('Retry-After', String(err.retryAfterSec));
    const format = /\.xml$/.test(req.path) ? 'xml' : 'json';
    sendOpen311(res, format, { root: 'errors', item: 'error' }, errorList(error), statusOf(error));
  };
}

/** A 429 for an Open311 client over its rate limit, with the seconds until it may retry. */
export class ThrottledOpen311 extends AppError {
  constructor(readonly retryAfterSec: number) {
    super('RATE_LIMITED', `Too many Open311 requests; retry in ${retryAfterSec} s.`);
  }
}
