import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { type Summary, summarize } from './stats';

/**
 * A small load generator on node:http (keep-alive agents, no dependencies). Two shapes:
 * - closed loop: C connections, each sends its next request when the last one answered
 *   (throughput of intake at a given concurrency);
 * - open loop: requests are started on a timer at a fixed arrival rate whether or not earlier
 *   ones answered, and latency is measured from the *scheduled* start, so queueing (in the
 *   server or in this process) counts — no coordinated omission.
 */

export interface Req {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The status that counts as success. */
  expect: number;
}

export interface Res {
  status: number;
  body: string;
}

/** Per-request timeout: bounds a phase to its schedule + this, even when the server drowns. */
const TIMEOUT_MS = 5_000;
const HOST = '127.0.0.1';

export function send(agent: Agent, port: number, req: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(req.body);
    }
    const r = httpRequest({ host: HOST, port, method: req.method, path: req.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    // A hard deadline from the call (covers waiting for a socket in the agent too).
    const timer = setTimeout(() => r.destroy(new Error(`timeout after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    r.on('close', () => clearTimeout(timer));
    r.on('error', reject);
    r.end(req.body);
  });
}

export interface PhaseResult {
  sent: number;
  ok: number;
  errors: number;
  errorSamples: string[];
  seconds: number;
  /** Successful responses per second over the phase. */
  perSecond: number;
  latency: Summary;
  /** Client CPU per second of wall time: near 1.0 means the load generator itself saturated. */
  clientCpuFraction: number;
}

class Tally {
  ok = 0;
  errors = 0;
  errorSamples: string[] = [];
  latencies: number[] = [];
  record(req: Req, res: Res | Error, ms: number, onOk?: (res: Res) => void) {
    if (!(res instanceof Error) && res.status === req.expect) {
      this.ok += 1;
      this.latencies.push(ms);
      onOk?.(res);
      return;
    }
    this.errors += 1;
    this.latencies.push(ms);
    if (this.errorSamples.length < 5) {
      this.errorSamples.push(
        res instanceof Error
          ? res.message
          : `${req.method} ${req.path} → ${res.status} ${res.body.slice(0, 200)}`,
      );
    }
  }
}

/** C connections in closed loops until maxRequests were sent or maxSeconds passed. */
export async function closedLoop(options: {
  port: number;
  concurrency: number;
  maxRequests: number;
  maxSeconds: number;
  make: (i: number) => Req;
  onOk?: (res: Res) => void;
}): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const tally = new Tally();
  let issued = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + options.maxSeconds * 1000;
  const worker = async () => {
    while (issued < options.maxRequests && performance.now() < deadline) {
      const req = options.make(issued++);
      const s = performance.now();
      let res: Res | Error;
      try {
        res = await send(agent, options.port, req);
      } catch (error) {
        res = error as Error;
      }
      tally.record(req, res, performance.now() - s, options.onOk);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return {
    sent: issued,
    ok: tally.ok,
    errors: tally.errors,
    errorSamples: tally.errorSamples,
    seconds: wallMs / 1000,
    perSecond: tally.ok / (wallMs / 1000),
    latency: summarize(tally.latencies),
    clientCpuFraction: (cpu.user + cpu.system) / 1000 / wallMs,
  };
}

export interface OpenPhaseResult extends PhaseResult {
  targetRate: number;
  /** How late the generator started requests versus their schedule (ms): should stay ~0–2. */
  sendLag: Summary;
}

/** `rate` requests per second for `seconds`, started on schedule; latency from the scheduled time. */
export async function openLoop(options: {
  port: number;
  rate: number;
  seconds: number;
  make: (i: number) => Req;
  onOk?: (res: Res) => void;
}): Promise<OpenPhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const tally = new Tally();
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const lags: number[] = [];
  const inFlight: Promise<void>[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now() + 20;
  let issued = 0;
  let lastDone = t0;

  const fire = (i: number) => {
    const intended = t0 + i * interval;
    const req = options.make(i);
    lags.push(performance.now() - intended);
    inFlight.push(
      send(agent, options.port, req).then(
        (res) => {
          lastDone = performance.now();
          tally.record(req, res, lastDone - intended, options.onOk);
        },
        (error: Error) => {
          lastDone = performance.now();
          tally.record(req, error, lastDone - intended);
        },
      ),
    );
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - t0) / interval) + 1);
      while (issued < due) fire(issued++);
      if (issued >= total) return resolve();
      setTimeout(tick, Math.max(0, t0 + issued * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, t0 - performance.now()));
  });
  await Promise.all(inFlight);
  const wallMs = lastDone - t0;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  return {
    targetRate: options.rate,
    sent: issued,
    ok: tally.ok,
    errors: tally.errors,
    errorSamples: tally.errorSamples,
    seconds: wallMs / 1000,
    perSecond: tally.ok / (wallMs / 1000),
    latency: summarize(tally.latencies),
    sendLag: summarize(lags),
    clientCpuFraction: (cpu.user + cpu.system) / 1000 / wallMs,
  };
}
