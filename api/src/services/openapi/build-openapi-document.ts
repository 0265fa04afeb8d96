import { ERROR_CODES, type ErrorCode } from '@wangge/shared/errors';
import { ZErrorBody, ZOpen311Errors } from '@wangge/shared/schemas/error-body';
import { type ZodType, z } from 'zod';
import type { RouteDoc } from '../../http/describe-route';
import type { RouteEntry } from '../../http/route-table';

type Json = Record<string, unknown>;
type Operation = Json & { responses: Json };

/** The GeoReport v2 specification, which the /open311/v2 routes follow to the letter. */
export const GEOREPORT_V2 = 'https://wiki.open311.org/GeoReport_v2';

/** Chinese names of the tags (the first path segment), for the readable page. */
const TAG_NAMES: Record<string, string> = {
  health: '健康检查 · Health',
  auth: '登录 · Sign-in',
  me: '当前用户 · Me',
  admin: '系统管理 · Administration',
  integrations: '外部对接 · Integrations',
  grids: '网格 · Grids',
  units: '区划 · Units',
  'map-settings': '底图 · Base map',
  categories: '事项分类 · Categories',
  departments: '职能部门 · Departments',
  cases: '案件 · Cases',
  attachments: '附件 · Attachments',
  notifications: '通知 · Notifications',
  stats: '实时地图 · Live map',
  metrics: '综合评价 · Metrics',
  'work-logs': '工作日志 · Work logs',
  scores: '考核 · Scores',
  rankings: '排名 · Rankings',
  register: '登记簿 · Register',
  hotline: '12345 热线 · 12345 hotline desk',
  places: '地名搜索 · Place search',
  'citizen-submissions': '群众上报 · Citizens’ submissions',
  public: '公众页面 · Public pages',
  openapi: '接口描述 · API description',
  open311: '开放接口 · Open311 GeoReport v2',
};

/** A zod schema as JSON Schema draft 2020-12 (OpenAPI 3.1's dialect), the side it is read from. */
function jsonSchemaOf(schema: ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Json;
  return rest;
}

/** `/api/cases/:id` → `/api/cases/{id}`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

/** Parameters of one location from an object schema (its properties; unions and pipes merged). */
function parametersOf(schema: ZodType | undefined, where: 'query' | 'path' | 'header'): Json[] {
  if (!schema) return [];
  const js = jsonSchemaOf(schema, 'input');
  const parts = [js, ...((js.allOf ?? js.anyOf ?? js.oneOf ?? []) as Json[])];
  const out = new Map<string, Json>();
  for (const part of parts) {
    const props = (part.properties ?? {}) as Record<string, Json>;
    const required = new Set((part === js ? (part.required ?? []) : []) as string[]);
    for (const [name, prop] of Object.entries(props)) {
      if (out.has(name)) continue;
      const { description, ...propSchema } = prop;
      out.set(name, {
        name,
        in: where,
        required: where === 'path' || required.has(name),
        schema: propSchema,
        ...(description ? { description } : {}),
      });
    }
  }
  return [...out.values()];
}

/** The error codes a route may answer with: those its shape implies, then its own. */
function errorCodesOf(doc: RouteDoc, hasPathParams: boolean): ErrorCode[] {
  const codes: ErrorCode[] = [];
  if (doc.params || doc.query || doc.headers || doc.body) codes.push('VALIDATION_FAILED');
  if ((doc.auth ?? 'bearer') === 'bearer') codes.push('UNAUTHENTICATED');
  if (doc.roles) codes.push('FORBIDDEN');
  if (hasPathParams) codes.push('NOT_FOUND');
  return [...new Set([...codes, ...(doc.errors ?? [])])];
}

function errorResponses(doc: RouteDoc, hasPathParams: boolean, open311: boolean): Json {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(doc, hasPathParams)) {
    const status = ERROR_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Json = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = open311
      ? {
          description: `${codes.join(', ')} — the GeoReport v2 error list, one entry per problem`,
          content: open311Content({ $ref: '#/components/schemas/Open311Errors' }),
        }
      : {
          description: codes.join(', '),
          content: {
            'application/json': {
              schema: {
                allOf: [
                  { $ref: '#/components/schemas/ErrorBody' },
                  { properties: { error: { properties: { code: { enum: codes } } } } },
                ],
              },
            },
          },
        };
  }
  return out;
}

const open311Content = (schema: Json) => ({
  'application/json': { schema },
  'text/xml': { schema: { type: 'string', description: 'The same document as XML (GeoReport v2)' } },
});

