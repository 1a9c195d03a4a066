/** Section: procurement — the purchase schedule, the bill of materials with power and space, CAPEX by month (the racks after the purchases are in the Racks and power section). */
import type { PlanResult, ProcurementPlan } from '@headroom/core';
import { explainId } from '@headroom/core/explain-ids';
import { html, trustedHtml, type SafeHtml } from '../escape.js';
import { renderProcurementTimeline } from '../procurement-chart.js';
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent, MISSING } from '../format.js';
import { explained } from './explain.js';

const kw = (watts: number | null): string => (watts === null ? MISSING : `${formatNumber(watts / 1000, 1)} kW`);

function schedule(plan: PlanResult, p: ProcurementPlan): SafeHtml {
  return html`<table class="procurement-schedule">
<caption>Purchase schedule. Delivered in the month the resource would cross its threshold (tolerated failures removed); ordered by that month's first day minus the lead time. Prices in ${p.currency ?? 'no currency (no model is priced)'}.</caption>
<thead><tr><th scope="col">Order by</th><th scope="col">In service</th><th scope="col">Role</th><th scope="col">Model</th><th scope="col">Quantity</th><th scope="col">Unit price</th><th scope="col">Total</th><th scope="col">Cumulative</th><th scope="col">Why</th></tr></thead>
<tbody>
${p.purchases.map(
  (x) =>
    html`<tr><th scope="row">${explained(plan, explainId.purchaseOrderBy(explainId.purchaseKey(x), x.deliveryMonth), formatDate(x.orderBy))}${x.late ? html` <span class="badge sev-error">late</span>` : ''}</th><td>${formatMonth(x.deliveryMonth)}</td><td>${x.role}${x.aggregate !== undefined ? html` (aggregate <code>${x.aggregate}</code>)` : ''}</td><td>${x.model} (<code>${x.hardware}</code>)</td><td class="num">${explained(plan, explainId.purchaseQuantity(explainId.purchaseKey(x), x.deliveryMonth), formatNumber(x.quantity))}</td><td class="num">${formatMoney(x.unitPriceAmount, x.currency)}</td><td class="num">${explained(plan, explainId.purchaseTotalPrice(explainId.purchaseKey(x), x.deliveryMonth), formatMoney(x.totalPriceAmount, x.currency))}</td><td class="num">${formatMoney(x.cumulativePriceAmount, p.currency)}</td><td>${x.reasons.map(
      (r, i) =>
        html`${i > 0 ? '; ' : ''}<code>${r.resource}</code> at ${formatPercent(r.utilisationBefore)} &gt; ${formatPercent(r.threshold, 0)}, ${formatPercent(r.utilisationAfter)} after`,
    )}</td></tr>\n`,
)}</tbody>
</table>`;
}

function bom(plan: PlanResult, p: ProcurementPlan): SafeHtml {
  return html`<table class="procurement-bom">
<caption>Bill of materials: power (typical and maximum draw), heat (typical watts × 3.412 BTU/h) and rack units per purchase, with the cumulative typical draw.</caption>
<thead><tr><th scope="col">In service</th><th scope="col">Model</th><th scope="col">Quantity</th><th scope="col">Rack units</th><th scope="col">Power typical</th><th scope="col">Power max</th><th scope="col">Heat typical</th><th scope="col">Cumulative typical</th><th scope="col">Placed in</th></tr></thead>
<tbody>
${p.purchases.map(
  (x) =>
    html`<tr><th scope="row">${formatMonth(x.deliveryMonth)}</th><td>${x.model}</td><td class="num">${formatNumber(x.quantity)}</td><td class="num">${formatNumber(x.heightRuTotal)} RU</td><td class="num">${x.powerTypicalWatts === null ? MISSING : explained(plan, explainId.purchasePower(explainId.purchaseKey(x), x.deliveryMonth), `${formatNumber(x.powerTypicalWatts)} W`)}</td><td class="num">${x.powerMaxWatts === null ? MISSING : `${formatNumber(x.powerMaxWatts)} W`}</td><td class="num">${x.heatTypicalBtuPerHour === null ? MISSING : explained(plan, explainId.purchaseHeat(explainId.purchaseKey(x), x.deliveryMonth), `${formatNumber(x.heatTypicalBtuPerHour)} BTU/h`)}</td><td class="num">${kw(x.cumulativePowerTypicalWatts)}</td><td>${Object.entries(
      x.placement,
    )
      .map(([r, n]) => `${r} × ${n}`)
      .join(
        ', ',
      )}${x.racksAdded.length > 0 ? html` — <strong>adds ${x.racksAdded.map((r) => `${r.name} (no rack had the ${r.reason === 'space' ? 'space' : 'power'})`).join(', ')}</strong>` : ''}</td></tr>\n`,
)}</tbody>
</table>`;
}

