/**
 * 综合评价 at city scale: 1,000,000 cases (≈ 8 events each) spread over 2026, written straight
 * into a seeded database with better-sqlite3 — every event folded into CaseFacts by the API's
 * own recordCaseFacts, as every write path does — then GET /api/metrics for the whole city over
 * one month (November), against:
 * - raw: the same statements (metric-counts-sql.ts) on better-sqlite3, no Prisma, no HTTP;
 * - the log-only raw baseline of the first version (hand-written, one query per part, 9 parts);
 * - the log reference (metric-sql.ts, what the API ran before CaseFacts), run once on
 *   better-sqlite3 for every part: every count must agree with the API's.
 * Then a county, a township and a cell for information.
 *
 *   node --import tsx bench/metrics.ts            (BENCH_METRICS_CASES=100000 for a quick run)
 *   BENCH_METRICS_DB=/tmp/m.db …                   keeps the generated database there and reuses it
 *
 * Writes bench/results/metrics.{json,md}.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../api/src/app';
import { caseFactsStatements, type FactEvent } from '../api/src/case-log/case-facts';
import { createManualClock } from '../api/src/clock';
import { loadConfig } from '../api/src/config';
import { createContext } from '../api/src/create-context';
import { sqliteRunner } from '../api/src/db/sql-runner';
import { Prisma } from '../api/src/generated/prisma/client';
import { countParts } from '../api/src/services/metrics/metric-counts-sql';
import { METRICS, PARTS, type PartName } from '../api/src/services/metrics/metric-definitions';
import { partSql } from '../api/src/services/metrics/metric-sql';
import { periodOf } from '../api/src/services/metrics/metrics-query';
import type { MetricsScope } from '../api/src/services/metrics/metrics-scope';
import { createRandom } from '../shared/src/random';
import { seedDatabase } from './lib/child';
import { openRaw, type RawDatabase } from './lib/sqlite';

const N = Number(process.env.BENCH_METRICS_CASES ?? 1_000_000);
const RUNS = 7;
const SCOPE_RUNS = 5;
const TARGET_MS = 500;
const FROM = '2026-11-01';
const TO = '2026-11-30';
const START = Date.parse('2025-12-31T16:00:00Z'); // 2026-01-01 00:00 Shanghai
const YEAR_MS = 365 * 86_400_000;
const MIN = 60_000;
const toDb = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const PERIOD = periodOf(FROM, TO, new Date());
const SCOPES = [
  ['county 371502000000', 'unit=371502000000'],
  ['township 371502001000', 'unit=371502001000'],
  ['cell 371502001001001', 'grid=371502001001001'],
] as const;

/** A deterministic PRNG, so every run writes the same data. */
const rng = createRandom;

