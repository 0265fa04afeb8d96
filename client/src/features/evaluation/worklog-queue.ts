import type { ErrorDetail } from '@wangge/shared/errors';
import { useEffect, useState } from 'react';
import { ApiError, getToken } from '../../lib/api';
import { useRealtime } from '../../lib/realtime';
import { openStore } from '../report/idb';
import { newIdempotencyKey } from '../report/pwa';
import { postWorkLog, type TWorkLogInput, type WorkLog } from './evaluation-api';

/**
 * Patrols and home visits kept on the device until the server has them, like the report
 * outbox: saved before any network call under their Idempotency-Key, and every retry (a tap,
 * the `online` event, the 30 s timer) sends the same key, so the server records each once.
 * An entry leaves the queue when the server has answered with the record.
 */
export interface QueuedWorkLog {
  key: string;
  userId: string;
  /** When it was recorded on the device (the server times it when it arrives). */
  createdAt: string;
  status: 'pending' | 'sending' | 'failed';
  body: TWorkLogInput;
  /** The last refusal (failed), kept to show. */
  error?: { status: number; code: string; message: string; details: ErrorDetail[] };
}

const store = openStore<QueuedWorkLog>('wangge-worklogs', 'logs', 'key');
const listeners = new Set<() => void>();
const sentListeners = new Set<(log: WorkLog) => void>();
const changed = () => {
  for (const l of listeners) l();
};

/** Saves a new record in the queue (before any network call, so nothing is lost). */
export async function enqueueWorkLog(userId: string, body: TWorkLogInput): Promise<QueuedWorkLog> {
  const entry: QueuedWorkLog = {
    key: newIdempotencyKey(),
    userId,
    createdAt: new Date().toISOString(),
    status: 'pending',
    body,
  };
  await store.put(entry);
  changed();
  return entry;
}

export async function discardWorkLog(key: string) {
  await store.delete(key);
  changed();
}

const inFlight = new Set<string>();

/**
 * Sends one entry with its own key. Sent: removed from the queue, and the record returned.
 * Offline (status 0), a server error (5xx) or an expired session (401): back to pending, to be
 * retried with the same key. Refused (400, 403, 422): failed, with the reason.
 */
export async function deliverWorkLog(entry: QueuedWorkLog): Promise<WorkLog | null> {
  if (inFlight.has(entry.key)) return null;
  inFlight.add(entry.key);
  try {
    entry.status = 'sending';
    entry.error = undefined;
    await store.put(entry);
    changed();
    const log = await postWorkLog(entry.key, entry.body);
    await store.delete(entry.key);
    changed();
    for (const l of sentListeners) l(log);
    return log;
  } catch (e) {
    const err =
      e instanceof ApiError
        ? { status: e.status, code: e.code, message: e.message, details: e.details }
        : { status: -1, code: 'CLIENT', message: String(e), details: [] };
    const transient = err.status === 0 || err.status === 401 || err.status >= 500;
    entry.status = transient ? 'pending' : 'failed';
    entry.error = err.status === 0 ? undefined : err;
    await store.put(entry);
    changed();
    return null;
  } finally {
    inFlight.delete(entry.key);
  }
}

let flushing: Promise<void> | null = null;

/** Sends every waiting entry of `userId`, oldest first; concurrent calls share one run. */
export function flushWorkLogs(userId: string, includeFailed = false): Promise<void> {
  if (!getToken() || !userId) return Promise.resolve();
  flushing ??= (async () => {
    try {
      const entries = (await store.all()).filter((e) => e.userId === userId);
      entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (const entry of entries) {
        // 'sending' left over from a closed tab is retried: the key makes that safe.
        if (entry.status === 'failed' && !includeFailed) continue;
        if (!navigator.onLine) break;
        await deliverWorkLog(entry);
        if (entry.status === 'pending') break; // offline again: try later
      }
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

/** The user's queued records, newest first, kept up to date. */
export function useWorkLogQueue(userId: string): QueuedWorkLog[] {
  const [entries, setEntries] = useState<QueuedWorkLog[]>([]);
  useEffect(() => {
    const reload = () =>
      store
        .all()
        .then((all) =>
          setEntries(
            all.filter((e) => e.userId === userId).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
          ),
        )
        .catch(() => setEntries([]));
    reload();
    listeners.add(reload);
    return () => {
      listeners.delete(reload);
    };
  }, [userId]);
  return entries;
}

/** Calls `onSent` with every record the queue delivers while mounted. */
export function useWorkLogSent(onSent: (log: WorkLog) => void) {
  useEffect(() => {
    sentListeners.add(onSent);
    return () => {
      sentListeners.delete(onSent);
    };
  }, [onSent]);
}

/**
 * Keeps the queue moving while the screen is open: on start, when the live socket (re)connects,
 * on the `online` event, when the app returns to the foreground, and every 30 s (the `online`
 * event does not fire when only the server was down).
 */
export function useWorkLogSync(userId: string) {
  const { connected } = useRealtime();
  useEffect(() => {
    if (connected) void flushWorkLogs(userId);
  }, [connected, userId]);
  useEffect(() => {
    const flush = () => void flushWorkLogs(userId);
    const onVisible = () => document.visibilityState === 'visible' && flush();
    window.addEventListener('online', flush);
    document.addEventListener('visibilitychange', onVisible);
    flush();
    const timer = window.setInterval(flush, 30_000);
    return () => {
      window.removeEventListener('online', flush);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, [userId]);
}
