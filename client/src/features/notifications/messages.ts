import { useTable } from '../../i18n/i18n';

/** Strings of the bell: Simplified Chinese first, English available. */
const ZH = {
  bell: '通知',
  unread: '{n} 条未读',
  none: '暂无通知',
  title: '通知',
  close: '关闭',
  markAll: '全部标为已读',
  enablePush: '在本机接收推送通知',
  pushOn: '本机已开启推送通知',
  pushRefused: '浏览器未允许通知，可在浏览器设置中开启',
  'kind.REPORT_MOVED': '您上报的案件有新进展',
  'kind.TASK_OFFERED': '新任务待签收',
  'kind.DEADLINE_YELLOW': '案件即将超时',
  'kind.DEADLINE_RED': '案件已超时',
  'kind.SUPERVISED': '收到督办',
  'kind.CALLBACK_DUE': '已结案，待回访',
};
type Key = keyof typeof ZH;
const EN: Record<Key, string> = {
  bell: 'Notifications',
  unread: '{n} unread',
  none: 'No notifications',
  title: 'Notifications',
  close: 'Close',
  markAll: 'Mark all read',
  enablePush: 'Get push notifications on this device',
  pushOn: 'Push notifications are on for this device',
  pushRefused: 'The browser did not allow notifications; allow them in its settings',
  'kind.REPORT_MOVED': 'Your report moved',
  'kind.TASK_OFFERED': 'New task to claim',
  'kind.DEADLINE_YELLOW': 'Deadline close',
  'kind.DEADLINE_RED': 'Deadline passed',
  'kind.SUPERVISED': 'Supervision order',
  'kind.CALLBACK_DUE': 'Closed: call back',
};

export function useBellText() {
  const { text, ...i18n } = useTable<Key>(ZH, EN);
  return { ...i18n, bt: (key: Key, n?: number) => text(key, { n: n ?? '' }) };
}
