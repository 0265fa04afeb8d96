import type { AppContext } from '../../../context';
import type { Tx } from '../../../db/open-database';
import type { FieldChange } from '../person-changes';

/** One line of a record's history. */
export interface HistoryEntry {
  at: Date;
  userId: string | null;
  kind: string;
  changes: FieldChange[];
}

/** Appends a history row for a record or a cell team (in the caller's transaction). */
export function writeRegisterChange(
  tx: Tx,
  row: {
    recordType: string;
    recordId: string;
    version: number;
    at: Date;
    userId: string | null;
    kind: string;
    changes: FieldChange[];
  },
) {
  return tx.registerChange.create({ data: { ...row, changes: JSON.stringify(row.changes) } });
}

/** A record's history, oldest first by the version each line made (at most 500 lines). */
export async function readRegisterChanges(
  ctx: AppContext,
  recordType: string,
  recordId: string,
): Promise<HistoryEntry[]> {
  const rows = await ctx.db.read.registerChange.findMany({
    where: { recordType, recordId },
    orderBy: [{ version: 'asc' }, { at: 'asc' }],
    take: 500,
  });
  return rows.map((r) => ({
    at: r.at,
    userId: r.userId,
    kind: r.kind,
    changes: JSON.parse(r.changes) as FieldChange[],
  }));
}
