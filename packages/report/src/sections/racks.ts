/**
 * Section: racks and power — every rack's elevation (hosts bottom-up, by role, purchased ones
 * marked) and its space and power at the start and after the purchases, against its budget.
 * No arithmetic: every figure comes from `plan.racks` (core racks/elevation.ts).
 */
import type { PlanResult, RackElevation, RackLoad, RackUnit } from '@headroom/core';
import { explainId } from '@headroom/core/explain-ids';
import { html, trustedHtml, type SafeHtml } from '../escape.js';
import { formatMonth, formatNumber, MISSING } from '../format.js';
import { renderRackElevation, type UnitState } from '../rack-chart.js';
import { explained } from './explain.js';

const watts = (w: number | null): string => (w === null ? MISSING : `${formatNumber(w)} W`);
/** kW with one decimal, for the chart's labels. */
const kw = (w: number | null): string => (w === null ? '?' : formatNumber(w / 1000, 1));
const ru = (n: number): string => `${formatNumber(n)} RU`;
const ruRange = (u: RackUnit): string => (u.heightRu === 1 ? `RU ${u.bottomRu}` : `RU ${u.bottomRu}–${u.bottomRu + u.heightRu - 1}`);

/** True when some host is bought or some rack added: the table then shows the start and after the purchases. */
const hasPurchases = (racks: readonly RackElevation[]): boolean => racks.some((r) => r.added !== null || r.units.some((u) => u.purchased || u.outOfServiceMonth !== null));

function rackName(r: RackElevation): SafeHtml {
  return html`${r.name}${r.added ? html` <span class="small">(added ${formatMonth(r.added.month)} for ${r.added.reason === 'space' ? 'space' : 'power'})</span>` : ''}`;
}

/** Over-budget cell: the plan's overBudget, with why it is unknown. */
function overBudget(r: RackElevation, l: RackLoad): SafeHtml {
  if (r.powerBudgetWatts === null) return html`no budget`;
  if (l.overBudget === true) return html`<span class="badge severity-warning">over</span>`;
  if (l.overBudget === false) return html`no`;
  return html`unknown (no power data: ${r.hostsWithoutPower.join(', ')})`;
}

function table(plan: PlanResult, racks: readonly RackElevation[]): SafeHtml {
  const both = hasPurchases(racks);
  // power cells open the plan's explanation (racks.<rack>.power.<month0|after>.<typical|max>) when it has one
  const loadCells = (r: RackElevation, point: 'month0' | 'after', l: RackLoad): SafeHtml =>
    html`<td class="num">${ru(l.usedRu)}</td><td class="num">${ru(l.freeRu)}</td><td class="num">${explained(plan, explainId.rackPower(r.name, point, 'typical'), watts(l.powerTypicalWatts))}</td><td class="num">${explained(plan, explainId.rackPower(r.name, point, 'max'), watts(l.powerMaxWatts))}</td>`;
  const loadHeads = (when: string): SafeHtml =>
    html`<th scope="col">Used${when}</th><th scope="col">Free${when}</th><th scope="col">Typical draw${when}</th><th scope="col">Maximum draw${when}</th>`;
  return html`<table class="racks">
<caption>Racks: rack units used and free, power at typical and maximum draw (sums of the hosts’ hardware <code>power</code>), against the rack’s power budget. Budgets are checked against the maximum draw, as the procurement schedule places hosts.${both ? ' “Start”: the hosts in service in the first month; “after”: at the horizon’s end, every purchase delivered and every retirement done.' : ''}</caption>
<thead><tr><th scope="col">Rack</th><th scope="col">Zone</th><th scope="col">Height</th><th scope="col">Power budget</th>${both ? html`${loadHeads(', start')}${loadHeads(', after')}` : loadHeads('')}<th scope="col">Over budget${both ? ', after' : ''}</th></tr></thead>
<tbody>
${racks.map(
  (r) =>
    html`<tr><th scope="row">${rackName(r)}</th><td>${r.zone ?? MISSING}</td><td class="num">${ru(r.heightRu)}</td><td class="num">${watts(r.powerBudgetWatts)}</td>${loadCells(r, 'month0', r.month0)}${both ? loadCells(r, 'after', r.afterPurchases) : ''}<td>${overBudget(r, r.afterPurchases)}</td></tr>\n`,
)}</tbody>
</table>`;
}

/** Plain-text summary of one rack for the chart's description. */
function describeRack(r: RackElevation): string {
  const roles = [...new Set(r.units.map((u) => u.role))].map((role) => `${r.units.filter((u) => u.role === role).length} ${role}`).join(', ');
  const bought = r.units.filter((u) => u.purchased);
  const budget = r.powerBudgetWatts === null ? 'no power budget' : `a ${kw(r.powerBudgetWatts)} kW budget`;
  const a = r.afterPurchases;
  const power =
    a.powerMaxWatts === null
      ? `power unknown (${r.hostsWithoutPower.join(', ')} without power data), ${budget}`
      : `${kw(a.powerTypicalWatts)} kW typical, ${kw(a.powerMaxWatts)} kW maximum of ${budget}${a.overBudget === true ? ', over it' : ''}`;
  return `${r.name}: ${r.units.length === 0 ? 'empty' : `${roles}`}${bought.length > 0 ? ` (${bought.length} purchased: ${bought.map((u) => `${u.host} from ${formatMonth(u.inServiceMonth)}`).join(', ')})` : ''}; ${formatNumber(a.usedRu)} of ${formatNumber(r.heightRu)} RU used; ${power}.`;
}

