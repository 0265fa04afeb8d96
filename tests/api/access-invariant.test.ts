import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app';
import { listRoutes, type RouteEntry } from '../../api/src/http/route-table';
import { METRICS } from '../../api/src/services/metrics/metric-definitions';
import { PERSON_CLASSES } from '../../shared/src/register/classes';
import { idCheckDigit } from '../../shared/src/register/id-number';
import { actOk, buildCase, loginAll } from '../support/factories';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app';

/**
 * The access invariant, over every GET endpoint of the route table (a new one is probed
 * without a new test): for every demo account and every scope parameter, the case ids an
 * answer carries (anywhere in its JSON, or its text) are a subset of the ids that account
 * gets 200 for on GET /api/cases/:id. The same for the register: every person id in an answer
 * opens for that account on GET /api/register/persons/:id, no answer names a 重点人员 class to
 * an account without clearance, and no answer holds a full ID number or phone (nothing here
 * reveals). The register's places, things, organisations and 民情日志 likewise: every record
 * id in a register answer opens for that account on its own GET, and no answer holds an
 * organisation's contact phone or a 1+N team member's phone.
 */

const ACCOUNTS = [
  'admin',
  'city.dispatcher',
  'county.dispatcher',
  'township.dispatcher',
  'township2.dispatcher',
  'village.operator',
  'village2.operator',
  'gridworker',
  'gridworker2',
  'dept.chengguan',
  'dept.chengguan2',
  'dept.gongan',
  'command.city',
  'hotline',
  'auditor',
] as const;
type Account = (typeof ACCOUNTS)[number];

/** The reference endpoint, and those that return no case data by construction. */
// The OpenAPI description names the register's class codes as enum values (the client bundle
// ships them too), never a record: it is no read of data.
const SKIP = new Set(['GET /api/cases/:id', 'GET /api/health', 'GET /api/openapi.json']);

/** The register's reference endpoint, and the access log, which names records (not people) to auditors. */
const PERSON_ID_SKIP = new Set(['GET /api/register/persons/:id', 'GET /api/register/access-log']);

/** Accounts whose register view includes the 重点人员 classes (docs/register.md). */
const KEY_CLEARED = new Set<string>([
  'admin',
  'city.dispatcher',
  'county.dispatcher',
  'township.dispatcher',
  'township2.dispatcher',
  'dept.gongan',
]);
const KEY_CLASS = new RegExp(
  `\\b(${PERSON_CLASSES.filter((c) => c.group === 'KEY')
    .map((c) => c.code)
    .join('|')})\\b`,
);

/** Values for the parameters a route requires (found from its 400 answer). */
const REQUIRED: Record<string, string[]> = {
  metric: METRICS.map((m) => m.key),
  part: ['numerator', 'denominator'],
  kind: ['COUNTY', 'TOWNSHIP', 'DEPARTMENT', 'GRID_WORKER'],
  month: ['2026-11'],
  level: ['county', 'township', 'village'],
  lon: [],
  lat: [],
};

