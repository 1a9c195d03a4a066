/**
 * Section 2, compute: demand vs capacity for vCPU and RAM over the horizon, Placement
 * inventories per host, flavor fit, and the DISK_GB note.
 */
import type { ComputeHostPlan, ComputePlan, PlanResult, ResourceClass } from '@headroom/core';
import { explainId } from '@headroom/core/explain-ids';
import { html, type SafeHtml } from '../escape.js';
import { formatFactor, formatMemorySize, formatNumber, formatPercent, formatQuantity } from '../format.js';
import { hostList, resourceFigure, toleranceText, withoutText } from './common.js';
import { explained } from './explain.js';
import { heterogeneousCompute, placementUnit } from './compute-hetero.js';

/** The standard classes; Placement's unit of each class is compute-hetero.ts placementUnit (VCPU, MiB, GiB, PCPU, vGPU, ...). */
const CLASSES: readonly ResourceClass[] = ['VCPU', 'MEMORY_MB', 'DISK_GB'];

/** The hosts the tolerated capacity of `rc` removes (its own worst loss, headroom's N+1 policy per class). */
export function removedOf(plan: PlanResult, rc: ResourceClass): readonly string[] {
  return plan.compute.toleratedLosses?.[rc]?.hosts ?? plan.compute.toleratedHostsRemoved;
}

function removedPerClass(plan: PlanResult, classes: readonly ResourceClass[]): (readonly string[])[] {
  return classes.map((rc) => removedOf(plan, rc));
}

function capacityTable(plan: PlanResult): SafeHtml {
  const c = plan.compute;
  const extra = Object.keys({ ...c.totalCapacity, ...c.demandMonth0 }).filter((rc) => !CLASSES.includes(rc as ResourceClass)) as ResourceClass[];
  const classes = [...CLASSES, ...extra].filter((rc) => c.totalCapacity[rc] !== undefined || c.demandMonth0[rc] !== undefined);
  const uniform = removedPerClass(plan, classes).every((r, _i, all) => r.join() === all[0]!.join());
  const without = uniform ? withoutText(removedOf(plan, classes[0] ?? 'VCPU')) : "with each class's worst tolerated loss removed";
  return html`<table>
<caption>Compute capacity (Placement: (total − reserved) × allocation ratio, summed over compute hosts) and month-0 demand.</caption>
<thead><tr><th scope="col">Resource class</th><th scope="col">Month-0 demand</th><th scope="col">Capacity, all hosts</th><th scope="col">Capacity ${without}</th></tr></thead>
<tbody>
${classes.map(
  (rc) =>
    html`<tr${c.bottleneck === rc ? html` class="bottleneck"` : ''}><th scope="row"><code>${rc}</code>${c.bottleneck === rc ? html` <span class="badge sev-warning">limits the mix</span>` : ''}</th><td class="num">${explained(plan, explainId.computeDemand(rc), formatQuantity(c.demandMonth0[rc], placementUnit(rc)))}</td><td class="num">${explained(plan, explainId.computeTotal(rc), formatQuantity(c.totalCapacity[rc], placementUnit(rc)))}</td><td class="num">${explained(plan, explainId.computeTolerated(rc), formatQuantity(c.toleratedCapacity[rc], placementUnit(rc)))}${uniform ? '' : ` (${withoutText(removedOf(plan, rc))})`}</td></tr>\n`,
)}</tbody>
</table>
<div class="para">The month-0 instance mix fits ${explained(plan, explainId.computeMixFit(), html`<strong>${formatNumber(c.mixInstancesFit)}</strong>`)} ${c.mixInstancesFit === 1 ? 'time' : 'times'} over on all compute hosts${
    c.bottleneck ? html`; <code>${c.bottleneck}</code> runs out first` : ''
  }.</div>`;
}

/** Compute hosts with identical hardware, inventories and flavor fit, in plan order. */
interface HostGroup {
  hosts: string[];
  plan: ComputeHostPlan;
}

