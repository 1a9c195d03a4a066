/**
 * The compute plan: Placement inventories and flavor fit per compute host, fleet totals,
 * tolerated-failure capacity, month-0 demand and the fit of the month-0 flavor mix.
 */
import type { Finding } from '../diagnostics/types.js';
import type { Scenario } from '../model/scenario.js';
import type { ComputeHostPlan, ComputePlan, Host } from '../model/plan.js';
import { fmtNumber } from '../units/format.js';
import { flavorFit, mixFit } from './fit.js';
import { computeInventories, flavorRequest, RESOURCE_CLASSES, RESOURCE_UNIT } from './placement.js';
import { type CapacityVector, hostsRemovedByAnyClass, sumCapacity, toleratedCapacity as toleratedOf, toleratedLosses } from './tolerance.js';

/** What `diskNote` says when instance disks are on Ceph. */
export const CEPH_DISK_NOTE =
  'Instance disks are on Ceph (libvirt images_type=rbd): every compute host reports the whole Ceph cluster as its DISK_GB inventory, ' +
  'so DISK_GB is never added across hypervisors; disk demand is planned against the Ceph pools instead.';

export interface ComputeResult {
  plan: ComputePlan;
  findings: Finding[];
}

/**
 * Month-0 Placement demand of the instance list: Σ count × request per class
 * (VCPU count, MEMORY_MB in MiB, DISK_GB in GiB only when disks are local), and the
 * instance count. Requests from `flavorRequest` (nova/scheduler/utils.py resources_from_flavor).
 * Instances of unknown flavors are skipped (reported by `checkReferences`).
 */
export function computeDemandMonth0(scenario: Scenario): { demand: CapacityVector; instances: number } {
  const demand: CapacityVector = { VCPU: 0, MEMORY_MB: 0 };
  if (scenario.openstack.ephemeralStorage === 'local') demand.DISK_GB = 0;
  let instances = 0;
  for (const inst of scenario.demand.instances) {
    const flavor = Object.hasOwn(scenario.openstack.flavors, inst.flavor) ? scenario.openstack.flavors[inst.flavor] : undefined;
    if (!flavor) continue;
    instances += inst.count;
    const req = flavorRequest(flavor, scenario.openstack.ephemeralStorage);
    for (const rc of RESOURCE_CLASSES) {
      if (demand[rc] !== undefined) demand[rc] = (demand[rc] ?? 0) + inst.count * (req[rc] ?? 0);
    }
  }
  return { demand, instances };
}

/**
 * Builds the ComputePlan from the expanded hosts.
 * - per host: `computeInventories` and `flavorFit` for every flavor of the scenario;
 * - totalCapacity[rc] = Σ over compute hosts of capacity (DISK_GB only with local disks);
 * - toleratedCapacity[rc]: total[rc] less the worst tolerated loss of rc (`toleratedLosses`:
 *   headroom's N+1 policy per resource class: the N hosts, racks or zones holding the most rc);
 * - mixInstancesFit / bottleneck: `mixFit` of the month-0 demand.
 * Findings: `compute.no_hosts` (error) when instances are demanded but there is no compute
 * host; `compute.flavor.exceeds_max_unit` (error) per flavor and compute hardware model where
 * a request exceeds max_unit; `compute.reserved_exceeds_total` (error) per hardware model and
 * class where the reserved amount exceeds the total (capacity clamped to 0).
 */
