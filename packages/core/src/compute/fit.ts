/**
 * How many instances fit: one flavor on one host (Placement arithmetic), and the month-0
 * flavor mix on the whole compute fleet (headroom's summary figure).
 */
import type { Aggregate } from '../model/host-compute.js';
import type { FlavorFit, NestedProvider, NumaCellPlan, PlacementInventory, ResourceClass } from '../model/plan.js';
import type { FlavorPlacementRequest } from './extra-specs.js';
import { numaFitCount } from './numa.js';
import { orderClasses, RESOURCE_CLASSES } from './placement.js';

/**
 * Instances of one flavor alone that fit on one empty host:
 *   instances = min over requested classes of floor(capacity / request),
 *   and 0 when any request > max_unit (Placement refuses it whatever the free capacity).
 * Units: request and inventory share the class unit (VCPU, MiB, GiB); result is a count.
 * Source: placement/objects/allocation.py (`_check_capacity_exceeded`: used + amount must
 * not exceed (total − reserved) × allocation_ratio; amount must be within min_unit..max_unit).
 * `limitedBy`: the class with the smallest quotient (first in VCPU, MEMORY_MB, DISK_GB order
 * on ties), or the first class whose request exceeds max_unit. A class requested but absent
 * from the inventories fits 0 times.
 *
 * Worked example (reference §1): VCPU capacity 512, MEMORY_MB capacity 520,192;
 * flavor 8 vCPU / 32,768 MiB -> min(512/8 = 64, floor(520,192/32,768) = 15) = 15, MEMORY_MB.
 */
export function flavorFit(flavor: string, request: Partial<Record<ResourceClass, number>>, inventories: readonly PlacementInventory[]): FlavorFit {
  let instances = Number.POSITIVE_INFINITY;
  let limitedBy: ResourceClass = 'VCPU';
  for (const rc of RESOURCE_CLASSES) {
    const amount = request[rc];
    if (amount === undefined || amount <= 0) continue;
    const inv = inventories.find((i) => i.resourceClass === rc);
    if (!inv || amount > inv.maxUnit) {
      return { flavor, instances: 0, limitedBy: rc, exceedsMaxUnit: true };
    }
    const n = Math.floor(inv.capacity / amount);
    if (n < instances) {
      instances = n;
      limitedBy = rc;
    }
  }
  return { flavor, instances: Number.isFinite(instances) ? instances : 0, limitedBy, exceedsMaxUnit: false };
}

/** What a compute host offers a flavor: root inventories, nested device providers, traits, aggregates, NUMA cells. */
export interface HostOffer {
  inventories: readonly PlacementInventory[];
  providers?: readonly NestedProvider[];
  traits?: readonly string[];
  aggregates?: readonly string[];
  cells?: readonly NumaCellPlan[];
}

/** The allocation ratios the NUMATopologyFilter applies to shared guest cells (its `limits`). */
export interface NumaLimits {
  cpuAllocationRatio: number;
  ramAllocationRatio: number;
}

/**
 * True when the host's aggregates carry every `aggregate_instance_extra_specs:<key>=<value>`
 * of the flavor: for each key, some aggregate of the host has metadata key = value
 * (nova/scheduler/filters/aggregate_instance_extra_specs.py: the values of a key over the
 * host's aggregates, any one matching; headroom compares strings exactly, without the
 * filter's `<in>`, `<or>`, `s==` operators). A flavor without such keys passes.
 */
export function aggregatesMatch(metadata: Readonly<Record<string, string>>, hostAggregates: readonly string[], aggregates: Readonly<Record<string, Aggregate>>): boolean {
  return Object.entries(metadata).every(([key, value]) => hostAggregates.some((a) => Object.hasOwn(aggregates, a) && aggregates[a]!.metadata[key] === value));
}

/**
 * Instances of one flavor alone that fit on one empty host, with its extra specs:
 * 1. not a candidate (0, limitedBy TRAIT or AGGREGATE, `excludedBy` says why) when a
 *    required trait is missing or a forbidden one present on the compute node (Placement
 *    `required` / `forbidden` traits, placement/objects/research_context.py), or the host's
 *    aggregates do not match the flavor's aggregate_instance_extra_specs (aggregatesMatch);
 * 2. per requested class: on the compute node, floor(capacity / request) and request <=
 *    max_unit (as flavorFit); on nested providers (VGPU, PGPU, CUSTOM_*), each provider
 *    holds floor(capacity / request) instances, summed: one class of one request group
 *    comes from a single provider (Placement never splits an amount; granular request
 *    groups, placement doc "Granular Resource Request Syntax"); no provider with
 *    max_unit >= request -> exceedsMaxUnit. A class the host has no inventory of at all
 *    makes it no candidate (0, limitedBy the class, excludedBy "no <CLASS> inventory");
 * 3. a flavor with a NUMA topology: also at most numaFitCount of the host's cells
 *    (numa.ts), limitedBy NUMA_CELL when that is lower. Min of the two bounds: Placement's
 *    totals and the cells are checked separately, as Nova does (Placement first, then the
 *    NUMATopologyFilter).
 * Example (issue 19): 48 PCPU (24 per cell), flavor 8 vCPU dedicated: Placement 48 / 8 = 6,
 * cells 3 + 3 = 6 -> 6 (not 24 as VCPU 16 × 4 / 8 + ... would suggest for a shared flavor).
 */
