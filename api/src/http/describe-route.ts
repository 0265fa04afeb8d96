import type { ErrorCode } from '@wangge/shared/errors';
import type { RequestHandler } from 'express';
import type { ZodType } from 'zod';

/**
 * How a route is called and what it answers, for the OpenAPI description (GET /api/openapi.json).
 * The schemas are the very zod objects the route validates with, never copies.
 */
export interface RouteDoc {
  /** One line, Chinese first: `上报案件 · Report a case`. */
  summary: string;
  description?: string;
  /** Defaults to the first path segment after /api (or `open311`). */
  tags?: string[];
  /** `bearer` (default): a session token; `public`; `signature`: the 12345 platform's HMAC; `api_key`: Open311's. */
  auth?: 'bearer' | 'public' | 'signature' | 'api_key';
  /** Roles that may call it (403 for the others); none: every signed-in role, the policy decides what they see. */
  roles?: readonly string[];
  params?: ZodType;
  query?: ZodType;
  headers?: ZodType;
  body?: ZodType;
  /** The body's media type when not JSON (uploads, sheets, GeoJSON files, Open311 forms). */
  bodyType?: string;
  /** The success answer's `data` (validated by a zod schema); omitted: a documented generic envelope. */
  data?: ZodType;
  /** Success status (default 200). */
  status?: number;
  /** The success media type when not JSON (`text/csv`, .xlsx, a file). */
  produces?: string;
  /** The answer is not the `{data}` envelope (a file, a GeoJSON collection, a list with `nextCursor`, Open311 lists). */
  raw?: boolean;
  /** Error codes beyond those implied (400 with input, 401 with bearer, 403 with roles, 404 with path parameters). */
  errors?: readonly ErrorCode[];
  /** The format's own specification, when the route follows one (Open311 GeoReport v2). */
  externalDocs?: { url: string; description?: string };
}

const DOC = Symbol.for('wangge.route-doc');
// biome-ignore lint/suspicious/noExplicitAny: leaves the route's own path-parameter types to its handler
type AnyHandler = RequestHandler<any, any, any, any>;
type Described = AnyHandler & { [DOC]?: RouteDoc };

/**
 * A pass-through handler that carries the route's description: put it first in the route,
 * `router.get('/cases', describeRoute({ summary, query: ZListCasesQuery }), handler)`.
 * tests/api/openapi.test.ts fails for a route of the app without one.
 */
export function describeRoute(doc: RouteDoc): AnyHandler {
  const handler: Described = (_req, _res, next) => next();
  handler[DOC] = doc;
  return handler;
}

/** The description carried by a handler, if it is one made by describeRoute. */
export function routeDocOf(handler: unknown): RouteDoc | undefined {
  return typeof handler === 'function' ? (handler as Described)[DOC] : undefined;
}
