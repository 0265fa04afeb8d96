import {
  CASE_BROADCAST_NAMES,
  type CaseEventMessage,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@wangge/shared/realtime/index';
import { io, type Socket } from 'socket.io-client';
import type { ApiClient, TestApp } from './test-app';

const CASE_EVENTS = CASE_BROADCAST_NAMES;

export interface Received {
  name: string;
  event: CaseEventMessage;
}

/** A real socket.io client that records every case event it receives, in order. */
export interface Listener {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  received: Received[];
  /** The seq of sync:completed (the last one). */
  syncedSeq: number | null;
  /** sync:reset notices (too much missed to replay). */
  resets: { seq: number; reason: string }[];
  /** Resolves when `count` events have arrived (fails after `ms`). */
  waitForCount(count: number, ms?: number): Promise<Received[]>;
  /** Resolves when an event with this seq has arrived. */
  waitForSeq(seq: number, ms?: number): Promise<Received>;
  close(): void;
}

/** Connects as `client`'s user; resolves once catch-up is complete (sync:completed). */
export async function listen(
  app: Pick<TestApp, 'baseUrl'>,
  client: ApiClient,
  options: { lastSeq?: number } = {},
): Promise<Listener> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(app.baseUrl, {
    auth: { token: client.token, ...(options.lastSeq !== undefined ? { lastSeq: options.lastSeq } : {}) },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  const listener: Listener = {
    socket,
    received,
    syncedSeq: null,
    resets: [],
    waitForCount: (count, ms = 5000) =>
      waitUntil(() => received.length >= count, ms, `${count} events`).then(() => received),
    waitForSeq: (seq, ms = 5000) =>
      waitUntil(() => received.some((r) => r.event.seq === seq), ms, `seq ${seq}`).then(
        () => received.find((r) => r.event.seq === seq)!,
      ),
    close: () => socket.close(),
  };
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  function waitUntil(done: () => boolean, ms: number, what: string) {
    return new Promise<void>((resolve, reject) => {
      if (done()) return resolve();
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `timed out waiting for ${what}; got ${received.map((r) => `${r.name}#${r.event.seq}`).join(', ')}`,
          ),
        );
      }, ms);
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
    });
  }
  for (const name of CASE_EVENTS) {
    socket.on(name, (event: CaseEventMessage) => {
      received.push({ name, event });
      notify();
    });
  }
  socket.on('sync:reset', (info) => listener.resets.push(info));
  await new Promise<void>((resolve, reject) => {
    socket.once('sync:completed', ({ seq }) => {
      listener.syncedSeq = seq;
      resolve();
    });
    socket.once('connect_error', reject);
  });
  return listener;
}

/** Sends a socket request and resolves with its ack. */
export function request<E extends keyof ClientToServerEvents>(
  listener: Listener,
  name: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<any> {
  return new Promise((resolve) => (listener.socket.emit as any)(name, payload, resolve));
}
