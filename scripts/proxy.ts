/**
 * A small reverse proxy in front of several API nodes (node:http and node:net only), for the
 * local cluster (scripts/cluster.ts) and for trying failover. Not a production load balancer:
 * see docs/deploy.md for nginx/HAProxy settings.
 *
 *   node --import tsx scripts/proxy.ts [--port 3000] [--host 127.0.0.1] http://127.0.0.1:3101 http://127.0.0.1:3102
 *
 * - Plain HTTP (/api, static files): round-robin over the healthy nodes. GET and HEAD are
 *   retried on the next node when a node fails before answering; other methods get 502.
 * - WebSocket upgrades are tunnelled as raw TCP to one node (round-robin).
 * - Socket.IO is sticky: a long-polling session must keep talking to the node that holds it.
 *   Requests carrying `sid=` go to the node that answered that session's handshake (the proxy
 *   reads the sid from the handshake response); a handshake carrying the `wangge_node` cookie
 *   (set by the proxy on every polling handshake) goes back to that node while it is healthy.
 *   The web client uses `transports: ['websocket']`, which needs no stickiness at all.
 * - Health: GET /api/health on every node each second; a refused connection marks a node down
 *   at once, two failed checks in a row otherwise; one passing check brings it back.
 * - Every proxied response carries `X-Upstream-Node: <name>`.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';

export interface ProxyOptions {
  /** 0 = any free port. */
  port: number;
  host?: string;
  /** Base URLs of the nodes, e.g. http://127.0.0.1:3101; named node1, node2, … in order. */
  upstreams: string[];
  healthPath?: string;
  healthIntervalMs?: number;
  healthTimeoutMs?: number;
  cookieName?: string;
  log?: (line: string) => void;
}

export interface NodeStatus {
  name: string;
  url: string;
  healthy: boolean;
  lastError?: string;
}

export interface RunningProxy {
  port: number;
  url: string;
  nodes(): NodeStatus[];
  /** Runs one health check round now. */
  checkNow(): Promise<void>;
  close(): Promise<void>;
}

interface Upstream {
  name: string;
  url: string;
  host: string;
  port: number;
  agent: http.Agent;
  healthy: boolean;
  failures: number;
  checking: boolean;
  lastError?: string;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) and the ones this proxy answers itself. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);

