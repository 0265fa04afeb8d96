import { getToken } from '../../lib/api';

/** A fresh Idempotency-Key; crypto.randomUUID exists only in secure contexts (not on http://LAN-IP). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

let registered = false;

/**
 * Fetches, through the worker, what the app needs to start offline: /api/me was loaded before
 * the worker took control on the first visit, so it would not be cached otherwise.
 */
export function warmApiCache() {
  if (!navigator.serviceWorker?.controller) return;
  const token = getToken();
  if (!token) return;
  for (const path of ['/api/me', '/api/categories'])
    void fetch(path, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
}

/** Registers /sw.js (built from client/public) so the app shell opens without a connection. */
export function registerServiceWorker() {
  // Not under the Vite dev server: a cached shell would fight hot reloading.
  const isDevServer = !!document.querySelector('script[src^="/@vite/client"]');
  if (registered || isDevServer || !('serviceWorker' in navigator)) return;
  registered = true;
  const sw = navigator.serviceWorker;
  const go = async () => {
    // Listen before registering: the worker claims the page as soon as it activates.
    sw.addEventListener('controllerchange', warmApiCache, { once: true });
    await sw.register('/sw.js').catch(() => undefined);
    await sw.ready;
    if (sw.controller) warmApiCache();
  };
  if (document.readyState === 'complete') void go();
  else window.addEventListener('load', () => void go(), { once: true });
}
