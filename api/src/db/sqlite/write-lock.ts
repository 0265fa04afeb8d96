/**
 * An in-process FIFO lock. SQLite has one writer; every write in this process (Prisma's
 * transactions and the raw intake statements) takes this lock first, so they never overlap
 * and a synchronous raw write never waits on SQLite's busy handler while a Prisma
 * transaction it blocks sits in the same event loop.
 */
export function createWriteLock() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => Promise<T> | T): Promise<T> {
      const result = tail.then(fn, fn);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
export type WriteLock = ReturnType<typeof createWriteLock>;
