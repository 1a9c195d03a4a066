/**
 * Rack elevations: one column per rack, rack units on the y axis with RU 1 at the bottom
 * (as a rack is drawn on a datacenter floor plan), each host a box over the rack units it
 * occupies, coloured by role, purchased hosts lighter with a dashed outline; under the racks,
 * each rack's power (typical and maximum draw against its budget) on the same columns.
 * Rendered to inline SVG with vega-lite, like the other charts.
 */
import type { TopLevelSpec } from 'vega-lite';
import { baseChartConfig, estimateTextWidth, renderSpecToSvg } from './charts.js';

/** Host states in legend order. */
export const UNIT_STATES = ['in service at the start', 'purchased', 'retired'] as const;
export type UnitState = (typeof UNIT_STATES)[number];
/** How a unit's state is drawn: purchased lighter with a dashed outline, retired faint with a dotted one. */
const opacityOf = (s: UnitState | undefined): number => (s === 'purchased' ? 0.5 : s === 'retired' ? 0.2 : 1);
const dashOf = (s: UnitState | undefined): number[] => (s === 'purchased' ? [3, 2] : s === 'retired' ? [1, 2] : [1, 0]);

/** Light role fills: the host names on them are drawn dark, on the light and the dark page alike (style.ts `.rack_labels_marks`). */
export const ROLE_FILLS: Record<string, string> = {
  control: '#c7a6e3',
  compute: '#93bdf0',
  storage: '#f6b77c',
  deploy: '#b3d58a',
};

/** Power series in legend order. */
export const POWER_SERIES = ['typical draw', 'maximum draw', 'maximum draw at the start', 'power budget'] as const;
const POWER_COLORS = ['#3b7dd8', '#a9c6ee', '#333333', '#c0392b'];

export interface RackElevationChart {
  /** [a-z0-9-], prefixes every id in the SVG. */
  id: string;
  title: string;
  description: string;
  /** Rack names, left to right (x domain), with their height in rack units. */
  racks: { rack: string; heightRu: number }[];
  /** One box per host: from rack unit `bottomRu` to `bottomRu + heightRu - 1`. */
  units: { rack: string; host: string; role: string; bottomRu: number; heightRu: number; state: UnitState }[];
  /** Per rack, kW (display unit): null when unknown or absent. `start` is drawn only when it differs from `after`. */
  power: { rack: string; typicalKw: number | null; maxKw: number | null; startMaxKw: number | null; budgetKw: number | null; label: string; shortLabel: string }[];
}

/** Plot width in px; the SVG scales to the page (about 19 cm on A4). */
const WIDTH = 760;
/** Height of the rack panels: 12 px per rack unit for a 42 RU rack, at most 520 px. */
const RU_PX = 12;
const MAX_ELEVATION_PX = 520;
const POWER_PX = 110;
const LABEL_FONT_PX = 9;
/** Room for the y axis labels of both rows, so the two rows' columns line up. */
const Y_AXIS_EXTENT = 44;
const BAND_PADDING = 0.15;

/** True when `text` fits in a column of `bandPx` with 3 px either side. */
export function labelFits(text: string, bandPx: number): boolean {
  return estimateTextWidth(text, LABEL_FONT_PX) <= bandPx - 6;
}

/**
 * The label of a host box: its name when it fits the column, else the name without its
 * role prefix (`compute-new-03` -> `new-03`: the colour gives the role), else none.
 */
export function hostLabel(host: string, role: string, bandPx: number): string {
  if (labelFits(host, bandPx)) return host;
  const short = host.startsWith(`${role}-`) ? host.slice(role.length + 1) : '';
  return short !== '' && labelFits(short, bandPx) ? short : '';
}

/** Widest rack column, px: a few racks stay rack-shaped instead of filling the width. */
const MAX_BAND_PX = 100;

/**
 * The rack columns' band scale for `n` racks: vega's band step = width / (n − inner + 2 × outer),
 * band = step × (1 − inner). Columns are at most MAX_BAND_PX wide; the rest is outer padding.
 */
export function bandLayout(n: number): { paddingInner: number; paddingOuter: number; band: number } {
  const count = Math.max(1, n);
  // outer = inner / 2: step = width / n
  const band = (WIDTH / count) * (1 - BAND_PADDING);
  if (band <= MAX_BAND_PX) return { paddingInner: BAND_PADDING, paddingOuter: BAND_PADDING / 2, band };
  const step = MAX_BAND_PX / (1 - BAND_PADDING);
  return { paddingInner: BAND_PADDING, paddingOuter: (WIDTH / step - count + BAND_PADDING) / 2, band: MAX_BAND_PX };
}

