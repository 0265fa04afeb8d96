import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { inject } from 'vitest';
import { cloneTemplate, TEST_POSTGRES_URL } from './test-database';

/** A Redis server for cluster tests (`.ci/run` starts a throwaway one). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || null;
/** Cluster tests need PostgreSQL and Redis; CI sets REQUIRE_CLUSTER so they cannot be skipped. */
export const clusterAvailable = Boolean(TEST_POSTGRES_URL && TEST_REDIS_URL);
if (!clusterAvailable && process.env.REQUIRE_CLUSTER === '1')
  throw new Error('REQUIRE_CLUSTER=1 but TEST_POSTGRES_URL / TEST_REDIS_URL are not set');

export interface ClusterNode {
  name: string;
  baseUrl: string;
  process: ChildProcess;
  output: string[];
  /** SIGKILL: no shutdown code runs, as in a crash. Resolves when the process is gone. */
  kill(): Promise<void>;
}

export interface Cluster {
  databaseUrl: string;
  nodes: ClusterNode[];
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Starts one real API process (api/src/main.ts) with `env`; resolves when /api/health answers. */
export async function startNode(name: string, env: Record<string, string>): Promise<ClusterNode> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (d) => output.push(String(d)));
  child.stderr?.on('data', (d) => output.push(String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node ${name} exited:\n${output.join('')}`);
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`node ${name} did not come up:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    baseUrl,
    process: child,
    output,
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Real API processes on one PostgreSQL database (a fresh clone of the seeded template) joined
 * through one Redis (channels under a prefix of their own, so parallel clusters do not mix).
 */
export async function startCluster(
  options: { nodes?: number; timerSweepMs?: number; databaseUrl?: string } = {},
): Promise<Cluster> {
  if (!TEST_POSTGRES_URL || !TEST_REDIS_URL)
    throw new Error('cluster tests need TEST_POSTGRES_URL and TEST_REDIS_URL');
  const dir = mkdtempSync(join(inject('runDir'), 'cluster-'));
  const databaseUrl = options.databaseUrl ?? (await cloneTemplate(inject('template'), dir));
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `t${randomBytes(4).toString('hex')}`,
    DATA_DIR: dir,
    SEED_DEMO: 'false',
    TIMER_SWEEP_MS: String(options.timerSweepMs ?? 15_000),
    CLIENT_DIR: join(dir, 'no-client'),
    PG_POOL_SIZE: '4',
  };
  const names = Array.from({ length: options.nodes ?? 2 }, (_, i) => String.fromCharCode(65 + i));
  const nodes = await Promise.all(names.map((n) => startNode(n, env)));
  return {
    databaseUrl,
    nodes,
    async close() {
      await Promise.all(nodes.map((n) => n.kill()));
    },
  };
}
