/**
 * Building blocks shared by the report's sections: lookups into the PlanResult, badges,
 * the finding order, and the demand-vs-capacity chart of one planned resource.
 */
import type { CheckStatus, Finding, PlanResult, ResourceInfo, Severity } from '@headroom/core';
import { type LineChart, renderLineChart, SERIES_COLORS } from '../charts.js';
import { explainId } from '@headroom/core/explain-ids';
import { html, type SafeHtml, trustedHtml } from '../escape.js';
import { chartScale, formatMonth, formatMonthCount, formatMonthIndex, formatNumber, formatPercent, formatQuantity } from '../format.js';
import { explained } from './explain.js';

/** Severity order for sorting, highest first. Mirrors core's SEVERITY_RANK (kept local: the report imports only types from core). */
const SEVERITY_ORDER: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/** Severities from worst to mildest. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** The planned resource with this id, if the plan has it. */
export function resourceById(plan: PlanResult, id: string): ResourceInfo | undefined {
  return plan.resources.find((r) => r.id === id);
}

/**
 * The id of the demand-vs-capacity chart of a planned resource, for in-page links:
 * `compute.vcpu` -> `chart-compute-vcpu`, `compute.memory` -> `chart-compute-ram`,
 * `compute.disk` -> `chart-compute-disk`, `storage.rule.<rules>` -> `chart-storage-rule-<n>`
 * (n = 1-based position of the rule set in plan.storage.ceph.ruleSets), `storage.pool.<name>`
 * (plans before rule sets) -> `chart-storage-pool-<n>`. Falls back to the section.
 */
export function resourceChartId(plan: PlanResult, resource: string): string {
  if (resource === 'compute.vcpu') return 'chart-compute-vcpu';
  if (resource === 'compute.memory') return 'chart-compute-ram';
  if (resource === 'compute.disk') return 'chart-compute-disk';
  if (resource.startsWith('storage.rule.')) {
    const i = plan.storage.ceph?.ruleSets.findIndex((x) => x.resource === resource) ?? -1;
    return i >= 0 ? `chart-storage-rule-${i + 1}` : 'storage';
  }
  if (resource.startsWith('storage.pool.')) {
    const i = plan.scenario.ceph.pools.findIndex((p) => `storage.pool.${p.name}` === resource);
    return i >= 0 ? `chart-storage-pool-${i + 1}` : 'storage';
  }
  return 'summary-runway';
}

/** Label of the last month of the horizon ("Dec 2028"), from the plan's months. */
export function lastMonthLabel(plan: PlanResult): string {
  const last = plan.months[plan.months.length - 1];
  return last ? formatMonth(last.month) : formatMonth(plan.scenario.start);
}

/** "Jan 2027 – Dec 2028 (24 months)". */
export function horizonText(plan: PlanResult): string {
  return `${formatMonth(plan.scenario.start)} – ${lastMonthLabel(plan)} (${formatMonthCount(plan.scenario.horizonMonths)})`;
}

/**
 * A runway as text: the month it ends and how far that is from the start, or that it
 * lasts beyond the horizon. `runwayMonths` is the 0-based month index the plan reports.
 */
export function runwayText(plan: PlanResult, runwayMonths: number | null): string {
  if (runwayMonths === null) return `beyond ${lastMonthLabel(plan)}`;
  return `${formatMonthIndex(plan.months, runwayMonths)} (${formatMonthCount(runwayMonths)})`;
}

/** The failures the plan tolerates, in the field's shorthand: "N+1", or "1 rack down". */
export function toleranceText(plan: PlanResult): string {
  const { hosts, racks } = plan.scenario.policy.tolerate;
  if (racks > 0) return `${racks} ${racks === 1 ? 'rack' : 'racks'} down`;
  return `N+${hosts}`;
}

/** "without compute-01", or a generic phrase when the plan removed nothing. */
export function withoutText(removed: readonly string[]): string {
  return removed.length > 0 ? `without ${removed.join(', ')}` : 'with no failure removed';
}

