import { useState } from 'react';
import { presetPeriod } from '../metrics/metrics-api';
import { DashboardView } from './DashboardView';
import { useDashboardText } from './messages';
import './dashboard.css';

/** The dashboard of this month in a panel over the command map (loaded lazily by DashboardDock). */
export default function DashboardPanel({ unit, onClose }: { unit: string | null; onClose(): void }) {
  const { text: dt } = useDashboardText();
  const [period] = useState(() => presetPeriod('thisMonth'));
  const path = unit ? `/${unit}` : '';
  return (
    <section className="dash-dock" aria-labelledby="dash-dock-h" data-testid="dashboard-dock">
      <header className="row">
        <h2 id="dash-dock-h">{dt('title')}</h2>
        <a href={`#/dashboard${path}`}>{dt('openDesk')}</a>
        <a href={`#/wall${path}`}>{dt('openWall')}</a>
        <button type="button" onClick={onClose}>
          {dt('close')}
        </button>
      </header>
      <DashboardView unit={unit} period={period} />
    </section>
  );
}
