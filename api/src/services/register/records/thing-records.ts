import { locationProblem } from './record-checks';
import { RECORD_COLUMNS } from './record-columns';
import { LOCATION_FIELD, type RecordDescriptor, type RecordTable } from './record-descriptor';

/** Things (物): city components (GB/T 30428.2) with a city-unique code, a position and a state. */
export const THINGS: RecordDescriptor = {
  type: 'things',
  historyType: 'THING',
  noun: 'component',
  table: (db) => db.thing as unknown as RecordTable,
  select: {
    ...RECORD_COLUMNS,
    classCode: true,
    code: true,
    name: true,
    lon: true,
    lat: true,
    state: true,
    note: true,
  },
  fields: { classCode: {}, code: {}, name: {}, location: LOCATION_FIELD, state: {}, note: {} },
  kindColumn: 'classCode',
  check: async (ctx, f, gridCode) => locationProblem(ctx, f.location, gridCode),
  search: (_ctx, text) => ({ OR: [{ code: { startsWith: text } }, { name: { startsWith: text } }] }),
};
