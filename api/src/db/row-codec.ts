import type { Attachment, Case, CaseEvent, Task, WhistleCall } from '../generated/prisma/client';

/**
 * Rows read with raw SQL (db.reader) as Prisma returns them: SQLite keeps DateTime as text and
 * Boolean as 0/1, PostgreSQL's pool already gives Date and boolean. The column lists are
 * checked against the generated types at compile time, so a new date or boolean column cannot
 * be forgotten here.
 */
type KeysOf<T, V> = {
  [K in keyof T]-?: [V] extends [NonNullable<T[K]>] ? (NonNullable<T[K]> extends V ? K : never) : never;
}[keyof T];
type Exhaustive<T, V, L extends readonly (keyof T)[]> = [Exclude<KeysOf<T, V>, L[number]>] extends [never]
  ? L
  : never;

function codec<T>() {
  return <D extends readonly KeysOf<T, Date>[], B extends readonly KeysOf<T, boolean>[]>(
    dates: Exhaustive<T, Date, D>,
    booleans: Exhaustive<T, boolean, B>,
  ) =>
    (row: Record<string, unknown>): T => {
      for (const c of dates as readonly string[]) {
        const v = row[c];
        if (v !== null && v !== undefined && !(v instanceof Date)) row[c] = new Date(v as string);
      }
      for (const c of booleans as readonly string[]) {
        const v = row[c];
        if (v !== null && v !== undefined && typeof v !== 'boolean') row[c] = Boolean(v);
      }
      return row as T;
    };
}

export const decodeCase = codec<Case>()(
  [
    'stageDeadline',
    'handleDeadline',
    'yellowAt',
    'supervisionDeadline',
    'createdAt',
    'updatedAt',
    'suspendedAt',
    'closedAt',
  ] as const,
  ['isUrban'] as const,
);
export const decodeTask = codec<Task>()(
  [
    'dispatchedAt',
    'claimDeadline',
    'returnDeadline',
    'handleDeadline',
    'claimedAt',
    'returnRequestedAt',
    'fedBackAt',
    'closedAt',
  ] as const,
  ['isLead'] as const,
);
export const decodeEvent = codec<CaseEvent>()(
  ['createdAt'] as const,
  ['onTime', 'callbackResolved'] as const,
);
export const decodeWhistle = codec<WhistleCall>()(
  ['calledAt', 'deadline', 'reportedInAt'] as const,
  [] as const,
);
export const decodeAttachment = codec<Attachment>()(['createdAt'] as const, [] as const);
