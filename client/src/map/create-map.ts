import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

/**
 * A Leaflet map with one canvas renderer for cells and markers, and no base tiles unless a
 * tile URL is given: the cells are the map (there may be no internet where this runs).
 *
 * Tiles must be in WGS84 to line up with the cells: 天地图 Tianditu (CGCS2000, within
 * centimetres of WGS84) does, e.g.
 * `https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=<key>`.
 * GCJ-02 tiles (AMap/高德, Tencent) would sit hundreds of metres off the cells.
 */
export function createGridMap(element: HTMLElement, options: { tileUrl?: string | undefined } = {}) {
  // padding 0.5: half a screen drawn beyond each edge, so short pans need no redraw.
  const renderer = L.canvas({ padding: 0.5, tolerance: 4 });
  const map = L.map(element, {
    renderer,
    preferCanvas: true,
    attributionControl: false,
    zoomControl: false,
    zoomSnap: 0.25,
    minZoom: 6,
    maxZoom: 18,
  });
  addZoomControl(map);
  if (options.tileUrl) L.tileLayer(options.tileUrl, { maxZoom: 18, opacity: 0.7 }).addTo(map);
  return { map, renderer };
}

/**
 * Leaflet's +/− buttons with their names in the page's language (Leaflet's own are English):
 * screen readers announce them, and a Chinese screen must not say "Zoom in".
 */
export function addZoomControl(map: L.Map) {
  const en = document.documentElement.lang === 'en';
  L.control.zoom({ zoomInTitle: en ? 'Zoom in' : '放大', zoomOutTitle: en ? 'Zoom out' : '缩小' }).addTo(map);
}

/** A small map (a form's or a case's): canvas, no attribution, localized zoom buttons. */
export function createSmallMap(element: HTMLElement, center: [number, number], zoom: number) {
  const map = L.map(element, {
    renderer: L.canvas(),
    attributionControl: false,
    zoomControl: false,
    center,
    zoom,
  });
  addZoomControl(map);
  return map;
}

/** The red dot of a case's or a report's point. */
export const pointMarker = (lat: number, lon: number) =>
  L.circleMarker([lat, lon], { radius: 8, color: '#fff', weight: 2, fillColor: '#c62828', fillOpacity: 1 });
