/**
 * Intake and real-time fan-out against ONE and TWO API nodes on PostgreSQL + Redis, beside raw
 * baselines measured in the same run:
 *
 *   node --import tsx bench/cluster.ts          (pnpm bench:cluster) ~5 min
 *   node --import tsx bench/cluster.ts --quick  1 repeat, short phases, 100 dashboards (~1.5 min)
 *   … --c=16,32 --repeats=3 --n=500 --k=10      closed-loop concurrencies, repeats, dashboards, events/s
 *   BENCH_CLUSTER_DASHBOARDS=1000 …             dashboards (same as --n); BENCH_KEEP=1 keeps the temp dir
 *
 * Starts a throwaway PostgreSQL and Redis (scripts/services.ts) and two real API processes
 * (`node --import tsx api/src/main.ts`, as scripts/cluster.ts does: node 1 alone first on the
 * empty database with SEED_DEMO=true, which migrates and seeds it, then node 2), two bare
 * Socket.IO servers joined by the same Redis adapter (bench/lib/cluster-bare.ts) and two
 * dashboard load generators (bench/fanout-dashboards.ts). Then, interleaved and repeated
 * (medians reported):
 *
 * - intake: POST /api/cases (Idempotency-Key, the demo grid workers' tokens, locations in their
 *   cells) in closed loops of C connections, all to node 1 or spread over both; raw baselines:
 *   the same Case + CaseEvent rows with node-postgres (one transaction each), and the same plus
 *   what the API adds to them (the case code's serial from a sequence, the Idempotency-Key row);
 * - fan-out: N `command.city` dashboards at K reports/s committed through node 1, all sockets on
 *   node 1 or half on node 2 (delivered there through Redis); baseline: bare Socket.IO servers
 *   with the Redis adapter, all sockets on server 1 or half on server 2.
 *
 * Prints the tables, writes bench/results/cluster.{json,md}. Exits 0 when it ran (whatever the
 * numbers), 1 when it could not. Everything listens on 127.0.0.1; every process and temp dir is
 * removed at the end, on failure and on Ctrl-C (PostgreSQL, Redis and the API nodes also die
 * with this process if it is killed: parent-death signal).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  freePort,
  type RunningService,
  startPostgres,
  startRedis,
  terminate,
  tiedArgv,
} from '../scripts/services';
import { type RpcChild, startRpcChild, stopChildren } from './lib/child';
import { closedLoopSpread, openLoopSpread } from './lib/cluster-load';
import { type MsHistogram, mergeHistograms, summarizeHistogram } from './lib/histogram';
import { openLoop, type PhaseResult, type Req, send } from './lib/load';
import { openPool } from './lib/pg';
import { type ActivityResult, startActivitySampler, waitPercentile } from './lib/pg-activity';
import {
  findPgReporter,
  type PgReporter,
  type RawPhaseResult,
  type RawVariant,
  rawClosedLoop,
} from './lib/pg-baseline';
import { cpuBetween, machineBusyMs, snapshot, type Watched } from './lib/proc-cpu';
import { fmtMs, fmtPct, fmtRate } from './lib/report';
import type { Summary } from './lib/stats';

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const list = (v: string | undefined) =>
  v
    ?.split(',')
    .map(Number)
    .filter((x) => Number.isFinite(x) && x > 0);
const QUICK = flag('quick') || process.env.BENCH_QUICK === '1';

const CONFIG = {
  /** Closed-loop connections (requests in flight) for intake. */
  concurrency: list(option('c')) ?? [16, 32],
  /** Every measured phase is run this many times, interleaved; the tables show medians. */
  repeats: Number(option('repeats') ?? (QUICK ? 1 : 3)),
  intakeSeconds: QUICK ? 2 : 4,
  intakeMaxRequests: 50_000,
  warmupRequests: QUICK ? 150 : 400,
  dashboards: Number(option('n') ?? process.env.BENCH_CLUSTER_DASHBOARDS ?? (QUICK ? 100 : 500)),
  rate: Number(option('k') ?? process.env.BENCH_CLUSTER_RATE ?? 10),
  fanoutSeconds: QUICK ? 3 : 6,
  /** Reads (open loop, as bench/run.ts): GET /api/cases/:id and ?limit=20 at this rate. */
  readRate: 200,
  readSeconds: QUICK ? 2 : 4,
  readRepeats: QUICK ? 1 : 2,
  fanoutWarmupSeconds: 2,
  /** Handshakes in flight at once per load generator while connecting dashboards. */
  connectConcurrency: 16,
  connectTimeoutMs: 20_000,
  drainMaxMs: 20_000,
  /** pg_stat_activity sampling during intake phases. */
  sampleIntervalMs: 10,
  /** The API nodes' pool (PG_POOL_SIZE; the API's default is 10). */
  pgPoolSize: Number(process.env.PG_POOL_SIZE ?? 10),
};
const REPORTERS = ['gridworker', 'gridworker2'];
const VIEWER = 'command.city';
const PASSWORD = 'demo1234';
const CATEGORY = '0201';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const HERE = fileURLToPath(new URL('./', import.meta.url));
const RESULTS_DIR = join(HERE, 'results');
const DASHBOARDS_SCRIPT = join(HERE, 'fanout-dashboards.ts');
const BARE_SCRIPT = join(HERE, 'lib', 'cluster-bare.ts');
const log = (line: string) => process.stdout.write(`cluster: ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

type IntakeConfig = 'raw-plain' | 'raw-locked' | 'api-1' | 'api-2';
type FanoutConfig = 'api-1' | 'api-2' | 'bare-1' | 'bare-2';
type ReadRoute = 'by-id' | 'list';

interface ReadPhase {
  config: 'api-1' | 'api-2';
  route: ReadRoute;
  rep: number;
  ok: number;
  errors: number;
  errorSamples: string[];
  perSecond: number;
  targetRate: number;
  latency: Summary;
  sendLag: Summary;
  cores: Cores;
}

/** Cores' worth of CPU over a phase, per process group. */
interface Cores {
  node1: number;
  node2: number;
  postgres: number;
  redis: number;
  bare: number;
  generators: number;
  self: number;
  /** Everything else on the machine (other users of the shared box). */
  other: number;
}

interface LockStats {
  meanWaiting: number;
  /** Little's law: mean waiters / acquisitions per second (ms). */
  meanWaitMs: number;
  /** Sampled; NaN = below about one sampling interval. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  observed: number;
}

interface IntakePhase {
  config: IntakeConfig;
  concurrency: number;
  rep: number;
  ok: number;
  errors: number;
  errorSamples: string[];
  seconds: number;
  perSecond: number;
  latency: Summary;
  cores: Cores;
  connections: {
    openMax: number;
    busyMax: number;
    busyMean: number;
    byApplication: ActivityResult['byApplication'];
  };
  advisoryLock: LockStats;
  counterRowLock: LockStats;
  /** raw-locked: the statements timed directly (ms). */
  rawCounterStatement: Summary | null;
  perPort: Array<{ port: number; ok: number; errors: number }> | null;
}

interface WorkerStop {
  sockets: number;
  delivered: number;
  received: number;
  unexpected: number;
  socketsComplete: number;
  socketsMissing: number;
  socketsExtra: number;
  disconnects: number;
  histogram: MsHistogram;
  cpuFraction: number;
  eventLoopUtilization: number;
  elapsedMs: number;
  sample: Record<string, unknown> | null;
}

interface FanoutPhase {
  config: FanoutConfig;
  rep: number;
  n: number;
  k: number;
  seconds: number;
  events: number;
  expected: number;
  delivered: number;
  unexpected: number;
  socketsMissing: number;
  disconnects: number;
  latency: Summary;
  /** Load generator 0's sockets (always on node / server 1) and generator 1's (on 1 or 2). */
  onFirst: Summary;
  onSecond: Summary;
  secondOn: 1 | 2;
  drainMs: number;
  cores: Cores;
  /** API nodes' (or bare servers') CPU per delivery, µs. */
  cpuPerDeliveryUs: number;
  producer: { ok: number; errors: number; errorSamples: string[]; latency: Summary | null; sendLag: Summary };
  bareEmitMs: Summary | null;
  sample: Record<string, unknown> | null;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const median = (values: readonly number[]) => {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
};
const split = (n: number, parts: number) =>
  Array.from({ length: parts }, (_, i) => Math.floor(n / parts) + (i < n % parts ? 1 : 0));
const rotate = <T>(items: readonly T[], by: number) => items.map((_, i) => items[(i + by) % items.length]!);
const fmtCores = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
const fmtInt = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const fmtLockMs = (v: number, interval: number) => (Number.isFinite(v) ? fmtMs(v) : `< ${interval}`);

async function login(port: number, username: string): Promise<string> {
  const agent = new Agent({ keepAlive: false });
  const res = await send(agent, port, {
    method: 'POST',
    path: '/api/auth/login',
    body: JSON.stringify({ username, password: PASSWORD }),
    expect: 200,
  });
  agent.destroy();
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.body}`);
  return JSON.parse(res.body).data.token;
}

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

