/**
 * Section 1, the first screen: does the plan hold for the horizon, the bottleneck and its
 * runway, findings by severity, the worst findings and the runway of every resource.
 */
import type { HeadlineRack, PlanHeadline, PlanResult } from '@headroom/core';
import { explainId } from '@headroom/core/explain-ids';
import { html, type SafeHtml } from '../escape.js';
import { explained } from './explain.js';
import { costSummary } from './cost.js';
import { formatDate, formatMoney, formatMonth, formatMonthCount, formatMonthIndex, formatNumber, formatPercent, formatQuantity, formatMibAsGib } from '../format.js';
import { codeText, definitionList, horizonText, resourceById, resourceChartId, runwayText, severityBadge, SEVERITIES, sortFindings, toleranceText } from './common.js';

/** How many findings the summary lists. */
const WORST_FINDINGS = 5;

const SUBSYSTEM_LABEL: Record<string, string> = {
  compute: 'Compute',
  control: 'Control plane',
  ceph: 'Ceph',
  network: 'Network',
  power: 'Power',
};

const HARM_LABEL: Record<string, string> = { outage: 'outage', degraded: 'degraded', none: 'no harm' };

/** Q1: does the planned cloud hold for the horizon? Without purchases, and with the scheduled ones. */
function holdsAnswer(plan: PlanResult, h: PlanHeadline): SafeHtml {
  const horizon = formatMonthCount(h.horizonMonths);
  const errors = h.errorFindings;
  const errorsText = errors > 0 ? html` ${formatNumber(errors)} error ${errors === 1 ? 'finding needs' : 'findings need'} action (<a href="#findings">findings</a>).` : '';
  const run = h.firstToRunOut;
  let cls: string;
  let head: SafeHtml;
  let body: SafeHtml;
  if (run === null) {
    cls = errors > 0 ? 'verdict-warn' : 'verdict-pass';
    head = html`Yes: capacity holds for ${horizon} without buying anything.`;
    body = html`No resource crosses its threshold with the tolerated failure (${toleranceText(plan)}) removed, ${horizonText(plan)}.${errorsText}`;
  } else if (h.holdsWithPurchases === true) {
    cls = errors > 0 ? 'verdict-warn' : 'verdict-pass';
    head = html`Yes, with the ${formatNumber(h.orders?.hosts ?? 0)} servers below: without them, ${run.label} runs out in ${formatMonth(run.month)}.`;
    // The findings describe the plan as scheduled (plan.fleet.shows), unless --without-purchases.
    const errorsOf =
      h.shows === 'without-purchases'
        ? errors > 0
          ? html` ${formatNumber(errors)} error ${errors === 1 ? 'finding describes' : 'findings describe'} the cloud as it is, without the purchases (<a href="#findings">findings</a>).`
          : ''
        : errorsText;
    body = html`With the scheduled purchases delivered, every resource stays under its threshold with the tolerated failure (${toleranceText(plan)}) removed, ${horizonText(plan)}.${errorsOf}`;
  } else {
    cls = 'verdict-fail';
    head = html`No: ${run.label} runs out in ${formatMonth(run.month)}${h.holdsWithPurchases === false ? ', and the scheduled purchases do not cover every resource' : ''}.`;
    body =
      h.holdsWithPurchases === null
        ? html`The scenario has no <code>procurement:</code> section, so headroom schedules no purchase; add one to get the orders that keep the plan within its thresholds.${errorsText}`
        : html`Still running out after the purchases: ${(plan.procurement?.uncovered ?? []).map((r, i) => html`${i > 0 ? ', ' : ''}${resourceById(plan, r)?.label ?? r}`)} (no procurement rule for its role, or no model fits).${errorsText}`;
  }
  return html`<div class="verdict ${cls}" role="status"><p class="verdict-head">${head}</p><p>${body}</p></div>`;
}

