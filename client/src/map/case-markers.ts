import L from 'leaflet';
import { clusterByGrid } from './cluster';

/** An open case on the map, as served by GET /api/stats/cases. */
export interface CaseMarker {
  id: string;
  code: string;
  state: string;
  lon: number;
  lat: number;
  isOverdue: boolean;
  categoryCode: string;
  gridCode?: string;
}

interface MarkerOptions {
  /** Side of a clustering bin in screen pixels. */
  cellPx?: number;
  /** Popup text of a single case. */
  describe?: (m: CaseMarker) => string;
}

const OVERDUE = '#b71c1c';
const OPEN = '#1f4e79';

/**
 * Open cases as circle markers on the same canvas renderer as the cells, clustered per zoom
 * level with {@link clusterByGrid}: a cluster's radius grows with its size, it is red when any
 * case in it is overdue, and clicking it zooms to its cases. Changes are coalesced into one
 * re-cluster per animation frame.
 */
export class CaseMarkerLayer {
  readonly group = L.layerGroup();
  private readonly cases = new Map<string, CaseMarker>();
  private map: L.Map | null = null;
  private frame = 0;

  constructor(
    private readonly renderer: L.Canvas,
    private readonly options: MarkerOptions = {},
  ) {}

  addTo(map: L.Map): this {
    this.map = map;
    this.group.addTo(map);
    map.on('zoomend', this.recluster, this);
    return this;
  }

  remove(): void {
    this.map?.off('zoomend', this.recluster, this);
    cancelAnimationFrame(this.frame);
    this.group.remove();
    this.map = null;
  }

  setAll(markers: readonly CaseMarker[]): void {
    this.cases.clear();
    for (const m of markers) this.cases.set(m.id, m);
    this.schedule();
  }

  upsert(marker: CaseMarker): void {
    this.cases.set(marker.id, marker);
    this.schedule();
  }

  get(id: string): CaseMarker | undefined {
    return this.cases.get(id);
  }

  delete(id: string): boolean {
    const had = this.cases.delete(id);
    if (had) this.schedule();
    return had;
  }

  /** Cases shown (not clusters). */
  get size(): number {
    return this.cases.size;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.recluster();
    });
  }

  /** Rebuilds the circles for the current zoom. */
  recluster(): void {
    const map = this.map;
    if (!map) return;
    const zoom = map.getZoom();
    const clusters = clusterByGrid(
      this.cases.values(),
      (m) => map.project([m.lat, m.lon], zoom),
      this.options.cellPx ?? 40,
    );
    this.group.clearLayers();
    for (const c of clusters) {
      const center = map.unproject([c.x, c.y], zoom);
      const isOverdue = c.items.some((m) => m.isOverdue);
      const n = c.items.length;
      const circle = L.circleMarker(center, {
        renderer: this.renderer,
        radius: n === 1 ? 4 : Math.min(5 + 2 * Math.log2(n), 14),
        color: '#fff',
        weight: 1.2,
        fillColor: isOverdue ? OVERDUE : OPEN,
        fillOpacity: 0.9,
      });
      if (n === 1) {
        const only = c.items[0]!;
        circle.bindPopup(this.options.describe?.(only) ?? only.code);
      } else {
        circle.bindTooltip(String(n), { direction: 'top' });
        circle.on('click', () =>
          map.fitBounds(L.latLngBounds(c.items.map((m) => [m.lat, m.lon])).pad(0.3), { maxZoom: 17 }),
        );
      }
      this.group.addLayer(circle);
    }
  }
}
