import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { estimateTextWidth, lineChartSpec, renderLineChart, renderSpecToSvg, type LineChart } from './charts.js';

const PAYLOAD = '<img src=x onerror=alert(1)>';

function chart(over: Partial<LineChart> = {}): LineChart {
  const months = ['Jan 2027', 'Feb 2027', 'Mar 2027'];
  const series = [
    { name: 'Demand', color: '#e8710a', dash: [] },
    { name: `Capacity without ${PAYLOAD}`, color: '#3b7dd8', dash: [7, 4] },
  ];
  return {
    id: 'chart-test',
    title: `Pool ${PAYLOAD}`,
    description: `Stored in pool ${PAYLOAD} & more`,
    yTitle: 'Stored (TB)',
    months,
    series,
    rows: months.flatMap((month, index) => [
      { index, month, series: 'Demand', value: 10 + index },
      { index, month, series: series[1]!.name, value: 20 },
    ]),
    runwayMonth: 'Feb 2027',
    ...over,
  };
}

describe('lineChartSpec', () => {
  it('puts months on an ordinal axis in horizon order, with explicit series colours and dashes', () => {
    const spec = lineChartSpec(chart()) as { layer: { encoding: Record<string, { scale?: { domain?: unknown; range?: unknown } }> }[] };
    const enc = spec.layer[0]!.encoding;
    expect(enc.x!.scale!.domain).toEqual(['Jan 2027', 'Feb 2027', 'Mar 2027']);
    expect(enc.color!.scale!.range).toEqual(['#e8710a', '#3b7dd8']);
    expect(enc.strokeDash!.scale!.range).toEqual([[], [7, 4]]);
    // rule + label of the runway marker
    expect(spec.layer).toHaveLength(3);
  });

  it('draws no runway marker when the runway does not end', () => {
    const { runwayMonth: _omit, ...rest } = chart();
    const spec = lineChartSpec(rest) as { layer: unknown[] };
    expect(spec.layer).toHaveLength(1);
  });
});

describe('renderSpecToSvg', () => {
  it('returns an accessible SVG: role img, <title> and <desc> referenced by aria-labelledby', async () => {
    const svg = await renderLineChart(chart());
    expect(svg.startsWith('<svg role="img" aria-labelledby="chart-test-title chart-test-desc"')).toBe(true);
    expect(svg).toContain('<title id="chart-test-title">Pool &lt;img src=x onerror=alert(1)&gt;</title>');
    expect(svg).toContain('<desc id="chart-test-desc">Stored in pool &lt;img src=x onerror=alert(1)&gt; &amp; more</desc>');
    expect(svg).toContain('class="mark-line');
  });

  it('vega escapes the text it draws (legend labels, aria labels)', async () => {
    const svg = await renderLineChart(chart());
    expect(svg).not.toContain('<img');
    expect(svg).toContain('Capacity without &lt;img src=x onerror=alert(1)&gt;');
  });

  it('is deterministic and prefixes vega ids so charts on one page never collide', async () => {
    // A clipped mark makes vega emit a clipPath id from a process-wide counter.
    const spec: TopLevelSpec = {
      data: {
        values: [
          { a: 1, b: 2 },
          { a: 2, b: 5 },
        ],
      },
      mark: { type: 'line', clip: true },
      encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
    };
    const alt = { id: 'chart-clip', title: 't', description: 'd' };
    const first = await renderSpecToSvg(spec, alt);
    const second = await renderSpecToSvg(spec, alt);
    expect(second).toBe(first);
    expect(first).toContain('clip-path="url(#chart-clip-v1)"');
    const ids = [...first.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.every((id) => id?.startsWith('chart-clip-'))).toBe(true);
  });

  it('rejects ids that could break out of an attribute', async () => {
    await expect(renderSpecToSvg({ mark: 'point' } as TopLevelSpec, { id: 'a"b', title: '', description: '' })).rejects.toThrow(/chart id/);
  });
});

describe('estimateTextWidth', () => {
  it('sums per-character widths: "Demand" at 12 px is about 50 px, not vega’s 57 (0.8 em x 6 x 12 px)', () => {
    // D 722 + e 556 + m 833 + a 556 + n 556 + d 556 = 3779 / 1000 em x 12 px x 1.1 = 49.9 px.
    expect(estimateTextWidth('Demand', 12)).toBeCloseTo(49.88, 1);
    expect(estimateTextWidth('ii', 10)).toBeLessThan(estimateTextWidth('WW', 10));
    expect(estimateTextWidth('Demand', 12, true)).toBeGreaterThan(estimateTextWidth('Demand', 12));
  });
});

describe('lazy loading', () => {
  it('charts.ts imports vega and vega-lite only dynamically (or as types)', () => {
    const source = readFileSync(new URL('./charts.ts', import.meta.url), 'utf8');
    const staticImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*from\s+'(vega|vega-lite)'/gm)];
    expect(staticImports).toEqual([]);
    expect(source).toContain("import('vega')");
    expect(source).toContain("import('vega-lite')");
  });
});
