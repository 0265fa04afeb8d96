import { useI18n } from '../../i18n/i18n';
import type { Locale } from '../../i18n/messages';

/** Strings of the evaluation (综合评价) page, Simplified Chinese first. */
const METRICS_MESSAGES = {
  'zh-CN': {
    title: '综合评价',
    thisMonth: '本月',
    lastMonth: '上月',
    custom: '自定义',
    from: '起',
    to: '止',
    unit: '单位',
    subunit: '下级单位',
    allOf: '全部',
    indicator: '指标',
    numerator: '分子',
    denominator: '分母',
    rate: '比率',
    csv: '下载 CSV',
    xlsx: '下载 Excel',
    casesBehind: '相关案件',
    close: '关闭',
    more: '加载更多',
    none: '无案件',
  },
  en: {
    title: 'Evaluation',
    thisMonth: 'This month',
    lastMonth: 'Last month',
    custom: 'Custom',
    from: 'From',
    to: 'To',
    unit: 'Unit',
    subunit: 'Unit below',
    allOf: 'All',
    indicator: 'Indicator',
    numerator: 'Numerator',
    denominator: 'Denominator',
    rate: 'Rate',
    csv: 'Download CSV',
    xlsx: 'Download Excel',
    casesBehind: 'Cases',
    close: 'Close',
    more: 'Load more',
    none: 'No cases',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type MetricsKey = keyof (typeof METRICS_MESSAGES)['zh-CN'];

/** `mt(key)`: an evaluation-page string in the current language. */
export function useMetricsText(): (key: MetricsKey) => string {
  const { locale } = useI18n();
  return (key) => METRICS_MESSAGES[locale][key];
}
