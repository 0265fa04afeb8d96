/**
 * End-to-end check of scripts/cluster.ts and scripts/proxy.ts against real API nodes:
 *
 *   node --import tsx scripts/cluster-smoke.ts               # two nodes on one SQLite file (today)
 *   node --import tsx scripts/cluster-smoke.ts --postgres    # PostgreSQL + Redis (the scale-out build)
 *   … --expect-cross-node   # fail unless an event committed on node 1 reaches a socket on node 2
 *
 * Starts `cluster.ts --fresh` on spare ports (a temp data dir, seeded anew: ~1 min), then
 * through the proxy: static page, login, case list spread over both nodes, a report, Socket.IO
 * over websocket, long-polling (sticky) and polling→websocket upgrade; cross-node delivery
 * (direct sockets on each node); then SIGKILLs node 1 and checks GETs are retried, POSTs
 * served once the proxy has seen it down, and sockets reconnect to node 2; finally Ctrl-C
 * (SIGINT) stops the cluster and nothing is left listening. Exit code 0 when all checks pass.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort, isAlive, portInUse } from './services';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The part of socket.io-client used here (resolved from tests/: not a root dependency). */
interface ClientSocket {
  connected: boolean;
  io: { engine: { transport: { name: string } } };
  on(event: string, listener: (...args: never[]) => void): void;
  once(event: string, listener: (...args: never[]) => void): void;
  emit(event: string, ...args: unknown[]): void;
  close(): void;
}
type Connect = (url: string, options: Record<string, unknown>) => ClientSocket;
const requireFromTests = createRequire(new URL('../tests/package.json', import.meta.url));
const { io } = requireFromTests('socket.io-client') as { io: Connect };

const args = new Set(process.argv.slice(2));
const usePostgres = args.has('--postgres');
const expectCrossNode = args.has('--expect-cross-node');

