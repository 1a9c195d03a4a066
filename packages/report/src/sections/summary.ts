/**
 * Section 1, the first screen: does the plan hold for the horizon, the bottleneck and its
 * runway, findings by severity, the worst findings and the runway of every resource.
 */
import type { PlanResult } from '@headroom/core';
import { html, type SafeHtml } from '../escape.js';
import { formatMonth, formatMonthCount, formatMonthIndex, formatNumber, formatPercent, formatQuantity, formatMibAsGib } from '../format.js';
import {
  codeText,
  definitionList,
  horizonText,
  resourceById,
  runwayText,
  severityBadge,
  SEVERITIES,
  sortFindings,
  toleranceText,
} from './common.js';

/** How many findings the summary lists. */
const WORST_FINDINGS = 5;

function verdict(plan: PlanResult): SafeHtml {
  const errors = plan.summary.error;
  const horizon = `${formatNumber(plan.scenario.horizonMonths)}-month`;
  const b = plan.bottleneck;
  if (b) {
    const r = resourceById(plan, b.resource);
    const label = r?.label ?? b.resource;
    const threshold = r ? ` its ${formatPercent(r.threshold, 0)} threshold` : ' its threshold';
    return html`<div class="verdict verdict-fail" role="status">
<p class="verdict-head">The plan does not hold for the ${horizon} horizon: ${label} runs out in ${formatMonth(b.month)}.</p>
<p>Bottleneck: <strong>${label}</strong> (<code>${b.resource}</code>). Runway: <strong>${formatMonthCount(b.runwayMonths)}</strong>, ending ${formatMonth(b.month)}, when demand crosses${threshold} with the tolerated failure (${toleranceText(plan)}) removed.${
      errors > 0 ? html` There ${errors === 1 ? 'is' : 'are'} also ${formatNumber(errors)} error ${errors === 1 ? 'finding' : 'findings'}.` : ''
    }</p>
</div>`;
  }
  if (errors > 0) {
    return html`<div class="verdict verdict-warn" role="status">
<p class="verdict-head">Capacity holds for the ${horizon} horizon, but ${formatNumber(errors)} error ${errors === 1 ? 'finding needs' : 'findings need'} action.</p>
<p>No resource crosses its threshold with the tolerated failure (${toleranceText(plan)}) removed before ${formatMonthIndex(plan.months, plan.months.length - 1)}. Bottleneck: none within the horizon.</p>
</div>`;
  }
  return html`<div class="verdict verdict-pass" role="status">
<p class="verdict-head">The plan holds for the ${horizon} horizon.</p>
<p>No resource crosses its threshold with the tolerated failure (${toleranceText(plan)}) removed, and there are no error findings. Bottleneck: none within the horizon.</p>
</div>`;
}

function severityCounts(plan: PlanResult): SafeHtml {
  return html`<ul class="counts" aria-label="Findings by severity">${SEVERITIES.map(
    (s) => html`<li class="count sev-${s}"><span class="count-n">${formatNumber(plan.summary[s] ?? 0)}</span> ${s === 'info' ? 'info' : plan.summary[s] === 1 ? s : `${s}s`}</li>`,
  )}</ul>`;
}

function worstFindings(plan: PlanResult): SafeHtml {
  const worst = sortFindings(plan.findings).slice(0, WORST_FINDINGS);
  if (worst.length === 0) return html`<p>No findings.</p>`;
  return html`<ol class="worst">${worst.map(
    (f) =>
      html`<li>${severityBadge(f.severity)} ${codeText(f.code)} <span class="subject">${f.subject}</span>${
        f.month === undefined ? '' : html` <span class="month">from ${formatMonthIndex(plan.months, f.month)}</span>`
      }<br>${f.message}</li>`,
  )}</ol>${plan.findings.length > worst.length ? html`<p><a href="#findings">All ${formatNumber(plan.findings.length)} findings</a></p>` : ''}`;
}

function runwayTable(plan: PlanResult): SafeHtml {
  if (plan.resources.length === 0) return html`<p>The plan has no resources with a runway.</p>`;
  const tol = toleranceText(plan);
  return html`<table class="runway">
<caption>Runway of every planned resource: the month demand first crosses the threshold.</caption>
<thead><tr><th scope="col">Resource</th><th scope="col">Threshold</th><th scope="col">Runway, ${tol}</th><th scope="col">Runway, all hosts</th><th scope="col">Utilisation ${tol}, first month</th><th scope="col">Utilisation ${tol}, last month</th></tr></thead>
<tbody>
${plan.resources.map((r) => {
  const first = plan.months[0]?.resources[r.id];
  const last = plan.months[plan.months.length - 1]?.resources[r.id];
  const isBottleneck = plan.bottleneck?.resource === r.id;
  return html`<tr${isBottleneck ? html` class="bottleneck"` : ''}><th scope="row">${r.label} ${codeText(r.id)}${isBottleneck ? html` <span class="badge sev-error">bottleneck</span>` : ''}</th><td class="num">${formatPercent(r.threshold, 0)}</td><td class="nowrap">${runwayText(plan, r.runwayMonths)}</td><td class="nowrap">${runwayText(plan, r.runwayMonthsAllHosts)}</td><td class="num">${formatPercent(first?.utilisationTolerated)}</td><td class="num">${formatPercent(last?.utilisationTolerated)}</td></tr>\n`;
})}</tbody>
</table>`;
}

function keyFigures(plan: PlanResult): SafeHtml {
  const c = plan.compute;
  const removed = c.toleratedHostsRemoved.length > 0 ? ` (${c.toleratedHostsRemoved.join(', ')} removed)` : '';
  const items: [string, string][] = [
    ['Horizon', horizonText(plan)],
    ['Failures tolerated', toleranceText(plan)],
    ['vCPU capacity', `${formatQuantity(c.totalCapacity.VCPU, 'VCPU')} all hosts; ${formatQuantity(c.toleratedCapacity.VCPU, 'VCPU')}${removed}`],
    // both figures in the same unit (GiB), so they compare at a glance
    ['RAM capacity', `${formatMibAsGib(c.totalCapacity.MEMORY_MB)} all hosts; ${formatMibAsGib(c.toleratedCapacity.MEMORY_MB)}${removed}`],
    ['Raw storage', `${formatQuantity(plan.storage.rawBytes, 'bytes')} in ${formatNumber(plan.storage.osdCount)} OSDs`],
    ['Control plane', `${formatNumber(plan.controlPlane.controllers)} controllers, quorum ${formatNumber(plan.controlPlane.quorum)}, survives ${formatNumber(plan.controlPlane.toleratedFailures)} down`],
  ];
  return definitionList(items);
}

/** Section 1: the summary (the report's first screen). */
export function summarySection(plan: PlanResult): SafeHtml {
  return html`<section class="summary" aria-labelledby="summary">
<h2 id="summary">Summary</h2>
${verdict(plan)}
${severityCounts(plan)}
<div class="summary-grid">
<div>
<h3 id="summary-worst">Worst findings</h3>
${worstFindings(plan)}
</div>
<div>
<h3 id="summary-figures">Key figures</h3>
${keyFigures(plan)}
</div>
</div>
<h3 id="summary-runway">Runway per resource</h3>
${runwayTable(plan)}
</section>`;
}
