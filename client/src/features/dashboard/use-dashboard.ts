import { useCallback, useEffect, useRef, useState } from 'react';
import { useCaseEvents } from '../../lib/realtime';
import type { Period } from '../metrics/metrics-api';
import { type DashboardData, fetchDashboard } from './dashboard-api';

/** How long live events are gathered before one refetch (a burst of reports → one request set). */
const DEBOUNCE_MS = 1500;

/**
 * The dashboard's data for a unit and period, refetched (debounced) when a case event arrives
 * over the socket and every minute (overdue and yellow are time-based): never a page reload.
 * An answer that arrives after the unit or period changed is dropped.
 */
export function useDashboard(unit: string | null, period: Period) {
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const current = useRef(0);
  const load = useCallback(() => {
    const id = ++current.current;
    fetchDashboard(unit, period).then(
      (d) => {
        if (id !== current.current) return;
        setData(d);
        setError(null);
        setUpdatedAt(new Date());
      },
      (e: unknown) => {
        if (id === current.current) setError(e);
      },
    );
  }, [unit, period.from, period.to]);
  useEffect(() => {
    setData(null);
    load();
    const timer = setInterval(load, 60_000);
    return () => {
      clearInterval(timer);
      current.current++;
    };
  }, [load]);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  useCaseEvents(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      pending.current = null;
      load();
    }, DEBOUNCE_MS);
  });
  return { data, error, updatedAt };
}
