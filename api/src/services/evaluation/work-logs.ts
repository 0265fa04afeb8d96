import type { TWorkLogInput } from '@wangge/shared/schemas/evaluation';
import type { AppContext } from '../../context';
import { AppError, forbidden } from '../../http/app-error';
import { registerViewFor } from '../../policies/register';
import type { AuthUser } from '../auth/auth-user';
import { recountRegisterCells } from '../register/recount-register-cells';
import { refreshVisitDue } from '../register/refresh-visit-due';
import type { Month } from './month';

export interface WorkLogView {
  id: string;
  kind: string;
  gridCode: string;
  note: string;
  lon: number | null;
  lat: number | null;
  createdAt: Date;
  personId: string | null;
}

const VIEW = {
  id: true,
  kind: true,
  gridCode: true,
  note: true,
  lon: true,
  lat: true,
  createdAt: true,
  personId: true,
} as const;

/**
 * Records a patrol or home visit of the calling grid worker in one of their cells. Idempotent
 * per (worker, Idempotency-Key): a retry from the phone's outbox returns the first record; the
 * same key with a different body is refused (422). A home visit refreshes the person's next
 * due visit and its cell's overdue-visits count in the same transaction.
 */
export async function recordWorkLog(
  ctx: AppContext,
  user: AuthUser,
  input: TWorkLogInput,
  idempotencyKey: string,
): Promise<{ created: boolean; log: WorkLogView }> {
  if (user.role !== 'GRID_WORKER') throw forbidden('Only grid workers record patrols and home visits.');
  const gridCode = input.gridCode ?? user.gridCodes[0];
  if (!gridCode || !user.gridCodes.includes(gridCode)) {
    throw new AppError('VALIDATION_FAILED', 'The work record is invalid.', [
      { path: 'gridCode', message: 'must be one of your own cells' },
    ]);
  }
  if (input.personId) await checkVisitedPerson(ctx, user, input.kind, input.personId, gridCode);
  const existing = () =>
    ctx.db.read.workLog.findUnique({
      where: { userId_idempotencyKey: { userId: user.id, idempotencyKey } },
      select: VIEW,
    });
  const replay = (log: WorkLogView) => {
    const same =
      log.kind === input.kind &&
      log.gridCode === gridCode &&
      log.note === input.note &&
      log.lon === (input.location?.lon ?? null) &&
      log.lat === (input.location?.lat ?? null) &&
      log.personId === (input.personId ?? null);
    if (!same)
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different record; use a new key for a new record.',
      );
    return { created: false, log };
  };
  const before = await existing();
  if (before) return replay(before);
  try {
    const log = await ctx.db.transaction(async (tx) => {
      const created = await tx.workLog.create({
        data: {
          userId: user.id,
          kind: input.kind,
          gridCode,
          note: input.note,
          lon: input.location?.lon ?? null,
          lat: input.location?.lat ?? null,
          createdAt: ctx.clock.now(),
          idempotencyKey,
          personId: input.personId ?? null,
        },
        select: VIEW,
      });
      // A home visit moves the person's next due visit: the overdue-visits layer follows.
      if (created.personId) {
        await refreshVisitDue(tx, [created.personId]);
        await recountRegisterCells(tx, 'VISIT', [gridCode], ctx.clock.now());
      }
      return created;
    });
    if (log.personId) ctx.events.registerCountsChanged([gridCode]);
    return { created: true, log };
  } catch (error) {
    // Two copies of one retry raced: the unique (userId, idempotencyKey) let one in.
    if ((error as { code?: string }).code !== 'P2002') throw error;
    const winner = await existing();
    if (!winner) throw error;
    return replay(winner);
  }
}

/** A visit names a person of the register in the record's cell, and only a home visit does. */
async function checkVisitedPerson(
  ctx: AppContext,
  user: AuthUser,
  kind: string,
  personId: string,
  gridCode: string,
): Promise<void> {
  const view = registerViewFor(ctx, user);
  const person = view
    ? await ctx.db.read.person.findFirst({
        where: { AND: [view.where, { id: personId }] },
        select: { gridCode: true },
      })
    : null;
  const problem =
    kind !== 'HOME_VISIT'
      ? 'only a home visit (HOME_VISIT) names a person'
      : !person || person.gridCode !== gridCode
        ? "must be a person of the record's cell"
        : null;
  if (problem)
    throw new AppError('VALIDATION_FAILED', 'The work record is invalid.', [
      { path: 'personId', message: problem },
    ]);
}

/** A worker's own records in a month, newest first. */
export function listWorkLogs(ctx: AppContext, userId: string, month: Month): Promise<WorkLogView[]> {
  return ctx.db.read.workLog.findMany({
    where: { userId, createdAt: { gte: month.start, lt: month.end } },
    orderBy: { createdAt: 'desc' },
    select: VIEW,
    take: 1000,
  });
}
