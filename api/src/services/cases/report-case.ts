import { createHash } from 'node:crypto';
import { toShanghaiDate } from '@wangge/shared/calendar/index';
import { ancestorCode } from '@wangge/shared/domain/unit-codes';
import type { TReportCase } from '@wangge/shared/schemas/cases';
import type { AppContext } from '../../context';
import { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../http/app-error';
import type { AuthUser } from '../auth/auth-user';
import { coversGrid } from './case-scope';
import { appendEvent, linkAttachments, nextCaseCode } from './case-writes';

/** Roles that may take reports, and the source each records by default. */
const DEFAULT_SOURCE: Partial<Record<AuthUser['role'], TReportCase['source']>> = {
  GRID_WORKER: 'GRID_WORKER',
  HOTLINE: 'HOTLINE',
  STATION_OPERATOR: 'CITIZEN',
  DISPATCHER: 'CITIZEN',
  ADMIN: 'CITIZEN',
};

/**
 * Files a report as a new case at the village of the grid cell its location falls in.
 * Idempotent per (user, Idempotency-Key): a retry returns the first case, even when the
 * retries race each other. Returns the case id and whether it was created now.
 */
export async function reportCase(
  ctx: AppContext,
  user: AuthUser,
  input: TReportCase,
  idempotencyKey: string,
): Promise<{ caseId: string; created: boolean }> {
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const replay = await findReplay(ctx, user, idempotencyKey, requestHash);
  if (replay) return { caseId: replay, created: false };

  const defaultSource = DEFAULT_SOURCE[user.role];
  if (!defaultSource) throw new AppError('FORBIDDEN', `${user.role} may not report cases.`);
  // Only the hotline and admins record another channel; everyone else reports on their own.
  const source =
    user.role === 'HOTLINE' || user.role === 'ADMIN' ? (input.source ?? defaultSource) : defaultSource;

  const category = await ctx.db.read.category.findUnique({ where: { code: input.categoryCode } });
  if (!category?.isActive) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid.', [
      { path: 'categoryCode', message: 'no such active category' },
    ]);
  }
  const gridCode = ctx.grids.locate(input.location.lon, input.location.lat);
  if (!gridCode) {
    throw new AppError('LOCATION_OUTSIDE_GRID', 'The location is not inside any grid cell of the city.');
  }
  const departmentUnit = user.departmentId
    ? ((await ctx.db.read.department.findUnique({ where: { id: user.departmentId } }))?.unitCode ?? null)
    : null;
  if (!coversGrid(user, gridCode, departmentUnit)) {
    throw new AppError('LOCATION_OUTSIDE_JURISDICTION', 'The location is outside your jurisdiction.');
  }
  const village = await ctx.db.read.unit.findUnique({ where: { code: ancestorCode(gridCode, 'VILLAGE') } });
  if (!village) throw new Error(`grid ${gridCode} has no village unit`);

  const now = ctx.clock.now();
  const subject = {
    categoryCode: category.code,
    priority: input.priority ?? 'NORMAL',
    isUrban: village.isUrban,
  };
  try {
    const { caseRow, event } = await ctx.db.write.$transaction(async (tx) => {
      const code = await nextCaseCode(tx, gridCode.slice(0, 4), toShanghaiDate(now).replaceAll('-', ''));
      const caseRow = await tx.case.create({
        data: {
          code,
          title: input.title ?? `${category.name}：${input.description.slice(0, 30)}`,
          description: input.description,
          categoryCode: category.code,
          source,
          priority: subject.priority,
          state: 'REPORTED',
          ownerLevel: 'VILLAGE',
          ownerUnitCode: village.code,
          gridCode,
          villageCode: village.code,
          townshipCode: ancestorCode(gridCode, 'TOWNSHIP'),
          countyCode: ancestorCode(gridCode, 'COUNTY'),
          isUrban: village.isUrban,
          lon: input.location.lon,
          lat: input.location.lat,
          address: input.address ?? null,
          reporterId: user.id,
          stageDeadline: ctx.deadlines.deadline('REGISTER', now, subject),
          createdAt: now,
          updatedAt: now,
        },
      });
      const event = await appendEvent(tx, {
        caseId: caseRow.id,
        action: 'REPORT',
        actor: user,
        fromState: null,
        toState: 'REPORTED',
        fromLevel: null,
        toLevel: 'VILLAGE',
        fromUnitCode: null,
        toUnitCode: village.code,
        payload: { source, location: input.location, categoryCode: category.code },
        gridCode,
        countyCode: caseRow.countyCode,
        at: now,
      });
      await linkAttachments(tx, input.attachmentIds, user, caseRow.id, event.seq);
      await tx.idempotencyKey.create({
        data: { userId: user.id, key: idempotencyKey, requestHash, caseId: caseRow.id, createdAt: now },
      });
      return { caseRow, event };
    });
    ctx.events.publish([
      {
        seq: event.seq,
        caseId: caseRow.id,
        caseCode: caseRow.code,
        action: event.action,
        fromState: null,
        toState: 'REPORTED',
        toUnitCode: caseRow.ownerUnitCode,
        gridCode,
        createdAt: now,
      },
    ]);
    return { caseId: caseRow.id, created: true };
  } catch (error) {
    // A concurrent retry with the same key committed first: answer with its case.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const winner = await findReplay(ctx, user, idempotencyKey, requestHash);
      if (winner) return { caseId: winner, created: false };
    }
    throw error;
  }
}

async function findReplay(ctx: AppContext, user: AuthUser, key: string, requestHash: string) {
  const seen = await ctx.db.read.idempotencyKey.findUnique({
    where: { userId_key: { userId: user.id, key } },
  });
  if (!seen) return null;
  if (seen.requestHash !== requestHash) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different report; use a new key for a new report.',
    );
  }
  return seen.caseId;
}
