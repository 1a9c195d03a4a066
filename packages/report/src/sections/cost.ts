/**
 * The whole bill and the running cost (plan.cost, computed in core/src/cost/cost.ts): a short
 * block for the decision summary, and the Cost section of the appendix (every line with how
 * it was counted, and CAPEX, OPEX and energy month by month). Formatting only.
 */
import type { CostLine, CostPlan, PlanResult } from '@headroom/core';
import { explainId } from '@headroom/core/explain-ids';
import { html, type SafeHtml } from '../escape.js';
import { explained } from './explain.js';
import { formatMoney, formatMonth, formatNumber, MISSING } from '../format.js';

const ITEM_LABEL: Record<string, string> = {
  servers: 'Servers',
  racks: 'Racks',
  pdus: 'PDUs',
  'tor-switches': 'Top-of-rack switches',
  optics: 'Optics',
  cables: 'Cables',
  spares: 'Spares',
  support: 'Support and warranty',
  energy: 'Energy',
  'colocation-racks': 'Colocation, per rack',
  'colocation-ru': 'Colocation, per RU',
};

/** A line's quantity with its unit: "12 servers", "109,491 kWh", "72 rack-months", "3 % of 196,500 EUR". */
function quantityText(l: CostLine, currency: string | null): string {
  if (l.item === 'spares') return `${formatMoney(l.quantity, currency)} of server CAPEX`;
  const n = formatNumber(l.quantity, Number.isInteger(l.quantity) || l.unit === 'kWh' ? 0 : 1);
  const unit = l.unit === 'kWh' ? 'kWh' : l.quantity === 1 ? l.unit : l.unit === 'switch' ? 'switches' : `${l.unit}s`;
  return `${n} ${unit}`;
}

/** A unit price: small ones (energy per kWh) keep up to three decimals: 0.21 -> "0.21 EUR". */
function unitPrice(amount: number, currency: string | null): string {
  if (Math.abs(amount) >= 100 || Number.isInteger(amount)) return formatMoney(amount, currency);
  return `${formatNumber(amount, 3).replace(/0+$/, '').replace(/\.$/, '')} ${currency ?? ''}`.trim();
}

function unitPriceText(l: CostLine, currency: string | null): string {
  if (l.unitPriceAmount === null) return MISSING;
  if (l.item === 'spares') return `${formatNumber(l.unitPriceAmount * 100, 1).replace(/\.0$/, '')} %`;
  return `${unitPrice(l.unitPriceAmount, currency)}${l.unit === 'kWh' ? ' / kWh' : l.unit === 'server-year' ? ' / server-year' : l.unit.endsWith('-month') ? ` / ${l.unit}` : ''}`;
}

function label(l: CostLine): SafeHtml {
  return html`${ITEM_LABEL[l.item] ?? l.item}${l.subject ? html` <code>${l.subject}</code>` : ''}`;
}

/** Lines worth showing: with a quantity (every line in the appendix, where a 0 says the item was counted). */
const shown = (c: CostPlan, all: boolean): CostLine[] => c.lines.filter((l) => all || l.quantity > 0);

/** The bill's table: item, quantity, unit price, amount; unpriced lines say so. `basis`: add how each was counted. */
function linesTable(plan: PlanResult, c: CostPlan, basis: boolean): SafeHtml {
  const cur = c.currency;
  const rows = shown(c, basis);
  return html`<table class="cost-lines">
<caption>${basis ? 'Every line of the bill and of the running cost over the horizon, with how its quantity was counted.' : 'The whole bill and the running cost over the horizon.'} Amounts in ${cur ?? 'no currency (nothing is priced)'}; <strong>unpriced</strong> lines are left out of the totals.</caption>
<thead><tr><th scope="col">Item</th><th scope="col">Kind</th><th scope="col">Quantity</th><th scope="col">Unit price</th><th scope="col">Amount, ${cur ?? '—'}</th>${basis ? html`<th scope="col">Counted as</th>` : ''}</tr></thead>
<tbody>
${rows.map(
  (l) =>
    html`<tr${l.unpriced !== undefined ? html` class="unpriced"` : ''}><th scope="row">${label(l)}</th><td>${l.kind === 'capex' ? 'CAPEX' : 'OPEX'}</td><td class="num">${quantityText(l, cur)}</td><td class="num">${unitPriceText(l, cur)}</td><td class="num">${
      l.amount === null ? html`<span class="badge sev-warning">unpriced</span>` : explained(plan, explainId.costLine(l.item, l.subject), formatNumber(l.amount))
    }${l.unpriced !== undefined && l.amount !== null ? html` <span class="small">(incomplete)</span>` : ''}</td>${basis ? html`<td class="small">${l.basis}${l.unpriced !== undefined ? html`; <strong>${l.unpriced}</strong>` : ''}</td>` : ''}</tr>\n`,
)}</tbody>
<tfoot><tr><th scope="row">CAPEX</th><td></td><td></td><td></td><td class="num"><strong>${formatNumber(c.capexTotalAmount)}</strong></td>${basis ? html`<td></td>` : ''}</tr>
<tr><th scope="row">OPEX</th><td></td><td></td><td></td><td class="num"><strong>${formatNumber(c.opexTotalAmount)}</strong></td>${basis ? html`<td></td>` : ''}</tr>
<tr><th scope="row">TCO over the horizon</th><td></td><td></td><td></td><td class="num"><strong>${formatNumber(c.tcoAmount)}</strong></td>${basis ? html`<td></td>` : ''}</tr></tfoot>
</table>`;
}

