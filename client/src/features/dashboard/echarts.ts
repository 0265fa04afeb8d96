import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * ECharts with only what the dashboard draws (bars, lines, axes, legend, tooltip) on canvas:
 * the tree-shaken core keeps the lazily loaded dashboard chunk small. Canvas, not SVG: it styles
 * through the CSSOM only, which the strict CSP (style-src 'self') allows; tooltips render as
 * rich text in the canvas for the same reason (an HTML tooltip carries inline style attributes).
 */
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type { ECharts, EChartsCoreOption as ChartOption } from 'echarts/core';
export { echarts };
