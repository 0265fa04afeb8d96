/**
 * Throwaway PostgreSQL and Redis servers on 127.0.0.1, for tests, benchmarks and the local
 * cluster (scripts/cluster.ts). A library and a CLI:
 *
 *   node --import tsx scripts/services.ts up        # start both, print DATABASE_URL=… REDIS_URL=…
 *   node --import tsx scripts/services.ts env       # print them again (exit 1 when not up)
 *   node --import tsx scripts/services.ts status
 *   node --import tsx scripts/services.ts down      # stop both, remove their files
 *   node --import tsx scripts/services.ts selftest  # start, check, stop (library path)
 *
 * `up` and `down` are idempotent. Their state (pids, ports, data) lives in one directory,
 * `$WANGGE_SERVICES_DIR` or `<tmpdir>/wangge-services-<uid>`; `--state DIR` overrides it.
 *
 * Library servers (`startPostgres()`, `startRedis()`) are children of the calling thread: when it
 * exits normally they are killed and their temp dirs removed; when it dies hard (SIGKILL), Linux
 * sends them a parent-death signal (via util-linux `setpriv --pdeathsig`, when present), so
 * nothing outlives the caller. Not for data you want to keep: fsync is off.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  chownSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunningService {
  /** DATABASE_URL / REDIS_URL form. */
  url: string;
  port: number;
  /** The server's own pid (postmaster / redis-server). */
  pid: number;
  /** Its directory (data, sockets, log). */
  dir: string;
  /** Stops the server (waits for it to exit) and removes `dir` when it was a temp dir. */
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** Root directory (PGDATA is `<dir>/data`). Default: a temp dir, removed at stop. A given dir
   * is kept, and an existing cluster in it is reused. */
  dir?: string;
  /** Default: a free port. */
  port?: number;
  /** Database created (when missing); default `wangge`. */
  database?: string;
  /** ≥ 200 (several API nodes, each with a pool); default 300. */
  maxConnections?: number;
  /** Keep running after this process exits (CLI `up`): detached, no exit hooks. */
  persist?: boolean;
  log?: (line: string) => void;
}

