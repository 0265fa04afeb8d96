import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { api } from '../../lib/api';
import { createSmallMap, pointMarker } from '../../map/create-map';

/** Where the case is: its point inside its cell's outline (the cell is left out if not visible to the viewer). */
export function CaseMap({ gridCode, lon, lat }: { gridCode: string; lon: number; lat: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const m = createSmallMap(el.current, [lat, lon], 16);
    pointMarker(lat, lon).addTo(m);
    let live = true;
    api<{ geometry: GeoJSON.Geometry }>(`/api/grids/${gridCode}`)
      .then((g) => {
        if (!live) return;
        const outline = L.geoJSON(g.geometry, {
          style: { color: '#1565c0', weight: 2, fillOpacity: 0.06 },
          interactive: false,
        });
        outline.addTo(m);
        // No animation: the page may leave (and remove the map) while it would still run.
        m.fitBounds(outline.getBounds(), { padding: [12, 12], maxZoom: 17, animate: false });
      })
      .catch(() => undefined); // the point alone still says where
    return () => {
      live = false;
      m.remove();
    };
  }, [gridCode, lon, lat]);
  return <div ref={el} className="case-map" data-testid="case-map" />;
}
