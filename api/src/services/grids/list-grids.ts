import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';
import { isWithin, levelOfCode } from '@wangge/shared/domain/unit-codes';
import {
  type CellGeometry,
  COMPACT_GRIDS_TYPE,
  encodeCompactGrids,
  type GridCell,
  roundCoordinate,
} from '@wangge/shared/geo/compact-grids';
import type { AppContext } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import { notFound } from '../../http/app-error';
import { findHomeUnit, isUnitVisible } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { resolveCurrentCode } from '../reference/resolve-code';

export const GEOJSON_TYPE = 'application/geo+json';
export type GridFormat = 'geojson' | 'compact';
export type GridEncoding = 'br' | 'gzip' | 'identity';

export function gridsUnder(code: string): Prisma.GridWhereInput {
  switch (levelOfCode(code)) {
    case 'CITY':
      return {};
    case 'COUNTY':
      return { countyCode: code };
    case 'TOWNSHIP':
      return { townshipCode: code };
    case 'VILLAGE':
      return { villageCode: code };
    case 'GRID':
      return { code };
  }
}

/** The unit whose cells the caller gets: `unit` clipped to what they may see (404 outside). */
export async function resolveGridScope(ctx: AppContext, user: AuthUser, unit: string | undefined) {
  const home = await findHomeUnit(ctx, user);
  if (!home) throw notFound('No grid cells in your jurisdiction.');
  // An old code (茌平县's 371523…) means the unit it became.
  const requested = unit ? (await resolveCurrentCode(ctx, unit)).code : home;
  if (!isUnitVisible(home, requested)) throw notFound('No such unit.');
  return isWithin(requested, home) ? requested : home;
}

/**
 * The version of a scope's cells in one aggregate query (count and latest change): an import
 * replaces cells (new updatedAt) or removes some (new count). The ETag is derived from it and
 * the scope, so every node answers the same ETag for the same data, and a caller of another
 * jurisdiction never matches. Kept per scope until the grid index is reloaded (cacheOf): every
 * import reloads it, on every node, so a map visit costs no scan of the cells.
 */
function scopeVersion(ctx: AppContext, scope: string): Promise<string> {
  const versions = cacheOf(ctx).versions;
  let version = versions.get(scope);
  if (!version) {
    version = readScopeVersion(ctx, scope);
    versions.set(scope, version);
    version.catch(() => versions.delete(scope));
  }
  return version;
}

async function readScopeVersion(ctx: AppContext, scope: string) {
  const agg = await ctx.db.read.grid.aggregate({
    where: gridsUnder(scope),
    _count: { _all: true },
    _max: { updatedAt: true },
  });
  return `${scope}|${agg._count._all}|${agg._max.updatedAt?.getTime() ?? 0}`;
}

const roundRing = (ring: number[][]) =>
  ring.map(([lon = 0, lat = 0]) => [roundCoordinate(lon), roundCoordinate(lat)]);
function roundGeometry(g: CellGeometry): CellGeometry {
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(roundRing) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(roundRing)) };
}

async function loadScope(ctx: AppContext, scope: string) {
  const grids = await ctx.db.read.grid.findMany({ where: gridsUnder(scope), orderBy: { code: 'asc' } });
  return grids.map((g) => ({
    cell: {
      code: g.code,
      name: g.name,
      villageCode: g.villageCode,
      townshipCode: g.townshipCode,
      countyCode: g.countyCode,
      isSynthetic: g.isSynthetic,
      geometry: roundGeometry(JSON.parse(g.geometry) as CellGeometry),
    } satisfies GridCell,
    centroid: [roundCoordinate(g.centroidLon), roundCoordinate(g.centroidLat)],
  }));
}

/**
 * The cells as a GeoJSON FeatureCollection (RFC 7946), coordinates rounded to 6 decimals
 * (≈0.1 m); each feature's id and properties.code are the cell code. (Feature `bbox` was
 * dropped: it is derivable from the ring and was a fifth of the payload.)
 */
