/**
 * Tolerated-failure compute capacity, per Placement resource class: headroom's N+1 policy.
 */
import type { ResourceClass, ToleratedLoss } from '../model/plan.js';
import { orderClasses } from './placement.js';

/** The classes present in any of `vectors`, in orderClasses order. */
function classesOf(vectors: readonly CapacityVector[]): ResourceClass[] {
  const seen = new Set<string>();
  for (const v of vectors) for (const k in v) seen.add(k);
  return orderClasses(seen);
}

export type CapacityVector = Partial<Record<ResourceClass, number>>;

export interface ComputeHostCapacity {
  host: string;
  rack: string;
  /** Availability zone of the host's rack, when the racks name one. */
  zone?: string;
  capacity: CapacityVector;
}

/** What the policy tolerates at once (policy.tolerate). */
export interface ComputeTolerance {
  hosts: number;
  racks: number;
  zones?: number;
}

/** Sum of capacity vectors per resource class (classes absent everywhere stay absent), keys in orderClasses order. O(vectors × classes). */
export function sumCapacity(vectors: readonly CapacityVector[]): CapacityVector {
  const acc: Record<string, number> = {};
  for (const v of vectors) {
    for (const k in v) {
      const x = v[k as ResourceClass];
      if (x !== undefined) acc[k] = (acc[k] ?? 0) + x;
    }
  }
  const out: CapacityVector = {};
  for (const rc of orderClasses(Object.keys(acc))) out[rc] = acc[rc]!;
  return out;
}

/** The classes compareCapacity reads first, in orderClasses order; any other class follows by name. */
const FIRST_CLASSES = ['VCPU', 'MEMORY_MB', 'DISK_GB', 'PCPU'] as const;
const FIRST = new Set<string>(FIRST_CLASSES);

