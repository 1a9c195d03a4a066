/**
 * The resources headroom plans over the horizon, built from the compute and storage plans.
 */
import type { Scenario } from '../model/scenario.js';
import type { RuleSetCapacity } from '../model/ceph-plan.js';
import type { ComputePlan, ResourceClass, StoragePlan } from '../model/plan.js';
import type { ResourceSeries } from './horizon.js';
import { rawUsedRate } from '../storage/pools.js';
import { orderClasses } from '../compute/placement.js';

/** The compute resource classes planned over the horizon, in order, with their id, label and unit. */
export const COMPUTE_SERIES: readonly { rc: ResourceClass; id: string; label: string; unit: string }[] = [
  { rc: 'VCPU', id: 'compute.vcpu', label: 'Compute vCPUs (Placement VCPU)', unit: 'vCPU' },
  { rc: 'MEMORY_MB', id: 'compute.memory', label: 'Compute memory (Placement MEMORY_MB)', unit: 'MiB' },
  { rc: 'DISK_GB', id: 'compute.disk', label: 'Local instance disk (Placement DISK_GB)', unit: 'GiB' },
];

/**
 * Resource series, in this order:
 * - `compute.vcpu` (vCPU): demand Σ count × vcpus; capacity Σ VCPU capacity; tolerated without the removed hosts;
 * - `compute.memory` (MiB): demand Σ count × flavor MiB; capacity Σ MEMORY_MB capacity;
 * - `compute.disk` (GiB), only with local instance disks: Σ count × flavor GiB vs Σ DISK_GB capacity;
 * - `storage.rule.<rule>[+<rule>...]` (raw bytes) per rule set, the rules that take the same
 *   OSDs (CephRuleSetPlan): every pool on them draws from the same raw space (ceph
 *   src/mon/PGMap.cc PGMap::get_rule_avail, one avail per rule). Raw bytes, so that replicated
 *   and erasure pools add up: demand = Σ over its pools of stored × raw used rate; capacity =
 *   the set's raw / the fullest OSD's factor (the fullest OSD is full when the mean is at
 *   1 / factor); tolerated = re-protectable raw after the tolerated failures / factor
 *   (storage/reprotect.ts, storage/fullest-osd.ts). Not multiplied by a ratio: the threshold
 *   (policy.thresholds.storage, default mon_osd_backfillfull_ratio) is, which makes
 *   capacityTolerated x threshold the set's safe raw: the fullest survivor at backfillfull.
 *   A pool's `share` (target_size_ratio) only sizes its PGs.
 * Example (regional-cloud): 8 hosts x 24 x 20 TB, one host tolerated: re-protectable 3,360 TB;
 * 102 PG replicas per OSD: factor 1 + 5/102 = 1.04902; tolerated 3,360 / 1.04902 = 3,203.0 TB;
 * x 0.90 = 2,882.7 TB; demand (202 + 31 + 12) x 3 + 196 x 1.5 = 1,029 TB raw.
 * Compute thresholds: policy.thresholds.compute.
 */
export function resourceSeries(scenario: Scenario, compute: ComputePlan, storage: StoragePlan): ResourceSeries[] {
  return [...computeSeries(scenario, compute), ...storageSeries(scenario, storage)];
}

/** Series id, label and unit of a resource class beyond the three standard ones: `compute.pcpu`, `compute.vgpu`, `compute.custom_...`. */
export function extraClassSeries(rc: ResourceClass): { id: string; label: string; unit: string } {
  if (rc === 'PCPU') return { id: 'compute.pcpu', label: 'Pinned CPUs (Placement PCPU, cpu_dedicated_set)', unit: 'PCPU' };
  if (rc === 'VGPU') return { id: 'compute.vgpu', label: 'vGPUs (Placement VGPU, nested GPU providers)', unit: 'vGPU' };
  if (rc === 'PGPU') return { id: 'compute.pgpu', label: 'Whole GPUs (Placement PGPU, nested providers)', unit: 'GPU' };
  return { id: `compute.${rc.toLowerCase()}`, label: `${rc} (Placement, nested device providers)`, unit: rc };
}

