import { validate } from '@readme/openapi-parser';
import { ZErrorBody } from '@wangge/shared/schemas/error-body';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import express, { type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../api/src/app';
import { describeRoute } from '../../api/src/http/describe-route';
import { listRoutes } from '../../api/src/http/route-table';
import {
  buildOpenApiDocument,
  GEOREPORT_V2,
  openApiPath,
} from '../../api/src/services/openapi/build-openapi-document';
import { DEMO_PASSWORD } from '../support/paths';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

const noop: RequestHandler = (_req, res) => {
  res.end();
};

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Record<string, any>>>;
};

describe('describeRoute and the route table', () => {
  it('finds a description on its route and method only, so an undescribed route shows up', () => {
    const app = express();
    const router = express.Router();
    router.get(
      '/things/:id',
      describeRoute({ summary: '物 · A thing', params: z.object({ id: z.uuid() }) }),
      noop,
    );
    router.post('/things/:id', noop);
    app.use('/api', router);
    const routes = listRoutes(app);
    expect(routes.map((r) => [r.method, r.path, r.doc?.summary])).toEqual([
      ['GET', '/api/things/:id', '物 · A thing'],
      ['POST', '/api/things/:id', undefined],
    ]);
    const paths = buildOpenApiDocument(routes).paths as Record<string, Record<string, any>>;
    expect(Object.keys(paths['/api/things/{id}']!)).toEqual(['get']);
    expect(paths['/api/things/{id}']!.get.parameters[0]).toMatchObject({
      name: 'id',
      in: 'path',
      required: true,
      schema: { type: 'string', format: 'uuid' },
    });
  });
});

