import { randomUUID } from 'node:crypto';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app';
import { listRoutes, type RouteEntry } from '../../api/src/http/route-table';
import { pointIn } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * No input answers 5xx. Example-based regressions for what was found, then properties whose
 * probes are generated from the app's route table (listRoutes), so a new endpoint is fuzzed
 * without a new test: hostile path parameters, query strings and JSON bodies, as anonymous and
 * as users of several roles. Every answer must be < 500, every 4xx in the error shape, and the
 * server must stay healthy.
 */

const ROLES = ['admin', 'city.dispatcher', 'township.dispatcher', 'gridworker', 'dept.chengguan'] as const;
type Role = (typeof ROLES)[number] | 'anonymous';

interface Probe {
  method: string;
  path: string;
  role: Role;
  /** Raw body text (already encoded); undefined sends no body. */
  body?: string;
  headers?: Record<string, string>;
  requestId?: string;
}

interface Answer {
  status: number;
  text: string;
}

describe('hostile input never answers 5xx', () => {
  let app: TestApp;
  let server: Server;
  let base: { host: string; port: number };
  let routes: RouteEntry[];
  const tokens = new Map<Role, string>();
  const serverLog: string[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });

  beforeAll(async () => {
    app = await startTestApp();
    // The same context served by an app whose log we can read (500s are logged with the stack).
    const ctx = {
      ...app.ctx,
      log: (line: string) => {
        serverLog.push(line);
      },
    };
    const expressApp = createApp(ctx);
    routes = listRoutes(expressApp);
    server = createServer(expressApp);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
    for (const role of ROLES) tokens.set(role, (await app.as(role)).token!);
  });
  afterAll(async () => {
    agent.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await app?.close();
  });

  /** Sends one request exactly as given (the path is not re-encoded), over a keep-alive agent. */
  const send = (probe: Probe): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const token = probe.role === 'anonymous' ? undefined : tokens.get(probe.role);
      const body = probe.body === undefined ? undefined : Buffer.from(probe.body, 'utf8');
      const req = request(
        {
          ...base,
          agent,
          method: probe.method,
          path: probe.path,
          headers: {
            'x-request-id': probe.requestId ?? randomUUID(),
            // As every browser sends it (probes may override it): big answers such as the city's
            // grids come compressed instead of 5 MB a time.
            'accept-encoding': 'gzip, deflate, br',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
            ...probe.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              const raw = Buffer.concat(chunks);
              const encoding = res.headers['content-encoding'];
              const bytes =
                encoding === 'br'
                  ? brotliDecompressSync(raw)
                  : encoding === 'gzip'
                    ? gunzipSync(raw)
                    : encoding === 'deflate'
                      ? inflateSync(raw)
                      : raw;
              resolve({ status: res.statusCode ?? 0, text: bytes.toString('utf8') });
            } catch (error) {
              reject(error);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  /** The answer is not a 5xx, and a 4xx carries `{error:{code, message}}`. */
  const checkAnswer = (probe: Probe, answer: Answer) => {
    const describeProbe = () =>
      `${probe.method} ${probe.path.slice(0, 300)} as ${probe.role} headers=${JSON.stringify(probe.headers ?? {})} body=${JSON.stringify(probe.body?.slice(0, 300))} → ${answer.status} ${answer.text.slice(0, 300)}\nserver log: ${serverLog.filter((l) => probe.requestId && l.includes(probe.requestId)).join('\n') || serverLog.slice(-2).join('\n')}`;
    if (answer.status >= 500) throw new Error(`5xx: ${describeProbe()}`);
    if (answer.status >= 400 && probe.path.startsWith('/open311/')) {
      // Open311 answers failures as GeoReport's error list, in the format the path asks for.
      const ok = /^\s*<\?xml[^>]*>\s*<errors>\s*<error>/.test(answer.text) || isOpen311ErrorList(answer.text);
      if (!ok) throw new Error(`4xx not a GeoReport error list: ${describeProbe()}`);
    } else if (answer.status >= 400) {
      let parsed: any;
      try {
        parsed = JSON.parse(answer.text);
      } catch {
        throw new Error(`4xx without a JSON body: ${describeProbe()}`);
      }
      if (typeof parsed?.error?.code !== 'string' || typeof parsed?.error?.message !== 'string')
        throw new Error(`4xx not in the error shape: ${describeProbe()}`);
    }
  };

  const probe = async (given: Probe) => {
    const p = { ...given, requestId: given.requestId ?? randomUUID() };
    const answer = await send(p);
    checkAnswer(p, answer);
    return answer;
  };
  const errorOf = (answer: Answer) => JSON.parse(answer.text).error as { code: string; details?: unknown[] };

  describe('regressions (found on main)', () => {
    it('refuses a lone surrogate in a login body with 400, unauthenticated', async () => {
      const answer = await probe({
        method: 'POST',
        path: '/api/auth/login',
        role: 'anonymous',
        body: '{"username":"\\ud800","password":"x"}',
      });
      expect(answer.status).toBe(400);
      expect(errorOf(answer).code).toBe('VALIDATION_FAILED');
      expect(answer.text).toContain('username');
    });

    it('refuses a lone surrogate (or a NUL) in a case report with 400, keys included', async () => {
      const worker = await app.as('gridworker');
      const location = await pointIn(app, worker.user.gridCodes[0]);
      for (const body of [
        `{"categoryCode":"0101","description":"路灯坏了\\udc00","location":${JSON.stringify(location)}}`,
        `{"categoryCode":"0101","description":"路灯坏了\\u0000","location":${JSON.stringify(location)}}`,
        `{"categoryCode":"0101","description":"路灯坏了","location":${JSON.stringify(location)},"\\ud83d":1}`,
      ]) {
        const answer = await probe({
          method: 'POST',
          path: '/api/cases',
          role: 'gridworker',
          body,
          headers: { 'idempotency-key': randomUUID() },
        });
        expect(answer.status).toBe(400);
        expect(errorOf(answer).code).toBe('VALIDATION_FAILED');
      }
    });

    it('answers 400 to months outside a sane range on every month route', async () => {
      for (const month of ['0000-01', '9999-12', '1999-12', '2101-01']) {
        for (const p of [
          { method: 'GET', path: `/api/work-logs?month=${month}`, role: 'gridworker' },
          { method: 'GET', path: `/api/scores/grid-workers?month=${month}`, role: 'admin' },
          { method: 'GET', path: `/api/rankings?month=${month}&kind=COUNTY`, role: 'admin' },
          { method: 'POST', path: '/api/rankings/freeze', role: 'admin', body: JSON.stringify({ month }) },
        ] satisfies Probe[]) {
          const answer = await probe(p);
          expect(answer.status, `${p.method} ${p.path} ${month}`).toBe(400);
          expect(answer.text).toContain('month');
        }
      }
    });

    it('answers 400 to metric periods outside a sane range', async () => {
      for (const q of ['from=0000-01-01', 'to=9999-12-31', 'from=2026-01-01&to=9999-12-31']) {
        for (const path of ['/api/metrics', '/api/metrics/export']) {
          const answer = await probe({ method: 'GET', path: `${path}?${q}`, role: 'admin' });
          expect(answer.status, `${path}?${q}`).toBe(400);
        }
      }
    });

    it('refuses JSON nested 200,000 levels deep with 400, on any route, the grid import included', async () => {
      const deepArray = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
      // (an object 150,000 deep: 200,000 would pass the 1 MB limit and get 413)
      const deepObject = `${'{"a":'.repeat(150_000)}1${'}'.repeat(150_000)}`;
      for (const body of [deepArray, deepObject]) {
        for (const p of [
          { method: 'POST', path: '/api/auth/login', role: 'anonymous' },
          { method: 'POST', path: '/api/cases', role: 'gridworker' },
          { method: 'POST', path: '/api/admin/grids/import', role: 'admin' },
        ] satisfies Probe[]) {
          const answer = await probe({ ...p, body });
          expect(answer.status, p.path).toBe(400);
          expect(errorOf(answer).code).toBe('VALIDATION_FAILED');
          expect(answer.text, p.path).toMatch(/nest(ed|s) deeper than 64 levels/); // the import reads its own bytes and says so itself
        }
      }
      // 64 levels are fine (the import may refuse the content, but not the nesting).
      const ok = await probe({
        method: 'POST',
        path: '/api/auth/login',
        role: 'anonymous',
        body: `${'['.repeat(60)}${']'.repeat(60)}`,
      });
      expect(ok.status).toBe(400);
      expect(ok.text).not.toContain('nest');
    });

    it('refuses NUL bytes and lone surrogates in query strings and path parameters', async () => {
      for (const path of [
        '/api/cases?q=%00abc',
        '/api/cases/%ED%A0%80', // (in a query string it decodes to U+FFFD: harmless)
        '/api/cases/%00',
        '/api/units/%00',
        '/api/metrics?person=a%00',
      ]) {
        const answer = await probe({ method: 'GET', path, role: 'admin' });
        expect(answer.status, path).toBe(400);
      }
    });

    it('is still healthy', async () => {
      expect((await probe({ method: 'GET', path: '/api/health', role: 'anonymous' })).status).toBe(200);
    });
  });
  describe('properties generated from the route table', () => {
    /** Inputs sent per route, counted to show each got at least 1,000. */
    const sent = new Map<string, number>();
    const BATCH = 4; // requests in flight at once (keep-alive sockets)
    const RUNS = 125; // per property: 125 runs × 4 probes × 2 properties = 1,000 inputs a route
    const keyOf = (r: RouteEntry) => `${r.method} ${r.path}`;

    it('covers every route of the app, the grid import included', () => {
      expect(routes.length).toBeGreaterThan(20);
      expect(routes.map(keyOf)).toContain('POST /api/admin/grids/import');
      expect(routes.map(keyOf)).toContain('POST /api/auth/login');
    });

    /**
     * Runs one property on every route (all of them, also after a failure) and fails listing
     * each route's shrunk counterexample with its server log line.
     */
    const everyRoute = async (probeOf: (route: RouteEntry) => fc.Arbitrary<Probe>) => {
      const failures: string[] = [];
      for (const route of routes) {
        const started = Date.now();
        const result = await fc.check(
          fc.asyncProperty(
            fc.array(probeOf(route), { minLength: BATCH, maxLength: BATCH }),
            async (probes) => {
              await Promise.all(probes.map((p) => probe(p)));
            },
          ),
          { numRuns: RUNS },
        );
        sent.set(keyOf(route), (sent.get(keyOf(route)) ?? 0) + result.numRuns * BATCH);
        if (process.env.HOSTILE_TIMING) console.log(`${keyOf(route)}: ${Date.now() - started} ms`);
        if (result.failed)
          failures.push(
            `${keyOf(route)} (seed ${result.seed}): ${String(result.errorInstance).slice(0, 1500)}`,
          );
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
      expect((await probe({ method: 'GET', path: '/api/health', role: 'anonymous' })).status).toBe(200);
    };

    it(
      'answers < 500 to hostile path parameters and query strings on every route',
      { timeout: 600_000 },
      () => everyRoute(urlProbe),
    );

    it('answers < 500 to hostile JSON bodies on every route', { timeout: 600_000 }, () =>
      everyRoute(bodyProbe),
    );

    it('sent at least 1,000 generated inputs to every route, and the server is healthy', async () => {
      for (const route of routes) expect(sent.get(keyOf(route)), keyOf(route)).toBeGreaterThanOrEqual(1000);
      expect((await probe({ method: 'GET', path: '/api/health', role: 'anonymous' })).status).toBe(200);
      for (const role of ROLES) {
        const me = await probe({ method: 'GET', path: '/api/me', role });
        expect(me.status, role).toBe(200);
      }
    });
  });
});

/** Whether a text is GeoReport's JSON error list: `[{code, description}, …]`. */
function isOpen311ErrorList(text: string): boolean {
  try {
    const list = JSON.parse(text);
    return (
      Array.isArray(list) &&
      list.length > 0 &&
      list.every((e) => typeof e?.code === 'number' && typeof e?.description === 'string')
    );
  } catch {
    return false;
  }
}

// ---- Generators -------------------------------------------------------------------------

/** Strings a hostile client would try: edge numbers, metacharacters, ill-formed Unicode, dates. */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '0',
      '-1',
      '-0',
      '1.5',
      '1e309',
      '-1e309',
      'NaN',
      'Infinity',
      '9007199254740993',
      '99999999999999999999999999',
      '0x10',
      'true',
      'null',
      'undefined',
      '[]',
      '{}',
      '%',
      '_',
      '%_',
      "'",
      '"',
      '\\',
      "' OR '1'='1",
      '\'; DROP TABLE "Case"; --',
      '%_\'"\\`',
      '*',
      '../../etc/passwd',
      '..\\..\\windows',
      '/',
      '//',
      '.',
      '..',
      '\u0000',
      'a\u0000b',
      '\ud800',
      '\udfff',
      'x\ud83d',
      '\ud83d\ude00',
      '\u202e',
      '\ufeff',
      '\uffff',
      '𠮷野家',
      '网格',
      '\r\n',
      '\t',
      '\u0007',
      '<script>alert(1)</script>',
      '$\u007b7*7}',
      '{{7*7}}',
      '__proto__',
      'constructor',
      'prototype',
      '0000-01',
      '9999-12',
      '2026-11',
      '2026-10',
      '2026-13',
      '1999-12',
      '2101-01',
      '2026-02-30',
      '0000-01-01',
      '9999-12-31',
      '2026-11-23',
      '+010000-01-01',
      '2026-11-23T00:00:00Z',
      '371502001000',
      '371502000000',
      '371500000000',
      '371502001001001',
      '000000000000',
      'COUNTY',
      'TOWNSHIP',
      'GRID_WORKER',
      'csv',
      'xlsx',
      'PATROL',
      'reported',
      'department',
      'REPORTED',
      'REGISTER',
      'numerator',
      'denominator',
      '371502-CHENGGUAN',
      'admin',
      '00000000-0000-0000-0000-000000000000',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('x', '9', '%', '网', '\ud800'), fc.integer({ min: 200, max: 5000 }))
      .map(([c, n]) => c.repeat(n)),
  },
  { weight: 1, arbitrary: fc.uuid().map(String) },
);

