/**
 * The Placement capacity of a fleet without the rest of the compute plan: the totals, the
 * tolerated capacity and the host groups that planCompute computes (same calls: hostOffer per
 * host, summed; toleratedLosses per resource class for the tolerated failures;
 * computeDemandMonth0; computeGroups over the flavor fit of each host), without the per-host
 * plans and the findings. For the procurement capacity curves, which evaluate many fleets.
 * A host's offer is a function of its hardware model and aggregates (and the openstack
 * section), so the flavor fit is computed once per (model, aggregates). Source: compute-plan.ts.
 */
import type { Scenario } from '../model/scenario.js';
import type { ComputePlan, Host } from '../model/plan.js';
import { computeDemandMonth0, flavorRequests } from './compute-plan.js';
import { hostFlavorFit } from './fit.js';
import { computeGroups, type GroupHost } from './host-groups.js';
import { hostOffer, usesHeterogeneousCompute } from './host-offer.js';
import { type CapacityVector, sumCapacity, toleratedCapacity as toleratedOf, toleratedLosses } from './tolerance.js';

/** ComputePlan's ephemeralStorage, totalCapacity, toleratedCapacity, demandMonth0 and groups (what resourceSeries reads), for `hosts`. */
export function computeCapacity(
  scenario: Scenario,
  hosts: readonly Host[],
): Pick<ComputePlan, 'ephemeralStorage' | 'totalCapacity' | 'toleratedCapacity' | 'demandMonth0' | 'groups'> {
  const { openstack } = scenario;
  const hetero = usesHeterogeneousCompute(scenario);
  const requests = flavorRequests(scenario);
  const cache = new Map();
  const fitsByKey = new Map<string, Map<string, number>>();
  const limits = { cpuAllocationRatio: openstack.allocationRatio.cpu, ramAllocationRatio: openstack.allocationRatio.ram };
  const computeHosts = hosts.filter((h) => h.role === 'compute' && Object.hasOwn(scenario.hardware, h.hardware));
  const caps: GroupHost[] = computeHosts.map((h) => {
    const offer = hostOffer(scenario, h, cache);
    let fits: Map<string, number> = new Map();
    if (hetero) {
      const key = `${h.hardware}\u0000${(h.aggregates ?? []).join(',')}`;
      fits = fitsByKey.get(key) ?? new Map([...requests].map(([name, req]) => [name, hostFlavorFit(name, req, offer, openstack.aggregates ?? {}, limits).instances]));
      fitsByKey.set(key, fits);
    }
    return { host: h.name, rack: h.rack, ...(h.zone !== undefined ? { zone: h.zone } : {}), capacity: offer.capacity, fits };
  });
  const emptyTotal: CapacityVector = { VCPU: 0, MEMORY_MB: 0 };
  if (openstack.ephemeralStorage === 'local') emptyTotal.DISK_GB = 0;
  const totalCapacity = { ...emptyTotal, ...sumCapacity(caps.map((c) => c.capacity)) };
  const toleratedCapacity = { ...emptyTotal, ...toleratedOf(caps, toleratedLosses(caps, scenario.policy.tolerate)) };
  const groups = hetero ? computeGroups(scenario, caps, requests) : [];
  return {
    ephemeralStorage: openstack.ephemeralStorage,
    totalCapacity,
    toleratedCapacity,
    demandMonth0: computeDemandMonth0(scenario, requests).demand,
    ...(groups.length > 0 ? { groups } : {}),
  };
}
