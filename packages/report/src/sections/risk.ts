/**
 * The risk band of the decision summary (plan.risk, computed in core/src/procurement/risk.ts):
 * the fan chart of the most exposed resource and the order-by date, first delivery and CAPEX
 * per percentile of the simulated runs. Formatting only.
 */
import type { PlanResult, RiskBand } from '@headroom/core';
import { html, trustedHtml, type SafeHtml } from '../escape.js';
import { renderFanChart } from '../fan-chart.js';
import { chartScale, formatDate, formatMoney, formatMonth, formatNumber, formatPercent, formatQuantity, MISSING } from '../format.js';

/** The three scenarios of the band, slow to fast growth, with the percentile of each figure that goes with them. */
const ROWS = [
  { name: 'Slow growth', growth: 'p10', dates: 'p90', amounts: 'p10' },
  { name: 'Median', growth: 'p50', dates: 'p50', amounts: 'p50' },
  { name: 'Fast growth', growth: 'p90', dates: 'p10', amounts: 'p90' },
] as const;

function percentText(rate: number): string {
  return `${formatPercent(rate, 1)} a month`;
}

async function fan(r: RiskBand): Promise<SafeHtml> {
  const scale = chartScale(r.unit);
  const months = r.months.map((m) => formatMonth(m.month));
  const first = r.months[0]?.month ?? '';
  const orderMonths = new Map<string, string[]>();
  for (const row of ROWS) {
    const date = r.firstOrderBy[row.dates];
    if (date === null) continue;
    // an order-by date before the horizon is drawn at its first month, and says so
    const late = date.slice(0, 7) < first;
    let ym = date.slice(0, 7);
    if (late) ym = first;
    const key = formatMonth(ym);
    orderMonths.set(key, [...(orderMonths.get(key) ?? []), `${row.name.toLowerCase()}${late ? ' (late)' : ''}`]);
  }
  const orderBy = [...orderMonths].map(([month, names]) => ({ month, label: `order: ${names.join(', ')}` }));
  const fmt = (v: number): string => formatQuantity(v, r.unit);
  const last = r.months[r.months.length - 1]!;
  const title = `Risk band: ${r.label}`;
  const description =
    `${r.label} demand month by month under ${formatNumber(r.runs)} simulated growth paths (monthly growth ${formatPercent(r.growth.low, 1)} to ${formatPercent(r.growth.high, 1)}, most likely ${formatPercent(r.growth.likely, 1)}): ` +
    `light orange band from the P10 to the P90 growth, orange line the P50; in ${formatMonth(last.month)} demand is ${fmt(last.demandP10)} to ${fmt(last.demandP90)} (P50 ${fmt(last.demandP50)}). ` +
    `Purple dotted steps: the threshold demand must stay under, with the scheduled purchases delivered (${fmt(last.thresholdLevel)} in ${formatMonth(last.month)}). ` +
    `Grey dashed rules: the first order-by date of the slow, median and fast paths.`;
  const svg = trustedHtml(
    await renderFanChart({
      id: 'chart-risk',
      title,
      description,
      yTitle: `${r.label} (${scale.unit})`,
      months,
      rows: r.months.map((m) => ({
        month: formatMonth(m.month),
        p10: m.demandP10 * scale.factor,
        p50: m.demandP50 * scale.factor,
        p90: m.demandP90 * scale.factor,
        threshold: m.thresholdLevel * scale.factor,
      })),
      orderBy,
    }),
  );
  return html`<figure class="chart" id="chart-risk">
<figcaption><strong>${title}.</strong> ${description}</figcaption>
<div class="chart-svg">${svg}</div>
</figure>`;
}

function table(r: RiskBand): SafeHtml {
  return html`<table class="risk">
<caption>${formatNumber(r.runs)} runs of the purchase schedule (seed ${formatNumber(r.seed)}), each with a monthly growth rate drawn from a triangular distribution. Each figure is its own percentile over the runs: slower growth goes with later orders and less CAPEX.</caption>
<thead><tr><th scope="col"></th><th scope="col">Monthly growth</th><th scope="col">First order by</th><th scope="col">First delivery</th><th scope="col">Servers bought (compute + storage)</th><th scope="col">Server CAPEX</th></tr></thead>
<tbody>
${ROWS.map((row) => {
  const date = r.firstOrderBy[row.dates];
  const delivery = r.firstDeliveryMonth[row.dates];
  return html`<tr><th scope="row">${row.name} (P${row.growth.slice(1)})</th><td class="num">${percentText(r.growthPerMonth[row.growth])}</td><td class="nowrap">${date === null ? 'none in the horizon' : formatDate(date)}</td><td class="nowrap">${delivery === null ? MISSING : formatMonth(delivery)}</td><td class="num">${formatNumber(r.hosts.compute[row.amounts])} + ${formatNumber(r.hosts.storage[row.amounts])}</td><td class="num">${formatMoney(r.capexTotalAmount[row.amounts], r.currency)}</td></tr>\n`;
})}</tbody>
</table>`;
}

/** The risk block: fan and table, or one line saying how to get them. */
export async function riskBlock(plan: PlanResult): Promise<SafeHtml> {
  const r = plan.risk;
  if (!r) {
    return html`<p class="small">No risk band: add <code>procurement.simulation: { growth: { low, likely, high } }</code> to the scenario to see the plan under uncertain growth.</p>`;
  }
  return html`${await fan(r)}
${table(r)}`;
}
