/**
 * Demand from history (issue 18): the percentile plans (P10 / P50 / P90: when the cloud as it
 * is runs out, the purchases, the first order-by date, "order by … to be 90 % sure"), then one
 * chart per fitted resource: the monthly history, and the P10 / P50 / P90 paths of the chosen
 * model, with both models' R², the window and the rule that chose. Reads only the plan
 * (scenario.demand.history, plan.demandPercentiles): no arithmetic beyond display units.
 */
import type { DemandHistory, PlanResult } from '@headroom/core';
import { type LineChart, renderLineChart, SERIES_COLORS } from '../charts.js';
import { html, type SafeHtml, trustedHtml } from '../escape.js';
import { chartScale, formatDate, formatMonth, formatNumber, formatPercent } from '../format.js';

const BAND_COLORS = { history: '#444444', p10: '#2e9e5b', p50: SERIES_COLORS.demand, p90: '#c0392b' } as const;

/** `pool.volumes` -> `Pool volumes`; `compute.MEMORY_MB` -> `Placement MEMORY_MB`. */
function resourceName(h: DemandHistory): string {
  if (h.key.startsWith('pool.')) return `Pool ${h.key.slice(5)} (stored data)`;
  if (h.key.startsWith('compute.')) return `Placement ${h.key.slice(8)} usage`;
  return 'Floating IPs';
}

const rate = (x: number): string => `${formatPercent(x, 2)}/month`;

async function historyFigure(h: DemandHistory, i: number): Promise<SafeHtml> {
  const scale = chartScale(h.unit);
  const f = h.fit;
  const names = { history: 'history (last sample of the month)', p10: `P10 ${rate(f.rates.p10)}`, p50: `P50 ${rate(f.rates.p50)}`, p90: `P90 ${rate(f.rates.p90)}` };
  const months = [...h.monthly.map((m) => formatMonth(m.month)), ...h.band.map((b) => formatMonth(b.month))];
  const offset = h.monthly.length;
  const rows = [
    ...h.monthly.map((m, k) => ({ index: k, month: formatMonth(m.month), series: names.history, value: m.value * scale.factor })),
    ...h.band.flatMap((b, k) => [
      { index: offset + k, month: formatMonth(b.month), series: names.p10, value: b.p10 * scale.factor },
      { index: offset + k, month: formatMonth(b.month), series: names.p50, value: b.p50 * scale.factor },
      { index: offset + k, month: formatMonth(b.month), series: names.p90, value: b.p90 * scale.factor },
    ]),
  ];
  const id = `chart-demand-history-${i + 1}`;
  const title = `${resourceName(h)}: history and ${f.chosen} fit`;
  const last = h.band[h.band.length - 1];
  const description =
    `Line chart by month: the history from ${formatDate(f.from)} to ${formatDate(f.to)} (${formatNumber(f.points)} samples), then the ${f.chosen} fit's P10, P50 and P90 paths` +
    (last
      ? ` to ${formatMonth(last.month)}: ${formatNumber(last.p10 * scale.factor, 1)}, ${formatNumber(last.p50 * scale.factor, 1)} and ${formatNumber(last.p90 * scale.factor, 1)} ${scale.unit}.`
      : '.');
  const chart: LineChart = {
    id,
    title,
    description,
    yTitle: `${resourceName(h)} (${scale.unit})`,
    months,
    series: [
      { name: names.history, color: BAND_COLORS.history, dash: [] },
      { name: names.p10, color: BAND_COLORS.p10, dash: [4, 3] },
      { name: names.p50, color: BAND_COLORS.p50, dash: [] },
      { name: names.p90, color: BAND_COLORS.p90, dash: [4, 3] },
    ],
    rows,
  };
  const svg = trustedHtml(await renderLineChart(chart));
  return html`<figure class="chart" id="${id}">
<figcaption><strong>${title}.</strong> ${description}</figcaption>
<div class="chart-svg">${svg}</div>
<table>
<caption>Fit of ${h.source}${h.growthByPath ? html`, written to <code>${h.growthByPath}</code>` : ' (shown, not used: compute takes the Placement class with the highest P90 rate)'}</caption>
<thead><tr><th scope="col">Model</th><th scope="col">Rate</th><th scope="col">R²</th></tr></thead>
<tbody>
<tr><th scope="row">linear (OLS on the values, as <code>predict_linear</code>)${f.chosen === 'linear' ? html` <span class="badge">chosen</span>` : ''}</th><td class="num">${rate(f.linear.perMonth)} of the fitted level</td><td class="num">${formatNumber(f.linear.r2, 4)}</td></tr>
<tr><th scope="row">compound (OLS on ln y, e<sup>b</sup> − 1)${f.chosen === 'compound' ? html` <span class="badge">chosen</span>` : ''}</th><td class="num">${f.compound ? rate(f.compound.perMonth) : 'not fitted (a value is 0)'}</td><td class="num">${f.compound ? html`${formatNumber(f.compound.r2Values, 4)} on the values, ${formatNumber(f.compound.r2Log, 4)} on ln y` : '—'}</td></tr>
</tbody>
</table>
<p class="meta">Window ${formatDate(f.from)} – ${formatDate(f.to)}, ${formatNumber(f.points)} samples. Chosen: ${f.rule}. P10 / P90: the 80 % prediction interval ŷ ± t(0.90, n − 2) · s · √(1 + 1/n + (x − x̄)²/Sxx) at ${formatNumber(f.atHorizon.months)} months, as a constant monthly rate.</p>
</figure>`;
}

