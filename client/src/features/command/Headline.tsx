import { EMPTY_FILL, OPEN_FILLS, OVERDUE_FILL } from '../../map/cell-style';
import type { GridStats } from './map-data';
import { useCommandText } from './messages';

/**
 * The five headline figures of the current unit, each with its period: the unit's key figures,
 * the same the dashboard and 综合评价 show (api metrics/key-figures.ts).
 */
export function Headline({ totals }: { totals: GridStats['totals'] | null }) {
  const ct = useCommandText();
  const rate = totals?.onTimeRate;
  const today = totals?.today ?? '';
  const now = ct('now');
  const figures = [
    { key: 'reportedToday', value: totals?.reportedToday, testId: 'total-reported', period: today },
    { key: 'closedToday', value: totals?.closedToday, testId: 'total-closed', period: today },
    { key: 'open', value: totals?.open, testId: 'total-open', period: now },
    {
      key: 'overdue',
      value: totals?.overdue,
      testId: 'total-overdue',
      period: now,
      isAlert: (totals?.overdue ?? 0) > 0,
    },
    {
      key: 'onTimeRate',
      value: rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`,
      testId: 'total-on-time',
      period: totals ? `${ct('thisMonth')} ${totals.month.from.slice(0, 7)}` : '',
    },
  ] as const;
  return (
    <section className="cmd-headline">
      {figures.map((f) => (
        <div key={f.key} className={'isAlert' in f && f.isAlert ? 'cmd-figure alert' : 'cmd-figure'}>
          <span className="cmd-figure-label">
            {ct(f.key)} <span className="cmd-figure-period">{f.period}</span>
          </span>
          <strong data-testid={f.testId}>{f.value ?? '…'}</strong>
        </div>
      ))}
    </section>
  );
}

/** What the colours mean. */
export function Legend() {
  const ct = useCommandText();
  return (
    <div className="cmd-legend">
      <span>
        <i style={{ background: EMPTY_FILL }} />
        {ct('legendNone')}
      </span>
      <span>
        {OPEN_FILLS.map((c) => (
          <i key={c} style={{ background: c }} />
        ))}
        {ct('legendOpen')}
      </span>
      <span>
        <i style={{ background: OVERDUE_FILL }} />
        {ct('legendOverdue')}
      </span>
      <span>
        <i className="dot" />
        {ct('legendCase')}
      </span>
    </div>
  );
}
