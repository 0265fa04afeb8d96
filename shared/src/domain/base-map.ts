/**
 * The command map's base map, set by an admin at run time (PUT /api/admin/map-settings) and read
 * by every client at start (GET /api/map-settings). NONE draws only the vector layers built from
 * the grid data (works offline); TIANDITU is 天地图's vec_w + cva_w (CGCS2000 ≈ WGS84, so the
 * cells line up) with the deployment's key; XYZ is any {z}/{x}/{y} template (it must be WGS84 /
 * Web Mercator like Tianditu's `_w` sets; GCJ-02 tiles sit hundreds of metres off the cells).
 * No zod here: the web client imports this (zod's eval probe would trip the CSP).
 */
export const MAP_BASE_KINDS = ['NONE', 'TIANDITU', 'XYZ'] as const;
export type MapBaseKind = (typeof MAP_BASE_KINDS)[number];

/** Tianditu's tile hosts t0 … t7. */
export const TIANDITU_SUBDOMAINS = '01234567';

const tiandituLayer = (layer: 'vec' | 'cva', key: string) =>
  `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;

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
