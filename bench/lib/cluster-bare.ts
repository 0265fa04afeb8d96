/**
 * The fan-out baseline for bench/cluster.ts: bench/fanout-bare.ts's bare Socket.IO server (the
 * API's socket.io build and options; no Express, auth or database; every socket joins one room
 * and gets `ready`), joined to the other bare servers through Redis with the adapter the API
 * uses (@socket.io/redis-adapter on ioredis, as api/src/realtime/redis-link.ts), so
 * `io.to(room).emit` on one server also reaches the sockets of the others.
 *
 *   node --import tsx bench/lib/cluster-bare.ts <redis url> <channel key>   (IPC only)
 *
 * Prints `{"port":N}` once listening on 127.0.0.1 with both Redis connections up. IPC: reset,
 * stats ({cpuFraction, eventLoopUtilization, elapsedMs, sockets, broadcast}), emit {rate,
 * seconds, template} → {emitted, ids, sendLag}: `rate` emits per second on schedule, each a copy
 * of `template` with a fresh caseId / seq / createdAt.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { summarize } from './stats';

interface RedisClient {
  status: string;
  once(event: 'ready', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  duplicate(): RedisClient;
  quit(): Promise<unknown>;
}
interface BareServer {
  engine: { clientsCount: number };
  adapter(factory: unknown): unknown;
  on(
    event: 'connection',
    listener: (socket: { join(room: string): void; emit(name: string, data: unknown): void }) => void,
  ): unknown;
  to(room: string): { emit(name: string, data: unknown): boolean };
  close(): Promise<void>;
}
const requireFromApi = createRequire(new URL('../../api/package.json', import.meta.url));
const { Server } = requireFromApi('socket.io') as {
  Server: new (server: ReturnType<typeof createServer>, options: object) => BareServer;
};
const { Redis } = requireFromApi('ioredis') as {
  Redis: new (url: string, options: object) => RedisClient;
};
const { createAdapter } = requireFromApi('@socket.io/redis-adapter') as {
  createAdapter: (pub: RedisClient, sub: RedisClient, options: object) => unknown;
};

const ROOM = 'dashboards';

async function main() {
  const [url, key] = process.argv.slice(2);
  if (!url || !key) throw new Error('usage: cluster-bare.ts <redis url> <channel key>');
  const http = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const io = new Server(http, { path: '/socket.io', serveClient: false });
  const pub = new Redis(url, { maxRetriesPerRequest: null });
  const sub = pub.duplicate();
  for (const c of [pub, sub])
    c.on('error', (error) => process.stderr.write(`[bare] redis: ${error.message}\n`));
  io.adapter(createAdapter(pub, sub, { key, requestsTimeout: 5_000 }));
  await Promise.all(
    [pub, sub].map((c) =>
      c.status === 'ready' ? undefined : new Promise<void>((resolve) => c.once('ready', () => resolve())),
    ),
  );
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
          const caseId = randomUUID();
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
        elapsedMs,
        sockets: io.engine.clientsCount,
        broadcast: summarize(emitMs),
      });
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
    await Promise.allSettled([pub.quit(), sub.quit()]);
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
