import type { AppContext } from '../context';
import { layerRoomsOfCell } from '../policies/register-layers';
import type { RealtimeServer } from './socket-server';

/**
 * Tells the watchers of the register layers that a cell's counts changed (after commit): one
 * `register:counts {gridCode}` per cell, to the layers rooms of the cell and the units above
 * it (joined only by roles with a view of the layers: policies/register-layers.ts). No figures
 * travel: each client refetches its own clipped counts. With several nodes, the committing
 * node hands the cells to the others, which tell their own sockets.
 */
export function startRegisterCountsBroadcaster(
  io: RealtimeServer,
  ctx: AppContext,
  peers: boolean,
): () => void {
  const deliver = (gridCodes: readonly string[]) => {
    for (const gridCode of gridCodes)
      io.local.to(layerRoomsOfCell(gridCode)).emit('register:counts', { gridCode });
  };
  io.on('register:counts', deliver);
  return ctx.events.onRegisterCounts((gridCodes) => {
    deliver(gridCodes);
    if (peers) io.serverSideEmit('register:counts', gridCodes);
  });
}
