/**
 * The failure heat map: one row per failure domain (or group of domains that behave alike),
 * one column per month, coloured by the worst harm the loss causes in that month. A row
 * turns from "no harm" to "degraded" or "outage" in the first month of harm, the failure
 * analysis' runway. Rendered to inline SVG with vega-lite, like the line charts.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderSpecToSvg } from './charts.js';

/** Harm states in the chart's legend order. */
export const HEAT_STATES = ['no harm', 'degraded', 'outage'] as const;
export type HeatState = (typeof HEAT_STATES)[number];

/** Mid-tone colours that read on the light and the dark page. */
const HEAT_COLORS: Record<HeatState, string> = { 'no harm': '#b9c4cc', degraded: '#e0a030', outage: '#c0392b' };

export interface HeatMap {
  /** [a-z0-9-], prefixes every id in the SVG. */
  id: string;
  title: string;
  description: string;
  /** Month labels in horizon order (x domain). */
  months: string[];
  /** Row labels, top to bottom (y domain). */
  rows: string[];
  cells: { row: string; month: string; state: HeatState }[];
}

/** About eight month ticks, evenly spaced from the first month. */
function ticks(months: readonly string[]): string[] {
  const step = Math.max(1, Math.ceil(months.length / 8));
  return months.filter((_, i) => i % step === 0);
}

/** The vega-lite spec of the heat map: rect marks, ordinal axes, a fixed colour per state. */
export function heatMapSpec(chart: HeatMap): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: chart.description,
    width: 560,
    height: Math.max(1, chart.rows.length) * 18,
    padding: 8,
    data: { values: chart.cells },
    mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 0.5 },
    encoding: {
      x: { field: 'month', type: 'ordinal', scale: { domain: chart.months }, axis: { values: ticks(chart.months), labelAngle: 0, title: null, labelOverlap: true } },
      y: { field: 'row', type: 'ordinal', scale: { domain: chart.rows }, axis: { title: null, labelLimit: 300 } },
      color: {
        field: 'state',
        type: 'nominal',
        scale: { domain: [...HEAT_STATES], range: HEAT_STATES.map((s) => HEAT_COLORS[s]) },
        legend: { title: null, orient: 'bottom', direction: 'horizontal' },
      },
    },
    config: {
      background: 'transparent',
      font: 'sans-serif',
      view: { stroke: null },
      axis: { labelFontSize: 12, labelColor: '#333333', domainColor: '#888888', tickColor: '#888888' },
      legend: { labelFontSize: 12, labelColor: '#333333', symbolType: 'square' },
    },
  };
}

/** Renders the heat map to an SVG string with a <title> and <desc>. */
export function renderHeatMap(chart: HeatMap): Promise<string> {
  return renderSpecToSvg(heatMapSpec(chart), chart);
}
