import { payloadOf } from '@wangge/shared/domain/event-payloads';
import type { CaseEventMessage } from '@wangge/shared/realtime/index';
import { type RefObject, useState } from 'react';
import { useCaseEvents } from '../../lib/realtime';
import { OPEN_STATES } from './map-data';
import type { CommandMap } from './use-command-map';

/** One line of the live feed. */
export interface FeedItem {
  seq: number;
  name: string;
  caseId: string;
  caseCode: string;
  action: string;
  toState: string;
  actor: string;
  at: string;
}

const FEED_LENGTH = 50;

/**
 * Applies each live case event to the map at once: the event's cell is restyled alone (open
 * count ±1, overdue cleared when the case leaves the open states), the case marker is added,
 * updated or removed, and the event heads the feed. `refresh` then reconciles with the server
 * (the caller throttles it): overdue is time-based and only the server knows it exactly.
 */
export function useLiveMap(mapRef: RefObject<CommandMap | null>, refresh: () => void): FeedItem[] {
  const [feed, setFeed] = useState<FeedItem[]>([]);
  useCaseEvents((e: CaseEventMessage, name: string) => {
    const m = mapRef.current;
    if (m) applyEvent(m, e, name);
    setFeed((items) =>
      [
        {
          seq: e.seq,
          name,
          caseId: e.caseId,
          caseCode: e.caseCode,
          action: e.action,
          toState: e.toState,
          actor: e.actor.name,
          at: e.createdAt,
        },
        ...items,
      ].slice(0, FEED_LENGTH),
    );
    refresh();
  });
  return feed;
}

function applyEvent({ grid, markers }: CommandMap, e: CaseEventMessage, name: string): void {
  const wasOpen = e.fromState !== null && OPEN_STATES.has(e.fromState);
  const isOpen = OPEN_STATES.has(e.toState);
  const known = markers.get(e.caseId);
  const counts = grid.countsOf(e.gridCode);
  if (!wasOpen && isOpen) {
    grid.restyle(e.gridCode, { open: counts.open + 1, overdue: counts.overdue });
  } else if (wasOpen && !isOpen) {
    const overdue = known?.isOverdue ? counts.overdue - 1 : counts.overdue;
    grid.restyle(e.gridCode, { open: Math.max(counts.open - 1, 0), overdue: Math.max(overdue, 0) });
  }
  if (!isOpen) {
    markers.delete(e.caseId);
    return;
  }
  const report = payloadOf(e, 'REPORT');
  const location = report?.location;
  if (known) {
    // A new stage starts with a fresh deadline: no longer overdue until the server says so.
    markers.upsert({ ...known, state: e.toState, isOverdue: known.isOverdue && e.toState === known.state });
  } else if (name === 'case:reported' && location) {
    const categoryCode = report?.categoryCode ?? '';
    markers.upsert({
      id: e.caseId,
      code: e.caseCode,
      state: e.toState,
      lon: location.lon,
      lat: location.lat,
      isOverdue: false,
      categoryCode,
      gridCode: e.gridCode,
    });
  }
}
