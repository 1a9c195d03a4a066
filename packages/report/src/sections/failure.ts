/**
 * Section: failure domains. What losing each host, rack, top-of-rack switch, power feed or
 * zone does to compute, the control plane, Ceph, the network and power, and from which
 * month: the failure-impact matrix of `plan.failure`, a heat map of the harm over the
 * horizon, the policy and the assumptions. Domains whose loss does the same thing (40 equal
 * hypervisors) share a row. No arithmetic: every figure comes from the plan.
 */
import type { FailureDomain, FailureDomainKind, FailureImpact, FailurePlan, FailureSubsystem, PlanResult } from '@headroom/core';
import { html, type SafeHtml, trustedHtml } from '../escape.js';
import { type HeatState, renderHeatMap } from '../failure-chart.js';
import { formatMonth, formatMonthIndex, formatNumber } from '../format.js';
import { severityBadge } from './common.js';

const SUBSYSTEMS: readonly (readonly [FailureSubsystem, string])[] = [
  ['compute', 'Compute'],
  ['control', 'Control plane'],
  ['ceph', 'Ceph'],
  ['network', 'Network'],
  ['power', 'Power'],
];

const KIND_ORDER: readonly FailureDomainKind[] = ['host', 'hosts', 'rack', 'zone', 'switch', 'feed', 'maintenance'];

const KIND_WORD: Record<FailureDomainKind, [one: string, many: string]> = {
  host: ['host', 'hosts'],
  hosts: ['host group', 'host groups'],
  rack: ['rack', 'racks'],
  zone: ['zone', 'zones'],
  switch: ['switch', 'switches'],
  feed: ['power feed', 'power feeds'],
  maintenance: ['maintenance', 'maintenance'],
};

/** Domains of one kind whose loss does the same to every subsystem: one row of the matrix. */
interface Row {
  kind: FailureDomainKind;
  tolerated: boolean;
  domains: FailureDomain[];
  /** The first domain's impacts, by subsystem (the row's figures are the first domain's). */
  impacts: Map<FailureSubsystem, FailureImpact>;
}

/** What makes two domains' rows the same: kind, tolerance, and per subsystem the harm, month, severity and codes. */
function rowKey(d: FailureDomain, impacts: Map<FailureSubsystem, FailureImpact>): string {
  const cells = SUBSYSTEMS.map(([s]) => {
    const i = impacts.get(s);
    return i ? `${i.harm}/${i.firstHarmMonth}/${i.severity}/${i.harms.map((h) => `${h.code}@${h.month}`).join('+')}` : '-';
  });
  return `${d.kind}|${d.tolerated}|${cells.join('|')}`;
}