/** Unit costs: the TCO divided by each capacity at the horizon's end. */
function unitCostsText(c: CostPlan): SafeHtml {
  const u = c.unitCosts;
  const cur = c.currency;
  const parts: string[] = [];
  if (u.perVcpuAmount !== null) parts.push(`${formatMoney(u.perVcpuAmount, cur)} per vCPU (of ${formatNumber(u.vcpu)})`);
  if (u.perRamGibAmount !== null) parts.push(`${formatMoney(u.perRamGibAmount, cur)} per GiB of RAM (of ${formatNumber(u.ramGib)} GiB)`);
  if (u.perUsableTbAmount !== null) parts.push(`${formatMoney(u.perUsableTbAmount, cur)} per usable TB (of ${formatNumber(u.usableTb, 1)} TB)`);
  if (u.perSafeUsableTbAmount !== null) parts.push(`${formatMoney(u.perSafeUsableTbAmount, cur)} per safe usable TB (of ${formatNumber(u.safeUsableTb, 1)} TB)`);
  if (parts.length === 0) return html``;
  return html`<p class="small">Unit costs, the whole TCO divided by each capacity in the horizon's last month (not an allocation between them): ${parts.join('; ')}.</p>`;
}

function headline(plan: PlanResult, c: CostPlan): SafeHtml {
  const cur = c.currency;
  const x = (id: string, text: string | SafeHtml): SafeHtml => explained(plan, id, text);
  const first = c.months[0]?.month;
  const last = c.months[c.months.length - 1]?.month;
  const unpriced = c.unpricedItems.length;
  return html`<div class="para">Total cost of ownership ${first && last ? `${formatMonth(first)} – ${formatMonth(last)}` : ''}: ${x(explainId.costTco(), html`<strong>${formatMoney(c.tcoAmount, cur)}</strong>`)} = CAPEX ${x(explainId.costCapex(), formatMoney(c.capexTotalAmount, cur))} + running cost ${x(explainId.costOpex(), formatMoney(c.opexTotalAmount, cur))}. ${
    c.initialFleet === 'buy' ? 'The initial fleet is bought in the first month.' : 'The initial fleet is already owned: its running cost counts, not its price.'
  }${unpriced > 0 ? html` <strong>${formatNumber(unpriced)} ${unpriced === 1 ? 'item has' : 'items have'} no price</strong> and ${unpriced === 1 ? 'is' : 'are'} left out (<a href="#cost">bill</a>).` : ''}</div>`;
}

/** The decision summary's cost block: the TCO, the bill's lines and the unit costs. */
export function costSummary(plan: PlanResult): SafeHtml {
  const c = plan.cost;
  if (!c) return html``;
  return html`${headline(plan, c)}
${linesTable(plan, c, false)}
${unitCostsText(c)}`;
}

function monthsTable(c: CostPlan): SafeHtml {
  const cur = c.currency;
  return html`<table class="cost-months">
<caption>CAPEX and running cost month by month, in ${cur ?? 'no currency'}: servers and racks in service, their typical draw (IT load) and the energy drawn (× PUE ${formatNumber(c.pue, 2)} × ${formatNumber(c.hoursPerMonth)} h).</caption>
<thead><tr><th scope="col">Month</th><th scope="col">Servers</th><th scope="col">Racks</th><th scope="col">IT load, kW</th><th scope="col">Energy, kWh</th><th scope="col">CAPEX</th><th scope="col">OPEX</th><th scope="col">Cumulative</th></tr></thead>
<tbody>
${c.months.map(
  (m) =>
    html`<tr><th scope="row">${formatMonth(m.month)}</th><td class="num">${formatNumber(m.serversInService)}</td><td class="num">${formatNumber(m.racksInService)}</td><td class="num">${formatNumber(m.powerTypicalWatts / 1000, 2)}</td><td class="num">${formatNumber(m.energyKwh)}</td><td class="num">${m.capexAmount === 0 ? MISSING : formatNumber(m.capexAmount)}</td><td class="num">${formatNumber(m.opexAmount)}</td><td class="num">${formatNumber(m.cumulativeAmount)}</td></tr>\n`,
)}</tbody>
</table>`;
}

/** The appendix's Cost section. */
export function costSection(plan: PlanResult): SafeHtml {
  const c = plan.cost;
  if (!c) {
    return html`<section aria-labelledby="cost">
<h2 id="cost">Cost</h2>
<p>This plan has no cost figures.</p>
</section>`;
  }
  return html`<section aria-labelledby="cost">
<h2 id="cost">Cost</h2>
${headline(plan, c)}
${linesTable(plan, c, true)}
${unitCostsText(c)}
${monthsTable(c)}
<p class="small">Prices come from the scenario's <code>costs:</code> section and each model's <code>price</code>. Energy: typical draw × PUE × ${formatNumber(c.hoursPerMonth)} h a month (8,760 h / 12). Optics: two per cabled server port (server end and switch end).</p>
</section>`;
}