/** Q2: what runs out first, and when; else what comes closest. */
function runsOutAnswer(plan: PlanResult, h: PlanHeadline): SafeHtml {
  const run = h.firstToRunOut;
  if (run) {
    const threshold = explained(plan, explainId.resourceThreshold(run.resource), formatPercent(run.threshold, 0));
    const month = explained(plan, explainId.resourceRunway(run.resource), formatMonth(run.month));
    return html`<div class="para"><strong>${run.label}</strong> <code>${run.resource}</code> crosses its ${threshold} threshold in <strong>${month}</strong>, ${formatMonthCount(run.monthIndex)} from the start: ${formatPercent(run.utilisationTolerated)} used with the tolerated failure (${toleranceText(plan)}) removed. <a href="#${resourceChartId(plan, run.resource)}">Demand and capacity chart</a>.</div>`;
  }
  const c = h.closest;
  if (c) {
    const used = explained(plan, explainId.resourceUtilisation(c.resource, 'last'), formatPercent(c.utilisationTolerated));
    const threshold = explained(plan, explainId.resourceThreshold(c.resource), formatPercent(c.threshold, 0));
    return html`<div class="para">Nothing runs out by ${formatMonth(c.month)}. Closest: <strong>${c.label}</strong> <code>${c.resource}</code> at ${used} of its capacity with the tolerated failure removed, against a ${threshold} threshold (${formatPercent(c.thresholdShare, 0)} of the way there). <a href="#${resourceChartId(plan, c.resource)}">Demand and capacity chart</a>.</div>`;
  }
  return html`<p>The plan has no resource with a runway.</p>`;
}

/** Q3: what must be ordered, by when, for how much. */
function ordersAnswer(plan: PlanResult, h: PlanHeadline): SafeHtml {
  const o = h.orders;
  const p = plan.procurement;
  if (o === null || !p) {
    return h.firstToRunOut === null
      ? html`<p>Nothing has to be ordered within the horizon: no resource runs out. (The scenario has no <code>procurement:</code> section.)</p>`
      : html`<p>Not scheduled: the scenario has no <code>procurement:</code> section (models, lead times, prices), so headroom cannot say what to order. <a href="#summary-runway">Runway per resource</a>.</p>`;
  }
  if (o.byOrderBy.length === 0) return html`<p>Nothing has to be ordered within the horizon.</p>`;
  const total = html`<strong>${explained(plan, explainId.capexTotal(), formatMoney(p.capexTotalAmount, p.currency))}</strong>${o.unpriced > 0 ? html` (${formatNumber(o.unpriced)} ${o.unpriced === 1 ? 'order has' : 'orders have'} no price and ${o.unpriced === 1 ? 'is' : 'are'} not counted)` : ''}`;
  const first = o.firstOrderBy === null ? '' : formatDate(o.firstOrderBy);
  return html`<div class="para">${formatNumber(o.hosts)} servers in ${formatNumber(o.byOrderBy.length)} ${o.byOrderBy.length === 1 ? 'order' : 'orders'}, ${total} for the servers${plan.cost ? html` (<a href="#summary-cost">the whole bill</a> adds racks, network, spares and the running cost)` : ''}. The first order must be placed by <strong>${first}</strong>.${
    o.late > 0
      ? html` <span class="badge sev-error">late</span> ${formatNumber(o.late)} ${o.late === 1 ? 'order is' : 'orders are'} already late: the order-by date is before the start.`
      : ''
  }${percentileOrders(plan)}</div>
<table class="orders">
<caption>Orders by order-by date (lead time before the month the servers must be in service); <a href="#procurement">purchase schedule and bill of materials</a>.</caption>
<thead><tr><th scope="col">Order by</th><th scope="col">In service</th><th scope="col">Servers</th><th scope="col">Cost</th></tr></thead>
<tbody>
${o.byOrderBy
  .map((i) => p.purchases[i]!)
  .map(
    (x) =>
      html`<tr><th scope="row" class="nowrap">${explained(plan, explainId.purchaseOrderBy(explainId.purchaseKey(x), x.deliveryMonth), formatDate(x.orderBy))}${x.late ? html` <span class="badge sev-error">late</span>` : ''}</th><td class="nowrap">${formatMonth(x.deliveryMonth)}</td><td>${explained(plan, explainId.purchaseQuantity(explainId.purchaseKey(x), x.deliveryMonth), formatNumber(x.quantity))} × ${x.model} <span class="small">(${x.role})</span></td><td class="num">${explained(plan, explainId.purchaseTotalPrice(explainId.purchaseKey(x), x.deliveryMonth), formatMoney(x.totalPriceAmount, p.currency))}</td></tr>\n`,
  )}</tbody>
</table>`;
}

