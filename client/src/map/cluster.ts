/** Items that fell into one screen-space bin, drawn as one marker at their mean position. */
export interface Cluster<T> {
  items: T[];
  x: number;
  y: number;
}

/**
 * Grid-based clustering: items are binned by their projected pixel position into squares of
 * `cellPx`; each non-empty bin becomes one cluster. O(n), no dependency; recomputed per zoom
 * level only (panning does not move pixel positions relative to each other).
 */
export function clusterByGrid<T>(
  items: Iterable<T>,
  project: (item: T) => { x: number; y: number },
  cellPx: number,
): Cluster<T>[] {
  const bins = new Map<string, Cluster<T>>();
  for (const item of items) {
    const p = project(item);
    const key = `${Math.floor(p.x / cellPx)}:${Math.floor(p.y / cellPx)}`;
    const bin = bins.get(key);
    if (bin) {
      bin.items.push(item);
      bin.x += p.x;
      bin.y += p.y;
    } else bins.set(key, { items: [item], x: p.x, y: p.y });
  }
  const clusters = [...bins.values()];
  for (const c of clusters) {
    c.x /= c.items.length;
    c.y /= c.items.length;
  }
  return clusters;
}
