import Supercluster from 'supercluster';

/** The open cases to cluster, as columns (transferable to a worker without copying). */
export interface ClusterColumns {
  lons: Float64Array;
  lats: Float64Array;
  /** 1 where the case is overdue. */
  overdue: Uint8Array;
}

/** One thing to draw: a cluster (`id`, `count`) or a single case (`i`, its index in the columns). */
export interface ClusterItem {
  lon: number;
  lat: number;
  /** Cluster id (only within the build that produced it). */
  id?: number;
  count?: number;
  /** `point_count_abbreviated`: 1.2k … */
  label?: string;
  /** How many of the cluster's cases are overdue. */
  overdue?: number;
  /** A single case: its row in the columns. */
  i?: number;
}

/** Beyond this zoom every case is its own point (supercluster's maxZoom). */
export const CLUSTER_MAX_ZOOM = 15;
/** No map zooms out further (create-map.ts `minZoom`): coarser levels are never asked for. */
export const CLUSTER_MIN_ZOOM = 6;

type PointProps = { i: number };
type ClusterProps = { overdue: number };

/**
 * The open cases' cluster index (supercluster: a KD-tree per zoom level) over columns. Runs in
 * the cluster worker (cluster-worker.ts), or in the page where there are no workers.
 */
export class ClusterIndex {
  private index: Supercluster<PointProps, ClusterProps> | null = null;

  /** Builds the index; returns the milliseconds it took. */
  build({ lons, lats, overdue }: ClusterColumns): number {
    const t0 = performance.now();
    const index = new Supercluster<PointProps, ClusterProps>({
      radius: 60,
      minZoom: CLUSTER_MIN_ZOOM,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (p) => ({ overdue: overdue[p.i] ?? 0 }),
      reduce: (acc, p) => {
        acc.overdue += p.overdue;
      },
    });
    const points = new Array(lons.length);
    for (let i = 0; i < lons.length; i++)
      points[i] = {
        type: 'Feature',
        properties: { i },
        geometry: { type: 'Point', coordinates: [lons[i], lats[i]] },
      };
    index.load(points);
    this.index = index;
    return performance.now() - t0;
  }

  /** What to draw in a box (west, south, east, north) at a zoom. */
  clusters(bbox: [number, number, number, number], zoom: number): ClusterItem[] {
    if (!this.index) return [];
    return this.index.getClusters(bbox, zoom).map((f) => {
      const [lon = 0, lat = 0] = f.geometry.coordinates;
      const p = f.properties;
      return 'cluster' in p && p.cluster
        ? {
            lon,
            lat,
            id: p.cluster_id,
            count: p.point_count,
            label: String(p.point_count_abbreviated),
            overdue: p.overdue,
          }
        : { lon, lat, i: (p as PointProps).i };
    });
  }

  /** The zoom at which a cluster splits. */
  expansionZoom(id: number): number {
    return this.index ? this.index.getClusterExpansionZoom(id) : CLUSTER_MAX_ZOOM + 1;
  }
}
