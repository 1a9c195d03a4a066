/**
 * The Placement capacity of a fleet without the rest of the compute plan: the totals and the
 * tolerated capacity that planCompute computes (same calls: computeInventories per host,
 * summed; toleratedLosses per resource class for the tolerated failures; computeDemandMonth0), without the
 * flavor fit per host, the mix fit and the findings. For the procurement capacity curves,
 * which evaluate many fleets. computeInventories is a function of the hardware model and the
 * openstack section only, so it is computed once per model. Source: compute-plan.ts.
 */
import type { Scenario } from '../model/scenario.js';
import type { ComputePlan, Host } from '../model/plan.js';
import { computeDemandMonth0 } from './compute-plan.js';
import { computeInventories } from './placement.js';
import { type CapacityVector, sumCapacity, toleratedCapacity as toleratedOf, toleratedLosses } from './tolerance.js';

/** ComputePlan's ephemeralStorage, totalCapacity, toleratedCapacity and demandMonth0 (what resourceSeries reads), for `hosts`. */
export function computeCapacity(scenario: Scenario, hosts: readonly Host[]): Pick<ComputePlan, 'ephemeralStorage' | 'totalCapacity' | 'toleratedCapacity' | 'demandMonth0'> {
  const { openstack } = scenario;
  const byModel = new Map<string, CapacityVector>();
  const capacityOfModel = (hardware: string): CapacityVector => {
    let v = byModel.get(hardware);
    if (!v) {
      v = {};
      for (const inv of computeInventories(scenario.hardware[hardware]!, openstack)) v[inv.resourceClass] = inv.capacity;
      byModel.set(hardware, v);
    }
    return v;
  };
  const computeHosts = hosts.filter((h) => h.role === 'compute' && Object.hasOwn(scenario.hardware, h.hardware));
  const caps = computeHosts.map((h) => ({ host: h.name, rack: h.rack, ...(h.zone !== undefined ? { zone: h.zone } : {}), capacity: capacityOfModel(h.hardware) }));
  const emptyTotal: CapacityVector = { VCPU: 0, MEMORY_MB: 0 };
  if (openstack.ephemeralStorage === 'local') emptyTotal.DISK_GB = 0;
  const totalCapacity = { ...emptyTotal, ...sumCapacity(caps.map((c) => c.capacity)) };
  const toleratedCapacity = { ...emptyTotal, ...toleratedOf(caps, toleratedLosses(caps, scenario.policy.tolerate)) };
  return { ephemeralStorage: openstack.ephemeralStorage, totalCapacity, toleratedCapacity, demandMonth0: computeDemandMonth0(scenario).demand };
}