/** Groups hosts whose Placement records are identical, so 40 equal hypervisors take one row. */
function groupHosts(c: ComputePlan): HostGroup[] {
  const groups = new Map<string, HostGroup>();
  for (const h of c.hosts) {
    const key = JSON.stringify([h.hardware, h.inventories, h.flavorFit]);
    const group = groups.get(key);
    if (group) group.hosts.push(h.host);
    else groups.set(key, { hosts: [h.host], plan: h });
  }
  return [...groups.values()];
}

function placementTable(plan: PlanResult): SafeHtml {
  const c = plan.compute;
  if (c.hosts.length === 0) return html`<p>No compute hosts.</p>`;
  const groups = groupHosts(c);
  return html`<table class="placement">
<caption>Placement inventory of each compute host, as <code>openstack resource provider inventory list</code> shows it (hosts with identical inventories share a row). Units: VCPU count, MEMORY_MB in MiB, DISK_GB in GiB.</caption>
<thead><tr><th scope="col">Hosts</th><th scope="col">Hardware</th><th scope="col">Resource class</th><th scope="col">Total</th><th scope="col">Reserved</th><th scope="col">Allocation ratio</th><th scope="col">Capacity</th><th scope="col">max_unit</th></tr></thead>
<tbody>
${groups.map(({ hosts, plan: h }) =>
  h.inventories.map(
    (inv, i) =>
      html`<tr${i === 0 ? html` class="group-start"` : ''}>${
        i === 0 ? html`<th scope="row" rowspan="${h.inventories.length}">${hostList(hosts)}</th><td rowspan="${h.inventories.length}"><code>${h.hardware}</code></td>` : ''
      }<td><code>${inv.resourceClass}</code></td><td class="num">${formatNumber(inv.total)}</td><td class="num">${formatNumber(inv.reserved)}</td><td class="num">${formatFactor(inv.allocationRatio)}</td><td class="num">${explained(plan, explainId.computeInventory(h.hardware, inv.resourceClass), formatNumber(inv.capacity, Number.isInteger(inv.capacity) ? 0 : 1))}</td><td class="num">${formatNumber(inv.maxUnit)}</td></tr>\n`,
  ),
)}</tbody>
</table>`;
}

function flavorTables(plan: PlanResult): SafeHtml {
  const c = plan.compute;
  const flavors: string[] = [];
  for (const h of c.hosts) for (const f of h.flavorFit) if (!flavors.includes(f.flavor)) flavors.push(f.flavor);
  const defined = Object.values(plan.scenario.openstack.flavors);
  const specs = defined.some((f) => f.extraSpecs !== undefined);
  const definitions =
    defined.length === 0
      ? html``
      : html`<table class="flavors">
<caption>Flavors: a Placement request is VCPU = vCPUs, MEMORY_MB = RAM in MiB, DISK_GB = root disk in GiB.</caption>
<thead><tr><th scope="col">Flavor</th><th scope="col">vCPUs</th><th scope="col">RAM</th><th scope="col">Root disk</th>${specs ? html`<th scope="col">Extra specs</th>` : ''}</tr></thead>
<tbody>
${defined.map(
  (f) =>
    html`<tr><th scope="row">${f.name}</th><td class="num">${formatNumber(f.vcpus)}</td><td class="num">${formatMemorySize(f.ramBytes)}</td><td class="num">${formatMemorySize(f.diskBytes)}</td>${specs ? html`<td>${Object.entries(f.extraSpecs ?? {}).map(([k, v]) => html`<code>${k}=${v}</code> `)}</td>` : ''}</tr>\n`,
)}</tbody>
</table>`;
  if (flavors.length === 0) return definitions;
  return html`${definitions}
<table class="fit">
<caption>Flavor fit: how many instances of one flavor alone fit on a host, and the resource class that limits it.</caption>
<thead><tr><th scope="col">Hosts</th>${flavors.map((f) => html`<th scope="col">${f}</th>`)}</tr></thead>
<tbody>
${groupHosts(c).map(
  ({ hosts, plan: h }) =>
    html`<tr><th scope="row">${hostList(hosts)}</th>${flavors.map((name) => {
      const fit = h.flavorFit.find((f) => f.flavor === name);
      if (!fit) return html`<td>—</td>`;
      if (fit.excludedBy !== undefined) return html`<td>0<br><span class="small">not a candidate: ${fit.excludedBy}</span></td>`;
      if (fit.exceedsMaxUnit)
        return html`<td class="fail-cell"><strong>never</strong><br><span class="small">a request exceeds max_unit of <code>${fit.limitedBy}</code></span></td>`;
      return html`<td class="num">${formatNumber(fit.instances)}<br><span class="small">by <code>${fit.limitedBy}</code></span></td>`;
    })}</tr>\n`,
)}</tbody>
</table>`;
}

