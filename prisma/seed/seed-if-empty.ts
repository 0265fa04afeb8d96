import type { AppContext } from '../../api/src/context';
import { reloadReferenceData } from '../../api/src/create-context';
import { lockSeeding } from '../../api/src/db/locks';
import { protectPhone } from '../../api/src/services/register/protect-phone';
import { rebuildRegisterCounts } from '../../api/src/services/register/rebuild-register-counts';
import { seedDemoCases } from './seed-demo-cases';
import { seedGazetteer } from './seed-gazetteer';
import { seedRecords } from './seed-records';
import { loadDivisions, seedReference } from './seed-reference';
import { seedRegister } from './seed-register';
import { findDemoPlaces, seedUsers } from './seed-users';

/**
 * Seeds an empty database (no units yet) with the Liaocheng jurisdiction tree, synthetic
 * grid cells, departments, categories, holidays, demo users and, optionally, demo cases.
 * Returns null when the database already had data (nothing is touched then).
 */
export async function seedIfEmpty(ctx: AppContext, options: { demoPassword: string; demoCases: boolean }) {
  if ((await ctx.db.read.unit.count()) > 0) return null;
  const divisions = loadDivisions();
  const result = await ctx.db.transaction(
    async (tx) => {
      // Several nodes may start at once on an empty database: one seeds, the others find data.
      await lockSeeding(tx);
      if ((await tx.unit.count()) > 0) return null;
      const reference = await seedReference(tx, divisions);
      const places = await findDemoPlaces(tx, divisions);
      const users = await seedUsers(tx, places, options.demoPassword, (phone) => {
        const p = protectPhone(ctx.registerCipher, phone);
        return { phoneCipher: p.cipher, phoneIndex: p.index, phoneMasked: p.masked };
      });
      return { ...reference, users, places };
    },
    { timeout: 120_000 },
  );
  if (!result) return null;
  // Fresh statistics for the query planner now that the tables are full.
  await ctx.db.write.$executeRawUnsafe('ANALYZE');
  await reloadReferenceData(ctx);
  const gazetteer = await seedGazetteer(ctx, divisions);
  const persons = await seedRegister(ctx, result.places);
  const records = await seedRecords(ctx, [result.places.village, result.places.village2]);
  await rebuildRegisterCounts(ctx);
  const cases = options.demoCases ? await seedDemoCases(ctx, result.places) : 0;
  return { ...result, cases, persons, records, gazetteer };
}
