import type { Tx } from '../../db/open-database';

/** One line of a record's history: a field, with its values only when they are not personal. */
export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** Fields whose values are never written to the history (only that they changed). */
const PERSONAL = new Set(['name', 'idNumber', 'phone']);

/** A change line for a field: personal fields by name only. */
export function fieldChange(field: string, before: unknown, after: unknown): FieldChange {
  return PERSONAL.has(field) ? { field } : { field, before, after };
}

/** Appends a history row for a register record (in the caller's transaction). */
export function writePersonChange(
  tx: Tx,
  row: { personId: string; at: Date; userId: string | null; kind: string; changes: FieldChange[] },
) {
  return tx.personChange.create({ data: { ...row, changes: JSON.stringify(row.changes) } });
}
