import type { AppContext } from '../../context';

/** Prisma's unique-constraint error (two nodes creating a lease row at once). */
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/**
 * Takes or renews the cluster-wide lease on job `name` for `holder` until `ms` from now, and
 * says whether it holds it: a conditional update (free, expired, or already ours), so of
 * several nodes trying at once exactly one wins — on PostgreSQL the row lock makes the loser
 * re-read the winner's row. A holder that dies loses the lease when it expires.
 */
export async function takeJobLease(
  ctx: AppContext,
  name: string,
  holder: string,
  ms: number,
): Promise<boolean> {
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ms);
  try {
    return await ctx.db.transaction(async (tx) => {
      const taken = await tx.jobLease.updateMany({
        where: { name, OR: [{ holder }, { expiresAt: { lte: now } }] },
        data: { holder, expiresAt },
      });
      if (taken.count > 0) return true;
      if (await tx.jobLease.findUnique({ where: { name }, select: { name: true } })) return false;
      await tx.jobLease.create({ data: { name, holder, expiresAt } });
      return true;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
