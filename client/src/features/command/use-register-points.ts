import {
  POINT_LAYER_TYPES,
  POINTS_MAX_SPAN,
  type RegisterPoint,
  type TPointType,
} from '@wangge/shared/schemas/register-records';
import L from 'leaflet';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { api } from '../../lib/api';
import type { CommandMap } from './use-command-map';

/** The zoom from which a place, component or organisation layer also shows its records as points. */
export const POINTS_MIN_ZOOM = 14;

/** What the control says about the points: how many, or why there are none. */
export type PointsState =
  | { status: 'none' }
  | { status: 'zoom-in' }
  | { status: 'denied' }
  | { status: 'loading' }
  | { status: 'shown'; count: number; truncated: boolean };

const PANE = 'register-points';
const COLOURS: Record<TPointType, string> = { PLACE: '#6a3d9a', THING: '#1f78b4', ORGANISATION: '#33a02c' };

/**
 * At village zoom, the located records of the chosen place, component or organisation layer
 * as points over the cells (GET /api/register/points, through the record policy: a role that
 * may not read the records gets none). A click opens the record in a popup: `describe` builds
 * it from GET /api/register/<type>/:id, as text nodes (names are typed by users).
 */
export function useRegisterPoints(
  mapRef: RefObject<CommandMap | null>,
  layer: string,
  describe: (type: TPointType, record: Record<string, unknown>) => HTMLElement,
  closeLabel: string,
): PointsState {
  const [state, setState] = useState<PointsState>({ status: 'none' });
  const describeRef = useRef(describe);
  describeRef.current = describe;
  const closeRef = useRef(closeLabel);
  closeRef.current = closeLabel;
  useEffect(() => {
    const m = mapRef.current;
    const type = layer.split(':')[0] as TPointType;
    if (!m || !(type in POINT_LAYER_TYPES)) {
      setState({ status: 'none' });
      return;
    }
    // Their own pane above the cells' and outlines' canvases (which would take the clicks), drawn
    // as SVG: at most 2,000 circles, each its own element that catches its click.
    if (!m.map.getPane(PANE)) m.map.createPane(PANE).style.zIndex = '580';
    const renderer = L.svg({ pane: PANE });
    const group = L.layerGroup().addTo(m.map);
    let asked = 0;
    const load = () => {
      const ask = ++asked;
      group.clearLayers();
      if (m.map.getZoom() < POINTS_MIN_ZOOM) {
        setState({ status: 'zoom-in' });
        return;
      }
      const c = m.map.getCenter();
      const b = m.map.getBounds();
      const half = POINTS_MAX_SPAN / 2 - 1e-6;
      const bbox = [
        Math.max(b.getWest(), c.lng - half),
        Math.max(b.getSouth(), c.lat - half),
        Math.min(b.getEast(), c.lng + half),
        Math.min(b.getNorth(), c.lat + half),
      ].map((v) => v.toFixed(6));
      setState({ status: 'loading' });
      api<{ points: RegisterPoint[]; truncated: boolean }>(
        `/api/register/points?layer=${encodeURIComponent(layer)}&bbox=${bbox.join(',')}`,
      ).then(
        ({ points, truncated }) => {
          if (ask !== asked) return;
          for (const p of points) {
            const faulty = p.state !== undefined && p.state !== 'NORMAL';
            L.circleMarker([p.lat, p.lon], {
              pane: PANE,
              renderer,
              radius: 6,
              color: '#fff',
              weight: 1.5,
              fillColor: faulty ? '#d7301f' : COLOURS[type],
              fillOpacity: 0.9,
              // A click opens the record; it must not also drill into the cell beneath.
              bubblingMouseEvents: false,
            })
              .bindTooltip(p.name)
              .on('click', (e) =>
                openRecord(m.map, e.latlng, type, p.id, describeRef.current, closeRef.current),
              )
              .addTo(group);
          }
          setState({ status: 'shown', count: points.length, truncated });
        },
        (error: { status?: number }) => {
          if (ask === asked) setState(error.status === 403 ? { status: 'denied' } : { status: 'none' });
        },
      );
    };
    load();
    m.map.on('moveend', load);
    return () => {
      asked++;
      m.map.off('moveend', load);
      group.remove();
      renderer.remove();
    };
  }, [mapRef, layer]);
  return state;
}

/** Opens a point's record in a popup: loading first, then the record (or why not). */
function openRecord(
  map: L.Map,
  at: L.LatLng,
  type: TPointType,
  id: string,
  describe: (type: TPointType, record: Record<string, unknown>) => HTMLElement,
  closeLabel: string,
) {
  const popup = L.popup().setLatLng(at).setContent('…').openOn(map);
  // Leaflet labels its close button in English.
  popup.getElement()?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', closeLabel);
  api<Record<string, unknown>>(`/api/register/${POINT_LAYER_TYPES[type]}/${id}`).then(
    (record) => popup.setContent(describe(type, record)),
    (error: Error) => {
      const p = document.createElement('p');
      p.textContent = error.message;
      popup.setContent(p);
    },
  );
}
