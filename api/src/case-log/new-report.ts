import type { Attachment, Case, CaseEvent } from '../generated/prisma/client';

/** A new case, its REPORT event and what comes with it, ready to be written. */
export interface NewReport {
  case: Omit<Case, 'code'>;
  event: Omit<CaseEvent, 'seq'>;
  /** City prefix and Shanghai day of the case code, e.g. 3715 and 20261122. */
  codePrefix: string;
  codeDay: string;
  attachmentIds: readonly string[];
  idempotency: { userId: string; key: string; requestHash: string };
  /** The case's ids in other channels (CaseRef), written in the same transaction. */
  refs?: readonly { channel: string; externalId: string }[];
  /** A call taken at the 12345 desk: its caller (the phone already encrypted), in the same transaction. */
  hotlineCall?: { requestType: string; callerName: string | null; callerPhone: string | null } | null;
}

export type InsertReportResult =
  | { created: true; case: Case; event: CaseEvent; attachments: Attachment[] }
  | { created: false; caseId: string; requestHash: string };

/** The case code: city prefix, Shanghai day, the day's serial (3715-20261122-000123). */
export const caseCode = (r: NewReport, serial: number) =>
  `${r.codePrefix}-${r.codeDay}-${String(serial).padStart(6, '0')}`;

/** Every column of Case and of CaseEvent (but seq), in the order the raw inserts bind them. */
export const CASE_COLUMNS = [
  'id',
  'code',
  'title',
  'description',
  'categoryCode',
  'source',
  'priority',
  'state',
  'ownerLevel',
  'ownerUnitCode',
  'gridCode',
  'villageCode',
  'townshipCode',
  'countyCode',
  'isUrban',
  'lon',
  'lat',
  'address',
  'thingId',
  'reporterId',
  'leadDepartmentId',
  'reworkCount',
  'extensionDays',
  'version',
  'stageDeadline',
  'handleDeadline',
  'yellowAt',
  'alarmLevel',
  'supervisionDeadline',
  'supervisedByUnitCode',
  'createdAt',
  'updatedAt',
  'suspendedAt',
  'closedAt',
  'mergedIntoId',
] as const;
export const EVENT_COLUMNS = [
  'caseId',
  'action',
  'actorId',
  'actorRole',
  'actorUnitCode',
  'actorDepartmentId',
  'fromState',
  'toState',
  'fromLevel',
  'toLevel',
  'fromUnitCode',
  'toUnitCode',
  'reason',
  'payload',
  'gridCode',
  'countyCode',
  'reporterId',
  'audienceDepartments',
  'audienceUsers',
  'onTime',
  'callbackRating',
  'callbackResolved',
  'createdAt',
] as const;
// Compile-time guard: a column added to the schema but not to these lists fails the build.
type MissingCaseColumns = Exclude<keyof Case, (typeof CASE_COLUMNS)[number]>;
type MissingEventColumns = Exclude<keyof Omit<CaseEvent, 'seq'>, (typeof EVENT_COLUMNS)[number]>;
const allCaseColumns: [MissingCaseColumns] extends [never] ? true : MissingCaseColumns = true;
const allEventColumns: [MissingEventColumns] extends [never] ? true : MissingEventColumns = true;
void allCaseColumns;
void allEventColumns;
