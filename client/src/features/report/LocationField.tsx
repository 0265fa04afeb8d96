import type { TLocation } from '@wangge/shared/schemas/common';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../../lib/api';
import { D } from '../../lib/D';
import { PlaceSearch } from '../places/PlaceSearch';
import '../places/places.css';
import { type CellFeature, type ResolvedCell, resolveCell } from './grid-cells';
import { MapPicker } from './MapPicker';
import { useReportText } from './messages';

interface Props {
  point: TLocation | null;
  onChange(point: TLocation): void;
  cells: CellFeature[];
  ownCells: string[];
}

type Resolution =
  | { kind: 'none' | 'busy' }
  | { kind: 'cell'; cell: ResolvedCell }
  | { kind: 'error'; message: string };

/** Location by GPS, a tap on the map or typed coordinates, with the grid cell it falls in. */
export function LocationField({ point, onChange, cells, ownCells }: Props) {
  const { rt } = useReportText();
  const [gps, setGps] = useState<'idle' | 'busy' | string>('idle');
  const [resolution, setResolution] = useState<Resolution>({ kind: 'none' });
  const [manual, setManual] = useState({ lon: '', lat: '' });
  /** The point a place search chose: the map centres on it (a click still fine-tunes). */
  const [focus, setFocus] = useState<TLocation | null>(null);

  useEffect(() => {
    if (!point) {
      // A new report: the typed coordinates go with the old point.
      setResolution({ kind: 'none' });
      setManual({ lon: '', lat: '' });
      return;
    }
    setManual({ lon: String(point.lon), lat: String(point.lat) });
    let live = true;
    setResolution({ kind: 'busy' });
    resolveCell(point, cells)
      .then((cell) => live && setResolution({ kind: 'cell', cell }))
      .catch((e: unknown) => {
        if (!live) return;
        const outside = e instanceof ApiError && e.code === 'LOCATION_OUTSIDE_GRID';
        setResolution({ kind: 'error', message: outside ? rt('outsideGrid') : String((e as Error).message) });
      });
    return () => {
      live = false;
    };
  }, [point, cells, rt]);

  const useGps = () => {
    if (!('geolocation' in navigator)) return setGps(rt('gpsUnsupported'));
    setGps('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGps('idle');
        onChange({
          lon: Number(pos.coords.longitude.toFixed(6)),
          lat: Number(pos.coords.latitude.toFixed(6)),
        });
      },
      (err) => setGps(err.code === err.PERMISSION_DENIED ? rt('gpsDenied') : rt('gpsUnavailable')),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  };

  const applyManual = (e: FormEvent) => {
    e.preventDefault();
    const lon = Number(manual.lon);
    const lat = Number(manual.lat);
    if (manual.lon.trim() && manual.lat.trim() && Number.isFinite(lon) && Number.isFinite(lat))
      onChange({ lon, lat });
  };

  return (
    <fieldset className="report-location">
      <legend>{rt('location')}</legend>
      <button type="button" onClick={useGps} disabled={gps === 'busy'}>
        {gps === 'busy' ? rt('locating') : rt('useGps')}
      </button>
      {gps !== 'idle' && gps !== 'busy' && (
        <p className="error" role="alert">
          {gps}
        </p>
      )}
      <PlaceSearch
        onPick={(hit) => {
          const [lon, lat] = hit.point;
          setFocus({ lon, lat });
          onChange({ lon, lat });
        }}
      />
      <p className="muted small">{rt(ownCells.length > 0 ? 'mapHint' : 'mapHintAny')}</p>
      <MapPicker cells={cells} ownCells={ownCells} point={point} focus={focus} onPick={onChange} />
      <div className="report-manual">
        <span className="muted small">{rt('manual')}</span>
        <input
          name="lon"
          inputMode="decimal"
          placeholder={rt('lon')}
          aria-label={rt('lon')}
          value={manual.lon}
          onChange={(e) => setManual({ ...manual, lon: e.target.value })}
          onKeyDown={(e) => e.key === 'Enter' && applyManual(e)}
        />
        <input
          name="lat"
          inputMode="decimal"
          placeholder={rt('lat')}
          aria-label={rt('lat')}
          value={manual.lat}
          onChange={(e) => setManual({ ...manual, lat: e.target.value })}
          onKeyDown={(e) => e.key === 'Enter' && applyManual(e)}
        />
        <button type="button" onClick={applyManual} data-testid="set-point">
          {rt('setPoint')}
        </button>
      </div>
      <div
        className="report-cell"
        data-testid="resolved-grid"
        data-code={resolution.kind === 'cell' ? resolution.cell.code : ''}
      >
        {resolution.kind === 'none' && <span className="muted">{rt('noLocation')}</span>}
        {resolution.kind === 'busy' && <span className="muted">{rt('resolving')}</span>}
        {resolution.kind === 'cell' && (
          <>
            {rt('gridCell')}
            <strong>
              <D>{resolution.cell.name}</D>
            </strong>{' '}
            <code>{resolution.cell.code}</code>
            {resolution.cell.isEstimate && <span className="muted small"> {rt('gridOffline')}</span>}
          </>
        )}
        {resolution.kind === 'error' && <span className="error">{resolution.message}</span>}
      </div>
    </fieldset>
  );
}
