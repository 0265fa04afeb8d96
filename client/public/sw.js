// 网格通 service worker: the app shell opens without a connection.
// - navigations: network first, else the cached index.html (hash routes need nothing else);
// - /assets/* (content-hashed by Vite), icons, manifest: cache first;
// - GET /api/*: network first, falling back to the last answer (so /api/me, categories and
//   cells still load offline); attachments and grid lookups are not kept. Writes pass through.
const SHELL = 'wangge-shell-v1';
const API = 'wangge-api-v1';

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const res = await fetch('/index.html', { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put('/index.html', res);
  const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll([...new Set(assets)].filter((u) => !u.startsWith('/api/')));
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== API).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheName, fallbackKey) {
  const cache = await caches.open(cacheName);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(fallbackKey ?? request, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(fallbackKey ?? request);
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/socket.io/')) return;
  if (url.pathname.startsWith('/api/')) {
    // Signing out forgets the cached answers of that user.
    if (request.method === 'POST' && url.pathname === '/api/auth/logout') event.waitUntil(caches.delete(API));
    if (request.method !== 'GET') return;
    if (url.pathname.startsWith('/api/attachments/') || url.pathname === '/api/grids/locate') return;
    event.respondWith(networkFirst(request, API));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL, '/index.html'));
    return;
  }
  event.respondWith(cacheFirst(request));
});

// Web Push (sent by the API with the web-push library): show it, and open the case on a tap.
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: event.data ? event.data.text() : '' };
  }
  event.waitUntil(
    self.registration.showNotification(data.title || '五级联动智能网格', {
      body: data.body || '',
      data: { url: data.url || '/' },
      tag: data.seq ? `case-event-${data.seq}` : undefined,
      icon: '/icons/icon-192.png',
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || '/', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) return open.navigate(url).then((w) => w?.focus());
      return self.clients.openWindow(url);
    }),
  );
});