/** The timeline figure: utilisation with and without the purchases, deliveries marked. Empty without purchases. */
async function timeline(p: ProcurementPlan): Promise<SafeHtml> {
  if (p.purchases.length === 0 || p.utilisation.length === 0) return html``;
  const months = [...new Map(p.utilisation.map((u) => [u.index, formatMonth(u.month)])).entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  const rows = p.utilisation.flatMap((u) => [
    ...(u.with === null ? [] : [{ month: formatMonth(u.month), resource: u.resource, variant: 'with purchases' as const, percent: (u.with / u.threshold) * 100 }]),
    ...(u.without === null ? [] : [{ month: formatMonth(u.month), resource: u.resource, variant: 'without' as const, percent: (u.without / u.threshold) * 100 }]),
  ]);
  const deliveries = [...new Map(p.purchases.map((x) => [x.deliveryMonth, [] as string[]])).entries()].map(([month]) => ({
    month: formatMonth(month),
    label: p.purchases
      .filter((x) => x.deliveryMonth === month)
      .map((x) => `${x.quantity} × ${x.hardware}`)
      .join(', '),
  }));
  const title = 'Utilisation with the purchases';
  const description =
    `Utilisation of ${[...new Set(p.utilisation.map((u) => u.resource))].join(', ')} with the tolerated failures removed, as a percentage of ` +
    `each resource's trigger (${[...new Set(p.utilisation.map((u) => `${u.resource} ${formatNumber(u.threshold * 100)}%`))].join(', ')}), month by month: ` +
    `solid with the purchases delivered by then, dashed without any; dotted line: 100% of the trigger; ` +
    `grey marks: deliveries (${deliveries.map((d) => `${d.month}: ${d.label}`).join('; ')}).`;
  const svg = trustedHtml(await renderProcurementTimeline({ id: 'chart-procurement', title, description, months, rows, deliveries }));
  return html`<figure class="chart" id="chart-procurement">
<figcaption><strong>${title}.</strong> ${description}</figcaption>
<div class="chart-svg">${svg}</div>
<ul class="chart-marks small"><li><span class="mark-swatch mark-dotted"></span> dotted line at 100 %: each resource's trigger (its threshold)</li><li><span class="mark-swatch" style="background:#888888"></span> grey vertical rules: deliveries</li><li>solid: with the purchases delivered by then; dashed: without any</li></ul>
</figure>`;
}

/** The Procurement section; without a `procurement:` section it says so. */
export async function procurementSection(plan: PlanResult): Promise<SafeHtml> {
  const p = plan.procurement;
  if (!p) {
    return html`<section aria-labelledby="procurement">
<h2 id="procurement">Procurement</h2>
<p>The scenario has no <code>procurement:</code> section, so no purchase is planned. Add one (per role: the model bought, the batch, the lead time) to get the schedule and the bill of materials.</p>
</section>`;
  }
  return html`<section aria-labelledby="procurement">
<h2 id="procurement">Procurement</h2>
<div class="para"><strong>${formatNumber(p.purchases.length)}</strong> ${p.purchases.length === 1 ? 'purchase' : 'purchases'} over the horizon, ${explained(plan, explainId.capexTotal(), html`<strong>${formatMoney(p.capexTotalAmount, p.currency)}</strong>`)} in all${p.uncovered.length > 0 ? html`; still short: ${p.uncovered.map((u, i) => html`${i > 0 ? ', ' : ''}<code>${u}</code>`)} (no rule for its role, or no fit)` : ''}.
CAPEX by month of delivery: ${p.capexByMonth.length === 0 ? MISSING : p.capexByMonth.map((m) => `${formatMonth(m.month)} ${formatMoney(m.amount, p.currency)}`).join('; ')}.</div>
${await timeline(p)}
${
  p.purchases.length > 0
    ? html`${schedule(plan, p)}
${bom(plan, p)}`
    : ''
}
<p>Where the purchased hosts go, and each rack’s space and power after them: <a href="#racks">Racks and power</a>.</p>
</section>`;
}
