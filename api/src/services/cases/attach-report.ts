import { createHash } from 'node:crypto';
import { OPEN_STATES } from '@wangge/shared/domain/constants';
import type { TAttachReport } from '@wangge/shared/schemas/cases';
import { writeAttach } from '../../case-log';
import type { AppContext } from '../../context';
import { lockCase } from '../../db/locks';
import { AppError, notFound } from '../../http/app-error';
import { caseScopeWhere } from '../../policies';
import type { AuthUser } from '../auth/auth-user';
import { DEFAULT_SOURCE } from './report-case';

/** The drivers' and Prisma's codes for a unique violation (a retry racing its first try). */
const isUniqueViolation = (error: unknown) =>
  ['P2002', '23505', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes((error as { code?: string }).code ?? '');

/**
 * Attaches a report to an existing open case instead of filing a new one (并案 at intake): any
 * role that may report, on a case it may see. The reporter then follows the case (reads it,
 * gets its events), the photos go to the case, an ATTACH event records it. Idempotent per
 * (user, Idempotency-Key) like a report: a retry answers with the case, writing nothing.
 */
export async function attachReport(
  ctx: AppContext,
  user: AuthUser,
  caseId: string,
  input: TAttachReport,
  key: string,
): Promise<{ caseId: string; created: boolean }> {
  const source = DEFAULT_SOURCE[user.role];
  if (!source) throw new AppError('FORBIDDEN', `${user.role} may not report cases.`);
  const requestHash = createHash('sha256')
    .update(JSON.stringify({ caseId, ...input }))
    .digest('hex');
  try {
    const written = await ctx.db.transaction(async (tx) => {
      const seen = await tx.idempotencyKey.findUnique({ where: { userId_key: { userId: user.id, key } } });
      if (seen) return { seen, event: null, code: null };
      await lockCase(tx, caseId);
      const current = await tx.case.findFirst({ where: { AND: [{ id: caseId }, caseScopeWhere(user)] } });
      if (!current) throw notFound('No such case.');
      if (!OPEN_STATES.includes(current.state))
        throw new AppError(
          'INVALID_STATE',
          `A report cannot be attached to a case in state ${current.state}.`,
          [{ path: 'id', message: `the case is ${current.state}: report a new case instead` }],
        );
      const event = await writeAttach(tx, {
        current,
        actor: user,
        payload: {
          description: input.description,
          location: input.location,
          ...(input.address ? { address: input.address } : {}),
          source,
          attachmentIds: [...new Set(input.attachmentIds ?? [])],
        },
        idempotency: { key, requestHash },
        at: ctx.clock.now(),
      });
      return { seen: null, event, code: current.code };
    });
    if (written.seen) return answerSeen(written.seen, requestHash);
    ctx.events.publish([{ event: written.event, caseCode: written.code, actorName: user.displayName }]);
    return { caseId, created: true };
  } catch (error) {
    // A retry that committed first: answer as it did.
    if (!isUniqueViolation(error)) throw error;
    const seen = await ctx.db.read.idempotencyKey.findUnique({
      where: { userId_key: { userId: user.id, key } },
    });
    if (!seen) throw error;
    return answerSeen(seen, requestHash);
  }
}

function answerSeen(seen: { caseId: string; requestHash: string }, requestHash: string) {
  if (seen.requestHash !== requestHash)
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different report; use a new key for a new report.',
    );
  return { caseId: seen.caseId, created: false };
}
