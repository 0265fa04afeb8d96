import type { Attachment, Case, CaseEvent } from '../generated/prisma/client';

/** A new case, its REPORT event and what comes with it, ready to be written. */
export interface NewReport {
  case: Omit<Case, 'code'>;
  event: Omit<CaseEvent, 'seq'>;
  /** City prefix and Shanghai day of the case code, e.g. 3715 and 20261122. */
  codePrefix: string;
  codeDay: string;
  attachmentIds: readonly string[];
  idempotency: { userId: string; key: string; requestHash: string };
}

export type InsertReportResult =
  | { created: true; case: Case; event: CaseEvent; attachments: Attachment[] }
  | { created: false; caseId: string; requestHash: string };

/** The case code: city prefix, Shanghai day, the day's serial (3715-20261122-000123). */
export const caseCode = (r: NewReport, serial: number) =>
  `${r.codePrefix}-${r.codeDay}-${String(serial).padStart(6, '0')}`;
