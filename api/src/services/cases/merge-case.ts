import type { TMergeCase } from '@wangge/shared/schemas/cases';
import { isMergeParty, type MergeSide, mergeProblems } from '@wangge/shared/workflow/merge';
import { writeMerge } from '../../case-log';
import type { AppContext } from '../../context';
import { lockCase } from '../../db/locks';
import { AppError, notFound } from '../../http/app-error';
import { caseScopeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';

const versionConflict = (current: number) =>
  new AppError('VERSION_CONFLICT', 'The case has changed since you loaded it; reload and retry.', [
    { path: 'version', message: `current version is ${current}` },
  ]);

/**
 * Merges a duplicate into a master case on a desk (并案): the duplicate's owning operator or
 * dispatcher, both cases in their jurisdiction. Checks jurisdiction (404), party (403), version
 * (409), then every problem with the two cases at once (shared/src/workflow/merge.ts: 409 if
 * only the duplicate's state is wrong, else 422 listing them all). The case log writes it in
 * one transaction holding both cases' locks (taken in id order: two merges of one pair in
 * opposite directions cannot deadlock); of two merges racing on one duplicate, one wins.
 */
export async function mergeCase(
  ctx: AppContext,
  user: AuthUser,
  duplicateId: string,
  input: TMergeCase,
): Promise<{ version: number }> {
  const now = ctx.clock.now();
  const written = await ctx.db.transaction(async (tx) => {
    for (const id of [duplicateId, input.masterId].sort()) await lockCase(tx, id);
    const [duplicate, master] = await Promise.all(
      [duplicateId, input.masterId].map((id) =>
        tx.case.findFirst({ where: { AND: [{ id }, caseScopeWhere(user)] } }),
      ),
    );
    if (!duplicate) throw notFound('No such case.');
    if (!isMergeParty(duplicate, user))
      throw new AppError('FORBIDDEN', `${user.role} may not merge this case: only its owning desk may.`);
    if (duplicate.version !== input.version) throw versionConflict(duplicate.version);
    const problems = mergeProblems(side(duplicate), master ? side(master) : null, user);
    if (problems.length > 0) {
      const onlyState = problems.every((p) => p.path === 'id');
      throw new AppError(
        onlyState ? 'INVALID_STATE' : 'RULE_VIOLATION',
        'This case cannot be merged into that one.',
        problems,
      );
    }
    const merged = await writeMerge(tx, {
      duplicate,
      master: master!,
      version: input.version,
      actor: user,
      note: input.note ?? null,
      at: now,
    });
    if (!merged) throw versionConflict(duplicate.version + 1);
    return { ...merged, duplicateCode: duplicate.code, masterCode: master!.code };
  });
  ctx.events.publish([
    { event: written.duplicateEvent, caseCode: written.duplicateCode, actorName: user.displayName },
    { event: written.masterEvent, caseCode: written.masterCode, actorName: user.displayName },
  ]);
  return { version: written.after.version };
}

const side = (c: MergeSide & Record<string, unknown>): MergeSide => ({
  id: c.id,
  state: c.state,
  ownerUnitCode: c.ownerUnitCode,
  gridCode: c.gridCode,
  mergedIntoId: c.mergedIntoId,
});