/**
 * What the storage plan removed for its tolerated capacity, by name: the failure domains
 * left without OSDs, or else the storage hosts removed (with failure domain rack and
 * tolerated hosts, hosts go but their rack stays).
 */
export function storageRemoved(plan: PlanResult): string[] {
  const s = plan.storage;
  if (s.toleratedDomainsRemoved.length > 0) return s.toleratedDomainsRemoved;
  return s.toleratedHostsRemoved ?? [];
}

/** A severity as a text badge (the word is always written, colour is only a hint). */
export function severityBadge(severity: Severity): SafeHtml {
  return html`<span class="badge sev-${severity}">${severity}</span>`;
}

/** A role-check status as a text badge. */
export function statusBadge(status: CheckStatus): SafeHtml {
  return html`<span class="badge status-${status}">${status}</span>`;
}

/**
 * Findings from the worst down: severity first, then the earliest month (findings without
 * a month last), then the order the plan lists them in.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => {
      const bySeverity = SEVERITY_ORDER[b.finding.severity] - SEVERITY_ORDER[a.finding.severity];
      if (bySeverity !== 0) return bySeverity;
      const am = a.finding.month ?? Number.POSITIVE_INFINITY;
      const bm = b.finding.month ?? Number.POSITIVE_INFINITY;
      if (am !== bm) return am < bm ? -1 : 1;
      return a.order - b.order;
    })
    .map((x) => x.finding);
}

/** Names the chart's series and its capacity: compute says "Capacity", storage "Usable". */
export interface ResourceChartOptions {
  /** DOM id of the figure; prefixes the SVG's ids. */
  id: string;
  title: string;
  demandName: string;
  capacityName: string;
  /** Y-axis title without its unit ("Memory"); the display unit is appended. */
  yLabel: string;
  /** Hosts or failure domains removed for the tolerated capacity. */
  removed: readonly string[];
  /** Name of the threshold line, e.g. "Nearfull ratio" for Ceph pools. */
  thresholdName: string;
}

/**
 * The scheduled purchases of one resource, for its chart: the tolerated capacity with the
 * purchases delivered by each month (plan.procurement.utilisation[].capacityToleratedWith,
 * scaled to the chart unit), and a marker per delivery month of a purchase made for it
 * (Purchase.reasons names the resource). Empty without purchases for the resource.
 */
function purchasedCapacity(
  plan: PlanResult,
  resourceId: string,
  series: string,
  factor: number,
): {
  rows: { index: number; month: string; series: string; value: number }[];
  markers: { month: string; label: string }[];
  /** Capacity with purchases in the resource's own unit, by month index (for the data table). */
  capacityByIndex: Map<number, number>;
} {
  const p = plan.procurement;
  const mine = p?.purchases.filter((x) => x.reasons.some((r) => r.resource === resourceId)) ?? [];
  if (!p || mine.length === 0) return { rows: [], markers: [], capacityByIndex: new Map() };
  const entries = p.utilisation.filter((u) => u.resource === resourceId && u.capacityToleratedWith !== null && u.capacityToleratedWith !== undefined);
  const rows = entries.map((u) => ({ index: u.index, month: formatMonth(u.month), series, value: u.capacityToleratedWith! * factor }));
  const capacityByIndex = new Map(entries.map((u) => [u.index, u.capacityToleratedWith!]));
  const byMonth = new Map<string, number>();
  for (const x of mine) byMonth.set(x.deliveryMonth, (byMonth.get(x.deliveryMonth) ?? 0) + x.quantity);
  const markers = [...byMonth].map(([month, n]) => ({ month: formatMonth(month), label: `+${n}` }));
  return { rows, markers, capacityByIndex };
}

/**
 * The demand-vs-capacity chart of one resource, as a figure with its SVG, caption and a
 * collapsed data table. Returns a note instead when the plan has no series for it.
 */