/** The label fragment of a class in a group series. */
const CLASS_LABEL: Record<string, string> = { VCPU: 'vCPUs (VCPU)', MEMORY_MB: 'memory (MEMORY_MB)', DISK_GB: 'local disk (DISK_GB)' };

/**
 * The compute part of resourceSeries (`compute.*`, in order): VCPU, MEMORY_MB, DISK_GB (local
 * disks) as before; then every other class some host offers or some instance asks for (PCPU,
 * VGPU, CUSTOM_*: `compute.pcpu`, ...); then per host group (compute/host-groups.ts) each
 * class its confined demand asks for: `compute.group.<group>.<class>` (demand of the flavors
 * confined to the group, capacity of its hosts, N+1 inside the group).
 */
export function computeSeries(
  scenario: Scenario,
  compute: Pick<ComputePlan, 'ephemeralStorage' | 'totalCapacity' | 'toleratedCapacity' | 'demandMonth0' | 'groups'>,
): ResourceSeries[] {
  const t = scenario.policy.thresholds;
  const out: ResourceSeries[] = COMPUTE_SERIES.filter((c) => c.rc !== 'DISK_GB' || compute.ephemeralStorage === 'local').map((c) => ({
    id: c.id,
    label: c.label,
    unit: c.unit,
    resourceClass: c.rc,
    threshold: t.compute,
    demandMonth0: compute.demandMonth0[c.rc] ?? 0,
    capacity: compute.totalCapacity[c.rc] ?? 0,
    capacityTolerated: compute.toleratedCapacity[c.rc] ?? 0,
  }));
  const standard = new Set<string>(COMPUTE_SERIES.map((c) => c.rc));
  for (const rc of orderClasses([...Object.keys(compute.totalCapacity), ...Object.keys(compute.demandMonth0)])) {
    if (standard.has(rc)) continue;
    out.push({
      ...extraClassSeries(rc),
      threshold: t.compute,
      demandMonth0: compute.demandMonth0[rc] ?? 0,
      capacity: compute.totalCapacity[rc] ?? 0,
      capacityTolerated: compute.toleratedCapacity[rc] ?? 0,
    });
  }
  for (const g of compute.groups ?? []) {
    for (const rc of orderClasses(Object.keys(g.demandMonth0))) {
      if (rc === 'DISK_GB' && compute.ephemeralStorage !== 'local') continue;
      const base = standard.has(rc) ? COMPUTE_SERIES.find((c) => c.rc === rc)! : { ...extraClassSeries(rc), rc };
      out.push({
        id: `compute.group.${g.id}.${rc.toLowerCase()}`,
        label: `Host group ${g.label}: ${CLASS_LABEL[rc] ?? base.label}`,
        unit: base.unit,
        threshold: t.compute,
        demandMonth0: g.demandMonth0[rc] ?? 0,
        capacity: g.totalCapacity[rc] ?? 0,
        capacityTolerated: g.toleratedCapacity[rc] ?? 0,
      });
    }
  }
  return out;
}

/** The storage part of resourceSeries (`storage.rule.<rule>[+<rule>...]`, in rule-set order). */
export function storageSeries(scenario: Scenario, storage: { ceph?: { ruleSets: readonly RuleSetCapacity[] } }): ResourceSeries[] {
  const t = scenario.policy.thresholds;
  const out: ResourceSeries[] = [];
  for (const set of storage.ceph?.ruleSets ?? []) {
    out.push({
      id: set.resource,
      label: `Ceph ${set.rules.length === 1 ? 'rule' : 'rules'} ${set.rules.join(', ')} (${set.deviceClass === null ? 'all' : set.deviceClass} OSDs; pools ${set.pools.map((p) => p.name).join(', ')}; raw bytes)`,
      unit: 'bytes',
      threshold: t.storage,
      demandMonth0: set.rawUsedBytesMonth0,
      capacity: set.rawBytes / set.fullestOsd.factor,
      capacityTolerated: set.reprotectableRawBytes / set.fullestOsd.factor,
      pools: set.pools.map((p) => {
        const pool = scenario.ceph.pools.find((x) => x.name === p.name);
        return { name: p.name, rawUsedRate: pool ? rawUsedRate(pool) : 0 };
      }),
    });
  }
  return out;
}
