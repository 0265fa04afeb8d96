import type { ErrorDetail } from '@wangge/shared/errors';
import type { TReportCase } from '@wangge/shared/schemas/cases';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, getToken } from '../../lib/api';
import { useRealtime } from '../../lib/realtime';
import { openStore } from './idb';
import { warmApiCache } from './pwa';
import { uploadPhoto } from './upload';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** One report kept on the device until the server has it: key = its Idempotency-Key. */
export interface OutboxEntry {
  key: string;
  userId: string;
  createdAt: string;
  status: OutboxStatus;
  body: TReportCase;
  /** Compressed photos; `attachmentId` is set once uploaded so a retry does not upload again. */
  photos: { blob: Blob; name: string; attachmentId?: string }[];
  /** Why the server refused it (the API's status, code, words and details). */
  error?: string;
  details?: ErrorDetail[];
  code?: string;
  httpStatus?: number;
  caseId?: string;
  caseCode?: string;
}

const store = openStore<OutboxEntry>('wangge-outbox', 'reports', 'key');
const listeners = new Set<() => void>();
const changed = () => {
  for (const l of listeners) l();
};

/** Saves a new report in the outbox (before any network call, so nothing is lost). */
export async function addToOutbox(fields: Omit<OutboxEntry, 'status' | 'createdAt'>): Promise<OutboxEntry> {
  const entry: OutboxEntry = { ...fields, status: 'pending', createdAt: new Date().toISOString() };
  await store.put(entry);
  changed();
  return entry;
}

export async function removeFromOutbox(key: string) {
  await store.delete(key);
  changed();
}

async function update(entry: OutboxEntry, patch: Partial<OutboxEntry>) {
  Object.assign(entry, patch);
  await store.put(entry);
  changed();
}

/** Uploads the photos not uploaded yet, then posts the report with its own Idempotency-Key. */
async function send(entry: OutboxEntry): Promise<{ id: string; code: string }> {
  await update(entry, { status: 'sending', error: undefined, details: undefined });
  for (const photo of entry.photos) {
    if (photo.attachmentId) continue;
    photo.attachmentId = await uploadPhoto(photo.blob, photo.name);
    await store.put(entry);
  }
  const attachmentIds = entry.photos.map((p) => p.attachmentId!);
  return api<{ id: string; code: string }>('/api/cases', {
    method: 'POST',
    headers: { 'idempotency-key': entry.key },
    json: { ...entry.body, ...(attachmentIds.length ? { attachmentIds } : {}) },
  });
}

/**
 * Sends one entry and records the outcome: sent (with the case), back to pending when the
 * network is down (status 0), failed with the server's reason otherwise.
 */
const inFlight = new Set<string>();

export async function deliver(entry: OutboxEntry): Promise<OutboxEntry> {
  if (inFlight.has(entry.key)) return entry;
  inFlight.add(entry.key);
  try {
    const created = await send(entry);
    await update(entry, { status: 'sent', caseId: created.id, caseCode: created.code });
  } catch (e) {
    if (e instanceof ApiError && e.status === 0) await update(entry, { status: 'pending', error: undefined });
    else if (e instanceof ApiError)
      await update(entry, {
        status: 'failed',
        error: e.message,
        details: e.details,
        code: e.code,
        httpStatus: e.status,
      });
    else await update(entry, { status: 'failed', error: String(e) });
  } finally {
    inFlight.delete(entry.key);
  }
  return entry;
}

let flushing: Promise<void> | null = null;

/** Sends every waiting entry of `userId`, one at a time; concurrent calls share one run. */
export function flushOutbox(userId: string, includeFailed = false): Promise<void> {
  if (!getToken()) return Promise.resolve();
  flushing ??= (async () => {
    try {
      const entries = (await store.all()).filter((e) => e.userId === userId);
      entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      for (const entry of entries) {
        // 'sending' left over from a closed tab is retried: the key makes that safe.
        const due = entry.status === 'pending' || entry.status === 'sending';
        if (!due && !(includeFailed && entry.status === 'failed')) continue;
        if (!navigator.onLine) break;
        await deliver(entry);
        if (entry.status === 'pending') break; // offline again: try later
      }
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

/** The user's outbox entries, newest first, kept up to date. */
export function useOutbox(userId: string) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const reload = useCallback(() => {
    store
      .all()
      .then((all) =>
        setEntries(
          all.filter((e) => e.userId === userId).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
        ),
      )
      .catch(() => setEntries([]));
  }, [userId]);
  useEffect(() => {
    reload();
    listeners.add(reload);
    return () => {
      listeners.delete(reload);
    };
  }, [reload]);
  return entries;
}

let currentUser: string | null = null;

/**
 * Keeps the outbox moving while the user is signed in: on start, on the `online` event, when the
 * live socket (re)connects, when the app comes back to the foreground, and every 30 s (the
 * `online` event does not fire when only the server was down).
 */
export function useOutboxSync(userId: string) {
  const { connected } = useRealtime();
  useEffect(() => {
    if (connected) void flushOutbox(userId);
  }, [connected, userId]);
  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && void flushOutbox(userId);
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [userId]);
  useEffect(() => {
    currentUser = userId;
    warmApiCache();
    void flushOutbox(userId);
    const timer = window.setInterval(() => void flushOutbox(userId), 30_000);
    return () => window.clearInterval(timer);
  }, [userId]);
}

window.addEventListener('online', () => {
  if (currentUser) void flushOutbox(currentUser);
});

/** The refusal of a failed entry as the ApiError it was (entries saved before codes were kept: INTERNAL). */
export const failureOf = (e: OutboxEntry) =>
  new ApiError(e.httpStatus ?? -1, e.code ?? 'INTERNAL', e.error ?? '', e.details ?? []);
