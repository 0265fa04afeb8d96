import L from 'leaflet';
import Supercluster from 'supercluster';

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
  /** A single case was clicked. */
  onSelect?: (m: CaseMarker) => void;
  /** Accessible name of a cluster of `n` cases (its button). */
  clusterLabel?: (n: number) => string;
  /** Accessible name of one case's marker. */
  caseLabel?: (m: CaseMarker) => string;
}

/** Per point: index into the layer's arrays; per cluster: how many of its cases are overdue. */
type PointProps = { i: number };
type ClusterProps = { overdue: number };

/** Beyond this zoom every case is its own point (supercluster's maxZoom). */
const CLUSTER_MAX_ZOOM = 15;

/**
 * Open cases clustered with `supercluster` (KD-tree per zoom level; loads 1,000,000 points in
 * seconds and answers a viewport query in well under a millisecond). The cases are kept in a
 * Map by id; the index is rebuilt from the cases that pass the filter, at most once per
 * `rebuildMs` (live events and filter changes coalesce), and only the clusters in view are
 * drawn, as small DOM markers (a few hundred at most: the clustering bounds them): clusters with
 * their count always visible, single cases as dots that a click, or Enter, selects. Being
 * elements, they are reachable by keyboard and named for screen readers. A cluster is red when any of its cases is
 * overdue; clicking it zooms to where it splits.
 */
export class CaseMarkerLayer {
  readonly group = L.layerGroup();
  private readonly cases = new Map<string, CaseMarker>();
  private shown: CaseMarker[] = [];
  /** id → index in `shown` (and in the index's points). */
  private shownAt = new Map<string, number>();
  /** What is drawn now, by key (`c<cluster id>` / `p<case id>`): a pan only adds and removes the difference. */
  private drawn = new Map<string, L.Layer>();
  private index: Supercluster<PointProps, ClusterProps> | null = null;
  private filter: (m: CaseMarker) => boolean = () => true;
  private map: L.Map | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastBuild = 0;
  /** Milliseconds the last index build took (benchmarks read it). */
  buildMs = 0;

  constructor(
    private readonly options: MarkerOptions = {},
    private readonly rebuildMs = 500,
  ) {}

  addTo(map: L.Map): this {
    this.map = map;
    this.group.addTo(map);
    map.on('moveend', this.draw, this);
    return this;
  }

  remove(): void {
    this.map?.off('moveend', this.draw, this);
    if (this.timer) clearTimeout(this.timer);
    this.group.remove();
    this.map = null;
  }

  /** Replaces every case and rebuilds the index now. */
  setAll(markers: Iterable<CaseMarker>): void {
    this.cases.clear();
    for (const m of markers) this.cases.set(m.id, m);
    this.rebuild();
  }

  /** Shows only the cases for which `filter` holds (rebuilt now). */
  setFilter(filter: (m: CaseMarker) => boolean): void {
    this.filter = filter;
    this.rebuild();
  }

  /**
   * A live change. A case that stays where it is, still passes the filter and keeps its overdue
   * flag (most events: a state change) is replaced in place and only the view is redrawn on the
   * next frame; anything else (a new report, a case leaving the filter) rebuilds the index,
   * coalesced.
   */
  upsert(marker: CaseMarker): void {
    const before = this.cases.get(marker.id);
    this.cases.set(marker.id, marker);
    const at = this.shownAt.get(marker.id);
    if (
      before &&
      at !== undefined &&
      before.lon === marker.lon &&
      before.lat === marker.lat &&
      before.isOverdue === marker.isOverdue &&
      this.filter(marker)
    ) {
      this.shown[at] = marker;
      // Its dot (if drawn alone) gets its new name; clusters are unchanged (same place, same flag).
      const el = (this.drawn.get(`p${marker.id}`) as L.Marker | undefined)?.getElement();
      if (el) el.title = this.options.caseLabel?.(marker) ?? marker.code;
      return;
    }
    this.schedule();
  }

  get(id: string): CaseMarker | undefined {
    return this.cases.get(id);
  }

  /** The case with this code, if on the map. */
  byCode(code: string): CaseMarker | undefined {
    for (const m of this.cases.values()) if (m.code === code) return m;
    return undefined;
  }

