import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { redactUrl } from '../config';
import type { RealtimeServer } from './socket-server';

/**
 * Joins this node's Socket.IO server to the others through Redis pub/sub (REDIS_URL): rooms,
 * fetchSockets (presence), disconnectSockets (logout) and serverSideEmit (case events, see
 * broadcaster.ts) then span every node. `ready` settles when both connections are up (or
 * rejects after `timeoutMs`); `close` quits them.
 */
export function linkThroughRedis(
  io: RealtimeServer,
  url: string,
  prefix: string,
  log: (line: string) => void,
  timeoutMs = 10_000,
) {
  const pub = new Redis(url, { maxRetriesPerRequest: null });
  const sub = pub.duplicate();
  for (const [name, client] of [
    ['pub', pub],
    ['sub', sub],
  ] as const) {
    client.on('error', (error) => log(`redis ${name}: ${error.message}`));
  }
  io.adapter(createAdapter(pub, sub, { key: prefix, requestsTimeout: 5_000 }));
  const up = (client: Redis) =>
    client.status === 'ready'
      ? Promise.resolve()
      : new Promise<void>((resolve) => client.once('ready', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const ready = Promise.race([
    Promise.all([up(pub), up(sub)]).then(() => undefined),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis at ${redactUrl(url)} did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  ready.catch(() => undefined);
  return {
    ready,
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
