import type { TileLayerSpec } from '@wangge/shared/domain/base-map';
import L from 'leaflet';
import { canvasRenderer } from './create-map';

/** One unit's outline and label point, as GET /api/grids/outlines serves them. */
export interface UnitOutline {
  code: string;
  name: string;
  label: [number, number];
  polygons: [number, number][][][];
}
export type OutlineLevel = 'county' | 'township' | 'village';

/** How each level is drawn, and from which zoom its outline and its labels show. */
const LEVELS: Record<
  OutlineLevel,
  { color: string; weight: number; outlineFrom: number; labelFrom: number; labelTo: number }
> = {
  county: { color: '#37474f', weight: 2.2, outlineFrom: 0, labelFrom: 0, labelTo: 10.5 },
  township: { color: '#546e7a', weight: 1.2, outlineFrom: 10.5, labelFrom: 10.5, labelTo: 13 },
  village: { color: '#78909c', weight: 0.8, outlineFrom: 13, labelFrom: 13, labelTo: 99 },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The base map drawn from the data itself, so it works with no internet: county, township and
 * village outlines (dissolved from the cells on the server) on a canvas of their own above the
 * cells, with the units' names at their label points — counties when the city is in view,
 * townships from zoom 10.5, villages from 13 — and only those in view. Labels are DOM text
 * marked `lang="zh-CN"` (the names are Chinese data, also in the English UI).
 */
export class VectorBaseLayer {
  private readonly outlines = L.layerGroup();
  private readonly labels = L.layerGroup();
  private readonly data = new Map<OutlineLevel, UnitOutline[]>();
  private readonly drawn = new Map<OutlineLevel, L.Layer>();
  private readonly renderer: L.Canvas;
  private map: L.Map | null = null;
  private isStarted = false;

  constructor(private readonly load: (level: OutlineLevel) => Promise<UnitOutline[]>) {
    this.renderer = canvasRenderer({ pane: 'outlines', padding: 0.5 });
  }

  addTo(map: L.Map): this {
    this.map = map;
    if (!map.getPane('outlines')) map.createPane('outlines').style.zIndex = '450';
    if (!map.getPane('labels')) {
      const pane = map.createPane('labels');
      pane.style.zIndex = '550';
      pane.style.pointerEvents = 'none';
    }
    this.outlines.addTo(map);
    this.labels.addTo(map);
    map.on('zoomend moveend', this.update, this);
    this.update();
    return this;
  }

  remove(): void {
    this.map?.off('zoomend moveend', this.update, this);
    this.outlines.remove();
    this.labels.remove();
    this.map = null;
  }

  /**
   * Starts loading outlines (the screen calls it once the cells are drawn: on a fresh server
   * the first request dissolves them, and the cells should not wait behind that).
   */
  start(): void {
    this.isStarted = true;
    this.update();
  }

  /** Units of a level loaded so far (search reads them). */
  units(level: OutlineLevel): UnitOutline[] {
    return this.data.get(level) ?? [];
  }

  /** Loads a level once (all levels: the search needs their names). */
  async ensure(level: OutlineLevel): Promise<UnitOutline[]> {
    const have = this.data.get(level);
    if (have) return have;
    const units = await this.load(level);
    this.data.set(level, units);
    this.update();
    return units;
  }

  private update(): void {
    const map = this.map;
    if (!map) return;
    const zoom = map.getZoom();
    const view = map.getBounds().pad(0.2);
    this.labels.clearLayers();
    for (const level of ['county', 'township', 'village'] as const) {
      const style = LEVELS[level];
      const units = this.data.get(level);
      if (!units) {
        if (this.isStarted && zoom >= style.outlineFrom - 1) void this.ensure(level).catch(() => {});
        continue;
      }
      const isOutlined = zoom >= style.outlineFrom;
      const layer = this.drawn.get(level);
      if (isOutlined && !layer) {
        const lines = L.featureGroup(
          units.map((u) =>
            L.polygon(
              u.polygons.map((p) => p.map((r) => r.map(([lon, lat]) => [lat, lon] as [number, number]))),
              {
                renderer: this.renderer,
                interactive: false,
                fill: false,
                color: style.color,
                weight: style.weight,
                opacity: 0.9,
              },
            ),
          ),
        );
        this.drawn.set(level, lines);
        this.outlines.addLayer(lines);
      } else if (!isOutlined && layer) {
        this.outlines.removeLayer(layer);
        this.drawn.delete(level);
      }
      if (zoom < style.labelFrom || zoom >= style.labelTo) continue;
      for (const u of units) {
        const at = L.latLng(u.label[1], u.label[0]);
        if (!view.contains(at)) continue;
        this.labels.addLayer(
          L.marker(at, {
            pane: 'labels',
            interactive: false,
            keyboard: false,
            icon: L.divIcon({
              className: `map-label map-label-${level}`,
              html: `<span lang="zh-CN">${escapeHtml(u.name)}</span>`,
              iconSize: undefined,
            }),
          }),
        );
      }
    }
  }
}

/**
 * The admin's tile layers (GET /api/map-settings) under the vector layers. A tile that fails
 * is left out (the vector map shows through); when tiles keep failing — {@link GIVE_UP_AFTER}
 * errors with no tile loaded between them (wrong key, no internet, the server down) — the tile
 * layers are removed and `onFailed` says so: the map stays usable on its vector layers.
 */
const GIVE_UP_AFTER = 6;

export function addTileLayers(
  map: L.Map,
  specs: readonly TileLayerSpec[],
  onFailed: () => void,
): L.TileLayer[] {
  let failedInARow = 0;
  let hasGivenUp = false;
  const layers = specs.map((s) =>
    L.tileLayer(s.url, {
      subdomains: s.subdomains || 'abc',
      attribution: escapeHtml(s.attribution),
      maxZoom: s.maxZoom,
      maxNativeZoom: s.maxZoom,
      crossOrigin: false,
    }),
  );
  for (const layer of layers) {
    layer.on('tileload', () => {
      failedInARow = 0;
    });
    layer.on('tileerror', () => {
      failedInARow += 1;
      if (!hasGivenUp && failedInARow >= GIVE_UP_AFTER) {
        hasGivenUp = true;
        for (const l of layers) l.remove();
        onFailed();
      }
    });
    layer.addTo(map);
  }
  return layers;
}
