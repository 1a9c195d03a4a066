/**
 * Which compute hosts to remove to plan "N + tolerated failures" compute capacity.
 */
import type { ResourceClass } from '../plan/types.js';
import { RESOURCE_CLASSES } from './placement.js';

export type CapacityVector = Partial<Record<ResourceClass, number>>;

export interface ComputeHostCapacity {
  host: string;
  rack: string;
  capacity: CapacityVector;
}

/** Sum of capacity vectors per resource class (classes absent everywhere stay absent). */
export function sumCapacity(vectors: readonly CapacityVector[]): CapacityVector {
  const out: CapacityVector = {};
  for (const v of vectors) {
    for (const rc of RESOURCE_CLASSES) {
      const x = v[rc];
      if (x !== undefined) out[rc] = (out[rc] ?? 0) + x;
    }
  }
  return out;
}

/** Compares capacity vectors by VCPU, then MEMORY_MB, then DISK_GB: negative when a < b. */
export function compareCapacity(a: CapacityVector, b: CapacityVector): number {
  for (const rc of RESOURCE_CLASSES) {
    const d = (a[rc] ?? 0) - (b[rc] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The compute hosts removed for the tolerated-failure capacity (headroom's rule [model]):
 * - hosts option: the `tolerateHosts` hosts with the largest capacity, ranked by VCPU
 *   capacity, then MEMORY_MB, then DISK_GB (scenario order on ties);
 * - racks option (when `tolerateRacks` > 0): every compute host of the `tolerateRacks`
 *   racks holding the most compute capacity (same ranking, scenario order on ties);
 * whichever option removes more capacity (same ranking; the hosts option on a tie).
 * Returns host names in the order of `hosts`.
 */
export function computeHostsToRemove(
  hosts: readonly ComputeHostCapacity[],
  tolerateHosts: number,
  tolerateRacks: number,
): string[] {
  const byLargest = (xs: { capacity: CapacityVector }[]): number[] =>
    xs.map((_x, i) => i).sort((i, j) => compareCapacity(xs[j]!.capacity, xs[i]!.capacity) || i - j);

  const hostIdx = byLargest([...hosts]).slice(0, Math.max(0, tolerateHosts));
  const hostOption = new Set(hostIdx.map((i) => hosts[i]!.host));

  let rackOption = new Set<string>();
  if (tolerateRacks > 0) {
    const racks: string[] = [];
    for (const h of hosts) if (!racks.includes(h.rack)) racks.push(h.rack);
    const rackCaps = racks.map((r) => ({ rack: r, capacity: sumCapacity(hosts.filter((h) => h.rack === r).map((h) => h.capacity)) }));
    const chosen = new Set(byLargest(rackCaps).slice(0, tolerateRacks).map((i) => rackCaps[i]!.rack));
    rackOption = new Set(hosts.filter((h) => chosen.has(h.rack)).map((h) => h.host));
  }

  const removed = (set: Set<string>): CapacityVector => sumCapacity(hosts.filter((h) => set.has(h.host)).map((h) => h.capacity));
  const pick = compareCapacity(removed(rackOption), removed(hostOption)) > 0 ? rackOption : hostOption;
  return hosts.filter((h) => pick.has(h.host)).map((h) => h.host);
}
