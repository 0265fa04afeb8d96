import type { CaseState } from '@wangge/shared/domain/constants';
import { fixMyStreetStatus, PUBLIC_STATE_NOTES, toW3cShanghai } from '@wangge/shared/open311/services';
import { OPEN311_MAX_REQUESTS, open311Window } from '@wangge/shared/open311/window';
import type { TOpen311UpdatesQuery } from '@wangge/shared/schemas/open311';
import type { AppContext } from '../../context';
import { open311RequestsSql } from '../../policies';

/**
 * GET servicerequestupdates (FixMyStreet's extension): every change of state of the cases
 * behind Open311 requests within the window (default 90 days), oldest first, at most 1,000, so
 * a client resumes from the last updated_datetime. Each says where the case stands in fixed
 * public words (no handler's note, no staff name). Events from before a request came in (a
 * master's own history, after a merge) are left out.
 */
export async function listOpen311Updates(ctx: AppContext, q: TOpen311UpdatesQuery) {
  const { start, end } = open311Window(q, ctx.clock.now());
  const rows = await ctx.db.read.$queryRaw<
    { seq: number | bigint; serviceRequestId: string; toState: CaseState; createdAt: unknown }[]
  >`
SELECT e."seq", q."serviceRequestId", e."toState", e."createdAt"
FROM ${open311RequestsSql}
JOIN "CaseEvent" e ON e."caseId" = c."id"
WHERE e."createdAt" >= ${start} AND e."createdAt" <= ${end} AND e."createdAt" >= r."createdAt"
  AND (e."fromState" IS NULL OR e."fromState" <> e."toState")
ORDER BY e."createdAt" ASC, e."seq" ASC, q."serviceRequestId" ASC
LIMIT ${OPEN311_MAX_REQUESTS}`;
  return rows.map((r) => {
    const at = r.createdAt instanceof Date ? r.createdAt : new Date(String(r.createdAt));
    return {
      update_id: `${r.serviceRequestId}-${r.seq}`,
      service_request_id: r.serviceRequestId,
      status: fixMyStreetStatus(r.toState),
      updated_datetime: toW3cShanghai(at),
      description: PUBLIC_STATE_NOTES[r.toState],
      media_url: null,
    };
  });
}
