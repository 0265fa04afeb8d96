/**
 * Runs Debian's nginx with the committed config (scripts/nginx/wangge.conf) in front of local
 * API nodes, for `pnpm cluster` (scripts/cluster.ts). A library and a small CLI:
 *
 *   node --import tsx scripts/nginx/nginx.ts --test               # render + `nginx -t`
 *   node --import tsx scripts/nginx/nginx.ts [--port 3000] 3101 3102  # run in front of those ports
 *
 * The config is rendered into a temp dir (upstream servers and the listen address replaced,
 * wrapped in a minimal nginx.conf with logs, pid and temp paths in that dir) and nginx runs as
 * a non-daemon child: `nginx -p <dir> -c <dir>/nginx.conf -g 'daemon off; pid <dir>/nginx.pid;'`,
 * tied to this process (parent-death signal), stopped by `stop()`. Listens on loopback by
 * default. Every response carries `X-Upstream-Node: nodeN` (added by the local wrapper only,
 * not by wangge.conf).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive, portInUse, terminate, tiedArgv, which } from '../services';

export const NGINX_CONF = fileURLToPath(new URL('./wangge.conf', import.meta.url));
const INSTALL_HINT = 'apt-get install -y nginx (Debian), or set NGINX=/path/to/nginx';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The nginx binary: `$NGINX`, /usr/sbin/nginx (Debian), or nginx on PATH. */
export function findNginx(): string | undefined {
  if (process.env.NGINX) return existsSync(process.env.NGINX) ? process.env.NGINX : undefined;
  if (existsSync('/usr/sbin/nginx')) return '/usr/sbin/nginx';
  return which('nginx');
}

export interface NginxNode {
  /** node1, node2, … (the X-Upstream-Node header). */
  name: string;
  port: number;
  host?: string;
}

export interface NginxOptions {
  port: number;
  host?: string;
  nodes: NginxNode[];
  log?: (line: string) => void;
}

export interface RunningNginx {
  url: string;
  pid: number;
  dir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * wangge.conf with its upstream `server` lines replaced by one per node (same parameters) and
 * the plain-HTTP server's `listen` by `host:port`. Commented lines (the TLS block) stay.
 */
export function renderSiteConf(template: string, options: Omit<NginxOptions, 'log'>): string {
  const host = options.host ?? '127.0.0.1';
  const out: string[] = [];
  let inUpstream = false;
  let serversWritten = false;
  let listenDone = false;
  for (const line of template.split('\n')) {
    if (/^\s*upstream\s+\S+\s*\{/.test(line)) {
      inUpstream = true;
      serversWritten = false;
    } else if (inUpstream && /^\s*\}/.test(line)) {
      inUpstream = false;
    }
    const server = inUpstream ? /^(\s*)server\s+\S+(.*)$/.exec(line) : null;
    if (server) {
      if (!serversWritten) {
        for (const node of options.nodes) {
          out.push(`${server[1]}server ${node.host ?? '127.0.0.1'}:${node.port}${server[2]}`);
        }
        serversWritten = true;
      }
      continue;
    }
    const listen = !listenDone && /^(\s*)listen\s+[^;]+;/.exec(line);
    if (listen) {
      out.push(`${listen[1]}listen ${host.includes(':') ? `[${host}]` : host}:${options.port};`);
      listenDone = true;
      continue;
    }
    out.push(line);
  }
  if (!listenDone) throw new Error(`${NGINX_CONF}: no listen directive`);
  return out.join('\n');
}

/** The main nginx.conf around the site config: everything nginx writes stays in `dir`. */
export function renderMainConf(dir: string, nodes: NginxNode[]): string {
  const quoteRegex = (s: string) => s.replace(/[.\\[\]()*+?^$|{}]/g, '\\$&');
  const names = nodes
    .map((n) => `        "~(^|[ ,])${quoteRegex(n.host ?? '127.0.0.1')}:${n.port}$" ${n.name};`)
    .join('\n');
  return `# Rendered by scripts/nginx/nginx.ts for the local cluster; do not edit.
worker_processes 1;
worker_shutdown_timeout 5s;
error_log ${dir}/error.log warn;
events {
    worker_connections 1024;
}
http {
    log_format wangge '$remote_addr "$request" $status $body_bytes_sent $request_time '
                      'upstream=$upstream_addr/$upstream_status';
    access_log ${dir}/access.log wangge;
    client_body_temp_path ${dir}/tmp/body;
    proxy_temp_path ${dir}/tmp/proxy;
    fastcgi_temp_path ${dir}/tmp/fastcgi;
    uwsgi_temp_path ${dir}/tmp/uwsgi;
    scgi_temp_path ${dir}/tmp/scgi;
    server_tokens off;

    # Which node answered (the last address of $upstream_addr, after any retries): local only.
    map $upstream_addr $wangge_upstream_node {
        default "";
${names}
    }
    add_header X-Upstream-Node $wangge_upstream_node always;

    include ${dir}/wangge.conf;
}
`;
}

function renderInto(dir: string, options: NginxOptions): string {
  mkdirSync(join(dir, 'tmp'), { mode: 0o755 });
  writeFileSync(join(dir, 'wangge.conf'), renderSiteConf(readFileSync(NGINX_CONF, 'utf8'), options));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, renderMainConf(dir, options.nodes));
  return conf;
}

