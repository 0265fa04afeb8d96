import type { Server as HttpServer } from 'node:http';
import {
  broadcastNameOf,
  type CaseEventMessage,
  type ClientToServerEvents,
  type HandshakeAuth,
  rooms,
  type ServerToClientEvents,
} from '@wangge/shared/realtime/index';
import { Server, type Socket } from 'socket.io';
import type { AppContext } from '../context';
import { reloadReferenceData } from '../create-context';
import { departmentUnitOf, layerRoomsFor, presenceUnitsFor, roomsForUser } from '../policies';
import type { AuthUser } from '../services/auth/auth-user';
import { loadAuthUser } from '../services/auth/load-auth-user';
import { type Delivery, SYNC_PENDING_ROOM, startBroadcaster } from './broadcaster';
import { announcePresence } from './presence';
import { linkThroughRedis } from './redis-link';
import { startRegisterCountsBroadcaster } from './register-counts';
import { loadMissedEvents } from './replay';
import { handleSocketRequests } from './socket-requests';

/** What the server keeps per socket. */
export interface SocketData {
  user: AuthUser;
  sessionExpiresAt: number;
  /** Live events that arrived while this socket was catching up, flushed after the replay. */
  pending: CaseEventMessage[] | null;
}

/** What API nodes tell each other (over Redis, when REDIS_URL joins them). */
export interface PeerEvents {
  /** Committed case events, for each node to deliver to its own sockets. */
  'case:deliver': (deliveries: Delivery[]) => void;
  /** A logout on another node: forget the session here too. */
  'session:ended': (sessionId: string) => void;
  /** Another node changed reference data (a grid import): reload the caches here. */
  'reference:changed': () => void;
  /** Cells whose register counts another node changed, for each node to tell its own sockets. */
  'register:counts': (gridCodes: string[]) => void;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, PeerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, PeerEvents, SocketData>;

/** How often sockets' sessions are re-checked (revoked on another node, disabled accounts). */
const SESSION_SWEEP_MS = 30_000;

/**
 * Socket.IO on the API's HTTP server: token auth in the handshake, rooms by jurisdiction,
 * catch-up from the event log, live broadcasts after commit, presence, and requests with acks.
 */
export function attachRealtime(
  httpServer: HttpServer,
  ctx: AppContext,
  options: { maxReplay?: number } = {},
) {
  const io: RealtimeServer = new Server(httpServer, { path: '/socket.io', serveClient: false });
  const redis = ctx.config.redisUrl
    ? linkThroughRedis(io, ctx.config.redisUrl, ctx.config.redisPrefix, ctx.log)
    : null;

  // Socket.IO ignores the middleware's promise: a database error must reach `next`, or the
  // handshake hangs and the rejection goes unhandled.
  io.use((socket, next) => authenticate(socket).then(next, (error: Error) => next(error)));
  async function authenticate(socket: RealtimeSocket): Promise<Error | undefined> {
    const auth = socket.handshake.auth as Partial<HandshakeAuth>;
    const token = typeof auth.token === 'string' ? auth.token : '';
    const now = ctx.clock.now();
    const user = token ? await loadAuthUser(ctx.db.read, token, now, ctx.sessions) : null;
    if (!user) return Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED' } });
    const session = await ctx.db.read.session.findUnique({
      where: { id: user.sessionId },
      select: { expiresAt: true, revokedAt: true, user: { select: { isActive: true } } },
    });
    if (!session || session.revokedAt || !session.user.isActive || ctx.sessions.isEnded(user.sessionId)) {
      return Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED' } });
    }
    socket.data.user = user;
    socket.data.sessionExpiresAt = session.expiresAt.getTime();
    socket.data.pending = null;
    return undefined;
  }

  io.on('connection', async (socket) => {
    const { user } = socket.data;
    const lastSeq = Number((socket.handshake.auth as Partial<HandshakeAuth>).lastSeq);
    const isResuming = Number.isInteger(lastSeq) && lastSeq >= 0;
    // Join first (with the pending marker): nothing committed from now on can be missed.
    socket.data.pending = [];
    const base = roomsForUser(user);
    const departmentUnit = departmentUnitOf(ctx, user);
    socket.join([
      ...base,
      ...layerRoomsFor(ctx, user),
      ...presenceUnitsFor(user, departmentUnit).map(rooms.presence),
      SYNC_PENDING_ROOM,
    ]);
    // A logout that ran between the handshake and joining the session room: end it now.
    if (ctx.sessions.isEnded(user.sessionId)) {
      socket.disconnect(true);
      return;
    }
    handleSocketRequests(io, socket, ctx);
    // Presence asks the other nodes (fetchSockets): a slow or dead peer must not crash this one.
    const announce = (online: boolean) =>
      announcePresence(io, socket, departmentUnit, online).catch((error: Error) =>
        ctx.log(`presence for ${user.username}: ${error.message}`),
      );
    void announce(true);
    socket.on('disconnect', () => void announce(false));
    scheduleExpiry(socket);

    try {
      const missed = isResuming
        ? await loadMissedEvents(ctx, user, new Set(base), lastSeq, options.maxReplay, redis !== null)
        : { events: [], overflow: false, lastSeq: await currentSeq(ctx) };
      if (!socket.connected) return;
      // From here to the end, synchronous: no live event can slip between replay and flush.
      let sent = isResuming ? lastSeq : missed.lastSeq;
      if (missed.overflow) {
        socket.emit('sync:reset', { seq: missed.lastSeq, reason: 'too many missed events; reload' });
        sent = missed.lastSeq;
      }
      const replayed = new Set<number>();
      for (const e of missed.events) {
        socket.emit(broadcastName(e), e);
        replayed.add(e.seq);
        sent = Math.max(sent, e.seq);
      }
      // Everything buffered committed after the replay read it, or was in it: skip by seq, not
      // by a high-water mark (on PostgreSQL an event committed late can have a lower seq).
      const buffered = (socket.data.pending ?? []).sort((a, b) => a.seq - b.seq);
      for (const e of buffered) {
        if (replayed.has(e.seq)) continue;
        replayed.add(e.seq);
        socket.emit(broadcastName(e), e);
        sent = Math.max(sent, e.seq);
      }
      socket.data.pending = null;
      socket.leave(SYNC_PENDING_ROOM);
      socket.emit('sync:completed', {
        seq: Math.max(sent, missed.lastSeq),
        replayed: missed.events.length,
      });
    } catch (error) {
      ctx.log(`socket catch-up failed for ${user.username}: ${(error as Error).stack ?? error}`);
      socket.disconnect(true);
    }
  });

  /** Disconnects a socket when its session expires. */
  function scheduleExpiry(socket: RealtimeSocket) {
    const ms = socket.data.sessionExpiresAt - ctx.clock.now().getTime();
    const timer = setTimeout(() => socket.disconnect(true), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    timer.unref();
    socket.on('disconnect', () => clearTimeout(timer));
  }

  // Sessions revoked elsewhere (another node, an admin) or expired by the clock.
  const sweep = setInterval(
    () =>
      void sweepSessions(io, ctx).catch((error: Error) => ctx.log(`session sweep failed: ${error.message}`)),
    SESSION_SWEEP_MS,
  );
  sweep.unref();
  const stopBroadcaster = startBroadcaster(io, ctx, redis !== null);
  const stopRegisterCounts = startRegisterCountsBroadcaster(io, ctx, redis !== null);
  // Logout on this node: that session's sockets go at once, on every node, and the other
  // nodes forget the session (their caches would otherwise accept it for up to 15 s).
  const stopEvictions = ctx.sessions.onEvict((sessionId, origin) => {
    if (origin === 'peer') return;
    io.in(rooms.session(sessionId)).disconnectSockets(true);
    if (redis) io.serverSideEmit('session:ended', sessionId);
  });
  const stopReference = ctx.events.onReferenceChanged(() => {
    if (redis) io.serverSideEmit('reference:changed');
  });
  io.on('reference:changed', () => {
    reloadReferenceData(ctx).catch((error) =>
      ctx.log(`reference reload failed: ${(error as Error).message}`),
    );
  });
  io.on('session:ended', (sessionId) => {
    ctx.sessions.evictSession(sessionId, 'peer');
    io.local.in(rooms.session(sessionId)).disconnectSockets(true);
  });

  return {
    io,
    /** Settles when the Redis link is up (at once for a single node); rejects if it is not. */
    ready: redis?.ready ?? Promise.resolve(),
    /** Re-checks every local socket's session now (also run every 30 s). */
    sweepSessions: () => sweepSessions(io, ctx),
    async close() {
      clearInterval(sweep);
      stopBroadcaster();
      stopRegisterCounts();
      stopEvictions();
      stopReference();
      await io.close();
      await redis?.close();
    },
  };
}
export type Realtime = ReturnType<typeof attachRealtime>;

const broadcastName = (e: CaseEventMessage) => broadcastNameOf(e.action);

async function currentSeq(ctx: AppContext): Promise<number> {
  const head = await ctx.db.read.caseEvent.aggregate({ _max: { seq: true } });
  return head._max.seq ?? 0;
}

async function sweepSessions(io: RealtimeServer, ctx: AppContext) {
  const sockets = await io.local.fetchSockets();
  if (sockets.length === 0) return;
  const ids = [...new Set(sockets.map((s) => s.data.user.sessionId))];
  const now = ctx.clock.now();
  const live = await ctx.db.read.session.findMany({
    where: { id: { in: ids }, revokedAt: null, expiresAt: { gt: now }, user: { isActive: true } },
    select: { id: true },
  });
  const valid = new Set(live.map((s) => s.id));
  for (const s of sockets) if (!valid.has(s.data.user.sessionId)) s.disconnect(true);
}
