import { type ReactNode, useMemo, useState } from 'react';
import { D } from '../../lib/D';
import { ErrorNotice } from '../../lib/ErrorNotice';
import { useIndicatorName } from '../metrics/messages';
import type { Period } from '../metrics/metrics-api';
import { AlarmWall } from './AlarmWall';
import { CasesBehind } from './CasesBehind';
import { Chart, type ChartHit } from './Chart';
import { ChartTable, type TableRow } from './ChartTable';
import { CompareBody } from './CompareBody';
import { compareOption, FLOW_COLOURS, FLOWS, rankingOption, trendOption } from './chart-options';
import type { Pick, Ranked } from './dashboard-api';
import { KeyFigures } from './KeyFigures';
import { useDashboardText } from './messages';
import { picksOf } from './picks';
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
 * a count of GET /api/metrics/… and a click (or its number in the data table) lists the cases
 * behind it (GET /api/metrics/cases).
 */
export function DashboardView({ unit, period, big = false }: Props) {
  const { text: dt } = useDashboardText();
  const indicator = useIndicatorName();
  const { data, error } = useDashboard(unit, period);
  const [pick, setPick] = useState<Pick | null>(null);
  const [metric, setMetric] = useState('closeOnTime');
  const options = useMemo(() => {
    if (!data) return null;
    const look = { big };
    const flowNames = { reported: dt('reported'), closed: dt('closed'), overdue: dt('overdue') };
    const name = data.units.children[0]?.rates.find((r) => r.key === metric)?.name ?? metric;
    return {
      trend: trendOption(data.trend.days, flowNames, look),
      categories: rankingOption(data.categories.categories, dt('reported'), FLOW_COLOURS.reported, look),
      cells: rankingOption(data.cells.cells, dt('reported'), '#d35400', look),
      compare: compareOption(data.units.children, metric, indicator(metric, name), look),
    };
  }, [data, metric, dt, big, indicator]);
  if (!data || !options)
    return error ? (
      <ErrorNotice error={error} testId="dashboard-error" />
    ) : (
      <p className="muted">{dt('loading')}</p>
    );

  const picks = picksOf(data, dt, indicator, metric);
  const open = (p: Pick | null) => p && setPick(p);
  /** A ranking is drawn top first: the chart's item i is the ranking's last but i. */
  const ranked = (rows: Ranked[], to: (r: Ranked) => Pick) => ({
    onPick: ({ dataIndex }: ChartHit) =>
      open(rows[rows.length - 1 - dataIndex] ? to(rows[rows.length - 1 - dataIndex]!) : null),
    rows: rows.map(
      (r): TableRow => ({
        key: r.code,
        name: <D>{r.name}</D>,
        cells: [{ value: r.count, onPick: () => open(to(r)) }],
      }),
    ),
  });
  const categories = ranked(data.categories.categories, picks.category);
  const cells = ranked(data.cells.cells, picks.cell);
  const panel = (id: string, title: string, extra: ReactNode, body: ReactNode, className = 'dash-panel') => (
    <section className={className} aria-labelledby={`dash-${id}-h`}>
      <h2 id={`dash-${id}-h`}>
        {title} <span className="dash-period">{extra}</span>
      </h2>
      {body}
    </section>
  );
  const label = (title: string) => `${title} ${picks.span} · ${dt('clickHint')}`;
  return (
    <div className={big ? 'dash dash-big' : 'dash'}>
      <ErrorNotice error={error} testId="dashboard-error" />
      <KeyFigures summary={data.summary} />
      {panel(
        'trend',
        dt('trend'),
        picks.span,
        <>
          <Chart
            name="trend"
            dark={big}
            option={options.trend}
            label={label(dt('trend'))}
            onPick={(h) => open(picks.day(FLOWS[h.seriesIndex]!, h.dataIndex))}
          />
          <ChartTable
            columns={FLOWS.map((k) => dt(k))}
            rows={data.trend.days.map((d, i) => ({
              key: d.date,
              name: d.date,
              cells: FLOWS.map((k) => ({ value: d[k], onPick: () => open(picks.day(k, i)) })),
            }))}
          />
        </>,
        'dash-panel dash-trend',
      )}
      {panel(
        'cat',
        dt('categories'),
        `${picks.span} · ${dt('total', { n: data.categories.total })}`,
        <>
          <Chart
            name="categories"
            dark={big}
            option={options.categories}
            label={label(dt('categories'))}
            onPick={categories.onPick}
          />
          <ChartTable columns={[dt('reported')]} rows={categories.rows} />
        </>,
      )}
      {panel(
        'cells',
        dt('cells'),
        picks.span,
        <>
          <Chart
            name="cells"
            dark={big}
            option={options.cells}
            label={label(dt('cells'))}
            onPick={cells.onPick}
          />
          <ChartTable columns={[dt('reported')]} rows={cells.rows} />
        </>,
      )}
      {panel(
        'cmp',
        data.units.children[0]?.kind === 'grid' ? dt('compareCells') : dt('compare'),
        picks.span,
        <CompareBody
          units={data.units}
          metric={metric}
          onMetric={setMetric}
          option={options.compare}
          label={label(dt('compare'))}
          onPick={(i) => open(picks.child(i))}
          big={big}
        />,
      )}
      <AlarmWall alarms={data.alarms} />
      {pick && <CasesBehind pick={pick} onClose={() => setPick(null)} />}
    </div>
  );
}