function successResponse(doc: RouteDoc, open311: boolean): Json {
  const status = doc.status ?? 200;
  const description = doc.data ? 'OK' : 'OK — the answer as docs/api.md describes it';
  if (status === 204) return { '204': { description: 'No content' } };
  if (open311) {
    const list = doc.raw ? { type: 'object' } : { type: 'array', items: { type: 'object' } };
    return { [status]: { description: `${description} (GeoReport v2)`, content: open311Content(list) } };
  }
  if (doc.produces)
    return { [status]: { description, content: { [doc.produces]: { schema: { type: 'string' } } } } };
  const data = doc.data ? jsonSchemaOf(doc.data, 'output') : { description: 'See docs/api.md' };
  const schema = doc.raw
    ? { type: 'object', description: 'Not the {data} envelope: see docs/api.md' }
    : { type: 'object', required: ['data'], properties: { data } };
  return { [status]: { description, content: { 'application/json': { schema } } } };
}

const SECURITY: Record<NonNullable<RouteDoc['auth']>, Json[]> = {
  bearer: [{ bearerAuth: [] }],
  public: [],
  signature: [{ hotlineSignature: [] }],
  api_key: [],
};

function operationOf(route: RouteEntry & { doc: RouteDoc }): Operation {
  const { doc } = route;
  const path = openApiPath(route.path);
  const open311 = path.startsWith('/open311/');
  const pathNames = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const described = parametersOf(doc.params, 'path');
  const pathParams = pathNames.map(
    (name) =>
      described.find((p) => p.name === name) ?? {
        name,
        in: 'path',
        required: true,
        schema: name === 'format' ? { enum: ['json', 'xml'] } : { type: 'string' },
      },
  );
  const roles = doc.roles ? `\n\nRoles: ${doc.roles.join(', ')}.` : '';
  const auth = doc.auth === 'api_key' ? '\n\nAn Open311 `api_key` in the body (issued by an admin).' : '';
  const op: Operation = {
    operationId: `${route.method.toLowerCase()} ${path}`,
    summary: doc.summary,
    ...(doc.description || roles || auth
      ? { description: `${doc.description ?? ''}${roles}${auth}`.trim() }
      : {}),
    tags: doc.tags ?? [tagOf(path)],
    security: SECURITY[doc.auth ?? 'bearer'],
    parameters: [...pathParams, ...parametersOf(doc.query, 'query'), ...parametersOf(doc.headers, 'header')],
    responses: { ...successResponse(doc, open311), ...errorResponses(doc, pathNames.length > 0, open311) },
    ...(doc.roles ? { 'x-roles': doc.roles } : {}),
    ...(doc.externalDocs ? { externalDocs: doc.externalDocs } : {}),
  };
  if (doc.body || doc.bodyType) {
    const schema = doc.body ? jsonSchemaOf(doc.body, 'input') : { type: 'string', format: 'binary' };
    const types = doc.bodyType ? doc.bodyType.split(',') : ['application/json'];
    op.requestBody = {
      required: true,
      content: Object.fromEntries(types.map((t) => [t.trim(), { schema }])),
    };
  }
  return op;
}

/** The tag of a path: its first segment after /api, or `open311`. */
export function tagOf(path: string): string {
  if (path.startsWith('/open311/')) return 'open311';
  return path.split('/')[2]?.replace(/[{.].*$/, '') ?? 'api';
}

/**
 * The OpenAPI 3.1 description of every described route of the route table, generated from the
 * zod schemas the routes validate with (docs/api.md, "The OpenAPI description"). Routes
 * without a description are left out here and fail tests/api/openapi.test.ts.
 */
export function buildOpenApiDocument(routes: RouteEntry[]): Json {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of routes) {
    if (!route.doc) continue;
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operationOf(route as RouteEntry & { doc: RouteDoc });
  }
  const used = new Set(
    Object.values(paths).flatMap((ops) => Object.values(ops).flatMap((o) => o.tags as string[])),
  );
  return {
    openapi: '3.1.1',
    info: {
      title: '五级联动智能网格 API · Grid governance case handling',
      version: '1',
      description:
        'Generated from the routes and their zod schemas (api/src/http/describe-route.ts). Success: `{data}`; failure: `{error:{code, message, details?}}` listing every problem.',
    },
    servers: [{ url: '/' }],
    tags: [...used].sort().map((name) => ({
      name,
      description: TAG_NAMES[name] ?? name,
      ...(name === 'open311' ? { externalDocs: { url: GEOREPORT_V2 } } : {}),
    })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'The token of POST /api/auth/login' },
        hotlineSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description:
            '`sha256=` HMAC of `X-Timestamp` and the raw body with the shared secret (docs/channels.md)',
        },
      },
      schemas: {
        ErrorBody: jsonSchemaOf(ZErrorBody, 'output'),
        Open311Errors: jsonSchemaOf(ZOpen311Errors, 'output'),
      },
    },
  };
}
