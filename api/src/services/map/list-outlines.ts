import { createHash } from 'node:crypto';
import { isWithin } from '@wangge/shared/domain/unit-codes';
import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import { findHomeUnit } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { dissolveOutlines, type OutlineLevel, type Outlines, type UnitOutline } from './dissolve-outlines';

interface OutlineCache {
  generation: number;
  outlines: Promise<Outlines>;
  /** level|scope → serialised answer and its ETag. */
  bodies: Map<string, { body: string; etag: string }>;
}
const caches = new WeakMap<AppContext, OutlineCache>();

/** This node's outlines of the current grid version (dissolved again after an import). */
function cacheOf(ctx: AppContext): OutlineCache {
  let cache = caches.get(ctx);
  if (!cache || cache.generation !== ctx.grids.generation) {
    const outlines = dissolveOutlines(ctx);
    cache = { generation: ctx.grids.generation, outlines, bodies: new Map() };
    caches.set(ctx, cache);
    const failed = cache;
    outlines.catch(() => {
      if (caches.get(ctx) === failed) caches.delete(ctx);
    });
  }
  return cache;
}

/** Whether a unit's outline may be shown to someone whose home is `home`. */
const isShown = (home: string, u: UnitOutline) => isWithin(u.code, home) || isWithin(home, u.code);

/**
 * GET /api/grids/outlines?level=: the outlines and label points of the counties, townships or
 * villages the caller may see (their subtree, and the units above it that hold it), dissolved
 * from the cells once per grid version. The answer is serialised once per level and home unit,
 * with an ETag from its content.
 */
export async function listOutlines(
  ctx: AppContext,
  user: AuthUser,
  level: OutlineLevel,
  ifNoneMatch: string | undefined,
) {
  const home = await findHomeUnit(ctx, user);
  if (!home) throw notFound('No grid cells in your jurisdiction.');
  const cache = cacheOf(ctx);
  const key = `${level}|${home}`;
  let hit = cache.bodies.get(key);
  if (!hit) {
    const all = (await cache.outlines)[level];
    const body = JSON.stringify({ level, units: all.filter((u) => isShown(home, u)) });
    hit = {
      body,
      etag: `W/"outlines-${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    };
    cache.bodies.set(key, hit);
  }
  const isFresh = ifNoneMatch?.split(',').some((t) => t.trim() === hit.etag) ?? false;
  return { etag: hit.etag, body: isFresh ? null : hit.body };
}
