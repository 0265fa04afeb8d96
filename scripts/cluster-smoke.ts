/**
 * End-to-end check of scripts/cluster.ts and its nginx (scripts/nginx/wangge.conf) against real
 * API nodes:
 *
 *   node --import tsx scripts/cluster-smoke.ts               # two nodes on one SQLite file (today)
 *   node --import tsx scripts/cluster-smoke.ts --postgres    # PostgreSQL + Redis (the scale-out build)
 *   … --expect-cross-node   # fail unless an event committed on node 1 reaches a socket on node 2
 *
 * Starts `cluster.ts --fresh` on spare ports (a temp data dir, seeded anew: ~1 min), then
 * through nginx: static page, login (X-Forwarded-For reaches the API: TRUST_PROXY=loopback),
 * case list spread over both nodes, compression left to the nodes, body limits, a report,
 * Socket.IO over websocket, long-polling kept on one node over many requests (hash on the
 * client address) and polling→websocket upgrade; cross-node delivery (direct sockets on each
 * node); then SIGKILLs the node that holds nginx's sockets and checks that GETs and POSTs are
 * passed to the other node and the sockets reconnect there; finally Ctrl-C (SIGINT) stops the
 * cluster and nothing is left listening. Exit code 0 when all checks pass. Needs nginx
 * (apt-get install -y nginx).
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
    `starting cluster (${usePostgres ? 'PostgreSQL' : 'SQLite'}): nginx :${proxyPort}, nodes :${basePort}, :${basePort + 1}…`,
  );
  const cluster = await startCluster(proxyPort, basePort);
  console.log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const proxy = `http://127.0.0.1:${proxyPort}`;
  const nodeUrls = [`http://127.0.0.1:${basePort}`, `http://127.0.0.1:${basePort + 1}`];
  const sockets: ClientSocket[] = [];
  try {
    // --- HTTP through nginx
    const page = await call(proxy, 'GET', '/');
    check(
      page.status === 200 && Boolean(page.body.text?.includes('<html')),
      'GET / serves the web client',
      `${page.status} via ${page.node}`,
    );
    const login = await call(
      proxy,
      'POST',
      '/api/auth/login',
      undefined,
      { username: 'gridworker', password: process.env.DEMO_PASSWORD ?? 'demo1234' },
      { 'x-forwarded-for': '203.0.113.7' },
    );
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

    const admin = asLogin(
      (
        await call(proxy, 'POST', '/api/auth/login', undefined, {
          username: 'admin',
          password: process.env.DEMO_PASSWORD ?? 'demo1234',
        })
      ).body,
    )?.token;
    const audit = await call(proxy, 'GET', '/api/admin/auth-events?username=gridworker&limit=5', admin);
    const ips = ((audit.body.data as { items?: { ip?: string }[] } | undefined)?.items ?? []).map(
      (e) => e.ip,
    );
    check(
      ips.includes('203.0.113.7'),
      'X-Forwarded-For passes nginx and the API trusts it (TRUST_PROXY=loopback)',
      `${audit.status}: ${ips.join(', ')}`,
    );
    const gzipped = await call(proxy, 'GET', '/api/cases?limit=50', token, undefined, {
      'accept-encoding': 'gzip',
    });
    check(
      gzipped.status === 200 &&
        gzipped.headers.get('content-encoding') === 'gzip' &&
        Array.isArray(gzipped.body.data),
      'JSON compressed once, by the node (Accept-Encoding passed through)',
      `content-encoding ${gzipped.headers.get('content-encoding')}`,
    );
    const big = async (path: string, mb: number, auth?: string) => {
      const res = await fetch(`${proxy}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body: Buffer.alloc(mb * 2 ** 20, 0x20),
      });
      const text = await res.text();
      return { status: res.status, fromApi: text.startsWith('{'), node: res.headers.get('x-upstream-node') };
    };
    const tooBig = await big('/api/cases', 12, token);
    const importBody = await big('/api/admin/grids/import', 20, admin);
    const importTooBig = await big('/api/admin/grids/import', 60, admin);
    check(
      tooBig.status === 413 &&
        !tooBig.fromApi &&
        importBody.fromApi &&
        importBody.status !== 413 &&
        importTooBig.status === 413,
      'body limits: 12 MB refused by nginx, a 20 MB grid import reaches the API, 60 MB refused',
      `${tooBig.status}, ${importBody.status} via ${importBody.node}, ${importTooBig.status}`,
    );

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
    check(created.status === 201, 'POST /api/cases through nginx', `${created.status} via ${created.node}`);

    // --- Socket.IO through nginx
    const ws = await synced(connect(proxy, token, ['websocket'], true));
    sockets.push(ws);
    const caseId = (created.body.data as { id?: string } | undefined)?.id ?? firstCase?.id;
    const subscribed = await ack(ws, 'case:subscribe', { caseId });
    check(Boolean(subscribed?.data), 'Socket.IO websocket-only via nginx: synced, acked request');

    const handshakes = await Promise.all(
      Array.from({ length: 8 }, () => call(proxy, 'GET', '/socket.io/?EIO=4&transport=polling')),
    );
    const pinned = handshakes[0]?.node ?? '';
    check(
      handshakes.every((r) => r.status === 200 && r.node === pinned),
      'polling handshakes from one address all reach one node (hash $remote_addr)',
      handshakes.map((r) => r.node).join(', '),
    );

    const polling = await synced(connect(proxy, token, ['polling'], true));
    sockets.push(polling);
    let pollingDisconnects = 0;
    polling.on('disconnect', () => pollingDisconnects++);
    let acks = 0;
    const rounds = 40;
    for (let i = 0; i < rounds; i++) {
      // Plain API requests in between keep round-robining over both nodes.
      const [res] = await Promise.all([
        ack(polling, 'case:subscribe', { caseId }),
        call(proxy, 'GET', '/api/cases?limit=1', token),
      ]);
      if (res?.data) acks++;
      await sleep(50);
    }
    check(
      acks === rounds && pollingDisconnects === 0 && polling.io.engine.transport.name === 'polling',
      'Socket.IO long-polling via nginx keeps its session over many requests (sticky)',
      `${acks}/${rounds} acks, ${pollingDisconnects} disconnects`,
    );

    const upgrading = await synced(connect(proxy, token, ['polling', 'websocket'], true));
    sockets.push(upgrading);
    const upgraded = await waitFor(() => upgrading.io.engine.transport.name === 'websocket', 5000);
    check(upgraded, 'Socket.IO polling → websocket upgrade via nginx');

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

    // --- Failover: SIGKILL the node that holds the sockets through nginx (all from one address).
    const viaProxy = [ws, polling, upgrading];
    let moved = 0;
    for (const s of viaProxy) s.once('disconnect', () => moved++);
    const victim = pinned === 'node2' ? 'node2' : 'node1';
    const survivor = victim === 'node1' ? 'node2' : 'node1';
    const victimPid = cluster.nodePids.get(victim);
    check(Boolean(victimPid), 'cluster printed node pids', JSON.stringify([...cluster.nodePids]));
    console.log(`INFO  SIGKILL ${victim} (pid ${victimPid}), which holds the sockets through nginx`);
    process.kill(victimPid!, 'SIGKILL');
    await waitFor(() => !isAlive(victimPid!), 3000);
    const afterKill: Http[] = [];
    for (let i = 0; i < 6; i++) afterKill.push(await call(proxy, 'GET', '/api/cases?limit=5', token));
    check(
      afterKill.every((r) => r.status === 200 && r.node === survivor),
      `GETs right after the kill are all served (passed to ${survivor})`,
      afterKill.map((r) => `${r.status}/${r.node}`).join(' '),
    );
    const posts = await Promise.all([report(), report(), report()]);
    check(
      posts.every((r) => r.status === 201 && r.node === survivor),
      `POSTs right after the kill are served by ${survivor}`,
      posts.map((r) => `${r.status}/${r.node}`).join(' '),
    );
    const reconnected = await waitFor(() => viaProxy.every((s) => s.connected), 10_000);
    const stillWorks = reconnected
      ? await Promise.all(viaProxy.map((s) => ack(s, 'case:subscribe', { caseId }).catch(() => null)))
      : [];
    check(
      reconnected && stillWorks.every((r) => r?.data),
      `sockets through nginx are connected again (reconnected to ${survivor})`,
      `${moved} of ${viaProxy.length} were on ${victim} and reconnected`,
    );
    const health = await call(proxy, 'GET', '/api/health');
    check(health.status === 200 && health.node === survivor, 'GET /api/health via nginx', `${health.node}`);
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
  check(!listening.some(Boolean), 'nothing listens on the nginx, node and redis ports');
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
