import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

/**
 * Highest zoom with no tiles: the cells and outlines are all there is, and beyond this a cell
 * fills the screen (a uniform colour that reads as "blank"). With tiles, their own maximum.
 */
export const VECTOR_MAX_ZOOM = 16;

/**
 * Leaflet 1.9's canvas renderer, minus a teardown race: a redraw queued by a view change that
 * settles while the screen is being left (a zoom transition's timer, a resize's frame) can run
 * after `map.remove()` destroyed the canvas, and throws "reading 'save'" / "'clearRect'" from
 * a page nobody looks at any more (Leaflet #6030, #9575; seen once by every-screen in CI). Such
 * a redraw has nothing to draw on, so it is skipped.
 */
const SafeCanvas = L.Canvas.extend({
  _redraw(this: L.Canvas & { _ctx?: CanvasRenderingContext2D }) {
    if (this._ctx) (L.Canvas.prototype as unknown as { _redraw(): void })._redraw.call(this);
  },
  _updatePaths(this: L.Canvas & { _ctx?: CanvasRenderingContext2D }) {
    if (this._ctx) (L.Canvas.prototype as unknown as { _updatePaths(): void })._updatePaths.call(this);
  },
}) as unknown as new (
  options?: L.RendererOptions,
) => L.Canvas;

/** A canvas renderer for every map of the app (see {@link SafeCanvas}). */
export const canvasRenderer = (options?: L.RendererOptions): L.Canvas => new SafeCanvas(options);

/**
 * A Leaflet map with one canvas renderer for cells and markers, on a paper-coloured background
 * (never Leaflet's blank grey): the base map is the vector layers drawn from the data
 * (base-map.ts), with tile layers only when an admin configured them at run time
 * (GET /api/map-settings). Tiles must be WGS84/CGCS2000 like 天地图's `_w` sets to line up with
 * the cells; GCJ-02 tiles (AMap/高德, Tencent) would sit hundreds of metres off.
 */
export function createGridMap(element: HTMLElement, options: { maxZoom?: number } = {}) {
  // padding 0.5: half a screen drawn beyond each edge, so short pans need no redraw.
  const renderer = canvasRenderer({ padding: 0.5, tolerance: 4 });
  element.classList.add('grid-map');
  const map = L.map(element, {
    renderer,
    preferCanvas: true,
    attributionControl: false,
    zoomControl: false,
    zoomSnap: 0.25,
    minZoom: 6,
    maxZoom: options.maxZoom ?? VECTOR_MAX_ZOOM,
  });
  addZoomControl(map);
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
    renderer: canvasRenderer(),
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
