import { monthLabel, monthsUpTo } from './evaluation-api';
import { useEvalText } from './messages';

/** ‹ 2026年11月 › : a month out of the last two years, newest = `last`. */
export function MonthPicker({
  value,
  last,
  onChange,
}: {
  value: string;
  last: string;
  onChange(month: string): void;
}) {
  const { et, locale } = useEvalText();
  const months = monthsUpTo(last);
  const i = months.indexOf(value);
  const options = i === -1 ? [value, ...months] : months;
  return (
    <div className="eval-month" data-testid="month-picker">
      <button
        type="button"
        aria-label={et('prevMonth')}
        disabled={i === months.length - 1}
        onClick={() => onChange(months[i + 1] ?? value)}
      >
        ‹
      </button>
      <select aria-label={et('month')} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((m) => (
          <option key={m} value={m}>
            {monthLabel(m, locale)}
            {m === last ? ` · ${et('thisMonth')}` : ''}
          </option>
        ))}
      </select>
      <button
        type="button"
        aria-label={et('nextMonth')}
        disabled={i <= 0}
        onClick={() => onChange(months[i - 1] ?? value)}
      >
        ›
      </button>
    </div>
  );
}
