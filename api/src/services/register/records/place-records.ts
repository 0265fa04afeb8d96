import { PLACE_PARENT_KINDS } from '@wangge/shared/register/record-kinds';
import { locationProblem, placeProblem } from './record-checks';
import { RECORD_COLUMNS } from './record-columns';
import { LOCATION_FIELD, type RecordDescriptor, type RecordTable } from './record-descriptor';

/** Places (地): 楼栋 → 单元 → 户, rental housing, key sites; a point or an outline in a cell. */
export const PLACES: RecordDescriptor = {
  type: 'places',
  historyType: 'PLACE',
  noun: 'place',
  table: (db) => db.place as unknown as RecordTable,
  select: {
    ...RECORD_COLUMNS,
    kind: true,
    name: true,
    parentId: true,
    building: true,
    unit: true,
    household: true,
    address: true,
    lon: true,
    lat: true,
    outline: true,
  },
  fields: {
    kind: {},
    name: {},
    parentId: {},
    building: {},
    unit: {},
    household: {},
    address: {},
    location: LOCATION_FIELD,
    outline: {
      write: (_ctx, v) => ({ outline: v ? JSON.stringify(v) : null }),
      read: (_ctx, row) => (row.outline ? (JSON.parse(String(row.outline)) as unknown) : null),
    },
  },
  kindColumn: 'kind',
  async check(ctx, f, gridCode) {
    const parentKinds = PLACE_PARENT_KINDS[String(f.kind)];
    const parent =
      f.parentId && !parentKinds
        ? [{ path: 'parentId', message: `a ${String(f.kind)} place has no parent` }]
        : await placeProblem(ctx, f.parentId, gridCode, 'parentId', parentKinds);
    return [...parent, ...locationProblem(ctx, f.location, gridCode)];
  },
  search: (_ctx, text) => ({ name: { startsWith: text } }),
};
