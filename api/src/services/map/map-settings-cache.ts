import {
  DEFAULT_MAP_SETTINGS,
  type MapBaseKind,
  type MapSettings,
  tileOriginsOf,
} from '@wangge/shared/schemas/map-settings';
import type { AppContext } from '../../context';

/** How long a node trusts its copy: another node's change reaches this one's CSP within it. */
const TTL_MS = 10_000;

interface Cached {
  at: number;
  settings: Promise<MapSettings>;
}
const caches = new WeakMap<AppContext, Cached>();

async function readSettings(ctx: AppContext): Promise<MapSettings> {
  const row = await ctx.db.read.mapSetting.findUnique({ where: { id: 'map' } });
  if (!row) return DEFAULT_MAP_SETTINGS;
  return {
    kind: row.kind as MapBaseKind,
    tiandituKey: row.tiandituKey,
    xyzUrl: row.xyzUrl,
    attribution: row.attribution,
    subdomains: row.subdomains,
    maxZoom: row.maxZoom,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The base-map settings, read at most once per {@link TTL_MS} per node (every response's CSP
 * needs them; a failed read is not kept).
 */
export function cachedMapSettings(ctx: AppContext): Promise<MapSettings> {
  const now = Date.now();
  const hit = caches.get(ctx);
  if (hit && now - hit.at < TTL_MS) return hit.settings;
  const settings = readSettings(ctx);
  caches.set(ctx, { at: now, settings });
  settings.catch(() => caches.delete(ctx));
  return settings;
}

/** Forgets this node's copy (after a change, so the next response's CSP has it). */
export function forgetMapSettings(ctx: AppContext): void {
  caches.delete(ctx);
}

/** The tile origins the CSP allows now: those of the stored settings, none when unreadable. */
export async function currentTileOrigins(ctx: AppContext): Promise<string[]> {
  return cachedMapSettings(ctx).then(tileOriginsOf, () => []);
}
