/**
 * Which compute hosts to remove to plan "N + tolerated failures" compute capacity.
 */
import type { ResourceClass } from '../model/plan.js';
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
  // The k largest (ties: earlier first), as a stable sort would rank them: a selection in
  // O(k n) for the usual small k, a sort otherwise.
  const largest = (xs: readonly { capacity: CapacityVector }[], k: number): number[] => {
    if (k <= 0) return [];
    if (k > 16) return xs.map((_, i) => i).sort((i, j) => compareCapacity(xs[j]!.capacity, xs[i]!.capacity) || i - j).slice(0, k);
    const out: number[] = [];
    const taken = new Set<number>();
    for (let r = 0; r < Math.min(k, xs.length); r++) {
      let best = -1;
      for (let i = 0; i < xs.length; i++) {
        if (taken.has(i)) continue;
        if (best < 0 || compareCapacity(xs[i]!.capacity, xs[best]!.capacity) > 0) best = i;
      }
      taken.add(best);
      out.push(best);
    }
    return out;
  };

  const hostOption = new Set(largest(hosts, tolerateHosts).map((i) => hosts[i]!.host));

  let rackOption = new Set<string>();
  if (tolerateRacks > 0) {
    // racks in order of first appearance, each rack's hosts summed in host order (one pass)
    const byRack = new Map<string, CapacityVector[]>();
    for (const h of hosts) {
      const list = byRack.get(h.rack);
      if (list) list.push(h.capacity);
      else byRack.set(h.rack, [h.capacity]);
    }
    const rackCaps = [...byRack].map(([rack, caps]) => ({ rack, capacity: sumCapacity(caps) }));
    const chosen = new Set(largest(rackCaps, tolerateRacks).map((i) => rackCaps[i]!.rack));
    rackOption = new Set(hosts.filter((h) => chosen.has(h.rack)).map((h) => h.host));
  }

  const removed = (set: Set<string>): CapacityVector => sumCapacity(hosts.filter((h) => set.has(h.host)).map((h) => h.capacity));
  const pick = compareCapacity(removed(rackOption), removed(hostOption)) > 0 ? rackOption : hostOption;
  return hosts.filter((h) => pick.has(h.host)).map((h) => h.host);
}
