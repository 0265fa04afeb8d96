import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SERVER = fileURLToPath(new URL('../server.ts', import.meta.url));

/** Every child started here and not yet exited, so an interrupted run can stop them all. */
const live = new Set<ChildProcess>();

/** Stops the children this module started (SIGTERM, then SIGKILL after 5 s) and waits for them. */
export async function stopChildren(): Promise<void> {
  await Promise.all(
    [...live].map((child) => {
      child.kill('SIGTERM');
      return waitExit(child, 5_000);
    }),
  );
}

/**
 * Runs `<script> <args>` (default bench/server.ts) under tsx; resolves with its first stdout line
 * parsed as JSON.
 */
function start(
  args: string[],
  nodeFlags: string[],
  env: Record<string, string>,
  timeoutMs: number,
  script = SERVER,
) {
  const name = script === SERVER ? 'bench/server.ts' : script.replace(REPO, '');
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', script, ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const firstLine = new Promise<any>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`${name} ${args[0] ?? ''} timed out`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const nl = buffered.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(buffered.slice(0, nl)));
        } catch (error) {
          reject(error);
        }
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} ${args[0] ?? ''} exited with ${code} before it was ready`));
    });
  });
  return { child, firstLine };
}

/** Seeds a fresh database file in a child process (migrate + seedIfEmpty, like the tests). */
export async function seedDatabase(file: string): Promise<void> {
  const { child, firstLine } = start(['seed', file], [], {}, 180_000);
  await firstLine;
  await waitExit(child, 30_000);
}

/** A child answering {cmd, id, …} messages over IPC with {id, …}. */
export interface RpcChild {
  pid: number;
  /** The child's first stdout line (JSON). */
  ready: any;
  rpc<T = any>(cmd: string, extra?: object, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export interface ApiServer extends RpcChild {
  port: number;
  rpc<T = any>(
    cmd: 'reset' | 'stats' | 'committed' | 'profile-start' | 'profile-stop',
    extra?: object,
    timeoutMs?: number,
  ): Promise<T>;
}

/**
 * The API in a child: `serve` = createApp only (bench/run.ts); `fanout` = createApp + the
 * Socket.IO realtime server (bench/fanout.ts).
 */
export async function startApiServer(
  file: string,
  options: { nodeFlags?: string[]; spans?: boolean; mode?: 'serve' | 'fanout' } = {},
): Promise<ApiServer> {
  const server = await startRpcChild(SERVER, [options.mode ?? 'serve', file], {
    nodeFlags: options.nodeFlags ?? [],
    env: options.spans ? { BENCH_SPANS: '1' } : {},
    timeoutMs: 120_000,
  });
  return { ...server, port: (server.ready as { port: number }).port };
}

/** Starts `script` under tsx, waits for its first stdout line (JSON), and talks to it over IPC. */
export async function startRpcChild(
  script: string,
  args: string[],
  options: { nodeFlags?: string[]; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RpcChild> {
  const { child, firstLine } = start(
    args,
    options.nodeFlags ?? [],
    options.env ?? {},
    options.timeoutMs ?? 60_000,
    script,
  );
  let ready: any;
  try {
    ready = await firstLine;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  let nextId = 1;
  const pending = new Map<number, (value: any) => void>();
  child.on('message', (msg: { id: number }) => {
    pending.get(msg.id)?.(msg);
    pending.delete(msg.id);
  });
  return {
    pid: child.pid!,
    ready,
    rpc(cmd, extra = {}, timeoutMs = 10_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (!child.connected) return reject(new Error(`rpc ${cmd}: child ${child.pid} is gone`));
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`rpc ${cmd} to child ${child.pid} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, (v) => {
          clearTimeout(timer);
          resolve(v);
        });
        child.send({ ...extra, cmd, id });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM'); // graceful: closes the database first
      await waitExit(child, 15_000);
    },
  };
}

async function waitExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