export async function resourceFigure(plan: PlanResult, resourceId: string, opts: ResourceChartOptions): Promise<SafeHtml> {
  const resource = resourceById(plan, resourceId);
  const points = plan.months.flatMap((m) => {
    const r = m.resources[resourceId];
    return r ? [{ index: m.index, month: formatMonth(m.month), r }] : [];
  });
  if (!resource || points.length === 0) {
    return html`<p class="note">No month-by-month series for <code>${resourceId}</code> in this plan.</p>`;
  }
  const scale = chartScale(resource.unit);
  const fmt = (v: number): string => formatQuantity(v, resource.unit);
  const without = withoutText(opts.removed);
  const pct = formatPercent(resource.threshold, 0);
  const names = {
    demand: opts.demandName,
    capacity: `${opts.capacityName}, all hosts`,
    tolerated: `${opts.capacityName} ${without}`,
    threshold: `${opts.thresholdName} ${pct} of ${opts.capacityName.toLowerCase()} ${without}`,
    withPurchases: `${opts.capacityName} with purchases, ${opts.removed.length > 0 ? 'tolerated failure removed' : 'no failure removed'}`,
  };
  const bought = purchasedCapacity(plan, resourceId, names.withPurchases, scale.factor);
  const rows = points.flatMap(({ index, month, r }) => [
    { index, month, series: names.demand, value: r.demand * scale.factor },
    { index, month, series: names.capacity, value: r.capacity * scale.factor },
    { index, month, series: names.tolerated, value: r.capacityTolerated * scale.factor },
    // thresholdLevel = capacityTolerated x threshold, computed in core (the level the runway is measured against)
    { index, month, series: names.threshold, value: r.thresholdLevel * scale.factor },
  ]);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const runway =
    resource.runwayMonths === null
      ? `${opts.demandName} stays under the threshold ${without} for the whole horizon.`
      : `${opts.demandName} crosses the threshold ${without} in ${formatMonthIndex(plan.months, resource.runwayMonths)}: the runway is ${formatMonthCount(resource.runwayMonths)}.`;
  const description =
    `Line chart by month, ${first.month} to ${last.month}. ${opts.demandName} grows from ${fmt(first.r.demand)} to ${fmt(last.r.demand)}. ` +
    `${opts.capacityName} in ${last.month}: ${fmt(last.r.capacity)} with all hosts, ${fmt(last.r.capacityTolerated)} ${without}. ` +
    `Threshold ${pct} of the reduced ${opts.capacityName.toLowerCase()}. ${runway}` +
    (bought.markers.length > 0
      ? ` Purchases for this resource are delivered in ${bought.markers.map((m) => `${m.month} (${m.label} servers)`).join(', ')}: green marks at the bottom; the green line is the ${opts.capacityName.toLowerCase()} with the purchases delivered by then, ${without}.`
      : '');
  const chart: LineChart = {
    id: opts.id,
    title: opts.title,
    description,
    yTitle: opts.yLabel === scale.unit ? opts.yLabel : `${opts.yLabel} (${scale.unit})`,
    months: points.map((p) => p.month),
    series: [
      { name: names.demand, color: SERIES_COLORS.demand, dash: [] },
      { name: names.capacity, color: SERIES_COLORS.capacity, dash: [] },
      { name: names.tolerated, color: SERIES_COLORS.tolerated, dash: [7, 4] },
      { name: names.threshold, color: SERIES_COLORS.threshold, dash: [2, 3] },
      ...(bought.rows.length > 0 ? [{ name: names.withPurchases, color: SERIES_COLORS.purchased, dash: [] }] : []),
    ],
    rows: [...rows, ...bought.rows],
    ...(bought.markers.length > 0 ? { purchases: bought.markers } : {}),
    ...(resource.runwayMonths === null
      ? {}
      : {
          runwayMonth: formatMonthIndex(plan.months, resource.runwayMonths),
          // Past the middle of the horizon the label goes left of the marker, inside the plot.
          runwayLabelSide: resource.runwayMonths > points.length / 2 ? ('left' as const) : ('right' as const),
        }),
  };
  const svg = trustedHtml(await renderLineChart(chart));
  // the marks the vega legend does not list (it keys the lines): explained beside the chart, not only in the caption
  const marks = [
    ...(bought.markers.length > 0
      ? [
          html`<li><span class="mark-swatch" style="background:${SERIES_COLORS.purchased}"></span> <strong>+N</strong> at the bottom: N servers delivered for this resource that month (the threshold rises with them)</li>`,
        ]
      : []),
    ...(resource.runwayMonths === null ? [] : [html`<li><span class="mark-swatch mark-dashed"></span> dashed vertical rule: the month the runway ends</li>`]),
  ];
  return html`<figure class="chart" id="${opts.id}">
<figcaption><strong>${opts.title}.</strong> ${description}</figcaption>
<div class="chart-svg">${svg}</div>
${marks.length > 0 ? html`<ul class="chart-marks small">${marks}</ul>` : ''}
<details class="chart-data"><summary>Data table: ${opts.title}</summary>
<table aria-label="Data table: ${opts.title}">
<thead><tr><th scope="col">Month</th><th scope="col">${opts.demandName}</th><th scope="col">${opts.capacityName}, all hosts</th><th scope="col">${opts.capacityName} ${without}</th><th scope="col">Utilisation ${without}</th>${bought.rows.length > 0 ? html`<th scope="col">${names.withPurchases}</th>` : ''}</tr></thead>
<tbody>
${points.map((p, i) => {
  // The first and last months' utilisation are explained (the plan explains no other month).
  const end = i === 0 ? 'first' : i === points.length - 1 ? 'last' : null;
  const utilisation = formatPercent(p.r.utilisationTolerated);
  return html`<tr><th scope="row">${p.month}</th><td class="num">${fmt(p.r.demand)}</td><td class="num">${fmt(p.r.capacity)}</td><td class="num">${fmt(p.r.capacityTolerated)}</td><td class="num">${end ? explained(plan, explainId.resourceUtilisation(resourceId, end), utilisation) : utilisation}</td>${
    bought.rows.length > 0 ? html`<td class="num">${fmt(bought.capacityByIndex.get(p.index) ?? Number.NaN)}</td>` : ''
  }</tr>\n`;
})}</tbody>
</table>
</details>
</figure>`;
}

