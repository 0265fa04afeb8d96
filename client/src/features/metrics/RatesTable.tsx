import { useIndicatorName, useMetricsText } from './messages';
import type { RateRow } from './metrics-api';

export type MetricPick = { metric: string; name: string; part: 'numerator' | 'denominator' };

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** The indicators: numerator / denominator and the rate; a number opens the cases behind it. */
export function RatesTable({ rows, onPick }: { rows: RateRow[]; onPick(p: MetricPick): void }) {
  const mt = useMetricsText();
  const indicator = useIndicatorName();
  // The 12345 rates (接诉即办) have no case list behind them yet: plain numbers.
  const cell = (r: RateRow, part: MetricPick['part']) =>
    r.key.startsWith('hotline') ? (
      <td className="num">{r[part]}</td>
    ) : (
      <td className="num">
        <button type="button" className="link" onClick={() => onPick({ metric: r.key, name: r.name, part })}>
          {r[part]}
        </button>
      </td>
    );
  return (
    <table className="metrics-table">
      <thead>
        <tr>
          <th>{mt('indicator')}</th>
          <th className="num">{mt('numerator')}</th>
          <th className="num">{mt('denominator')}</th>
          <th className="num">{mt('rate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{indicator(r.key, r.name)}</th>
            {cell(r, 'numerator')}
            {cell(r, 'denominator')}
            <td className="num">{percent(r.rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
