/**
 * One command for a local cluster: PostgreSQL + Redis, the web client built once, two API nodes
 * on ports 3101 and 3102, and nginx on port 3000 in front of them (scripts/nginx/wangge.conf, run by
 * scripts/nginx/nginx.ts; Debian's package: apt-get install -y nginx).
 *
 *   npx -y pnpm@10.34.8 cluster                  # PostgreSQL (throwaway) + Redis + 2 nodes + nginx
 *   npx -y pnpm@10.34.8 cluster --sqlite         # the nodes share one SQLite file (data/cluster/)
 *   npx -y pnpm@10.34.8 cluster --sqlite --fresh # … in a temp dir, seeded anew, removed at exit
 *
 * Options: --nodes N (2), --port N (nginx; $PORT or 3000), --base-port N (3101), --host H
 * (nginx's listen address, 127.0.0.1), --data-dir DIR, --fresh, --no-build, --no-redis.
 * DATABASE_URL / REDIS_URL in the environment are used instead of starting servers. Without
 * PostgreSQL binaries the cluster falls back to SQLite. Ctrl-C stops everything.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findNginx, startNginx } from './nginx/nginx';
import {
  findPostgresBinDir,
  findRedisServer,
  portInUse,
  type RunningService,
  startPostgres,
  startRedis,
  terminate,
  tiedArgv,
} from './services';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.log(`[cluster] ${line}`);

interface Args {
  sqlite: boolean;
  nodes: number;
  port: number;
  host: string;
  basePort: number;
  dataDir?: string;
  fresh: boolean;
  build: boolean;
  redis: boolean;
}

const USAGE = `usage: node --import tsx scripts/cluster.ts [--sqlite] [--nodes N] [--port N] [--base-port N]
       [--host H] [--data-dir DIR] [--fresh] [--no-build] [--no-redis]`;

function parseArgs(argv: string[]): Args {
  const args: Args = {
    sqlite: false,
    nodes: 2,
    port: Number(process.env.PORT ?? 3000),
    host: '127.0.0.1',
    basePort: 3101,
    fresh: false,
    build: true,
    redis: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    const int = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag}: not a port or count`);
      return n;
    };
    switch (flag) {
      case '--sqlite':
        args.sqlite = true;
        break;
      case '--nodes':
        args.nodes = Math.max(1, int());
        break;
      case '--port':
        args.port = int();
        break;
      case '--base-port':
        args.basePort = int();
        break;
      case '--host':
        args.host = value();
        break;
      case '--data-dir':
        args.dataDir = resolve(value());
        break;
      case '--fresh':
        args.fresh = true;
        break;
      case '--no-build':
        args.build = false;
        break;
      case '--no-redis':
        args.redis = false;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return args;
}

/** The pnpm running us (`pnpm cluster`), else the README's `npx -y pnpm@10.34.8`. */
function pnpmCommand(): string[] {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath) && existsSync(execPath)) {
    return /\.[cm]?js$/.test(execPath) ? [process.execPath, execPath] : [execPath];
  }
  return ['npx', '-y', 'pnpm@10.34.8'];
}

/** Pipes a child's output line by line with a prefix. */
function prefixOutput(child: ChildProcess, prefix: string) {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) console.log(`${prefix} ${line}`);
    });
    stream?.on('end', () => {
      if (rest) console.log(`${prefix} ${rest}`);
    });
  }
}

