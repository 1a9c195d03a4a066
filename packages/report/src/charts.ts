/**
 * Charts: vega-lite specs built from a PlanResult's month series, rendered to inline SVG in
 * Node at build time (`vega.View` with `renderer: 'none'`, then `toSVG()`). No script, font
 * or image is referenced; the SVG carries a <title> and <desc> as its text alternative.
 *
 * vega and vega-lite are loaded lazily with `import()` the first time a chart is rendered,
 * so importing @headroom/report stays cheap.
 */
import type { TopLevelSpec } from 'vega-lite';
import { escapeHtml } from './escape.js';

/** One point of one series: x is the month label, y the value in display units. */
export interface ChartRow {
  /** 0-based horizon month index, used for ordering only. */
  index: number;
  /** Display label of the month ("Jan 2027"). */
  month: string;
  series: string;
  value: number;
}

/** How one series is drawn. */
export interface SeriesStyle {
  name: string;
  color: string;
  /** SVG stroke-dasharray as numbers; empty for a solid line. */
  dash: number[];
}

/** Everything needed to draw one demand-vs-capacity line chart. */
export interface LineChart {
  /** Unique within the report; prefixes every id in the SVG. [a-z0-9-] only. */
  id: string;
  /** Plain text (escaped when written). */
  title: string;
  /** Plain-text alternative for screen readers and for when the SVG is not shown. */
  description: string;
  /** Y-axis title with its unit, plain text. */
  yTitle: string;
  /** Month labels in horizon order: the x domain. */
  months: string[];
  series: SeriesStyle[];
  rows: ChartRow[];
  /** Month label where the runway ends, drawn as a vertical marker; absent when it does not end. */
  runwayMonth?: string;
  /** Side of the marker its label goes on: `right` of it (default) or `left` of it, near the right edge. */
  runwayLabelSide?: 'left' | 'right';
  /** Purchases delivered for this resource: a short solid rule at the bottom of the plot and a label ("+2") per delivery month. */
  purchases?: { month: string; label: string }[];
}

/** Colours readable on both the light and the dark page background. */
/**
 * The look every chart shares (vega-lite `config`): transparent background, sans-serif text of
 * `fontPx` pixels on the axes, dark grey labels, light grey grid, grey domain and ticks. Each
 * chart adds its own `legend`.
 */
export function baseChartConfig(fontPx: number) {
  return {
    background: 'transparent',
    font: 'sans-serif',
    view: { stroke: null },
    axis: {
      labelFontSize: fontPx,
      titleFontSize: fontPx,
      titleFontWeight: 'normal' as const,
      labelColor: '#333333',
      titleColor: '#333333',
      gridColor: '#dddddd',
      domainColor: '#888888',
      tickColor: '#888888',
    },
  };
}

export const SERIES_COLORS = {
  demand: '#e8710a',
  capacity: '#3b7dd8',
  tolerated: '#3b7dd8',
  threshold: '#a05cc8',
  marker: '#888888',
  purchased: '#2e9e5b',
} as const;

/** Ticks shown on the month axis: about eight, evenly spaced, starting at the first month. */
function monthTicks(months: string[]): string[] {
  const step = Math.max(1, Math.ceil(months.length / 8));
  return months.filter((_, i) => i % step === 0);
}

/**
 * The vega-lite spec of a line chart: one line per series, colour and dash per series,
 * months on an ordinal x axis (no dates are parsed, so no time zone can shift a label),
 * and an optional vertical rule at the end of the runway.
 */