function nginxArgs(dir: string, conf: string): string[] {
  return ['-p', dir, '-e', join(dir, 'error.log'), '-c', conf, '-g', `daemon off; pid ${dir}/nginx.pid;`];
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no error.log)';
  }
}

/** Renders the config and runs `nginx -t` on it; throws with nginx's message when it fails. */
export function testConfig(options: Omit<NginxOptions, 'log'>): string {
  const bin = findNginx();
  if (!bin) throw new Error(`nginx is not installed: ${INSTALL_HINT}`);
  const dir = mkdtempSync(join(tmpdir(), 'wangge-nginx-'));
  try {
    const conf = renderInto(dir, options);
    const result = spawnSync(bin, ['-t', ...nginxArgs(dir, conf)], { encoding: 'utf8' });
    const output = `${result.stderr}${result.stdout}`.trim();
    if (result.status !== 0) throw new Error(`nginx -t failed:\n${output}`);
    return output;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts nginx in front of `nodes`; resolves once it accepts connections on host:port. */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const bin = findNginx();
  if (!bin) throw new Error(`nginx is not installed: ${INSTALL_HINT}`);
  const host = options.host ?? '127.0.0.1';
  const dir = mkdtempSync(join(tmpdir(), 'wangge-nginx-'));
  // Workers run as `nobody` when we are root: they must reach the temp paths nginx creates here.
  chmodSync(dir, 0o755);
  const conf = renderInto(dir, options);
  const { argv } = tiedArgv([bin, ...nginxArgs(dir, conf)], 'TERM');
  const child = spawn(argv[0]!, argv.slice(1), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) options.log?.(line);
    });
  }
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = String(signal ?? code);
  });
  child.once('error', (error) => {
    exited = error.message;
  });
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const until = Date.now() + 10_000;
  while (!(await portInUse(options.port, host))) {
    if (exited !== undefined || Date.now() > until) {
      const why = exited !== undefined ? `exited with ${exited}` : 'did not listen within 10 s';
      const log = tail(join(dir, 'error.log'));
      if (child.pid && exited === undefined) await terminate(child.pid, 'SIGTERM', 3000);
      remove();
      throw new Error(`nginx ${why}:\n${log}`);
    }
    await sleep(50);
  }
  const pid = child.pid!;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${options.port}`,
    pid,
    dir,
    child,
    stop: async () => {
      // SIGTERM: fast shutdown (open WebSockets are closed, the master waits for its workers).
      if (isAlive(pid)) await terminate(pid, 'SIGTERM', 10_000);
      remove();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

async function cli(argv: string[]) {
  let port = Number(process.env.PORT ?? 3000);
  let host = '127.0.0.1';
  let test = false;
  const ports: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--test') test = true;
    else if (arg === '--port') port = Number(argv[++i]);
    else if (arg === '--host') host = argv[++i]!;
    else if (/^\d+$/.test(arg)) ports.push(Number(arg));
    else throw new Error(`unknown argument ${arg}`);
  }
  if (ports.length === 0) ports.push(3101, 3102);
  const nodes = ports.map((p, i) => ({ name: `node${i + 1}`, port: p }));
  if (test) {
    console.log(testConfig({ port, host, nodes }));
    return;
  }
  const nginx = await startNginx({ port, host, nodes, log: (line) => console.log(`[nginx] ${line}`) });
  console.log(`[nginx] ${nginx.url} → ${ports.join(', ')} (pid ${nginx.pid}, ${nginx.dir}); Ctrl-C stops it`);
  const stop = () => void nginx.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).catch((error) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
