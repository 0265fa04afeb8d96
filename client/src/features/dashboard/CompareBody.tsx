import { D } from '../../lib/D';
import { useIndicatorName } from '../metrics/messages';
import { Chart } from './Chart';
import { ChartTable } from './ChartTable';
import type { UnitRates } from './dashboard-api';
import type { ChartOption } from './echarts';
import { useDashboardText } from './messages';

interface Props {
  units: UnitRates;
  metric: string;
  onMetric(key: string): void;
  option: ChartOption;
  label: string;
  /** The i-th unit's bar (or its number in the table) was chosen. */
  onPick(i: number): void;
  big: boolean;
}

/** The units below on one indicator: a choice of indicator, the bars, and their table. */
export function CompareBody({ units, metric, onMetric, option, label, onPick, big }: Props) {
  const { text: dt } = useDashboardText();
  const indicator = useIndicatorName();
  const rates = units.children[0]?.rates ?? [];
  return (
    <>
      <label className="dash-metric">
        {dt('indicator')}{' '}
        <select value={metric} onChange={(e) => onMetric(e.target.value)}>
          {rates.map((r) => (
            <option key={r.key} value={r.key}>
              {indicator(r.key, r.name)}
            </option>
          ))}
        </select>
      </label>
      <Chart name="compare" dark={big} option={option} label={label} onPick={(h) => onPick(h.dataIndex)} />
      <ChartTable
        columns={[dt('numerator'), '%']}
        rows={units.children.map((c, i) => {
          const r = c.rates.find((x) => x.key === metric);
          return {
            key: c.code,
            name: <D>{c.name}</D>,
            cells: [
              { value: `${r?.numerator ?? 0}/${r?.denominator ?? 0}`, onPick: () => onPick(i) },
              { value: !r || r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%` },
            ],
          };
        })}
      />
    </>
  );
}