/**
 * The first order-by date on the P10 / P50 / P90 demand paths (PlanResult.demandPercentiles,
 * from the fitted or banded growths), and the P90 one as "to be 90 % sure". Empty without them.
 */
function percentileOrders(plan: PlanResult): SafeHtml | '' {
  const d = plan.demandPercentiles;
  const [p10, p50, p90] = d?.plans ?? [];
  if (!d || !p10 || !p50 || !p90) return '';
  const date = (x: string | null): SafeHtml | string => (x === null ? 'nothing to order' : formatDate(x));
  const fitted = d.bands.some((b) => b.fit);
  return html` On the ${fitted ? 'demand paths fitted from history' : 'demand paths of the growth bands'} (P10 / P50 / P90 growth), the first order is due by ${date(p10.firstOrderBy)} / ${date(p50.firstOrderBy)} / ${date(p90.firstOrderBy)}${p90.firstOrderBy === null ? '' : html`: <strong>order by ${formatDate(p90.firstOrderBy)} to be 90 % sure</strong>`}.`;
}

function rackHarmsText(plan: PlanResult, r: HeadlineRack): SafeHtml {
  return html`<ul class="rack-harms">${r.harms.map(
    (x) => html`<li><strong>${SUBSYSTEM_LABEL[x.subsystem] ?? x.subsystem}: ${HARM_LABEL[x.harm]}</strong> from ${formatMonthIndex(plan.months, x.monthIndex)}. ${x.message}</li>`,
  )}</ul>`;
}

/** Q4: what happens when a rack fails. */
function rackAnswer(plan: PlanResult, h: PlanHeadline): SafeHtml {
  const f = h.rackFailure;
  if (f === null || f.racks.length === 0) return html`<p>The scenario places no hosts in racks: no rack failure to analyse.</p>`;
  const racksPolicy = plan.scenario.policy.tolerate.racks;
  const policy =
    racksPolicy > 0
      ? html`The policy requires surviving ${formatNumber(racksPolicy)} rack ${racksPolicy === 1 ? 'loss' : 'losses'} (<code>policy.tolerate.racks</code>).`
      : html`The policy does not require surviving a rack loss (<code>policy.tolerate.racks = 0</code>).`;
  const worst = f.racks.find((r) => r.rack === f.worst);
  if (!worst || worst.harm === 'none') {
    return html`<p>Losing any one rack harms nothing within the horizon (${formatNumber(f.racks.length)} ${f.racks.length === 1 ? 'rack' : 'racks'} analysed): the survivors hold the load, quorum and every Ceph copy. ${policy}</p>`;
  }
  const same = f.worstSameAs;
  const others = f.racks.filter((r) => r !== worst && !same.includes(r.rack));
  return html`<p>Worst: losing rack <strong>${worst.rack}</strong>${same.length > 0 ? html` (${same.join(', ')} the same)` : ''}. ${policy}</p>
${rackHarmsText(plan, worst)}
${
  others.length > 0
    ? html`<p class="small">Other racks: ${others.map(
        (r, i) =>
          html`${i > 0 ? '; ' : ''}${r.rack}: ${
            r.harms.length === 0
              ? 'no harm'
              : r.harms.map(
                  (x, j) => html`${j > 0 ? ', ' : ''}${SUBSYSTEM_LABEL[x.subsystem] ?? x.subsystem} ${HARM_LABEL[x.harm]} from ${formatMonthIndex(plan.months, x.monthIndex)}`,
                )
          }`,
      )}. <a href="#failure">Failure matrix</a>.</p>`
    : html`<p class="small"><a href="#failure">Failure matrix</a>.</p>`
}`;
}

/** The four first-screen answers, in the order a reader asks them. */
function answers(plan: PlanResult): SafeHtml {
  const h = plan.headline;
  if (!h) return html``;
  return html`${holdsAnswer(plan, h)}
<div class="answers">
<div class="answer answer-runs-out"><h3 id="summary-runs-out">What runs out first, and when?</h3>${runsOutAnswer(plan, h)}</div>
<div class="answer answer-orders"><h3 id="summary-orders">What must be ordered, by when, for how much?</h3>${ordersAnswer(plan, h)}</div>
<div class="answer answer-rack"><h3 id="summary-rack">What happens when a rack fails?</h3>${rackAnswer(plan, h)}</div>
</div>`;
}

