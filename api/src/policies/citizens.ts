import type { Prisma } from '../generated/prisma/client';
import type { AuthUser } from '../services/auth/auth-user';
import { subtreeColumns } from './cases';

/**
 * Which citizens' submissions (docs/channels.md, "Citizens") a desk sees: a station (village or
 * community) its own cells', a dispatcher's centre its subtree's, admins all; nobody else (grid
 * workers, departments, the hotline, viewers and auditors have no part in registering them).
 */
export function citizenSubmissionScopeWhere(user: AuthUser): Prisma.CitizenSubmissionWhereInput {
  if (user.role === 'ADMIN') return {};
  if ((user.role === 'STATION_OPERATOR' || user.role === 'DISPATCHER') && user.unitCode)
    return subtreeColumns(user.unitCode);
  return { id: '' };
}

/**
 * Who registers or rejects a submission: the station operator of the village (community) whose
 * cell it lies in — the level that owns a new report, as for every other channel.
 */
export function mayDecideCitizenSubmission(user: AuthUser, submission: { villageCode: string }): boolean {
  return user.role === 'STATION_OPERATOR' && user.unitCode === submission.villageCode;
}

/**
 * What the public tracking page may read of a case: only the case the CITIZEN ref of the
 * tracking code names (after a merge, the master), and of it only its state and the times and
 * states of its changes — never a reporter, a handler, a note, a reason or the exact place.
 */
export const trackedCaseRefWhere = (trackingCode: string): Prisma.CaseRefWhereInput => ({
  channel: 'CITIZEN',
  externalId: trackingCode,
});
export const PUBLIC_CASE_SELECT = { id: true, state: true, mergedIntoId: true } as const;
export const PUBLIC_EVENT_SELECT = { seq: true, createdAt: true, fromState: true, toState: true } as const;
