import {
  CITIZEN_REJECT_REASONS,
  type CitizenRejectReason,
  PENDING_PHRASE,
  type PublicPhrase,
  publicStatePhrase,
  REJECTED_PHRASE,
} from '@wangge/shared/citizens/public-status';
import { formatTrackingCode, normaliseTrackingCode } from '@wangge/shared/citizens/tracking-code';
import type { CaseState } from '@wangge/shared/domain/constants';
import type { AppContext } from '../../context';
import { notFound } from '../../http/app-error';
import { PUBLIC_CASE_SELECT, PUBLIC_EVENT_SELECT, trackedCaseRefWhere } from '../../policies';

/** One step of the public timeline. */
interface Step {
  at: Date;
  state: CaseState | 'SUBMITTED' | 'NOT_ACCEPTED';
  phrase: PublicPhrase;
}

/**
 * The public status page of a tracking code: where the report stands, in fixed public phrases,
 * and the times of its changes; its category and the village (community) and township it lies
 * in — not the point, no contact, no staff name, no note. Once registered it follows the case
 * the code's CITIZEN ref names, so after a merge (并案) the master's progress shows. A code that
 * is malformed, fails its check or names nothing is one and the same 404.
 */
export async function trackCitizenReport(ctx: AppContext, rawCode: string) {
  const code = normaliseTrackingCode(rawCode);
  const submission = code
    ? await ctx.db.read.citizenSubmission.findUnique({ where: { trackingCode: code } })
    : null;
  if (!code || !submission) throw notFound('No report has this tracking code.');
  const category = await categoryOf(ctx, submission.categoryCode);
  const timeline: Step[] = [{ at: submission.createdAt, state: 'SUBMITTED', phrase: PENDING_PHRASE }];
  let status: Step['state'] = 'SUBMITTED';
  let phrase = PENDING_PHRASE;
  let rejection: { reason: string; phrase: PublicPhrase } | null = null;
  if (submission.status === 'REJECTED') {
    const reason = submission.rejectReason as CitizenRejectReason;
    rejection = { reason, phrase: CITIZEN_REJECT_REASONS[reason] };
    status = 'NOT_ACCEPTED';
    phrase = REJECTED_PHRASE;
    timeline.push({ at: submission.decidedAt ?? submission.createdAt, state: status, phrase });
  }
  const ref = await ctx.db.read.caseRef.findFirst({
    where: trackedCaseRefWhere(code),
    select: { caseId: true },
  });
  if (ref && submission.caseId) {
    const current = await ctx.db.read.case.findUniqueOrThrow({
      where: { id: ref.caseId },
      select: PUBLIC_CASE_SELECT,
    });
    status = current.state;
    phrase = publicStatePhrase(current.state);
    timeline.push(...(await caseSteps(ctx, submission.caseId, current.id)));
  }
  return {
    trackingCode: formatTrackingCode(code),
    status,
    phrase,
    rejection,
    category,
    area: {
      village: ctx.reference.unitName(submission.villageCode) ?? null,
      township: ctx.reference.unitName(submission.townshipCode) ?? null,
    },
    submittedAt: submission.createdAt,
    timeline: timeline.map((s) => ({ at: s.at, state: s.state, phrase: s.phrase })),
  };
}

/**
 * The changes of state of the report's own case, and — once it was merged into another — of
 * that master from the merge on (never the master's earlier history, which is another report's).
 */
async function caseSteps(ctx: AppContext, ownCaseId: string, currentCaseId: string): Promise<Step[]> {
  const own = await ctx.db.read.caseEvent.findMany({
    where: { caseId: ownCaseId },
    orderBy: { seq: 'asc' },
    select: PUBLIC_EVENT_SELECT,
  });
  const merged = own.find((e) => e.toState === 'MERGED');
  const master =
    currentCaseId !== ownCaseId && merged
      ? await ctx.db.read.caseEvent.findMany({
          where: { caseId: currentCaseId, seq: { gt: merged.seq } },
          orderBy: { seq: 'asc' },
          select: PUBLIC_EVENT_SELECT,
        })
      : [];
  // The case's own REPORT is the submission's first step already (SUBMITTED).
  return [...own, ...master]
    .filter((e) => e.fromState !== null && e.fromState !== e.toState)
    .map((e) => ({ at: e.createdAt, state: e.toState, phrase: publicStatePhrase(e.toState) }));
}

/** A category by its names, with its major class's. */
async function categoryOf(ctx: AppContext, code: string) {
  const select = { code: true, name: true, nameEn: true, parentCode: true } as const;
  const row = await ctx.db.read.category.findUnique({ where: { code }, select });
  const parent = row?.parentCode
    ? await ctx.db.read.category.findUnique({ where: { code: row.parentCode }, select })
    : null;
  return {
    code,
    name: row?.name ?? code,
    nameEn: row?.nameEn ?? code,
    group: parent ? { name: parent.name, nameEn: parent.nameEn } : null,
  };
}
