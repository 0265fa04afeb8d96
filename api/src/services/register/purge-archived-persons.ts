import type { AppContext } from '../../context';
import { runPeriodically } from '../run-periodically';
import { writePersonChange } from './person-changes';

const DAY_MS = 86_400_000;

/**
 * Deletes the persons archived more than REGISTER_RETENTION_DAYS ago (their classes with
 * them), leaving a PURGED line in their history. Safe on several nodes at once: each row is
 * deleted by whoever gets it first. Returns how many were purged. The layer counts do not
 * change: archived records are not counted (recount-register-cells.ts).
 */
export async function purgeArchivedPersons(ctx: AppContext): Promise<number> {
  const cutoff = new Date(ctx.clock.now().getTime() - ctx.config.registerRetentionDays * DAY_MS);
  let purged = 0;
  for (;;) {
    const batch = await ctx.db.read.person.findMany({
      where: { archivedAt: { lt: cutoff } },
      select: { id: true },
      take: 200,
    });
    if (batch.length === 0) return purged;
    await ctx.db.transaction(async (tx) => {
      for (const { id } of batch) {
        const gone = await tx.person.deleteMany({ where: { id, archivedAt: { lt: cutoff } } });
        if (gone.count === 0) continue;
        purged++;
        await writePersonChange(tx, {
          personId: id,
          at: ctx.clock.now(),
          userId: null,
          kind: 'PURGED',
          changes: [],
        });
      }
    });
  }
}

/** Runs the purge now and then daily (main.ts). */
export function startRegisterPurges(ctx: AppContext, intervalMs = DAY_MS): () => void {
  return runPeriodically(ctx, 'register purge', intervalMs, async () => {
    const purged = await purgeArchivedPersons(ctx);
    if (purged > 0) ctx.log(`purged ${purged} archived register records`);
  });
}
