/**
 * The one access policy: which cases a user may see and act on (as a query condition, in
 * Prisma and in SQL), which units, cells, departments, people and attachments, which figures
 * they may be shown, and which socket rooms they join. Every read goes through here; the
 * table of rules is docs/security.md, and tests/api/access-invariant.test.ts probes every
 * endpoint of the route table against it.
 */
export { type AggregateTarget, mayAggregate } from './aggregates';
export {
  type CaseAlias,
  caseScopeBranchesSql,
  caseScopeWhere,
  caseVisibleSql,
  coversGrid,
  seesEveryCase,
  unitSubtreeSql,
  unitSubtreeWhere,
} from './cases';
export { mayManageChannels } from './channels';
export {
  citizenSubmissionScopeWhere,
  mayDecideCitizenSubmission,
  PUBLIC_CASE_SELECT,
  PUBLIC_EVENT_SELECT,
  trackedCaseRefWhere,
} from './citizens';
export { mayRevealCaller } from './hotline-callers';
export { departmentUnitOf, findHomeUnit, isUnitVisible } from './jurisdiction';
export { OPEN311_CASE_COLUMNS, open311RequestsSql } from './open311';
export { type PlaceReadScope, placeReadWhere } from './places';
export {
  classCodesOf,
  mayReadAccessLog,
  personSubtreeWhere,
  type RegisterView,
  registerViewFor,
  seesClass,
} from './register';
export {
  layerRoomsFor,
  layerRoomsOfCell,
  layerUnitVisible,
  type RegisterLayerView,
  registerLayerViewFor,
} from './register-layers';
export { presenceUnitsFor, roomsForUser } from './rooms';
