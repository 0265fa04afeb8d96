import L from 'leaflet';
import { type ClusterClient, createClusterClient } from './cluster-client';
import type { ClusterItem } from './cluster-index';

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

/**
 * Open cases clustered with `supercluster` (KD-tree per zoom level; loads 1,000,000 points in
 * seconds and answers a viewport query in well under a millisecond), in a worker
 * (cluster-worker.ts) so that a build never holds up the page: the cells are drawn while the
 * cases are indexed. The cases are kept in a Map by id; the index is rebuilt from the cases
 * that pass the filter, at most once per `rebuildMs` (live events and filter changes
 * coalesce), and only the clusters in view are drawn, as small DOM markers (a few hundred at most: the clustering bounds them): clusters with
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
  private client: ClusterClient | null = null;
  /** The build the drawn clusters belong to (cluster ids are only valid within one build). */
  private built = 0;
  private building = 0;
  /** The latest draw: an answer for an older one is dropped. */
  private drawing = 0;
  private drawn$: Promise<void> = Promise.resolve();
  /** The build whose markers are on the map. */
  private drawnBuild = 0;
  /** The cases of the build the index holds (its rows). */
  private builtShown: CaseMarker[] = [];
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
    // The worker starts now, so it is ready when the cases arrive.
    this.client ??= createClusterClient();
    this.group.addTo(map);
    map.on('moveend', this.draw, this);
    return this;
  }

  remove(): void {
    this.map?.off('moveend', this.draw, this);
    if (this.timer) clearTimeout(this.timer);
    this.group.remove();
    this.client?.close();
    this.client = null;
    this.map = null;
  }

  /** Replaces every case and rebuilds the index now; resolves once they are drawn. */
  setAll(markers: Iterable<CaseMarker>): Promise<void> {
    this.cases.clear();
    for (const m of markers) this.cases.set(m.id, m);
    return this.rebuild();
  }

  /** Shows only the cases for which `filter` holds (rebuilt now); resolves once drawn. */
  setFilter(filter: (m: CaseMarker) => boolean): Promise<void> {
    this.filter = filter;
    return this.rebuild();
  }

  /** Where the cluster index lives ('none' before the first build). */
  get clustering(): 'worker' | 'page' | 'none' {
    return this.client?.mode ?? 'none';
  }

  /** Resolves when the latest build is drawn. */
  whenDrawn(): Promise<void> {
    return this.drawn$;
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

  /** Builds the index over the cases passing the filter, then draws; resolves once drawn. */
  rebuild(): Promise<void> {
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
    const n = this.shown.length;
    const columns = { lons: new Float64Array(n), lats: new Float64Array(n), overdue: new Uint8Array(n) };
    for (let i = 0; i < n; i++) {
      const m = this.shown[i]!;
      columns.lons[i] = m.lon;
      columns.lats[i] = m.lat;
      columns.overdue[i] = m.isOverdue ? 1 : 0;
    }
    this.client ??= createClusterClient();
    const build = ++this.building;
    const shown = this.shown;
    this.lastBuild = Date.now();
    this.drawn$ = this.client
      .build(columns)
      .then(async () => {
        if (build !== this.building) return; // a newer build is on its way
        this.buildMs = performance.now() - t0;
        this.built = build;
        this.builtShown = shown;
        await this.draw();
      })
      .catch((error: unknown) => {
        if (this.client) console.error('case markers: the cluster index failed', error);
      });
    return this.drawn$;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastBuild + this.rebuildMs - Date.now());
    this.timer = setTimeout(() => void this.rebuild(), wait);
  }

  /** Draws the clusters and cases in view (plus a margin) at the current zoom. */
  async draw(): Promise<void> {
    const map = this.map;
    const client = this.client;
    if (!map || !client || this.built === 0) return;
    const built = this.built;
    const draw = ++this.drawing;
    const b = map.getBounds().pad(0.25);
    const zoom = Math.floor(map.getZoom());
    let items: ClusterItem[];
    try {
      items = await client.clusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom);
    } catch (error) {
      if (this.client === client) console.error('case markers: the cluster query failed', error);
      return; // the layer was removed meanwhile (its worker closed): nothing to draw
    }
    // A later draw or build overtook this one, or the map is gone.
    if (draw !== this.drawing || built !== this.built || this.map !== map) return;
    if (built !== this.drawnBuild) {
      // Cluster ids belong to one build: start drawing afresh.
      this.group.clearLayers();
      this.drawn.clear();
      this.drawnBuild = built;
    }
    const next = new Map<string, L.Layer>();
    for (const item of items) {
      const key = item.id !== undefined ? `c${item.id}` : `p${this.builtShown[item.i ?? -1]?.id}`;
      const have = this.drawn.get(key);
      if (have) {
        next.set(key, have);
        this.drawn.delete(key);
        continue;
      }
      const layer = this.layerOf(item, client, map);
      if (!layer) continue;
      next.set(key, layer);
      this.group.addLayer(layer);
    }
    for (const gone of this.drawn.values()) this.group.removeLayer(gone);
    this.drawn = next;
  }

  private layerOf(item: ClusterItem, client: ClusterClient, map: L.Map): L.Layer | null {
    const { lon, lat } = item;
    if (item.id !== undefined) {
      const id = item.id;
      const n = item.count ?? 0;
      const size = Math.round(Math.min(22 + 6 * Math.log10(n), 44));
      const label = this.options.clusterLabel?.(n) ?? String(n);
      const icon = L.divIcon({
        className: `cmd-cluster${(item.overdue ?? 0) > 0 ? ' overdue' : ''}`,
        html: `<span>${item.label ?? n}</span>`,
        iconSize: [size, size],
      });
      const marker = L.marker([lat, lon], { icon, title: label, alt: label, keyboard: true });
      marker.on('click', () => {
        client
          .expansionZoom(id)
          .then((zoom) => {
            if (this.map === map) map.setView([lat, lon], Math.min(zoom, map.getMaxZoom()));
          })
          .catch(() => map.setView([lat, lon], map.getZoom() + 2));
      });
      return marker;
    }
    const m = this.builtShown[item.i ?? -1];
    if (!m) return null;
    const id = m.id;
    const label = this.options.caseLabel?.(m) ?? m.code;
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({ className: `cmd-case-dot${m.isOverdue ? ' overdue' : ''}`, iconSize: [14, 14] }),
      title: label,
      alt: label,
      keyboard: true,
    });
    // The case as it is now (live events replace it in place).
    marker.on('click', () => {
      const now = this.cases.get(id);
      if (now) this.options.onSelect?.(now);
    });
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
