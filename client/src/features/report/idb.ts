/** A tiny promise wrapper around one IndexedDB object store (no dependency). */
export interface KeyValueStore<T> {
  all(): Promise<T[]>;
  get(key: string): Promise<T | undefined>;
  put(value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

const request = <R>(req: IDBRequest<R>) =>
  new Promise<R>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** Opens (creating on first use) database `dbName` with one store keyed by `keyPath`. */
export function openStore<T>(dbName: string, storeName: string, keyPath: string): KeyValueStore<T> {
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(storeName, { keyPath });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        db = null;
        reject(req.error);
      };
    });
    return db;
  };
  const run = async <R>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<R>) => {
    const tx = (await open()).transaction(storeName, mode);
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
    const result = await request(fn(tx.objectStore(storeName)));
    await done;
    return result;
  };
  return {
    all: () => run('readonly', (s) => s.getAll() as IDBRequest<T[]>),
    get: (key) => run('readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
    put: async (value) => {
      await run('readwrite', (s) => s.put(value));
    },
    delete: async (key) => {
      await run('readwrite', (s) => s.delete(key));
    },
  };
}