export interface RedisOptions {
  port?: number;
  /** Default: a temp dir (holds nothing: no RDB, no AOF), removed at stop. */
  dir?: string;
  persist?: boolean;
  log?: (line: string) => void;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Finding binaries

/** The first executable called `name` on PATH, or undefined. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      if (statSync(file).isFile()) {
        accessSync(file, constants.X_OK);
        return file;
      }
    } catch {}
  }
  return undefined;
}

function versionDirs(parent: string, prefix: string): string[] {
  try {
    return readdirSync(parent)
      .filter((d) => d.startsWith(prefix) && /\d/.test(d))
      .sort((a, b) => Number.parseFloat(b.slice(prefix.length)) - Number.parseFloat(a.slice(prefix.length)))
      .map((d) => join(parent, d, 'bin'));
  } catch {
    return [];
  }
}

/**
 * The directory holding PostgreSQL's server binaries (initdb, postgres, createdb — one version):
 * `$PG_BINDIR`, else where `initdb` on PATH really lives (Debian links /usr/local/bin or has
 * none on PATH), else the newest /usr/lib/postgresql/<v>/bin or /usr/pgsql-<v>/bin.
 * Undefined when PostgreSQL is not installed.
 */
export function findPostgresBinDir(): string | undefined {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  const onPath = which('initdb');
  if (onPath) candidates.push(dirname(realpathSync(onPath)));
  candidates.push(...versionDirs('/usr/lib/postgresql', ''), ...versionDirs('/usr', 'pgsql-'));
  return candidates.find(has);
}

export function findRedisServer(): string | undefined {
  return process.env.REDIS_SERVER ?? which('redis-server');
}

/** util-linux setpriv (Linux), for the parent-death signal and for dropping root. */
const setpriv = process.platform === 'linux' ? which('setpriv') : undefined;

/**
 * The command line that runs `argv` as user postgres when we are root (PostgreSQL refuses to
 * run as root) and, unless `persist`, with a parent-death signal so it dies with this thread.
 * setpriv execs (no intermediate process), so the pid is the program's own pid.
 */
function wrap(argv: string[], options: { asPostgres: boolean; deathSignal?: string }): string[] {
  const { asPostgres, deathSignal } = options;
  if (setpriv) {
    const prefix = [setpriv];
    if (asPostgres) prefix.push('--reuid=postgres', '--regid=postgres', '--init-groups');
    if (deathSignal) prefix.push(`--pdeathsig=${deathSignal}`);
    return prefix.length > 1 ? [...prefix, '--', ...argv] : argv;
  }
  if (asPostgres) {
    const runuser = which('runuser');
    if (runuser) return [runuser, '-u', 'postgres', '--', ...argv];
    const quoted = argv.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
    return ['su', 'postgres', '-s', '/bin/sh', '-c', `exec ${quoted}`];
  }
  return argv;
}

/**
 * `argv` prefixed so the program gets `signal` when this thread dies, even by SIGKILL
 * (Linux with util-linux setpriv); `tied` says whether that was possible.
 */
export function tiedArgv(argv: string[], signal = 'TERM'): { argv: string[]; tied: boolean } {
  return { argv: wrap(argv, { asPostgres: false, deathSignal: signal }), tied: Boolean(setpriv) };
}

/** Spawns a wrapped command; output to `logFile` (persist) or piped into `log`. */
function spawnServer(
  argv: string[],
  options: { cwd: string; persist?: boolean; logFile: string; log?: (line: string) => void },
): ChildProcess {
  const [cmd, ...args] = argv;
  if (options.persist) {
    const fd = openSync(options.logFile, 'a');
    const child = spawn(cmd!, args, { cwd: options.cwd, detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.unref();
    return child;
  }
  // Tied by a parent-death signal, the server need not share our process group: a terminal's
  // Ctrl-C then reaches only us, and we stop things in order (API nodes before their database).
  const child = spawn(cmd!, args, {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: Boolean(setpriv),
  });
  const fd = openSync(options.logFile, 'a');
  const write = (chunk: Buffer) => {
    try {
      writeFileSync(fd, chunk);
    } catch {}
    if (options.log) for (const line of chunk.toString().split('\n')) if (line.trim()) options.log(line);
  };
  child.stdout!.on('data', write);
  child.stderr!.on('data', write);
  child.once('exit', () => {
    try {
      closeSync(fd);
    } catch {}
  });
  return child;
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------------------------
// Processes

/** Whether `pid` runs (a zombie, exited but not yet reaped, counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S …"; the comm may hold spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** Whether `pid` is alive and its command line mentions `name` (guards against pid reuse). */
export function isProcess(pid: number, name: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name);
  } catch {
    return process.platform !== 'linux'; // no /proc: trust the pid
  }
}

/** Sends `signal`, waits up to `ms` for the process to go, then SIGKILL. */
export async function terminate(pid: number, signal: NodeJS.Signals, ms = 15_000): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const until = Date.now() + ms;
  while (isAlive(pid) && Date.now() < until) await sleep(50);
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
    while (isAlive(pid)) await sleep(20);
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolveUse) => {
    const socket = netConnect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolveUse(true);
    });
    socket.once('error', () => resolveUse(false));
  });
}

/** Hooks that kill library-started servers when this process exits normally. */
const exitHooks = new Set<() => void>();
let exitHookInstalled = false;
function onExit(hook: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const h of exitHooks) {
        try {
          h();
        } catch {}
      }
    });
  }
  exitHooks.add(hook);
  return () => exitHooks.delete(hook);
}

/** Prefix of the temp dirs made here (stale ones of dead owners are swept at the next start). */
const TEMP_PREFIX = 'wangge-svc-';

function makeTempDir(kind: string): string {
  sweepStaleTempDirs();
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${kind}-`));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  return dir;
}

/** Removes temp dirs left by a process that died hard, once neither it nor its server lives. */
function sweepStaleTempDirs() {
  let names: string[];
  try {
    names = readdirSync(tmpdir()).filter((n) => n.startsWith(TEMP_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(tmpdir(), name);
    try {
      const owner = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'));
      if (!owner || isAlive(owner)) continue;
      const serverPid = Number(readFileSync(join(dir, 'server.pid'), 'utf8').trim());
      if (serverPid && isAlive(serverPid)) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {}
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

function runPg(bin: string, args: string[], options: { asPostgres: boolean; cwd: string }) {
  const argv = wrap([bin, ...args], { asPostgres: options.asPostgres });
  const result = spawnSync(argv[0]!, argv.slice(1), { cwd: options.cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${[bin, ...args].join(' ')} failed:\n${result.stderr || result.stdout || result.error}`);
  }
  return result.stdout;
}