/** Writes the cases and their events; returns the seconds spent folding events into CaseFacts. */
function generate(db: RawDatabase): number {
  const grids = db
    .prepare('SELECT code, villageCode, townshipCode, countyCode, centroidLon, centroidLat FROM "Grid"')
    .all() as {
    code: string;
    villageCode: string;
    townshipCode: string;
    countyCode: string;
    centroidLon: number;
    centroidLat: number;
  }[];
  const reporter = (db.prepare(`SELECT id FROM "User" WHERE username = 'gridworker'`).get() as { id: string })
    .id;
  const insertCase = db.prepare(
    `INSERT INTO "Case" (id, code, title, description, categoryCode, source, priority, state, ownerLevel, ownerUnitCode,
      gridCode, villageCode, townshipCode, countyCode, isUrban, lon, lat, reporterId, reworkCount, extensionDays, version,
      alarmLevel, createdAt, updatedAt, closedAt)
     VALUES (?, ?, '占道经营', '早市摊贩占用人行道经营', '0201', ?, 'NORMAL', ?, 'TOWNSHIP', ?, ?, ?, ?, ?, 1, ?, ?, ?, 0, 0, 1, 'NONE', ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO "CaseEvent" (caseId, action, actorId, actorRole, fromState, toState, toLevel, toUnitCode, payload,
      onTime, gridCode, countyCode, reporterId, createdAt) VALUES (?, ?, ?, 'SYSTEM', ?, ?, 'TOWNSHIP', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const random = rng(42);
  let foldMs = 0;
  // Events are appended in time order (seq follows createdAt), as the API does: generate the
  // cases in creation order and write each case's events as it goes (a case's later events
  // land a little out of order with the next case's first ones, as under real concurrency).
  // The batch's events are folded into CaseFacts at its end, in the same transaction, each
  // case's in order (recordCaseFacts writes many cases per statement).
  const batch = db.transaction((from: number, to: number) => {
    const written: FactEvent[] = [];
    for (let i = from; i < to; i += 1) {
      const g = grids[Math.floor(random() * grids.length)]!;
      const t0 = START + Math.floor((i / N) * YEAR_MS);
      const id = randomUUID();
      const hotline = random() < 0.2;
      let t = t0;
      let state = 'REPORTED';
      const events: [string, string | null, string, string | null][] = [['REPORT', null, 'REPORTED', null]];
      const step = (action: string, to: string, minutes: number, payload: string | null = null) => {
        events.push([action, state, to, payload]);
        state = to;
        t += minutes * MIN;
      };
      if (random() < 0.05) step('RED_CARD', 'REPORTED', 31);
      step('REGISTER', 'REGISTERED', 10);
      if (random() < 0.2) {
        step('ESCALATE', 'ESCALATED', 5);
        step('REGISTER', 'REGISTERED', 10);
      }
      step('DISPATCH', 'DISPATCHED', 20);
      if (random() < 0.03) {
        step('REQUEST_RETURN', 'RETURN_REQUESTED', 60);
        step('ACCEPT_RETURN', 'REGISTERED', 30);
        step('DISPATCH', 'DISPATCHED', 10);
      }
      step('CLAIM', 'CLAIMED', 120);
      const suspended = random() < 0.01;
      if (suspended) step('SUSPEND', 'SUSPENDED', 0);
      else {
        if (random() < 0.05) step('APPROVE_EXTENSION', 'CLAIMED', 60);
        const rounds = random() < 0.1 ? 2 : 1;
        for (let r = 0; r < rounds; r += 1) {
          step('FEEDBACK', 'CHECKING', 2 * 24 * 60, `{"onTime":${random() < 0.9}}`);
          if (random() < 0.05) step('RED_CARD', 'CHECKING', 61);
          step(r + 1 < rounds ? 'CHECK_FAIL' : 'CHECK_PASS', r + 1 < rounds ? 'DISPATCHED' : 'CHECKED', 60);
          if (r + 1 < rounds) step('CLAIM', 'CLAIMED', 60);
        }
        step('CLOSE', 'CLOSED', 60);
        if (hotline)
          step(random() < 0.85 ? 'CALLBACK_SATISFIED' : 'CALLBACK_DISSATISFIED', 'ARCHIVED', 24 * 60);
      }
      insertCase.run(
        id,
        `3715-B${String(i).padStart(9, '0')}`,
        hotline ? 'HOTLINE' : 'GRID_WORKER',
        state,
        g.townshipCode.slice(0, 9).padEnd(12, '0'),
        g.code,
        g.villageCode,
        g.townshipCode,
        g.countyCode,
        g.centroidLon,
        g.centroidLat,
        reporter,
        toDb(t0),
        toDb(t),
        state === 'CLOSED' || state === 'ARCHIVED' ? toDb(t) : null,
      );
      let te = t0;
      for (const [action, from, to, payload] of events) {
        const onTime = action === 'FEEDBACK' ? (payload ?? '').includes('"onTime":true') : null;
        insertEvent.run(
          id,
          action,
          'system',
          from,
          to,
          g.townshipCode,
          payload,
          onTime === null ? null : Number(onTime),
          g.code,
          g.countyCode,
          reporter,
          toDb(te),
        );
        written.push({
          caseId: id,
          action,
          fromState: from as FactEvent['fromState'],
          onTime,
          gridCode: g.code,
          countyCode: g.countyCode,
          reporterId: reporter,
          createdAt: new Date(te),
        });
        te += action === 'FEEDBACK' ? 2 * 24 * 60 * MIN : 20 * MIN;
      }
    }
    const f0 = performance.now();
    // The API's own fold statements; the runner executes each synchronously, inside this
    // better-sqlite3 transaction.
    const runner = sqliteRunner(db as never);
    for (const q of caseFactsStatements(written)) void runner.query(q.sql, q.values);
    foldMs += performance.now() - f0;
  });
  for (let i = 0; i < N; i += 5_000) batch(i, Math.min(N, i + 5_000));
  db.exec('ANALYZE');
  return foldMs / 1000;
}

/** The first version's raw baseline: hand-written, from the log alone, one query per part. */
function rawLogCounts(db: RawDatabase, start: string, end: string) {
  const notSusp = `NOT EXISTS (SELECT 1 FROM "CaseEvent" s WHERE s.caseId = e.caseId AND s.action = 'SUSPEND' AND s.createdAt < @end)`;
  const ev = (actions: string) =>
    `SELECT COUNT(*) n FROM "CaseEvent" e WHERE e.action IN (${actions}) AND e.createdAt >= @start AND e.createdAt < @end AND ${notSusp}`;
  const cases = (actions: string) =>
    `SELECT DISTINCT e.caseId FROM "CaseEvent" e WHERE e.action IN (${actions}) AND e.createdAt >= @start AND e.createdAt < @end AND ${notSusp}`;
  const q = {
    toHandle: `SELECT COUNT(*) n FROM (${cases(`'DISPATCH'`)})`,
    handled: `SELECT COUNT(*) n FROM (${cases(`'DISPATCH'`)}) d WHERE EXISTS (SELECT 1 FROM "CaseEvent" f WHERE f.caseId = d.caseId AND f.action = 'FEEDBACK' AND f.createdAt >= @start AND f.createdAt < @end)`,
    registered: `SELECT COUNT(*) n FROM (${cases(`'REGISTER','VERIFY_CONFIRM','SELF_RESOLVE'`)}) r WHERE NOT EXISTS (SELECT 1 FROM "CaseEvent" p WHERE p.caseId = r.caseId AND p.action IN ('REGISTER','VERIFY_CONFIRM','SELF_RESOLVE') AND p.createdAt < @start)`,
    dispatches: ev(`'DISPATCH'`),
    returns: ev(`'ACCEPT_RETURN'`),
    reworks: ev(`'CHECK_FAIL','CALLBACK_DISSATISFIED'`),
    checks: ev(`'CHECK_PASS','CHECK_FAIL'`),
    callbacks: ev(`'CALLBACK_SATISFIED','CALLBACK_DISSATISFIED'`),
    satisfied: ev(`'CALLBACK_SATISFIED'`),
  };
  return Object.fromEntries(
    Object.entries(q).map(([k, sql]) => [k, (db.prepare(sql).get({ start, end }) as { n: number }).n]),
  ) as Partial<Record<PartName, number>>;
}

const CITY: MetricsScope = {
  kind: 'unit',
  id: '371500000000',
  name: '聊城市',
  caseWhere: {},
  caseSql: Prisma.sql`1 = 1`,
  joinCase: false,
  factsSql: Prisma.sql`1 = 1`,
  eventSql: Prisma.sql`1 = 1`,
};
/** Prisma's SQLite text for dates, booleans as 0/1: how the adapter binds them. */
const bind = (sql: Prisma.Sql) =>
  sql.values.map((v) => (v instanceof Date ? toDb(v.getTime()) : typeof v === 'boolean' ? Number(v) : v));

interface Timing {
  runs: number[];
  median: number;
  min: number;
  max: number;
}
function timing(runs: number[]): Timing {
  const sorted = [...runs].sort((a, b) => a - b);
  return { runs, median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
}

/** Busy CPU time of the whole machine (ms, all cores) from /proc/stat; 0 where there is none. */
function machineBusyMs(): number {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = f as number[];
    return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / 100;
  } catch {
    return 0;
  }
}
/** Runs `fn`, returning its result and the cores other processes kept busy meanwhile. */
async function watched<T>(fn: () => Promise<T> | T): Promise<{ value: T; otherCores: number }> {
  const [busy0, own0, t0] = [machineBusyMs(), process.cpuUsage(), performance.now()];
  const value = await fn();
  const own = process.cpuUsage(own0);
  const wall = performance.now() - t0;
  const others = machineBusyMs() - busy0 - (own.user + own.system) / 1000;
  return { value, otherCores: Math.max(0, others / wall) };
}

type Rates = { key: string; name: string; numerator: number; denominator: number }[];

async function timeApi(file: string) {
  const clock = createManualClock(new Date('2026-12-01T02:00:00Z'));
  const config = loadConfig({ DATA_DIR: dirname(file), DATABASE_URL: `file:${file}`, SEED_DEMO: 'false' });
  const ctx = await createContext(config, clock, () => {});
  const server = createServer(createApp(ctx));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo1234' }),
  });
  const token = ((await login.json()) as { data: { token: string } }).data.token;
  const get = async (query: string) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/metrics?${query}&from=${FROM}&to=${TO}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { data: { rates: Rates } };
    if (res.status !== 200)
      throw new Error(`GET /api/metrics?${query}: ${res.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t0, rates: body.data.rates };
  };
  try {
    const cold = await get('unit=371500000000'); // the first request after start
    const city: number[] = [];
    let rates: Rates = cold.rates;
    const { otherCores } = await watched(async () => {
      for (let i = 0; i < RUNS; i += 1) {
        const r = await get('unit=371500000000');
        city.push(r.ms);
        rates = r.rates;
      }
    });
    const scoped: Record<string, Timing> = {};
    for (const [name, query] of SCOPES) {
      await get(query);
      const ms: number[] = [];
      for (let i = 0; i < SCOPE_RUNS; i += 1) ms.push((await get(query)).ms);
      scoped[name] = timing(ms);
    }
    return { cold: cold.ms, city: timing(city), otherCores, rates, scoped };
  } finally {
    server.close();
    await ctx.db.close();
  }
}

