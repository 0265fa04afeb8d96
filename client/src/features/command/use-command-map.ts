import { type MapSettings, tileLayersOf } from '@wangge/shared/domain/base-map';
import L from 'leaflet';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { api } from '../../lib/api';
import { addTileLayers, type OutlineLevel, type UnitOutline, VectorBaseLayer } from '../../map/base-map';
import { type CaseMarker, CaseMarkerLayer } from '../../map/case-markers';
import { createGridMap, VECTOR_MAX_ZOOM } from '../../map/create-map';
import { GridLayer } from '../../map/grid-layer';

/** The Leaflet objects behind the command map. */
export interface CommandMap {
  map: L.Map;
  grid: GridLayer;
  markers: CaseMarkerLayer;
  base: VectorBaseLayer;
}

/** Which base map is showing: the vector layers only, tiles over them, or tiles that failed. */
export type BaseMapState = 'vector' | 'tiles' | 'tiles-failed';

/** What browser tests and benchmarks read from the page (the cells are pixels, not nodes). */
export interface WanggeMapHook {
  cellStyle(gridCode: string): { fillColor: string } | null;
  cellCount(): number;
  markerCount(): number;
  /** Cases passing the filters. */
  shownCount(): number;
  /** Container pixel of a case (to click it), null when not on the map. */
  pointOf(caseId: string): { x: number; y: number } | null;
  zoom(): number;
  maxZoom(): number;
  /** Centres the map without animation (tests and field support). */
  setView(lat: number, lon: number, zoom: number): void;
  baseMap(): BaseMapState;
  /** Where the case markers are clustered: in a worker, or in the page when workers fail. */
  clustering(): 'worker' | 'page' | 'none';
  /** The chosen register layer's count in a cell (0 while the cases colour the map). */
  registerCount(code: string): number;
  /** Container pixel of a position (to click a register point). */
  pixelOf(lat: number, lon: number): { x: number; y: number };
}

declare global {
  interface Window {
    /** Set while the map screen is mounted, in every build: cheap, read-only and useful in the field. */
    __wanggeMap?: WanggeMapHook;
  }
}

const fetchOutlines = (level: OutlineLevel) =>
  api<{ units: UnitOutline[] }>(`/api/grids/outlines?level=${level}`).then((d) => d.units);

/**
 * Creates the map in `element` once: the vector base map, the admin's tile layers when set
 * (read at start from GET /api/map-settings), the cells and the case markers on one canvas.
 */
export function useCommandMap(
  element: RefObject<HTMLDivElement | null>,
  onSelect: (m: CaseMarker) => void,
  clusterLabel: (n: number) => string,
  caseLabel: (m: CaseMarker) => string,
): { ref: RefObject<CommandMap | null>; baseMap: BaseMapState } {
  const ref = useRef<CommandMap | null>(null);
  const [baseMap, setBaseMap] = useState<BaseMapState>('vector');
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const labelRef = useRef({ clusterLabel, caseLabel });
  labelRef.current = { clusterLabel, caseLabel };
  useEffect(() => {
    if (!element.current) return;
    const { map, renderer } = createGridMap(element.current);
    map.setView([36.45, 115.9], 9);
    const base = new VectorBaseLayer(fetchOutlines).addTo(map);
    const grid = new GridLayer(renderer);
    grid.group.addTo(map);
    const markers = new CaseMarkerLayer({
      onSelect: (m) => onSelectRef.current(m),
      clusterLabel: (n) => labelRef.current.clusterLabel(n),
      caseLabel: (m) => labelRef.current.caseLabel(m),
    }).addTo(map);
    ref.current = { map, grid, markers, base };
    let state: BaseMapState = 'vector';
    let isGone = false;
    api<MapSettings>('/api/map-settings')
      .then((settings) => {
        const specs = tileLayersOf(settings);
        if (isGone || specs.length === 0) return;
        map.setMaxZoom(Math.max(...specs.map((s) => s.maxZoom)));
        // The tiles' owners are named (Leaflet's own prefix and flag are left out).
        L.control.attribution({ prefix: false }).addTo(map);
        state = 'tiles';
        setBaseMap(state);
        grid.setLook({ isHeat: true, hasTiles: true });
        addTileLayers(map, specs, () => {
          if (isGone) return;
          state = 'tiles-failed';
          setBaseMap(state);
          map.setMaxZoom(VECTOR_MAX_ZOOM);
          grid.setLook({ isHeat: true, hasTiles: false });
        });
      })
      .catch(() => {}); // the vector map needs no settings
    window.__wanggeMap = {
      cellStyle: (code) => grid.styleOf(code),
      cellCount: () => grid.size,
      markerCount: () => markers.size,
      shownCount: () => markers.shownCount,
      pointOf: (id) => markers.pointOf(id),
      zoom: () => map.getZoom(),
      setView: (lat, lon, zoom) => {
        map.setView([lat, lon], zoom, { animate: false });
      },
      maxZoom: () => map.getMaxZoom(),
      baseMap: () => state,
      clustering: () => markers.clustering,
      registerCount: (code) => grid.registerCountOf(code),
      pixelOf: (lat, lon) => map.latLngToContainerPoint([lat, lon]),
    };
    return () => {
      isGone = true;
      // Leaving mid-animation (a drill-down's flight) must not let it run on a removed map.
      map.stop();
      map.off();
      // The map first: removing layers from a live map asks its canvases for a redraw that
      // could land after they are gone (Leaflet then draws on a deleted context).
      map.remove();
      markers.remove();
      base.remove();
      ref.current = null;
      delete window.__wanggeMap;
    };
  }, [element]);
  return { ref, baseMap };
}
