import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { AppError } from '../../http/app-error';
import type { ImportContextMessage, ImportWorkerInput, ImportWorkerReply } from './grid-import-protocol';

/** A grid import's checks may run this long before the worker is stopped and the file refused. */
export const GRID_IMPORT_TIMEOUT_MS = 5 * 60_000;

/**
 * The worker's entry and how to start it: next to this file, `.js` once compiled, `.ts` when
 * running from the sources (vitest, `tsx api/src/main.ts`). On Node 20 a worker started on a
 * `.ts` file ignores tsx's `--import` loader (inherited or passed in `execArgv`), so from the
 * sources the worker is a one-line bootstrap that loads the entry through tsx's `tsImport`.
 */
function startWorker(options: WorkerOptions): Worker {
  const fromSources = import.meta.url.endsWith('.ts');
  const entry = new URL(`./grid-import-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSources) return new Worker(entry, options);
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(api)}));`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * One grid import's worker thread: `next()` waits for its next reply; `sendContext` starts
 * phase 2. The worker is stopped on `close()`, on an error, and after `timeoutMs`, so a
 * hostile file costs at most that much of one core and `maxMemoryMb` of heap, never the
 * event loop.
 */
export class GridImportWorker {
  private readonly worker: Worker;
  private readonly replies: ImportWorkerReply[] = [];
  private waiting: { resolve: (r: ImportWorkerReply) => void; reject: (e: unknown) => void } | null = null;
  private failure: unknown = null;
  private readonly timer: NodeJS.Timeout;

  constructor(input: ImportWorkerInput, opts: { maxMemoryMb: number; timeoutMs?: number }) {
    const timeoutMs = opts.timeoutMs ?? GRID_IMPORT_TIMEOUT_MS;
    // The body is copied once into the worker (structured clone); nothing else is shared.
    this.worker = startWorker({
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: opts.maxMemoryMb },
    });
    this.worker.on('message', (reply: ImportWorkerReply) => {
      if (this.waiting) {
        this.waiting.resolve(reply);
        this.waiting = null;
      } else this.replies.push(reply);
    });
    this.worker.on('error', (error: Error & { code?: string }) => {
      this.fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError(
              'PAYLOAD_TOO_LARGE',
              `The grid file needs more than ${opts.maxMemoryMb} MB of memory to check; split it into smaller files.`,
            )
          : error,
      );
    });
    this.worker.on('exit', (code) => {
      this.fail(new Error(`grid import worker exited (code ${code}) before answering`));
    });
    this.timer = setTimeout(() => {
      this.fail(
        new AppError(
          'RULE_VIOLATION',
          `Checking the grid file took longer than ${Math.round(timeoutMs / 1000)} s; split it into smaller files.`,
        ),
      );
      void this.worker.terminate();
    }, timeoutMs);
    this.timer.unref();
  }

  private fail(error: unknown) {
    this.failure ??= error;
    if (this.waiting) {
      this.waiting.reject(this.failure);
      this.waiting = null;
    }
  }

  /** The worker's next reply (in order), or its failure. */
  next(): Promise<ImportWorkerReply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** Phase 2: the cells around the file and the file's villages' current cells. */
  sendContext(context: ImportContextMessage) {
    this.worker.postMessage(context);
  }

  async close() {
    clearTimeout(this.timer);
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