/** The API's statements on better-sqlite3: the same SQL without Prisma or HTTP. */
async function timeRawFacts(file: string) {
  const db = openRaw(file);
  const run = (sql: Prisma.Sql) =>
    Promise.resolve(db.prepare(sql.sql).all(bind(sql)) as Record<string, unknown>[]);
  await countParts(run, CITY, PERIOD);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    await countParts(run, CITY, PERIOD);
    ms.push(performance.now() - t0);
  }
  db.close();
  return timing(ms);
}

function timeRawLog(file: string) {
  const db = openRaw(file);
  const [start, end] = [toDb(PERIOD.start.getTime()), toDb(PERIOD.end.getTime())];
  let counts = rawLogCounts(db, start, end);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    counts = rawLogCounts(db, start, end);
    ms.push(performance.now() - t0);
  }
  db.close();
  return { timing: timing(ms), counts };
}

/** Every part straight from the log (metric-sql.ts: the API's SQL before CaseFacts), once. */
function logReference(file: string) {
  const db = openRaw(file);
  const t0 = performance.now();
  const counts = {} as Record<PartName, number>;
  for (const name of Object.keys(PARTS) as PartName[]) {
    const sql = partSql(name, CITY, PERIOD);
    counts[name] = Number((db.prepare(sql.sql).get(bind(sql)) as { n: number }).n);
  }
  const ms = performance.now() - t0;
  db.close();
  return { ms, counts };
}

