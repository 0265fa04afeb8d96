/** Every action that can be taken on an existing case (reporting creates one). */
export const CASE_ACTIONS = [
  /** Owner station/centre registers (立案) a report or an escalated case. */
  'REGISTER',
  /** Owner declines to register (不予立案); reason required. */
  'REJECT',
  /** Owner asks the cell's grid worker to confirm a non-grid report on site (核实). */
  'REQUEST_VERIFY',
  /** The cell's grid worker confirms the report; it is registered at the owning level. */
  'VERIFY_CONFIRM',
  /** The cell's grid worker finds nothing to handle; the report is rejected. */
  'VERIFY_REFUTE',
  /** The cell's grid worker handled it on the spot, with photos (自行处置). */
  'SELF_RESOLVE',
  /** The station accepts a self-resolution: the case closes. */
  'APPROVE_SELF_RESOLUTION',
  /** The station does not accept it: the case is registered for handling. */
  'REJECT_SELF_RESOLUTION',
  /** The owning level cannot handle it: one hop up, with a reason (上报/吹哨). */
  'ESCALATE',
  /** The upper level sends an escalated case back down, with a reason. */
  'DECLINE_ESCALATION',
  /** The owning level handled it itself, with evidence: on to the on-site check. */
  'RESOLVE_AT_LEVEL',
  /** Owner centre dispatches to a lead department plus optional co-handlers (派遣). */
  'DISPATCH',
  /** Department staff sign for the task (签收). */
  'CLAIM',
  /** Lead department asks to return the task within its window, with a reason code (退回). */
  'REQUEST_RETURN',
  /** Dispatching level accepts the return: the case is back to be dispatched again. */
  'ACCEPT_RETURN',
  /** Dispatching level arbitrates the task back to the department. */
  'REJECT_RETURN',
  /** Lead department asks for more working days before the deadline (延期). */
  'REQUEST_EXTENSION',
  /** Dispatching level grants the extension: a new handling deadline. */
  'APPROVE_EXTENSION',
  /** Dispatching level refuses the extension. */
  'REJECT_EXTENSION',
  /** County or city centre parks a long-term case (挂账); excluded from on-time metrics. */
  'SUSPEND',
  /** County or city centre resumes a suspended case; its deadline moves by the time parked. */
  'RESUME',
  /** Lead department reports it handled, with evidence (反馈). */
  'FEEDBACK',
  /**
   * A co-handler department reports its own part done (协办反馈): its task is fed back, the case
   * stays where it is; the lead's FEEDBACK closes the loop.
   */
  'CO_FEEDBACK',
  /** On-site check passed (核查通过). */
  'CHECK_PASS',
  /** On-site check failed: back to the same department, rework count + 1 (返工). */
  'CHECK_FAIL',
  /** Owner duty chief closes the case (结案). */
  'CLOSE',
  /** Hotline callback: the citizen is satisfied (回访满意); archived. */
  'CALLBACK_SATISFIED',
  /** Hotline callback: the citizen is not satisfied; the case is handled again. */
  'CALLBACK_DISSATISFIED',
  /** Owner centre whistles departments (吹哨): each must report in within its limit. */
  'WHISTLE',
  /** A whistled department reports in (报到). */
  'REPORT_IN',
  /** An upper level's supervision order (督办): handle by its own deadline. */
  'SUPERVISE',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Event log action for a new case (not an action on an existing one). */
export const REPORT_ACTION = 'REPORT';
