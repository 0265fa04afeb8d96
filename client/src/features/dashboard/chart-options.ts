import type { TTrendDay } from '@wangge/shared/schemas/dashboard';
import type { Ranked, RateRow } from './dashboard-api';
import type { ChartOption } from './echarts';

/** Colours of the three flow figures, the same on every chart and figure. */
export const FLOW_COLOURS = { reported: '#2f6fb3', closed: '#2e8b57', overdue: '#c0392b' } as const;
export const FLOWS = ['reported', 'closed', 'overdue'] as const;

interface Look {
  /** Large type for the wall. */
  big?: boolean;
}
const font = (l: Look) => (l.big ? 18 : 12);
const base = (l: Look) => ({
  animation: false,
  // The panel's own background shows through (the dark theme would paint its own).
  backgroundColor: 'transparent',
  textStyle: { fontSize: font(l) },
  tooltip: { trigger: 'item' as const, renderMode: 'richText' as const, textStyle: { fontSize: font(l) } },
});

/** Reported / closed / newly overdue per day: one bar series each, a click per day and figure. */
export function trendOption(
  days: TTrendDay[],
  names: Record<(typeof FLOWS)[number], string>,
  l: Look = {},
): ChartOption {
  return {
    ...base(l),
    legend: { top: 0, textStyle: { fontSize: font(l) } },
    grid: { left: 8, right: 8, top: l.big ? 40 : 30, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)), axisLabel: { fontSize: font(l) } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: font(l) } },
    series: FLOWS.map((k) => ({
      name: names[k],
      type: 'bar',
      data: days.map((d) => d[k]),
      itemStyle: { color: FLOW_COLOURS[k] },
      barMaxWidth: 24,
    })),
  };
}

/** A ranking as horizontal bars, the first on top. */
export function rankingOption(rows: Ranked[], series: string, colour: string, l: Look = {}): ChartOption {
  const top = [...rows].reverse();
  return {
    ...base(l),
    grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: font(l) } },
    yAxis: {
      type: 'category',
      data: top.map((r) => r.name),
      axisLabel: { fontSize: font(l), width: l.big ? 220 : 140, overflow: 'truncate' },
    },
    series: [
      {
        name: series,
        type: 'bar',
        data: top.map((r) => r.count),
        itemStyle: { color: colour },
        label: { show: true, position: 'right', fontSize: font(l) },
        barMaxWidth: 22,
      },
    ],
  };
}

/** One indicator's rate (%) for each unit below, the numerator and denominator in the tooltip. */
export function compareOption(
  children: { name: string; rates: RateRow[] }[],
  key: string,
  series: string,
  l: Look = {},
): ChartOption {
  const rows = children.map((c) => c.rates.find((r) => r.key === key));
  return {
    ...base(l),
    grid: { left: 8, right: 8, top: 12, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: withoutCommonPrefix(children.map((c) => c.name)),
      axisLabel: {
        fontSize: font(l),
        interval: 0,
        rotate: children.length > 6 ? 40 : 0,
        width: 90,
        overflow: 'truncate',
      },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize: font(l), formatter: '{value}%' } },
    series: [
      {
        name: series,
        type: 'bar',
        // No bar where there is nothing to count ('-': ECharts' empty value), not a false 0 %.
        data: rows.map((r) => (r?.rate === null || r === undefined ? '-' : Math.round(r.rate * 1000) / 10)),
        itemStyle: { color: '#7b5ea7' },
        barMaxWidth: 28,
        // What the bar is made of: numerator / denominator.
        tooltip: {
          formatter: (p: { dataIndex: number; value: number }) => {
            const r = rows[p.dataIndex];
            return `${children[p.dataIndex]?.name ?? ''}: ${r?.rate === null ? '—' : `${p.value}%`} (${r?.numerator ?? 0}/${r?.denominator ?? 0})`;
          },
        },
      },
    ],
  };
}

/** Names without the part they all share (a village's cells: 古城社区居委会第1网格 → 第1网格). */
export function withoutCommonPrefix(names: string[]): string[] {
  if (names.length < 2) return names;
  let n = 0;
  const first = names[0]!;
  while (n < first.length && names.every((x) => x[n] === first[n])) n++;
  return n >= 2 && names.every((x) => x.length > n) ? names.map((x) => x.slice(n)) : names;
}
