import L from 'leaflet';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { CaseMarker } from '../../map/case-markers';
import { DashboardDock } from '../dashboard/DashboardDock';
import { CasePanel } from './CasePanel';
import { Headline, Legend } from './Headline';
import { LiveFeed } from './LiveFeed';
import { MapToolbar, type MarkerFilter, NO_FILTER } from './MapToolbar';
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
import { type SearchHit, searchMap } from './map-search';
import { useCommandText } from './messages';
import { RegisterLayerControl } from './RegisterLayerControl';
import { UnitPanel } from './UnitPanel';
import './command.css';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { describeRecord } from './register-point-popup';
import { useCommandMap } from './use-command-map';
import { useLiveMap } from './use-live-map';
import { useRegisterLayer } from './use-register-layer';
import { useRegisterPoints } from './use-register-points';
import { useThrottled } from './use-throttle';

const matches = (f: MarkerFilter) => (m: CaseMarker) =>
  (!f.category || m.categoryCode.startsWith(f.category)) &&
  (!f.state || m.state === f.state) &&
  (!f.isOverdueOnly || m.isOverdue);

/**
 * 综治一张图: the jurisdiction's cells coloured by open/overdue cases on a base map that works
 * offline, drill-down, search, marker filters, the live feed, and the case beside the map.
 */
export function CommandMapScreen() {
  const ct = useCommandText();
  const { state, locale } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const [caseId, setCaseId] = useState<string | null>(null);
  const [filter, setFilter] = useState<MarkerFilter>(NO_FILTER);
  const [isHeat, setHeat] = useState(true);
  const { ref: mapRef, baseMap } = useCommandMap(
    element,
    (m) => setCaseId(m.id),
    (n) => ct('cluster').replace('{n}', String(n)),
    (m) => `${m.code} · ${state(m.state)}`,
  );
  const [home, setHome] = useState<string | null>(null);
  const [unit, setUnit] = useState<UnitView | null>(null);
  const [totals, setTotals] = useState<GridStats['totals'] | null>(null);
  const [info, setInfo] = useState({ cells: 0, markers: 0, isTruncated: false });
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState(0);
  const [zoomedCell, setZoomedCell] = useState<string | null>(null);
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
  const registerLayer = useRegisterLayer(mapRef, home);
  const registerPoints = useRegisterPoints(
    mapRef,
    registerLayer.layer,
    (type, record) => describeRecord(locale === 'en' ? 'en' : 'zh', type, record),
    ct('close'),
  );

  useEffect(() => {
    let isCancelled = false;
    Promise.all([fetchGrids(), fetchStats(null), fetchMarkers(null)])
      .then(async ([features, stats, markers]) => {
        const m = mapRef.current;
        if (isCancelled || !m) return;
        // The cases first: their index is built in the cluster worker while the page builds
        // the cells. Then the cells, before setCounts (it only records counts of cells held).
        void m.markers.setAll(markers.markers);
        m.grid.setCells(features);
        m.grid.setCounts(stats.cells);
        m.base.start();
        setShown(m.markers.shownCount);
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
      m.map.once('moveend', () => setZoomedCell(code));
      const c = m.grid.countsOf(code);
      const name = m.grid.feature(code)?.properties.name ?? code;
      L.popup()
        .setLatLng(bounds.getCenter())
        .setContent(`${name}<br>${ct('open')} ${c.open} · ${ct('overdue')} ${c.overdue}`)
        .openOn(m.map);
    },
    [mapRef, ct],
  );

  useEffect(() => {
    const m = mapRef.current;
    if (!m) return;
    m.markers.setFilter(matches(filter));
    setShown(m.markers.shownCount);
  }, [mapRef, filter]);
  useEffect(() => {
    mapRef.current?.grid.setLook({ isHeat, hasTiles: baseMap === 'tiles' });
  }, [mapRef, isHeat, baseMap]);

  const onSearch = useCallback(
    (text: string) => (mapRef.current ? searchMap(mapRef.current, text) : Promise.resolve([])),
    [mapRef],
  );
  const onPick = useCallback(
    (hit: SearchHit) => {
      const m = mapRef.current;
      if (!m) return;
      if (hit.kind === 'cell') zoomToCell(hit.code);
      else if (hit.kind === 'case' && hit.caseId) {
        setCaseId(hit.caseId);
        const marker = m.markers.get(hit.caseId);
        if (marker) m.map.setView([marker.lat, marker.lon], Math.max(m.map.getZoom(), 15));
      } else void goTo(hit.code).catch((e: Error) => setError(e));
    },
    [mapRef, zoomToCell, goTo],
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
  const openCase = useMemo(() => (id: string) => setCaseId(id), []);

  return (
    <div className="cmd">
      <h1 className="visually-hidden">{ct('title')}</h1>
      <Headline totals={totals} />
      <MapToolbar
        filter={filter}
        onFilter={setFilter}
        isHeat={isHeat}
        onHeat={setHeat}
        onSearch={onSearch}
        onPick={onPick}
      />
      <RegisterLayerControl state={registerLayer} points={registerPoints} />
      <div className="cmd-body">
        <div className="cmd-map-wrap">
          <div
            ref={element}
            className="cmd-map"
            data-testid="map"
            data-unit={unit?.code ?? ''}
            data-cell={zoomedCell ?? ''}
            data-base={baseMap}
          />
          {baseMap === 'tiles-failed' && (
            <p className="cmd-map-note" role="status">
              {ct('tilesFailed')}
            </p>
          )}
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
              {filter !== NO_FILTER && ` · ${shown.toLocaleString()} ${ct('shown')}`}
              {info.isTruncated && ` · ${ct('truncated')}`}
            </span>
          </div>
        </div>
        <aside className="cmd-side">
          {caseId && <CasePanel caseId={caseId} onClose={() => setCaseId(null)} />}
          <UnitPanel
            unit={unit}
            home={home}
            cells={villageCells}
            onUnit={(c) => void goTo(c).catch((e: Error) => setError(e))}
            onCell={zoomToCell}
          />
          <LiveFeed items={feed} onOpen={openCase} />
        </aside>
      </div>
    </div>
  );
}
