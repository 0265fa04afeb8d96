/**
 * The API under test, in a process of its own so the load generator does not share its event
 * loop. Started by bench/run.ts:
 *
 *   node --import tsx bench/server.ts seed  <file>   migrate + seed like tests/support/global-setup.ts
 *   node --import tsx bench/server.ts serve <file>   createApp(createContext(...)) on 127.0.0.1:0
 *   node --import tsx bench/server.ts fanout <file>  the same + attachRealtime (Socket.IO), for
 *                                                     bench/fanout.ts
 *
 * `serve` prints one JSON line `{"port":N}` when listening. Over the IPC channel it answers
 * {cmd:'reset'} and {cmd:'stats'} (event-loop utilisation, CPU, and with BENCH_SPANS=1 per-route
 * and per-Prisma-operation timings), and {cmd:'profile-start'} / {cmd:'profile-stop', file} (a V8
 * CPU profile of just that window, written as a .cpuprofile). SIGTERM closes it cleanly.
 * In `fanout` mode `stats` also reports the connected sockets and how long the broadcaster's
 * synchronous emit took per committed event batch (listeners on ctx.events registered before and
 * after attachRealtime's broadcaster; api/ is not modified) and the case ids of the events
 * committed since `reset` ({cmd:'committed'} gives just their number).
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../api/src/app';
import { systemClock } from '../api/src/clock';
import { loadConfig } from '../api/src/config';
import { createContext } from '../api/src/create-context';
import { attachRealtime, type Realtime } from '../api/src/realtime/socket-server';
import { seedIfEmpty } from '../prisma/seed/seed-if-empty';
import { instrumentContext, type SpanStats } from './lib/spans';
import { summarize } from './lib/stats';

const DEMO_PASSWORD = 'demo1234';

async function open(file: string, log: (line: string) => void) {
  const config = loadConfig({
    DATA_DIR: dirname(file),
    DATABASE_URL: `file:${file}`,
    SEED_DEMO: 'false',
    DEMO_PASSWORD,
  });
  return createContext(config, systemClock, log);
}

async function seed(file: string) {
  const ctx = await open(file, () => {});
  const seeded = await seedIfEmpty(ctx, { demoPassword: DEMO_PASSWORD, demoCases: false });
  await ctx.db.write.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  await ctx.db.close();
  process.stdout.write(
    `${JSON.stringify({ seeded: seeded ? { grids: seeded.grids, users: seeded.users } : null })}\n`,
  );
}

async function serve(file: string, withRealtime: boolean) {
  // Errors are logged by the API's error handler; keep the first few, count the rest.
  let logged = 0;
  const log = (line: string) => {
    logged += 1;
    if (logged <= 20) process.stderr.write(`[api] ${line}\n`);
  };
  const ctx = await open(file, log);
  const spans: SpanStats | null = process.env.BENCH_SPANS === '1' ? instrumentContext(ctx) : null;
  // Broadcast timing: ctx.events is an EventEmitter, so listeners run in registration order,
  // synchronously: this one before the broadcaster, the one below after it.
  const broadcastMs: number[] = [];
  let broadcastStart = 0;
  if (withRealtime)
    ctx.events.subscribe(() => {
      broadcastStart = performance.now();
    });
  const app = createApp(ctx);
  const server = createServer(
    spans
      ? (req, res) => {
          const t0 = performance.now();
          const url = req.url ?? '?'; // before express rewrites it for mounted routers
          res.on('finish', () => spans.request(req.method ?? '?', url, performance.now() - t0));
          app(req, res);
        }
      : app,
  );
  server.keepAliveTimeout = 30_000;
  const realtime: Realtime | null = withRealtime ? attachRealtime(server, ctx) : null;
  /** Case ids of the events committed (and broadcast) since the last reset: the expected set. */
  const committed: string[] = [];
  if (realtime)
    ctx.events.subscribe((batch) => {
      broadcastMs.push(performance.now() - broadcastStart);
      for (const c of batch) committed.push(c.event.caseId);
    });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  let elu = performance.eventLoopUtilization();
  let cpu = process.cpuUsage();
  let wall = performance.now();
  let profiler: Session | null = null;
  process.on('message', async (msg: { cmd: string; id: number; file?: string }) => {
    if (msg.cmd === 'profile-start') {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 250 });
      await profiler.post('Profiler.start');
      process.send?.({ id: msg.id, ok: true });
    } else if (msg.cmd === 'profile-stop') {
      const { profile } = (await profiler!.post('Profiler.stop')) as { profile: object };
      profiler!.disconnect();
      profiler = null;
      writeFileSync(msg.file!, JSON.stringify(profile));
      process.send?.({ id: msg.id, file: msg.file });
    } else if (msg.cmd === 'committed') {
      process.send?.({ id: msg.id, count: committed.length });
    } else if (msg.cmd === 'reset') {
      elu = performance.eventLoopUtilization();
      cpu = process.cpuUsage();
      wall = performance.now();
      spans?.reset();
      broadcastMs.length = 0;
      committed.length = 0;
      process.send?.({ id: msg.id, ok: true });
    } else if (msg.cmd === 'stats') {
      const used = process.cpuUsage(cpu);
      const elapsedMs = performance.now() - wall;
      process.send?.({
        id: msg.id,
        eventLoopUtilization: performance.eventLoopUtilization(elu).utilization,
        cpuFraction: (used.user + used.system) / 1000 / elapsedMs,
        cpuMs: (used.user + used.system) / 1000,
        elapsedMs,
        errorsLogged: logged,
        spans: spans?.snapshot() ?? null,
        ...(realtime
          ? { sockets: realtime.io.engine.clientsCount, broadcast: summarize(broadcastMs), committed }
          : {}),
      });
    }
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await realtime?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await ctx.db.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop); // the parent died: do not linger
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}

const [mode, file] = process.argv.slice(2);
if (!file || (mode !== 'seed' && mode !== 'serve' && mode !== 'fanout')) {
  console.error('usage: node --import tsx bench/server.ts seed|serve|fanout <sqlite file>');
  process.exit(2);
}
(mode === 'seed' ? seed(file) : serve(file, mode === 'fanout')).catch((error) => {
  console.error(error);
  process.exit(1);
});