/** The matrix rows, in kind order (hosts, host groups, racks, zones, switches, feeds, maintenance) and domain order. */
export function failureRows(failure: FailurePlan): Row[] {
  const byDomain = new Map<string, Map<FailureSubsystem, FailureImpact>>();
  for (const i of failure.impacts) {
    const m = byDomain.get(i.domain) ?? new Map<FailureSubsystem, FailureImpact>();
    m.set(i.subsystem, i);
    byDomain.set(i.domain, m);
  }
  const rows = new Map<string, Row>();
  for (const d of failure.domains) {
    const impacts = byDomain.get(d.id) ?? new Map<FailureSubsystem, FailureImpact>();
    const key = rowKey(d, impacts);
    const row = rows.get(key);
    if (row) row.domains.push(d);
    else rows.set(key, { kind: d.kind, tolerated: d.tolerated, domains: [d], impacts });
  }
  return [...rows.values()].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/** "rack r1", "20 hosts like compute-01", "maintenance alone": unique per row (rows differ in their first domain). */
export function rowLabel(row: Row): string {
  const [one, many] = KIND_WORD[row.kind];
  if (row.kind === 'maintenance') return 'maintenance alone';
  if (row.domains.length === 1) return `${one} ${row.domains[0]!.name}`;
  return `${formatNumber(row.domains.length)} ${many} like ${row.domains[0]!.name}`;
}

/** The names of a row's domains: inline when few, folded when many. */
function memberList(names: readonly string[]): SafeHtml {
  if (names.length <= 4) return html`${names.join(', ')}`;
  return html`<details class="host-list"><summary>all ${formatNumber(names.length)}</summary>${names.join(', ')}</details>`;
}

/** The first month of harm of a row over its subsystems, or null. */
function firstHarm(row: Row): number | null {
  let m: number | null = null;
  for (const i of row.impacts.values()) if (i.firstHarmMonth !== null && (m === null || i.firstHarmMonth < m)) m = i.firstHarmMonth;
  return m;
}

/** The worst harm in force in month t (harms start at their month and are assumed to last). */
function stateAt(row: Row, t: number): HeatState {
  let state: HeatState = 'no harm';
  for (const i of row.impacts.values()) {
    for (const h of i.harms) {
      if (h.month > t) continue;
      if (h.harm === 'outage') return 'outage';
      state = 'degraded';
    }
  }
  return state;
}

function cell(plan: PlanResult, impact: FailureImpact | undefined): SafeHtml {
  if (!impact) return html`<td class="small">not affected</td>`;
  if (impact.severity === null || impact.firstHarmMonth === null) {
    return html`<td><span class="badge status-pass">ok</span> <span class="small">${impact.message}</span></td>`;
  }
  return html`<td class="${impact.harm === 'outage' && impact.severity === 'error' ? 'fail-cell' : ''}">${severityBadge(impact.severity)} <strong>from ${formatMonthIndex(plan.months, impact.firstHarmMonth)}</strong><br><span class="small">${impact.message}</span></td>`;
}

function matrix(plan: PlanResult, rows: readonly Row[]): SafeHtml {
  const used = SUBSYSTEMS.filter(([s]) => rows.some((r) => r.impacts.has(s)));
  return html`<table class="failure-matrix">
<caption>Failure-impact matrix: each row is a failure domain, or domains whose loss does the same thing (figures for the first one). A cell gives the first month the loss harms that subsystem and what happens; “ok” means it keeps serving; “not affected” means the domain holds none of its hosts.</caption>
<thead><tr><th scope="col">Loss</th>${used.map(([, label]) => html`<th scope="col">${label}</th>`)}</tr></thead>
<tbody>
${rows.map((r) => {
  const d = r.domains[0]!;
  const names = r.domains.map((x) => x.name);
  const lost = d.hostsLost.length;
  const drained = d.hostsDrained.length > 0 ? `, ${formatNumber(d.hostsDrained.length)} drained` : '';
  return html`<tr><th scope="row">${rowLabel(r)}${r.domains.length > 1 ? html`<br><span class="small">${memberList(names)}</span>` : ''}<br><span class="small">${
    r.tolerated ? 'tolerated' : 'not tolerated'
  } · ${formatNumber(lost)} ${lost === 1 ? 'host' : 'hosts'} down${drained}</span></th>${used.map(([s]) => cell(plan, r.impacts.get(s)))}</tr>\n`;
})}</tbody>
</table>`;
}

async function heatMap(plan: PlanResult, rows: readonly Row[]): Promise<SafeHtml> {
  const harmful = rows.filter((r) => firstHarm(r) !== null);
  if (harmful.length === 0 || plan.months.length === 0) return html``;
  const months = plan.months.map((m) => formatMonth(m.month));
  const labels = harmful.map((r) => `${rowLabel(r)}${r.tolerated ? '' : ' (not tolerated)'}`);
  const cells = harmful.flatMap((r, i) => plan.months.map((_m, t) => ({ row: labels[i]!, month: months[t]!, state: stateAt(r, t) })));
  const title = 'When each loss starts to harm';
  const description =
    `Heat map by month, ${months[0]} to ${months[months.length - 1]}, of the ${formatNumber(harmful.length)} losses that cause harm within the horizon: ` +
    harmful.map((r, i) => `${labels[i]} from ${formatMonthIndex(plan.months, firstHarm(r)!)}`).join('; ') +
    '. Grey: no harm yet; amber: degraded (redundancy lost for good); red: outage (instances, quorum or I/O lost).';
  const svg = trustedHtml(await renderHeatMap({ id: 'chart-failure-heat', title, description, months, rows: labels, cells }));
  return html`<figure class="chart heatmap" id="chart-failure-heat">
<figcaption><strong>${title}.</strong> ${description}</figcaption>
<div class="chart-svg">${svg}</div>
</figure>`;
}

function policyText(failure: FailurePlan): string {
  const t = failure.policy.tolerate;
  const m = failure.policy.maintenance;
  const part = (n: number, one: string, many: string) => (n === 0 ? `no ${one}` : `${formatNumber(n)} ${n === 1 ? one : many}`);
  const tol = [
    t.hosts === 0 ? 'no host' : `${formatNumber(t.hosts)} ${t.hosts === 1 ? 'host' : 'hosts'} per role`,
    part(t.racks, 'rack', 'racks'),
    part(t.zones, 'zone', 'zones'),
    part(t.switches, 'switch', 'switches'),
    part(t.feeds, 'power feed', 'power feeds'),
  ].join(', ');
  const maint =
    m.hosts === 0
      ? 'no maintenance allowance'
      : `${formatNumber(m.hosts)} ${m.hosts === 1 ? 'host' : 'hosts'} of each of ${m.roles.join(', ')} drained for maintenance at the same time`;
  return `The plan must survive losing ${tol}, with ${maint}.`;
}

/**
 * The section's verdict: red when a tolerated loss stops something (an outage: its findings
 * are errors), amber when tolerated losses only degrade (warnings), green otherwise.
 */
function verdictOf(plan: PlanResult, rows: readonly Row[]): SafeHtml {
  const tolerated = rows.filter((r) => r.tolerated && firstHarm(r) !== null);
  if (tolerated.length === 0) return html`<p class="verdict verdict-pass">No tolerated loss causes harm within the horizon.</p>`;
  const outage = tolerated.filter((r) => [...r.impacts.values()].some((i) => i.harm === 'outage'));
  const group = outage.length > 0 ? outage : tolerated;
  const count = group.reduce((n, r) => n + r.domains.length, 0);
  const first = group.map(firstHarm).reduce<number | null>((a, b) => (a === null || (b !== null && b < a) ? b : a), null)!;
  const s = count === 1 ? 's' : '';
  const what = outage.length > 0 ? `stop${s} something (instances, quorum or I/O)` : `leave${s} the cloud degraded (redundancy lost until repaired)`;
  const one = count === 1 ? 'tolerated loss' : 'tolerated losses';
  return html`<p class="verdict ${outage.length > 0 ? 'verdict-fail' : 'verdict-warn'}">${formatNumber(count)} ${one} ${what} within the horizon, the first from ${formatMonthIndex(plan.months, first)}.</p>`;
}

/** Section: failure domains. */
export async function failureSection(plan: PlanResult): Promise<SafeHtml> {
  const failure = plan.failure;
  if (!failure) {
    return html`<section aria-labelledby="failure">
<h2 id="failure">Failure domains</h2>
<p class="note">This plan carries no failure analysis.</p>
</section>`;
  }
  const rows = failureRows(failure);
  const verdict = verdictOf(plan, rows);
  return html`<section aria-labelledby="failure">
<h2 id="failure">Failure domains</h2>
<p>What losing each failure domain does, month by month: its instances restarted on the survivors’ Placement capacity (packed, so fragmentation counts), the control plane’s quorum, Ceph’s placement groups and fill, and the hosts a switch or power feed cuts off. ${policyText(failure)} ${formatNumber(failure.domains.length)} domains analysed.</p>
${verdict}
${await heatMap(plan, rows)}
<h3 id="failure-matrix">Failure-impact matrix</h3>
${matrix(plan, rows)}
<h3 id="failure-assumptions">Assumptions</h3>
<ul>${failure.assumptions.map((a) => html`<li>${a}</li>`)}</ul>
</section>`;
}
