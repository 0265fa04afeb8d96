import { createHash, randomUUID } from 'node:crypto';
import { toShanghaiDate } from '@wangge/shared/calendar/index';
import type { CaseRefChannel, CaseSource } from '@wangge/shared/domain/constants';
import { ancestorCode } from '@wangge/shared/domain/unit-codes';
import type { TReportCase } from '@wangge/shared/schemas/cases';
import { availableActions } from '@wangge/shared/workflow/evaluate';
import { canMergeAway } from '@wangge/shared/workflow/merge';
import { eventRow, writeReport } from '../../case-log';
import type { AppContext } from '../../context';
import { AppError } from '../../http/app-error';
import type { AuthUser } from '../auth/auth-user';
import { locateInJurisdiction } from '../grids/locate-in-jurisdiction';
import type { StoredCaller } from '../hotline/find-case-caller';
import { presentCaller } from '../hotline/present-caller';
import { loadNames } from './get-case';
import { presentCaseDetail } from './present-case';
import { toWorkflowCase } from './to-workflow-case';

/** Roles that may take reports, and the source each records by default. */
export const DEFAULT_SOURCE: Partial<Record<AuthUser['role'], TReportCase['source']>> = {
  GRID_WORKER: 'GRID_WORKER',
  HOTLINE: 'HOTLINE',
  STATION_OPERATOR: 'CITIZEN',
  DISPATCHER: 'CITIZEN',
  ADMIN: 'CITIZEN',
};

export type ReportResult =
  | {
      created: true;
      case: ReturnType<typeof presentCaseDetail> & {
        names: ReturnType<typeof loadNames>;
        thing: CaseThing | null;
        caller: ReturnType<typeof presentCaller> | null;
        merge: { mergedInto: null; duplicates: never[]; followerCount: number; canMerge: boolean };
      };
    }
  | { created: false; caseId: string };

/** What a channel (docs/channels.md) adds to a report: its source and its own ids of the case. */
export interface ReportChannel {
  source?: CaseSource;
  refs?: readonly { channel: CaseRefChannel; externalId: string }[];
}

/**
 * Files a report as a new case at the village of the grid cell its location falls in.
 * Idempotent per (user, Idempotency-Key): a retry returns the first case, even when the
 * retries race each other (the key is checked inside the write transaction). A new case is
 * answered from the rows just written, without reading them back.
 */
