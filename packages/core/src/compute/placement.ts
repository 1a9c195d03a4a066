/**
 * Placement inventories of a compute host and the resource requests of a flavor, as Nova's
 * resource tracker reports them and as the scheduler asks for them.
 *
 * Sources: openstack/placement `placement/objects/resource_provider.py` (capacity),
 * openstack/nova `nova/conf/compute.py` (reserved_host_memory_mb, reserved_host_cpus,
 * reserved_host_disk_mb, *_allocation_ratio), `nova/virt/libvirt/driver.py`
 * (`_get_vcpu_total`, `_get_local_gb_info`, `update_provider_tree`),
 * `nova/scheduler/utils.py` (`resources_from_flavor`).
 */
import type { DiskSpec, Flavor, HardwareModel, OpenStackPolicy } from '../model/scenario.js';
import type { PlacementInventory, ResourceClass } from '../model/plan.js';
import { GIB, MIB } from '../units/format.js';
import { hostCpuSets } from './cpu-sets.js';
import { translateFlavor } from './extra-specs.js';

/** The standard resource classes of every compute node, in the order headroom reports and compares them. */
export const RESOURCE_CLASSES: readonly ResourceClass[] = ['VCPU', 'MEMORY_MB', 'DISK_GB'];

/** The unit of each resource class's amounts: VCPU counts vCPUs, MEMORY_MB is MiB, DISK_GB is GiB, PCPU counts pinned host CPUs, VGPU vGPUs, PGPU GPUs. */
export const RESOURCE_UNIT: Record<ResourceClass, string> = { VCPU: 'vCPU', MEMORY_MB: 'MiB', DISK_GB: 'GiB', PCPU: 'PCPU', VGPU: 'vGPU', PGPU: 'GPU' };

/** The unit of a class's amounts: RESOURCE_UNIT, or the class name itself for a CUSTOM_ class (a count of devices or VFs). */
export function resourceUnit(rc: ResourceClass): string {
  return Object.hasOwn(RESOURCE_UNIT, rc) ? (RESOURCE_UNIT[rc] ?? rc) : rc;
}

/**
 * Every class in `classes`, ordered: VCPU, MEMORY_MB, DISK_GB, PCPU (so scenarios without
 * pinned CPUs or devices keep their order and ties), then the others by name.
 */
export function orderClasses(classes: Iterable<string>): ResourceClass[] {
  const rank = (rc: string): number => ({ VCPU: 0, MEMORY_MB: 1, DISK_GB: 2, PCPU: 3 })[rc] ?? 4;
  return [...new Set(classes)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)) as ResourceClass[];
}

/**
 * Placement capacity of one inventory: capacity = (total − reserved) × allocation_ratio,
 * not floored (Placement compares used + request <= capacity).
 * Units: those of the resource class (VCPU count, MiB, GiB).
 * Source: placement/objects/resource_provider.py; an allocation also needs request <= max_unit.
 * Clamped at 0 when reserved exceeds total (Placement would reject such an inventory).
 */
export function inventoryCapacity(total: number, reserved: number, allocationRatio: number): number {
  return Math.max(0, (total - reserved) * allocationRatio);
}

/**
 * Logical CPUs of a host: sockets × coresPerSocket × threadsPerCore (count).
 * This is VCPU.total when no cpu_shared_set / cpu_dedicated_set is configured
 * (nova/virt/libvirt/driver.py `_get_vcpu_available`; doc/source/admin/cpu-topologies.rst);
 * with them, cpu-sets.ts `hostCpuSets` splits these CPUs into VCPU and PCPU.
 */
export function logicalCpus(hw: HardwareModel): number {
  return hw.cpu.sockets * hw.cpu.coresPerSocket * hw.cpu.threadsPerCore;
}

/** Sum of count × sizeBytes over the disks with the given use, bytes. */
export function diskBytesByUse(disks: readonly DiskSpec[], use: DiskSpec['use']): number {
  return disks.filter((d) => d.use === use).reduce((sum, d) => sum + d.count * d.sizeBytes, 0);
}

