import type { Tx } from '../db/database';
import type { Prisma } from '../generated/prisma/client';

/**
 * Updates a case only if it is still at `version` (optimistic concurrency: of two actions
 * racing, one wins); bumps the version. Returns whether it did.
 */
export async function updateCaseAtVersion(
  tx: Tx,
  id: string,
  version: number,
  data: Prisma.CaseUpdateManyMutationInput,
): Promise<boolean> {
  const updated = await tx.case.updateMany({
    where: { id, version },
    data: { ...data, version: { increment: 1 } },
  });
  return updated.count === 1;
}

/**
 * The timer sweep's claim: raises `level` on the cases of `ids` that still match `where`, in
 * one conditional update returning what it changed (a case another process claimed, or one an
 * action moved on since it was read, no longer matches).
 */
export function claimAlarms<S extends Prisma.CaseSelect>(
  tx: Tx,
  ids: string[],
  where: Prisma.CaseWhereInput,
  level: 'YELLOW' | 'RED',
  select: S,
) {
  return tx.case.updateManyAndReturn({
    where: { AND: [{ id: { in: ids } }, where] },
    data: { alarmLevel: level },
    select,
  });
}

/** Moves the cases of `ids` (an automatic escalation): the same change for each. */
export async function moveCases(tx: Tx, ids: string[], data: Prisma.CaseUpdateManyMutationInput) {
  await tx.case.updateMany({ where: { id: { in: ids } }, data });
}
