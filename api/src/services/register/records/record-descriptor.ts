import type { ErrorDetail } from '@wangge/shared/errors';
import type { TRecordType } from '@wangge/shared/schemas/register-records';
import type { AppContext } from '../../../context';
import type { Db, Tx } from '../../../db/open-database';

/** A row of a record table as read through a descriptor's `select`. */
export type RecordRow = Record<string, unknown> & {
  id: string;
  gridCode: string;
  version: number;
  createdAt: Date;
  archivedAt: Date | null;
};

/**
 * The few Prisma model methods the generic record services use. Every record table has the
 * same shape where they touch it (id, cell columns, version, archival), so one cast per
 * descriptor replaces a copy of each service per table.
 */
export interface RecordTable {
  findFirst(args: { where: object; select: object }): Promise<RecordRow | null>;
  findMany(args: { where: object; orderBy: object[]; take: number; select: object }): Promise<RecordRow[]>;
  create(args: { data: object; select: object }): Promise<RecordRow>;
  createMany(args: { data: object[] }): Promise<{ count: number }>;
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
  findUniqueOrThrow(args: { where: { id: string }; select: object }): Promise<RecordRow>;
}

/** How one field of a request maps to columns and back. */
export interface FieldSpec {
  /** Written to the history by name only (a contact's name and phone, a 民情 note). */
  personal?: boolean;
  /** The columns for a value (default: the column of the field's name). */
  write?(ctx: AppContext, value: unknown): Record<string, unknown>;
  /** The field's current value from a row read with `select` + `secretSelect` (default: the column). */
  read?(ctx: AppContext, row: RecordRow): unknown;
}

/** One record type: its table, columns, fields, checks and search. */
export interface RecordDescriptor {
  type: TRecordType;
  /** RegisterChange.recordType. */
  historyType: 'PLACE' | 'THING' | 'ORGANISATION' | 'SITUATION';
  /** "place", "thing" … for messages. */
  noun: string;
  table(db: Db | Tx): RecordTable;
  /** The columns the API shows (never a ciphertext or an index). */
  select: Record<string, true>;
  /** Extra columns an update needs to read the current values (ciphertexts). */
  secretSelect?: Record<string, true>;
  /** Every field of the type's input except gridCode. */
  fields: Record<string, FieldSpec>;
  /** The column the `kind=` filter reads. */
  kindColumn: string;
  /** Problems with the references of a record (parent place, person, case …) in its cell. */
  check(ctx: AppContext, fields: Record<string, unknown>, gridCode: string): Promise<ErrorDetail[]>;
  /** The `q=` filter. */
  search(ctx: AppContext, text: string): object;
  /** Columns set on creation beyond the fields (the author of a 民情日志). */
  onCreate?(userId: string): Record<string, unknown>;
}

/** A location field: two columns. */
export const LOCATION_FIELD: FieldSpec = {
  write: (_ctx, v) => {
    const p = v as { lon: number; lat: number } | null;
    return { lon: p?.lon ?? null, lat: p?.lat ?? null };
  },
  read: (_ctx, row) => (row.lon == null ? null : { lon: row.lon, lat: row.lat }),
};

/** A row as the API shows it: `location` instead of lon/lat, a parsed outline. */
export function presentRecord(row: RecordRow): Record<string, unknown> {
  const { lon, lat, outline, ...rest } = row;
  return {
    ...rest,
    ...(lon !== undefined ? { location: lon == null ? null : { lon, lat } } : {}),
    ...(outline !== undefined ? { outline: outline ? (JSON.parse(String(outline)) as unknown) : null } : {}),
  };
}
