import type { Summary } from './dashboard-api';
import { useDashboardText } from './messages';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/**
 * The key figures of the unit, each labelled with its period: today's reported and closed, open,
 * overdue and yellow now, 按期结案率 of this month — the command headline's, from the same read.
 */
export function KeyFigures({ summary }: { summary: Summary }) {
  const { text: dt } = useDashboardText();
  const rate = summary.closeOnTime;
  const figures = [
    { key: 'reportedToday', value: summary.reportedToday, period: summary.today },
    { key: 'closedToday', value: summary.closedToday, period: summary.today },
    { key: 'openNow', value: summary.open, period: dt('now') },
    { key: 'overdueNow', value: summary.overdue, period: dt('now'), tone: summary.overdue > 0 ? 'red' : '' },
    { key: 'yellowNow', value: summary.yellow, period: dt('now'), tone: summary.yellow > 0 ? 'yellow' : '' },
    {
      key: 'closeOnTime',
      value: percent(rate.rate),
      detail: `${rate.numerator}/${rate.denominator}`,
      period: `${dt('thisMonth')} ${summary.month.from.slice(0, 7)}`,
    },
  ] as const;
  return (
    <ul className="dash-figures">
      {figures.map((f) => (
        <li
          key={f.key}
          className={`dash-figure ${'tone' in f ? f.tone : ''}`}
          data-testid={`figure-${f.key}`}
        >
          <span className="dash-figure-label">{dt(f.key)}</span>
          <strong className="dash-figure-value">{f.value}</strong>
          <span className="dash-figure-period">
            {f.period}
            {'detail' in f && ` · ${f.detail}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
