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

/** Runs `bench/server.ts <args>` under tsx; resolves with its first stdout line parsed as JSON. */
function start(args: string[], nodeFlags: string[], env: Record<string, string>, timeoutMs: number) {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', SERVER, ...args], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const firstLine = new Promise<any>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`bench/server.ts ${args[0]} timed out`)), timeoutMs);
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
      reject(new Error(`bench/server.ts ${args[0]} exited with ${code} before it was ready`));
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

export interface ApiServer {
  port: number;
  pid: number;
  rpc<T = any>(cmd: 'reset' | 'stats' | 'profile-start' | 'profile-stop', extra?: object): Promise<T>;
  stop(): Promise<void>;
}

export async function startApiServer(
  file: string,
  options: { nodeFlags?: string[]; spans?: boolean } = {},
): Promise<ApiServer> {
  const { child, firstLine } = start(
    ['serve', file],
    options.nodeFlags ?? [],
    options.spans ? { BENCH_SPANS: '1' } : {},
    120_000,
  );
  let port: number;
  try {
    ({ port } = (await firstLine) as { port: number });
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
    port,
    pid: child.pid!,
    rpc(cmd, extra = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server rpc ${cmd} timed out`)), 10_000);
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
