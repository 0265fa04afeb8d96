/**
 * The case log: the only code that writes cases, their events, tasks, whistle calls, facts,
 * idempotency keys and attachment links (tests/api/write-path.test.ts holds everything else
 * to that). Callers — intake, actions, socket claims, timers, the seed — decide what happens;
 * these functions write it, inside the caller's transaction or, for intake, a raw one of their
 * own. SQLite/PostgreSQL differences live in the SqlRunner (db/sql-runner.ts) and db/locks.ts.
 */
export { recordCaseFacts } from './case-facts';
export { claimAlarms, moveCases, updateCaseAtVersion } from './case-updates';
export {
  appendEvent,
  appendEvents,
  type EventActor,
  type EventInput,
  encodeAudience,
  eventRow,
  linkAttachments,
  SYSTEM_ACTOR,
} from './events';
export type { InsertReportResult, NewReport } from './new-report';
export { applyTaskWrites, type TaskWrite } from './task-writes';
export { type AttachedReport, writeAttach } from './write-attach';
export { type Merge, writeMerge } from './write-merge';
export { writeReport } from './write-report';
export { type Transition, writeTransition } from './write-transition';
