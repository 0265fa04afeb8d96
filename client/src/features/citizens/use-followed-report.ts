import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/api';
import { fetchTracked, type TrackedReport } from './public-api';

/** How often a followed report is asked for while its page is open. */
export const FOLLOW_INTERVAL_MS = 30_000;
const followKey = (code: string) => `wangge.follow.${code.replaceAll('-', '').toUpperCase()}`;

type State =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; error: unknown }
  | { kind: 'ok'; report: TrackedReport };

/**
 * A tracked report, and the citizen's opt-in to be told of each change (docs/channels.md,
 * "Citizens"): while followed, the page asks again every 30 s and when it comes back to the
 * foreground, and `change` holds the newest progress it saw arrive. The choice is kept on the
 * device only (localStorage).
 */
export function useFollowedReport(code: string) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [follow, setFollowState] = useState(() => localStorage.getItem(followKey(code)) === '1');
  const [change, setChange] = useState<TrackedReport | null>(null);
  const seen = useRef<string | null>(null);

  const load = useCallback(async () => {
    try {
      const report = await fetchTracked(code);
      const mark = `${report.status}|${report.timeline.length}`;
      if (seen.current !== null && seen.current !== mark) setChange(report);
      seen.current = mark;
      setState({ kind: 'ok', report });
    } catch (error) {
      setState(
        error instanceof ApiError && error.status === 404 ? { kind: 'missing' } : { kind: 'error', error },
      );
    }
  }, [code]);

  useEffect(() => {
    seen.current = null;
    setChange(null);
    setState({ kind: 'loading' });
    void load();
  }, [load]);

  useEffect(() => {
    if (!follow) return;
    const timer = setInterval(() => void load(), FOLLOW_INTERVAL_MS);
    const onVisible = () => document.visibilityState === 'visible' && void load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [follow, load]);

  const setFollow = (on: boolean) => {
    if (on) localStorage.setItem(followKey(code), '1');
    else localStorage.removeItem(followKey(code));
    setFollowState(on);
    if (on && 'Notification' in window && Notification.permission === 'default')
      void Notification.requestPermission().catch(() => undefined);
  };
  return { state, follow, setFollow, change };
}
