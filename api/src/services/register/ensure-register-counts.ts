import type { AppContext } from '../../context';
import { rebuildRegisterCounts } from './rebuild-register-counts';

/**
 * At start-up: fills the layer counts when the table is empty but the register is not (a
 * database migrated from before the table existed). Two indexed probes otherwise.
 */
export async function ensureRegisterCounts(ctx: AppContext): Promise<void> {
  if (await ctx.db.read.registerCount.findFirst({ select: { gridCode: true } })) return;
  if (!(await ctx.db.read.person.findFirst({ select: { id: true } }))) return;
  const rows = await rebuildRegisterCounts(ctx);
  ctx.log(`register layer counts rebuilt: ${rows} rows`);
}