/**
 * A dotted identifier (finding code, resource id, field path) as <code> that may wrap after
 * a `.` or `_` instead of in the middle of a word.
 */
export function codeText(text: string): SafeHtml {
  return html`<code>${breakableText(text)}</code>`;
}

/** Text that may wrap after `.`, `_` or `/` (long paths and option names in narrow cells). */
export function breakableText(text: string): SafeHtml {
  const parts = text.split(/(?<=[._/])(?=[^\s])/);
  return html`${parts.map((p, i) => (i === 0 ? p : html`<wbr>${p}`))}`;
}

/** Host names: all of them when few, else first … last and the count (or, compact, the count only), with the full list folded. */
export function hostList(hosts: readonly string[], compact = false): SafeHtml {
  if (hosts.length <= 3) return html`${hosts.join(', ')}`;
  const all = html`<details class="host-list"><summary>${compact ? `${formatNumber(hosts.length)} hosts` : `all ${formatNumber(hosts.length)}`}</summary>${hosts.join(', ')}</details>`;
  if (compact) return all;
  return html`${hosts[0]} … ${hosts[hosts.length - 1]} <span class="small">(${formatNumber(hosts.length)} hosts)</span>${all}`;
}

/** A `<dl>` of label/value pairs, values already formatted. */
export function definitionList(items: readonly [string, string | SafeHtml][]): SafeHtml {
  return html`<dl class="facts">${items.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}
