import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { deadlineLevel, formatCountdown } from './deadline';

/** A live countdown to a deadline, yellow when close, red when passed. */
export function DeadlineBadge({ deadline }: { deadline: string | null }) {
  const { locale } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!deadline) return null;
  const level = deadlineLevel(deadline, now);
  return (
    <span
      className={`badge ${level === 'red' ? 'red' : level === 'yellow' ? 'yellow' : ''}`}
      data-level={level}
    >
      {formatCountdown(deadline, now, locale)}
    </span>
  );
}