export function planCompute(scenario: Scenario, hosts: readonly Host[]): ComputeResult {
  const findings: Finding[] = [];
  const { openstack } = scenario;
  const flavors = Object.values(openstack.flavors);
  const computeHosts = hosts.filter((h) => h.role === 'compute' && Object.hasOwn(scenario.hardware, h.hardware));

  const hostPlans: ComputeHostPlan[] = computeHosts.map((h) => {
    const inventories = computeInventories(scenario.hardware[h.hardware]!, openstack);
    return {
      host: h.name,
      hardware: h.hardware,
      inventories,
      flavorFit: flavors.map((f) => flavorFit(f.name, flavorRequest(f, openstack.ephemeralStorage), inventories)),
    };
  });

  // Per-hardware-model findings (one per model, not per host).
  const seenModels = new Set<string>();
  for (const hp of hostPlans) {
    if (seenModels.has(hp.hardware)) continue;
    seenModels.add(hp.hardware);
    for (const inv of hp.inventories) {
      if (inv.reserved > inv.total) {
        const unit = RESOURCE_UNIT[inv.resourceClass];
        findings.push({
          code: 'compute.reserved_exceeds_total',
          severity: 'error',
          subject: `hardware ${hp.hardware}`,
          message: `${inv.resourceClass} reserved ${fmtNumber(inv.reserved)} ${unit} exceeds the total ${fmtNumber(inv.total)} ${unit} of one ${hp.hardware} host: capacity is 0`,
          value: inv.reserved,
          limit: inv.total,
          unit,
          source: 'Nova reserved_host_memory_mb / reserved_host_cpus / reserved_host_disk_mb; Placement capacity = (total - reserved) x allocation_ratio',
        });
      }
    }
    for (const fit of hp.flavorFit) {
      if (!fit.exceedsMaxUnit) continue;
      const rc = fit.limitedBy;
      const flavor = openstack.flavors[fit.flavor];
      const amount = flavor ? (flavorRequest(flavor, openstack.ephemeralStorage)[rc] ?? 0) : 0;
      const maxUnit = hp.inventories.find((i) => i.resourceClass === rc)?.maxUnit ?? 0;
      const unit = RESOURCE_UNIT[rc];
      findings.push({
        code: 'compute.flavor.exceeds_max_unit',
        severity: 'error',
        subject: `flavor ${fit.flavor} / hardware ${hp.hardware}`,
        message: `flavor ${fit.flavor} requests ${fmtNumber(amount)} ${unit} of ${rc} but one ${hp.hardware} host offers at most ${fmtNumber(maxUnit)} ${unit} (max_unit = total): it can never be scheduled there`,
        value: amount,
        limit: maxUnit,
        unit,
        source: 'Placement: an allocation must be <= max_unit; Nova sets max_unit = total (nova/virt/libvirt/driver.py update_provider_tree)',
      });
    }
  }

  const capacityOf = (hp: ComputeHostPlan): CapacityVector => {
    const v: CapacityVector = {};
    for (const inv of hp.inventories) v[inv.resourceClass] = inv.capacity;
    return v;
  };
  const emptyTotal: CapacityVector = { VCPU: 0, MEMORY_MB: 0 };
  if (openstack.ephemeralStorage === 'local') emptyTotal.DISK_GB = 0;
  const totalCapacity = { ...emptyTotal, ...sumCapacity(hostPlans.map(capacityOf)) };

  const byName = new Map(computeHosts.map((h) => [h.name, h]));
  const capacities = hostPlans.map((hp) => {
    const h = byName.get(hp.host);
    return { host: hp.host, rack: h?.rack ?? '', ...(h?.zone !== undefined ? { zone: h.zone } : {}), capacity: capacityOf(hp) };
  });
  const losses = toleratedLosses(capacities, scenario.policy.tolerate);
  const toleratedCapacity = { ...emptyTotal, ...toleratedOf(capacities, losses) };
  const removed = hostsRemovedByAnyClass(capacities, losses);

  const { demand, instances } = computeDemandMonth0(scenario);
  const mix = mixFit(totalCapacity, demand, instances);

  if (instances > 0 && hostPlans.length === 0) {
    findings.push({
      code: 'compute.no_hosts',
      severity: 'error',
      subject: 'role compute',
      message: `${fmtNumber(instances)} instances are demanded but the plan has no compute host`,
      value: instances,
      limit: 0,
      unit: 'instances',
      source: 'headroom: instances need compute hosts (Placement resource providers)',
    });
  }

  const plan: ComputePlan = {
    ephemeralStorage: openstack.ephemeralStorage,
    hosts: hostPlans,
    totalCapacity,
    toleratedCapacity,
    toleratedLosses: losses,
    toleratedHostsRemoved: removed,
    demandMonth0: demand,
    mixInstancesFit: mix.mixInstancesFit,
    bottleneck: mix.bottleneck,
  };
  if (openstack.ephemeralStorage === 'ceph') plan.diskNote = CEPH_DISK_NOTE;
  return { plan, findings };
}

