import { useEffect, useState } from 'react';
import { LanguageToggle } from '../../i18n/LanguageToggle';
import { D } from '../../lib/D';
import { useRealtime } from '../../lib/realtime';
import { useAuth } from '../auth/auth';
import { fetchUnit } from '../command/map-data';
import { presetPeriod } from '../metrics/metrics-api';
import { DashboardView } from './DashboardView';
import { useDashboardText } from './messages';
import './dashboard.css';

/** Now in Shanghai as YYYY-MM-DD HH:mm:ss, ticking each second. */
function useClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(t);
  }, []);
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * 指挥大屏 (#/wall/UNIT): the dashboard on a 1920×1080 wall display — dark, large type, no
 * scrolling, this month — kept current by the live case events (useDashboard), never reloaded.
 */
export default function WallScreen({ params }: { params: string[] }) {
  const { text: dt, t } = useDashboardText();
  const { me } = useAuth();
  const { connected } = useRealtime();
  const unit = params[0] ?? me?.unitCode ?? '371500000000';
  const [name, setName] = useState('');
  const [period] = useState(() => presetPeriod('thisMonth'));
  const clock = useClock();
  useEffect(() => {
    fetchUnit(unit).then(
      (u) => setName(u.name),
      () => setName(''),
    );
  }, [unit]);
  useEffect(() => {
    document.body.classList.add('wall-body');
    return () => document.body.classList.remove('wall-body');
  }, []);
  return (
    <main className="wall">
      <header className="wall-head">
        <h1>
          {dt('wallTitle')} · <D>{name}</D>
        </h1>
        <span className="wall-clock" translate="no">
          {clock}
        </span>
        <span className={connected ? 'status ok' : 'status off'} data-testid="wall-connection">
          {connected ? t('online') : t('offline')}
        </span>
        <LanguageToggle />
        <a href={`#/dashboard/${unit}`}>{dt('openDesk')}</a>
      </header>
      <DashboardView unit={unit} period={period} big />
    </main>
  );
}