/**
 * The vega-lite spec: a vconcat of the elevation (rack panels, host boxes by role, opacity and
 * dash by state, host names that fit) and the power row (bars of maximum and typical draw, a
 * black tick at the start's maximum draw, a red tick at the budget, a kW label per rack).
 * Both rows share the rack band scale and the y axis extent, so the columns line up.
 */
export function rackElevationSpec(chart: RackElevationChart): TopLevelSpec {
  const top = Math.max(1, ...chart.racks.map((r) => r.heightRu), ...chart.units.map((u) => u.bottomRu + u.heightRu - 1));
  const elevationPx = Math.min(MAX_ELEVATION_PX, top * RU_PX);
  const { paddingInner, paddingOuter, band } = bandLayout(chart.racks.length);
  const x = { field: 'rack', type: 'nominal' as const, scale: { domain: chart.racks.map((r) => r.rack), paddingInner, paddingOuter }, title: null };
  // A rack unit n spans [n - 1, n] on the y scale; the axis labels RU n at its middle.
  const tickStep = top <= 24 ? 2 : 5;
  const ticks = [1, ...Array.from({ length: Math.floor(top / tickStep) }, (_, i) => (i + 1) * tickStep).filter((v) => v > 1 && v <= top)];
  const y = {
    type: 'quantitative' as const,
    scale: { domain: [0, top], nice: false, zero: true },
    axis: { values: ticks.map((t) => t - 0.5), labelExpr: 'datum.value + 0.5', title: 'rack unit (RU)', grid: false, minExtent: Y_AXIS_EXTENT, maxExtent: Y_AXIS_EXTENT },
  };
  const boxes = chart.units.map((u) => ({
    ...u,
    y0: u.bottomRu - 1,
    y1: u.bottomRu - 1 + u.heightRu,
    mid: u.bottomRu - 1 + u.heightRu / 2,
    label: hostLabel(u.host, u.role, band),
  }));
  const roles = Object.keys(ROLE_FILLS).filter((r) => chart.units.some((u) => u.role === r));
  const otherRoles = [...new Set(chart.units.map((u) => u.role).filter((r) => !(r in ROLE_FILLS)))];
  const states = UNIT_STATES.filter((s) => chart.units.some((u) => u.state === s));
  const powerRows = chart.power;
  const kwTop = Math.max(1, ...powerRows.flatMap((p) => [p.maxKw ?? 0, p.budgetKw ?? 0, p.startMaxKw ?? 0]));
  const bars = powerRows.flatMap((p) => [
    ...(p.maxKw === null ? [] : [{ rack: p.rack, series: 'maximum draw', kw: p.maxKw }]),
    ...(p.typicalKw === null ? [] : [{ rack: p.rack, series: 'typical draw', kw: p.typicalKw }]),
  ]);
  const ticksKw = powerRows.flatMap((p) => [
    ...(p.startMaxKw === null || p.startMaxKw === p.maxKw ? [] : [{ rack: p.rack, series: 'maximum draw at the start', kw: p.startMaxKw }]),
    ...(p.budgetKw === null ? [] : [{ rack: p.rack, series: 'power budget', kw: p.budgetKw }]),
  ]);
  const series = POWER_SERIES.filter((s) => [...bars, ...ticksKw].some((b) => b.series === s));
  const powerColor = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: [...series], range: series.map((s) => POWER_COLORS[POWER_SERIES.indexOf(s)]!) },
    legend: { title: null, orient: 'bottom' as const, direction: 'horizontal' as const, symbolType: 'square' },
  };
  const kwAxis = {
    type: 'quantitative' as const,
    scale: { domain: [0, kwTop * 1.25], nice: false },
    axis: { title: 'power (kW)', tickCount: 4, tickMinStep: 1, format: ',.0f', minExtent: Y_AXIS_EXTENT, maxExtent: Y_AXIS_EXTENT },
  };
  const stateLegend =
    states.length < 2
      ? null
      : { title: null, orient: 'bottom' as const, direction: 'horizontal' as const, symbolType: 'square', symbolFillColor: '#9aa5b1', symbolStrokeColor: '#333333' };
  // The power labels: long ones when every one fits its column step, else the short ones, else none.
  const step = band / (1 - BAND_PADDING);
  const labelKey = powerRows.every((p) => labelFits(p.label, step)) ? 'label' : powerRows.every((p) => labelFits(p.shortLabel, step)) ? 'shortLabel' : null;
  // Without any power figure or budget the power row would be an empty axis: left out.
  const anyPower = bars.length > 0 || ticksKw.length > 0;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: chart.description,
    padding: 8,
    spacing: 14,
    resolve: { scale: { color: 'independent', y: 'independent' }, legend: { color: 'independent' } },
    vconcat: [
      {
        width: WIDTH,
        height: elevationPx,
        layer: [
          {
            data: { values: chart.racks.map((r) => ({ rack: r.rack, y0: 0, y1: r.heightRu })) },
            mark: { type: 'bar', fill: '#f1f3f5', stroke: '#888888', strokeWidth: 1 },
            encoding: { x: { ...x, axis: { orient: 'top', labelAngle: 0, labelLimit: band + 8, domain: false, ticks: false } }, y: { field: 'y0', ...y }, y2: { field: 'y1' } },
          },
          {
            data: { values: boxes },
            mark: { type: 'bar', stroke: '#333333', strokeWidth: 0.75 },
            encoding: {
              x,
              y: { field: 'y0', ...y },
              y2: { field: 'y1' },
              color: {
                field: 'role',
                type: 'nominal',
                scale: { domain: [...roles, ...otherRoles], range: [...roles.map((r) => ROLE_FILLS[r]!), ...otherRoles.map(() => '#cccccc')] },
                legend: { title: null, orient: 'bottom', direction: 'horizontal', symbolType: 'square' },
              },
              // One state: constants. An ordinal scale over a one-value domain interpolates to NaN (opacity="NaN").
              ...(states.length < 2
                ? { opacity: { value: opacityOf(states[0]) }, strokeDash: { value: dashOf(states[0]) } }
                : {
                    opacity: { field: 'state', type: 'ordinal', scale: { domain: [...states], range: states.map(opacityOf) }, legend: stateLegend },
                    strokeDash: { field: 'state', type: 'ordinal', scale: { domain: [...states], range: states.map(dashOf) }, legend: stateLegend },
                  }),
              tooltip: null,
            },
          },
          {
            name: 'rack_labels',
            data: { values: boxes.filter((b) => b.label !== '') },
            mark: { type: 'text', fontSize: LABEL_FONT_PX, baseline: 'middle', align: 'center' },
            encoding: { x: { ...x, bandPosition: 0.5 }, y: { field: 'mid', ...y }, text: { field: 'label' } },
          },
        ],
      },
      ...(anyPower
        ? [
            {
              width: WIDTH,
              height: POWER_PX,
              layer: [
                {
                  data: { values: bars.filter((b) => b.series === 'maximum draw') },
                  mark: { type: 'bar' as const },
                  encoding: { x: { ...x, axis: { labelAngle: 0, labelLimit: band + 8 } }, y: { field: 'kw', ...kwAxis }, color: powerColor },
                },
                {
                  data: { values: bars.filter((b) => b.series === 'typical draw') },
                  mark: { type: 'bar' as const, width: { band: 0.5 } },
                  encoding: { x, y: { field: 'kw', ...kwAxis }, color: powerColor },
                },
                {
                  data: { values: ticksKw },
                  mark: { type: 'tick' as const, thickness: 2, bandSize: band },
                  encoding: { x, y: { field: 'kw', ...kwAxis }, color: powerColor },
                },
                ...(labelKey !== null
                  ? [
                      {
                        data: { values: powerRows.map((p) => ({ rack: p.rack, label: p[labelKey], kw: Math.max(p.maxKw ?? 0, p.budgetKw ?? 0) })) },
                        mark: { type: 'text' as const, fontSize: LABEL_FONT_PX, baseline: 'bottom' as const, dy: -3 },
                        encoding: { x: { ...x, bandPosition: 0.5 }, y: { field: 'kw', ...kwAxis }, text: { field: 'label' } },
                      },
                    ]
                  : []),
              ],
            },
          ]
        : []),
    ],
    config: {
      ...baseChartConfig(11),
      legend: { labelFontSize: 11, labelColor: '#333333', labelLimit: 1000, columnPadding: 16 },
    },
  };
}

/** Renders the elevation to an SVG string with a <title> and <desc>. */
export function renderRackElevation(chart: RackElevationChart): Promise<string> {
  return renderSpecToSvg(rackElevationSpec(chart), chart);
}
