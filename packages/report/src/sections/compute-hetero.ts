/**
 * Section 2, compute, the heterogeneous part (shown only when the plan has it): traits,
 * aggregates and NUMA cells per host, the nested GPU / PCI providers, and the host groups
 * with their own capacity, N+1 and demand. Every figure is read from the PlanResult.
 */
import type { ComputePlan, PlanResult, ResourceClass } from '@headroom/core';
import { html, type SafeHtml } from '../escape.js';
import { formatMemorySize, formatNumber, formatQuantity } from '../format.js';
import { hostList, resourceFigure } from './common.js';
import { explained } from './explain.js';

/** The unit formatQuantity shows for a class: VCPU, MiB, GiB, else the class's own unit. */
export function placementUnit(rc: ResourceClass): string {
  return ({ VCPU: 'VCPU', MEMORY_MB: 'MiB', DISK_GB: 'GiB', PCPU: 'PCPU', VGPU: 'vGPU', PGPU: 'GPU' } as Record<string, string>)[rc] ?? rc;
}

/** Hosts with the same hardware, traits, aggregates, cells and providers (by inventory) share a row. */
function hostRows(c: ComputePlan): { hosts: string[]; h: ComputePlan['hosts'][number] }[] {
  const rows = new Map<string, { hosts: string[]; h: ComputePlan['hosts'][number] }>();
  for (const h of c.hosts) {
    const key = JSON.stringify([h.hardware, h.traits, h.aggregates, h.numaCells, (h.providers ?? []).map((p) => [p.device, p.inventory])]);
    const row = rows.get(key);
    if (row) row.hosts.push(h.host);
    else rows.set(key, { hosts: [h.host], h });
  }
  return [...rows.values()];
}

function hostTable(c: ComputePlan): SafeHtml {
  return html`<table class="hetero-hosts">
<caption>Traits, aggregates, NUMA cells (shared CPUs / dedicated CPUs / memory / huge pages per cell, as the NUMATopologyFilter sees them) and nested device providers of each compute host.</caption>
<thead><tr><th scope="col">Hosts</th><th scope="col">Hardware</th><th scope="col">Traits</th><th scope="col">Aggregates</th><th scope="col">NUMA cells</th><th scope="col">Nested providers</th></tr></thead>
<tbody>
${hostRows(c).map(({ hosts, h }) => {
  const cells = (h.numaCells ?? []).map(
    (cell) =>
      `${cell.id}: ${formatNumber(cell.sharedCpus)} shared / ${formatNumber(cell.dedicatedCpus)} dedicated CPUs, ${formatMemorySize(cell.memoryMib * 2 ** 20)}${cell.hugePages ? `, ${formatNumber(cell.hugePages.count)} × ${formatMemorySize(cell.hugePages.sizeKib * 1024)} pages` : ''}`,
  );
  const devices = new Map<string, { n: number; inv: NonNullable<typeof h.providers>[number]['inventory'] }>();
  for (const p of h.providers ?? []) devices.set(p.device, { n: (devices.get(p.device)?.n ?? 0) + 1, inv: p.inventory });
  const providers = [...devices].map(([d, { n, inv }]) => `${formatNumber(n)} × ${d} (${formatNumber(inv.total)} ${inv.resourceClass} each)`);
  return html`<tr><th scope="row">${hostList(hosts)}</th><td><code>${h.hardware}</code></td><td>${(h.traits ?? []).join(', ') || '—'}</td><td>${(h.aggregates ?? []).join(', ') || '—'}</td><td>${cells.join('; ') || '—'}</td><td>${providers.join('; ') || '—'}</td></tr>\n`;
})}</tbody>
</table>`;
}

function groupTable(plan: PlanResult): SafeHtml {
  const groups = plan.compute.groups ?? [];
  if (groups.length === 0) return html`<p>Every instance can run on every compute host: no host group.</p>`;
  return html`<table class="host-groups">
<caption>Host groups: the hosts that part of the demand can only run on (its zone, aggregate, traits, PCPU or device classes, NUMA cells), with the demand confined to them and their capacity with the group's own worst tolerated loss removed (N+1 per group).</caption>
<thead><tr><th scope="col">Group</th><th scope="col">Hosts</th><th scope="col">Flavors</th><th scope="col">Resource class</th><th scope="col">Month-0 demand</th><th scope="col">Capacity, all hosts</th><th scope="col">Capacity after the tolerated loss</th></tr></thead>
<tbody>
${groups.flatMap((g) => {
  const classes = Object.keys(g.demandMonth0) as ResourceClass[];
  return classes.map((rc, i) => {
    const id = `compute.group.${g.id}.${rc.toLowerCase()}`;
    const unit = placementUnit(rc);
    return html`<tr${i === 0 ? html` class="group-start"` : ''}>${i === 0 ? html`<th scope="row" rowspan="${classes.length}">${g.label}</th><td rowspan="${classes.length}">${hostList(g.hosts)}</td><td rowspan="${classes.length}">${g.flavors.join(', ')}</td>` : ''}<td><code>${rc}</code></td><td class="num">${explained(plan, `${id}.demand`, formatQuantity(g.demandMonth0[rc], unit))}</td><td class="num">${explained(plan, `${id}.capacity`, formatQuantity(g.totalCapacity[rc], unit))}</td><td class="num">${explained(plan, `${id}.tolerated`, formatQuantity(g.toleratedCapacity[rc], unit))}</td></tr>\n`;
  });
})}</tbody>
</table>`;
}

/** Charts of the fleet-wide classes beyond VCPU, MEMORY_MB and DISK_GB (compute.pcpu, compute.vgpu, compute.custom_...). */
async function classCharts(plan: PlanResult): Promise<SafeHtml[]> {
  const standard = new Set(['compute.vcpu', 'compute.memory', 'compute.disk']);
  const ids = plan.resources.filter((r) => r.id.startsWith('compute.') && !r.id.startsWith('compute.group.') && !standard.has(r.id));
  const out: SafeHtml[] = [];
  for (const r of ids) {
    const rc = r.id.slice('compute.'.length).toUpperCase() as ResourceClass;
    out.push(html`<h3 id="${`compute-${rc.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`}">${r.label} over the horizon</h3>
${await resourceFigure(plan, r.id, { id: `chart-${r.id.replace(/[^a-z0-9]+/g, '-')}`, title: `${rc}: demand and capacity`, demandName: 'Demand', capacityName: 'Capacity', yLabel: r.unit, removed: plan.compute.toleratedLosses?.[rc]?.hosts ?? [], thresholdName: 'Threshold' })}`);
  }
  return out;
}

/** The heterogeneous compute subsections, or nothing when the plan has no traits, cells, providers or groups. */
export async function heterogeneousCompute(plan: PlanResult): Promise<SafeHtml> {
  const c = plan.compute;
  if (!c.hosts.some((h) => h.numaCells !== undefined) && (c.groups ?? []).length === 0) return html``;
  return html`${await classCharts(plan)}
<h3 id="compute-hetero">Traits, aggregates, NUMA cells and devices</h3>
${hostTable(c)}
<h3 id="compute-groups">Host groups (availability zones, aggregates, pinned and GPU hosts)</h3>
${groupTable(plan)}`;
}