export function lineChartSpec(chart: LineChart): TopLevelSpec {
  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>['layer']> = [
    {
      data: { values: chart.rows },
      mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' },
      encoding: {
        x: {
          field: 'month',
          type: 'ordinal',
          scale: { domain: chart.months },
          axis: { values: monthTicks(chart.months), labelAngle: 0, title: null, labelOverlap: true },
        },
        y: {
          field: 'value',
          type: 'quantitative',
          title: chart.yTitle,
          scale: { zero: true },
          axis: { format: ',.0f', tickCount: 6 },
        },
        color: {
          field: 'series',
          type: 'nominal',
          scale: { domain: chart.series.map((s) => s.name), range: chart.series.map((s) => s.color) },
          legend: { title: null },
        },
        strokeDash: {
          field: 'series',
          type: 'nominal',
          scale: { domain: chart.series.map((s) => s.name), range: chart.series.map((s) => s.dash) },
          legend: { title: null },
        },
        order: { field: 'index', type: 'quantitative' },
      },
    },
  ];
  if (chart.runwayMonth !== undefined) {
    const marker = [{ month: chart.runwayMonth, label: `runway ends ${chart.runwayMonth}` }];
    const left = chart.runwayLabelSide === 'left';
    layers.push(
      {
        data: { values: marker },
        mark: { type: 'rule', color: SERIES_COLORS.marker, strokeDash: [2, 2], strokeWidth: 1, y: -16, y2: { expr: 'height' } },
        encoding: { x: { field: 'month', type: 'ordinal', scale: { domain: chart.months } } },
      },
      {
        data: { values: marker },
        mark: { type: 'text', align: left ? 'right' : 'left', baseline: 'bottom', dx: left ? -4 : 4, dy: -3, y: 0, fontSize: 12, color: SERIES_COLORS.marker },
        encoding: {
          x: { field: 'month', type: 'ordinal', scale: { domain: chart.months } },
          text: { field: 'label' },
        },
      },
    );
  }
  if (chart.purchases && chart.purchases.length > 0) {
    layers.push(
      {
        data: { values: chart.purchases },
        mark: { type: 'rule', color: SERIES_COLORS.purchased, strokeWidth: 3, y: { expr: 'height' }, y2: { expr: 'height - 14' } },
        encoding: { x: { field: 'month', type: 'ordinal', scale: { domain: chart.months } } },
      },
      {
        data: { values: chart.purchases },
        mark: { type: 'text', align: 'center', baseline: 'bottom', dy: -16, y: { expr: 'height' }, fontSize: 11, fontWeight: 'bold', color: SERIES_COLORS.purchased },
        encoding: { x: { field: 'month', type: 'ordinal', scale: { domain: chart.months } }, text: { field: 'label' } },
      },
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: chart.description,
    width: 760,
    height: 240,
    padding: 8,
    layer: layers,
    config: {
      ...baseChartConfig(12),
      legend: {
        orient: 'bottom',
        direction: 'horizontal',
        columns: 2,
        labelFontSize: 12,
        labelLimit: 1000,
        labelColor: '#333333',
        symbolType: 'stroke',
        symbolSize: 400,
        symbolStrokeWidth: 2,
        columnPadding: 32,
        rowPadding: 6,
      },
    },
  };
}

type VegaModule = typeof import('vega');
type VegaLiteModule = typeof import('vega-lite');

let modules: Promise<[VegaModule, VegaLiteModule]> | undefined;

type TextWidth = (item: { fontSize?: number | string; fontWeight?: string | number }, text?: string) => number;

/**
 * Advance widths of printable ASCII (space to `~`) in a Helvetica-like sans-serif, in
 * thousandths of an em (Adobe's Helvetica AFM). Other characters count as 0.6 em.
 */
const CHAR_WIDTHS = [
  278,
  278,
  355,
  556,
  556,
  889,
  667,
  191,
  333,
  333,
  389,
  584,
  278,
  333,
  278,
  278, // space to /
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  556,
  278,
  278,
  584,
  584,
  584,
  556, // 0 to ?
  1015,
  667,
  667,
  722,
  722,
  667,
  611,
  778,
  722,
  278,
  500,
  667,
  556,
  833,
  722,
  778, // @ to O
  667,
  778,
  722,
  667,
  611,
  722,
  667,
  944,
  667,
  667,
  611,
  278,
  278,
  278,
  469,
  556, // P to _
  333,
  556,
  556,
  500,
  556,
  556,
  278,
  556,
  556,
  222,
  222,
  500,
  222,
  833,
  556,
  556, // ` to o
  556,
  556,
  333,
  500,
  278,
  556,
  500,
  722,
  500,
  500,
  500,
  334,
  260,
  334,
  584, // p to ~
];

/**
 * Text width estimate for vega's layout in Node, where no canvas measures text. vega's own
 * fallback counts 0.8 em per character, which makes legends and labels twice too wide and
 * truncates them; this sums per-character widths with a 10 % margin (browsers' default
 * sans-serif is often wider than Helvetica). Deterministic: no font is read.
 */
export function estimateTextWidth(text: string, fontSizePx: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    em += (code >= 32 && code <= 126 ? (CHAR_WIDTHS[code - 32] ?? 600) : 600) / 1000;
  }
  return em * fontSizePx * 1.1 * (bold ? 1.06 : 1);
}

