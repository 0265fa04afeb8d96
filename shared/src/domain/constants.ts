/** Case states (domain.md §4). The database enum must list exactly these (tested). */
export const CASE_STATES = [
  'REPORTED',
  'VERIFYING',
  'SELF_RESOLVED',
  'REJECTED',
  'REGISTERED',
  'ESCALATED',
  'DISPATCHED',
  'RETURN_REQUESTED',
  'CLAIMED',
  'EXTENSION_REQUESTED',
  'SUSPENDED',
  'CHECKING',
  'CHECKED',
  'CLOSED',
  'ARCHIVED',
  /** A duplicate merged (并案) into a master case: final; its reporters follow the master. */
  'MERGED',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States in which a case is still being worked on: counted as open, and its clock runs. */
export const OPEN_STATES: readonly CaseState[] = [
  'REPORTED',
  'VERIFYING',
  'SELF_RESOLVED',
  'REGISTERED',
  'ESCALATED',
  'DISPATCHED',
  'RETURN_REQUESTED',
  'CLAIMED',
  'EXTENSION_REQUESTED',
  'CHECKING',
  'CHECKED',
];

/** States from which nothing more happens to a case. */
export const FINAL_STATES: readonly CaseState[] = ['REJECTED', 'ARCHIVED', 'MERGED'];

/** How a follower came to follow a case (CaseFollower.via, docs/channels.md). */
export const FOLLOW_VIAS = ['ATTACH', 'MERGE'] as const;
export type FollowVia = (typeof FOLLOW_VIAS)[number];

/** The five levels, lowest first. Grid cells are not units but own nothing either. */
export const UNIT_LEVELS = ['GRID', 'VILLAGE', 'TOWNSHIP', 'COUNTY', 'CITY'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** Roles of domain.md §3. */
export const ROLES = [
  'ADMIN',
  'GRID_WORKER',
  'STATION_OPERATOR',
  'DISPATCHER',
  'DEPT_STAFF',
  'VIEWER',
  'HOTLINE',
  /** Reads the register's access log; no cases, no persons (docs/register.md). */
  'AUDITOR',
] as const;
export type Role = (typeof ROLES)[number];

/** Task (dispatch of a case to one department) states. */
export const TASK_STATES = [
  'DISPATCHED',
  'CLAIMED',
  'RETURN_REQUESTED',
  'RETURNED',
  'FED_BACK',
  'CANCELLED',
] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** Where a report came from. Citizen sources get a callback (回访) after closing. */
export const CASE_SOURCES = ['GRID_WORKER', 'HOTLINE', 'CITIZEN', 'SENSOR', 'VIDEO', 'OPEN311'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/**
 * Channels whose own ids name a case (the CaseRef table, docs/channels.md): an external 12345
 * platform's work-order id, an Open311 service_request_id, a citizen's tracking code.
 */
export const CASE_REF_CHANNELS = ['HOTLINE_ORDER', 'OPEN311', 'CITIZEN'] as const;
export type CaseRefChannel = (typeof CASE_REF_CHANNELS)[number];
export const CITIZEN_SOURCES: readonly CaseSource[] = ['HOTLINE', 'CITIZEN'];

export const PRIORITIES = ['NORMAL', 'URGENT'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Why a department asks to return a task (退回). */
export const RETURN_REASONS = ['NOT_OUR_REMIT', 'WRONG_AREA', 'INSUFFICIENT_INFO', 'DUPLICATE'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
