import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createApp } from '../../api/src/app';
import { createManualClock } from '../../api/src/clock';
import { loadConfig } from '../../api/src/config';
import type { AppContext } from '../../api/src/context';
import { closeContext, createContext } from '../../api/src/create-context';
import { attachRealtime, type Realtime } from '../../api/src/realtime/socket-server';
import { type ApiClient, apiClient, loginAs } from './api-client';
import { cloneTemplate } from './test-database';

/** Monday 2026-11-23 10:00 in Shanghai: a plain working day. */
export const MONDAY_10AM = new Date('2026-11-23T02:00:00Z');

export interface TestApp {
  baseUrl: string;
  /** The DATABASE_URL behind this app (to restart on it, or start a second process on it). */
  databaseUrl: string;
  ctx: AppContext;
  clock: ReturnType<typeof createManualClock>;
  server: Server;
  realtime: Realtime;
  /** Logs in a demo user and returns a client bound to their token. */
  as(username: string): Promise<ApiClient>;
  /** A client without a token. */
  anonymous(): ApiClient;
  /** Every line the server logged (through ctx.log). */
  logs: string[];
  close(): Promise<void>;
}

export type { ApiClient, ApiResponse } from './api-client';

/**
 * A real API on a real SQLite file (a copy of the seeded template) listening on a loopback
 * port, with a manual clock. Each call gets a database of its own.
 */
export async function startTestApp(
  options: {
    now?: Date;
    databaseUrl?: string;
    maxReplay?: number;
    /** Extra environment for loadConfig (TRUST_PROXY, REDIS_URL, …). */
    env?: Record<string, string>;
    /** The HTTPS agent Web Push sends with (to trust a local push service's certificate). */
    pushAgent?: Agent;
  } = {},
): Promise<TestApp> {
  const runDir = inject('runDir');
  const dir = mkdtempSync(join(runDir, 'app-'));
  // A given database is reused as it is (a restart); otherwise a fresh copy of the template.
  const databaseUrl = options.databaseUrl ?? (await cloneTemplate(inject('template'), dir));
  const clock = createManualClock(options.now ?? MONDAY_10AM);
  const config = loadConfig({ DATA_DIR: dir, DATABASE_URL: databaseUrl, SEED_DEMO: 'false', ...options.env });
  const logs: string[] = [];
  const ctx = await createContext(config, clock, (line) => logs.push(line), { pushAgent: options.pushAgent });
  const server = createServer(createApp(ctx));
  const realtime = attachRealtime(server, ctx, { maxReplay: options.maxReplay });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const client = (token: string | null, user: unknown = null) => apiClient(baseUrl, token, user);

  return {
    baseUrl,
    databaseUrl,
    ctx,
    clock,
    server,
    realtime,
    anonymous: () => client(null),
    logs,
    as: (username: string) => loginAs(baseUrl, username),
    async close() {
      await realtime.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await closeContext(ctx);
    },
  };
}
