import L from 'leaflet';
import { type CellCounts, cellStyle, type HeatLook, registerCellStyle } from './cell-style';

type Ring = number[][];

/** One grid cell as served by GET /api/grids (a GeoJSON Feature, [lon, lat] positions). */
export interface GridFeature {
  type: 'Feature';
  id?: string | number;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
  properties: {
    code: string;
    name?: string;
    villageCode?: string;
    townshipCode?: string;
    countyCode?: string;
  };
}

interface Indexed {
  code: string;
  box: [number, number, number, number];
  /** Each part: its exterior ring, then its holes. */
  polygons: Ring[][];
}

const toLatLngs = (ring: Ring) => ring.map(([lon, lat]) => L.latLng(lat!, lon!));

function boxOf(rings: Ring[]): [number, number, number, number] {
  const box: [number, number, number, number] = [180, 90, -180, -90];
  for (const ring of rings)
    for (const [lon = 0, lat = 0] of ring) {
      if (lon < box[0]) box[0] = lon;
      if (lat < box[1]) box[1] = lat;
      if (lon > box[2]) box[2] = lon;
      if (lat > box[3]) box[3] = lat;
    }
  return box;
}

function isInRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The grid cells as one Leaflet layer drawn by a shared L.Canvas renderer: one canvas for
 * all cells, no DOM node per cell, so 50,000 cells stay smooth. Keeps a `Map<code, L.Polygon>`
 * so a live event restyles one cell (Leaflet then redraws only that cell's pixel bounds).
 * Cells are not interactive (Leaflet would hit-test every cell on each mouse move); clicks
 * are resolved with {@link GridLayer.cellAt} through a coarse bin index instead.
 */
export class GridLayer {
  readonly group = L.layerGroup();
  private readonly cells = new Map<string, L.Polygon>();
  private readonly counts = new Map<string, CellCounts>();
  private readonly features = new Map<string, GridFeature>();
  private index = new Map<string, Indexed[]>();
  private binSize = 0.01;
  private look: HeatLook = { isHeat: true, hasTiles: false };
  /** A register layer's counts (综治图层): while set, cells are coloured by it, not by cases. */
  private register: { values: ReadonlyMap<string, number>; max: number } | null = null;

  constructor(
    private readonly renderer: L.Canvas,
    private readonly smoothFactor = 1.5,
  ) {}

  /** Replaces every cell; styles come from the counts set so far. */
  setCells(features: readonly GridFeature[]): void {
    this.group.clearLayers();
    this.cells.clear();
    this.features.clear();
    const indexed: Indexed[] = [];
    const options = { renderer: this.renderer, smoothFactor: this.smoothFactor, interactive: false };
    for (const f of features) {
      const code = f.properties.code;
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const latlngs = polys.map((p) => p.map(toLatLngs));
      const layer = L.polygon(latlngs.length === 1 ? latlngs[0]! : latlngs, {
        ...options,
        ...this.pathStyle(code),
      });
      this.cells.set(code, layer);
      this.features.set(code, f);
      indexed.push({ code, box: boxOf(polys.flat()), polygons: polys });
      this.group.addLayer(layer);
    }
    this.buildIndex(indexed);
  }

  /** Sets the counts of many cells (absent = none open); restyles only cells that changed. */
  setCounts(
    counts: Iterable<{ gridCode: string } & CellCounts>,
    scope?: (f: GridFeature) => boolean,
  ): number {
    const next = new Map<string, CellCounts>();
    for (const c of counts) next.set(c.gridCode, { open: c.open, overdue: c.overdue });
    let changed = 0;
    for (const [code, feature] of this.features) {
      if (scope && !scope(feature)) continue;
      const before = this.counts.get(code);
      const after = next.get(code);
      if ((before?.open ?? 0) === (after?.open ?? 0) && (before?.overdue ?? 0) === (after?.overdue ?? 0))
        continue;
      this.restyle(code, after ?? { open: 0, overdue: 0 });
      changed += 1;
    }
    return changed;
  }

  /** Restyles one cell (a live event); false when the cell is not on this map. */
  restyle(code: string, counts: CellCounts): boolean {
    this.counts.set(code, counts);
    const layer = this.cells.get(code);
    layer?.setStyle(this.pathStyle(code));
    return layer !== undefined;
  }

  /** Colours the cells by a register layer's counts (null: back to the cases); restyles every cell. */
  setRegisterCounts(values: ReadonlyMap<string, number> | null): void {
    this.register = values ? { values, max: Math.max(0, ...values.values()) } : null;
    for (const [code, layer] of this.cells) layer.setStyle(this.pathStyle(code));
  }

  /** The register layer's count of a cell (0 without one). */
  registerCountOf(code: string): number {
    return this.register?.values.get(code) ?? 0;
  }

  private pathStyle(code: string): L.PathOptions {
    return this.register
      ? registerCellStyle(this.register.values.get(code) ?? 0, this.register.max, this.look)
      : cellStyle(this.counts.get(code), this.look);
  }

  /** Heat colours on or off (outlines only), lighter over tiles; restyles every cell. */
  setLook(look: HeatLook): void {
    this.look = look;
    for (const [code, layer] of this.cells) layer.setStyle(this.pathStyle(code));
  }

  /** Cells whose box meets `bounds` (the visible ones, for labels and hit lists). */
  cellsIn(bounds: L.LatLngBounds): GridFeature[] {
    const found: GridFeature[] = [];
    const w = bounds.getWest();
    const s = bounds.getSouth();
    const e = bounds.getEast();
    const n = bounds.getNorth();
    for (const [code, layer] of this.cells) {
      const b = layer.getBounds();
      if (b.getEast() < w || b.getWest() > e || b.getNorth() < s || b.getSouth() > n) continue;
      const f = this.features.get(code);
      if (f) found.push(f);
    }
    return found;
  }

  countsOf(code: string): CellCounts {
    return this.counts.get(code) ?? { open: 0, overdue: 0 };
  }

  /** The current fill of a cell (for tests and the page hook), or null when unknown. */
  styleOf(code: string): { fillColor: string } | null {
    const layer = this.cells.get(code);
    return layer ? { fillColor: String(layer.options.fillColor) } : null;
  }

  /** The cells matching `filter`, with their counts (for lists beside the map). */
  cellsWhere(filter: (f: GridFeature) => boolean): ({ feature: GridFeature } & CellCounts)[] {
    const found: ({ feature: GridFeature } & CellCounts)[] = [];
    for (const [code, feature] of this.features)
      if (filter(feature)) found.push({ feature, ...this.countsOf(code) });
    return found;
  }

  feature(code: string): GridFeature | undefined {
    return this.features.get(code);
  }

  get size(): number {
    return this.cells.size;
  }

  /** Bounds of the cells matching `filter` (all cells without one), or null when none match. */
  boundsOf(filter?: (f: GridFeature) => boolean): L.LatLngBounds | null {
    let bounds: L.LatLngBounds | null = null;
    for (const [code, f] of this.features) {
      if (filter && !filter(f)) continue;
      const b = this.cells.get(code)!.getBounds();
      bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
    }
    return bounds;
  }

  /** The code of the cell containing a point, or null. */
  cellAt(latlng: L.LatLng): string | null {
    const { lng, lat } = latlng;
    for (const c of this.index.get(this.binKey(lng, lat)) ?? []) {
      if (lng < c.box[0] || lat < c.box[1] || lng > c.box[2] || lat > c.box[3]) continue;
      // In a part and not in its holes: a click in an enclave's hole is the enclave's.
      const inCell = c.polygons.some(
        ([outer, ...holes]) =>
          !!outer && isInRing(outer, lng, lat) && !holes.some((h) => isInRing(h, lng, lat)),
      );
      if (inCell) return c.code;
    }
    return null;
  }

  /** Draws pending restyles now instead of on the next animation frame (benchmarks). */
  flush(): void {
    const r = this.renderer as unknown as { _redrawRequest?: number | null; _redraw(): void };
    if (!r._redrawRequest) return;
    L.Util.cancelAnimFrame(r._redrawRequest);
    r._redraw();
  }

  private binKey(lon: number, lat: number): string {
    return `${Math.floor(lon / this.binSize)}:${Math.floor(lat / this.binSize)}`;
  }

  private buildIndex(cells: Indexed[]): void {
    this.index = new Map();
    if (cells.length === 0) return;
    const avgWidth = cells.reduce((s, c) => s + (c.box[2] - c.box[0]), 0) / cells.length;
    this.binSize = Math.max(avgWidth * 2, 1e-4);
    for (const c of cells) {
      const [x0, y0, x1, y1] = c.box.map((v) => Math.floor(v / this.binSize)) as [
        number,
        number,
        number,
        number,
      ];
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) {
          const key = `${x}:${y}`;
          const bin = this.index.get(key);
          if (bin) bin.push(c);
          else this.index.set(key, [c]);
        }
    }
  }
}
