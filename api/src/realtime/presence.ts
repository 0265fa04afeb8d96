import { type PresenceMessage, rooms } from '@wangge/shared/realtime/index';
import { presenceUnitsFor } from '../policies';
import type { RealtimeServer, RealtimeSocket } from './socket-server';

/** A socket's user as presence shows them. */
export function toPresence(
  socket: Pick<RealtimeSocket, 'data'>,
  online: boolean,
  unitCodes: string[],
): PresenceMessage {
  const { user } = socket.data;
  return {
    userId: user.id,
    displayName: user.displayName,
    role: user.role,
    online,
    unitCodes,
    departmentId: user.departmentId,
  };
}

/**
 * Tells the command centres above a grid worker or department staff member that they came
 * online, or went offline (only when their last socket, on any device, is gone).
 */
export async function announcePresence(
  io: RealtimeServer,
  socket: RealtimeSocket,
  departmentUnitCode: string | null,
  online: boolean,
) {
  const units = presenceUnitsFor(socket.data.user, departmentUnitCode);
  if (units.length === 0) return;
  if (!online) {
    const others = await io.in(rooms.user(socket.data.user.id)).fetchSockets();
    if (others.length > 0) return;
  }
  io.to(units.map(rooms.unit)).emit('presence:changed', toPresence(socket, online, units));
}

/** Field staff online under a unit, one entry per user. */
export async function listPresence(io: RealtimeServer, unitCode: string): Promise<PresenceMessage[]> {
  const sockets = await io.in(rooms.presence(unitCode)).fetchSockets();
  const byUser = new Map<string, PresenceMessage>();
  for (const s of sockets) {
    const units = [...s.rooms]
      .filter((r) => r.startsWith('presence:'))
      .map((r) => r.slice('presence:'.length));
    byUser.set(s.data.user.id, toPresence(s, true, units));
  }
  return [...byUser.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
}