const SOCKET_IO_PATH = '/socket.io/';
const SID_IDLE_MS = 5 * 60_000;

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const log = options.log ?? ((line: string) => console.log(`[proxy] ${line}`));
  const healthPath = options.healthPath ?? '/api/health';
  const healthIntervalMs = options.healthIntervalMs ?? 1000;
  const healthTimeoutMs = options.healthTimeoutMs ?? 2000;
  const cookieName = options.cookieName ?? 'wangge_node';
  if (options.upstreams.length === 0) throw new Error('no upstreams');
  const nodes: Upstream[] = options.upstreams.map((raw, i) => {
    const url = new URL(raw);
    if (url.protocol !== 'http:') throw new Error(`only http:// upstreams: ${raw}`);
    return {
      name: `node${i + 1}`,
      url: url.origin,
      host: url.hostname,
      port: Number(url.port || 80),
      agent: new http.Agent({ keepAlive: true, maxFreeSockets: 64 }),
      healthy: false,
      failures: 0,
      checking: false,
    };
  });
  const byName = new Map(nodes.map((n) => [n.name, n]));
  /** Engine.IO session id → the node holding it. */
  const sessions = new Map<string, { node: Upstream; seen: number }>();
  let next = 0;

  function setHealth(node: Upstream, healthy: boolean, reason?: string) {
    if (reason) node.lastError = reason;
    if (node.healthy === healthy) return;
    node.healthy = healthy;
    log(`${node.name} ${node.url} is ${healthy ? 'UP' : `DOWN (${reason ?? 'health check failed'})`}`);
    if (!healthy) for (const [sid, s] of sessions) if (s.node === node) sessions.delete(sid);
  }

  /** A failure seen while proxying: a refused connection means the node is not there. */
  function passiveFailure(node: Upstream, error: NodeJS.ErrnoException) {
    if (error.code === 'ECONNREFUSED' || error.code === 'EHOSTUNREACH' || error.code === 'ETIMEDOUT') {
      node.failures = Math.max(node.failures, 2);
      setHealth(node, false, error.code);
    }
  }

  /** Round-robin over healthy nodes not tried yet; over any untried node when none is healthy. */
  function pick(tried: Set<Upstream>): Upstream | undefined {
    const untried = nodes.filter((n) => !tried.has(n));
    const pool = untried.some((n) => n.healthy) ? untried.filter((n) => n.healthy) : untried;
    if (pool.length === 0) return undefined;
    next = (next + 1) % 1_000_000;
    return pool[next % pool.length];
  }

  /** The node a Socket.IO request must reach, if any. */
  function stickyNode(req: IncomingMessage): Upstream | undefined {
    const url = req.url ?? '/';
    if (!url.startsWith(SOCKET_IO_PATH)) return undefined;
    const sid = new URL(url, 'http://x').searchParams.get('sid');
    if (sid) {
      const session = sessions.get(sid);
      if (session) {
        session.seen = Date.now();
        return session.node;
      }
      return undefined;
    }
    const named = cookieValue(req.headers.cookie, cookieName);
    const node = named ? byName.get(named) : undefined;
    return node?.healthy ? node : undefined;
  }

  function isPollingHandshake(req: IncomingMessage): boolean {
    const url = req.url ?? '/';
    if (req.method !== 'GET' || !url.startsWith(SOCKET_IO_PATH)) return false;
    const query = new URL(url, 'http://x').searchParams;
    return query.get('transport') === 'polling' && !query.has('sid');
  }

  function forwardHeaders(req: IncomingMessage): http.OutgoingHttpHeaders {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(key) && value !== undefined) headers[key] = value;
    }
    const remote = req.socket.remoteAddress ?? '';
    const prior = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior ? `${prior}, ${remote}` : remote;
    headers['x-forwarded-proto'] ??= 'http';
    if (req.headers.host) headers['x-forwarded-host'] ??= req.headers.host;
    return headers;
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse) {
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    const retryable = (req.method === 'GET' || req.method === 'HEAD') && !hasBody;
    const handshake = isPollingHandshake(req);
    const tried = new Set<Upstream>();
    let clientGone = false;
    let current: http.ClientRequest | undefined;
    res.on('close', () => {
      if (!res.writableFinished) {
        clientGone = true;
        current?.destroy();
      }
    });

    const attempt = (node: Upstream) => {
      tried.add(node);
      let answered = false;
      const upstream = http.request({
        host: node.host,
        port: node.port,
        method: req.method,
        path: req.url,
        headers: forwardHeaders(req),
        agent: node.agent,
      });
      current = upstream;
      upstream.on('response', (upRes) => {
        answered = true;
        const headers = responseHeaders(upRes.headers);
        headers['x-upstream-node'] = node.name;
        if (handshake && upRes.statusCode === 200) {
          const cookie = `${cookieName}=${node.name}; Path=/; HttpOnly; SameSite=Lax`;
          const prior = headers['set-cookie'];
          headers['set-cookie'] = prior
            ? [...(Array.isArray(prior) ? prior : [String(prior)]), cookie]
            : [cookie];
          if (!upRes.headers['content-encoding']) rememberSession(upRes, node);
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, headers);
        upRes.pipe(res);
        upRes.on('error', () => res.destroy());
        upRes.on('aborted', () => res.destroy());
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (clientGone) return;
        if (answered || res.headersSent) {
          res.destroy();
          return;
        }
        passiveFailure(node, error);
        const other = retryable ? pick(tried) : undefined;
        if (other) {
          log(
            `${req.method} ${req.url} failed on ${node.name} (${error.code ?? error.message}); retrying on ${other.name}`,
          );
          attempt(other);
          return;
        }
        sendJsonError(
          res,
          502,
          'BAD_GATEWAY',
          `API node ${node.name} did not answer (${error.code ?? error.message})`,
        );
      });
      if (retryable) upstream.end();
      else req.pipe(upstream);
    };

    const first = stickyNode(req) ?? pick(tried);
    if (!first) {
      sendJsonError(res, 503, 'SERVICE_UNAVAILABLE', 'No API node is available');
      return;
    }
    attempt(first);
  }

  /** Reads the Engine.IO handshake (`0{"sid":"…",…}`) as it streams past, to pin its session. */
  function rememberSession(upRes: IncomingMessage, node: Upstream) {
    let head = '';
    upRes.on('data', (chunk: Buffer) => {
      if (head.length < 4096) head += chunk.toString('utf8');
    });
    upRes.on('end', () => {
      const sid = /"sid":"([^"]+)"/.exec(head)?.[1];
      if (sid) sessions.set(sid, { node, seen: Date.now() });
    });
  }

  const tunnels = new Set<Duplex>();
  function handleUpgrade(req: IncomingMessage, client: Duplex, head: Buffer) {
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    client.on('error', () => client.destroy());
    const tried = new Set<Upstream>();
    let upstream: Socket | undefined;
    client.on('close', () => upstream?.destroy());

    const attempt = (node: Upstream) => {
      tried.add(node);
      const socket = net.connect(node.port, node.host);
      upstream = socket;
      let connected = false;
      socket.once('connect', () => {
        connected = true;
        if (client.destroyed) {
          socket.destroy();
          return;
        }
        socket.setNoDelay(true);
        if ('setNoDelay' in client && typeof client.setNoDelay === 'function') client.setNoDelay(true);
        socket.write(upgradeRequestHead(req));
        if (head.length > 0) socket.write(head);
        socket.pipe(client);
        client.pipe(socket);
        socket.on('close', () => client.destroy());
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        if (connected) {
          client.destroy();
          return;
        }
        passiveFailure(node, error);
        const other = pick(tried);
        if (other && !client.destroyed) {
          attempt(other);
          return;
        }
        client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      });
    };

    const first = stickyNode(req) ?? pick(tried);
    if (!first) {
      client.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    attempt(first);
  }

  function upgradeRequestHead(req: IncomingMessage): string {
    const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
    const raw = req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) {
      if (raw[i]!.toLowerCase() === 'x-forwarded-for') continue;
      lines.push(`${raw[i]}: ${raw[i + 1]}`);
    }
    const prior = req.headers['x-forwarded-for'];
    const remote = req.socket.remoteAddress ?? '';
    lines.push(`X-Forwarded-For: ${prior ? `${prior}, ${remote}` : remote}`);
    return `${lines.join('\r\n')}\r\n\r\n`;
  }

  function check(node: Upstream): Promise<void> {
    if (node.checking) return Promise.resolve();
    node.checking = true;
    return new Promise<void>((done) => {
      const finish = (ok: boolean, reason?: string, refused = false) => {
        if (!node.checking) return;
        node.checking = false;
        if (ok) {
          node.failures = 0;
          setHealth(node, true);
        } else {
          node.failures++;
          if (refused || node.failures >= 2) setHealth(node, false, reason);
          else node.lastError = reason;
        }
        done();
      };
      const req = http.get(
        { host: node.host, port: node.port, path: healthPath, agent: false, timeout: healthTimeoutMs },
        (res) => {
          res.resume();
          res.on('end', () => finish(res.statusCode === 200, `health ${res.statusCode}`));
          res.on('error', () => finish(false, 'health response aborted'));
        },
      );
      req.on('timeout', () => {
        req.destroy();
        finish(false, `health timed out after ${healthTimeoutMs} ms`);
      });
      req.on('error', (error: NodeJS.ErrnoException) =>
        finish(false, error.code ?? error.message, error.code === 'ECONNREFUSED'),
      );
    });
  }
  const checkAll = () => Promise.all(nodes.map(check)).then(() => undefined);

  await checkAll();
  const healthTimer = setInterval(() => void checkAll(), healthIntervalMs);
  healthTimer.unref();
  const sweepTimer = setInterval(() => {
    const stale = Date.now() - SID_IDLE_MS;
    for (const [sid, s] of sessions) if (s.seen < stale) sessions.delete(sid);
  }, 60_000);
  sweepTimer.unref();

  const server = http.createServer(handleRequest);
  server.on('upgrade', handleUpgrade);
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(options.port, host, () => {
      server.off('error', failed);
      listening();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    url: `http://${host}:${port}`,
    nodes: () =>
      nodes.map((n) => ({
        name: n.name,
        url: n.url,
        healthy: n.healthy,
        ...(n.lastError ? { lastError: n.lastError } : {}),
      })),
    checkNow: checkAll,
    close: () =>
      new Promise<void>((closed) => {
        clearInterval(healthTimer);
        clearInterval(sweepTimer);
        server.close(() => closed());
        server.closeAllConnections();
        for (const t of tunnels) t.destroy();
        for (const n of nodes) n.agent.destroy();
      }),
  };
}

