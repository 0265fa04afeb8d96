import { mayConcern } from '@wangge/shared/notifications';
import { useCallback, useEffect, useRef, useState } from 'react';
import { D } from '../../lib/D';
import { useCaseEvents, useRealtime } from '../../lib/realtime';
import { useAuth } from '../auth/auth';
import { useBellText } from './messages';
import {
  enablePush,
  fetchNotifications,
  markRead,
  type Notifications,
  pushAvailable,
} from './notifications-api';

/**
 * The bell: unread count in the header, the list on a click (opening it marks all read), kept on
 * the server so nothing is missed while offline, refreshed live when a case event that can
 * notify arrives over the socket, and after every reconnect. Web Push can be turned on here.
 */
export function NotificationBell() {
  const { bt, state, action: label, locale } = useBellText();
  const { connected } = useRealtime();
  const { me } = useAuth();
  const [data, setData] = useState<Notifications | null>(null);
  const [open, setOpen] = useState(false);
  const [pushKey, setPushKey] = useState<string | null>(null);
  const [push, setPush] = useState<'off' | 'on' | 'refused'>('off');
  // While the list is open, what arrives is seen: it is marked read as it comes.
  const isOpen = useRef(false);
  const load = useCallback(() => {
    fetchNotifications()
      .then((next) => {
        setData(next);
        const newest = next.items[0]?.seq;
        if (isOpen.current && next.unread > 0 && newest) void markRead(newest).then(load, () => undefined);
      })
      .catch(() => undefined); // offline: the last list stays
  }, []);
  useEffect(() => {
    if (connected) load();
  }, [connected, load]);
  const timer = useRef<number | undefined>(undefined);
  useCaseEvents((e) => {
    // A city command centre receives every event of the city: it refreshes only for its own.
    if (!me || !mayConcern({ action: e.action, actorId: e.actor.id, toUnitCode: e.toUnitCode }, me)) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(load, 500);
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useEffect(() => {
    if (open && pushKey === null) pushAvailable().then(setPushKey, () => undefined);
  }, [open, pushKey]);

  const show = (next: boolean) => {
    isOpen.current = next;
    setOpen(next);
    if (next) load();
  };
  const unread = data?.unread ?? 0;
  return (
    <div className="bell">
      <button
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls="bell-panel"
        data-testid="bell"
        data-unread={unread}
        onClick={() => show(!open)}
      >
        {bt('bell')}
        {unread > 0 && (
          <>
            <span className="bell-count" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
            <span className="visually-hidden">{bt('unread', unread)}</span>
          </>
        )}
      </button>
      {open && (
        <section
          id="bell-panel"
          className="bell-panel card"
          aria-label={bt('title')}
          data-testid="bell-panel"
        >
          <div className="bell-head">
            <h2>{bt('title')}</h2>
            <button type="button" className="link" onClick={() => show(false)}>
              {bt('close')}
            </button>
          </div>
          {!data || data.items.length === 0 ? (
            <p className="muted">{bt('none')}</p>
          ) : (
            <ul className="bell-list">
              {data.items.map((n) => (
                <li key={n.seq} className={n.read ? '' : 'unread'} data-kind={n.kind} data-seq={n.seq}>
                  <a href={`#/case/${n.caseId}`} onClick={() => show(false)}>
                    <strong>{bt(`kind.${n.kind}`)}</strong>
                    <span>
                      <D>{n.caseTitle}</D>
                    </span>
                    <span className="muted small">
                      {label(n.action)} → {state(n.toState)}
                      {n.actorName && (
                        <>
                          {' · '}
                          <D>{n.actorName}</D>
                        </>
                      )}
                      {' · '}
                      {new Date(n.createdAt).toLocaleString(locale)}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
          {pushKey && push === 'off' && (
            <button
              type="button"
              onClick={() =>
                void enablePush(pushKey).then(
                  (ok) => setPush(ok ? 'on' : 'refused'),
                  () => setPush('refused'),
                )
              }
            >
              {bt('enablePush')}
            </button>
          )}
          {push === 'on' && <p className="muted small">{bt('pushOn')}</p>}
          {push === 'refused' && <p className="muted small">{bt('pushRefused')}</p>}
        </section>
      )}
    </div>
  );
}
