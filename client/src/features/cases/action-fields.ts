/** Which inputs each action asks for (mirrors shared/src/schemas/cases.ts). */
export const ACTION_FIELDS: Record<
  string,
  {
    reason?: boolean;
    note?: 'required' | 'optional';
    photos?: 'required' | 'optional';
    departments?: 'dispatch' | 'whistle';
    days?: boolean;
    reasonCode?: boolean;
  }
> = {
  REGISTER: {},
  REJECT: { reason: true },
  REQUEST_VERIFY: { note: 'optional' },
  VERIFY_CONFIRM: { note: 'optional', photos: 'optional' },
  VERIFY_REFUTE: { reason: true },
  SELF_RESOLVE: { note: 'required', photos: 'required' },
  APPROVE_SELF_RESOLUTION: {},
  REJECT_SELF_RESOLUTION: { reason: true },
  ESCALATE: { reason: true },
  DECLINE_ESCALATION: { reason: true },
  RESOLVE_AT_LEVEL: { note: 'required', photos: 'optional' },
  DISPATCH: { departments: 'dispatch', note: 'optional' },
  CLAIM: {},
  REQUEST_RETURN: { reasonCode: true, reason: true },
  ACCEPT_RETURN: {},
  REJECT_RETURN: { reason: true },
  REQUEST_EXTENSION: { days: true, reason: true },
  APPROVE_EXTENSION: {},
  REJECT_EXTENSION: { reason: true },
  SUSPEND: { reason: true },
  RESUME: {},
  FEEDBACK: { note: 'required', photos: 'optional' },
  CO_FEEDBACK: { note: 'required', photos: 'optional' },
  CHECK_PASS: { note: 'optional', photos: 'optional' },
  CHECK_FAIL: { reason: true, photos: 'optional' },
  CLOSE: {},
  CALLBACK_SATISFIED: { note: 'optional' },
  CALLBACK_DISSATISFIED: { reason: true },
  WHISTLE: { departments: 'whistle', reason: true },
  REPORT_IN: { note: 'optional' },
  SUPERVISE: { days: true, reason: true },
};

/** True when the action needs no input and can run on one click. */
export function isOneClick(action: string): boolean {
  const f = ACTION_FIELDS[action] ?? {};
  return !f.reason && !f.note && !f.photos && !f.departments && !f.days && !f.reasonCode;
}

export const RETURN_REASON_LABELS: Record<string, [string, string]> = {
  NOT_OUR_REMIT: ['不属本部门职责', 'Not our remit'],
  WRONG_AREA: ['不属本辖区', 'Wrong area'],
  INSUFFICIENT_INFO: ['信息不全', 'Insufficient information'],
  DUPLICATE: ['重复案件', 'Duplicate'],
};
