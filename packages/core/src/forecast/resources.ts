/**
 * The resources headroom plans over the horizon, built from the compute and storage plans.
 */
import type { Scenario } from '../model/scenario.js';
import type { ComputePlan, StoragePlan } from '../plan/types.js';
import type { ResourceSeries } from './horizon.js';

/**
 * Resource series, in this order:
 * - `compute.vcpu` (vCPU): demand Σ count × vcpus; capacity Σ VCPU capacity; tolerated without the removed hosts;
 * - `compute.memory` (MiB): demand Σ count × flavor MiB; capacity Σ MEMORY_MB capacity;
 * - `compute.disk` (GiB), only with local instance disks: Σ count × flavor GiB vs Σ DISK_GB capacity;
 * - `storage.pool.<name>` (bytes) per pool: demand = stored bytes; capacity = usableBytes
 *   (raw × share / rawUsedRate); tolerated = toleratedRaw × share / rawUsedRate. Not multiplied
 *   by nearfull: the threshold (policy.thresholds.storage, default mon_osd_nearfull_ratio) is.
 * Compute thresholds: policy.thresholds.compute.
 */
export function resourceSeries(scenario: Scenario, compute: ComputePlan, storage: StoragePlan): ResourceSeries[] {
  const t = scenario.policy.thresholds;
  const out: ResourceSeries[] = [
    {
      id: 'compute.vcpu',
      label: 'Compute vCPUs (Placement VCPU)',
      unit: 'vCPU',
      threshold: t.compute,
      demandMonth0: compute.demandMonth0.VCPU ?? 0,
      capacity: compute.totalCapacity.VCPU ?? 0,
      capacityTolerated: compute.toleratedCapacity.VCPU ?? 0,
    },
    {
      id: 'compute.memory',
      label: 'Compute memory (Placement MEMORY_MB)',
      unit: 'MiB',
      threshold: t.compute,
      demandMonth0: compute.demandMonth0.MEMORY_MB ?? 0,
      capacity: compute.totalCapacity.MEMORY_MB ?? 0,
      capacityTolerated: compute.toleratedCapacity.MEMORY_MB ?? 0,
    },
  ];
  if (compute.ephemeralStorage === 'local') {
    out.push({
      id: 'compute.disk',
      label: 'Local instance disk (Placement DISK_GB)',
      unit: 'GiB',
      threshold: t.compute,
      demandMonth0: compute.demandMonth0.DISK_GB ?? 0,
      capacity: compute.totalCapacity.DISK_GB ?? 0,
      capacityTolerated: compute.toleratedCapacity.DISK_GB ?? 0,
    });
  }
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