/** Section 2: compute (Nova/Placement). */
export async function computeSection(plan: PlanResult): Promise<SafeHtml> {
  const c = plan.compute;
  const removed = c.toleratedHostsRemoved;
  const computeResource = plan.resources.find((r) => r.id.startsWith('compute.'));
  const threshold = computeResource?.threshold ?? plan.scenario.policy.thresholds.compute;
  const vcpu = await resourceFigure(plan, 'compute.vcpu', {
    id: 'chart-compute-vcpu',
    title: 'vCPU: demand and capacity',
    demandName: 'Demand',
    capacityName: 'Capacity',
    yLabel: 'vCPU',
    removed: removedOf(plan, 'VCPU'),
    thresholdName: 'Threshold',
  });
  const ram = await resourceFigure(plan, 'compute.memory', {
    id: 'chart-compute-ram',
    title: 'RAM: demand and capacity',
    demandName: 'Demand',
    capacityName: 'Capacity',
    yLabel: 'RAM',
    removed: removedOf(plan, 'MEMORY_MB'),
    thresholdName: 'Threshold',
  });
  // Local instance disks (ephemeral on the hypervisors) are a third planned compute resource.
  const disk = plan.resources.some((r) => r.id === 'compute.disk')
    ? html`<h3 id="compute-disk">Local disk (DISK_GB) over the horizon</h3>
${await resourceFigure(plan, 'compute.disk', {
  id: 'chart-compute-disk',
  title: 'Local disk: demand and capacity',
  demandName: 'Demand',
  capacityName: 'Capacity',
  yLabel: 'Disk',
  removed: removedOf(plan, 'DISK_GB'),
  thresholdName: 'Threshold',
})}`
    : '';
  return html`<section aria-labelledby="compute">
<h2 id="compute">Compute</h2>
<div class="para">Instance disks: <strong>${c.ephemeralStorage === 'ceph' ? 'on Ceph (RBD)' : 'local to the compute hosts'}</strong>. Tolerated failure: ${toleranceText(plan)}${
    removed.length > 0
      ? removedPerClass(plan, ['VCPU', 'MEMORY_MB']).every((r) => r.join() === removed.join())
        ? html`, modelled by removing <strong>${removed.join(', ')}</strong> (the largest first)`
        : html`, modelled per resource class by removing its own worst loss: VCPU without <strong>${removedOf(plan, 'VCPU').join(', ')}</strong>, MEMORY_MB without <strong>${removedOf(plan, 'MEMORY_MB').join(', ')}</strong>`
      : ''
  }. Compute threshold: ${explained(plan, explainId.resourceThreshold(computeResource?.id ?? 'compute.vcpu'), formatPercent(threshold, 0))} utilisation.</div>
${c.diskNote ? html`<p class="note" id="compute-disk-note"><strong>DISK_GB:</strong> ${c.diskNote}</p>` : ''}
<h3 id="compute-capacity">Capacity and month-0 demand</h3>
${capacityTable(plan)}
<h3 id="compute-vcpu">vCPU over the horizon</h3>
${vcpu}
<h3 id="compute-ram">RAM over the horizon</h3>
${ram}
${disk}
<h3 id="compute-placement">Placement inventory per host</h3>
${placementTable(plan)}
<h3 id="compute-flavors">Flavors and flavor fit</h3>
${flavorTables(plan)}
${await heterogeneousCompute(plan)}
</section>`;
}
