/**
 * The risk fan: demand of one resource under uncertain growth, P10-P90 as a band and P50 as
 * a line, against the level demand must stay under (the threshold of the capacity with the
 * scheduled purchases: it steps up with each delivery), and a vertical rule per percentile
 * at its first order-by month. Rendered to inline SVG with vega-lite, like the other charts.
 */
import type { TopLevelSpec } from 'vega-lite';
import { baseChartConfig, renderSpecToSvg, SERIES_COLORS } from './charts.js';

export interface FanChart {
  /** [a-z0-9-], prefixes every id in the SVG. */
  id: string;
  title: string;
  description: string;
  /** Y-axis title with its unit. */
  yTitle: string;
  /** Month labels in horizon order. */
  months: string[];
  /** Per month, in display units: the band, the median and the threshold level. */
  rows: { month: string; p10: number; p50: number; p90: number; threshold: number }[];
  /** Order-by rules: month label (of the order-by date) and its label ("order by, fast growth"). */
  orderBy: { month: string; label: string }[];
}

const BAND = 'demand P10–P90 (growth range)';
const MEDIAN = 'demand P50';
const THRESHOLD = 'threshold, with the scheduled purchases';
const ORDER = 'first order-by date, per percentile';

/** The spec: area band, median line, threshold step line, order-by rules; every mark in the legend. */
export function fanChartSpec(chart: FanChart): TopLevelSpec {
  const x = {
    field: 'month',
    type: 'ordinal' as const,
    scale: { domain: chart.months },
    axis: { values: chart.months.filter((_, i) => i % Math.max(1, Math.ceil(chart.months.length / 8)) === 0), labelAngle: 0, title: null, labelOverlap: true },
  };
  const legendScale = {
    domain: [BAND, MEDIAN, THRESHOLD, ORDER],
    range: ['#f4b183', SERIES_COLORS.demand, SERIES_COLORS.threshold, '#555555'],
  };
  const color = (name: string) => ({
    datum: name,
    type: 'nominal' as const,
    scale: legendScale,
    legend: { title: null, orient: 'bottom' as const, columns: 2, symbolType: 'square' },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: chart.description,
    width: 640,
    height: 220,
    padding: 8,
    layer: [
      {
        data: { values: chart.rows },
        mark: { type: 'area', opacity: 0.55 },
        encoding: { x, y: { field: 'p10', type: 'quantitative', title: chart.yTitle, axis: { format: ',.0f', tickCount: 6 } }, y2: { field: 'p90' }, color: color(BAND) },
      },
      {
        data: { values: chart.rows },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x, y: { field: 'p50', type: 'quantitative' }, color: color(MEDIAN) },
      },
      {
        data: { values: chart.rows },
        mark: { type: 'line', strokeWidth: 2, strokeDash: [2, 3], interpolate: 'step-after' },
        encoding: { x, y: { field: 'threshold', type: 'quantitative' }, color: color(THRESHOLD) },
      },
      {
        data: { values: chart.orderBy },
        mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 1.5 },
        encoding: { x, color: color(ORDER) },
      },
      {
        // labels stacked (12 px apart) so that rules a month apart do not overprint each other
        data: { values: chart.orderBy.map((o, i) => ({ ...o, py: 2 + 12 * i })) },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, fontSize: 10, color: '#333333' },
        encoding: { x, y: { field: 'py', type: 'quantitative', scale: null }, text: { field: 'label' } },
      },
    ],
    config: {
      ...baseChartConfig(12),
      legend: { labelFontSize: 12, labelLimit: 1000, labelColor: '#333333', columnPadding: 24, rowPadding: 4 },
    },
  };
}

/** Renders the fan to an SVG string with a <title> and <desc>. */
export function renderFanChart(chart: FanChart): Promise<string> {
  return renderSpecToSvg(fanChartSpec(chart), chart);
}