/** Loads vega and vega-lite once, on first use, and installs the text width estimate. */
function loadVega(): Promise<[VegaModule, VegaLiteModule]> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => {
    // vega-scenegraph supports a user-defined width function (vl-convert does the same);
    // vega re-exports its `textMetrics` object but vega's typings do not declare it.
    const metrics = (vega as unknown as { textMetrics?: { width: TextWidth } }).textMetrics;
    if (!metrics) throw new Error('vega.textMetrics is missing: cannot lay out text');
    metrics.width = (item, text) => {
      const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
      const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
      return estimateTextWidth(String(text ?? '').trim(), size, bold);
    };
    return [vega, vegaLite];
  });
  return modules;
}

/**
 * Gives every id in a vega SVG a chart-specific prefix: vega numbers clip paths and
 * gradients with process-wide counters, which would make output depend on what was
 * rendered before and could collide between charts on one page.
 */
function prefixIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = match[1];
    if (id !== undefined && !ids.has(id)) ids.set(id, `${prefix}-v${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (all, a: string, id: string, b: string) => (ids.has(id) ? a + ids.get(id) + b : all))
    .replace(/url\(#([^)]+)\)/g, (all, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : all))
    .replace(/(href=")#([^"]+)(")/g, (all, a: string, id: string, b: string) => (ids.has(id) ? `${a}#${ids.get(id)}${b}` : all));
}

/**
 * Compiles a vega-lite spec and renders it to an SVG string with vega's headless view.
 * The root <svg> gets `role="img"`, a <title> and a <desc> (escaped here); vega escapes the
 * text it draws itself (labels, legend entries).
 */
export async function renderSpecToSvg(spec: TopLevelSpec, alt: { id: string; title: string; description: string }): Promise<string> {
  if (!/^[a-z][a-z0-9-]*$/.test(alt.id)) throw new Error(`chart id must match [a-z][a-z0-9-]*: ${alt.id}`);
  const [vega, vegaLite] = await loadVega();
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    const svg = prefixIds(await view.toSVG(), alt.id);
    const titleId = `${alt.id}-title`;
    const descId = `${alt.id}-desc`;
    const open = svg.indexOf('>');
    if (!svg.startsWith('<svg') || open < 0) throw new Error('vega did not return an <svg> element');
    return (
      `<svg role="img" aria-labelledby="${titleId} ${descId}" focusable="false"${svg.slice(4, open)}>` +
      `<title id="${titleId}">${escapeHtml(alt.title)}</title>` +
      `<desc id="${descId}">${escapeHtml(alt.description)}</desc>` +
      svg.slice(open + 1)
    );
  } finally {
    view.finalize();
  }
}

/** Renders a `LineChart` to an SVG string (see `renderSpecToSvg`). */
export function renderLineChart(chart: LineChart): Promise<string> {
  return renderSpecToSvg(lineChartSpec(chart), chart);
}
