import { isWithin } from '@wangge/shared/domain/unit-codes';
import type { ErrorBody } from '@wangge/shared/errors';
import { type Ack, rooms } from '@wangge/shared/realtime/index';
import { ZCaseActionInput } from '@wangge/shared/schemas/cases';
import { z } from 'zod';
import type { AppContext } from '../context';
import { AppError, parseOrThrow } from '../http/app-error';
import { findHomeUnit } from '../policies';
import { getCase } from '../services/cases/get-case';
import { performCaseAction } from '../services/cases/perform-case-action';
import { listPresence } from './presence';
import type { RealtimeServer, RealtimeSocket } from './socket-server';

const ZCaseRef = z.object({ caseId: z.string().min(1).max(64) });
const ZPresenceQuery = z.object({
  unitCode: z.string().regex(/^\d{12}$/, 'must be a 12-digit division code'),
});

/** Client requests with acks, answered in the HTTP error shape; the same services as HTTP. */
export function handleSocketRequests(io: RealtimeServer, socket: RealtimeSocket, ctx: AppContext) {
  const { user } = socket.data;
  const answer =
    <T>(work: () => Promise<T>) =>
    async (ack: unknown) => {
      if (typeof ack !== 'function') return;
      try {
        ack({ data: await work() } satisfies Ack<T>);
      } catch (error) {
        ack(toErrorBody(error, ctx));
      }
    };

  socket.on('case:subscribe', (req, ack) =>
    answer(async () => {
      const { caseId } = parseOrThrow(ZCaseRef, req);
      await getCase(ctx, user, caseId); // 404 outside the caller's jurisdiction
      await socket.join(rooms.case(caseId));
      return { caseId };
    })(ack),
  );
  socket.on('case:unsubscribe', (req, ack) =>
    answer(async () => {
      const { caseId } = parseOrThrow(ZCaseRef, req);
      await socket.leave(rooms.case(caseId));
      return { caseId };
    })(ack),
  );
  socket.on('case:act', (req, ack) =>
    answer(async () => {
      const { caseId } = parseOrThrow(ZCaseRef, { caseId: (req as { caseId?: unknown })?.caseId });
      const input = parseOrThrow(ZCaseActionInput, (req as { input?: unknown })?.input);
      await performCaseAction(ctx, user, caseId, input);
      return getCase(ctx, user, caseId);
    })(ack),
  );
  socket.on('presence:list', (req, ack) =>
    answer(async () => {
      const { unitCode } = parseOrThrow(ZPresenceQuery, req);
      const home = await findHomeUnit(ctx, user);
      if (!home || !isWithin(unitCode, home) || user.role === 'GRID_WORKER' || user.role === 'DEPT_STAFF') {
        throw new AppError('NOT_FOUND', 'No such unit.');
      }
      return listPresence(io, unitCode);
    })(ack),
  );
}

function toErrorBody(error: unknown, ctx: AppContext): ErrorBody {
  if (error instanceof AppError) {
    return {
      error: {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      },
    };
  }
  ctx.log(`socket request failed: ${(error as Error)?.stack ?? error}`);
  return { error: { code: 'INTERNAL', message: 'Something went wrong.' } };
}
