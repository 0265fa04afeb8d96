import { type ClusterColumns, ClusterIndex, type ClusterItem } from './cluster-index';

export type ClusterRequest =
  | { seq: number; op: 'build'; columns: ClusterColumns }
  | { seq: number; op: 'clusters'; bbox: [number, number, number, number]; zoom: number }
  | { seq: number; op: 'expand'; id: number };
/** A request without its sequence number. */
type Query = ClusterRequest extends infer R ? (R extends unknown ? Omit<R, 'seq'> : never) : never;
export type ClusterResponse = { seq: number; value?: unknown; error?: string };

/** The cluster index behind a promise: in a worker where the browser has them, else in the page. */
export interface ClusterClient {
  /** Builds; resolves with the build's milliseconds. */
  build(columns: ClusterColumns): Promise<number>;
  clusters(bbox: [number, number, number, number], zoom: number): Promise<ClusterItem[]>;
  expansionZoom(id: number): Promise<number>;
  close(): void;
  /** Where the index lives now. */
  readonly mode: 'worker' | 'page';
}

function inPage(): ClusterClient {
  const index = new ClusterIndex();
  return {
    build: async (columns) => index.build(columns),
    clusters: async (bbox, zoom) => index.clusters(bbox, zoom),
    expansionZoom: async (id) => index.expansionZoom(id),
    close: () => {},
    mode: 'page',
  };
}

/**
 * Requests go to the worker in order and are answered in order. If the worker fails (it could
 * not load, or crashed), the client carries on in the page: the last build is redone there and
 * every unanswered request is answered from it, so the markers still appear.
 */
function inWorker(worker: Worker): ClusterClient {
  let seq = 0;
  let fallback: ClusterClient | null = null;
  let lastBuild: ClusterColumns | null = null;
  const waiting = new Map<number, { q: Query; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const inPageAnswer = (q: Query): Promise<unknown> => {
    fallback ??= inPage();
    if (q.op === 'build') return fallback.build(q.columns);
    if (q.op === 'clusters') return fallback.clusters(q.bbox, q.zoom);
    return fallback.expansionZoom(q.id);
  };
  worker.onmessage = (e: MessageEvent<ClusterResponse>) => {
    const w = waiting.get(e.data.seq);
    if (!w) return;
    waiting.delete(e.data.seq);
    if (e.data.error !== undefined) w.reject(new Error(e.data.error));
    else w.resolve(e.data.value);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    console.warn('cluster worker failed; clustering in the page', e.message);
    worker.terminate();
    const pending = [...waiting.values()];
    waiting.clear();
    const hasBuild = pending.some((w) => w.q.op === 'build');
    if (!hasBuild && lastBuild) void inPageAnswer({ op: 'build', columns: lastBuild });
    for (const w of pending) inPageAnswer(w.q).then(w.resolve, w.reject);
  };
  const ask = <T>(q: Query): Promise<T> => {
    if (fallback) return inPageAnswer(q) as Promise<T>;
    if (q.op === 'build') lastBuild = q.columns;
    return new Promise<T>((resolve, reject) => {
      seq += 1;
      waiting.set(seq, { q, resolve: resolve as (v: unknown) => void, reject });
      // Copied, not transferred: the page keeps the columns in case it must take over (a
      // million cases are 17 MB, cloned in ~10 ms).
      worker.postMessage({ ...q, seq });
    });
  };
  return {
    get mode() {
      return fallback ? 'page' : 'worker';
    },
    build: (columns) => ask<number>({ op: 'build', columns }),
    clusters: (bbox, zoom) => ask<ClusterItem[]>({ op: 'clusters', bbox, zoom }),
    expansionZoom: (id) => ask<number>({ op: 'expand', id }),
    close: () => {
      worker.terminate();
      for (const w of waiting.values()) w.reject(new Error('cluster worker closed'));
      waiting.clear();
    },
  };
}

/** A client for one map layer (each has its own index and worker). */
export function createClusterClient(): ClusterClient {
  if (typeof Worker === 'undefined') return inPage();
  try {
    return inWorker(new Worker(new URL('./cluster-worker.ts', import.meta.url), { type: 'module' }));
  } catch {
    return inPage(); // a page that may not start workers still gets its markers
  }
}
