import { useMetricsText } from './messages';
import type { DuplicateShareRow } from './metrics-api';

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

/** 重复件占比: per month of the period, duplicates merged ÷ cases reported (docs/metrics.md). */
export function DuplicateShare({ rows }: { rows: DuplicateShareRow[] }) {
  const mt = useMetricsText();
  if (rows.length === 0) return null;
  return (
    <section data-testid="duplicate-share">
      <h2>{mt('duplicates')}</h2>
      <table className="duplicate-table">
        <thead>
          <tr>
            <th>{mt('month')}</th>
            <th className="num">{mt('merged')}</th>
            <th className="num">{mt('reported')}</th>
            <th className="num">{mt('share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.month}>
              <th scope="row">{r.month}</th>
              <td className="num">{r.merged}</td>
              <td className="num">{r.reported}</td>
              <td className="num">{percent(r.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{mt('duplicatesNote')}</p>
    </section>
  );
}
