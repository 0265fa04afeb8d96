/**
 * A load-generator process for bench/fanout.ts: opens many real socket.io-client connections
 * ("dashboards", transports: ['websocket']) and timestamps every case event they receive.
 *
 *   node --import tsx bench/fanout-dashboards.ts        (started by bench/fanout.ts, IPC only)
 *
 * Prints `{"ready":true}` and then answers IPC messages {cmd, id, …}:
 *   connect {url, token, count, readyEvent, concurrency, timeoutMs}
 *       opens `count` sockets (handshake auth {token}), ≤ `concurrency` handshakes at a time, each
 *       done when `readyEvent` arrives (the API's sync:completed, the bare server's ready)
 *   start                      clears the counters and starts recording
 *   progress                   → {received}
 *   stop {ids}                 stops recording → latency histogram, delivered / unexpected /
 *                              per-socket completeness for the event ids given, CPU, ELU, a sample
 *   close                      closes every socket
 *
 * Latency of a delivery = `Date.now()` in the handler − `Date.parse(event.createdAt)`: the server
 * stamps createdAt with its wall clock (same machine, same clock), both in whole milliseconds.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { addSample, emptyHistogram, type MsHistogram } from './lib/histogram';

/** The part of socket.io-client's Socket used here. */
interface ClientSocket {
  connected: boolean;
  on(event: string, listener: (...args: any[]) => void): unknown;
  once(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener?: (...args: any[]) => void): unknown;
  close(): unknown;
}
type Connect = (url: string, options: object) => ClientSocket;

// socket.io-client is a dependency of @wangge/tests, not of the root package: resolved from there
// (the same build the real-time tests use).
const requireFromTests = createRequire(new URL('../tests/package.json', import.meta.url));
const { io } = requireFromTests('socket.io-client') as { io: Connect };

const CASE_EVENTS = [
  'case:reported',
  'case:transitioned',
  'task:dispatched',
  'task:claimed',
  'whistle:called',
  'whistle:reported-in',
] as const;

interface Dashboard {
  socket: ClientSocket;
  received: number;
}
interface Delivery {
  caseId: string;
  createdAt: string;
}

const dashboards: Dashboard[] = [];
let recording = false;
let hist: MsHistogram = emptyHistogram();
let byId = new Map<string, number>();
let received = 0;
let disconnects = 0;
let sample: unknown = null;
let cpu0 = process.cpuUsage();
let elu0 = performance.eventLoopUtilization();
let wall0 = performance.now();

function onDelivery(d: Dashboard, e: Delivery) {
  const now = Date.now();
  if (!recording) return;
  addSample(hist, now - Date.parse(e.createdAt));
  byId.set(e.caseId, (byId.get(e.caseId) ?? 0) + 1);
  d.received += 1;
  received += 1;
  sample ??= e;
}

function open(url: string, token: string, readyEvent: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: timeoutMs,
      auth: { token },
    });
    const d: Dashboard = { socket, received: 0 };
    for (const name of CASE_EVENTS) socket.on(name, (e: Delivery) => onDelivery(d, e));
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no ${readyEvent} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once(readyEvent, () => {
      clearTimeout(timer);
      dashboards.push(d);
      socket.on('disconnect', () => {
        disconnects += 1;
      });
      resolve();
    });
    socket.once('connect_error', (error: Error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

async function connect(msg: {
  url: string;
  token: string;
  count: number;
  readyEvent: string;
  concurrency: number;
  timeoutMs: number;
}) {
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  const errors: string[] = [];
  const lane = async () => {
    while (next < msg.count) {
      next += 1;
      try {
        await open(msg.url, msg.token, msg.readyEvent, msg.timeoutMs);
      } catch (error) {
        failed += 1;
        if (errors.length < 5) errors.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(msg.concurrency, msg.count)) }, lane));
  return { connected: dashboards.length, failed, errors, ms: performance.now() - t0 };
}

async function closeAll() {
  const open = dashboards.filter((d) => d.socket.connected);
  const gone = Promise.all(
    open.map(
      (d) =>
        new Promise<void>((resolve) => {
          d.socket.once('disconnect', () => resolve());
        }),
    ),
  );
  for (const d of dashboards) d.socket.close();
  await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  dashboards.length = 0;
  disconnects = 0;
}

function stop(ids: string[]) {
  recording = false;
  const cpu = process.cpuUsage(cpu0);
  const elapsedMs = performance.now() - wall0;
  let delivered = 0;
  for (const id of ids) delivered += byId.get(id) ?? 0;
  let complete = 0;
  let missing = 0;
  let extra = 0;
  for (const d of dashboards) {
    if (d.received === ids.length) complete += 1;
    else if (d.received < ids.length) missing += 1;
    else extra += 1;
  }
  return {
    sockets: dashboards.length,
    delivered,
    received,
    unexpected: received - delivered,
    socketsComplete: complete,
    socketsMissing: missing,
    socketsExtra: extra,
    disconnects,
    histogram: hist,
    cpuFraction: (cpu.user + cpu.system) / 1000 / elapsedMs,
    eventLoopUtilization: performance.eventLoopUtilization(elu0).utilization,
    elapsedMs,
    sample,
  };
}

process.on('message', async (msg: { cmd: string; id: number } & Record<string, any>) => {
  const reply = (body: object) => process.send?.({ id: msg.id, ...body });
  try {
    switch (msg.cmd) {
      case 'connect':
        reply(await connect(msg as any));
        break;
      case 'start':
        hist = emptyHistogram();
        byId = new Map();
        received = 0;
        sample = null;
        for (const d of dashboards) d.received = 0;
        cpu0 = process.cpuUsage();
        elu0 = performance.eventLoopUtilization();
        wall0 = performance.now();
        recording = true;
        reply({ ok: true });
        break;
      case 'progress':
        reply({ received });
        break;
      case 'stop':
        reply(stop(msg.ids as string[]));
        break;
      case 'close':
        await closeAll();
        reply({ ok: true });
        break;
      default:
        reply({ error: `unknown command ${msg.cmd}` });
    }
  } catch (error) {
    reply({ error: (error as Error).stack ?? String(error) });
  }
});

const quit = () => {
  for (const d of dashboards) d.socket.close();
  process.exit(0);
};
process.on('SIGTERM', quit);
process.on('SIGINT', quit);
process.on('disconnect', quit); // the orchestrator died: do not linger
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
