import { z } from 'zod';
import { zText } from './text';

/**
 * The command map's base map, set by an admin at run time (PUT /api/admin/map-settings) and read
 * by every client at start (GET /api/map-settings). NONE draws only the vector layers built from
 * the grid data (works offline); TIANDITU is 天地图's vec_w + cva_w (CGCS2000 ≈ WGS84, so the
 * cells line up) with the deployment's key; XYZ is any {z}/{x}/{y} template (it must be WGS84 /
 * Web Mercator like Tianditu's `_w` sets; GCJ-02 tiles sit hundreds of metres off the cells).
 */
export const MAP_BASE_KINDS = ['NONE', 'TIANDITU', 'XYZ'] as const;
export type MapBaseKind = (typeof MAP_BASE_KINDS)[number];

/** Tianditu's tile hosts t0 … t7. */
export const TIANDITU_SUBDOMAINS = '01234567';

const tiandituLayer = (layer: 'vec' | 'cva', key: string) =>
  `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;

/** The {s} of a template with its first subdomain, so the URL parser can read the host. */
const withFirstSubdomain = (url: string, subdomains: string) => url.replaceAll('{s}', subdomains[0] ?? 'a');

/** Whether a tile template is an http(s) URL with {z}, {x} and {y} and a readable host. */
function isTileTemplate(url: string, subdomains: string): boolean {
  if (!/\{z\}/.test(url) || !/\{x\}/.test(url) || !/\{-?y\}/.test(url)) return false;
  try {
    const u = new URL(withFirstSubdomain(url, subdomains));
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** PUT /api/admin/map-settings: what the admin page sends. */
export const ZMapSettingsInput = z
  .object({
    kind: z.enum(MAP_BASE_KINDS),
    tiandituKey: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{16,64}$/, 'must be the 天地图 key: 16–64 letters and digits')
      .optional(),
    xyzUrl: zText(z.string().trim().max(500)).optional(),
    attribution: zText(z.string().trim().max(200)).optional(),
    subdomains: z
      .string()
      .trim()
      .regex(/^[a-z0-9]{0,8}$/, 'must be up to 8 letters or digits, e.g. abc')
      .default(''),
    maxZoom: z.number().int().min(10).max(20).default(18),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'TIANDITU' && !v.tiandituKey)
      ctx.addIssue({ code: 'custom', path: ['tiandituKey'], message: 'is required for 天地图 tiles' });
    if (v.kind === 'XYZ') {
      if (!v.xyzUrl) ctx.addIssue({ code: 'custom', path: ['xyzUrl'], message: 'is required for XYZ tiles' });
      else if (!isTileTemplate(v.xyzUrl, v.subdomains))
        ctx.addIssue({
          code: 'custom',
          path: ['xyzUrl'],
          message: 'must be an http(s) URL template with {z}, {x} and {y}',
        });
      if (!v.attribution)
        ctx.addIssue({
          code: 'custom',
          path: ['attribution'],
          message: 'is required for XYZ tiles (the tiles’ owner)',
        });
    }
  });
export type TMapSettingsInput = z.infer<typeof ZMapSettingsInput>;

/** The stored settings (GET answers; the key is shown to admins only). */
export interface MapSettings {
  kind: MapBaseKind;
  tiandituKey: string | null;
  xyzUrl: string | null;
  attribution: string | null;
  subdomains: string;
  maxZoom: number;
  updatedAt: string | null;
}

/** One tile layer as the client hands it to Leaflet. */
export interface TileLayerSpec {
  url: string;
  subdomains: string;
  attribution: string;
  maxZoom: number;
}

/** The tile layers of a setting, bottom first (none for NONE). */
export function tileLayersOf(s: MapSettings): TileLayerSpec[] {
  if (s.kind === 'TIANDITU' && s.tiandituKey) {
    const attribution = '天地图 © 国家地理信息公共服务平台';
    return (['vec', 'cva'] as const).map((layer) => ({
      url: tiandituLayer(layer, s.tiandituKey!),
      subdomains: TIANDITU_SUBDOMAINS,
      attribution,
      maxZoom: s.maxZoom,
    }));
  }
  if (s.kind === 'XYZ' && s.xyzUrl)
    return [
      { url: s.xyzUrl, subdomains: s.subdomains, attribution: s.attribution ?? '', maxZoom: s.maxZoom },
    ];
  return [];
}

/**
 * The origins the Content-Security-Policy must allow as images for these settings: each host the
 * templates expand to ({s} over the subdomains), nothing else.
 */
export function tileOriginsOf(s: MapSettings): string[] {
  const origins = new Set<string>();
  for (const layer of tileLayersOf(s)) {
    const subs = layer.subdomains.length > 0 && layer.url.includes('{s}') ? [...layer.subdomains] : [''];
    for (const sub of subs) {
      try {
        origins.add(new URL(layer.url.replaceAll('{s}', sub)).origin);
      } catch {
        // An unreadable template was refused when saved; nothing to allow.
      }
    }
  }
  return [...origins];
}

/** The settings of a deployment nobody has configured: the offline vector map. */
export const DEFAULT_MAP_SETTINGS: MapSettings = {
  kind: 'NONE',
  tiandituKey: null,
  xyzUrl: null,
  attribution: null,
  subdomains: '',
  maxZoom: 18,
  updatedAt: null,
};
