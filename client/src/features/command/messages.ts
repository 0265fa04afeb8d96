import { useI18n } from '../../i18n/i18n';
import type { Locale } from '../../i18n/messages';

/** Strings of the command-centre map, Simplified Chinese first. */
const COMMAND_MESSAGES = {
  'zh-CN': {
    title: '综治一张图',
    crumbs: '层级导航',
    reportedToday: '今日上报',
    closedToday: '今日结案',
    open: '在办',
    overdue: '超期',
    onTimeRate: '按期结案率',
    now: '当前',
    thisMonth: '本月',
    subunits: '下级单位',
    cells: '网格',
    feed: '实时动态',
    feedEmpty: '等待新的事件…',
    legendNone: '无案件',
    legendOpen: '在办（按数量）',
    legendOverdue: '有超期',
    legendCase: '案件',
    loadingCells: '正在加载网格…',
    cellCount: '个网格',
    caseCount: '件在办',
    truncated: '仅显示最新 5000 件',
  },
  en: {
    title: 'Live map',
    crumbs: 'Unit path',
    reportedToday: 'Reported today',
    closedToday: 'Closed today',
    open: 'Open',
    overdue: 'Overdue',
    onTimeRate: 'Closed on time',
    now: 'now',
    thisMonth: 'this month',
    subunits: 'Units below',
    cells: 'Cells',
    feed: 'Live feed',
    feedEmpty: 'Waiting for events…',
    legendNone: 'No case',
    legendOpen: 'Open (by count)',
    legendOverdue: 'Overdue',
    legendCase: 'Case',
    loadingCells: 'Loading cells…',
    cellCount: 'cells',
    caseCount: 'open cases',
    truncated: 'Newest 5,000 shown',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type CommandKey = keyof (typeof COMMAND_MESSAGES)['zh-CN'];

/** `ct(key)`: a command-map string in the current language. */
export function useCommandText(): (key: CommandKey) => string {
  const { locale } = useI18n();
  return (key) => COMMAND_MESSAGES[locale][key];
}