function run(argv: string[], prefix: string): Promise<void> {
  return new Promise((done, failed) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    prefixOutput(child, prefix);
    child.once('error', failed);
    child.once('exit', (code, signal) =>
      code === 0 ? done() : failed(new Error(`${argv.join(' ')} exited with ${signal ?? code}`)),
    );
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

interface ApiNode {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  exited: boolean;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const cleanups: { name: string; run: () => Promise<void> }[] = [];
  const nodes: ApiNode[] = [];
  let stopping = false;
  let ready = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    for (const step of cleanups.reverse()) {
      try {
        await step.run();
      } catch (error) {
        log(`stopping ${step.name}: ${(error as Error).message}`);
      }
    }
    log('stopped');
    process.exit(code);
  };
  const force = () => {
    log('forced stop');
    for (const node of nodes) if (!node.exited && node.child.pid) process.kill(node.child.pid, 'SIGKILL');
    process.exit(130);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => (stopping ? force() : void shutdown(0)));
  }

  try {
    // Ports first: fail before starting anything.
    const nodePorts = Array.from({ length: args.nodes }, (_, i) => args.basePort + i);
    for (const port of [args.port, ...nodePorts]) {
      if (await portInUse(port)) {
        throw new Error(`port ${port} is in use (another cluster, or pnpm start?); see --port / --base-port`);
      }
    }

    const nginxBin = findNginx();
    if (!nginxBin) {
      throw new Error(
        'nginx is not installed (it runs in front of the nodes): apt-get install -y nginx, or set NGINX=/path/to/nginx',
      );
    }

    // Database.
    let databaseUrl = process.env.DATABASE_URL;
    let dataDir = args.dataDir ?? process.env.DATA_DIR;
    let mode: 'sqlite' | 'postgresql';
    const tempDataDir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'wangge-cluster-'));
      cleanups.push({ name: 'data dir', run: async () => rmSync(dir, { recursive: true, force: true }) });
      return dir;
    };
    if (args.sqlite || databaseUrl?.startsWith('file:')) {
      mode = 'sqlite';
      if (args.fresh) dataDir = tempDataDir();
      dataDir ??= join(ROOT, 'data', 'cluster');
      if (!databaseUrl?.startsWith('file:')) databaseUrl = `file:${join(dataDir, 'wangge.db')}`;
    } else if (databaseUrl) {
      mode = 'postgresql';
      if (args.fresh) dataDir = tempDataDir();
      dataDir ??= join(ROOT, 'data', 'cluster');
    } else if (findPostgresBinDir()) {
      mode = 'postgresql';
      log('starting PostgreSQL (throwaway, removed at exit)…');
      const pg = await startPostgres();
      cleanups.push({ name: 'postgres', run: () => pg.stop() });
      databaseUrl = pg.url;
      // Attachments belong with the throwaway database.
      dataDir ??= tempDataDir();
    } else {
      mode = 'sqlite';
      log('PostgreSQL is not installed (no initdb): falling back to one shared SQLite file');
      if (args.fresh) dataDir = tempDataDir();
      dataDir ??= join(ROOT, 'data', 'cluster');
      databaseUrl = `file:${join(dataDir, 'wangge.db')}`;
    }
    mkdirSync(dataDir, { recursive: true });

    // Redis (the Socket.IO adapter that joins the nodes' broadcasts).
    let redisUrl = args.redis ? process.env.REDIS_URL : undefined;
    if (args.redis && !redisUrl) {
      if (findRedisServer()) {
        const redis: RunningService = await startRedis();
        cleanups.push({ name: 'redis', run: () => redis.stop() });
        redisUrl = redis.url;
      } else {
        log('redis-server is not installed: no REDIS_URL, live events stay on the node that committed them');
      }
    }

    // The web client, once for all nodes.
    if (args.build) {
      log('building the web client…');
      await run([...pnpmCommand(), '--filter', '@wangge/client', 'build'], '[build]');
    } else if (!existsSync(join(ROOT, 'client', 'dist', 'index.html'))) {
      log('no client/dist: the nodes serve the API only (drop --no-build to build the client)');
    }

    // API nodes: the first alone (it migrates and may seed an empty database), then the others.
    const baseEnv: NodeJS.ProcessEnv = {
      ...process.env,
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      SEED_DEMO: process.env.SEED_DEMO ?? 'true',
      // nginx on loopback sets X-Forwarded-For/-Proto: req.ip is the client's address.
      TRUST_PROXY: process.env.TRUST_PROXY ?? 'loopback',
    };
    delete baseEnv.REDIS_URL;
    if (redisUrl) baseEnv.REDIS_URL = redisUrl;
    cleanups.push({
      name: 'API nodes',
      run: async () => {
        await Promise.all(
          nodes.map(async (node) => {
            if (!node.exited && node.child.pid) await terminate(node.child.pid, 'SIGTERM', 10_000);
          }),
        );
      },
    });
    const startNode = async (index: number): Promise<ApiNode> => {
      const name = `node${index + 1}`;
      const port = nodePorts[index]!;
      const { argv, tied } = tiedArgv([process.execPath, '--import', 'tsx', 'api/src/main.ts'], 'TERM');
      const child = spawn(argv[0]!, argv.slice(1), {
        cwd: ROOT,
        env: { ...baseEnv, PORT: String(port), NODE_NAME: name },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Tied to us, the nodes need not see the terminal's Ctrl-C: we stop them in order.
        detached: tied,
      });
      const node: ApiNode = { name, port, url: `http://127.0.0.1:${port}`, child, exited: false };
      nodes.push(node);
      prefixOutput(child, `[${name}]`);
      child.once('exit', (code, signal) => {
        node.exited = true;
        if (stopping) return;
        const after = ready ? '; nginx passes its requests to the other nodes' : '';
        log(`${name} (pid ${child.pid}) exited with ${signal ?? code}${after}`);
      });
      const until = Date.now() + 300_000;
      while (!(await healthy(node.url))) {
        if (node.exited)
          throw new Error(`${name} exited before answering /api/health (see its output above)`);
        if (Date.now() > until) throw new Error(`${name} did not answer /api/health within 300 s`);
        await sleep(300);
      }
      log(`${name} up: ${node.url} (pid ${child.pid})`);
      return node;
    };
    log(`starting node1 (migrates the database; seeds it when empty, ~30 s the first time)…`);
    await startNode(0).catch((error: Error) => {
      if (mode === 'postgresql') {
        throw new Error(
          `${error.message}\nIf this build of the API does not run on PostgreSQL yet, try --sqlite.`,
        );
      }
      throw error;
    });
    await Promise.all(nodePorts.slice(1).map((_, i) => startNode(i + 1)));

    // nginx in front of the nodes (scripts/nginx/wangge.conf rendered into a temp dir).
    const proxy = await startNginx({
      port: args.port,
      host: args.host,
      nodes: nodes.map((n) => ({ name: n.name, port: n.port })),
      log: (line) => console.log(`[nginx] ${line}`),
    });
    cleanups.push({ name: 'nginx', run: () => proxy.stop() });
    proxy.child.once('exit', (code, signal) => {
      if (!stopping)
        log(`nginx (pid ${proxy.pid}) exited with ${signal ?? code}; see ${proxy.dir}/error.log`);
    });

    const password = process.env.DEMO_PASSWORD ?? 'demo1234';
    const lines = [
      '',
      `cluster ready: ${proxy.url}  (${mode}, ${nodes.length} API nodes, ${redisUrl ? 'Redis' : 'no Redis'})`,
      ...nodes.map((n) => `  ${n.name}  ${n.url}  pid ${n.child.pid}`),
      `  nginx ${nginxBin} pid ${proxy.pid}, config and logs in ${proxy.dir}`,
      `  DATABASE_URL=${databaseUrl}`,
      `  DATA_DIR=${dataDir}`,
      ...(redisUrl ? [`  REDIS_URL=${redisUrl}`] : []),
      ...(baseEnv.SEED_DEMO === 'true'
        ? [
            `  sign in at ${proxy.url} as gridworker, village.operator, township.dispatcher,`,
            `  dept.chengguan, command.city or admin — password ${password}`,
          ]
        : []),
      '  Ctrl-C stops everything. Try failover: kill one node pid; requests keep being served.',
      '',
    ];
    for (const line of lines) log(line);
    ready = true;
  } catch (error) {
    log(`failed: ${(error as Error).message}`);
    await shutdown(1);
  }
}

void main();
