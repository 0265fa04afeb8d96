import type { CaseState } from '../domain/constants';
import { PUBLIC_STATE_NOTES } from '../open311/services';

/** A public sentence in both languages. */
export interface PublicPhrase {
  zh: string;
  en: string;
}

/**
 * The public page's words for a case's state: Open311's fixed public phrases
 * (shared/src/open311/services.ts, "中文。English."), split into their two languages, so the
 * citizens' page, Open311 and its updates say the same thing and no third set exists.
 */
export function publicStatePhrase(state: CaseState): PublicPhrase {
  const note = PUBLIC_STATE_NOTES[state];
  const cut = note.lastIndexOf('。') + 1;
  return { zh: note.slice(0, cut), en: note.slice(cut).trim() };
}

/** The page's words for a submission the village has not decided on yet. */
export const PENDING_PHRASE: PublicPhrase = {
  zh: '已收到，等待村（社区）登记。',
  en: 'Received; waiting for the village (community) to register it.',
};

/**
 * Why a village does not accept a submission: a choice from this list, shown to the citizen as
 * its public phrase, never free text (which could name people or internal matters).
 */
export const CITIZEN_REJECT_REASONS = {
  DUPLICATE: {
    zh: '已有相同问题的反映，正在办理。',
    en: 'The same problem has been reported and is being handled.',
  },
  NOT_OUR_REMIT: {
    zh: '不属于网格受理范围，请通过相应渠道反映。',
    en: 'Not a matter the grid handles; please use the appropriate channel.',
  },
  INSUFFICIENT_INFO: {
    zh: '信息不足，无法核实，欢迎补充后重新反映。',
    en: 'Too little information to check; you are welcome to report again with more.',
  },
  NOT_FOUND_ON_SITE: { zh: '现场未发现所反映的问题。', en: 'The problem was not found on site.' },
  INAPPROPRIATE: { zh: '内容不符合反映要求。', en: 'The content does not meet the reporting rules.' },
} as const satisfies Record<string, PublicPhrase>;
export type CitizenRejectReason = keyof typeof CITIZEN_REJECT_REASONS;
export const CITIZEN_REJECT_REASON_CODES = Object.keys(CITIZEN_REJECT_REASONS) as [
  CitizenRejectReason,
  ...CitizenRejectReason[],
];

/** The words for a submission the village did not accept. */
export const REJECTED_PHRASE: PublicPhrase = { zh: '未予受理。', en: 'Not accepted.' };

/** Where a submission stands before it is a case. */
export const CITIZEN_SUBMISSION_STATUSES = ['PENDING', 'REGISTERED', 'REJECTED'] as const;
export type CitizenSubmissionStatus = (typeof CITIZEN_SUBMISSION_STATUSES)[number];