/**
 * The Placement inventories one compute host reports:
 * - VCPU: total = sockets × cores × threads; reserved = reserved_host_cpus;
 *   ratio = cpu_allocation_ratio. Units: vCPU.
 * - MEMORY_MB: total = floor(memory bytes / 2^20) MiB; reserved = ceil(reserved_host_memory
 *   bytes / 2^20) MiB (the option is an integer count of MiB; Nova default 512);
 *   ratio = ram_allocation_ratio.
 * - DISK_GB, only when instance disks are local: total = floor(Σ ephemeral disk bytes / 2^30)
 *   GiB (libvirt reports local_gb in GiB; the real figure is the filesystem size, a little
 *   less than the raw disks); reserved = ceil(reserved_host_disk_mb / 1024) GiB
 *   (nova/virt/driver.py `_get_reserved_host_disk_gb_from_config` ->
 *   nova/compute/utils.py `convert_mb_to_ceil_gb`);
 *   ratio = disk_allocation_ratio. With ephemeral on Ceph (images_type=rbd) every host
 *   reports the whole cluster, so headroom does not plan DISK_GB from compute hosts.
 * max_unit = total for every class (libvirt `update_provider_tree` sets it so).
 * With cpu_shared_set / cpu_dedicated_set (cpu-sets.ts `hostCpuSets`): VCPU total = the
 * shared CPUs (no VCPU inventory when only the dedicated set is given: Placement forbids
 * total 0); PCPU total = the dedicated CPUs, reserved 0, allocation ratio 1.0 (pinned CPUs
 * are never overcommitted), listed after the others. reserved_host_cpus must be 0 then (Nova
 * refuses to start otherwise: compute.cpu_sets.reserved_host_cpus).
 * Example (issue 19): 2 × 16 cores × 2 threads = 64 CPUs, cpu_dedicated_set "8-31,40-63"
 * (48 CPUs), cpu_shared_set "0-7,32-39" (16 CPUs), ratio 4.0: VCPU 16 × 4 = 64, PCPU 48.
 */
export function computeInventories(hw: HardwareModel, openstack: OpenStackPolicy): PlacementInventory[] {
  const { allocationRatio: ratio, reserved } = openstack;
  const inv = (resourceClass: ResourceClass, total: number, res: number, allocationRatio: number): PlacementInventory => ({
    resourceClass,
    total,
    reserved: res,
    allocationRatio,
    capacity: inventoryCapacity(total, res, allocationRatio),
    maxUnit: total,
  });
  const sets = hostCpuSets(hw);
  const out: PlacementInventory[] = [];
  if (!sets.configured) out.push(inv('VCPU', logicalCpus(hw), reserved.hostCpus, ratio.cpu));
  else if (sets.shared.length > 0) out.push(inv('VCPU', sets.shared.length, reserved.hostCpus, ratio.cpu));
  out.push(inv('MEMORY_MB', Math.floor(hw.memory.sizeBytes / MIB), Math.ceil(reserved.hostMemoryBytes / MIB), ratio.ram));
  if (openstack.ephemeralStorage === 'local') {
    const total = Math.floor(diskBytesByUse(hw.disks, 'ephemeral') / GIB);
    out.push(inv('DISK_GB', total, Math.ceil(reserved.hostDiskBytes / MIB / 1024), ratio.disk));
  }
  if (sets.dedicated.length > 0) out.push(inv('PCPU', sets.dedicated.length, 0, 1));
  return out;
}

/**
 * Placement resource request of one instance of a flavor: the unsuffixed request group of
 * extra-specs.ts `translateFlavor` (nova/scheduler/utils.py `ResourceRequest.from_request_spec`).
 * Without extra specs:
 * - VCPU = vcpus
 * - MEMORY_MB = ramBytes / 2^20 MiB (rounded up if the flavor was not given in whole MiB;
 *   Nova's memory_mb is an integer)
 * - DISK_GB = ceil(diskBytes / 2^30) GiB, only when instance disks are local: Nova's root_gb
 *   is GiB, so an "80 GB" disk (80e9 bytes) is ceil(74.51) = 75 GiB.
 * hw:cpu_policy=dedicated asks PCPU = vcpus instead of VCPU; resources:<CLASS>=n sets CLASS.
 * Zero amounts are left out (Placement ignores them).
 */
export function flavorRequest(flavor: Flavor, ephemeralStorage: OpenStackPolicy['ephemeralStorage']): Partial<Record<ResourceClass, number>> {
  return translateFlavor(flavor, ephemeralStorage).request.resources;
}
