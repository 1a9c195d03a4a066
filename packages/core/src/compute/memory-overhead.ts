/**
 * Memory that libvirt does not give to guests: each running instance costs its host memory
 * beyond the flavor's RAM (the QEMU process, its device emulation, page tables, I/O
 * buffers). Placement does not count it: an instance's MEMORY_MB allocation is the flavor's
 * memory_mb (nova/scheduler/utils.py resources_from_flavor), and the only room the host keeps
 * for anything else is MEMORY_MB.reserved = reserved_host_memory_mb (nova/conf/compute.py,
 * default 512). So the honest model is a check on the reservation, not more demand.
 */
import { demandModel } from '../forecast/demand.js';
import type { Finding } from '../diagnostics/types.js';
import { growthFactor, monthLabel } from '../forecast/growth.js';
import type { Scenario } from '../model/scenario.js';
import { fmtGiB, fmtNumber } from '../units/format.js';

const MIB = 2 ** 20;

/**
 * Default per-instance memory overhead: 512 MiB (0.5 GiB), headroom's estimate from Red Hat's
 * planning figure of 0.5 GB of hypervisor overhead per guest, which Red Hat tells operators to
 * add to reserved_host_memory_mb (Red Hat Hyperconverged Infrastructure for Cloud 13,
 * Deployment Guide, Appendix E "Tuning the Nova reserved memory": "Assuming this overhead is
 * 500MB"; RHOSP 13 NFV Planning Guide, example nova file: "0.5 GB overhead per VM"; RHOSP 16.2
 * "Configuring the Compute service for instance creation" §2.2, Calculating reserved host
 * memory: reserve the emulator overhead of every instance). Measured QEMU overhead is usually
 * lower for small guests (tens to a few hundred MiB; OpenShift Virtualization sizes it as
 * 218 MiB + 8 MiB per vCPU + 0.2 % of the guest memory), so 512 MiB errs on the safe side.
 */
export const DEFAULT_INSTANCE_MEMORY_OVERHEAD_BYTES = 512 * MIB;

const SOURCE =
  'Placement counts only the flavor RAM (nova/scheduler/utils.py resources_from_flavor); the per-guest QEMU/libvirt overhead must fit in reserved_host_memory_mb ' +
  '(Red Hat: NovaReservedHostMemory covers the hypervisor overhead of each instance, 0.5 GB per guest)';

/** What `reservedMemoryCheck` works from. */
export interface ReservedMemoryInputs {
  /** Instances at the horizon's last month (month-0 instances × growth, rounded up). */
  instances: number;
  /** Compute hosts in service at the horizon's last month. */
  computeHosts: number;
  /** Index of that month (horizonMonths − 1). */
  month: number;
  /** `YYYY-MM` of that month, for the message. */
  monthLabel: string;
}

/**
 * `compute.reserved_memory_low` (warning) when the memory Nova reserves on a compute host is
 * less than the overhead of the instances it is expected to run at the horizon's end:
 *
 *   needed = (instances ÷ compute hosts) × instanceMemoryOverhead
 *   warn when reserved_host_memory < needed
 *
 * (instances ÷ compute hosts is the mean per host, not a worst case: a host that runs more, or
 * the survivors of a failure, need more.) value = reserved, limit = needed, both in MiB.
 * Nothing when there are no instances or no compute host (compute.no_hosts says that).
 * Example: 150 instances on 3 hosts, 512 MiB each: 50 × 512 = 25,600 MiB needed; 16 GiB =
 * 16,384 MiB reserved < 25,600: warning.
 */
export function reservedMemoryCheck(scenario: Scenario, inputs: ReservedMemoryInputs): Finding[] {
  const { instances, computeHosts } = inputs;
  if (instances <= 0 || computeHosts <= 0) return [];
  const overheadMib = scenario.openstack.instanceMemoryOverheadBytes / MIB;
  const reservedMib = scenario.openstack.reserved.hostMemoryBytes / MIB;
  const perHost = instances / computeHosts;
  const neededMib = perHost * overheadMib;
  if (reservedMib >= neededMib) return [];
  return [
    {
      code: 'compute.reserved_memory_low',
      severity: 'warning',
      subject: 'role compute',
      message:
        `reserved host memory ${fmtGiB(reservedMib * MIB)} is less than the QEMU overhead of the instances a compute host runs by ${inputs.monthLabel}: ` +
        `${fmtNumber(instances)} instances ÷ ${fmtNumber(computeHosts)} hosts = ${fmtNumber(perHost)} per host × ${fmtNumber(overheadMib)} MiB = ${fmtGiB(neededMib * MIB)}. ` +
        'Placement does not count it: raise reserved hostMemory by the overhead plus what the host OS needs',
      month: inputs.month,
      value: reservedMib,
      limit: neededMib,
      unit: 'MiB',
      source: SOURCE,
    },
  ];
}

/**
 * `reservedMemoryCheck` at the horizon's last month t = horizonMonths − 1: instances =
 * Σ over demand.instances lines of known flavors of ceil(count × growthFactor(t)) (whole
 * instances, as the failure analysis counts them; per flavor from the demand model when
 * flavors grow apart: forecast/demand.ts), against `computeHosts`, the compute hosts
 * in service that month.
 */
export function reservedMemoryAtHorizonEnd(scenario: Scenario, computeHosts: number): Finding[] {
  const t = Math.max(0, scenario.horizonMonths - 1);
  const g = growthFactor(scenario.demand.growth, t);
  const model = demandModel(scenario);
  const instances = model.uniform
    ? scenario.demand.instances.filter((d) => Object.hasOwn(scenario.openstack.flavors, d.flavor)).reduce((sum, d) => sum + Math.max(0, Math.ceil(d.count * g - 1e-9)), 0)
    : model.flavors.filter((f) => Object.hasOwn(scenario.openstack.flavors, f)).reduce((sum, f) => sum + Math.max(0, Math.ceil(model.instances(f, t) - 1e-9)), 0);
  return reservedMemoryCheck(scenario, { instances, computeHosts, month: t, monthLabel: monthLabel(scenario.start, t) });
}
