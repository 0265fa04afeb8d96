import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n';
import { type ChartOption, type ECharts, echarts } from './echarts';

/** What a click on a chart hit: the series and the item (a bar, a point). */
export interface ChartHit {
  seriesIndex: number;
  dataIndex: number;
}

/** What browser tests read from a chart (its marks are pixels, not nodes), like window.__wanggeMap. */
export interface WanggeChartHook {
  /** The page coordinates of an item's centre (a bar's middle, a point), or null. */
  pointOf(seriesIndex: number, dataIndex: number): { x: number; y: number } | null;
  /** The values drawn, per series. */
  values(): number[][];
}

declare global {
  interface Window {
    __wanggeCharts?: Record<string, WanggeChartHook>;
  }
}

/** The part of ECharts' (internal) global model that says where an item was drawn. */
interface ChartModel {
  getSeriesByIndex(i: number):
    | {
        getData(): {
          getItemLayout(
            i: number,
          ): [number, number] | { x: number; y: number; width: number; height: number } | null;
        };
      }
    | undefined;
}

interface Props {
  /** A stable name: the test id and the key of window.__wanggeCharts. */
  name: string;
  option: ChartOption;
  /** What the chart shows, in the UI's language (the canvas itself says nothing to a screen reader). */
  label: string;
  onPick?(hit: ChartHit): void;
  dark?: boolean;
}

/** One ECharts chart on a canvas, resized with its box, clickable item by item. */
export function Chart({ name, option, label, onPick, dark }: Props) {
  const { locale } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const c = echarts.init(el, dark ? 'dark' : undefined, {
      renderer: 'canvas',
      locale: locale === 'en' ? 'EN' : 'ZH',
    });
    chart.current = c;
    c.on('click', (p) => {
      const hit = p as { seriesIndex?: number; dataIndex?: number };
      if (hit.seriesIndex !== undefined && hit.dataIndex !== undefined)
        pick.current?.({ seriesIndex: hit.seriesIndex, dataIndex: hit.dataIndex });
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    window.__wanggeCharts ??= {};
    window.__wanggeCharts[name] = {
      pointOf: (s, d) => {
        // getItemLayout: a bar's rectangle or a point's [x, y], in the chart's own pixels.
        const model = (c as unknown as { getModel(): ChartModel }).getModel();
        const layout = model?.getSeriesByIndex(s)?.getData().getItemLayout(d);
        if (!layout) return null;
        const box = el.getBoundingClientRect();
        const [x, y] = Array.isArray(layout)
          ? layout
          : [layout.x + layout.width / 2, layout.y + layout.height / 2];
        return { x: box.left + x, y: box.top + y };
      },
      values: () => {
        const series = (c.getOption() as { series?: { data?: unknown[] }[] }).series ?? [];
        return series.map((x) =>
          (x.data ?? []).map((v) => Number(typeof v === 'object' && v ? (v as { value: unknown }).value : v)),
        );
      },
    };
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
      delete window.__wanggeCharts?.[name];
    };
  }, [name, locale, dark]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, locale, dark]);

  return (
    <div ref={element} className="dash-chart" role="img" aria-label={label} data-testid={`chart-${name}`} />
  );
}
