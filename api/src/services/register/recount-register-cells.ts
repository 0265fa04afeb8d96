import { toShanghaiDate } from '@wangge/shared/calendar/index';
import type { RegisterRecordType } from '@wangge/shared/register/layers';
import { lockRegisterCounts } from '../../db/locks';
import type { Tx } from '../../db/open-database';
import { Prisma } from '../../generated/prisma/client';
import { COUNTED_WITH, cellsCondition, REGISTER_COUNT_SOURCES, typeLiteral } from './register-count-sources';

/**
 * Recounts some cells of a record type (a person's with their due visits) into the count table, inside the writer's transaction
 * (after its writes): the layers stay equal to a recount by construction. A cell holds a few
 * hundred records, read through the gridCode index: about a millisecond. On PostgreSQL the
 * register writers are serialised by an advisory lock first, so a concurrent writer's recount
 * cannot overwrite this one with counts that miss it. Every writer of a register table calls
 * this (record, update, archive, anonymise; the retention purge deletes only archived records,
 * which are not counted).
 */
export async function recountRegisterCells(
  tx: Tx,
  recordType: RegisterRecordType,
  gridCodes: readonly string[],
  now: Date,
): Promise<void> {
  const cells = [...new Set(gridCodes)];
  if (cells.length === 0) return;
  await lockRegisterCounts(tx);
  for (const type of COUNTED_WITH[recordType] ?? [recordType]) {
    await tx.$executeRaw`DELETE FROM "RegisterCount" WHERE "recordType" = ${type} AND "gridCode" IN (${Prisma.join(cells)})`;
    await tx.$executeRaw`
      INSERT INTO "RegisterCount" ("gridCode", "recordType", "class", "count")
      SELECT s."gridCode", ${typeLiteral(type)}, s."class", s."count"
        FROM (${REGISTER_COUNT_SOURCES[type](cellsCondition(cells), toShanghaiDate(now))}) s`;
  }
}