export function hostFlavorFit(flavor: string, request: FlavorPlacementRequest, host: HostOffer, aggregates: Readonly<Record<string, Aggregate>>, limits: NumaLimits): FlavorFit {
  const traits = new Set(host.traits ?? []);
  for (const t of request.requiredTraits) if (!traits.has(t)) return { flavor, instances: 0, limitedBy: 'TRAIT', exceedsMaxUnit: false, excludedBy: `trait ${t} required` };
  for (const t of request.forbiddenTraits) if (traits.has(t)) return { flavor, instances: 0, limitedBy: 'TRAIT', exceedsMaxUnit: false, excludedBy: `trait ${t} forbidden` };
  if (!aggregatesMatch(request.aggregateMetadata, host.aggregates ?? [], aggregates)) {
    const keys = Object.entries(request.aggregateMetadata)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return { flavor, instances: 0, limitedBy: 'AGGREGATE', exceedsMaxUnit: false, excludedBy: `no aggregate of the host has ${keys}` };
  }
  let instances = Number.POSITIVE_INFINITY;
  let limitedBy: FlavorFit['limitedBy'] = 'VCPU';
  for (const rc of orderClasses(Object.keys(request.resources))) {
    const amount = request.resources[rc] ?? 0;
    if (amount <= 0) continue;
    const inv = host.inventories.find((i) => i.resourceClass === rc);
    let n: number;
    if (inv) {
      if (amount > inv.maxUnit) return { flavor, instances: 0, limitedBy: rc, exceedsMaxUnit: true };
      n = Math.floor(inv.capacity / amount);
    } else {
      const providers = (host.providers ?? []).filter((p) => p.inventory.resourceClass === rc);
      if (providers.length === 0) return { flavor, instances: 0, limitedBy: rc, exceedsMaxUnit: false, excludedBy: `no ${rc} inventory` };
      const usable = providers.filter((p) => amount <= p.inventory.maxUnit);
      if (usable.length === 0) return { flavor, instances: 0, limitedBy: rc, exceedsMaxUnit: true };
      n = usable.reduce((sum, p) => sum + Math.floor(p.inventory.capacity / amount), 0);
    }
    if (n < instances) {
      instances = n;
      limitedBy = rc;
    }
  }
  if (!Number.isFinite(instances)) instances = 0;
  if (request.numa && host.cells && host.cells.length > 0) {
    const n = numaFitCount(host.cells, request.numa, limits.cpuAllocationRatio, limits.ramAllocationRatio);
    if (n < instances) {
      instances = n;
      limitedBy = 'NUMA_CELL';
    }
  }
  return { flavor, instances, limitedBy, exceedsMaxUnit: false };
}

/**
 * Copies of the month-0 flavor mix that fit in the summed capacity of the compute hosts:
 *   perInstance[rc] = demandMonth0[rc] / instanceCount   (the average instance of the mix)
 *   mixInstancesFit = floor(min over classes with demand of totalCapacity[rc] / perInstance[rc])
 * The bottleneck is the class reaching that minimum (first in VCPU, MEMORY_MB, DISK_GB order
 * on ties). Summing capacity over hosts ignores bin-packing losses: an upper bound.
 * Returns 0 and bottleneck null when there is no demand. Source: headroom [model].
 */
export function mixFit(
  totalCapacity: Partial<Record<ResourceClass, number>>,
  demandMonth0: Partial<Record<ResourceClass, number>>,
  instanceCount: number,
): { mixInstancesFit: number; bottleneck: ResourceClass | null } {
  if (!(instanceCount > 0)) return { mixInstancesFit: 0, bottleneck: null };
  let best = Number.POSITIVE_INFINITY;
  let bottleneck: ResourceClass | null = null;
  for (const rc of orderClasses([...RESOURCE_CLASSES, ...Object.keys(demandMonth0)])) {
    const demand = demandMonth0[rc];
    if (demand === undefined || demand <= 0) continue;
    const perInstance = demand / instanceCount;
    const fits = (totalCapacity[rc] ?? 0) / perInstance;
    if (fits < best) {
      best = fits;
      bottleneck = rc;
    }
  }
  if (bottleneck === null) return { mixInstancesFit: 0, bottleneck: null };
  return { mixInstancesFit: Math.floor(best), bottleneck };
}
