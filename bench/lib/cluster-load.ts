import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { type OpenPhaseResult, type PhaseResult, type Req, type Res, send } from './load';
import { summarize } from './stats';

/**
 * lib/load.ts's closed loop over several servers: C connections, connection i to
 * `ports[i % ports.length]` (an even spread, as a balancer would do), each sending its next
 * request when the last one answered, until `maxRequests` were sent or `maxSeconds` passed.
 * `make(i, lane)` builds request i on connection `lane`.
 */
export async function closedLoopSpread(options: {
  ports: readonly number[];
  concurrency: number;
  maxRequests: number;
  maxSeconds: number;
  make: (i: number, lane: number) => Req;
  onOk?: (res: Res) => void;
}): Promise<PhaseResult & { perPort: Array<{ port: number; ok: number; errors: number }> }> {
  const { ports, concurrency } = options;
  const agents = ports.map(
    (_, p) =>
      new Agent({
        keepAlive: true,
        maxSockets: Math.ceil((concurrency - p) / ports.length),
      }),
  );
  const perPort = ports.map((port) => ({ port, ok: 0, errors: 0 }));
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let issued = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + options.maxSeconds * 1000;
  const lane = async (l: number) => {
    const p = l % ports.length;
    while (issued < options.maxRequests && performance.now() < deadline) {
      const req = options.make(issued++, l);
      const s = performance.now();
      let res: Res | Error;
      try {
        res = await send(agents[p]!, ports[p]!, req);
      } catch (error) {
        res = error as Error;
      }
      latencies.push(performance.now() - s);
      if (!(res instanceof Error) && res.status === req.expect) {
        perPort[p]!.ok += 1;
        options.onOk?.(res);
      } else {
        perPort[p]!.errors += 1;
        if (errorSamples.length < 5)
          errorSamples.push(
            res instanceof Error
              ? `:${ports[p]} ${res.message}`
              : `:${ports[p]} ${req.method} ${req.path} → ${res.status} ${res.body.slice(0, 200)}`,
          );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, l) => lane(l)));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  for (const a of agents) a.destroy();
  const ok = perPort.reduce((s, p) => s + p.ok, 0);
  return {
    sent: issued,
    ok,
    errors: perPort.reduce((s, p) => s + p.errors, 0),
    errorSamples,
    seconds: wallMs / 1000,
    perSecond: ok / (wallMs / 1000),
    latency: summarize(latencies),
    clientCpuFraction: (cpu.user + cpu.system) / 1000 / wallMs,
    perPort,
  };
}

/**
 * lib/load.ts's open loop over several servers: `rate` requests per second for `seconds`,
 * started on schedule whatever the servers do, request i to `ports[i % ports.length]`; latency
 * from the *scheduled* start (no coordinated omission).
 */
export async function openLoopSpread(options: {
  ports: readonly number[];
  rate: number;
  seconds: number;
  make: (i: number) => Req;
}): Promise<OpenPhaseResult> {
  const { ports } = options;
  const agents = ports.map(() => new Agent({ keepAlive: true, maxSockets: 256 }));
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const lags: number[] = [];
  const errorSamples: string[] = [];
  const inFlight: Promise<void>[] = [];
  let ok = 0;
  let errors = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now() + 20;
  let issued = 0;
  let lastDone = t0;
  const fire = (i: number) => {
    const intended = t0 + i * interval;
    const p = i % ports.length;
    const req = options.make(i);
    lags.push(performance.now() - intended);
    const done = (res: Res | Error) => {
      lastDone = performance.now();
      latencies.push(lastDone - intended);
      if (!(res instanceof Error) && res.status === req.expect) ok += 1;
      else {
        errors += 1;
        if (errorSamples.length < 5)
          errorSamples.push(
            res instanceof Error
              ? `:${ports[p]} ${res.message}`
              : `:${ports[p]} ${req.method} ${req.path} → ${res.status} ${res.body.slice(0, 200)}`,
          );
      }
    };
    inFlight.push(send(agents[p]!, ports[p]!, req).then(done, done));
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - t0) / interval) + 1);
      while (issued < due) fire(issued++);
      if (issued >= total) return resolve();
      setTimeout(tick, Math.max(0, t0 + issued * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, t0 - performance.now()));
  });
  await Promise.all(inFlight);
  const wallMs = lastDone - t0;
  const cpu = process.cpuUsage(cpu0);
  for (const a of agents) a.destroy();
  return {
    targetRate: options.rate,
    sent: issued,
    ok,
    errors,
    errorSamples,
    seconds: wallMs / 1000,
    perSecond: ok / (wallMs / 1000),
    latency: summarize(latencies),
    sendLag: summarize(lags),
    clientCpuFraction: (cpu.user + cpu.system) / 1000 / wallMs,
  };
}
