/**
 * "What changed" since a previous plan (core's diffPlans, given to renderHtml as `previous`):
 * a sentence for the decision summary and a section of the appendix. Formatting only.
 */
import type { OrderChange, PlanDiff } from '@headroom/core';
import { html, type SafeHtml } from '../escape.js';
import { formatDate, formatMoney, formatMonth, formatNumber } from '../format.js';
import { codeText, severityBadge } from './common.js';

const signed = (v: number | null, currency: string | null): string =>
  v === null ? 'n/a' : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatMoney(Math.abs(v), currency === 'mixed' ? null : currency)}`;
const runwayText = (m: number | null): string => (m === null ? 'beyond the horizon' : `${formatNumber(m)} ${m === 1 ? 'month' : 'months'}`);

/** One sentence: runway, orders, money, findings. */
export function changesSummary(d: PlanDiff | undefined): SafeHtml {
  if (!d) return html``;
  if (d.unchanged) return html`<p class="para">Since the previous plan (<strong>${d.old.name}</strong>): nothing changed in runway, orders, money, findings or rack failures.</p>`;
  const shorter = d.runway.filter((r) => r.deltaMonths !== null && r.deltaMonths < 0).length;
  const longer = d.runway.filter((r) => r.deltaMonths !== null && r.deltaMonths > 0).length;
  const moved = d.orders.filter((o) => o.change !== 'unchanged').length;
  const w = d.withoutPurchases.deltaMonths;
  const need = w === null || w === 0 ? '' : html`the need to buy comes ${formatNumber(Math.abs(w))} ${Math.abs(w) === 1 ? 'month' : 'months'} ${w < 0 ? 'earlier' : 'later'}; `;
  return html`<p class="para">Since the previous plan (<strong>${d.old.name}</strong>): ${need}${formatNumber(shorter)} ${shorter === 1 ? 'runway' : 'runways'} shorter, ${formatNumber(longer)} longer; ${formatNumber(moved)} ${moved === 1 ? 'order' : 'orders'} changed; CAPEX ${signed(d.capex.delta, d.currency)}, TCO ${signed(d.tco.delta, d.currency)}; ${formatNumber(d.findings.added.length)} new and ${formatNumber(d.findings.resolved.length)} resolved findings. <a href="#changes">What changed</a>.</p>`;
}

function orderRow(o: OrderChange, currency: string | null): SafeHtml {
  const side = (month: string | null, q: number | null, by: string | null): string =>
    month === null ? '—' : `${formatNumber(q)} in ${formatMonth(month)} (order by ${by === null ? '—' : formatDate(by)})`;
  return html`<tr><th scope="row">${o.change}</th><td>${o.role}</td><td><code>${o.hardware}</code></td><td>${side(o.oldDeliveryMonth, o.oldQuantity, o.oldOrderBy)}</td><td>${side(o.newDeliveryMonth, o.newQuantity, o.newOrderBy)}</td><td class="num">${signed(o.deltaAmount, currency)}</td></tr>\n`;
}

/** The appendix section. */
export function changesSection(d: PlanDiff | undefined): SafeHtml {
  if (!d) return html``;
  const cur = d.currency;
  const orders = d.orders.filter((o) => o.change !== 'unchanged');
  return html`<section aria-labelledby="changes">
<h2 id="changes">What changed</h2>
<p>From <strong>${d.old.name}</strong> (${d.old.horizon}${d.old.scenarioSha256 ? `, scenario sha256 ${d.old.scenarioSha256.slice(0, 12)}` : ''}, headroom ${d.old.generatorVersion}) to this plan. Bottleneck: ${
    d.bottleneck.changed
      ? `${d.bottleneck.old ? `${d.bottleneck.old.resource} in ${formatMonth(d.bottleneck.old.month)}` : 'none'} → ${d.bottleneck.new ? `${d.bottleneck.new.resource} in ${formatMonth(d.bottleneck.new.month)}` : 'none'}`
      : 'unchanged'
  }. Without any purchase, ${d.withoutPurchases.old ? `${d.withoutPurchases.old.resource} ran out in ${formatMonth(d.withoutPurchases.old.month)}` : 'nothing ran out'}; now ${
    d.withoutPurchases.new ? `${d.withoutPurchases.new.resource} runs out in ${formatMonth(d.withoutPurchases.new.month)}` : 'nothing runs out'
  }${d.withoutPurchases.deltaMonths === null || d.withoutPurchases.deltaMonths === 0 ? '' : ` (${d.withoutPurchases.deltaMonths > 0 ? '+' : '−'}${Math.abs(d.withoutPurchases.deltaMonths)} months)`}. CAPEX ${formatMoney(d.capex.old, cur === 'mixed' ? null : cur)} → ${formatMoney(d.capex.new, cur === 'mixed' ? null : cur)} (${signed(d.capex.delta, cur)}); TCO ${formatMoney(d.tco.old, cur === 'mixed' ? null : cur)} → ${formatMoney(d.tco.new, cur === 'mixed' ? null : cur)} (${signed(d.tco.delta, cur)}).</p>
<table class="changes-runway">
<caption>Runway per resource, tolerated failures removed, with the scheduled purchases.</caption>
<thead><tr><th scope="col">Resource</th><th scope="col">Before</th><th scope="col">Now</th><th scope="col">Change, months</th></tr></thead>
<tbody>
${d.runway.map((r) => html`<tr><th scope="row">${codeText(r.resource)}</th><td>${r.presence === 'added' ? '(new)' : runwayText(r.oldMonths)}</td><td>${r.presence === 'removed' ? '(gone)' : runwayText(r.newMonths)}</td><td class="num">${r.deltaMonths === null ? '—' : r.deltaMonths > 0 ? `+${r.deltaMonths}` : r.deltaMonths < 0 ? `−${-r.deltaMonths}` : '±0'}</td></tr>\n`)}</tbody>
</table>
${
  orders.length === 0
    ? html`<p>Orders: no change.</p>`
    : html`<table class="changes-orders">
<caption>Orders added, removed, moved or resized (matched per role in delivery order), with the change in money (${cur ?? 'unpriced'}).</caption>
<thead><tr><th scope="col">Change</th><th scope="col">Role</th><th scope="col">Model</th><th scope="col">Before</th><th scope="col">Now</th><th scope="col">Money</th></tr></thead>
<tbody>
${orders.map((o) => orderRow(o, cur))}</tbody>
</table>`
}
<h3 id="changes-findings">Findings: ${formatNumber(d.findings.added.length)} new, ${formatNumber(d.findings.resolved.length)} resolved</h3>
${
  d.findings.added.length + d.findings.resolved.length === 0
    ? html`<p>No finding appeared or went away.</p>`
    : html`<ul class="changes-findings">${[
        ...d.findings.added.map((f) => html`<li>new: ${severityBadge(f.severity)} ${codeText(f.code)} ${f.subject}: ${f.message}</li>`),
        ...d.findings.resolved.map((f) => html`<li>resolved: ${severityBadge(f.severity)} ${codeText(f.code)} ${f.subject}</li>`),
      ]}</ul>`
}
${d.racks.length === 0 ? '' : html`<h3 id="changes-racks">Losing a rack</h3><ul>${d.racks.map((r) => html`<li>${r.rack}: ${r.oldHarm ?? '—'}${r.oldFirstHarm ? ` from ${formatMonth(r.oldFirstHarm)}` : ''} → ${r.newHarm ?? '—'}${r.newFirstHarm ? ` from ${formatMonth(r.newFirstHarm)}` : ''}</li>`)}</ul>`}
</section>`;
}