function responseHeaders(headers: IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [key, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(key) && value !== undefined) out[key] = value;
  }
  return out;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sendJsonError(res: ServerResponse, status: number, code: string, message: string) {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

// ---------------------------------------------------------------------------------------------
// CLI

async function cli(argv: string[]) {
  let port = Number(process.env.PORT ?? 3000);
  let host = '127.0.0.1';
  const upstreams: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--port') port = Number(argv[++i]);
    else if (arg.startsWith('--port=')) port = Number(arg.slice(7));
    else if (arg === '--host') host = argv[++i]!;
    else if (arg.startsWith('--host=')) host = arg.slice(7);
    else if (/^https?:\/\//.test(arg)) upstreams.push(arg);
    else throw new Error(`unknown argument ${arg}`);
  }
  if (upstreams.length === 0) {
    throw new Error('usage: node --import tsx scripts/proxy.ts [--port 3000] [--host 127.0.0.1] URL…');
  }
  const proxy = await startProxy({ port, host, upstreams });
  console.log(
    `[proxy] ${proxy.url} → ${proxy
      .nodes()
      .map((n) => `${n.name} ${n.url} (${n.healthy ? 'up' : 'down'})`)
      .join(', ')}`,
  );
  const stop = () => void proxy.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).catch((error) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
