import { broadcastNameOf, type CaseEventMessage, roomsForCaseEvent } from '@wangge/shared/realtime/index';
import type { AppContext } from '../context';
import { audienceOf, toCaseEventMessage } from './case-event-message';
import type { RealtimeServer } from './socket-server';

/** Sockets still catching up after a reconnect: live events are buffered for them. */
export const SYNC_PENDING_ROOM = 'sync:pending';

/** One committed event as it travels between nodes: ready to emit to its rooms. */
export interface Delivery {
  name: string;
  message: CaseEventMessage;
  targets: string[];
}

/**
 * The only place case events are emitted: every committed event goes to the rooms of its
 * audience (unit chain, departments, reporter, viewers). With several nodes, the committing
 * node hands the batch to the others (serverSideEmit over Redis) and every node delivers to
 * its own sockets, so sockets that are catching up get it in their buffer on whichever node
 * they are, flushed in order after their replay.
 */
export function startBroadcaster(io: RealtimeServer, ctx: AppContext, peers: boolean): () => void {
  io.on('case:deliver', (batch) => deliverLocally(io, batch));
  return ctx.events.subscribe((batch) => {
    const deliveries = batch.map(({ event, caseCode, actorName }) => ({
      name: broadcastNameOf(event.action),
      message: toCaseEventMessage(event, caseCode, actorName, false),
      targets: roomsForCaseEvent(audienceOf(event)),
    }));
    deliverLocally(io, deliveries);
    if (peers) io.serverSideEmit('case:deliver', deliveries);
  });
}

function deliverLocally(io: RealtimeServer, deliveries: readonly Delivery[]) {
  for (const { name, message, targets } of deliveries) {
    io.local
      .to(targets)
      .except(SYNC_PENDING_ROOM)
      .emit(name as Parameters<RealtimeServer['emit']>[0], message as never);
    const pending = io.sockets.adapter.rooms.get(SYNC_PENDING_ROOM);
    for (const id of pending ?? []) {
      const socket = io.sockets.sockets.get(id);
      if (socket?.data.pending && targets.some((room) => socket.rooms.has(room)))
        socket.data.pending.push(message);
    }
  }
}
