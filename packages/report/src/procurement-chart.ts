/**
 * The procurement timeline: utilisation (tolerated failures removed) of every resource a
 * purchase rule supplies, as a percentage of its own trigger (so one line at 100 % is every
 * resource's threshold), month by month, with the purchases delivered by then (solid) and
 * without any (dashed), and a vertical mark at each delivery month. Rendered to inline SVG with vega-lite, like the other charts.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderSpecToSvg } from './charts.js';

export interface ProcurementTimeline {
  /** [a-z0-9-], prefixes every id in the SVG. */
  id: string;
  title: string;
  description: string;
  /** Month labels in horizon order (x domain). */
  months: string[];
  /** One point per resource, month and variant (`with purchases` / `without`): utilisation / trigger, in percent. */
  rows: { month: string; resource: string; variant: 'with purchases' | 'without'; percent: number }[];
  /** Delivery months with a label (`2 × cmp-a`). */
  deliveries: { month: string; label: string }[];
}

function ticks(months: readonly string[]): string[] {
  const step = Math.max(1, Math.ceil(months.length / 8));
  return months.filter((_, i) => i % step === 0);
}

/** The vega-lite spec: lines coloured by resource, dashed without purchases; rules at 100 % (the trigger) and at the deliveries (listed in the description). */
export function procurementTimelineSpec(chart: ProcurementTimeline): TopLevelSpec {
  const x = { field: 'month', type: 'ordinal' as const, scale: { domain: chart.months }, axis: { values: ticks(chart.months), labelAngle: 0, title: null, labelOverlap: true } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: chart.description,
    width: 560,
    height: 220,
    padding: 8,
    layer: [
      {
        data: { values: chart.rows },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'percent', type: 'quantitative', title: 'utilisation / trigger (%)' },
          color: { field: 'resource', type: 'nominal', legend: { title: null, orient: 'bottom', columns: 3 } },
          strokeDash: {
            field: 'variant',
            type: 'nominal',
            scale: {
              domain: ['with purchases', 'without'],
              range: [
                [1, 0],
                [4, 3],
              ],
            },
            legend: { title: null, orient: 'bottom' },
          },
        },
      },
      {
        data: { values: [{ y: 100 }] },
        mark: { type: 'rule', strokeDash: [2, 2], color: '#a05cc8' },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: chart.deliveries },
        mark: { type: 'rule', color: '#888888' },
        encoding: { x },
      },
    ],
    config: {
      background: 'transparent',
      font: 'sans-serif',
      view: { stroke: null },
      axis: { labelFontSize: 12, labelColor: '#333333', domainColor: '#888888', tickColor: '#888888', titleColor: '#333333' },
      legend: { labelFontSize: 12, labelColor: '#333333' },
    },
  };
}

/** Renders the timeline to an SVG string with a <title> and <desc>. */
export function renderProcurementTimeline(chart: ProcurementTimeline): Promise<string> {
  return renderSpecToSvg(procurementTimelineSpec(chart), chart);
}
