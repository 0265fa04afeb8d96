import { useMemo, useState } from 'react';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useIndicatorName } from '../metrics/messages';
import type { Period } from '../metrics/metrics-api';
import { AlarmWall } from './AlarmWall';
import { CasesBehind } from './CasesBehind';
import { Chart } from './Chart';
import { compareOption, FLOW_COLOURS, FLOWS, rankingOption, trendOption } from './chart-options';
import { drillScope, type Pick } from './dashboard-api';
import { KeyFigures } from './KeyFigures';
import { useDashboardText } from './messages';
import { useDashboard } from './use-dashboard';

interface Props {
  /** The unit (null: the caller's home unit). */
  unit: string | null;
  period: Period;
  /** The wall's large type. */
  big?: boolean;
}

/**
 * The dashboard of a unit over a period: the key figures, the day-by-day trend, the top
 * categories and cells, the units below compared on an indicator, the alarm wall. Every mark is
 * a count of GET /api/metrics/… and a click lists the cases behind it (GET /api/metrics/cases).
 */
export function DashboardView({ unit, period, big = false }: Props) {
  const { text: dt } = useDashboardText();
  const indicator = useIndicatorName();
  const { data, error } = useDashboard(unit, period);
  const [pick, setPick] = useState<Pick | null>(null);
  const [metric, setMetric] = useState('closeOnTime');
  const look = { big };
  const flowNames = { reported: dt('reported'), closed: dt('closed'), overdue: dt('overdue') };
  const options = useMemo(() => {
    if (!data) return null;
    const rates = data.units.children[0]?.rates ?? [];
    const name = rates.find((r) => r.key === metric)?.name ?? metric;
    return {
      trend: trendOption(data.trend.days, flowNames, look),
      categories: rankingOption(data.categories.categories, dt('reported'), FLOW_COLOURS.reported, look),
      cells: rankingOption(data.cells.cells, dt('reported'), '#d35400', look),
      compare: compareOption(data.units.children, metric, indicator(metric, name), look),
    };
  }, [data, metric, dt, big]);
  if (!data || !options)
    return error ? (
      <ErrorNotice error={error} testId="dashboard-error" />
    ) : (
      <p className="muted">{dt('loading')}</p>
    );

  const { from, to } = data.trend;
  const scope = { kind: 'unit' as const, code: data.summary.scope.id };
  const span = `${from} ${dt('from')} ${to}`;
  const all = { from, to };
  const rates = data.units.children[0]?.rates ?? [];
  const topFirst = <T,>(rows: T[], i: number) => rows[rows.length - 1 - i];
  return (
    <div className={big ? 'dash dash-big' : 'dash'}>
      <ErrorNotice error={error} testId="dashboard-error" />
      <KeyFigures summary={data.summary} />
      <section className="dash-panel dash-trend" aria-labelledby="dash-trend-h">
        <h2 id="dash-trend-h">
          {dt('trend')} <span className="dash-period">{span}</span>
        </h2>
        <Chart
          name="trend"
          dark={big}
          option={options.trend}
          label={`${dt('trend')} ${span} · ${dt('clickHint')}`}
          onPick={({ seriesIndex, dataIndex }) => {
            const k = FLOWS[seriesIndex];
            const day = data.trend.days[dataIndex];
            if (!k || !day) return;
            const q = `${drillScope(scope, { from: day.date, to: day.date })}&figure=${k}`;
            setPick({ query: q, title: `${dt(k)} · ${day.date}`, count: day[k] });
          }}
        />
      </section>
      <section className="dash-panel" aria-labelledby="dash-cat-h">
        <h2 id="dash-cat-h">
          {dt('categories')}{' '}
          <span className="dash-period">
            {span} · {dt('total', { n: data.categories.total })}
          </span>
        </h2>
        <Chart
          name="categories"
          dark={big}
          option={options.categories}
          label={`${dt('categories')} ${span} · ${dt('clickHint')}`}
          onPick={({ dataIndex }) => {
            const c = topFirst(data.categories.categories, dataIndex);
            if (!c) return;
            const q = `${drillScope(scope, all)}&figure=reported&category=${c.code}`;
            setPick({ query: q, title: `${dt('reported')} · ${span}`, subject: c.name, count: c.count });
          }}
        />
      </section>
      <section className="dash-panel" aria-labelledby="dash-cells-h">
        <h2 id="dash-cells-h">
          {dt('cells')} <span className="dash-period">{span}</span>
        </h2>
        <Chart
          name="cells"
          dark={big}
          option={options.cells}
          label={`${dt('cells')} ${span} · ${dt('clickHint')}`}
          onPick={({ dataIndex }) => {
            const c = topFirst(data.cells.cells, dataIndex);
            if (!c) return;
            const q = `${drillScope({ kind: 'grid', code: c.code }, all)}&figure=reported`;
            setPick({ query: q, title: `${dt('reported')} · ${span}`, subject: c.name, count: c.count });
          }}
        />
      </section>
      <section className="dash-panel" aria-labelledby="dash-cmp-h">
        <h2 id="dash-cmp-h">
          {data.units.children[0]?.kind === 'grid' ? dt('compareCells') : dt('compare')}{' '}
          <span className="dash-period">{span}</span>
        </h2>
        <label className="dash-metric">
          {dt('indicator')}{' '}
          <select value={metric} onChange={(e) => setMetric(e.target.value)}>
            {rates.map((r) => (
              <option key={r.key} value={r.key}>
                {indicator(r.key, r.name)}
              </option>
            ))}
          </select>
        </label>
        <Chart
          name="compare"
          dark={big}
          option={options.compare}
          label={`${dt('compare')} ${span} · ${dt('clickHint')}`}
          onPick={({ dataIndex }) => {
            const child = data.units.children[dataIndex];
            const r = child?.rates.find((x) => x.key === metric);
            if (!child || !r) return;
            const q = `${drillScope({ kind: child.kind, code: child.code }, all)}&metric=${metric}&part=numerator`;
            const title = `${indicator(r.key, r.name)} · ${dt('numerator')} · ${span}`;
            setPick({ query: q, title, subject: child.name, count: r.numerator });
          }}
        />
      </section>
      <AlarmWall alarms={data.alarms} />
      {pick && <CasesBehind pick={pick} onClose={() => setPick(null)} />}
    </div>
  );
}
