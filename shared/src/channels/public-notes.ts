import type { CaseState } from '../domain/constants';

/**
 * The note a channel is told with a state change (the 12345 platform passes it on to the
 * caller): a fixed public sentence per state, never an operator's reason or a department's
 * words, which may name people or internal matters.
 */
export const PUBLIC_STATE_NOTES: Record<CaseState, string> = {
  REPORTED: '工单已受理，等待立案。',
  VERIFYING: '正在由网格员现场核实。',
  SELF_RESOLVED: '网格员已现场处置，等待审核。',
  REJECTED: '经核实不予立案。',
  REGISTERED: '已立案，正在安排处置。',
  ESCALATED: '已上报上级统筹处理。',
  DISPATCHED: '已派遣至职能部门处置。',
  RETURN_REQUESTED: '正在重新确定处置部门。',
  CLAIMED: '职能部门已签收，正在处置。',
  EXTENSION_REQUESTED: '处置部门申请延期，等待审批。',
  SUSPENDED: '问题需长期解决，已挂账跟踪。',
  CHECKING: '处置完毕，正在现场核查。',
  CHECKED: '核查通过，等待结案。',
  CLOSED: '已办结。',
  ARCHIVED: '已归档。',
  MERGED: '与同一事件的其他反映合并办理，后续进展见合并后的工单。',
};