  delete(id: string): boolean {
    const had = this.cases.delete(id);
    if (had) this.schedule();
    return had;
  }

  /** Open cases held (before the filter). */
  get size(): number {
    return this.cases.size;
  }

  /** Cases passing the filter (clustered on the map). */
  get shownCount(): number {
    return this.shown.length;
  }

  /** Builds the index over the cases passing the filter, then draws. */
  rebuild(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const t0 = performance.now();
    this.shown = [];
    this.shownAt = new Map();
    for (const m of this.cases.values())
      if (this.filter(m)) {
        this.shownAt.set(m.id, this.shown.length);
        this.shown.push(m);
      }
    const index = new Supercluster<PointProps, ClusterProps>({
      radius: 60,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (p) => ({ overdue: this.shown[p.i]?.isOverdue ? 1 : 0 }),
      reduce: (acc, p) => {
        acc.overdue += p.overdue;
      },
    });
    index.load(
      this.shown.map((m, i) => ({
        type: 'Feature' as const,
        properties: { i },
        geometry: { type: 'Point' as const, coordinates: [m.lon, m.lat] },
      })),
    );
    this.index = index;
    // Cluster ids belong to one index: start drawing afresh.
    this.group.clearLayers();
    this.drawn.clear();
    this.buildMs = performance.now() - t0;
    this.lastBuild = Date.now();
    this.draw();
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastBuild + this.rebuildMs - Date.now());
    this.timer = setTimeout(() => this.rebuild(), wait);
  }

  /** Draws the clusters and cases in view (plus a margin) at the current zoom. */
  draw(): void {
    const map = this.map;
    const index = this.index;
    if (!map || !index) return;
    const b = map.getBounds().pad(0.25);
    const zoom = Math.floor(map.getZoom());
    const features = index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom);
    const next = new Map<string, L.Layer>();
    for (const f of features) {
      const p = f.properties;
      const key =
        'cluster' in p && p.cluster ? `c${p.cluster_id}` : `p${this.shown[(p as PointProps).i]?.id}`;
      const have = this.drawn.get(key);
      if (have) {
        next.set(key, have);
        this.drawn.delete(key);
        continue;
      }
      const layer = this.layerOf(f, index, map);
      if (!layer) continue;
      next.set(key, layer);
      this.group.addLayer(layer);
    }
    for (const gone of this.drawn.values()) this.group.removeLayer(gone);
    this.drawn = next;
  }

  private layerOf(
    f: ReturnType<Supercluster<PointProps, ClusterProps>['getClusters']>[number],
    index: Supercluster<PointProps, ClusterProps>,
    map: L.Map,
  ): L.Layer | null {
    const [lon = 0, lat = 0] = f.geometry.coordinates;
    const p = f.properties;
    if ('cluster' in p && p.cluster) {
      const n = p.point_count;
      const size = Math.round(Math.min(22 + 6 * Math.log10(n), 44));
      const label = this.options.clusterLabel?.(n) ?? String(n);
      const icon = L.divIcon({
        className: `cmd-cluster${p.overdue > 0 ? ' overdue' : ''}`,
        html: `<span>${p.point_count_abbreviated}</span>`,
        iconSize: [size, size],
      });
      const marker = L.marker([lat, lon], { icon, title: label, alt: label, keyboard: true });
      marker.on('click', () => {
        const to = Math.min(index.getClusterExpansionZoom(p.cluster_id), map.getMaxZoom());
        map.setView([lat, lon], to);
      });
      return marker;
    }
    const m = this.shown[(p as PointProps).i];
    if (!m) return null;
    const label = this.options.caseLabel?.(m) ?? m.code;
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({ className: `cmd-case-dot${m.isOverdue ? ' overdue' : ''}`, iconSize: [14, 14] }),
      title: label,
      alt: label,
      keyboard: true,
    });
    marker.on('click', () => this.options.onSelect?.(m));
    return marker;
  }

  /** Screen position (container pixels) of a case, when it is drawn unclustered in view. */
  pointOf(id: string): { x: number; y: number } | null {
    const m = this.cases.get(id);
    if (!m || !this.map) return null;
    const p = this.map.latLngToContainerPoint([m.lat, m.lon]);
    return { x: p.x, y: p.y };
  }
}