describe('GET /api/openapi.json (OpenAPI 3.1, generated from the routes and their zod schemas)', () => {
  let app: TestApp;
  let worker: ApiClient;
  let doc: Doc;
  beforeAll(async () => {
    app = await startTestApp();
    worker = await app.as('gridworker');
    const res = await worker.get('/api/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => app.close());

  const operation = (method: string, path: string) => doc.paths[path]?.[method.toLowerCase()];

  it('is for signed-in users only (401 without a token)', async () => {
    const res = await app.anonymous().get('/api/openapi.json');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('describes every route of the router, and nothing the router does not have', () => {
    // The served app's twin over the same context (Socket.IO wraps the server's own listener).
    const routes = listRoutes(createApp(app.ctx));
    expect(routes.length).toBeGreaterThan(100);
    const undescribed = routes.filter((r) => !r.doc).map((r) => `${r.method} ${r.path}`);
    // A new route without describeRoute({...}) fails here: see docs/api.md, "Describing a route".
    expect(undescribed).toEqual([]);
    const inRouter = new Set(routes.map((r) => `${r.method} ${openApiPath(r.path)}`));
    const inDoc = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect([...inRouter].filter((r) => !inDoc.includes(r))).toEqual([]);
    expect(inDoc.filter((r) => !inRouter.has(r))).toEqual([]);
  });

  it('validates as OpenAPI 3.1 (the official schema and the specification’s rules)', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('states every operation’s summary, auth and error answers', () => {
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        expect(op.summary, `${method} ${path}`).toMatch(/\p{Script=Han}/u);
        expect(Array.isArray(op.security), `${method} ${path}`).toBe(true);
      }
    // The readable page shows the Chinese half in Chinese and the English half in English.
    const halves = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).map((o) => o.summary.split(' · ')),
    );
    expect(halves.filter((h: string[]) => h.length !== 2)).toEqual([]);
    expect(halves.filter(([zh]: string[]) => /[A-Za-z]{3,}/.test(zh!))).toEqual([]);
    expect(halves.filter(([, en]: string[]) => /\p{Script=Han}/u.test(en!))).toEqual([]);
    // A new tag (first path segment) needs its name in TAG_NAMES (build-openapi-document.ts).
    const tags = (doc as unknown as { tags: { name: string; description: string }[] }).tags;
    expect(tags.filter((t) => !t.description.includes(' · ')).map((t) => t.name)).toEqual([]);
    const cases = operation('POST', '/api/cases')!;
    expect(cases.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(cases.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '422']));
    expect(operation('POST', '/api/auth/login')!.security).toEqual([]);
    expect(operation('POST', '/api/integrations/hotline/orders')!.security).toEqual([
      { hotlineSignature: [] },
    ]);
    expect(operation('GET', '/api/admin/users')!['x-roles']).toEqual(['ADMIN']);
  });

  it('the described success bodies are what the routes answer (checked with ajv, JSON Schema 2020-12)', async () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const check = (method: string, path: string, status: string, body: unknown) => {
      const schema = operation(method, path)!.responses[status].content['application/json'].schema;
      expect(schema.properties.data.type, `${method} ${path}`).toBe('object');
      const valid = ajv.validate(schema, body);
      expect(ajv.errors ?? [], `${method} ${path}`).toEqual([]);
      expect(valid).toBe(true);
    };
    check('GET', '/api/me', '200', (await worker.get('/api/me')).body);
    check(
      'GET',
      '/api/notifications/push-key',
      '200',
      (await worker.get('/api/notifications/push-key')).body,
    );
    const login = await app
      .anonymous()
      .post('/api/auth/login', { username: 'hotline', password: DEMO_PASSWORD });
    check('POST', '/api/auth/login', '200', login.body);
    // And they can fail: a body of another shape is refused.
    const me = operation('GET', '/api/me')!.responses['200'].content['application/json'].schema;
    expect(ajv.validate(me, { data: { ...login.body.data.user, role: 'NOBODY' } })).toBe(false);
  });

  it('POST /api/cases: the body schema’s required fields are what the route refuses when missing', async () => {
    const body = operation('POST', '/api/cases')!.requestBody.content['application/json'].schema;
    const required = [...body.required].sort();
    expect(required).toEqual(expect.arrayContaining(['categoryCode', 'description', 'location']));
    const res = await worker.post('/api/cases', {}, { 'idempotency-key': crypto.randomUUID() });
    expect(res.status).toBe(400);
    expect(ZErrorBody.parse(res.body).error.code).toBe('VALIDATION_FAILED');
    const refused = res.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(refused).toEqual(required);
    const header = operation('POST', '/api/cases')!.parameters.find(
      (p: { in: string; name: string }) => p.in === 'header' && p.name === 'idempotency-key',
    );
    expect(header.required).toBe(true);
  });

  it('GET /api/cases/duplicates: the query parameters it requires are the ones it refuses without', async () => {
    const params = operation('GET', '/api/cases/duplicates')!.parameters as {
      name: string;
      required: boolean;
    }[];
    const required = params
      .filter((p) => p.required)
      .map((p) => p.name)
      .sort();
    expect(required).toEqual(['categoryCode', 'lat', 'lon']);
    const res = await worker.get('/api/cases/duplicates');
    expect(res.status).toBe(400);
    const refused = res.body.error.details
      .map((d: { path: string }) => d.path.replace(/^query\./, ''))
      .sort();
    expect(refused).toEqual(required);
  });

  it('an enum of the schema is the one the route enforces (POST /api/admin/users role)', async () => {
    const admin = await app.as('admin');
    const schema = operation('POST', '/api/admin/users')!.requestBody.content['application/json'].schema;
    const roles: string[] = schema.properties.role.enum;
    expect(roles).toContain('GRID_WORKER');
    const res = await admin.post('/api/admin/users', {
      username: 'openapi.check',
      displayName: '检查',
      password: 'a-long-enough-passphrase-9',
      role: 'NOT_A_ROLE',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('role');
  });

  it('describes Open311 by the GeoReport v2 specification: .{format} json|xml, the error list', () => {
    const open311 = Object.entries(doc.paths).filter(([p]) => p.startsWith('/open311/v2/'));
    expect(open311.map(([p]) => p)).toEqual(
      expect.arrayContaining(['/open311/v2/requests.{format}', '/open311/v2/tokens/{token}.{format}']),
    );
    for (const [path, ops] of open311)
      for (const op of Object.values(ops)) {
        expect(op.externalDocs?.url, path).toBe(GEOREPORT_V2);
        const format = op.parameters.find((p: { name: string }) => p.name === 'format');
        expect(format.schema.enum, path).toEqual(['json', 'xml']);
        const anError = Object.entries(op.responses).find(([status]) => status.startsWith('4'))!;
        expect((anError[1] as any).content['text/xml'], path).toBeDefined();
      }
    const post = operation('POST', '/open311/v2/requests.{format}')!;
    expect(Object.keys(post.requestBody.content)).toEqual([
      'application/x-www-form-urlencoded',
      'application/json',
    ]);
    expect(post.requestBody.content['application/x-www-form-urlencoded'].schema.required).toEqual(
      expect.arrayContaining(['api_key', 'service_code', 'description']),
    );
  });
});
