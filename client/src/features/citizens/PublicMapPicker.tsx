import type { TLocation } from '@wangge/shared/schemas/common';
import type L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { api } from '../../lib/api';
import { type OutlineLevel, type UnitOutline, VectorBaseLayer } from '../../map/base-map';
import { createSmallMap, pointMarker } from '../../map/create-map';

/** Counties and townships only: cells and villages are not public (GET /api/public/outlines). */
const loadOutlines = (level: OutlineLevel) =>
  level === 'village'
    ? Promise.resolve([])
    : api<{ units: UnitOutline[] }>(`/api/public/outlines?level=${level}`).then((d) => d.units);

interface Props {
  point: TLocation | null;
  onPick(point: TLocation): void;
  label: string;
}

/** The public page's map: the city's outlines drawn from the data; a tap picks the place. */
export function PublicMapPicker({ point, onPick, label }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!el.current) return;
    const m = createSmallMap(el.current, [36.45, 115.98], 9);
    const base = new VectorBaseLayer(loadOutlines).addTo(m);
    base.start();
    m.on('click', (e: L.LeafletMouseEvent) =>
      pick.current({ lon: Number(e.latlng.lng.toFixed(6)), lat: Number(e.latlng.lat.toFixed(6)) }),
    );
    map.current = m;
    return () => {
      base.remove();
      m.remove();
      map.current = null;
      marker.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    marker.current?.remove();
    marker.current = null;
    if (!point) return;
    marker.current = pointMarker(point.lat, point.lon).addTo(m);
    // From the city view (or the phone's position) the map closes in on the point, so a second
    // tap can place it to the house; a tap once close in leaves the view where it is.
    if (m.getZoom() < 15 || !m.getBounds().contains([point.lat, point.lon]))
      m.setView([point.lat, point.lon], 16);
  }, [point]);

  return (
    <div ref={el} className="public-map" data-testid="public-map" role="application" aria-label={label} />
  );
}
