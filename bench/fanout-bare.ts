/**
 * The baseline for bench/fanout.ts: a bare Socket.IO server (the API's version and options, no
 * Express, no auth, no database) in a process of its own. Every socket joins one room and gets
 * `ready`; on request it emits a given payload to that room at a fixed rate with a fresh
 * `createdAt`, as the API's broadcaster would emit a committed case event.
 *
 *   node --import tsx bench/fanout-bare.ts           (started by bench/fanout.ts, IPC only)
 *
 * Prints `{"port":N}` when listening on 127.0.0.1. IPC: reset / stats (as bench/server.ts, plus
 * the connected sockets and the synchronous emit time per event), profile-start / profile-stop
 * {file} (a V8 CPU profile) and emit {rate, seconds, template} → {emitted, ids, sendLag}.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { summarize } from './lib/stats';

interface BareServer {
  engine: { clientsCount: number };
  on(
    event: 'connection',
    listener: (socket: { join(room: string): void; emit(name: string, data: unknown): void }) => void,
  ): unknown;
  to(room: string): { emit(name: string, data: unknown): boolean };
  close(): Promise<void>;
}
// socket.io is a dependency of @wangge/api: resolved from there, the very build the API uses.
const requireFromApi = createRequire(new URL('../api/package.json', import.meta.url));
const { Server } = requireFromApi('socket.io') as {
  Server: new (server: ReturnType<typeof createServer>, options: object) => BareServer;
};

const ROOM = 'dashboards';

async function main() {
  const http = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  // The options attachRealtime uses (api/src/realtime/socket-server.ts).
  const io = new Server(http, { path: '/socket.io', serveClient: false });
  io.on('connection', (socket) => {
    socket.join(ROOM);
    socket.emit('ready', {});
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  let elu = performance.eventLoopUtilization();
  let cpu = process.cpuUsage();
  let wall = performance.now();
  const emitMs: number[] = [];
  let profiler: Session | null = null;

  /** `rate` emits per second for `seconds`, on schedule (open loop, like lib/load.ts openLoop). */
  function emitPhase(rate: number, seconds: number, template: Record<string, unknown>) {
    const total = Math.round(rate * seconds);
    const interval = 1000 / rate;
    const ids: string[] = [];
    const lags: number[] = [];
    const t0 = performance.now() + 20;
    let seq = 0;
    return new Promise<{ emitted: number; ids: string[]; sendLag: ReturnType<typeof summarize> }>(
      (resolve) => {
        const fire = (i: number) => {
          lags.push(performance.now() - (t0 + i * interval));
          const caseId = randomUUID(); // same length as the API's ids: same payload size
          ids.push(caseId);
          const message = { ...template, seq: ++seq, caseId, createdAt: new Date().toISOString() };
          const s = performance.now();
          io.to(ROOM).emit('case:reported', message);
          emitMs.push(performance.now() - s);
        };
        let issued = 0;
        const tick = () => {
          const due = Math.min(total, Math.floor((performance.now() - t0) / interval) + 1);
          while (issued < due) fire(issued++);
          if (issued >= total) return resolve({ emitted: issued, ids, sendLag: summarize(lags) });
          setTimeout(tick, Math.max(0, t0 + issued * interval - performance.now()));
        };
        setTimeout(tick, Math.max(0, t0 - performance.now()));
      },
    );
  }

  process.on('message', async (msg: { cmd: string; id: number } & Record<string, any>) => {
    if (msg.cmd === 'reset') {
      elu = performance.eventLoopUtilization();
      cpu = process.cpuUsage();
      wall = performance.now();
      emitMs.length = 0;
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
        sockets: io.engine.clientsCount,
        broadcast: summarize(emitMs),
      });
    } else if (msg.cmd === 'profile-start') {
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
      writeFileSync(msg.file, JSON.stringify(profile));
      process.send?.({ id: msg.id, file: msg.file });
    } else if (msg.cmd === 'emit') {
      const result = await emitPhase(msg.rate, msg.seconds, msg.template);
      process.send?.({ id: msg.id, ...result });
    } else {
      process.send?.({ id: msg.id, error: `unknown command ${msg.cmd}` });
    }
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await io.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