/** The percentile table: one row per path. */
function percentileTable(plan: PlanResult): SafeHtml {
  const d = plan.demandPercentiles;
  if (!d) return html``;
  const label = (id: string): string => plan.resources.find((r) => r.id === id)?.label ?? id;
  const p90 = d.plans.find((p) => p.percentile === 'p90');
  return html`${
    p90?.firstOrderBy
      ? html`<p class="lead"><strong>Order by ${formatDate(p90.firstOrderBy)} to be 90 % sure</strong> (the P90 demand path: demand stays under it with 90 % confidence, by the fits' prediction intervals).</p>
`
      : ''
  }<table>
<caption>The plan on each demand path: growths with a band (${d.bands.map((b) => b.path).join(', ')}) at their P10, P50 or P90 rate; runs out = the cloud as it is, without purchases.</caption>
<thead><tr><th scope="col">Path</th><th scope="col">Runs out</th><th scope="col">Purchases</th><th scope="col">First order by</th></tr></thead>
<tbody>
${d.plans.map((p) => html`<tr><th scope="row">${p.percentile.toUpperCase()}</th><td>${p.bottleneck ? `${formatMonth(p.bottleneck.month)} (${label(p.bottleneck.resource)})` : 'not within the horizon'}</td><td class="num">${plan.procurement ? formatNumber(p.purchases.length) : '—'}</td><td>${p.firstOrderBy ? formatDate(p.firstOrderBy) : plan.procurement ? 'nothing to buy' : '—'}</td></tr>\n`)}</tbody>
</table>`;
}

/** The section; a one-line note when the scenario has neither history nor fitted bands. */
export async function demandHistorySection(plan: PlanResult): Promise<SafeHtml> {
  const history = plan.scenario.demand.history ?? [];
  if (history.length === 0 && !plan.demandPercentiles) {
    return html`<section aria-labelledby="demand">
<h2 id="demand">Demand from history</h2>
<p>No history (<code>demand.historyFrom</code>) and no fitted growth band: every resource grows as <code>demand.growth</code> and <code>demand.growthBy</code> say.</p>
</section>`;
  }
  const figures: SafeHtml[] = [];
  for (const [i, h] of history.entries()) figures.push(await historyFigure(h, i));
  return html`<section aria-labelledby="demand">
<h2 id="demand">Demand from history</h2>
${percentileTable(plan)}
${figures}
</section>`;
}