describe('access invariant: no endpoint returns a case its caller cannot open', () => {
  let app: TestApp;
  let u: Record<Account, ApiClient>;
  const ids = new Set<string>();
  const codeToId = new Map<string, string>();
  const visible = new Map<Account, Set<string>>();
  let scopes: Record<string, string[]>;
  const personIds = new Set<string>();
  const plaintexts = new Set<string>();
  const opensPerson = new Map<string, boolean>();
  /** Every place, thing, organisation and 民情日志 id, with its type's path. */
  const recordTypes = new Map<string, string>();
  let pathValues: Record<string, string[]>;

  beforeAll(async () => {
    app = await startTestApp();
    u = await loginAll(app, ...ACCOUNTS);
    const read = app.ctx.db.read;
    const [t1, t2] = ['371502001000', '371502002000'];
    const v1 = u['village.operator'].user.unitCode as string;
    const v2 = u['village2.operator'].user.unitCode as string;
    const g1 = u.gridworker.user.gridCodes[0] as string;
    const g2 = u.gridworker2.user.gridCodes[0] as string;
    const cellsOf = async (villageCode: string) =>
      (await read.grid.findMany({ where: { villageCode }, orderBy: { code: 'asc' }, take: 3 })).map(
        (g) => g.code,
      );
    const [v1Cells, v2Cells] = [await cellsOf(v1), await cellsOf(v2)];
    const otherCounty = (await read.unit.findFirstOrThrow({
      where: { level: 'COUNTY', code: { not: '371502000000' } },
      orderBy: { code: 'asc' },
    }))!.code;
    const otherCells = (
      await read.grid.findMany({ where: { countyCode: otherCounty }, orderBy: { code: 'asc' }, take: 2 })
    ).map((g) => g.code);
    const squadT1 = (
      await read.department.findFirstOrThrow({ where: { unitCode: t1 }, orderBy: { id: 'asc' } })
    ).id;
    const squadT2 = (
      await read.department.findFirstOrThrow({ where: { unitCode: t2 }, orderBy: { id: 'asc' } })
    ).id;
    const otherDept = (await read.department.findFirstOrThrow({ where: { unitCode: otherCounty } })).id;

    // Cases everywhere the accounts look: each village's own loop, hotline reports in
    // another county, departments of both levels, and the cross case of the finding: a
    // 柳园街道 case the county dispatched to a 古楼街道 squad.
    const loop = async (
      worker: ApiClient,
      village: ApiClient,
      township: ApiClient,
      cell: string,
      n: number,
    ) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        let c = await buildCase(app, worker, { gridCode: cell, description: `访问不变量测试 ${i}` });
        if (i % 4 === 0) {
          out.push(c);
          continue;
        }
        c = await actOk(village, c, 'REGISTER');
        if (i % 4 === 1) c = await actOk(village, c, 'CLOSE').catch(() => c);
        else {
          c = await actOk(village, c, 'ESCALATE', { reason: '需要街道派遣' });
          c = await actOk(township, c, 'REGISTER');
          const lead = i % 2 === 0 ? '371502-CHENGGUAN' : '371502-GONGAN';
          c = await actOk(township, c, 'DISPATCH', { leadDepartmentId: lead });
        }
        out.push(c);
      }
      return out;
    };
    const dept = { '371502-CHENGGUAN': u['dept.chengguan'], '371502-GONGAN': u['dept.gongan'] };
    const walked = [
      ...(await loop(u.gridworker, u['village.operator'], u['township.dispatcher'], g1, 8)),
      ...(await loop(u.gridworker, u['village.operator'], u['township.dispatcher'], v1Cells[1] ?? g1, 4)),
      ...(await loop(u.gridworker2, u['village2.operator'], u['township2.dispatcher'], g2, 8)),
    ];
    // Some dispatched cases go on to feedback, check and close (the metrics' numerators).
    for (const c0 of walked.filter((c) => c.state === 'DISPATCHED').slice(0, 4)) {
      const lead = c0.tasks?.find((t: { isLead: boolean }) => t.isLead)?.departmentId as keyof typeof dept;
      const handler = dept[lead];
      if (!handler) continue;
      let c = await actOk(handler, c0, 'CLAIM');
      c = await actOk(handler, c, 'FEEDBACK', { note: '已处置' });
      const checker = c.gridCode === g2 ? u.gridworker2 : u.gridworker;
      await actOk(checker, c, 'CHECK_PASS').catch(() => undefined);
    }
    for (const cell of otherCells)
      await buildCase(app, u.hotline, { gridCode: cell, description: '12345 来电' });
    let cross = await buildCase(app, u.gridworker2, { gridCode: g2, description: '跨街道派遣' });
    cross = await actOk(u['village2.operator'], cross, 'REGISTER');
    cross = await actOk(u['village2.operator'], cross, 'ESCALATE', { reason: '需要街道' });
    cross = await actOk(u['township2.dispatcher'], cross, 'REGISTER');
    cross = await actOk(u['township2.dispatcher'], cross, 'ESCALATE', { reason: '需要区级协调' });
    cross = await actOk(u['county.dispatcher'], cross, 'REGISTER');
    await actOk(u['county.dispatcher'], cross, 'DISPATCH', { leadDepartmentId: squadT1 });

    for (const c of await read.case.findMany({ select: { id: true, code: true } })) {
      ids.add(c.id);
      codeToId.set(c.code, c.id);
    }
    for (const name of ACCOUNTS) {
      const seen = new Set<string>();
      for (const id of ids) if ((await u[name].get(`/api/cases/${id}`)).status === 200) seen.add(id);
      visible.set(name, seen);
    }
    const units = ['371500000000', '371502000000', otherCounty, t1, t2, v1, v2];
    const grids = [...new Set([g1, v1Cells[1] ?? g1, g2, v2Cells[1] ?? g2, otherCells[0]!])];
    const departments = ['371502-CHENGGUAN', '371502-GONGAN', squadT1, squadT2, otherDept];
    const people = (
      [
        'gridworker',
        'gridworker2',
        'village.operator',
        'township.dispatcher',
        'dept.chengguan',
        'dept.gongan',
      ] as const
    ).map((n) => u[n].user.id as string);
    scopes = {
      unit: units,
      grid: grids,
      department: departments,
      person: people,
      user: people,
      owner: units,
      mine: ['reported', 'department'],
      tag: ['KEY_COMMUNITY_CORRECTION', 'CONCERN_ELDERLY_ALONE', 'AID_SUBSISTENCE'],
    };
    const attachments = (await read.attachment.findMany({ select: { id: true } })).map((a) => a.id);
    // The demo register (both demo villages, some 重点人员 in gridworker's cell), plus one
    // person recorded in another county by its centre's reach (the city dispatcher).
    await u['city.dispatcher'].post('/api/register/persons', {
      name: '外县 居民',
      idNumber: '37152219800101001X'.slice(0, 17) + idCheckDigit('37152219800101001'),
      gridCode: otherCells[0],
      residence: 'HOUSEHOLD',
      tags: ['KEY_RELEASED'],
    });
    const cipher = app.ctx.registerCipher;
    const persons = await read.person.findMany({
      select: {
        id: true,
        gridCode: true,
        idNumberCipher: true,
        phoneCipher: true,
        tags: { select: { tagCode: true } },
      },
    });
    for (const p of persons) {
      personIds.add(p.id);
      if (p.idNumberCipher) plaintexts.add(cipher.decrypt('idNumber', p.idNumberCipher));
      if (p.phoneCipher) plaintexts.add(cipher.decrypt('phone', p.phoneCipher));
    }
    for (const o of await read.organisation.findMany({ select: { contactPhoneCipher: true } }))
      if (o.contactPhoneCipher) plaintexts.add(cipher.decrypt('phone', o.contactPhoneCipher));
    for (const m of await read.gridMember.findMany({ select: { phoneCipher: true } }))
      if (m.phoneCipher) plaintexts.add(cipher.decrypt('phone', m.phoneCipher));
    const records = {
      places: await read.place.findMany({ select: { id: true, gridCode: true } }),
      things: await read.thing.findMany({ select: { id: true, gridCode: true } }),
      organisations: await read.organisation.findMany({ select: { id: true, gridCode: true } }),
      situations: await read.situation.findMany({ select: { id: true, gridCode: true } }),
    };
    const sampleRecords: string[] = [];
    for (const [type, rows] of Object.entries(records)) {
      for (const r of rows) recordTypes.set(r.id, type);
      for (const cell of [g1, g2]) sampleRecords.push(rows.find((r) => r.gridCode === cell)!.id);
    }
    const samplePersons = [
      persons.find((p) => p.gridCode === g1 && p.tags.some((t) => t.tagCode.startsWith('KEY_'))),
      persons.find((p) => p.gridCode === g1 && p.tags.length === 0),
      persons.find((p) => p.gridCode === g2),
      persons.find((p) => p.gridCode === otherCells[0]),
    ].map((p) => p!.id);
    pathValues = {
      code: [...units, ...grids],
      id: [
        ...(attachments.length > 0 ? attachments : ['00000000-0000-0000-0000-000000000000']),
        ...samplePersons,
        ...sampleRecords,
      ],
    };
  }, 300_000);
  afterAll(() => app?.close());

  /** Case ids anywhere in an answer: known ids and codes among its strings (JSON or text). */
  const caseIdsIn = (body: unknown): Set<string> => {
    const found = new Set<string>();
    const visit = (v: unknown) => {
      if (typeof v === 'string') {
        if (ids.has(v)) found.add(v);
        const byCode = codeToId.get(v);
        if (byCode) found.add(byCode);
        if (v.length > 40) for (const id of ids) if (v.includes(id)) found.add(id);
        if (v.length > 40) for (const [code, id] of codeToId) if (v.includes(code)) found.add(id);
      } else if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') Object.values(v).forEach(visit);
    };
    visit(body);
    return found;
  };

  /** Person ids, record ids and full ID numbers / phones anywhere in an answer. */
  const registerDataIn = (body: unknown) => {
    const ids: string[] = [];
    const recordIds: string[] = [];
    const secrets: string[] = [];
    const visit = (v: unknown) => {
      if (typeof v === 'string') {
        if (personIds.has(v)) ids.push(v);
        if (recordTypes.has(v)) recordIds.push(v);
        for (const m of v.matchAll(/\d{17}[\dX]|1\d{10}/g)) if (plaintexts.has(m[0])) secrets.push(m[0]);
      } else if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') Object.values(v).forEach(visit);
    };
    visit(body);
    return { ids, recordIds, secrets };
  };

  /** Whether an account opens a place, thing, organisation or 民情日志 entry (asked once). */
  const opensRecord = async (name: Account, id: string) => {
    const key = `${name} ${id}`;
    if (!opensPerson.has(key))
      opensPerson.set(key, (await get(u[name], `/api/register/${recordTypes.get(id)}/${id}`)).status === 200);
    return opensPerson.get(key)!;
  };

  /** Whether an account opens a person (asked once per account and person). */
  const opens = async (name: Account, id: string) => {
    const key = `${name} ${id}`;
    if (!opensPerson.has(key))
      opensPerson.set(key, (await get(u[name], `/api/register/persons/${id}`)).status === 200);
    return opensPerson.get(key)!;
  };

  /** A GET that retries once on a dropped keep-alive connection (the machine is busy). */
  const get = (client: ApiClient, url: string) => client.get(url).catch(() => client.get(url));

  /**
   * Every probe of a route for one account: path values × required values × each scope. The
   * answers fetched on the way (the bare request, the base of the required values) are kept
   * in `seen` by URL, so the probe of the same URL reuses them instead of asking again.
   */
  const probesFor = async (
    client: ApiClient,
    route: RouteEntry,
    seen: Map<string, { status: number; body: any }>,
  ): Promise<string[]> => {
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    let paths = [route.path];
    for (const p of params)
      paths = paths.flatMap((path) =>
        (pathValues[p] ?? ['x']).map((v) => path.replace(`:${p}`, encodeURIComponent(v))),
      );
    const out: string[] = [];
    for (const path of paths) {
      // Parameters the route requires: named by its 400 answer to a bare request.
      const bare = await get(client, path);
      seen.set(path, bare);
      const required =
        bare.status === 400
          ? [
              ...new Set(
                (bare.body?.error?.details ?? []).map((d: { path: string }) =>
                  d.path.replace(/^query\./, ''),
                ),
              ),
            ].filter((name): name is string => typeof name === 'string' && (REQUIRED[name]?.length ?? 0) > 0)
          : [];
      let combos: Record<string, string>[] = [{}];
      for (const name of required)
        combos = combos.flatMap((c) => REQUIRED[name]!.map((v) => ({ ...c, [name]: v })));
      // A parameter the route ignores answers a nonsense value exactly as no value: not probed.
      const baseUrl = `${path}?${new URLSearchParams(combos[0])}`;
      const base = required.length === 0 ? bare : await get(client, baseUrl);
      if (required.length > 0) seen.set(baseUrl, base);
      const variants: Record<string, string>[] = [{}];
      for (const [name, values] of Object.entries(scopes)) {
        const odd = await get(
          client,
          `${path}?${new URLSearchParams({ ...combos[0], [name]: 'zz-not-a-value' })}`,
        );
        if (odd.status === base.status && JSON.stringify(odd.body) === JSON.stringify(base.body)) continue;
        for (const v of values) variants.push({ [name]: v });
      }
      for (const combo of combos)
        for (const variant of variants) out.push(`${path}?${new URLSearchParams({ ...combo, ...variant })}`);
    }
    return out;
  };

  it('holds for every GET route, every demo account and every scope parameter', async () => {
    const routes = listRoutes(createApp(app.ctx)).filter(
      (r) => r.method === 'GET' && !SKIP.has(`${r.method} ${r.path}`),
    );
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/cases', '/api/metrics/cases', '/api/stats/cases']),
    );
    const leaks: string[] = [];
    let probes = 0;
    let answered = 0;
    for (const name of ACCOUNTS) {
      const client = u[name];
      const allowed = visible.get(name)!;
      for (const route of routes) {
        const started = Date.now();
        const before = probes;
        const seen = new Map<string, { status: number; body: any }>();
        const queue = await probesFor(client, route, seen);
        const run = async () => {
          for (let url = queue.pop(); url !== undefined; url = queue.pop()) {
            // Follow the pages of a paginated list.
            for (let page = 0, next: string | null = url; next && page < 20; page++) {
              // The first page may already be known (the same GET, same account, nothing written since).
              const known = page === 0 ? seen.get(next.replace(/\?$/, '')) : undefined;
              const res: { status: number; body: any } =
                known ??
                (await get(client, next).catch((e: Error) => ({
                  status: 599,
                  body: String(e.cause ?? e),
                })));
              probes++;
              if (res.status >= 500) leaks.push(`${name} ${next} → ${res.status}`);
              if (res.status !== 200) break;
              answered++;
              const leaked = [...caseIdsIn(res.body)].filter((id) => !allowed.has(id));
              if (leaked.length > 0) leaks.push(`${name} GET ${next} → ${leaked.length} hidden case(s)`);
              const register = registerDataIn(res.body);
              if (register.secrets.length > 0)
                leaks.push(
                  `${name} GET ${next} → ${register.secrets.length} unrevealed ID number(s)/phone(s)`,
                );
              if (!KEY_CLEARED.has(name) && KEY_CLASS.test(JSON.stringify(res.body)))
                leaks.push(`${name} GET ${next} → a 重点人员 class`);
              if (!PERSON_ID_SKIP.has(`GET ${route.path}`))
                for (const id of new Set(register.ids))
                  if (!(await opens(name, id))) leaks.push(`${name} GET ${next} → hidden person ${id}`);
              // A case may name its component to whoever sees the case; the register's own answers
              // name only records their caller opens.
              if (route.path.startsWith('/api/register/'))
                for (const id of new Set(register.recordIds))
                  if (!(await opensRecord(name, id))) leaks.push(`${name} GET ${next} → hidden record ${id}`);
              const cursor: unknown = res.body?.nextCursor;
              next = typeof cursor === 'string' ? `${url}&cursor=${encodeURIComponent(cursor)}` : null;
            }
          }
        };
        await Promise.all(Array.from({ length: 4 }, run));
        if (process.env.ACCESS_TRACE)
          console.log(`${name} ${route.path}: ${probes - before} probes, ${Date.now() - started} ms`);
      }
    }
    console.log(
      `access invariant: ${probes} probes, ${answered} answered 200, ${ids.size} cases, ${leaks.length} leaks`,
    );
    expect(leaks.slice(0, 40)).toEqual([]);
    // The probes reached real answers, and the fixture is not trivially empty for anyone.
    expect(answered).toBeGreaterThan(1000);
    // Every account but the auditor (no cases by design) sees some case.
    for (const name of ACCOUNTS)
      if (name !== 'auditor') expect(visible.get(name)!.size, name).toBeGreaterThan(0);
    // The register was probed: persons were listed to those who may see them.
    expect([...opensPerson.values()].some(Boolean)).toBe(true);
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/register/persons', '/api/register/visits/due', '/api/register/layers']),
    );
  }, 900_000);
});