function toGeoJson(rows: Awaited<ReturnType<typeof loadScope>>) {
  return {
    type: 'FeatureCollection' as const,
    features: rows.map(({ cell, centroid }) => ({
      type: 'Feature' as const,
      id: cell.code,
      geometry: cell.geometry,
      properties: {
        code: cell.code,
        name: cell.name,
        villageCode: cell.villageCode,
        townshipCode: cell.townshipCode,
        countyCode: cell.countyCode,
        centroid,
        isSynthetic: cell.isSynthetic,
      },
    })),
  };
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** One scope's payload in one format, serialised once and compressed once per encoding. */
interface CachedPayload {
  identity: Buffer;
  encoded: Partial<Record<'br' | 'gzip', Promise<Buffer>>>;
  bytes: number;
}

/** Payloads kept per node, oldest evicted first above this many bytes (the city's ≈ 8 MB). */
const CACHE_BYTES = 64 * 1024 * 1024;

interface PayloadCache {
  generation: number;
  /** Scope → its version (scopeVersion). */
  versions: Map<string, Promise<string>>;
  entries: Map<string, Promise<CachedPayload>>;
  bytes: number;
}
const caches = new WeakMap<AppContext, PayloadCache>();

/** This context's cache; emptied when the grid index is reloaded (an import, on every node). */
function cacheOf(ctx: AppContext): PayloadCache {
  let cache = caches.get(ctx);
  if (!cache || cache.generation !== ctx.grids.generation) {
    cache = { generation: ctx.grids.generation, versions: new Map(), entries: new Map(), bytes: 0 };
    caches.set(ctx, cache);
  }
  return cache;
}

async function buildPayload(ctx: AppContext, scope: string, format: GridFormat): Promise<CachedPayload> {
  const rows = await loadScope(ctx, scope);
  const body = format === 'compact' ? encodeCompactGrids(rows.map((r) => r.cell)) : toGeoJson(rows);
  const identity = Buffer.from(JSON.stringify(body));
  return { identity, encoded: {}, bytes: identity.length };
}

function compress(payload: CachedPayload, encoding: 'br' | 'gzip'): Promise<Buffer> {
  payload.encoded[encoding] ??=
    encoding === 'br'
      ? brotli(payload.identity, {
          params: {
            // Quality 9: within a few per cent of 11 on this data at a fraction of the time;
            // done once per scope and version, in libuv's thread pool.
            [zlib.BROTLI_PARAM_QUALITY]: 9,
            [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
            [zlib.BROTLI_PARAM_SIZE_HINT]: payload.identity.length,
          },
        })
      : gzipAsync(payload.identity, { level: 9 });
  return payload.encoded[encoding];
}

export interface GridsResponse {
  etag: string;
  contentType: string;
  /** Null when the caller's `If-None-Match` already names this version (304). */
  body: Buffer | null;
  encoding: GridEncoding;
}

/** Whether an If-None-Match header names `etag` (weak comparison, `*` matches anything). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/**
 * GET /api/grids: the cells under `unit` that the caller may see (asking for the county from a
 * township gives the township's cells), as GeoJSON or the compact encoding, compressed as
 * negotiated, with an ETag so an unchanged map costs one small query and a 304.
 */
export async function listGrids(
  ctx: AppContext,
  user: AuthUser,
  request: { unit: string | undefined; format: GridFormat; encoding: GridEncoding; ifNoneMatch?: string },
): Promise<GridsResponse> {
  const scope = await resolveGridScope(ctx, user, request.unit);
  const version = `${request.format}|${await scopeVersion(ctx, scope)}`;
  const etag = `W/"grids-${createHash('sha256').update(version).digest('base64url').slice(0, 22)}"`;
  const contentType = request.format === 'compact' ? COMPACT_GRIDS_TYPE : GEOJSON_TYPE;
  if (matchesEtag(request.ifNoneMatch, etag)) return { etag, contentType, body: null, encoding: 'identity' };
  const cache = cacheOf(ctx);
  let pending = cache.entries.get(version);
  if (!pending) {
    pending = buildPayload(ctx, scope, request.format);
    cache.entries.set(version, pending);
    pending.then(
      (p) => {
        cache.bytes += p.bytes;
        for (const [key, entry] of cache.entries) {
          if (cache.bytes <= CACHE_BYTES || key === version) break;
          cache.entries.delete(key);
          void entry.then((e) => {
            cache.bytes -= e.bytes;
          });
        }
      },
      () => cache.entries.delete(version),
    );
  }
  const payload = await pending;
  if (request.encoding === 'identity')
    return { etag, contentType, body: payload.identity, encoding: 'identity' };
  const body = await compress(payload, request.encoding);
  return { etag, contentType, body, encoding: request.encoding };
}
