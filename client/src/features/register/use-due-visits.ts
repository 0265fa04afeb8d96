import { useCallback, useEffect, useState } from 'react';
import { useWorkLogQueue, useWorkLogSent } from '../evaluation/worklog-queue';
import { type DueVisit, fetchDueVisits } from './register-api';

/**
 * How far ahead a visit becomes a task: three days. (With the API's default of 7, a weekly
 * visit just paid would come straight back as due in exactly 7 days.)
 */
const TASK_WINDOW_DAYS = 3;

/**
 * The last plan the server gave, in memory only (names are personal data: not stored on the
 * device), so the tasks stay on screen when the phone goes offline between screens.
 */
let lastKnown: { userId: string; visits: DueVisit[] } | null = null;

/**
 * The grid worker's due and overdue home visits, kept fresh: on start, every minute, and when
 * the work-log queue delivers a visit. A visit still waiting in the queue (offline) already
 * counts as done on this phone: its person is marked `queued`.
 */
export function useDueVisits(userId: string) {
  const [visits, setVisits] = useState<DueVisit[] | null>(
    lastKnown?.userId === userId ? lastKnown.visits : null,
  );
  const [error, setError] = useState<unknown>(null);
  const queue = useWorkLogQueue(userId);
  const load = useCallback(() => {
    fetchDueVisits(TASK_WINDOW_DAYS).then(
      (v) => {
        lastKnown = { userId, visits: v };
        setVisits(v);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  }, [userId]);
  useEffect(() => {
    load();
    const timer = window.setInterval(load, 60_000);
    return () => window.clearInterval(timer);
  }, [load]);
  useWorkLogSent(load);
  const queued = new Set(
    queue.filter((q) => q.body.personId && q.status !== 'failed').map((q) => q.body.personId),
  );
  return { visits, error, queued, reload: load };
}
