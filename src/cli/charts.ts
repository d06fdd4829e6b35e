/**
 * Charts for `salesfloor report`, drawn on the server as SVG by Apache
 * ECharts (`ssr: true`: no DOM, no canvas, no browser). A chart is described
 * here as plain data ({@link BarChart}) and turned into an ECharts option by a
 * pure function; ECharts itself is imported only when a page is drawn.
 */
import type { EChartsOption } from 'echarts';
import { loadOptional } from './optional.js';

/** One series of a chart: a value per category. */
export interface ChartSeries {
  readonly name: string;
  readonly values: readonly (number | null)[];
  /** Series with the same stack are stacked. */
  readonly stack?: string;
  readonly color?: string;
  /** Drawn as markers (targets) rather than bars. */
  readonly marker?: boolean;
  /** The value axis: 0 (left, default) or 1 (right). */
  readonly axis?: 0 | 1;
}

/** A bar chart: categories (salespeople, rule IDs) along one axis, values along the other. */
export interface BarChart {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  /** The value axes' names: one, or two for a right-hand axis. */
  readonly axes: readonly string[];
  /** Categories down the side (for long labels such as rule IDs). */
  readonly horizontal?: boolean;
}

/** Fonts that have Chinese glyphs on each platform, then any sans-serif. */
export const FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

/** Colours: red and green for the red and green lines, then a palette readable in print. */
export const colors = {
  red: '#d14343',
  green: '#2e9d5b',
  palette: ['#3b6fb6', '#e8a33d', '#5aa9a0', '#8a6bb8', '#d9735b', '#7f8c3a', '#c4569a', '#6b7b8c', '#a3813f', '#4f9fd6'],
} as const;

const HORIZONTAL_ROW = 22;

/** The width a legend item takes, roughly: the marker, the text (CJK counts double), the gap. */
function legendItemWidth(name: string): number {
  let text = 0;
  for (const ch of name) text += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 12 : 7;
  return 25 + 5 + text + 10;
}

/** How many lines the legend wraps to at a width (the plot starts below it). */
export function legendLines(chart: BarChart, width: number): number {
  const room = width - 40;
  let lines = 1;
  let used = 0;
  for (const s of chart.series) {
    const w = legendItemWidth(s.name);
    if (used > 0 && used + w > room) {
      lines++;
      used = 0;
    }
    used += w;
  }
  return lines;
}

/**
 * The size a chart is drawn at: horizontal charts grow with their categories.
 *
 * @param chart - the chart
 * @param width - the width in pixels
 */
export function sizeOf(chart: BarChart, width: number): { width: number; height: number } {
  const legend = 22 * (legendLines(chart, width) - 1);
  const height = (chart.horizontal ? Math.max(240, 110 + HORIZONTAL_ROW * chart.categories.length) : 360) + legend;
  return { width, height };
}

/**
 * The ECharts option of a chart. Animation is off (a still page); labels are
 * all shown, rotated when there are many.
 *
 * @param chart - the chart
 * @param width - the width it is drawn at (the legend wraps to fit)
 */
export function optionOf(chart: BarChart, width: number): EChartsOption {
  const many = chart.categories.length > 8;
  const category = { type: 'category' as const, data: [...chart.categories], axisLabel: { interval: 0, rotate: chart.horizontal || !many ? 0 : 35 } };
  const values = chart.axes.map((name, i) => ({
    type: 'value' as const,
    name,
    ...(chart.horizontal ? {} : { position: i === 0 ? ('left' as const) : ('right' as const) }),
    splitLine: { show: i === 0 },
  }));
  return {
    animation: false,
    color: [...colors.palette],
    textStyle: { fontFamily: FONTS },
    title: { text: chart.title, left: 'center', textStyle: { fontSize: 15 } },
    legend: { top: 34, type: 'plain' },
    grid: { top: 84 + 22 * (legendLines(chart, width) - 1), left: chart.horizontal ? 150 : 64, right: chart.axes.length > 1 ? 72 : 28, bottom: many && !chart.horizontal ? 84 : 40, containLabel: false },
    ...(chart.horizontal ? { xAxis: values, yAxis: { ...category, inverse: true } } : { xAxis: category, yAxis: values }),
    series: chart.series.map((s) => ({
      type: s.marker ? ('scatter' as const) : ('bar' as const),
      name: s.name,
      data: [...s.values],
      ...(s.stack === undefined ? {} : { stack: s.stack }),
      ...(s.color === undefined ? {} : { itemStyle: { color: s.color } }),
      ...(s.marker ? { symbol: 'rect', symbolSize: [18, 4] } : { barMaxWidth: 28 }),
      ...(s.axis === 1 ? (chart.horizontal ? { xAxisIndex: 1 } : { yAxisIndex: 1 }) : {}),
    })),
  };
}

/** Draws charts as SVG strings. */
export type Draw = (chart: BarChart, width: number) => string;

/**
 * Loads Apache ECharts (once per call) and gives a function that draws a
 * chart as an SVG string, server side.
 *
 * @returns the drawing function
 * @throws UsageError when echarts is not installed
 */
export async function loadCharts(): Promise<Draw> {
  const echarts = await loadOptional(() => import('echarts'), 'echarts', 'salesfloor report (its charts)');
  return (chart, width) => {
    const size = sizeOf(chart, width);
    const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
    try {
      instance.setOption(optionOf(chart, width));
      return instance.renderToSVGString();
    } finally {
      instance.dispose();
    }
  };
}
