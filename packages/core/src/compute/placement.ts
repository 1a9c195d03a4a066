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

/** Resource classes in the order headroom reports and compares them. */
export const RESOURCE_CLASSES: readonly ResourceClass[] = ['VCPU', 'MEMORY_MB', 'DISK_GB'];

/** The unit of each resource class's amounts: VCPU counts vCPUs, MEMORY_MB is MiB, DISK_GB is GiB. */
export const RESOURCE_UNIT: Record<ResourceClass, string> = { VCPU: 'vCPU', MEMORY_MB: 'MiB', DISK_GB: 'GiB' };

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
 * (nova/virt/libvirt/driver.py `_get_vcpu_total`; doc/source/admin/cpu-topologies.rst).
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
  const out: PlacementInventory[] = [
    inv('VCPU', logicalCpus(hw), reserved.hostCpus, ratio.cpu),
    inv('MEMORY_MB', Math.floor(hw.memory.sizeBytes / MIB), Math.ceil(reserved.hostMemoryBytes / MIB), ratio.ram),
  ];
  if (openstack.ephemeralStorage === 'local') {
    const total = Math.floor(diskBytesByUse(hw.disks, 'ephemeral') / GIB);
    out.push(inv('DISK_GB', total, Math.ceil(reserved.hostDiskBytes / MIB / 1024), ratio.disk));
  }
  return out;
}

/**
 * Placement resource request of one instance of a flavor
 * (nova/scheduler/utils.py `resources_from_flavor`):
 * - VCPU = vcpus
 * - MEMORY_MB = ramBytes / 2^20 MiB (rounded up if the flavor was not given in whole MiB;
 *   Nova's memory_mb is an integer)
 * - DISK_GB = ceil(diskBytes / 2^30) GiB, only when instance disks are local: Nova's root_gb
 *   is GiB, so an "80 GB" disk (80e9 bytes) is ceil(74.51) = 75 GiB.
 * Zero amounts are left out (Placement ignores them).
 */
export function flavorRequest(flavor: Flavor, ephemeralStorage: OpenStackPolicy['ephemeralStorage']): Partial<Record<ResourceClass, number>> {
  const req: Partial<Record<ResourceClass, number>> = {};
  if (flavor.vcpus > 0) req.VCPU = flavor.vcpus;
  const mem = Math.ceil(flavor.ramBytes / MIB);
  if (mem > 0) req.MEMORY_MB = mem;
  if (ephemeralStorage === 'local') {
    const disk = Math.ceil(flavor.diskBytes / GIB);
    if (disk > 0) req.DISK_GB = disk;
  }
  return req;
}
