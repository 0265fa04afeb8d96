import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app';
import type { AppContext } from '../../api/src/context';
import { listRoutes } from '../../api/src/http/route-table';

describe('docs/realtime.md', () => {
  it('names every Socket.IO event of shared/src/realtime/events.ts', () => {
    const doc = readFileSync(new URL('../../docs/realtime.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL('../../shared/src/realtime/events.ts', import.meta.url), 'utf8');
    const names = [...new Set([...source.matchAll(/'([a-z]+:[a-z-]+)'/g)].map((m) => m[1]!))];
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => !doc.includes(`\`${n}`))).toEqual([]);
  });
});

describe('docs/api.md', () => {
  it('names every route of the app (method and path, without /api)', () => {
    const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    // The route table needs no database: only the router's shape is read.
    const app = createApp({
      config: { clientDir: '/nonexistent', cspImgOrigins: [] },
      log: () => {},
    } as unknown as AppContext);
    const routes = listRoutes(app);
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes
      .map((r) => `${r.method} ${r.path.replace(/^\/api/, '')}`)
      .filter((route) => !new RegExp(`\`${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[?\` ]`).test(doc));
    expect(missing).toEqual([]);
  });
});
