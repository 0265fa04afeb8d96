/**
 * 综合评价 at city scale: 1,000,000 cases (≈ 9 events each) spread over 2026, written straight
 * into a seeded database with better-sqlite3, then GET /api/metrics for the whole city over one
 * month (November) against a raw SQL baseline computing the same counts with hand-written
 * queries. Runs twice: without the CaseEvent(action, createdAt) index the metrics read by
 * (dropped; one timed run each, a full scan per count) and with it (migration 0007).
 *
 *   node --import tsx bench/metrics.ts            (BENCH_METRICS_CASES=100000 for a quick run)
 *
 * Writes bench/results/metrics.{json,md}.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../api/src/app';
import { createManualClock } from '../api/src/clock';
import { loadConfig } from '../api/src/config';
import { createContext } from '../api/src/create-context';
import { seedDatabase } from './lib/child';
import { openRaw, type RawDatabase } from './lib/sqlite';

const N = Number(process.env.BENCH_METRICS_CASES ?? 1_000_000);
const RUNS = 7;
/** Without the index every count scans the log: one timed run is enough to show it. */
const SLOW_RUNS = 1;
const TARGET_MS = 500;
const FROM = '2026-11-01';
const TO = '2026-11-30';
const START = Date.parse('2025-12-31T16:00:00Z'); // 2026-01-01 00:00 Shanghai
const YEAR_MS = 365 * 86_400_000;
const MIN = 60_000;
const toDb = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

/** A deterministic PRNG (mulberry32), so every run writes the same data. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(db: RawDatabase) {
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
      gridCode, countyCode, reporterId, createdAt) VALUES (?, ?, ?, 'SYSTEM', ?, ?, 'TOWNSHIP', ?, ?, ?, ?, ?, ?)`,
  );
  const random = rng(42);
  // Events are appended in time order (seq follows createdAt), as the API does: generate the
  // cases in creation order and write each case's events as it goes (a case's later events
  // land a little out of order with the next case's first ones, as under real concurrency).
  const batch = db.transaction((from: number, to: number) => {
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
        insertEvent.run(
          id,
          action,
          'system',
          from,
          to,
          g.townshipCode,
          payload,
          g.code,
          g.countyCode,
          reporter,
          toDb(te),
        );
        te += action === 'FEEDBACK' ? 2 * 24 * 60 * MIN : 20 * MIN;
      }
    }
  });
  for (let i = 0; i < N; i += 50_000) batch(i, Math.min(N, i + 50_000));
  db.exec('ANALYZE');
}

/** The same counts, hand-written: one query per part (city scope, suspended cases left out). */
function rawCounts(db: RawDatabase, start: string, end: string) {
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
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeApi(file: string, runs: number) {
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
  const ms: number[] = [];
  let body: {
    data: { rates: { key: string; name: string; numerator: number; denominator: number }[] };
  } | null = null;
  for (let i = 0; i <= runs; i += 1) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/metrics?unit=371500000000&from=${FROM}&to=${TO}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    body = (await res.json()) as typeof body;
    if (i > 0 || runs === SLOW_RUNS) ms.push(performance.now() - t0); // the first run warms caches
  }
  server.close();
  await ctx.db.close();
  return { ms: median(ms), rates: body!.data.rates };
}

function timeRaw(file: string, runs: number) {
  const db = openRaw(file);
  const start = toDb(Date.parse('2026-10-31T16:00:00Z'));
  const end = toDb(Date.parse('2026-11-30T16:00:00Z'));
  const ms: number[] = [];
  let counts: Record<string, number> = {};
  for (let i = 0; i <= runs; i += 1) {
    const t0 = performance.now();
    counts = rawCounts(db, start, end);
    if (i > 0 || runs === SLOW_RUNS) ms.push(performance.now() - t0);
  }
  db.close();
  return { ms: median(ms), counts };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-metrics-'));
  const file = join(dir, 'metrics.db');
  try {
    let t = performance.now();
    await seedDatabase(file);
    const db = openRaw(file);
    generate(db);
    const events = (db.prepare('SELECT COUNT(*) n FROM "CaseEvent"').get() as { n: number }).n;
    db.close();
    const genS = (performance.now() - t) / 1000;
    console.log(`generated ${N} cases, ${events} events in ${genS.toFixed(0)} s`);
    const results = [];
    const variants = [
      'without index (action, createdAt)',
      'with index (action, createdAt)',
      '+ index (caseId, action, createdAt) (proposed)',
    ];
    for (const variant of variants) {
      const withIndex = !variant.startsWith('without');
      const raw = openRaw(file);
      t = performance.now();
      raw.exec(
        withIndex
          ? 'CREATE INDEX IF NOT EXISTS "CaseEvent_action_createdAt_idx" ON "CaseEvent"("action", "createdAt")'
          : 'DROP INDEX IF EXISTS "CaseEvent_action_createdAt_idx"',
      );
      if (variant.startsWith('+'))
        raw.exec(
          'CREATE INDEX IF NOT EXISTS "bench_caseId_action_createdAt" ON "CaseEvent"("caseId", "action", "createdAt")',
        );
      raw.exec('ANALYZE');
      raw.close();
      console.log(`${variant}: prepared in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      const runs = withIndex ? RUNS : SLOW_RUNS;
      const api = await timeApi(file, runs);
      const baseline = timeRaw(file, runs);
      const byKey = Object.fromEntries(api.rates.map((r) => [r.key, r]));
      const agree =
        byKey.handle?.denominator === baseline.counts.toHandle &&
        byKey.handle?.numerator === baseline.counts.handled &&
        byKey.close?.denominator === baseline.counts.registered &&
        byKey.return?.numerator === baseline.counts.returns &&
        byKey.return?.denominator === baseline.counts.dispatches &&
        byKey.satisfaction?.numerator === baseline.counts.satisfied &&
        byKey.checkOnTime?.denominator === baseline.counts.checks;
      results.push({
        variant,
        runs,
        apiMs: api.ms,
        rawMs: baseline.ms,
        agree,
        rates: api.rates,
        raw: baseline.counts,
      });
      console.log(
        `${variant}: API ${api.ms.toFixed(0)} ms, raw ${baseline.ms.toFixed(0)} ms, counts agree: ${agree}`,
      );
    }
    const lines = [
      `# 综合评价 benchmark`,
      '',
      `${N.toLocaleString('en')} cases, ${events.toLocaleString('en')} events over 2026; GET /api/metrics for the whole city, ${FROM}–${TO}; median of ${RUNS} after one warm-up with the index (one cold run without); target < ${TARGET_MS} ms.`,
      '',
      '| variant | API | raw SQL baseline | ratio | target | pass/fail | counts agree |',
      '|---|---|---|---|---|---|---|',
      ...results.map(
        (r) =>
          `| ${r.variant} | ${r.apiMs.toFixed(0)} ms | ${r.rawMs.toFixed(0)} ms | ${(r.apiMs / r.rawMs).toFixed(1)}× | < ${TARGET_MS} ms | ${r.apiMs < TARGET_MS ? 'PASS' : 'MISSED'} | ${r.agree} |`,
      ),
      '',
      '| indicator | numerator | denominator |',
      '|---|---|---|',
      ...results[results.length - 1]!.rates.map((r) => `| ${r.name} | ${r.numerator} | ${r.denominator} |`),
      '',
    ];
    const out = join(import.meta.dirname, 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'metrics.json'),
      `${JSON.stringify({ cases: N, events, generateSeconds: genS, results }, null, 2)}\n`,
    );
    writeFileSync(join(out, 'metrics.md'), lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