interface ApiNode {
  name: string;
  port: number;
  pid: number;
  child: ChildProcess;
  logFile: string;
  exited: boolean;
}

function lockStats(
  a: { meanWaiting: number; waits: number[] },
  acquisitions: number,
  seconds: number,
): LockStats {
  return {
    meanWaiting: a.meanWaiting,
    meanWaitMs: acquisitions > 0 ? (a.meanWaiting / (acquisitions / seconds)) * 1000 : Number.NaN,
    p50Ms: waitPercentile(a.waits, acquisitions, 50),
    p99Ms: waitPercentile(a.waits, acquisitions, 99),
    maxMs: a.waits.length ? Math.max(...a.waits) : Number.NaN,
    observed: a.waits.length,
  };
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

async function main() {
  const startedAt = new Date();
  const t0 = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  if (!(CONFIG.dashboards > 0 && CONFIG.rate > 0 && CONFIG.repeats > 0 && CONFIG.concurrency.length > 0))
    throw new Error('nothing to measure: check --n, --k, --repeats, --c');

  const work = mkdtempSync(join(tmpdir(), 'wangge-cluster-bench-'));
  /** Stopped in reverse order: API nodes before Redis and PostgreSQL, then the temp dir. */
  const cleanups: Array<{ name: string; run: () => Promise<void> }> = [
    {
      name: 'temp dir',
      run: async () => {
        if (process.env.BENCH_KEEP === '1') log(`kept ${work} (BENCH_KEEP=1)`);
        else rmSync(work, { recursive: true, force: true });
      },
    },
  ];
  const nodes: ApiNode[] = [];
  let cleaning: Promise<void> | null = null;
  const cleanup = () => {
    cleaning ??= (async () => {
      for (const step of cleanups.reverse()) {
        try {
          await step.run();
        } catch (error) {
          log(`stopping ${step.name}: ${(error as Error).message}`);
        }
      }
      cleanups.length = 0;
    })();
    return cleaning;
  };
  let signalled = false;
  const onSignal = () => {
    if (signalled) {
      // A second Ctrl-C: do not wait any longer.
      for (const n of nodes) if (!n.exited) process.kill(n.pid, 'SIGKILL');
      process.exit(130);
    }
    signalled = true;
    log('interrupted: stopping everything …');
    void cleanup().finally(() => process.exit(130));
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);

  try {
    // 1. PostgreSQL and Redis.
    log(`PostgreSQL + Redis (throwaway, ${work}) …`);
    const [pg, redis] = (await Promise.all([startPostgres(), startRedis()])) as [
      RunningService,
      RunningService,
    ];
    cleanups.push({ name: 'postgres', run: () => pg.stop() });
    cleanups.push({ name: 'redis', run: () => redis.stop() });

    // 2. API nodes: node 1 alone on the empty database (migrates, seeds), then node 2.
    const dataDir = join(work, 'data');
    mkdirSync(dataDir, { recursive: true });
    const baseEnv: NodeJS.ProcessEnv = { ...process.env };
    for (const k of ['DATABASE_URL', 'REDIS_URL', 'REDIS_PREFIX', 'PORT', 'HOST', 'DATA_DIR'])
      delete baseEnv[k];
    Object.assign(baseEnv, {
      HOST: '127.0.0.1',
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'wangge-bench',
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      DEMO_PASSWORD: PASSWORD,
      PG_POOL_SIZE: String(CONFIG.pgPoolSize),
      // Only the start-up sweep: no timer events (yellow cards on the demo cases) mid-phase.
      TIMER_SWEEP_MS: '3600000',
    });
    cleanups.push({
      name: 'API nodes',
      run: async () => {
        await Promise.all(nodes.map((n) => (n.exited ? undefined : terminate(n.pid, 'SIGTERM', 12_000))));
      },
    });
    const startNode = async (index: number): Promise<ApiNode> => {
      const name = `node${index + 1}`;
      const port = await freePort();
      const logFile = join(work, `${name}.log`);
      const fd = openSync(logFile, 'a');
      const { argv: cmd, tied } = tiedArgv([process.execPath, '--import', 'tsx', 'api/src/main.ts'], 'TERM');
      const child = spawn(cmd[0]!, cmd.slice(1), {
        cwd: REPO,
        env: { ...baseEnv, PORT: String(port), NODE_NAME: name },
        stdio: ['ignore', fd, fd],
        // Tied to us by a parent-death signal: a terminal's Ctrl-C reaches only us, and we stop
        // the nodes before their database.
        detached: tied,
      });
      closeSync(fd);
      const node: ApiNode = { name, port, pid: child.pid!, child, logFile, exited: false };
      nodes.push(node);
      child.once('exit', () => {
        node.exited = true;
      });
      const until = Date.now() + 300_000;
      while (!(await healthy(port))) {
        if (node.exited) throw new Error(`${name} exited before answering /api/health:\n${tail(logFile)}`);
        if (Date.now() > until)
          throw new Error(`${name} did not answer /api/health within 300 s:\n${tail(logFile)}`);
        await sleep(250);
      }
      return node;
    };
    log('API node 1 (migrates and seeds the empty database: ~30–60 s) …');
    const n0 = performance.now();
    const node1 = await startNode(0);
    log(
      `node 1 (pid ${node1.pid}) up on :${node1.port} after ${((performance.now() - n0) / 1000).toFixed(0)} s; node 2, bare servers, load generators …`,
    );

    // 3. Node 2, the bare servers and the dashboard load generators, at once.
    const children: RpcChild[] = [];
    cleanups.push({
      name: 'children',
      run: async () => {
        await Promise.all(children.map((c) => c.stop().catch(() => {})));
        await stopChildren();
      },
    });
    const bareKey = 'bench-bare';
    const startChild = async (script: string, args: string[]) => {
      const c = await startRpcChild(script, args, { timeoutMs: 60_000 });
      children.push(c);
      return c;
    };
    const [node2, bare1, bare2, gen0, gen1] = await Promise.all([
      startNode(1),
      startChild(BARE_SCRIPT, [redis.url, bareKey]),
      startChild(BARE_SCRIPT, [redis.url, bareKey]),
      startChild(DASHBOARDS_SCRIPT, []),
      startChild(DASHBOARDS_SCRIPT, []),
    ]);
    const generators = [gen0, gen1];
    const barePorts = [(bare1.ready as { port: number }).port, (bare2.ready as { port: number }).port];
    log(
      `node 2 (pid ${node2.pid}) on :${node2.port}; bare socket.io + Redis adapter on :${barePorts.join(', :')}; ` +
        `load generators pids ${generators.map((g) => g.pid).join(', ')}`,
    );

    // 4. Connections of our own, the reporters and their tokens.
    const queryPool = openPool(pg.url, 'bench-query', 2);
    const rawPool = openPool(pg.url, 'bench-raw', Math.max(...CONFIG.concurrency));
    const samplerPool = openPool(pg.url, 'bench-sampler', 1);
    cleanups.push({
      name: 'pools',
      run: async () => {
        await Promise.allSettled([queryPool.end(), rawPool.end(), samplerPool.end()]);
      },
    });
    const reporters: PgReporter[] = [];
    for (const u of REPORTERS) reporters.push(await findPgReporter(queryPool, u, CATEGORY));
    const tokens = await Promise.all(REPORTERS.map((u) => login(node1.port, u)));
    const viewerToken = await login(node1.port, VIEWER);
    const reportReq = (tag: string, i: number, who: number): Req => {
      const r = reporters[who]!;
      return {
        method: 'POST',
        path: '/api/cases',
        headers: { authorization: `Bearer ${tokens[who]!}`, 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          categoryCode: CATEGORY,
          description: `cluster ${tag} ${i}: 早市摊贩占用人行道经营`,
          location: { lon: r.lon, lat: r.lat },
        }),
        expect: 201,
      };
    };

    // CPU accounting for every process of ours, and what the rest of the machine used.
    const watched: Record<keyof Omit<Cores, 'other'>, Watched[]> = {
      node1: [{ pid: node1.pid }],
      node2: [{ pid: node2.pid }],
      postgres: [{ pid: pg.pid, tree: true }],
      redis: [{ pid: redis.pid }],
      bare: [{ pid: bare1.pid }, { pid: bare2.pid }],
      generators: generators.map((g) => ({ pid: g.pid })),
      self: [{ pid: process.pid }],
    };
    const measureCores = async <T>(
      run: () => Promise<T>,
    ): Promise<{ result: T; cores: Cores; wallMs: number }> => {
      const before = snapshot(watched);
      const busy0 = machineBusyMs();
      const w0 = performance.now();
      const result = await run();
      const wallMs = performance.now() - w0;
      const used = cpuBetween(before, snapshot(watched));
      const busy = machineBusyMs() - busy0;
      const ours = Object.values(used).reduce((s, v) => s + v, 0);
      const c = (k: keyof typeof watched) => (used[k] ?? 0) / wallMs;
      return {
        result,
        wallMs,
        cores: {
          node1: c('node1'),
          node2: c('node2'),
          postgres: c('postgres'),
          redis: c('redis'),
          bare: c('bare'),
          generators: c('generators'),
          self: c('self'),
          other: Math.max(0, (busy - ours) / wallMs),
        },
      };
    };

    /**
     * Waits (≤ 15 s) until both nodes are idle (< 0.1 core over 250 ms): requests a client gave
     * up on may still be queued in a node, and must not bleed into the next phase.
     */
    const settle = async () => {
      const deadline = performance.now() + 15_000;
      for (;;) {
        const { cores } = await measureCores(() => sleep(250));
        if (cores.node1 + cores.node2 < 0.1) return;
        if (performance.now() > deadline) {
          log(
            `warning: the API nodes did not become idle within 15 s (${fmtCores(cores.node1 + cores.node2)} cores)`,
          );
          return;
        }
      }
    };

    // 5. Warm-up: both nodes (JIT, pools, Prisma's query plans), the raw statements.
    log(`warm-up: ${CONFIG.warmupRequests} reports over both nodes, raw transactions …`);
    const warm = await closedLoopSpread({
      ports: [node1.port, node2.port],
      concurrency: 8,
      maxRequests: CONFIG.warmupRequests,
      maxSeconds: 30,
      make: (i, lane) => reportReq('warm-up', i, Math.floor(lane / 2) % reporters.length),
    });
    if (warm.errors > 0)
      throw new Error(`warm-up failed: ${warm.errors} errors: ${warm.errorSamples.join('; ')}`);
    for (const variant of ['plain', 'locked'] as const) {
      const r = await rawClosedLoop({
        pool: rawPool,
        reporters,
        variant,
        concurrency: 8,
        maxRequests: 200,
        maxSeconds: 10,
      });
      if (r.errors > 0) throw new Error(`raw ${variant} warm-up failed: ${r.errorSamples.join('; ')}`);
    }

    // 6. Intake, interleaved: per repeat and C, the four configurations in a rotating order.
    const intake: IntakePhase[] = [];
    /** Cases the API created, by the reporter whose cell they are in: the ids the reads ask for. */
    const created: string[][] = reporters.map(() => []);
    const collect = (res: { body: string }) => {
      const data = JSON.parse(res.body).data as { id: string; gridCode: string };
      const who = reporters.findIndex((r) => r.gridCode === data.gridCode);
      if (who >= 0 && created[who]!.length < 20_000) created[who]!.push(data.id);
    };
    const intakeConfigs: IntakeConfig[] = ['raw-plain', 'raw-locked', 'api-1', 'api-2'];
    for (let rep = 0; rep < CONFIG.repeats; rep++) {
      for (const concurrency of CONFIG.concurrency) {
        for (const config of rotate(intakeConfigs, rep)) {
          await settle();
          const sampler = await startActivitySampler(samplerPool, CONFIG.sampleIntervalMs);
          const { result, cores } = await measureCores(async () => {
            if (config === 'raw-plain' || config === 'raw-locked') {
              return rawClosedLoop({
                pool: rawPool,
                reporters,
                variant: config.slice(4) as RawVariant,
                concurrency,
                maxRequests: CONFIG.intakeMaxRequests,
                maxSeconds: CONFIG.intakeSeconds,
              });
            }
            const ports = config === 'api-1' ? [node1.port] : [node1.port, node2.port];
            return closedLoopSpread({
              ports,
              concurrency,
              maxRequests: CONFIG.intakeMaxRequests,
              maxSeconds: CONFIG.intakeSeconds,
              make: (i, lane) =>
                reportReq(`intake-${config}`, i, Math.floor(lane / ports.length) % reporters.length),
              onOk: collect,
            });
          });
          const activity = await sampler.stop();
          const raw = 'variant' in result ? (result as RawPhaseResult) : null;
          const phase: IntakePhase = {
            config,
            concurrency,
            rep,
            ok: result.ok,
            errors: result.errors,
            errorSamples: result.errorSamples,
            seconds: result.seconds,
            perSecond: result.perSecond,
            latency: result.latency,
            cores,
            connections: {
              openMax: activity.openMax,
              busyMax: activity.busyMax,
              busyMean: activity.busyMean,
              byApplication: activity.byApplication,
            },
            advisoryLock: lockStats(
              activity.advisory,
              config === 'raw-plain' ? 0 : result.ok,
              result.seconds,
            ),
            counterRowLock: lockStats(activity.row, config === 'raw-plain' ? 0 : result.ok, result.seconds),
            rawCounterStatement: raw?.counterStatement ?? null,
            perPort:
              'perPort' in result
                ? (result as PhaseResult & { perPort: IntakePhase['perPort'] }).perPort
                : null,
          };
          intake.push(phase);
          log(
            `intake ${config.padEnd(10)} C=${String(concurrency).padEnd(2)} rep ${rep + 1}: ${fmtRate(phase.perSecond).padStart(7)} ` +
              `p50 ${fmtMs(phase.latency.p50)} p99 ${fmtMs(phase.latency.p99)} ms, ${phase.errors} errors; cores: ` +
              `node1 ${fmtCores(cores.node1)} node2 ${fmtCores(cores.node2)} pg ${fmtCores(cores.postgres)} ` +
              `client ${fmtCores(cores.self)} other ${fmtCores(cores.other)}; waiting: advisory ` +
              `${phase.advisoryLock.meanWaiting.toFixed(2)}, counter row ${phase.counterRowLock.meanWaiting.toFixed(2)}`,
          );
        }
      }
    }

    // 7. Reads, open loop, each reporter reading their own cases (ids from intake) and list.
    const reads: ReadPhase[] = [];
    const readScope = (
      await queryPool.query<{ n: string }>('SELECT count(*) AS n FROM "Case" WHERE "gridCode" = ANY($1)', [
        reporters.map((r) => r.gridCode),
      ])
    ).rows[0]!.n;
    for (let rep = 0; rep < CONFIG.readRepeats; rep++) {
      for (const route of ['by-id', 'list'] as const) {
        for (const config of rotate(['api-1', 'api-2'] as const, rep)) {
          await settle();
          const ports = config === 'api-1' ? [node1.port] : [node1.port, node2.port];
          const { result, cores } = await measureCores(() =>
            openLoopSpread({
              ports,
              rate: CONFIG.readRate,
              seconds: CONFIG.readSeconds,
              make: (i) => {
                // Request i goes to ports[i % ports.length]: alternate users on each node.
                const who = Math.floor(i / ports.length) % reporters.length;
                const ids = created[who]!;
                const path =
                  route === 'list' || ids.length === 0
                    ? '/api/cases?limit=20'
                    : `/api/cases/${ids[Math.floor(Math.random() * ids.length)]}`;
                return {
                  method: 'GET',
                  path,
                  headers: { authorization: `Bearer ${tokens[who]!}` },
                  expect: 200,
                };
              },
            }),
          );
          const phase: ReadPhase = {
            config,
            route,
            rep,
            ok: result.ok,
            errors: result.errors,
            errorSamples: result.errorSamples,
            perSecond: result.perSecond,
            targetRate: result.targetRate,
            latency: result.latency,
            sendLag: result.sendLag,
            cores,
          };
          reads.push(phase);
          log(
            `reads  ${`GET ${route}`.padEnd(11)} ${config} rep ${rep + 1}: ${fmtRate(phase.perSecond)} of ${CONFIG.readRate}/s, ` +
              `p50 ${fmtMs(phase.latency.p50)} p99 ${fmtMs(phase.latency.p99)} ms, ${phase.errors} errors; cores: node1 ` +
              `${fmtCores(cores.node1)} node2 ${fmtCores(cores.node2)} pg ${fmtCores(cores.postgres)} other ${fmtCores(cores.other)}`,
          );
        }
      }
    }

    // 8. Fan-out.
    const n = CONFIG.dashboards;
    const k = CONFIG.rate;
    const counts = split(n, 2);
    const placement: Array<string | null> = [null, null];
    const place = async (g: number, target: { url: string; api: boolean }) => {
      if (placement[g] === target.url) return;
      if (placement[g] !== null) await generators[g]!.rpc('close', {}, 30_000);
      placement[g] = null;
      const r = await generators[g]!.rpc(
        'connect',
        {
          url: target.url,
          token: target.api ? viewerToken : 'bare',
          count: counts[g],
          readyEvent: target.api ? 'sync:completed' : 'ready',
          concurrency: CONFIG.connectConcurrency,
          timeoutMs: CONFIG.connectTimeoutMs,
        },
        CONFIG.connectTimeoutMs * (Math.ceil(counts[g]! / CONFIG.connectConcurrency) + 2),
      );
      if (r.connected !== counts[g])
        throw new Error(
          `only ${r.connected}/${counts[g]} dashboards connected to ${target.url}: ${r.errors.join('; ')}`,
        );
      placement[g] = target.url;
    };
    const urls = {
      node1: { url: `http://127.0.0.1:${node1.port}`, api: true },
      node2: { url: `http://127.0.0.1:${node2.port}`, api: true },
      bare1: { url: `http://127.0.0.1:${barePorts[0]}`, api: false },
      bare2: { url: `http://127.0.0.1:${barePorts[1]}`, api: false },
    };
    const arrange = async (config: FanoutConfig) => {
      const api = config.startsWith('api');
      const first = api ? urls.node1 : urls.bare1;
      const second = config.endsWith('2') ? (api ? urls.node2 : urls.bare2) : first;
      const c0 = performance.now();
      await Promise.all([place(0, first), place(1, second)]);
      return performance.now() - c0;
    };

    let template: Record<string, unknown> | null = null;
    const runFanout = async (config: FanoutConfig, rep: number, seconds: number): Promise<FanoutPhase> => {
      const api = config.startsWith('api');
      const tag = `fanout-${config}-${rep}-${randomUUID().slice(0, 8)}`;
      await Promise.all(generators.map((g) => g.rpc('start')));
      await Promise.all([bare1.rpc('reset'), bare2.rpc('reset')]);
      let bareIds: string[] = [];
      const countEvents = async () =>
        api
          ? Number(
              (
                await queryPool.query<{ n: string }>(
                  'SELECT count(*) AS n FROM "Case" WHERE "description" LIKE $1',
                  [`cluster ${tag} %`],
                )
              ).rows[0]!.n,
            )
          : bareIds.length;
      const received = async () =>
        (await Promise.all(generators.map((g) => g.rpc('progress')))).reduce((s, p) => s + p.received, 0);
      const { result, cores } = await measureCores(async () => {
        let producer: FanoutPhase['producer'];
        if (api) {
          const post = await openLoop({
            port: node1.port,
            rate: k,
            seconds,
            make: (i) => reportReq(tag, i, i % reporters.length),
          });
          producer = {
            ok: post.ok,
            errors: post.errors,
            errorSamples: post.errorSamples,
            latency: post.latency,
            sendLag: post.sendLag,
          };
        } else {
          const emitted = await bare1.rpc(
            'emit',
            { rate: k, seconds, template: template ?? syntheticTemplate() },
            (seconds + 30) * 1000,
          );
          bareIds = emitted.ids;
          producer = {
            ok: emitted.emitted,
            errors: 0,
            errorSamples: [],
            latency: null,
            sendLag: emitted.sendLag,
          };
        }
        // Drain: every delivery of every event committed (POSTs given up on included), stable 250 ms.
        const d0 = performance.now();
        let drainMs = Number.NaN;
        let stableSince: number | null = null;
        let last = -1;
        while (performance.now() - d0 < CONFIG.drainMaxMs) {
          const events = await countEvents();
          if ((await received()) >= events * n) {
            if (last !== events) {
              stableSince = performance.now();
              drainMs = stableSince - d0;
              last = events;
            } else if (stableSince !== null && performance.now() - stableSince >= 250) break;
          } else {
            stableSince = null;
            last = -1;
            drainMs = Number.NaN;
          }
          await sleep(50);
        }
        return { producer, drainMs };
      });
      const ids = api
        ? (
            await queryPool.query<{ id: string }>('SELECT "id" FROM "Case" WHERE "description" LIKE $1', [
              `cluster ${tag} %`,
            ])
          ).rows.map((r) => r.id)
        : bareIds;
      const stops = (await Promise.all(
        generators.map((g) => g.rpc('stop', { ids }, 30_000)),
      )) as WorkerStop[];
      const bareStats = api ? null : ((await bare1.rpc('stats')) as { broadcast: Summary });
      const histogram = mergeHistograms(stops.map((s) => s.histogram));
      const delivered = stops.reduce((s, w) => s + w.delivered, 0);
      const serverCores = api ? cores.node1 + cores.node2 : cores.bare;
      const wallSeconds = seconds + result.drainMs / 1000;
      const phase: FanoutPhase = {
        config,
        rep,
        n,
        k,
        seconds,
        events: ids.length,
        expected: ids.length * n,
        delivered,
        unexpected: stops.reduce((s, w) => s + w.unexpected, 0),
        socketsMissing: stops.reduce((s, w) => s + w.socketsMissing, 0),
        disconnects: stops.reduce((s, w) => s + w.disconnects, 0),
        latency: summarizeHistogram(histogram),
        onFirst: summarizeHistogram(stops[0]!.histogram),
        onSecond: summarizeHistogram(stops[1]!.histogram),
        secondOn: config.endsWith('2') ? 2 : 1,
        drainMs: result.drainMs,
        cores,
        // Cores × the phase's wall time (≈ seconds + drain) over the deliveries.
        cpuPerDeliveryUs: delivered > 0 ? (serverCores * wallSeconds * 1e6) / delivered : Number.NaN,
        producer: result.producer,
        bareEmitMs: bareStats?.broadcast ?? null,
        sample: stops.find((s) => s.sample)?.sample ?? null,
      };
      return phase;
    };

    log(`fan-out: ${n} dashboards (${VIEWER}) × ${k} events/s; warm-up …`);
    const connectMs: Record<string, number[]> = {};
    const arrangeTimed = async (config: FanoutConfig) => {
      const ms = await arrange(config);
      connectMs[config] = [...(connectMs[config] ?? []), ms];
    };
    await arrangeTimed('api-2');
    const warmApi = await runFanout('api-2', -1, CONFIG.fanoutWarmupSeconds);
    template = warmApi.sample;
    await arrangeTimed('bare-2');
    await runFanout('bare-2', -1, CONFIG.fanoutWarmupSeconds);

    const fanout: FanoutPhase[] = [];
    for (let rep = 0; rep < CONFIG.repeats; rep++) {
      const order: FanoutConfig[] =
        rep % 2 === 0 ? ['bare-1', 'api-1', 'api-2', 'bare-2'] : ['bare-2', 'api-2', 'api-1', 'bare-1'];
      for (const config of order) {
        await arrangeTimed(config);
        await settle();
        const p = await runFanout(config, rep, CONFIG.fanoutSeconds);
        fanout.push(p);
        log(
          `fan-out ${config.padEnd(6)} rep ${rep + 1}: ${p.delivered}/${p.expected} delivered; p50 ${fmtMs(p.latency.p50)} ` +
            `p99 ${fmtMs(p.latency.p99)} ms (gen 0 on #1: p99 ${fmtMs(p.onFirst.p99)}; gen 1 on #${p.secondOn}: p99 ` +
            `${fmtMs(p.onSecond.p99)}); ${p.cpuPerDeliveryUs.toFixed(1)} µs/delivery; cores: node1 ${fmtCores(p.cores.node1)} ` +
            `node2 ${fmtCores(p.cores.node2)} bare ${fmtCores(p.cores.bare)} redis ${fmtCores(p.cores.redis)} ` +
            `generators ${fmtCores(p.cores.generators)} other ${fmtCores(p.cores.other)}`,
        );
      }
    }
    await Promise.all(generators.map((g) => g.rpc('close', {}, 30_000)));

    // 9. Tables and files.
    const runSeconds = (performance.now() - t0) / 1000;
    const environment = {
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
      platform: `${process.platform} ${process.arch}`,
      postgres:
        (await queryPool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ??
        '?',
      redis: tail(join(redis.dir, 'redis.log'), 200).match(/Redis version=([\d.]+)/)?.[1] ?? '?',
      startedAt: startedAt.toISOString(),
      loadAverageAtStart: loadAtStart,
      quick: QUICK,
      runSeconds,
    };
    const intakeTable = buildIntakeTable(intake);
    const fanoutTable = buildFanoutTable(fanout);
    const readTable = buildReadTable(reads);
    const notes = buildNotes(intake, fanout, environment);
    notes.push(
      `Reads: each reporter reads cases of their own cell (ids created by the API during intake) and their list ` +
        `page; ${Number(readScope).toLocaleString('en-US')} cases were in the two reporters' cells by then (the raw ` +
        'baselines write there too). Open loop: latency from the scheduled start; requests unanswered after 5 s are errors.',
    );
    const text = [
      `Intake: POST /api/cases, closed loop; medians of ${CONFIG.repeats} × ${CONFIG.intakeSeconds} s phases per cell`,
      textGrid(intakeTable),
      '',
      `Fan-out: ${n} dashboards × ${k} events/s (POSTs through node 1); medians of ${CONFIG.repeats} × ${CONFIG.fanoutSeconds} s phases`,
      textGrid(fanoutTable),
      '',
      `Reads: open loop at ${CONFIG.readRate}/s (spread over the nodes); medians of ${CONFIG.readRepeats} × ${CONFIG.readSeconds} s phases`,
      textGrid(readTable),
      '',
      ...notes,
    ].join('\n');
    process.stdout.write(`\n${text}\n\n`);

    mkdirSync(RESULTS_DIR, { recursive: true });
    const json = {
      environment,
      config: CONFIG,
      tables: { intake: intakeTable, fanout: fanoutTable, reads: readTable },
      notes,
      connectMs,
      readScope: Number(readScope),
      intake,
      reads,
      fanout: fanout.map(({ sample: _sample, ...p }) => p),
    };
    writeFileSync(join(RESULTS_DIR, 'cluster.json'), `${JSON.stringify(json, null, 2)}\n`);
    const md = [
      `# Cluster benchmark ${startedAt.toISOString()}`,
      '',
      `Node ${environment.node}, ${environment.cpus}, ${environment.platform}; PostgreSQL ${environment.postgres}, ` +
        `Redis ${environment.redis}${QUICK ? ' (quick run)' : ''}. Run took ${runSeconds.toFixed(0)} s.`,
      '',
      `## Intake: POST /api/cases, closed loop (medians of ${CONFIG.repeats} × ${CONFIG.intakeSeconds} s)`,
      '',
      markdownGrid(intakeTable),
      '',
      `## Fan-out: ${n} dashboards × ${k} events/s (medians of ${CONFIG.repeats} × ${CONFIG.fanoutSeconds} s)`,
      '',
      markdownGrid(fanoutTable),
      '',
      `## Reads: open loop at ${CONFIG.readRate}/s (medians of ${CONFIG.readRepeats} × ${CONFIG.readSeconds} s)`,
      '',
      markdownGrid(readTable),
      '',
      '## Notes',
      '',
      ...notes.map((l) => (l.startsWith('  ') ? `  ${l.trim()}` : `- ${l}`)),
      '',
    ].join('\n');
    writeFileSync(join(RESULTS_DIR, 'cluster.md'), md);
    log(`wrote ${join(RESULTS_DIR, 'cluster.json')} and cluster.md (${runSeconds.toFixed(0)} s)`);
  } catch (error) {
    // After Ctrl-C the nodes were stopped on purpose: nothing to explain.
    if (signalled) await new Promise(() => {}); // the signal handler exits
    for (const node of nodes)
      if (node.exited) log(`${node.name} had exited; its output:\n${tail(node.logFile)}`);
    throw error;
  } finally {
    await cleanup();
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(s, onSignal);
  }
}

/** A CaseEventMessage-shaped payload, only if the API delivered nothing to copy. */
function syntheticTemplate(): Record<string, unknown> {
  return {
    seq: 0,
    caseId: randomUUID(),
    caseCode: '3715-20261123-000001',
    action: 'REPORT',
    fromState: null,
    toState: 'REPORTED',
    fromLevel: null,
    toLevel: 'VILLAGE',
    toUnitCode: '371502001001',
    gridCode: '371502001001001',
    actor: { id: randomUUID(), role: 'GRID_WORKER', unitCode: null, departmentId: null, name: '网格员' },
    reason: null,
    payload: { source: 'GRID_WORKER', location: { lon: 115.98, lat: 36.45 }, categoryCode: '0201' },
    createdAt: new Date().toISOString(),
    replayed: false,
  };
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

type Grid = { head: string[]; rows: string[][] };

function pick<T extends { rep: number }>(phases: readonly T[], where: (p: T) => boolean) {
  return phases.filter((p) => p.rep >= 0 && where(p));
}

function buildIntakeTable(intake: IntakePhase[]): Grid {
  const head = [
    'metric',
    'raw pg: case+event',
    'raw pg + API locks',
    'API, 1 node',
    'API, 2 nodes',
    '1 node / raw',
    '2 nodes / raw',
  ];
  const rows: string[][] = [];
  const of = (config: IntakeConfig, c: number) =>
    pick(intake, (p) => p.config === config && p.concurrency === c);
  const med = (config: IntakeConfig, c: number, f: (p: IntakePhase) => number) =>
    median(of(config, c).map(f));
  const configs: IntakeConfig[] = ['raw-plain', 'raw-locked', 'api-1', 'api-2'];
  const peakC = (config: IntakeConfig) =>
    CONFIG.concurrency.reduce((best, c) =>
      med(config, c, (p) => p.perSecond) > med(config, best, (p) => p.perSecond) ? c : best,
    );
  for (const c of CONFIG.concurrency) {
    const rate = configs.map((cfg) => med(cfg, c, (p) => p.perSecond));
    const range = (cfg: IntakeConfig) => {
      const v = of(cfg, c).map((p) => p.perSecond);
      return v.length > 1 ? ` (${fmtInt(Math.min(...v))}–${fmtInt(Math.max(...v))})` : '';
    };
    rows.push([
      `C=${c}: reports/s (range)`,
      ...configs.map((cfg, i) => `${fmtInt(rate[i]!)}${range(cfg)}`),
      fmtPct(rate[2]! / rate[0]!),
      fmtPct(rate[3]! / rate[0]!),
    ]);
    const p50 = configs.map((cfg) => med(cfg, c, (p) => p.latency.p50));
    const p99 = configs.map((cfg) => med(cfg, c, (p) => p.latency.p99));
    rows.push([
      `C=${c}: latency p50 / p99 ms`,
      ...configs.map((_, i) => `${fmtMs(p50[i]!)} / ${fmtMs(p99[i]!)}`),
      `${(p50[2]! / p50[0]!).toFixed(1)}× (p50)`,
      `${(p50[3]! / p50[0]!).toFixed(1)}× (p50)`,
    ]);
  }
  const peaks = configs.map((cfg) => peakC(cfg));
  const atPeak = (i: number, f: (p: IntakePhase) => number) => med(configs[i]!, peaks[i]!, f);
  const peakRate = configs.map((_, i) => atPeak(i, (p) => p.perSecond));
  rows.push([
    'peak reports/s (at C)',
    ...configs.map((_, i) => `${fmtInt(peakRate[i]!)} (C=${peaks[i]})`),
    fmtPct(peakRate[2]! / peakRate[0]!),
    fmtPct(peakRate[3]! / peakRate[0]!),
  ]);
  rows.push([
    'at peak: reports/s vs raw + API locks',
    '',
    '100 %',
    fmtPct(peakRate[2]! / peakRate[1]!),
    fmtPct(peakRate[3]! / peakRate[1]!),
    '',
    '',
  ]);
  const interval = CONFIG.sampleIntervalMs;
  const lockCell = (i: number, which: 'advisoryLock' | 'counterRowLock') =>
    i === 0
      ? '— (none taken)'
      : `${atPeak(i, (p) => p[which].meanWaiting).toFixed(2)} / ${fmtMs(atPeak(i, (p) => p[which].meanWaitMs))} / ` +
        `${fmtLockMs(
          atPeak(i, (p) => p[which].p99Ms),
          interval,
        )}`;
  rows.push([
    'at peak: event-log advisory lock: waiters / mean wait / p99 wait ms',
    ...configs.map((_, i) => lockCell(i, 'advisoryLock')),
    '',
    '',
  ]);
  rows.push([
    'at peak: case-code counter row lock: waiters / mean wait / p99 wait ms',
    ...configs.map((_, i) => lockCell(i, 'counterRowLock')),
    '',
    '',
  ]);
  rows.push([
    'at peak: ms per report while queued on the counter row (1000 / rate)',
    '—',
    ...[1, 2, 3].map((i) =>
      atPeak(i, (p) => p.counterRowLock.meanWaiting) >= 1 ? fmtMs(1000 / peakRate[i]!) : '— (no queue)',
    ),
    '',
    '',
  ]);
  rows.push([
    'at peak: CPU cores: PostgreSQL / node 1 / node 2 / client',
    ...configs.map(
      (_, i) =>
        `${fmtCores(atPeak(i, (p) => p.cores.postgres))} / ${fmtCores(atPeak(i, (p) => p.cores.node1))} / ` +
        `${fmtCores(atPeak(i, (p) => p.cores.node2))} / ${fmtCores(atPeak(i, (p) => p.cores.self))}`,
    ),
    '',
    '',
  ]);
  rows.push([
    'at peak: other processes on the machine, cores',
    ...configs.map((_, i) => fmtCores(atPeak(i, (p) => p.cores.other))),
    '',
    '',
  ]);
  rows.push([
    'at peak: PostgreSQL connections open / busy (max)',
    ...configs.map((_, i) => {
      const app = i < 2 ? 'bench-raw' : '';
      return (
        `${fmtInt(atPeak(i, (p) => p.connections.openMax))} / ${fmtInt(atPeak(i, (p) => p.connections.busyMax))}` +
        ` (${i < 2 ? 'raw' : 'API'} ${fmtInt(atPeak(i, (p) => p.connections.byApplication[app]?.open ?? 0))} / ` +
        `${fmtInt(atPeak(i, (p) => p.connections.byApplication[app]?.busyMax ?? 0))})`
      );
    }),
    '',
    '',
  ]);
  rows.push([
    'errors (all phases)',
    ...configs.map((cfg) => String(intake.filter((p) => p.config === cfg).reduce((s, p) => s + p.errors, 0))),
    '',
    '',
  ]);
  return { head, rows };
}

function buildFanoutTable(fanout: FanoutPhase[]): Grid {
  const head = [
    'metric',
    'API, 1 node',
    'API, 2 nodes (½ via Redis)',
    'bare, 1 server',
    'bare, 2 servers (½ via Redis)',
    'API / bare, 1',
    'API / bare, 2',
  ];
  const configs: FanoutConfig[] = ['api-1', 'api-2', 'bare-1', 'bare-2'];
  const med = (cfg: FanoutConfig, f: (p: FanoutPhase) => number) =>
    median(pick(fanout, (p) => p.config === cfg).map(f));
  const each = (f: (p: FanoutPhase) => number) => configs.map((cfg) => med(cfg, f));
  const ratio = (v: number[], i: number, j: number) =>
    Number.isFinite(v[i]! / v[j]!) ? `${(v[i]! / v[j]!).toFixed(1)}×` : '—';
  const rows: string[][] = [];
  const p50 = each((p) => p.latency.p50);
  const p99 = each((p) => p.latency.p99);
  rows.push([
    'delivery latency p50 / p99 ms (all dashboards)',
    ...configs.map((_, i) => `${fmtMs(p50[i]!)} / ${fmtMs(p99[i]!)}`),
    `${ratio(p99, 0, 2)} (p99)`,
    `${ratio(p99, 1, 3)} (p99)`,
  ]);
  const f99 = each((p) => p.onFirst.p99);
  const s50 = each((p) => p.onSecond.p50);
  const s99 = each((p) => p.onSecond.p99);
  const f50 = each((p) => p.onFirst.p50);
  rows.push([
    '  half on node/server 1: p50 / p99 ms',
    ...configs.map((_, i) => `${fmtMs(f50[i]!)} / ${fmtMs(f99[i]!)}`),
    '',
    '',
  ]);
  rows.push([
    '  other half (on 1, or on 2 via Redis): p50 / p99 ms',
    ...configs.map((cfg, i) => `${fmtMs(s50[i]!)} / ${fmtMs(s99[i]!)}${cfg.endsWith('2') ? ' (on 2)' : ''}`),
    '',
    `${ratio(s99, 1, 3)} (p99)`,
  ]);
  const deliveredAll = configs.map((cfg) => {
    const ps = pick(fanout, (p) => p.config === cfg);
    const d = ps.reduce((s, p) => s + p.delivered, 0);
    const e = ps.reduce((s, p) => s + p.expected, 0);
    return { d, e, text: `${fmtPct(e ? d / e : Number.NaN)} (${fmtInt(d)}/${fmtInt(e)})` };
  });
  rows.push(['delivered (all phases)', ...deliveredAll.map((x) => x.text), '', '']);
  const cpu = each((p) => p.cpuPerDeliveryUs);
  rows.push([
    'server CPU per delivery µs (API: both nodes, incl. intake)',
    ...cpu.map((v) => (Number.isFinite(v) ? v.toFixed(1) : '—')),
    ratio(cpu, 0, 2),
    ratio(cpu, 1, 3),
  ]);
  rows.push([
    'CPU cores: node/server 1 / node/server 2 / Redis',
    ...configs.map((cfg) => {
      const api = cfg.startsWith('api');
      return api
        ? `${fmtCores(med(cfg, (p) => p.cores.node1))} / ${fmtCores(med(cfg, (p) => p.cores.node2))} / ${fmtCores(med(cfg, (p) => p.cores.redis))}`
        : `${fmtCores(med(cfg, (p) => p.cores.bare))} (both) / ${fmtCores(med(cfg, (p) => p.cores.redis))}`;
    }),
    '',
    '',
  ]);
  rows.push([
    'events/s; producer p50 / p99 ms (API: the POST, incl. its transaction; bare: emit-timer lag)',
    ...configs.map((cfg) => {
      const ev = med(cfg, (p) => p.events / p.seconds);
      const p50 = med(cfg, (p) => (p.producer.latency ? p.producer.latency.p50 : p.producer.sendLag.p50));
      const p99 = med(cfg, (p) => (p.producer.latency ? p.producer.latency.p99 : p.producer.sendLag.p99));
      const errs = pick(fanout, (p) => p.config === cfg).reduce((s, p) => s + p.producer.errors, 0);
      return `${ev.toFixed(1)}; ${fmtMs(p50)} / ${fmtMs(p99)}${errs ? `; ${errs} POST errors` : ''}`;
    }),
    '',
    '',
  ]);
  rows.push([
    'other processes on the machine, cores',
    ...configs.map((cfg) => fmtCores(med(cfg, (p) => p.cores.other))),
    '',
    '',
  ]);
  return { head, rows };
}

function buildReadTable(reads: ReadPhase[]): Grid {
  const head = ['metric', 'API, 1 node', 'API, 2 nodes'];
  const rows: string[][] = [];
  const configs = ['api-1', 'api-2'] as const;
  for (const route of ['by-id', 'list'] as const) {
    const name = route === 'by-id' ? 'GET /api/cases/:id' : 'GET /api/cases?limit=20';
    const med = (cfg: (typeof configs)[number], f: (p: ReadPhase) => number) =>
      median(pick(reads, (p) => p.config === cfg && p.route === route).map(f));
    rows.push([
      `${name}: achieved / ${CONFIG.readRate} per s`,
      ...configs.map((cfg) => fmtRate(med(cfg, (p) => p.perSecond))),
    ]);
    rows.push([
      `${name}: latency p50 / p99 ms`,
      ...configs.map(
        (cfg) => `${fmtMs(med(cfg, (p) => p.latency.p50))} / ${fmtMs(med(cfg, (p) => p.latency.p99))}`,
      ),
    ]);
    rows.push([
      `${name}: CPU cores node 1 / node 2 / PostgreSQL`,
      ...configs.map(
        (cfg) =>
          `${fmtCores(med(cfg, (p) => p.cores.node1))} / ${fmtCores(med(cfg, (p) => p.cores.node2))} / ` +
          fmtCores(med(cfg, (p) => p.cores.postgres)),
      ),
    ]);
    rows.push([
      `${name}: errors (all phases)`,
      ...configs.map((cfg) =>
        String(reads.filter((p) => p.config === cfg && p.route === route).reduce((s, p) => s + p.errors, 0)),
      ),
    ]);
  }
  return { head, rows };
}

function buildNotes(
  intake: IntakePhase[],
  fanout: FanoutPhase[],
  env: { cpus: string; loadAverageAtStart: number },
) {
  const notes: string[] = [];
  const maxOther = Math.max(...intake.map((p) => p.cores.other), ...fanout.map((p) => p.cores.other));
  notes.push(
    `Machine: ${env.cpus}, shared with other users (load average ${env.loadAverageAtStart.toFixed(2)} at start; ` +
      `other processes used up to ${maxOther.toFixed(2)} cores during a phase). Both API nodes, PostgreSQL, Redis, ` +
      'the bare servers and the load generators share these cores: the 2-node columns show the correctness ' +
      'and overhead of the cross-node path (spread requests, Redis hop), NOT scaling — a second node brings ' +
      'no CPU of its own here.',
  );
  notes.push(
    `Intake: C connections in closed loops (1 node: all to node 1; 2 nodes: alternately to node 1 and 2), ` +
      `reporters ${REPORTERS.join(' and ')} (their own tokens, locations at their cells' centroids), a fresh ` +
      `Idempotency-Key per request. API pool: PG_POOL_SIZE=${CONFIG.pgPoolSize} per node. Raw: node-postgres, ` +
      'prepared statements, C connections in this process, one transaction per report; "+ API locks" adds what ' +
      "the API adds to them: the case code's serial (nextval of a sequence) and the key insert; not the CaseFacts " +
      'upsert. Nothing is locked to COMMIT since December (no event-log advisory lock, no counter row): the lock rows ' +
      'below should read 0.',
  );
  notes.push(
    `Lock waits are sampled from pg_stat_activity every ${CONFIG.sampleIntervalMs} ms: mean waiters, mean wait by ` +
      `Little's law (waiters / reports per s), p99 from the waits seen ("< ${CONFIG.sampleIntervalMs}" = shorter than ` +
      'a sampling interval).',
  );
  const rawLocked = pick(intake, (p) => p.config === 'raw-locked' && p.rawCounterStatement !== null);
  if (rawLocked.length) {
    const c = median(rawLocked.map((p) => p.rawCounterStatement!.p99));
    notes.push(
      `Raw + API locks, timed directly (median over C and repeats): serial (nextval) p99 ${fmtMs(c)} ms.`,
    );
  }
  notes.push(
    'Fan-out: dashboards are command.city sockets (the city room every case event reaches), two load-generator ' +
      'processes with half each; events are POST /api/cases through node 1 at K/s (open loop); node 2 gets them ' +
      "through the Redis adapter's serverSideEmit and delivers to its own sockets. Latency = receipt Date.now() − " +
      "the event's createdAt (stamped by the API before its transaction, so it includes the commit; the bare server " +
      'stamps it before emit). Bare: bench/lib/cluster-bare.ts, io.to(room).emit on server 1 with the same Redis ' +
      'adapter. Expected events = the rows in the database for the phase (so POSTs that timed out count too).',
  );
  notes.push(
    'In the 1-node columns node 2 (or bare server 2) keeps running idle and subscribed to Redis: the committing ' +
      'node publishes every event either way, as it does in a cluster.',
  );
  const errs = intake.filter((p) => p.errors > 0);
  if (errs.length)
    notes.push(
      `Intake errors: ${errs.map((p) => `${p.config} C=${p.concurrency}: ${p.errorSamples[0] ?? '?'}`).join('; ')}`,
    );
  return notes;
}

/** Display width: CJK and full-width characters take two columns. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const width = (s: string) => [...s].reduce((w, ch) => w + (WIDE.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

function textGrid({ head, rows }: Grid): string {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => widths.map((w, i) => pad(r[i] ?? '', w)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)].join('\n');
}

function markdownGrid({ head, rows }: Grid): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${head.map((_, i) => esc(r[i] ?? '')).join(' | ')} |`),
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error('cluster: failed:', error);
    process.exit(1);
  },
);
