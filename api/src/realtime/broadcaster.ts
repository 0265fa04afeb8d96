import { broadcastNameOf, roomsForCaseEvent } from '@wangge/shared/realtime/index';
import type { AppContext } from '../context';
import { audienceOf, toCaseEventMessage } from './case-event-message';
import type { RealtimeServer } from './socket-server';

/** Sockets still catching up after a reconnect: live events are buffered for them. */
export const SYNC_PENDING_ROOM = 'sync:pending';

/**
 * The only place case events are emitted: every committed event goes to the rooms of its
 * audience (unit chain, departments, reporter, viewers). Sockets that are catching up get it
 * in their buffer instead, flushed in order after their replay.
 */
export function startBroadcaster(io: RealtimeServer, ctx: AppContext): () => void {
  return ctx.events.subscribe((batch) => {
    for (const { event, caseCode, actorName } of batch) {
      const message = toCaseEventMessage(event, caseCode, actorName, false);
      const targets = roomsForCaseEvent(audienceOf(event));
      io.to(targets).except(SYNC_PENDING_ROOM).emit(broadcastNameOf(event.action), message);
      const pending = io.sockets.adapter.rooms.get(SYNC_PENDING_ROOM);
      for (const id of pending ?? []) {
        const socket = io.sockets.sockets.get(id);
        if (socket?.data.pending && targets.some((room) => socket.rooms.has(room)))
          socket.data.pending.push(message);
      }
    }
  });
}