/** Compares capacity vectors by VCPU, then MEMORY_MB, then DISK_GB, then PCPU, then the other classes by name: negative when a < b. */
export function compareCapacity(a: CapacityVector, b: CapacityVector): number {
  if (a === b) return 0;
  for (const rc of FIRST_CLASSES) {
    const d = (a[rc] ?? 0) - (b[rc] ?? 0);
    if (d !== 0) return d;
  }
  const others: string[] = [];
  for (const k in a) if (!FIRST.has(k)) others.push(k);
  for (const k in b) if (!FIRST.has(k)) others.push(k);
  if (others.length === 0) return 0;
  for (const rc of orderClasses(others)) {
    const d = (a[rc] ?? 0) - (b[rc] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Groups in first-appearance order with the summed capacity of their hosts (hosts without a key skipped). */
function groups(hosts: readonly ComputeHostCapacity[], key: (h: ComputeHostCapacity) => string | undefined): { name: string; hosts: string[]; capacity: CapacityVector }[] {
  const out = new Map<string, { name: string; hosts: string[]; vectors: CapacityVector[] }>();
  for (const h of hosts) {
    const k = key(h);
    if (k === undefined) continue;
    let g = out.get(k);
    if (!g) {
      g = { name: k, hosts: [], vectors: [] };
      out.set(k, g);
    }
    g.hosts.push(h.host);
    g.vectors.push(h.capacity);
  }
  // one sum per group, in host order (the same additions as summing host by host)
  return [...out.values()].map((g) => ({ name: g.name, hosts: g.hosts, capacity: sumCapacity(g.vectors) }));
}

/**
 * The indices of the `n` largest values of `value(0..count-1)`, the earlier index first on
 * ties, returned in index order: the first n of a stable sort by value descending. O(count × n)
 * for small n (one pass keeping the n best), a sort otherwise.
 */
export function topIndices(count: number, n: number, value: (i: number) => number): number[] {
  if (n <= 0) return [];
  if (n >= count) return Array.from({ length: count }, (_, i) => i);
  if (n > 8) {
    return Array.from({ length: count }, (_, i) => i)
      .sort((a, b) => value(b) - value(a) || a - b)
      .slice(0, n)
      .sort((a, b) => a - b);
  }
  // best[] sorted by value descending, then index ascending; a later index never displaces an equal value
  const best: { i: number; v: number }[] = [];
  for (let i = 0; i < count; i++) {
    const v = value(i);
    if (best.length === n && v <= best[n - 1]!.v) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.v < v) at--;
    best.splice(at, 0, { i, v });
    if (best.length > n) best.pop();
  }
  return best.map((b) => b.i).sort((a, b) => a - b);
}

/** The `n` groups with the most capacity of `rc` (input order on ties), as one loss; domains in input order. */
function worstOf(
  kind: ToleratedLoss['kind'],
  rc: ResourceClass,
  xs: readonly { name: string; hosts: string[]; capacity: CapacityVector }[],
  n: number,
  order: readonly string[],
): ToleratedLoss {
  const chosen = topIndices(xs.length, Math.max(0, n), (i) => xs[i]!.capacity[rc] ?? 0).map((i) => xs[i]!);
  const hostSet = new Set(chosen.flatMap((x) => x.hosts));
  return {
    kind,
    domains: chosen.map((x) => x.name),
    hosts: order.filter((h) => hostSet.has(h)),
    capacity: chosen.reduce((s, x) => s + (x.capacity[rc] ?? 0), 0),
  };
}

/**
 * headroom's N+1 policy [model], per Placement resource class: each class loses its own
 * worst tolerated loss, so
 *
 *   tolerated[rc] = total[rc] − max over the tolerated losses L of capacity[rc] of L
 *
 * where the tolerated losses are: the `tolerate.hosts` hosts with the most capacity of rc;
 * the `tolerate.racks` racks with the most (when > 0); the `tolerate.zones` zones with the
 * most (when > 0 and the hosts name two zones or more: a single zone is the whole cloud, and
 * the failure analysis does not treat it as a domain either). Ties: the earlier option
 * (hosts, racks, zones), then scenario order.
 *
 * Why per class: a fleet is as short of memory as the loss that takes the most memory, which
 * need not be the loss that takes the most vCPUs. 3 hosts of 128 threads / 512 GiB and one of
 * 192 threads / 256 GiB: losing the 192-thread host costs the most VCPU, losing a 512 GiB host
 * the most MEMORY_MB; the tolerated memory is 1,280 GiB, not 1,536 GiB. Placement itself has
 * no notion of tolerated failures (each resource provider has its own inventory and capacity,
 * placement/objects/resource_provider.py): the policy is headroom's, and each class is held
 * to its own worst case, which is what a re-placement of the lost hosts' instances needs.
 *
 * Returns one loss per class present in any host's capacity; `hosts` in the order of `hosts`.
 */
export function toleratedLosses(hosts: readonly ComputeHostCapacity[], tolerate: ComputeTolerance): Partial<Record<ResourceClass, ToleratedLoss>> {
  const order = hosts.map((h) => h.host);
  const single = hosts.map((h) => ({ name: h.host, hosts: [h.host], capacity: h.capacity }));
  // rack and zone sums only when such a loss is tolerated
  const racks = tolerate.racks > 0 ? groups(hosts, (h) => h.rack) : [];
  const zones = (tolerate.zones ?? 0) > 0 ? groups(hosts, (h) => h.zone) : [];
  const out: Partial<Record<ResourceClass, ToleratedLoss>> = {};
  for (const rc of classesOf(hosts.map((h) => h.capacity))) {
    if (!hosts.some((h) => h.capacity[rc] !== undefined)) continue;
    let worst = worstOf('hosts', rc, single, tolerate.hosts, order);
    const options: ToleratedLoss[] = [];
    if (tolerate.racks > 0) options.push(worstOf('racks', rc, racks, tolerate.racks, order));
    if ((tolerate.zones ?? 0) > 0 && zones.length >= 2) options.push(worstOf('zones', rc, zones, tolerate.zones ?? 0, order));
    for (const o of options) if (o.capacity > worst.capacity) worst = o;
    out[rc] = worst;
  }
  return out;
}

/**
 * Tolerated capacity per class: the capacity of the hosts its own worst loss leaves
 * (`toleratedLosses`), summed over the survivors (= total − the loss, without rounding drift).
 */
export function toleratedCapacity(hosts: readonly ComputeHostCapacity[], losses: Partial<Record<ResourceClass, ToleratedLoss>>): CapacityVector {
  const out: CapacityVector = {};
  for (const rc of orderClasses(Object.keys(losses))) {
    const loss = losses[rc];
    if (!loss) continue;
    const gone = new Set(loss.hosts);
    out[rc] = hosts.filter((h) => !gone.has(h.host)).reduce((s, h) => s + (h.capacity[rc] ?? 0), 0);
  }
  return out;
}

/** Every host some class's worst loss removes, in the order of `hosts`. */
export function hostsRemovedByAnyClass(hosts: readonly ComputeHostCapacity[], losses: Partial<Record<ResourceClass, ToleratedLoss>>): string[] {
  const gone = new Set(Object.values(losses).flatMap((l) => l?.hosts ?? []));
  return hosts.filter((h) => gone.has(h.host)).map((h) => h.host);
}
