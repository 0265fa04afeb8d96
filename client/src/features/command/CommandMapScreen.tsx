import L from 'leaflet';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { CaseMarker } from '../../map/case-markers';
import { DashboardDock } from '../dashboard/DashboardDock';
import { Headline, Legend } from './Headline';
import { LiveFeed } from './LiveFeed';
import {
  childUnitOf,
  fetchGrids,
  fetchMarkers,
  fetchStats,
  fetchUnit,
  type GridStats,
  isCellIn,
  type UnitView,
} from './map-data';
import { useCommandText } from './messages';
import { UnitPanel } from './UnitPanel';
import './command.css';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useCommandMap } from './use-command-map';
import { useLiveMap } from './use-live-map';
import { useThrottled } from './use-throttle';

/** 综治一张图: the jurisdiction's cells coloured by open/overdue cases, drill-down, live feed. */
export function CommandMapScreen() {
  const { state } = useI18n();
  const ct = useCommandText();
  const element = useRef<HTMLDivElement>(null);
  const describe = (m: CaseMarker) => `${m.code} · ${state(m.state)}`;
  const mapRef = useCommandMap(element, describe);
  const [home, setHome] = useState<string | null>(null);
  const [unit, setUnit] = useState<UnitView | null>(null);
  const [totals, setTotals] = useState<GridStats['totals'] | null>(null);
  const [info, setInfo] = useState({ cells: 0, markers: 0, isTruncated: false });
  const [error, setError] = useState<unknown>(null);
  const unitRef = useRef<UnitView | null>(null);
  unitRef.current = unit;

  /** Totals of the current unit, and its cells' colours reconciled with the server. */
  const refreshStats = useCallback(async () => {
    const u = unitRef.current;
    const stats = await fetchStats(u?.code ?? null);
    if (unitRef.current !== u) return; // the user drilled meanwhile
    mapRef.current?.grid.setCounts(stats.cells, (f) => isCellIn(f, u));
    setTotals(stats.totals);
  }, [mapRef]);
  const refresh = useThrottled(() => void refreshStats().catch(() => {}), 1000);
  const feed = useLiveMap(mapRef, refresh);

  useEffect(() => {
    let isCancelled = false;
    Promise.all([fetchGrids(), fetchStats(null), fetchMarkers(null)])
      .then(async ([features, stats, markers]) => {
        const m = mapRef.current;
        if (isCancelled || !m) return;
        m.grid.setCounts(stats.cells);
        m.grid.setCells(features);
        m.markers.setAll(markers.markers);
        const bounds = m.grid.boundsOf();
        if (bounds) m.map.fitBounds(bounds, { padding: [8, 8], animate: false });
        setTotals(stats.totals);
        setHome(stats.unitCode);
        setInfo({
          cells: features.length,
          markers: markers.markers.length,
          isTruncated: markers.isTruncated,
        });
        const u = await fetchUnit(stats.unitCode);
        if (!isCancelled) setUnit(u);
      })
      .catch((e: Error) => setError(e));
    // Overdue is time-based: reconcile now and then even without events.
    const timer = setInterval(refresh, 60_000);
    return () => {
      isCancelled = true;
      clearInterval(timer);
    };
  }, [mapRef, refresh]);

  const goTo = useCallback(
    async (code: string) => {
      const u = await fetchUnit(code);
      unitRef.current = u;
      setUnit(u);
      setTotals(null); // never the previous unit's figures under this unit's name
      const m = mapRef.current;
      const bounds = m?.grid.boundsOf((f) => isCellIn(f, u));
      if (m && bounds) m.map.flyToBounds(bounds, { padding: [16, 16], duration: 0.6 });
      await refreshStats();
    },
    [mapRef, refreshStats],
  );

  const zoomToCell = useCallback(
    (code: string) => {
      const m = mapRef.current;
      const bounds = m?.grid.boundsOf((f) => f.properties.code === code);
      if (!m || !bounds) return;
      m.map.flyToBounds(bounds, { maxZoom: 16, duration: 0.6 });
      const c = m.grid.countsOf(code);
      const name = m.grid.feature(code)?.properties.name ?? code;
      L.popup()
        .setLatLng(bounds.getCenter())
        .setContent(`${name}<br>${ct('open')} ${c.open} · ${ct('overdue')} ${c.overdue}`)
        .openOn(m.map);
    },
    [mapRef, ct],
  );

  // A click on a cell drills one level down to the unit that holds it (at a village: the cell).
  useEffect(() => {
    const m = mapRef.current;
    if (!m) return;
    const onClick = (e: L.LeafletMouseEvent) => {
      const code = m.grid.cellAt(e.latlng);
      const f = code ? m.grid.feature(code) : undefined;
      if (!code || !f || !unit) return;
      const child = childUnitOf(f, unit);
      if (child) void goTo(child).catch((err: Error) => setError(err));
      else zoomToCell(code);
    };
    m.map.on('click', onClick);
    return () => {
      m.map.off('click', onClick);
    };
  }, [mapRef, unit, goTo, zoomToCell]);

  const grid = mapRef.current?.grid;
  const villageCells = grid && unit?.level === 'VILLAGE' ? grid.cellsWhere((f) => isCellIn(f, unit)) : [];
  // The footer counts the unit the headline shows (the map keeps the city's cells around it).
  const unitCells = useMemo(
    () =>
      grid && unit && unit.level !== 'CITY' ? grid.cellsWhere((f) => isCellIn(f, unit)).length : info.cells,
    [grid, unit, info.cells],
  );

  return (
    <div className="cmd">
      <h1 className="visually-hidden">{ct('title')}</h1>
      <Headline totals={totals} />
      <div className="cmd-body">
        <div className="cmd-map-wrap">
          <div ref={element} className="cmd-map" data-testid="map" data-unit={unit?.code ?? ''} />
          {info.cells === 0 && !error && <p className="cmd-overlay">{ct('loadingCells')}</p>}
          {error !== null && (
            <div className="cmd-overlay">
              <ErrorNotice error={error} testId="map-error" />
            </div>
          )}
          <DashboardDock unit={unit?.code ?? null} />
          <div className="cmd-map-foot">
            <Legend />
            <span className="muted">
              <span data-testid="foot-cells">{unitCells.toLocaleString()}</span> {ct('cellCount')} ·{' '}
              <span data-testid="foot-open">{totals ? totals.open.toLocaleString() : '…'}</span>{' '}
              {ct('caseCount')}
              {info.isTruncated && ` · ${ct('truncated')}`}
            </span>
          </div>
        </div>
        <aside className="cmd-side">
          <UnitPanel
            unit={unit}
            home={home}
            cells={villageCells}
            onUnit={(c) => void goTo(c).catch((e: Error) => setError(e))}
            onCell={zoomToCell}
          />
          <LiveFeed items={feed} />
        </aside>
      </div>
    </div>
  );
}