/** Percent-encodes every UTF-16 unit, lone surrogates as their (ill-formed) 3-byte sequence. */
function encodeAny(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(s[i]!);
  }
  return out;
}

/** A URL piece: mostly encoded, sometimes with a raw malformed escape. */
/** Node's HTTP parser answers 431 (no body, before Express) past 16 KB of headers: URLs stay shorter. */
const MAX_URL_PIECE = 2000;
const urlPiece = fc.oneof(
  { weight: 8, arbitrary: hostileString.map((v) => encodeAny(v).slice(0, MAX_URL_PIECE)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('%', '%E0%A4%A', '%zz', '%00', '%ff', '%C0%AF', '%2e%2e', '%2F', '+', '%2B'),
  },
);

const QUERY_NAMES = [
  'unit',
  'grid',
  'department',
  'person',
  'month',
  'from',
  'to',
  'period',
  'cursor',
  'limit',
  'state',
  'q',
  'format',
  'lon',
  'lat',
  'kind',
  'user',
  'owner',
  'mine',
  'category',
  'metric',
  'part',
  'code',
  'id',
  '__proto__',
  'constructor',
  'a[b]',
  'unit[]',
  'q[$ne]',
  '',
];

const ROLE_ARB = fc.constantFrom<Role>(...ROLES, 'anonymous');

/** The route's path with every `:param` replaced by a hostile (or plausible) segment. */
const pathOf = (route: RouteEntry) => {
  const params = route.path.match(/:\w+/g) ?? [];
  return fc.array(urlPiece, { minLength: params.length, maxLength: params.length }).map((values) => {
    let i = 0;
    return route.path.replace(/:\w+/g, () => values[i++] || 'x');
  });
};

/** Logging out would revoke the shared tokens: that route is probed without one. */
const roleFor = (route: RouteEntry): fc.Arbitrary<Role> => {
  if (route.path.includes('/logout')) return fc.constant<Role>('anonymous');
  // An admin's grid import parses in a worker thread (~0.1 s each): mostly refused callers there.
  if (route.path.endsWith('/grids/import'))
    return fc.oneof({ weight: 1, arbitrary: fc.constant<Role>('admin') }, { weight: 9, arbitrary: ROLE_ARB });
  return ROLE_ARB;
};

function urlProbe(route: RouteEntry): fc.Arbitrary<Probe> {
  const pair = fc.tuple(
    fc.oneof(fc.constantFrom(...QUERY_NAMES), hostileString),
    fc.array(urlPiece, { minLength: 1, maxLength: 3 }),
  );
  const query = fc
    .array(pair, { maxLength: 6 })
    .map((pairs) =>
      pairs.flatMap(([name, values]) => values.map((v) => `${encodeAny(name)}=${v}`)).join('&'),
    );
  return fc.record({ path: pathOf(route), query, role: roleFor(route) }).map(({ path, query, role }) => ({
    method: route.method,
    path: query ? `${path}?${query.slice(0, 4 * MAX_URL_PIECE)}` : path,
    role,
  }));
}

const FIELD_NAMES = [
  'username',
  'password',
  'categoryCode',
  'description',
  'location',
  'lon',
  'lat',
  'title',
  'address',
  'attachmentIds',
  'priority',
  'source',
  'action',
  'version',
  'note',
  'reason',
  'reasonCode',
  'leadDepartmentId',
  'coDepartmentIds',
  'departmentIds',
  'days',
  'kind',
  'gridCode',
  'month',
  'type',
  'features',
  'geometry',
  'coordinates',
  'properties',
  'code',
  'villageCode',
  'name',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
];

/** A value of the wrong (or right) type for any field. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -1, 0, 1, 10, 11, 100000),
  fc.array(hostileString, { maxLength: 12 }),
  fc.record({ lon: fc.oneof(fc.double(), hostileString), lat: fc.oneof(fc.double(), hostileString) }),
  fc.constantFrom(
    'REGISTER',
    'CLAIM',
    'DISPATCH',
    'REJECT',
    'PATROL',
    'HOME_VISIT',
    'URGENT',
    'FeatureCollection',
  ),
);

const nested = (depth: number, kind: 'array' | 'object', leaf: string) =>
  kind === 'array'
    ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;

/** JSON texts (and a few non-JSON ones): shapes of any kind, the route's fields with wrong types. */
const bodyText = (maxDepth: number): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), hostileString), fieldValue, { maxKeys: 8 })
        .map((o) => JSON.stringify(o)),
    },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: fc
        .anything({ withNullPrototype: true, withObjectString: true, maxDepth: 4 })
        .map((v) => JSON.stringify(v)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 1, max: maxDepth }),
          fc.constantFrom<'array' | 'object'>('array', 'object'),
          fc.constantFrom('1', '"\\ud800"', 'null', '{}'),
        )
        .map(([d, k, leaf]) => nested(d, k, leaf)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"__proto__":{"isAdmin":true,"role":"ADMIN"}}',
        '{"constructor":{"prototype":{"role":"ADMIN"}}}',
        '{"username":"admin","password":"demo1234","__proto__":{"x":1}}',
        '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1e400,NaN]]]}}]}',
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"\\ud800"},"geometry":null}]}',
        '{"month":"0000-01"}',
        '{"month":"9999-12"}',
        '{"a":"\\u0000"}',
        '{"\\u0000":1}',
        '{"\\udc00":1}',
        '',
        'null',
        '"\\ud800"',
        '1e999',
        '{',
        '[1,]',
        '{"a":1,"a":2}',
        'not json',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/geo+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'image/png',
  'application/json; charset=utf-16',
];

function bodyProbe(route: RouteEntry): fc.Arbitrary<Probe> {
  // The grid import's own size limits are someone else's tests: small bodies only there.
  const small = route.path.includes('/import');
  return fc
    .record({
      path: fc.oneof(
        {
          weight: 3,
          arbitrary: fc.constant(route.path.replace(/:\w+/g, '00000000-0000-0000-0000-000000000000')),
        },
        { weight: 1, arbitrary: pathOf(route) },
      ),
      body: bodyText(small ? 200 : 100_000).filter((b) => !small || (b ?? '').length <= 4096),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      key: fc.option(fc.oneof(fc.uuid().map(String), hostileString.map(encodeAny)), { nil: undefined }),
      role: roleFor(route),
    })
    .map(({ path, body, contentType, key, role }) => ({
      method: route.method,
      path,
      role,
      body,
      headers: { 'content-type': contentType, ...(key ? { 'idempotency-key': key.slice(0, 300) } : {}) },
    }));
}
