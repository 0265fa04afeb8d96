import { useEffect, useState } from 'react';
import { useAuth } from '../auth/auth';
import { fetchUnit, type UnitView } from '../command/map-data';
import { CaseDrill } from './CaseDrill';
import { DuplicateShare } from './DuplicateShare';
import { useMetricsText } from './messages';
import { downloadExport, fetchMetrics, type MetricsData, presetPeriod } from './metrics-api';
import { PeriodPicker } from './PeriodPicker';
import { type MetricPick, RatesTable } from './RatesTable';
import './metrics.css';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';

const CITY = '371500000000';

/** 综合评价: the indicators of the user's unit (or a unit below it) over a period. */
export function MetricsScreen(_props: { params: string[] }) {
  const mt = useMetricsText();
  const { me } = useAuth();
  const home = me?.unitCode ?? CITY;
  const [unit, setUnit] = useState(home);
  const [view, setView] = useState<UnitView | null>(null);
  const [period, setPeriod] = useState(() => presetPeriod('thisMonth'));
  const [data, setData] = useState<MetricsData | null>(null);
  const [pick, setPick] = useState<MetricPick | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    fetchUnit(unit).then(setView, () => setView(null));
  }, [unit]);
  // A custom range can be typed backwards: say so here instead of showing the API's 400.
  const badRange = period.from > period.to;
  useEffect(() => {
    setError(null);
    if (badRange) {
      setData(null);
      return;
    }
    // Only the latest request may fill the table (an older answer can arrive after a newer one).
    let current = true;
    fetchMetrics(unit, period).then(
      (d) => {
        if (current) setData(d);
      },
      (e: Error) => {
        if (!current) return;
        setData(null); // not the previous selection's figures under the new one
        setError(e);
      },
    );
    return () => {
      current = false;
    };
  }, [unit, period, badRange]);

  const homeIndex = view ? view.chain.findIndex((u) => u.code === home) : -1;
  const download = (format: 'csv' | 'xlsx') =>
    downloadExport(unit, period, format).catch((e: Error) => setError(e));
  return (
    <div className="metrics">
      <h1>{mt('title')}</h1>
      <PeriodPicker value={period} onChange={setPeriod} />
      <div className="metrics-scope row">
        <span>{mt('unit')}</span>
        {view?.chain.slice(Math.max(homeIndex, 0)).map((u) =>
          u.code === unit ? (
            <strong key={u.code}>
              <D>{u.name}</D>
            </strong>
          ) : (
            <button key={u.code} type="button" className="link" onClick={() => setUnit(u.code)}>
              <D>{u.name}</D>
            </button>
          ),
        )}
        {view && view.children.length > 0 && (
          <select
            aria-label={mt('subunit')}
            value=""
            onChange={(e) => e.target.value && setUnit(e.target.value)}
          >
            <option value="">{mt('subunit')}…</option>
            {view.children.map((c) => (
              <option key={c.code} value={c.code}>
                <D>{c.name}</D>
              </option>
            ))}
          </select>
        )}
      </div>
      {badRange ? (
        <p className="error">{mt('badRange')}</p>
      ) : (
        <ErrorNotice error={error} testId="metrics-error" />
      )}
      {data && <RatesTable rows={[...data.rates, ...data.hotline]} onPick={setPick} />}
      {data?.duplicates && <DuplicateShare rows={data.duplicates} />}
      <div className="actions">
        <button type="button" disabled={badRange} onClick={() => void download('csv')}>
          {mt('csv')}
        </button>
        <button type="button" disabled={badRange} onClick={() => void download('xlsx')}>
          {mt('xlsx')}
        </button>
      </div>
      {pick && !badRange && (
        <CaseDrill unit={unit} period={period} pick={pick} onClose={() => setPick(null)} />
      )}
    </div>
  );
}
