import { lazy, Suspense, useState } from 'react';
import { useDashboardText } from './messages';
import './dock.css';

// The charts (ECharts) load only when the dock is opened: the map screen's bundle does not grow.
const DashboardPanel = lazy(() => import('./DashboardPanel'));

/**
 * The dashboard beside the command map: a button that opens it as a panel over the map's right
 * side, for the unit the map is drilled into, with links to the full page and the wall.
 */
export function DashboardDock({ unit }: { unit: string | null }) {
  const { text: dt } = useDashboardText();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="dash-dock-toggle"
        aria-expanded={isOpen}
        onClick={() => setOpen(!isOpen)}
      >
        {isOpen ? dt('hide') : dt('open')}
      </button>
      {isOpen && (
        <Suspense fallback={<p className="dash-dock muted">{dt('loading')}</p>}>
          <DashboardPanel unit={unit} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
