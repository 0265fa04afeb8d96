import { caseProblem, personProblem, placeProblem } from './record-checks';
import { RECORD_COLUMNS } from './record-columns';
import type { RecordDescriptor, RecordTable } from './record-descriptor';

/**
 * Situations (情, 民情日志): what a worker learned on a visit, a dated note on a household or
 * place, possibly leading to a case. The note may tell about people: history by name only.
 */
export const SITUATIONS: RecordDescriptor = {
  type: 'situations',
  historyType: 'SITUATION',
  noun: 'situation',
  table: (db) => db.situation as unknown as RecordTable,
  select: {
    ...RECORD_COLUMNS,
    kind: true,
    date: true,
    note: true,
    placeId: true,
    personId: true,
    authorId: true,
    caseId: true,
  },
  fields: { kind: {}, date: {}, note: { personal: true }, placeId: {}, personId: {}, caseId: {} },
  kindColumn: 'kind',
  check: async (ctx, f, gridCode) => [
    ...(await placeProblem(ctx, f.placeId, gridCode, 'placeId')),
    ...(await personProblem(ctx, f.personId, gridCode)),
    ...(await caseProblem(ctx, f.caseId, gridCode)),
  ],
  search: (_ctx, text) => ({ note: { contains: text } }),
  onCreate: (userId) => ({ authorId: userId }),
};
