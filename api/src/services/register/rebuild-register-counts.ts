import { toShanghaiDate } from '@wangge/shared/calendar/index';
import { REGISTER_RECORD_TYPES } from '@wangge/shared/register/layers';
import type { AppContext } from '../../context';
import { lockRegisterCounts } from '../../db/locks';
import { refreshVisitDue } from './refresh-visit-due';
import { cellsCondition, REGISTER_COUNT_SOURCES, typeLiteral } from './register-count-sources';

/**
 * Recounts every cell of every record type in one transaction, after refreshing every tagged
 * person's due visit: after a bulk load written around the services (the seed, a benchmark's
 * generator), when a type's counts are found missing at start-up (a database from before
 * they existed), or by hand (`pnpm register:recount`).
 * Returns the rows written. A city of 6,000,000 persons takes seconds (bench/README.md).
 */
export async function rebuildRegisterCounts(ctx: AppContext): Promise<number> {
  return ctx.db.transaction(
    async (tx) => {
      await lockRegisterCounts(tx);
      await refreshVisitDue(tx, null);
      const today = toShanghaiDate(ctx.clock.now());
      await tx.$executeRaw`DELETE FROM "RegisterCount"`;
      let rows = 0;
      for (const recordType of REGISTER_RECORD_TYPES) {
        rows += await tx.$executeRaw`
          INSERT INTO "RegisterCount" ("gridCode", "recordType", "class", "count")
          SELECT s."gridCode", ${typeLiteral(recordType)}, s."class", s."count"
            FROM (${REGISTER_COUNT_SOURCES[recordType](cellsCondition(null), today)}) s`;
      }
      return rows;
    },
    { timeout: 600_000 },
  );
}
