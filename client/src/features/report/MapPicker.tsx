import type { TLocation } from '@wangge/shared/schemas/common';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { createSmallMap, pointMarker } from '../../map/create-map';
import type { CellFeature } from './grid-cells';

interface Props {
  cells: CellFeature[];
  ownCells: string[];
  point: TLocation | null;
  /** A point to centre on (a place chosen by name), closer in. */
  focus?: TLocation | null;
  onPick(point: TLocation): void;
}

/** The zoom a place chosen by name is shown at: a street's width. */
const FOCUS_ZOOM = 16;

/** A small canvas-rendered map of the user's cells; a tap picks the location. */
export function MapPicker({ cells, ownCells, point, focus, onPick }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!el.current) return;
    const m = createSmallMap(el.current, [36.45, 115.98], 12);
    m.on('click', (e: L.LeafletMouseEvent) =>
      pick.current({ lon: Number(e.latlng.lng.toFixed(6)), lat: Number(e.latlng.lat.toFixed(6)) }),
    );
    // Where the map is centred, for a test or a screen reader's tooling to read back.
    m.on('moveend', () => {
      const c = m.getCenter();
      el.current?.setAttribute('data-center', `${c.lng.toFixed(6)},${c.lat.toFixed(6)}`);
    });
    map.current = m;
    return () => {
      // Its own handlers off first: removing the map ends a move ('moveend'), and reading the
      // centre of a removed map throws.
      m.off();
      m.remove();
      map.current = null;
      marker.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || cells.length === 0) return;
    const own = new Set(ownCells);
    const layer = L.geoJSON({ type: 'FeatureCollection', features: cells } as GeoJSON.FeatureCollection, {
      style: (f) => {
        const mine = own.has(String(f?.properties?.code));
        return {
          color: mine ? '#c62828' : '#78909c',
          weight: mine ? 2.5 : 1,
          fillOpacity: mine ? 0.12 : 0.04,
        };
      },
      interactive: false,
    }).addTo(m);
    const ownLayer = L.geoJSON({
      type: 'FeatureCollection',
      features: cells.filter((c) => own.has(c.properties.code)),
    } as GeoJSON.FeatureCollection);
    const bounds = ownLayer.getLayers().length ? ownLayer.getBounds() : layer.getBounds();
    if (bounds.isValid()) m.fitBounds(bounds.pad(0.3));
    return () => {
      layer.remove();
    };
  }, [cells, ownCells]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    marker.current?.remove();
    marker.current = null;
    if (!point) return;
    marker.current = pointMarker(point.lat, point.lon).addTo(m);
    if (!m.getBounds().contains([point.lat, point.lon])) m.panTo([point.lat, point.lon]);
  }, [point]);

  useEffect(() => {
    if (focus) map.current?.setView([focus.lat, focus.lon], FOCUS_ZOOM);
  }, [focus]);

  return <div ref={el} className="report-map" data-testid="report-map" />;
}
