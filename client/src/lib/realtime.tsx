import {
  CASE_BROADCAST_NAMES,
  type CaseEventMessage,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@wangge/shared/realtime/index';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { io, type Socket } from 'socket.io-client';
import { getToken } from './api';

type Listener = (e: CaseEventMessage, name: string) => void;
type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Realtime {
  socket: AppSocket | null;
  connected: boolean;
  subscribe(listener: Listener): () => void;
}

const CASE_EVENTS = CASE_BROADCAST_NAMES;
const RealtimeContext = createContext<Realtime | null>(null);

/**
 * One socket for the signed-in user. It remembers the last sequence number it saw and sends
 * it on every reconnect, so the server replays what was missed; events are passed on once
 * each, in order (anything at or below the last seq is dropped).
 */
export function RealtimeProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [socket, setSocket] = useState<AppSocket | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const key = `wangge.lastSeq.${userId}`;
    let lastSeq = Number(localStorage.getItem(key) ?? Number.NaN);
    const auth = () => ({ token: getToken() ?? '', ...(Number.isFinite(lastSeq) ? { lastSeq } : {}) });
    const s: AppSocket = io({ auth: (cb) => cb(auth()), transports: ['websocket'] });
    const seen = new Set<number>();
    const remember = (seq: number) => {
      lastSeq = seq;
      localStorage.setItem(key, String(seq));
    };
    s.on('connect', () => setConnected(true));
    s.on('disconnect', () => setConnected(false));
    s.on('sync:completed', ({ seq }) => remember(Math.max(seq, Number.isFinite(lastSeq) ? lastSeq : 0)));
    s.on('sync:reset', ({ seq }) => remember(seq));
    for (const name of CASE_EVENTS) {
      s.on(name, (e: CaseEventMessage) => {
        // Deduplicate by the seqs seen, not a high-water mark: an event committed just before
        // a catch-up completes may arrive live after a higher seq.
        if (seen.has(e.seq)) return;
        seen.add(e.seq);
        if (seen.size > 5000) seen.delete(seen.values().next().value as number);
        remember(Math.max(e.seq, Number.isFinite(lastSeq) ? lastSeq : 0));
        for (const l of listeners.current) l(e, name);
      });
    }
    setSocket(s);
    return () => {
      s.close();
      setSocket(null);
    };
  }, [userId]);
  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo<Realtime>(() => ({ socket, connected, subscribe }), [socket, connected, subscribe]);
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): Realtime {
  const ctx = useContext(RealtimeContext);
  if (!ctx) throw new Error('useRealtime outside RealtimeProvider');
  return ctx;
}

/** Calls `onEvent` for every live case event while the component is mounted. */
export function useCaseEvents(onEvent: Listener) {
  const { subscribe } = useRealtime();
  const ref = useRef(onEvent);
  ref.current = onEvent;
  useEffect(() => subscribe((e, name) => ref.current(e, name)), [subscribe]);
}