let failures = 0;
function check(ok: boolean, what: string, detail = '') {
  if (!ok) failures++;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}${detail ? `  (${detail})` : ''}`);
}

/** Two consecutive free ports. */
async function freePair(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    if (!(await portInUse(port)) && !(await portInUse(port + 1))) return port;
  }
}

interface Cluster {
  child: ChildProcess;
  output: string[];
  nodePids: Map<string, number>;
  dataDir: string;
  redisPort?: number;
}

async function startCluster(proxyPort: number, basePort: number): Promise<Cluster> {
  const argv = ['--import', 'tsx', 'scripts/cluster.ts', '--fresh', '--port', String(proxyPort)];
  argv.push('--base-port', String(basePort));
  if (!usePostgres) argv.push('--sqlite');
  if (existsSync(`${ROOT}client/dist/index.html`)) argv.push('--no-build');
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.DATA_DIR;
  const child = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const cluster: Cluster = { child, output, nodePids: new Map(), dataDir: '' };
  let ready = false;
  let rest = '';
  const onData = (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      output.push(line);
      if (process.env.SMOKE_VERBOSE) console.log(`  | ${line}`);
      const node = /^\[cluster\]\s+(node\d+)\s+http:\S+\s+pid (\d+)/.exec(line);
      if (node) cluster.nodePids.set(node[1]!, Number(node[2]));
      const dir = /^\[cluster\]\s+DATA_DIR=(.+)$/.exec(line);
      if (dir) cluster.dataDir = dir[1]!.trim();
      const redis = /^\[cluster\]\s+REDIS_URL=redis:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      if (redis) cluster.redisPort = Number(redis[1]);
      if (/^\[cluster\] cluster ready:/.test(line)) ready = true;
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const until = Date.now() + 360_000;
  while (!ready) {
    if (exited || Date.now() > until) {
      throw new Error(`cluster did not become ready:\n${output.slice(-40).join('\n')}`);
    }
    await sleep(200);
  }
  await sleep(300); // the banner's remaining lines
  return cluster;
}

interface Body {
  data?: unknown;
  features?: { properties: { code: string; centroid: [number, number] } }[];
  text?: string;
}

function asLogin(body: Body) {
  return body.data as { token: string; user: { gridCodes: string[] } } | undefined;
}

interface Http {
  status: number;
  node: string | null;
  /** Parsed JSON (the fields read here), or the text when not JSON. */
  body: Body;
  headers: Headers;
}

async function call(base: string, method: string, path: string, token?: string, body?: unknown, extra = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...extra,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: Body = { text };
  try {
    parsed = JSON.parse(text) as Body;
  } catch {}
  return {
    status: res.status,
    node: res.headers.get('x-upstream-node'),
    body: parsed,
    headers: res.headers,
  } as Http;
}

function connect(url: string, token: string, transports: string[], reconnection = false): ClientSocket {
  return io(url, { auth: { token }, transports, forceNew: true, reconnection, reconnectionDelay: 200 });
}

/** Resolves with the socket once its catch-up is complete (sync:completed). */
function synced(socket: ClientSocket, ms = 10_000): Promise<ClientSocket> {
  return new Promise((done, failed) => {
    const timer = setTimeout(() => failed(new Error('no sync:completed')), ms);
    socket.once('sync:completed', () => {
      clearTimeout(timer);
      done(socket);
    });
    socket.once('connect_error', (error: Error) => {
      clearTimeout(timer);
      failed(error);
    });
  });
}

function ack(socket: ClientSocket, event: string, payload: unknown, ms = 5000): Promise<{ data?: unknown }> {
  return new Promise((done, failed) => {
    const timer = setTimeout(() => failed(new Error(`no ack for ${event}`)), ms);
    socket.emit(event, payload, (res: { data?: unknown }) => {
      clearTimeout(timer);
      done(res);
    });
  });
}

function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  return new Promise((done) => {
    const until = Date.now() + ms;
    const tick = () => {
      if (cond()) return done(true);
      if (Date.now() > until) return done(false);
      setTimeout(tick, 50);
    };
    tick();
  });
}

async function main() {
  const proxyPort = await freePort();
  const basePort = await freePair();
  const t0 = Date.now();
  console.log(
    `starting cluster (${usePostgres ? 'PostgreSQL' : 'SQLite'}): proxy :${proxyPort}, nodes :${basePort}, :${basePort + 1}…`,
  );
  const cluster = await startCluster(proxyPort, basePort);
  console.log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const proxy = `http://127.0.0.1:${proxyPort}`;
  const nodeUrls = [`http://127.0.0.1:${basePort}`, `http://127.0.0.1:${basePort + 1}`];
  const sockets: ClientSocket[] = [];
  try {
    // --- HTTP through the proxy
    const page = await call(proxy, 'GET', '/');
    check(
      page.status === 200 && Boolean(page.body.text?.includes('<html')),
      'GET / serves the web client',
      `${page.status} via ${page.node}`,
    );
    const login = await call(proxy, 'POST', '/api/auth/login', undefined, {
      username: 'gridworker',
      password: process.env.DEMO_PASSWORD ?? 'demo1234',
    });
    check(
      login.status === 200 && Boolean(asLogin(login.body)?.token),
      'POST /api/auth/login',
      `via ${login.node}`,
    );
    const { token, user } = asLogin(login.body)!;
    const served = new Set<string>();
    let listOk = true;
    let firstCase: { id: string } | undefined;
    for (let i = 0; i < 6; i++) {
      const list = await call(proxy, 'GET', '/api/cases?limit=5', token);
      const rows = Array.isArray(list.body.data) ? (list.body.data as { id: string }[]) : undefined;
      listOk &&= list.status === 200 && rows !== undefined;
      firstCase ??= rows?.[0];
      if (list.node) served.add(list.node);
    }
    check(listOk, 'GET /api/cases ×6 with a token issued by either node');
    check(served.size === 2, 'round-robin reaches both nodes', [...served].join(', '));

    const gridCode: string = user.gridCodes[0]!;
    const grids = await call(proxy, 'GET', `/api/grids?unit=${gridCode.slice(0, 12)}`, token);
    const cell = grids.body.features?.find((f) => f.properties.code === gridCode);
    const [lon, lat] = cell?.properties?.centroid ?? [0, 0];
    const report = () =>
      call(
        proxy,
        'POST',
        '/api/cases',
        token,
        { categoryCode: '0201', description: '集群冒烟测试：占道经营', location: { lon, lat } },
        { 'idempotency-key': randomUUID() },
      );
    const created = await report();
    check(
      created.status === 201,
      'POST /api/cases through the proxy',
      `${created.status} via ${created.node}`,
    );

    // --- Socket.IO through the proxy
    const ws = await synced(connect(proxy, token, ['websocket'], true));
    sockets.push(ws);
    const caseId = (created.body.data as { id?: string } | undefined)?.id ?? firstCase?.id;
    const subscribed = await ack(ws, 'case:subscribe', { caseId });
    check(Boolean(subscribed?.data), 'Socket.IO websocket-only via the proxy: synced, acked request');

    const handshake = await call(proxy, 'GET', '/socket.io/?EIO=4&transport=polling');
    const cookie = handshake.headers.get('set-cookie') ?? '';
    const pinned = /wangge_node=(node\d+)/.exec(cookie)?.[1];
    check(
      handshake.status === 200 && pinned === handshake.node,
      'polling handshake sets the node cookie',
      cookie,
    );
    const again = await Promise.all(
      [1, 2, 3].map(() =>
        call(proxy, 'GET', '/socket.io/?EIO=4&transport=polling', undefined, undefined, { cookie }),
      ),
    );
    check(
      again.every((r) => r.node === pinned),
      'a handshake with the cookie returns to that node',
      again.map((r) => r.node).join(', '),
    );

    const polling = await synced(connect(proxy, token, ['polling'], true));
    sockets.push(polling);
    let pollingDisconnects = 0;
    polling.on('disconnect', () => pollingDisconnects++);
    let acks = 0;
    for (let i = 0; i < 5; i++) {
      const res = await ack(polling, 'case:subscribe', { caseId });
      if (res?.data) acks++;
      await sleep(200);
    }
    check(
      acks === 5 && pollingDisconnects === 0 && polling.io.engine.transport.name === 'polling',
      'Socket.IO long-polling via the proxy stays on its node (sticky by sid)',
      `${acks}/5 acks, ${pollingDisconnects} disconnects`,
    );

    const upgrading = await synced(connect(proxy, token, ['polling', 'websocket'], true));
    sockets.push(upgrading);
    const upgraded = await waitFor(() => upgrading.io.engine.transport.name === 'websocket', 5000);
    check(upgraded, 'Socket.IO polling → websocket upgrade via the proxy');

    // --- Cross-node delivery: a socket on each node, a report committed on node 1.
    const direct = await Promise.all(nodeUrls.map((u) => synced(connect(u, token, ['websocket']))));
    sockets.push(...direct);
    const got = direct.map(() => 0);
    direct.forEach((s, i) => {
      s.on('case:reported', () => got[i]!++);
    });
    const onNode1 = await call(
      nodeUrls[0]!,
      'POST',
      '/api/cases',
      token,
      { categoryCode: '0201', description: '跨节点事件检查', location: { lon, lat } },
      { 'idempotency-key': randomUUID() },
    );
    await waitFor(() => got[0]! > 0 && got[1]! > 0, 3000);
    check(onNode1.status === 201 && got[0]! > 0, 'a socket on node1 gets the event committed on node1');
    const cross = got[1]! > 0;
    if (expectCrossNode) check(cross, 'a socket on node2 gets the event committed on node1 (Redis adapter)');
    else console.log(`INFO  cross-node delivery (needs the Redis adapter): ${cross ? 'yes' : 'no'}`);

    // --- Failover: SIGKILL node1.
    const viaProxy = [ws, polling, upgrading];
    let moved = 0;
    for (const s of viaProxy) s.once('disconnect', () => moved++);
    const pid1 = cluster.nodePids.get('node1');
    check(Boolean(pid1), 'cluster printed node pids', JSON.stringify([...cluster.nodePids]));
    process.kill(pid1!, 'SIGKILL');
    await waitFor(() => !isAlive(pid1!), 3000);
    const afterKill: Http[] = [];
    for (let i = 0; i < 6; i++) afterKill.push(await call(proxy, 'GET', '/api/cases?limit=5', token));
    check(
      afterKill.every((r) => r.status === 200 && r.node === 'node2'),
      'GETs right after the kill are all served (retried on node2)',
      afterKill.map((r) => `${r.status}/${r.node}`).join(' '),
    );
    await sleep(1500); // a health round
    const posts = await Promise.all([report(), report(), report()]);
    check(
      posts.every((r) => r.status === 201 && r.node === 'node2'),
      'POSTs once the proxy has marked node1 down are served by node2',
      posts.map((r) => `${r.status}/${r.node}`).join(' '),
    );
    const reconnected = await waitFor(() => viaProxy.every((s) => s.connected), 10_000);
    const stillWorks = reconnected
      ? await Promise.all(viaProxy.map((s) => ack(s, 'case:subscribe', { caseId }).catch(() => null)))
      : [];
    check(
      reconnected && stillWorks.every((r) => r?.data),
      'sockets through the proxy are connected (reconnected to node2 when they were on node1)',
      `${moved} of ${viaProxy.length} were on node1 and reconnected`,
    );
    const health = await call(proxy, 'GET', '/api/health');
    check(
      health.status === 200 && health.node === 'node2',
      'GET /api/health via the proxy',
      `${health.node}`,
    );
  } catch (error) {
    check(false, 'unexpected error', (error as Error).stack ?? String(error));
  } finally {
    for (const s of sockets) s.close();
  }

  // --- Ctrl-C stops everything.
  const stopped = new Promise<number | null>((done) => cluster.child.once('exit', (code) => done(code)));
  cluster.child.kill('SIGINT');
  const code = await Promise.race([stopped, sleep(40_000).then(() => -1)]);
  check(code === 0, 'SIGINT stops the cluster with exit code 0', `exit ${code}`);
  const pids = [...cluster.nodePids.values()];
  check(
    pids.every((p) => !isAlive(p)),
    'no API node left running',
    pids.filter(isAlive).join(',') || 'none alive',
  );
  const listening = await Promise.all(
    [proxyPort, basePort, basePort + 1, ...(cluster.redisPort ? [cluster.redisPort] : [])].map((p) =>
      portInUse(p),
    ),
  );
  check(!listening.some(Boolean), 'nothing listens on the proxy, node and redis ports');
  check(
    Boolean(cluster.dataDir) && !existsSync(cluster.dataDir),
    'the --fresh data dir was removed',
    cluster.dataDir,
  );
  if (code !== 0 || failures > 0) console.log(cluster.output.slice(-30).join('\n'));
  console.log(failures === 0 ? '\nall checks passed' : `\n${failures} check(s) FAILED`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`FAIL  ${(error as Error).message}`);
  process.exit(1);
});
