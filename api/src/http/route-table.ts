import type { Express } from 'express';
import { type RouteDoc, routeDocOf } from './describe-route';

/** One endpoint of the application: its method and full path pattern (`/api/cases/:id`). */
export interface RouteEntry {
  method: string;
  path: string;
  /** Its describeRoute() description (docs/api.md, "Describing a route"), if it has one. */
  doc?: RouteDoc;
}

interface StackLayer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean>; stack?: StackLayer[] };
  method?: string;
  handle?: { stack?: StackLayer[] };
}

const joinPaths = (base: string, path: string) =>
  `${base}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/**
 * Every route the app answers, read from Express's router stack (mounted routers included).
 * Tests generate their probes from it, so a new endpoint is covered without a new test.
 * Regular-expression paths (the client's catch-all) are left out.
 */
export function listRoutes(app: Express): RouteEntry[] {
  const out: RouteEntry[] = [];
  const walk = (stack: StackLayer[], base: string) => {
    for (const layer of stack) {
      if (layer.route) {
        if (typeof layer.route.path !== 'string') continue;
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (!on || method === '_all') continue;
          const doc = (layer.route.stack ?? [])
            .filter((l) => l.method === undefined || l.method === method)
            .map((l) => routeDocOf(l.handle))
            .find(Boolean);
          out.push({
            method: method.toUpperCase(),
            path: joinPaths(base, layer.route.path),
            ...(doc && { doc }),
          });
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' ? layer.rawPath : '';
        walk(layer.handle.stack, joinPaths(base, mount));
      }
    }
  };
  const router = (app as unknown as { router?: { stack: StackLayer[] } }).router;
  walk(router?.stack ?? [], '');
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
