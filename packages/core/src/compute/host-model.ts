/**
 * What one compute host of a hardware model offers beyond its root inventories: the nested
 * providers of its GPUs and PCI devices, its traits and its NUMA cells. A function of the
 * hardware model alone (and the host name for the provider names).
 *
 * Sources: openstack/nova `nova/virt/libvirt/driver.py` (`_get_gpu_inventories`: one
 * provider per physical GPU, total = the mdevs the type allows, reserved 0,
 * allocation_ratio 1.0, max_unit = total; `_get_cpu_traits` ... HW_CPU_HYPERTHREADING =
 * host has hyperthreading), `nova/compute/pci_placement_translator.py` ([pci]
 * report_in_placement: one provider per PF, its VFs as inventory), `nova/virt/hardware.py`
 * and `nova/objects/numa.py` (NUMACell: cpuset, pcpuset, memory, mempages).
 */
import type { HardwareModel } from '../model/scenario.js';
import type { NestedProvider, NumaCellPlan, ResourceClass } from '../model/plan.js';
import { MIB } from '../units/format.js';
import { hostCpuSets, numaNodeOfCpu } from './cpu-sets.js';

/** True when the scenario gives a model any heterogeneous compute key (numa, nova, devices). */
export function hasHostCompute(hw: HardwareModel): boolean {
  return hw.numa !== undefined || hw.nova !== undefined || (hw.devices?.length ?? 0) > 0;
}

/**
 * Nested providers of a host: for each device entry, `count` providers named
 * `<host>_<name>_<n>` with inventory total = perDevice of resourceClass, reserved 0,
 * allocation ratio 1.0 ("There is no sense to have a ratio but 1.0 since we can't
 * overallocate vGPU resources"), max_unit = total, so capacity = perDevice.
 */
export function deviceProviders(hw: HardwareModel, host: string): NestedProvider[] {
  const out: NestedProvider[] = [];
  for (const d of hw.devices ?? []) {
    for (let n = 0; n < d.count; n++) {
      out.push({
        name: `${host}_${d.name}_${n}`,
        device: d.name,
        inventory: { resourceClass: d.resourceClass as ResourceClass, total: d.perDevice, reserved: 0, allocationRatio: 1, capacity: d.perDevice, maxUnit: d.perDevice },
      });
    }
  }
  return out;
}

/**
 * Traits of the compute node provider: HW_CPU_HYPERTHREADING when threadsPerCore > 1
 * (libvirt reports `self._host.has_hyperthreading`), then the model's `nova.traits`, sorted
 * and without repeats. Nova reports many more (CPU flags, COMPUTE_*): only these are planned.
 */
export function hostTraits(hw: HardwareModel): string[] {
  const t = new Set<string>(hw.nova?.traits ?? []);
  if (hw.cpu.threadsPerCore > 1) t.add('HW_CPU_HYPERTHREADING');
  return [...t].sort();
}

/**
 * The NUMA cells of a host: `numa.nodes` cells (default one per socket); each holds the
 * shared (VCPU) and dedicated (PCPU) CPUs whose ids sit on it (cpu-sets.ts numaNodeOfCpu),
 * floor(memory MiB / nodes) of memory, and count / nodes huge pages (floored) of the
 * host's huge page size in KiB.
 * Example: 2 × 16 cores × 2 threads, 512 GiB, cpu_dedicated_set 4-31,36-63, cpu_shared_set
 * 0-3,32-35, 2 × 1 GiB × 400 pages: cell 0 = shared {0-3, 32-35} = 8, dedicated {4-15, 36-47}
 * = 24, 262,144 MiB, 200 pages of 1,048,576 KiB; cell 1 = 0 shared, 32 dedicated, same memory.
 */
export function numaCells(hw: HardwareModel): NumaCellPlan[] {
  const nodes = Math.max(1, hw.numa?.nodes ?? hw.cpu.sockets);
  const sets = hostCpuSets(hw);
  const cells: NumaCellPlan[] = Array.from({ length: nodes }, (_, id) => ({ id, sharedCpus: 0, dedicatedCpus: 0, memoryMib: Math.floor(hw.memory.sizeBytes / MIB / nodes) }));
  for (const c of sets.shared) cells[numaNodeOfCpu(hw, c, nodes)]!.sharedCpus++;
  for (const c of sets.dedicated) cells[numaNodeOfCpu(hw, c, nodes)]!.dedicatedCpus++;
  const hp = hw.numa?.hugePages;
  if (hp && hp.count > 0) for (const cell of cells) cell.hugePages = { sizeKib: hp.sizeBytes / 1024, count: Math.floor(hp.count / nodes) };
  return cells;
}
