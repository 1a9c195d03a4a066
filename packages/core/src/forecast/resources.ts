/**
 * The resources headroom plans over the horizon, built from the compute and storage plans.
 */
import type { Scenario } from '../model/scenario.js';
import type { ComputePlan, ResourceClass, StoragePlan } from '../model/plan.js';
import type { ResourceSeries } from './horizon.js';

/** The compute resource classes planned over the horizon, in order, with their id, label and unit. */
const COMPUTE_SERIES: readonly { rc: ResourceClass; id: string; label: string; unit: string }[] = [
  { rc: 'VCPU', id: 'compute.vcpu', label: 'Compute vCPUs (Placement VCPU)', unit: 'vCPU' },
  { rc: 'MEMORY_MB', id: 'compute.memory', label: 'Compute memory (Placement MEMORY_MB)', unit: 'MiB' },
  { rc: 'DISK_GB', id: 'compute.disk', label: 'Local instance disk (Placement DISK_GB)', unit: 'GiB' },
];

/**
 * Resource series, in this order:
 * - `compute.vcpu` (vCPU): demand Σ count × vcpus; capacity Σ VCPU capacity; tolerated without the removed hosts;
 * - `compute.memory` (MiB): demand Σ count × flavor MiB; capacity Σ MEMORY_MB capacity;
 * - `compute.disk` (GiB), only with local instance disks: Σ count × flavor GiB vs Σ DISK_GB capacity;
 * - `storage.pool.<name>` (bytes) per pool: demand = stored bytes; capacity = usableBytes
 *   (raw × share / rawUsedRate); tolerated = the re-protectable capacity after the tolerated
 *   failures (PoolPlan.toleratedUsableBytes, storage/reprotect.ts). Not multiplied by a ratio:
 *   the threshold (policy.thresholds.storage, default mon_osd_backfillfull_ratio) is, which
 *   makes capacityTolerated x threshold the pool's safe usable limit.
 * Compute thresholds: policy.thresholds.compute.
 */
export function resourceSeries(scenario: Scenario, compute: ComputePlan, storage: StoragePlan): ResourceSeries[] {
  return [...computeSeries(scenario, compute), ...storageSeries(scenario, storage)];
}

/** The compute part of resourceSeries (`compute.*`, in order). */
export function computeSeries(scenario: Scenario, compute: Pick<ComputePlan, 'ephemeralStorage' | 'totalCapacity' | 'toleratedCapacity' | 'demandMonth0'>): ResourceSeries[] {
  const t = scenario.policy.thresholds;
  return COMPUTE_SERIES
    .filter((c) => c.rc !== 'DISK_GB' || compute.ephemeralStorage === 'local')
    .map((c) => ({
      id: c.id,
      label: c.label,
      unit: c.unit,
      threshold: t.compute,
      demandMonth0: compute.demandMonth0[c.rc] ?? 0,
      capacity: compute.totalCapacity[c.rc] ?? 0,
      capacityTolerated: compute.toleratedCapacity[c.rc] ?? 0,
    }));
}

/** The storage part of resourceSeries (`storage.pool.<name>`, in pool order). */
export function storageSeries(scenario: Scenario, storage: Pick<StoragePlan, 'pools' | 'toleratedRawBytes'>): ResourceSeries[] {
  const t = scenario.policy.thresholds;
  const out: ResourceSeries[] = [];
  for (const pool of storage.pools) {
    out.push({
      id: `storage.pool.${pool.name}`,
      label: `Ceph pool ${pool.name} (stored bytes)`,
      unit: 'bytes',
      threshold: t.storage,
      demandMonth0: pool.storedBytesMonth0,
      capacity: pool.usableBytes,
      capacityTolerated: pool.toleratedUsableBytes ?? (storage.toleratedRawBytes * pool.share) / pool.rawUsedRate,
    });
  }
  return out;
}