/** The postmaster's pid and status from postmaster.pid (line 1 and 8: "ready" once it is). */
function postmasterStatus(pgdata: string): { pid: number; ready: boolean } | undefined {
  try {
    const lines = readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), ready: lines[7]?.trim() === 'ready' };
  } catch {
    return undefined;
  }
}

/**
 * Starts a PostgreSQL server on 127.0.0.1 (initdb first when the dir holds no cluster): trust
 * auth, unix sockets in the dir, fsync off, max_connections ≥ 200. Creates the database and
 * returns `postgresql://postgres@127.0.0.1:PORT/<database>`.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<RunningService> {
  const bindir = findPostgresBinDir();
  if (!bindir) {
    throw new Error(
      'PostgreSQL is not installed (no initdb): apt-get install -y postgresql, or set PG_BINDIR.',
    );
  }
  const database = options.database ?? 'wangge';
  const temp = !options.dir;
  const dir = options.dir ? resolve(options.dir) : makeTempDir('pg');
  mkdirSync(dir, { recursive: true });
  const pgdata = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const asPostgres = isRoot;
  const pgUser = asPostgres ? userIds('postgres') : undefined;
  if (pgUser) chownSync(dir, pgUser.uid, pgUser.gid);
  const cleanupOnFailure = () => {
    if (temp) rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (!existsSync(join(pgdata, 'PG_VERSION'))) {
      runPg(
        join(bindir, 'initdb'),
        ['-D', pgdata, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
        { asPostgres, cwd: dir },
      );
    }
  } catch (error) {
    cleanupOnFailure();
    throw error;
  }
  const existing = postmasterStatus(pgdata);
  if (existing && isAlive(existing.pid)) {
    cleanupOnFailure();
    throw new Error(`a postgres (pid ${existing.pid}) already runs on ${pgdata}`);
  }
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const argv = wrap(
      [
        join(bindir, 'postgres'),
        '-D',
        pgdata,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `port=${port}`,
        '-c',
        `unix_socket_directories=${dir}`,
        '-c',
        `max_connections=${Math.max(200, options.maxConnections ?? 300)}`,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'logging_collector=off',
      ],
      // SIGINT = fast shutdown: disconnect clients, roll back, exit.
      { asPostgres, ...(options.persist ? {} : { deathSignal: 'INT' }) },
    );
    const child = spawnServer(argv, { cwd: dir, persist: options.persist, logFile, log: options.log });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const until = Date.now() + 60_000;
    let status = postmasterStatus(pgdata);
    while (!exited && !status?.ready && Date.now() < until) {
      await sleep(50);
      status = postmasterStatus(pgdata);
    }
    if (!status?.ready || exited) {
      if (!exited && child.pid) await terminate(child.pid, 'SIGQUIT', 5000);
      const log = tail(logFile);
      if (!options.port && attempt < 3 && /could not (bind|create listen)/i.test(log)) continue;
      cleanupOnFailure();
      throw new Error(`postgres did not start (port ${port}):\n${log}`);
    }
    const pid = status.pid;
    writeFileSync(join(dir, 'server.pid'), String(pid));
    const url = `postgresql://postgres@127.0.0.1:${port}/${database}`;
    try {
      createDatabase(bindir, port, database);
    } catch (error) {
      await terminate(pid, 'SIGQUIT', 5000);
      cleanupOnFailure();
      throw error;
    }
    let stopped = false;
    const removeHook = options.persist
      ? () => {}
      : onExit(() => {
          // Immediate shutdown; synchronous (we are exiting).
          try {
            process.kill(pid, 'SIGQUIT');
          } catch {}
          if (temp) {
            for (let i = 0; i < 100 && isAlive(pid); i++) spawnSync('sleep', ['0.02']);
            rmSync(dir, { recursive: true, force: true });
          }
        });
    return {
      url,
      port,
      pid,
      dir,
      async stop() {
        if (stopped) return;
        stopped = true;
        removeHook();
        await terminate(pid, 'SIGINT', 20_000);
        if (temp) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

function createDatabase(bindir: string, port: number, database: string) {
  const createdb = join(bindir, 'createdb');
  const result = spawnSync(createdb, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database], {
    encoding: 'utf8',
  });
  if (result.status !== 0 && !/already exists/.test(result.stderr)) {
    throw new Error(`createdb ${database} failed: ${result.stderr || result.error}`);
  }
}

function userIds(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

// ---------------------------------------------------------------------------------------------
// Redis

/** Sends PING, resolves true on +PONG. */
export function redisPing(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolvePing) => {
    const socket = netConnect(port, host);
    let buffer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePing(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      if (buffer.includes('\r\n')) done(buffer.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}

/**
 * Starts redis-server on 127.0.0.1 (no persistence, foreground child) and waits until it
 * answers PING. Returns `redis://127.0.0.1:PORT`.
 */
export async function startRedis(options: RedisOptions = {}): Promise<RunningService> {
  const bin = findRedisServer();
  if (!bin) throw new Error('redis-server is not installed: apt-get install -y redis-server');
  const temp = !options.dir;
  const dir = options.dir ? resolve(options.dir) : makeTempDir('redis');
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'redis.log');
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const argv = wrap(
      [
        bin,
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--dir',
        dir,
      ],
      { asPostgres: false, ...(options.persist ? {} : { deathSignal: 'TERM' }) },
    );
    const child = spawnServer(argv, { cwd: dir, persist: options.persist, logFile, log: options.log });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    const until = Date.now() + 20_000;
    let ok = false;
    while (!exited && Date.now() < until) {
      if (await redisPing(port)) {
        ok = true;
        break;
      }
      await sleep(50);
    }
    // The PONG may come from someone else's server on a port taken meanwhile: check it is ours.
    if (ok && exited) ok = false;
    if (!ok) {
      if (!exited && child.pid) await terminate(child.pid, 'SIGKILL', 1000);
      const log = tail(logFile);
      if (!options.port && attempt < 3 && /Address already in use|Could not create server/i.test(log))
        continue;
      if (temp) rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start (port ${port}):\n${log}`);
    }
    const pid = child.pid!;
    writeFileSync(join(dir, 'server.pid'), String(pid));
    let stopped = false;
    const removeHook = options.persist
      ? () => {}
      : onExit(() => {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {}
          if (temp) rmSync(dir, { recursive: true, force: true });
        });
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      pid,
      dir,
      async stop() {
        if (stopped) return;
        stopped = true;
        removeHook();
        await terminate(pid, 'SIGTERM', 10_000);
        if (temp) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// CLI: up / down / env / status / selftest

interface State {
  postgres?: { url: string; port: number; pid: number; dir: string };
  redis?: { url: string; port: number; pid: number; dir: string };
}

function defaultStateDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return process.env.WANGGE_SERVICES_DIR ?? join(tmpdir(), `wangge-services-${uid}`);
}

function readState(stateDir: string): State | undefined {
  try {
    return JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as State;
  } catch {
    return undefined;
  }
}

function envLines(state: State): string[] {
  const lines: string[] = [];
  if (state.postgres) lines.push(`DATABASE_URL=${state.postgres.url}`);
  if (state.redis) lines.push(`REDIS_URL=${state.redis.url}`);
  return lines;
}

async function stateIsLive(state: State): Promise<boolean> {
  const pgOk = !state.postgres || isProcess(state.postgres.pid, 'postgres');
  const redisOk =
    !state.redis || (isProcess(state.redis.pid, 'redis') && (await redisPing(state.redis.port)));
  return pgOk && redisOk;
}

async function down(stateDir: string, quiet = false): Promise<void> {
  const state = readState(stateDir);
  if (state?.postgres && isProcess(state.postgres.pid, 'postgres')) {
    await terminate(state.postgres.pid, 'SIGINT', 20_000);
    if (!quiet) console.error(`stopped postgres (pid ${state.postgres.pid})`);
  }
  if (state?.redis && isProcess(state.redis.pid, 'redis')) {
    await terminate(state.redis.pid, 'SIGTERM', 10_000);
    if (!quiet) console.error(`stopped redis-server (pid ${state.redis.pid})`);
  }
  if (existsSync(stateDir)) {
    rmSync(stateDir, { recursive: true, force: true });
    if (!quiet) console.error(`removed ${stateDir}`);
  } else if (!quiet) {
    console.error('nothing to stop');
  }
}

async function up(stateDir: string, flags: Flags): Promise<void> {
  const previous = readState(stateDir);
  if (previous && (await stateIsLive(previous))) {
    console.error(`already up (state in ${stateDir})`);
    for (const line of envLines(previous)) console.log(line);
    return;
  }
  if (previous || existsSync(stateDir)) await down(stateDir, true);
  mkdirSync(stateDir, { recursive: true, mode: 0o755 });
  const state: State = {};
  const save = () => {
    writeFileSync(join(stateDir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
    writeFileSync(join(stateDir, 'env'), `${envLines(state).join('\n')}\n`);
  };
  try {
    if (!flags.noPostgres) {
      const pg = await startPostgres({
        dir: join(stateDir, 'postgres'),
        persist: true,
        ...(flags.pgPort ? { port: flags.pgPort } : {}),
      });
      state.postgres = { url: pg.url, port: pg.port, pid: pg.pid, dir: pg.dir };
      save();
    }
    if (!flags.noRedis) {
      const redis = await startRedis({
        dir: join(stateDir, 'redis'),
        persist: true,
        ...(flags.redisPort ? { port: flags.redisPort } : {}),
      });
      state.redis = { url: redis.url, port: redis.port, pid: redis.pid, dir: redis.dir };
    }
    save();
  } catch (error) {
    await down(stateDir, true);
    throw error;
  }
  console.error(`up: state in ${stateDir} (env file: ${join(stateDir, 'env')}); stop with: services.ts down`);
  for (const line of envLines(state)) console.log(line);
}

async function selftest(): Promise<void> {
  const t0 = Date.now();
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  console.error(
    `started in ${Date.now() - t0} ms: ${pg.url} (pid ${pg.pid}), ${redis.url} (pid ${redis.pid})`,
  );
  const bindir = findPostgresBinDir()!;
  const psql = spawnSync(
    join(bindir, 'psql'),
    [pg.url, '-Atc', "select current_database(), setting from pg_settings where name = 'max_connections'"],
    { encoding: 'utf8' },
  );
  const pingOk = await redisPing(redis.port);
  console.error(
    `psql: ${psql.stdout.trim() || psql.stderr.trim()}; redis PING: ${pingOk ? 'PONG' : 'no answer'}`,
  );
  await Promise.all([pg.stop(), redis.stop()]);
  const leftovers = [pg.dir, redis.dir].filter((d) => existsSync(d));
  const alive = [pg.pid, redis.pid].filter(isAlive);
  const ok = psql.status === 0 && /^wangge\|\d+$/.test(psql.stdout.trim()) && pingOk;
  if (!ok || leftovers.length || alive.length) {
    throw new Error(`selftest failed: ok=${ok} leftover dirs=${leftovers} alive pids=${alive}`);
  }
  console.error(`selftest passed (${Date.now() - t0} ms): both answered, both stopped, temp dirs removed`);
}

interface Flags {
  stateDir: string;
  pgPort?: number;
  redisPort?: number;
  noPostgres?: boolean;
  noRedis?: boolean;
}

function parseFlags(args: string[]): Flags {
  const flags: Flags = { stateDir: defaultStateDir() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (!v) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg.startsWith('--state')) flags.stateDir = resolve(value());
    else if (arg.startsWith('--pg-port')) flags.pgPort = Number(value());
    else if (arg.startsWith('--redis-port')) flags.redisPort = Number(value());
    else if (arg === '--no-postgres') flags.noPostgres = true;
    else if (arg === '--no-redis') flags.noRedis = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return flags;
}

async function cli(argv: string[]) {
  const [command, ...rest] = argv;
  const flags = parseFlags(rest);
  switch (command) {
    case 'up':
      return up(flags.stateDir, flags);
    case 'down':
      return down(flags.stateDir);
    case 'env': {
      const state = readState(flags.stateDir);
      if (!state || !(await stateIsLive(state))) {
        console.error('not up');
        process.exitCode = 1;
        return;
      }
      for (const line of envLines(state)) console.log(line);
      return;
    }
    case 'status': {
      const state = readState(flags.stateDir);
      if (!state) {
        console.log('down');
        return;
      }
      const pg = state.postgres;
      const redis = state.redis;
      if (pg)
        console.log(`postgres ${isProcess(pg.pid, 'postgres') ? 'up' : 'DEAD'} pid ${pg.pid} ${pg.url}`);
      if (redis) {
        const alive = isProcess(redis.pid, 'redis') && (await redisPing(redis.port));
        console.log(`redis    ${alive ? 'up' : 'DEAD'} pid ${redis.pid} ${redis.url}`);
      }
      return;
    }
    case 'selftest':
      return selftest();
    default:
      console.error(
        'usage: node --import tsx scripts/services.ts up|down|env|status|selftest ' +
          '[--state DIR] [--pg-port N] [--redis-port N] [--no-postgres] [--no-redis]',
      );
      process.exitCode = 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).catch((error) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
