/**
 * How many instances fit: one flavor on one host (Placement arithmetic), and the month-0
 * flavor mix on the whole compute fleet (headroom's summary figure).
 */
import type { FlavorFit, PlacementInventory, ResourceClass } from '../model/plan.js';
import { RESOURCE_CLASSES } from './placement.js';

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
export function flavorFit(
  flavor: string,
  request: Partial<Record<ResourceClass, number>>,
  inventories: readonly PlacementInventory[],
): FlavorFit {
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
  for (const rc of RESOURCE_CLASSES) {
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