async function chart(racks: readonly RackElevation[]): Promise<SafeHtml> {
  const id = 'chart-racks';
  const title = 'Rack elevations and power';
  const both = hasPurchases(racks);
  const caption =
    `${racks.length} ${racks.length === 1 ? 'rack' : 'racks'} side by side, rack unit 1 at the bottom; each host is a box over its rack units, coloured by role` +
    `${both ? ', purchased hosts lighter with a dashed outline' : ''}${racks.some((r) => r.units.some((u) => u.outOfServiceMonth !== null)) ? ', retired hosts faint with a dotted outline (drawn where they stood)' : ''}. Under each rack, its power${both ? ' after the purchases' : ''}: typical and maximum draw (kW) and the budget (red)${both ? '; dark tick: maximum draw at the start' : ''}.`;
  // The SVG's text alternative also says what each rack holds and draws; the table below has every figure.
  const description = `${caption} ${racks.map(describeRack).join(' ')}`;
  const svg = trustedHtml(
    await renderRackElevation({
      id,
      title,
      description,
      racks: racks.map((r) => ({ rack: r.name, heightRu: r.heightRu })),
      units: racks.flatMap((r) =>
        r.units.map((u) => ({
          rack: r.name,
          host: u.host,
          role: u.role,
          bottomRu: u.bottomRu,
          heightRu: u.heightRu,
          state: (u.outOfServiceMonth !== null ? 'retired' : u.purchased ? 'purchased' : 'in service at the start') as UnitState,
        })),
      ),
      power: racks.map((r) => ({
        rack: r.name,
        typicalKw: r.afterPurchases.powerTypicalWatts === null ? null : r.afterPurchases.powerTypicalWatts / 1000,
        maxKw: r.afterPurchases.powerMaxWatts === null ? null : r.afterPurchases.powerMaxWatts / 1000,
        // a rack added later did not exist at the start: no tick at 0
        startMaxKw: r.added !== null || r.month0.powerMaxWatts === null ? null : r.month0.powerMaxWatts / 1000,
        budgetKw: r.powerBudgetWatts === null ? null : r.powerBudgetWatts / 1000,
        label:
          r.afterPurchases.powerMaxWatts === null ? 'unknown' : `${kw(r.afterPurchases.powerMaxWatts)}${r.powerBudgetWatts === null ? '' : ` / ${kw(r.powerBudgetWatts)}`} kW max`,
        shortLabel: r.afterPurchases.powerMaxWatts === null ? '?' : `${kw(r.afterPurchases.powerMaxWatts)}${r.powerBudgetWatts === null ? '' : `/${kw(r.powerBudgetWatts)}`}`,
      })),
    }),
  );
  return html`<figure class="chart rack-elevation" id="${id}">
<figcaption><strong>${title}.</strong> ${caption}</figcaption>
<div class="chart-svg">${svg}</div>
<details class="chart-data"><summary>Data table: ${title}</summary>
<table aria-label="Data table: ${title}">
<thead><tr><th scope="col">Rack</th><th scope="col">Rack units</th><th scope="col">Host</th><th scope="col">Role</th><th scope="col">Model</th><th scope="col">In service</th><th scope="col">Typical / maximum draw</th></tr></thead>
<tbody>
${racks.flatMap((r) =>
  r.units.map(
    (u) =>
      html`<tr><th scope="row">${r.name}</th><td>${ruRange(u)}</td><td>${u.host}</td><td>${u.role}</td><td>${u.model} (<code>${u.hardware}</code>)</td><td>${u.purchased ? html`${formatMonth(u.inServiceMonth)} (purchased)` : 'at the start'}${u.outOfServiceMonth !== null ? html`, retired ${formatMonth(u.outOfServiceMonth)}` : ''}</td><td class="num">${watts(u.powerTypicalWatts)} / ${watts(u.powerMaxWatts)}</td></tr>\n`,
  ),
)}</tbody>
</table>
</details>
</figure>`;
}

/** The Racks and power section; without racks it says so. */
export async function racksSection(plan: PlanResult): Promise<SafeHtml> {
  const racks = plan.racks ?? [];
  if (racks.length === 0) {
    return html`<section aria-labelledby="racks">
<h2 id="racks">Racks and power</h2>
<p>${plan.racks === undefined ? 'This plan has no rack elevations (it was not made by evaluate).' : 'The scenario declares no rack, so there is nothing to draw. Add <code>racks:</code> (name, height in RU, power budget) to see where each host goes and what each rack draws.'}</p>
</section>`;
  }
  const over = racks.filter((r) => r.afterPurchases.overBudget === true || r.month0.overBudget === true);
  const unknown = racks.filter((r) => r.hostsWithoutPower.length > 0);
  const added = racks.filter((r) => r.added !== null);
  return html`<section aria-labelledby="racks">
<h2 id="racks">Racks and power</h2>
<p><strong>${formatNumber(racks.length)}</strong> ${racks.length === 1 ? 'rack' : 'racks'}${added.length > 0 ? html`, ${added.length} of them added by the procurement plan (${added.map((r) => r.name).join(', ')})` : ''}.
${over.length === 0 ? 'No rack exceeds its power budget at maximum draw.' : html`<strong>Over the power budget at maximum draw: ${over.map((r) => r.name).join(', ')}.</strong>`}
${unknown.length > 0 ? html`Power is unknown for ${unknown.map((r) => r.name).join(', ')}: ${[...new Set(unknown.flatMap((r) => r.hostsWithoutPower))].join(', ')} ${unknown.flatMap((r) => r.hostsWithoutPower).length === 1 ? 'has' : 'have'} no <code>power</code> in their hardware model.` : ''}</p>
${await chart(racks)}
${table(plan, racks)}
</section>`;
}