/** The parts behind the API's rates: each indicator names its numerator and denominator parts. */
function partsOf(rates: Rates): Partial<Record<PartName, number>> {
  const byKey = Object.fromEntries(rates.map((r) => [r.key, r]));
  const parts: Partial<Record<PartName, number>> = {};
  for (const m of METRICS) {
    parts[m.numerator] = byKey[m.key]!.numerator;
    parts[m.denominator] = byKey[m.key]!.denominator;
  }
  return parts;
}

const f0 = (ms: number) => `${ms.toFixed(0)} ms`;

async function main() {
  const keep = process.env.BENCH_METRICS_DB;
  const dir = keep ? dirname(keep) : mkdtempSync(join(tmpdir(), 'bench-metrics-'));
  const file = keep ?? join(dir, 'metrics.db');
  try {
    const t = performance.now();
    const reuse = keep !== undefined && existsSync(file);
    if (!reuse) await seedDatabase(file);
    const db = openRaw(file);
    const foldSeconds = reuse ? null : generate(db);
    const events = (db.prepare('SELECT COUNT(*) n FROM "CaseEvent"').get() as { n: number }).n;
    const facts = (db.prepare('SELECT COUNT(*) n FROM "CaseFacts"').get() as { n: number }).n;
    db.close();
    const genS = (performance.now() - t) / 1000;
    console.log(
      `${reuse ? 'reused' : 'generated'} ${N} cases, ${events} events, ${facts} CaseFacts rows in ${genS.toFixed(0)} s` +
        (foldSeconds !== null ? ` (folding the events into CaseFacts: ${foldSeconds.toFixed(0)} s)` : ''),
    );
    const load = loadavg()[0]!;
    const api = await timeApi(file);
    console.log(
      `API: cold ${f0(api.cold)}, warm median ${f0(api.city.median)} (${api.city.runs.map(f0).join(', ')})`,
    );
    const raw = await timeRawFacts(file);
    console.log(`raw (the API's statements): median ${f0(raw.median)}`);
    const oldRaw = timeRawLog(file);
    console.log(`raw log-only baseline (first version): median ${f0(oldRaw.timing.median)}`);
    const reference = logReference(file);
    console.log(`log reference (the API's SQL before CaseFacts), every part once: ${f0(reference.ms)}`);
    const parts = partsOf(api.rates);
    const disagree = (Object.keys(PARTS) as PartName[]).filter((k) => parts[k] !== reference.counts[k]);
    const oldDisagree = Object.entries(oldRaw.counts).filter(([k, n]) => parts[k as PartName] !== n);
    const agree = disagree.length === 0 && oldDisagree.length === 0;
    if (!agree) console.log('DISAGREE:', disagree, oldDisagree);

    const result = {
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${load.toFixed(1)} at start`,
      cases: N,
      events,
      caseFactsRows: facts,
      generateSeconds: reuse ? null : genS,
      foldSeconds,
      period: { from: FROM, to: TO },
      targetMs: TARGET_MS,
      api: { coldMs: api.cold, ...api.city, otherCores: api.otherCores },
      rawFacts: raw,
      rawLogBaseline: oldRaw.timing,
      logReference: { ms: reference.ms, counts: reference.counts },
      scoped: api.scoped,
      agree,
      disagree: [...disagree, ...oldDisagree.map(([k]) => k)],
      rates: api.rates,
    };
    const lines = [
      `# 综合评价 benchmark`,
      '',
      `${N.toLocaleString('en')} cases, ${events.toLocaleString('en')} events over 2026; GET /api/metrics for the whole city, ${FROM}–${TO}; median of ${RUNS} warm requests after one cold one; target < ${TARGET_MS} ms. ${result.machine}; other processes kept ${api.otherCores.toFixed(1)} cores busy during the timed requests.`,
      '',
      '| what | time | vs API | target | pass/fail |',
      '|---|---|---|---|---|',
      `| **API** GET /api/metrics (CaseFacts, metric-counts-sql.ts), median (min–max) | **${f0(api.city.median)}** (${f0(api.city.min)}–${f0(api.city.max)}) | 1.0× | < ${TARGET_MS} ms | ${api.city.median < TARGET_MS ? 'PASS' : 'MISSED'} |`,
      `| API, first request after start | ${f0(api.cold)} | ${(api.cold / api.city.median).toFixed(1)}× | | info |`,
      `| raw: the API's five statements on better-sqlite3 | ${f0(raw.median)} (${f0(raw.min)}–${f0(raw.max)}) | ${(raw.median / api.city.median).toFixed(2)}× | | baseline |`,
      `| raw: first version's log-only baseline (hand-written, 9 of ${Object.keys(PARTS).length} parts) | ${f0(oldRaw.timing.median)} | ${(oldRaw.timing.median / api.city.median).toFixed(1)}× | | old baseline |`,
      `| the API's SQL before CaseFacts (metric-sql.ts, ${Object.keys(PARTS).length} parts, once, raw) | ${f0(reference.ms)} | ${(reference.ms / api.city.median).toFixed(1)}× | | before |`,
      ...Object.entries(api.scoped).map(
        ([name, s]) => `| API, ${name} | ${f0(s.median)} (${f0(s.min)}–${f0(s.max)}) | | | info |`,
      ),
      '',
      `All ${Object.keys(PARTS).length} parts agree with the log reference${oldDisagree.length === 0 ? ' and with the old baseline' : ''}: **${agree}**${agree ? '' : ` (differ: ${result.disagree.join(', ')})`}.` +
        (foldSeconds !== null
          ? ` Folding the ${events.toLocaleString('en')} events into CaseFacts (recordCaseFacts, ${facts.toLocaleString('en')} rows) took ${foldSeconds.toFixed(0)} s of the ${genS.toFixed(0)} s generation.`
          : ''),
      '',
      '| indicator | numerator | denominator |',
      '|---|---|---|',
      ...api.rates.map((r) => `| ${r.name} | ${r.numerator} | ${r.denominator} |`),
      '',
    ];
    const out = join(import.meta.dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'metrics.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(out, 'metrics.md'), lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
