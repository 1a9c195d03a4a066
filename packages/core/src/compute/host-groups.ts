/**
 * Host groups: the sets of compute hosts that part of the demand is confined to, by an
 * availability zone, an aggregate, a trait, a resource class only some hosts offer (PCPU,
 * VGPU) or NUMA cells too small elsewhere. Each group gets its own capacity, tolerated
 * capacity (N+1 inside the group), demand and so its own runway.
 *
 * [model] A demand line (flavor, zone) can run on its candidate hosts: those where
 * fit.ts `hostFlavorFit` places at least one instance, in its availability zone when it
 * names one. A line whose candidates are the whole compute fleet needs no group. For every
 * other candidate set S, the group S holds the demand of every line whose candidates lie
 * within S: that demand has nowhere else to go, so S must carry it (a necessary condition,
 * like Hall's: demand that may also use S, from lines with wider candidates, is counted in the
 * fleet-wide resources, not here). Losses: compute/tolerance.ts `toleratedLosses` over the
 * group's hosts, so N+1 holds per group (per zone, per aggregate).
 * Source: Nova AvailabilityZoneFilter (the instance's zone), AggregateInstanceExtraSpecsFilter,
 * Placement required traits and resource classes, NUMATopologyFilter; headroom [model] for the
 * grouping.
 */
import type { Aggregate } from '../model/host-compute.js';
import type { ComputeGroupPlan, ResourceClass } from '../model/plan.js';
import type { Scenario } from '../model/scenario.js';
import { aggregatesMatch } from './fit.js';
import type { FlavorPlacementRequest } from './extra-specs.js';
import { orderClasses, RESOURCE_CLASSES } from './placement.js';
import { type CapacityVector, type ComputeHostCapacity, sumCapacity, toleratedCapacity, toleratedLosses } from './tolerance.js';

/** One compute host as the grouping sees it. */
export interface GroupHost extends ComputeHostCapacity {
  /** Instances of each flavor (by name) that fit on the empty host (0: not a candidate). */
  fits: ReadonlyMap<string, number>;
}

/** What describes a demand line's candidate set, for the group's label. */
function describe(zone: string | undefined, request: FlavorPlacementRequest, aggregates: Readonly<Record<string, Aggregate>>, flavor: string): string {
  const parts: string[] = [];
  if (zone !== undefined) parts.push(`zone ${zone}`);
  if (Object.keys(request.aggregateMetadata).length > 0) {
    const names = Object.keys(aggregates).filter((a) => aggregatesMatch(request.aggregateMetadata, [a], aggregates));
    parts.push(names.length > 0 ? `aggregate ${names.join('|')}` : 'no aggregate');
  }
  for (const t of request.requiredTraits) parts.push(`trait ${t}`);
  // the classes only some hosts offer, when no aggregate or trait already names the hosts
  if (parts.length === (zone !== undefined ? 1 : 0)) {
    for (const rc of orderClasses(Object.keys(request.resources))) if (!RESOURCE_CLASSES.includes(rc)) parts.push(`${rc} hosts`);
  }
  if (parts.length === 0) parts.push(`hosts that fit ${flavor}`);
  return parts.join(', ');
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The host groups of a fleet (ComputePlan.groups), in order of the first demand line that
 * makes each; [] when every line can run anywhere. `requests` are the flavors' requests
 * (extra-specs.ts translateFlavor), `tolerate` the policy.
 */
export function computeGroups(scenario: Scenario, hosts: readonly GroupHost[], requests: ReadonlyMap<string, FlavorPlacementRequest>): ComputeGroupPlan[] {
  const aggregates = scenario.openstack.aggregates ?? {};
  // demand lines merged by (flavor, zone), in first-appearance order
  const lines = new Map<string, { flavor: string; zone?: string; count: number; indices: number[] }>();
  scenario.demand.instances.forEach((inst, index) => {
    if (!requests.has(inst.flavor)) return;
    const key = `${inst.flavor}\u0000${inst.availabilityZone ?? ''}`;
    const l = lines.get(key) ?? { flavor: inst.flavor, ...(inst.availabilityZone !== undefined ? { zone: inst.availabilityZone } : {}), count: 0, indices: [] };
    l.count += inst.count;
    l.indices.push(index);
    lines.set(key, l);
  });
  // each line's candidate hosts, as ascending host indices
  const entities = [...lines.values()].map((l) => {
    const set: number[] = [];
    for (let i = 0; i < hosts.length; i++) {
      const h = hosts[i]!;
      if ((h.fits.get(l.flavor) ?? 0) > 0 && (l.zone === undefined || h.zone === l.zone)) set.push(i);
    }
    return { ...l, set, label: describe(l.zone, requests.get(l.flavor)!, aggregates, l.flavor) };
  });
  const out: ComputeGroupPlan[] = [];
  // candidate sets already grouped; ascending index lists are the same set when they are equal one by one
  const seen: number[][] = [];
  const ids = new Set<string>();
  for (const e of entities) {
    // the whole fleet (every index, in order) needs no group
    if (e.set.length === 0 || e.set.length === hosts.length || seen.some((s) => sameIndices(s, e.set))) continue;
    seen.push(e.set);
    const members = new Set(e.set);
    const within = entities.filter((o) => o.set.length > 0 && o.set.every((i) => members.has(i)));
    const demand: CapacityVector = {};
    for (const o of within) {
      for (const [rc, amount] of Object.entries(requests.get(o.flavor)!.resources)) demand[rc as ResourceClass] = (demand[rc as ResourceClass] ?? 0) + o.count * (amount ?? 0);
    }
    const groupHosts = e.set.map((i) => hosts[i]!);
    const losses = toleratedLosses(groupHosts, scenario.policy.tolerate);
    let id = slug(e.label) || 'group';
    for (let n = 2; ids.has(id); n++) id = `${slug(e.label)}-${n}`;
    ids.add(id);
    const ordered: CapacityVector = {};
    for (const rc of orderClasses(Object.keys(demand))) ordered[rc] = demand[rc]!;
    out.push({
      id,
      label: e.label,
      hosts: groupHosts.map((h) => h.host),
      flavors: [...new Set(within.map((o) => o.flavor))],
      demandLines: within.flatMap((o) => o.indices).sort((a, b) => a - b),
      totalCapacity: sumCapacity(groupHosts.map((h) => h.capacity)),
      toleratedCapacity: toleratedCapacity(groupHosts, losses),
      toleratedLosses: losses,
      demandMonth0: ordered,
    });
  }
  return out;
}

/** Two lists of host indices, equal one by one. */
function sameIndices(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
