import type L from 'leaflet';
import { type RefObject, useEffect, useRef } from 'react';
import { type CaseMarker, CaseMarkerLayer } from '../../map/case-markers';
import { createGridMap } from '../../map/create-map';
import { GridLayer } from '../../map/grid-layer';

/** The Leaflet objects behind the command map. */
export interface CommandMap {
  map: L.Map;
  grid: GridLayer;
  markers: CaseMarkerLayer;
}

/** What browser tests and benchmarks read from the page (the cells are pixels, not nodes). */
export interface WanggeMapHook {
  cellStyle(gridCode: string): { fillColor: string } | null;
  cellCount(): number;
  markerCount(): number;
}

declare global {
  interface Window {
    /** Set while the map screen is mounted, in every build: cheap, read-only and useful in the field. */
    __wanggeMap?: WanggeMapHook;
  }
}

/** Creates the map in `element` once, with the cell and marker layers on one canvas. */
export function useCommandMap(
  element: RefObject<HTMLDivElement | null>,
  describe: (m: CaseMarker) => string,
): RefObject<CommandMap | null> {
  const ref = useRef<CommandMap | null>(null);
  const describeRef = useRef(describe);
  describeRef.current = describe;
  useEffect(() => {
    if (!element.current) return;
    const { map, renderer } = createGridMap(element.current, { tileUrl: import.meta.env.VITE_TILE_URL });
    map.setView([36.45, 115.9], 9);
    const grid = new GridLayer(renderer);
    grid.group.addTo(map);
    const markers = new CaseMarkerLayer(renderer, { describe: (m) => describeRef.current(m) }).addTo(map);
    ref.current = { map, grid, markers };
    window.__wanggeMap = {
      cellStyle: (code) => grid.styleOf(code),
      cellCount: () => grid.size,
      markerCount: () => markers.size,
    };
    return () => {
      // Leaving mid-animation (a drill-down's flight) must not let it run on a removed map.
      map.stop();
      map.off();
      markers.remove();
      map.remove();
      ref.current = null;
      delete window.__wanggeMap;
    };
  }, [element]);
  return ref;
}
