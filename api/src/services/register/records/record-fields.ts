import type { AppContext } from '../../../context';
import type { FieldChange } from '../person-changes';
import type { FieldSpec, RecordDescriptor, RecordRow } from './record-descriptor';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A field's current value from a row. */
export function readField(ctx: AppContext, spec: FieldSpec, name: string, row: RecordRow): unknown {
  return spec.read ? spec.read(ctx, row) : (row[name] ?? null);
}

/**
 * The columns and history lines for the fields given (undefined: not given), against the
 * current row (null on creation). Personal fields are named in the history without values.
 */
export function diffFields(
  ctx: AppContext,
  d: RecordDescriptor,
  given: Record<string, unknown>,
  current: RecordRow | null,
): { data: Record<string, unknown>; changes: FieldChange[] } {
  const data: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  for (const [name, spec] of Object.entries(d.fields)) {
    const value = given[name];
    if (value === undefined) continue;
    const before = current ? readField(ctx, spec, name, current) : null;
    if (current && same(before, value)) continue;
    if (!current && value === null) continue;
    changes.push(spec.personal ? { field: name } : { field: name, before, after: value });
    Object.assign(data, spec.write ? spec.write(ctx, value) : { [name]: value });
  }
  return { data, changes };
}

/** The record's fields as they will be after a patch (to check references once). */
export function mergedFields(
  ctx: AppContext,
  d: RecordDescriptor,
  current: RecordRow,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(d.fields))
    merged[name] = patch[name] !== undefined ? patch[name] : readField(ctx, spec, name, current);
  return merged;
}