/** Verdict of a plan without a headline (hand-built plans): the bottleneck alone. */
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
  return html`<tr${isBottleneck ? html` class="bottleneck"` : ''}><th scope="row">${r.label} ${codeText(r.id)}${isBottleneck ? html` <span class="badge sev-error">bottleneck</span>` : ''}</th><td class="num">${explained(plan, explainId.resourceThreshold(r.id), formatPercent(r.threshold, 0))}</td><td class="nowrap">${explained(plan, explainId.resourceRunway(r.id), runwayText(plan, r.runwayMonths))}</td><td class="nowrap">${runwayText(plan, r.runwayMonthsAllHosts)}</td><td class="num">${explained(plan, explainId.resourceUtilisation(r.id, 'first'), formatPercent(first?.utilisationTolerated))}</td><td class="num">${explained(plan, explainId.resourceUtilisation(r.id, 'last'), formatPercent(last?.utilisationTolerated))}</td></tr>\n`;
})}</tbody>
</table>`;
}

function keyFigures(plan: PlanResult): SafeHtml {
  const c = plan.compute;
  const removed = (rc: 'VCPU' | 'MEMORY_MB'): string => {
    const hosts = c.toleratedLosses?.[rc]?.hosts ?? c.toleratedHostsRemoved;
    return hosts.length > 0 ? ` (${hosts.join(', ')} removed)` : '';
  };
  const x = (id: string, text: string): SafeHtml => explained(plan, id, text);
  const items: [string, string | SafeHtml][] = [
    ['Horizon', horizonText(plan)],
    ['Failures tolerated', toleranceText(plan)],
    [
      'vCPU capacity',
      html`${x(explainId.computeTotal('VCPU'), formatQuantity(c.totalCapacity.VCPU, 'VCPU'))} all hosts; ${x(explainId.computeTolerated('VCPU'), formatQuantity(c.toleratedCapacity.VCPU, 'VCPU'))}${removed('VCPU')}`,
    ],
    // both figures in the same unit (GiB), so they compare at a glance
    [
      'RAM capacity',
      html`${x(explainId.computeTotal('MEMORY_MB'), formatMibAsGib(c.totalCapacity.MEMORY_MB))} all hosts; ${x(explainId.computeTolerated('MEMORY_MB'), formatMibAsGib(c.toleratedCapacity.MEMORY_MB))}${removed('MEMORY_MB')}`,
    ],
    ['Raw storage', html`${x(explainId.storageRaw(), formatQuantity(plan.storage.rawBytes, 'bytes'))} in ${formatNumber(plan.storage.osdCount)} OSDs`],
    [
      'Control plane',
      html`${formatNumber(plan.controlPlane.controllers)} controllers, quorum ${x(explainId.quorum(), formatNumber(plan.controlPlane.quorum))}, survives ${x(explainId.quorumToleratedFailures(), formatNumber(plan.controlPlane.toleratedFailures))} down`,
    ],
  ];
  return definitionList(items);
}

/** What the decision summary shows besides the plan's own answers: the risk block (its chart is rendered asynchronously) and the changes since a previous plan. */
export interface SummaryExtras {
  risk?: SafeHtml;
  changes?: SafeHtml;
}

/**
 * Section 1: the decision summary (the report's first pages, at most 4 printed A4 pages for
 * the reference scenarios): the verdict and the three answers, what changed, what it costs,
 * the risk band, the findings by severity, and the runway per resource.
 */
export function summarySection(plan: PlanResult, extras: SummaryExtras = {}): SafeHtml {
  return html`<section class="summary" aria-labelledby="summary">
<h2 id="summary">Decision summary</h2>
${plan.headline ? answers(plan) : verdict(plan)}
${extras.changes ?? ''}
${
  plan.cost
    ? html`<h3 id="summary-cost">What does it cost?</h3>
${costSummary(plan)}`
    : ''
}
${
  extras.risk
    ? html`<h3 id="summary-risk">How sure is it? The risk band</h3>
${extras.risk}`
    : ''
}
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
