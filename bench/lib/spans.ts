import { performance } from 'node:perf_hooks';
import type { AppContext } from '../../api/src/context';
import { type Summary, summarize } from './stats';

/** Timings collected inside the server (only with BENCH_SPANS=1: the wrappers cost a little). */
export interface SpanStats {
  request(method: string, url: string, ms: number): void;
  reset(): void;
  snapshot(): Record<string, Summary & { totalMs: number }>;
}

/** `/api/cases/3f2a…?limit=20` → `/api/cases/:id` (query strings dropped, ids folded). */
function routeOf(method: string, url: string): string {
  const path = url
    .split('?')[0]!
    .replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '/:id');
  return `http ${method} ${path}`;
}

/**
 * Replaces ctx.db.read / ctx.db.write by clients that time every Prisma operation (including
 * raw queries, inside transactions too) and every write transaction (split into waiting for the
 * adapter's write mutex + BEGIN, the callback body, and COMMIT + bookkeeping). The API code is
 * untouched: it only sees the same interface.
 */
export function instrumentContext(ctx: AppContext): SpanStats {
  let samples = new Map<string, number[]>();
  const add = (key: string, ms: number) => {
    const list = samples.get(key);
    if (list) list.push(ms);
    else samples.set(key, [ms]);
  };

  const timed = (conn: 'read' | 'write', client: any) =>
    client.$extends({
      query: {
        async $allOperations({ model, operation, args, query }: any) {
          const t0 = performance.now();
          try {
            return await query(args);
          } finally {
            add(`prisma ${conn} ${model ? `${model}.` : ''}${operation}`, performance.now() - t0);
          }
        },
      },
    });

  const read = timed('read', ctx.db.read);
  const write = timed('write', ctx.db.write);
  const bindAll = (target: any, overrides: Record<string, unknown>) =>
    new Proxy(target, {
      get(t, p) {
        if (typeof p === 'string' && p in overrides) return overrides[p];
        const value = Reflect.get(t, p, t);
        return typeof value === 'function' ? value.bind(t) : value;
      },
    });
  const transaction = (fn: unknown, options?: unknown) => {
    if (typeof fn !== 'function') return write.$transaction(fn, options);
    const t0 = performance.now();
    let t1 = t0;
    let t2 = t0;
    return write
      .$transaction(async (tx: unknown) => {
        t1 = performance.now();
        try {
          return await fn(tx);
        } finally {
          t2 = performance.now();
        }
      }, options)
      .finally(() => {
        const t3 = performance.now();
        add('tx total (call → committed)', t3 - t0);
        add('tx wait (mutex + BEGIN)', t1 - t0);
        add('tx body (lock held, queries)', t2 - t1);
        add('tx commit (COMMIT + unlock)', t3 - t2);
      });
  };
  ctx.db = {
    ...ctx.db,
    read: bindAll(read, {}),
    write: bindAll(write, { $transaction: transaction }),
  };

  return {
    request(method, url, ms) {
      add(routeOf(method, url), ms);
    },
    reset() {
      samples = new Map();
    },
    snapshot() {
      const out: Record<string, Summary & { totalMs: number }> = {};
      for (const [key, list] of [...samples.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        out[key] = { ...summarize(list), totalMs: list.reduce((s, v) => s + v, 0) };
      }
      return out;
    },
  };
}
