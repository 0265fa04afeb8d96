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
    unit: '单位：',
    subunit: '下级单位',
    allOf: '全部',
    indicator: '指标',
    numerator: '分子',
    denominator: '分母',
    rate: '比率',
    csv: '下载 CSV',
    xlsx: '下载 Excel',
    casesBehind: '相关案件：',
    close: '关闭',
    more: '加载更多',
    none: '无案件',
    badRange: '起始日期不能晚于截止日期',
    duplicates: '重复件占比（并案）',
    month: '月份',
    reported: '上报',
    merged: '并案',
    share: '占比',
    duplicatesNote: '并案的重复件只在主案件中计一次，不计入上表各项指标。',
  },
  en: {
    title: 'Evaluation',
    thisMonth: 'This month',
    lastMonth: 'Last month',
    custom: 'Custom',
    from: 'From',
    to: 'To',
    unit: 'Unit:',
    subunit: 'Unit below',
    allOf: 'All',
    indicator: 'Indicator',
    numerator: 'Numerator',
    denominator: 'Denominator',
    rate: 'Rate',
    csv: 'Download CSV',
    xlsx: 'Download Excel',
    casesBehind: 'Cases: ',
    close: 'Close',
    more: 'Load more',
    none: 'No cases',
    badRange: 'The start date is after the end date',
    duplicates: 'Duplicate share (merged)',
    month: 'Month',
    reported: 'Reported',
    merged: 'Merged',
    share: 'Share',
    duplicatesNote:
      'A merged duplicate counts once, in its master case, and in none of the indicators above.',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type MetricsKey = keyof (typeof METRICS_MESSAGES)['zh-CN'];

/** English names of the indicators (the API names them in Chinese only). */
const INDICATOR_NAMES_EN: Record<string, string> = {
  handle: 'Handled',
  handleOnTime: 'Handled on time',
  close: 'Closed',
  closeOnTime: 'Closed on time',
  rework: 'Rework',
  return: 'Returned',
  extension: 'Extended',
  registerOnTime: 'Registered on time',
  checkOnTime: 'Checked on time',
  satisfaction: 'Satisfaction',
  dispatchAccuracy: 'Dispatched accurately',
  hotlineResponse: '12345 response',
  hotlineResolution: '12345 resolution',
  hotlineSatisfaction: '12345 satisfaction',
};

/** `indicator(key, name)`: an indicator's name in the current language (the API's name in Chinese). */
export function useIndicatorName(): (key: string, name: string) => string {
  const { locale } = useI18n();
  return (key, name) => (locale === 'en' ? (INDICATOR_NAMES_EN[key] ?? name) : name);
}

/** `mt(key)`: an evaluation-page string in the current language. */
export function useMetricsText(): (key: MetricsKey) => string {
  const { locale } = useI18n();
  return (key) => METRICS_MESSAGES[locale][key];
}