export async function reportCase(
  ctx: AppContext,
  user: AuthUser,
  input: TReportCase,
  idempotencyKey: string,
  channel: ReportChannel = {},
): Promise<ReportResult> {
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const defaultSource = DEFAULT_SOURCE[user.role];
  if (!defaultSource) throw new AppError('FORBIDDEN', `${user.role} may not report cases.`);
  // Only the hotline and admins record another channel; everyone else reports on their own.
  const source =
    channel.source ??
    (user.role === 'HOTLINE' || user.role === 'ADMIN' ? (input.source ?? defaultSource) : defaultSource);

  // Only the 12345 desk records a caller (the hotline, or an admin standing in).
  if (input.caller && user.role !== 'HOTLINE' && user.role !== 'ADMIN') {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid.', [
      { path: 'caller', message: 'only the 12345 hotline records a caller' },
    ]);
  }
  const category = ctx.reference.category(input.categoryCode);
  if (!category?.isActive) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid.', [
      { path: 'categoryCode', message: 'no such active category' },
    ]);
  }
  const gridCode = locateInJurisdiction(ctx, user, input.location.lon, input.location.lat);
  const village = ctx.reference.village(ancestorCode(gridCode, 'VILLAGE'));
  if (!village) throw new Error(`grid ${gridCode} has no village unit`);

  const thing = input.thingId ? await findThing(ctx, input.thingId, gridCode) : null;
  const now = ctx.clock.now();
  const priority = input.priority ?? 'NORMAL';
  const subject = { categoryCode: category.code, priority, isUrban: village.isUrban };
  const id = randomUUID();
  const registerBy = ctx.deadlines.deadline('REGISTER', now, subject);
  const countyCode = ancestorCode(gridCode, 'COUNTY');
  const call: StoredCaller | null = input.caller
    ? {
        channel: 'DESK',
        requestType: input.caller.requestType,
        name: input.caller.name ?? null,
        phoneCipher: input.caller.phone ? ctx.registerCipher.encrypt('phone', input.caller.phone) : null,
      }
    : null;
  const result = await writeReport(ctx.db, {
    codePrefix: gridCode.slice(0, 4),
    codeDay: toShanghaiDate(now).replaceAll('-', ''),
    case: {
      id,
      title: input.title ?? `${category.name}：${input.description.slice(0, 30)}`,
      description: input.description,
      categoryCode: category.code,
      source,
      priority,
      state: 'REPORTED',
      ownerLevel: 'VILLAGE',
      ownerUnitCode: village.code,
      gridCode,
      villageCode: village.code,
      townshipCode: ancestorCode(gridCode, 'TOWNSHIP'),
      countyCode,
      isUrban: village.isUrban,
      lon: input.location.lon,
      lat: input.location.lat,
      address: input.address ?? null,
      thingId: input.thingId ?? null,
      reporterId: user.id,
      leadDepartmentId: null,
      reworkCount: 0,
      extensionDays: 0,
      version: 1,
      stageDeadline: registerBy,
      handleDeadline: null,
      yellowAt: ctx.deadlines.yellowAt('REGISTER', now, registerBy, subject),
      alarmLevel: 'NONE',
      supervisionDeadline: null,
      supervisedByUnitCode: null,
      createdAt: now,
      updatedAt: now,
      suspendedAt: null,
      closedAt: null,
      mergedIntoId: null,
    },
    event: eventRow({
      caseId: id,
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
      countyCode,
      reporterId: user.id,
      departmentIds: [],
      at: now,
    }),
    attachmentIds: input.attachmentIds ?? [],
    idempotency: { userId: user.id, key: idempotencyKey, requestHash },
    refs: channel.refs ?? [],
    hotlineCall: call && {
      requestType: call.requestType,
      callerName: call.name,
      callerPhone: call.phoneCipher,
    },
  });
  if (!result.created) {
    if (result.requestHash !== requestHash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different report; use a new key for a new report.',
      );
    }
    return { created: false, caseId: result.caseId };
  }
  const { case: row, event } = result;
  ctx.events.publish([{ event, caseCode: row.code, actorName: user.displayName }]);
  const actions = availableActions(toWorkflowCase({ ...row, tasks: [], whistles: [] }), user, now);
  // The same shape as GET /api/cases/:id (and a replay): the detail with its names.
  const names = loadNames(
    ctx,
    { ...row, tasks: [], whistles: [], events: [event] },
    { [user.id]: user.displayName },
  );
  // A new case has no merge links yet (并案, load-merge-links.ts): the same shape as the detail.
  const merge = { mergedInto: null, duplicates: [], followerCount: 0, canMerge: canMergeAway(row, user) };
  return {
    created: true,
    case: {
      ...presentCaseDetail(row, [], [], [event], result.attachments, actions, now),
      names,
      thing,
      caller: call && presentCaller(ctx, user, row, call),
      merge,
    },
  };
}

/** The component a case names, as the case detail shows it. */
type CaseThing = {
  id: string;
  code: string;
  name: string;
  classCode: string;
  state: string;
  lon: number;
  lat: number;
};

/** A case names a component of its own cell that is still on the register (400 otherwise). */
async function findThing(ctx: AppContext, thingId: string, gridCode: string): Promise<CaseThing> {
  const thing = await ctx.db.read.thing.findFirst({
    where: { id: thingId, gridCode, archivedAt: null },
    select: { id: true, code: true, name: true, classCode: true, state: true, lon: true, lat: true },
  });
  if (!thing)
    throw new AppError('VALIDATION_FAILED', 'The request is invalid.', [
      { path: 'thingId', message: "must be a live component of the case's cell" },
    ]);
  return thing;
}
