import type { AppContext } from '../../context';

/** Gives up `holder`'s lease on job `name` (a node stopping), so another node takes it at once. */
export async function releaseJobLease(ctx: AppContext, name: string, holder: string): Promise<void> {
  await ctx.db.transaction((tx) =>
    tx.jobLease.updateMany({ where: { name, holder }, data: { expiresAt: new Date(0) } }),
  );
}
