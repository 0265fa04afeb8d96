import { useTable } from '../../i18n/i18n';

/** Strings of 我的案件: Simplified Chinese first, English available. */
const ZH = {
  title: '我的案件',
  toCheck: '待我核查 / 核实',
  reported: '我上报的',
  none: '暂无案件',
  refresh: '刷新',
  search: '搜索',
  searchHint: '案件编号或标题',
  deadline: '时限',
  overdue: '已超时',
  dueSoon: '即将超时',
  urgent: '紧急',
  pass: '核查通过',
  fail: '核查不通过',
  before: '整改前照片',
  after: '整改后照片',
  reason: '不通过原因（必填）',
  note: '核查意见（选填）',
  confirm: '确认提交',
  cancel: '取消',
  sending: '正在提交…',
  needReason: '请填写不通过原因（至少 2 个字）',
  checked: '已提交：',
  openCase: '详情',
  verifyHint: '请在详情中核实',
} as const;

type Key = keyof typeof ZH;

const EN: Record<Key, string> = {
  title: 'My cases',
  toCheck: 'Waiting for my check',
  reported: 'Reported by me',
  none: 'No cases',
  refresh: 'Refresh',
  search: 'Search',
  searchHint: 'Case no. or title',
  deadline: 'Due',
  overdue: 'Overdue',
  dueSoon: 'Due soon',
  urgent: 'Urgent',
  pass: 'Check passed',
  fail: 'Check failed',
  before: 'Before photos',
  after: 'After photos',
  reason: 'Why it failed (required)',
  note: 'Remarks (optional)',
  confirm: 'Confirm',
  cancel: 'Cancel',
  sending: 'Sending…',
  needReason: 'Give the reason (at least 2 characters)',
  checked: 'Done: ',
  openCase: 'Details',
  verifyHint: 'Verify it in the details',
};

export function useCasesText() {
  const { text, ...i18n } = useTable<Key>(ZH, EN);
  return { ...i18n, ct: text };
}
