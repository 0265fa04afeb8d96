import { useEffect, useState } from 'react';
import { D } from '../../lib/D';
import { navigate } from '../../lib/router';
import { useAuth } from '../auth/auth';
import { fetchUnit, type UnitView } from '../command/map-data';
import { presetPeriod } from '../metrics/metrics-api';
import { PeriodPicker } from '../metrics/PeriodPicker';
import { DashboardView } from './DashboardView';
import { useDashboardText } from './messages';
import './dashboard.css';

const CITY = '371500000000';

/** 领导驾驶舱 (#/dashboard/UNIT): the dashboard of the caller's unit or one below, over a period. */
export default function DashboardScreen({ params }: { params: string[] }) {
  const { text: dt } = useDashboardText();
  const { me } = useAuth();
  const home = me?.unitCode ?? CITY;
  const unit = params[0] ?? home;
  const [period, setPeriod] = useState(() => presetPeriod('thisMonth'));
  const [view, setView] = useState<UnitView | null>(null);
  useEffect(() => {
    fetchUnit(unit).then(setView, () => setView(null));
  }, [unit]);
  // Units above home are shown but not linked: their figures are outside the jurisdiction.
  const homeIndex = view ? view.chain.findIndex((u) => u.code === home) : -1;
  const go = (code: string) => navigate(`/dashboard/${code}`);
  const bad = period.from > period.to;
  return (
    <div className="dash-screen">
      <header className="dash-head row">
        <h1>{dt('title')}</h1>
        <nav className="dash-crumbs" aria-label={dt('unit')}>
          {view?.chain.map((u, i) =>
            u.code === view.code || i < homeIndex ? (
              <strong key={u.code} aria-current={u.code === view.code ? 'page' : undefined}>
                <D>{u.name}</D>
              </strong>
            ) : (
              <button key={u.code} type="button" className="link" onClick={() => go(u.code)}>
                <D>{u.name}</D>
              </button>
            ),
          )}
          {view && view.children.length > 0 && (
            <select aria-label={dt('unit')} value="" onChange={(e) => e.target.value && go(e.target.value)}>
              <option value="">{dt('unit')}…</option>
              {view.children.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </nav>
        <a className="dash-wall-link" href={`#/wall/${unit}`}>
          {dt('openWall')}
        </a>
      </header>
      <PeriodPicker value={period} onChange={setPeriod} />
      {!bad && <DashboardView unit={unit} period={period} />}
    </div>
  );
}
