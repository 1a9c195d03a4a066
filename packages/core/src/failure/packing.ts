/**
 * Packing instances into compute hosts as the Nova scheduler and Placement would, with
 * counts per flavor rather than instance by instance, so that thousands of instances over
 * hundreds of hosts stay cheap.
 *
 * Placement's rule for one allocation (openstack/placement `resource_provider.py`): it fits
 * when, for every resource class it asks for, used + request <= capacity and
 * request <= max_unit. Units: those of the resource class (VCPU count, MEMORY_MB MiB,
 * DISK_GB GiB). All arrays are flat typed arrays: host h, class c at [h * C + c];
 * flavor f, class c at [f * C + c].
 */

/** Compute hosts as bins. */
export interface PackingHosts {
  /** Host names, in plan order (the index is the host's id here). */
  names: readonly string[];
  /** Number of resource classes C. */
  classCount: number;
  /** Placement capacity per host and class: (total − reserved) × allocation ratio. */
  capacity: Float64Array;
  /** max_unit per host and class (= total). */
  maxUnit: Float64Array;
}

/** Flavors as items, already in packing order. */
export interface PackingFlavors {
  names: readonly string[];
  /** Request per flavor and class (Placement amounts; 0 when the flavor does not ask for the class). */
  request: Float64Array;
  /**
   * Most instances of flavor f a host h may hold, at [f * H + h] (H = host count): 0 when the
   * host is no candidate (trait, aggregate, a class it lacks), the NUMA fit of the empty host
   * for a flavor with a NUMA topology (compute/numa.ts), -1 for no limit. Absent: no limits.
   */
  hostCap?: Int32Array;
}

/** Slack for fractional capacities (ratios such as 1.5): a request fits when it is within 1e-9 of the free amount. */
const EPS = 1e-9;

/**
 * How many more instances of flavor `f` fit on host `h` with free amounts `free`:
 * min over requested classes of floor(free / request); 0 when a request exceeds max_unit;
 * at most hostCap − `already` (the instances of f already on h) when the flavors carry caps.
 * A flavor that requests nothing fits without limit (returns Infinity).
 */
export function fitCount(hosts: PackingHosts, free: Float64Array, h: number, flavors: PackingFlavors, f: number, already = 0): number {
  const C = hosts.classCount;
  let n = Number.POSITIVE_INFINITY;
  const cap = flavors.hostCap ? flavors.hostCap[f * hosts.names.length + h]! : -1;
  if (cap >= 0) n = Math.max(0, cap - already);
  for (let c = 0; c < C; c++) {
    const req = flavors.request[f * C + c]!;
    if (req <= 0) continue;
    if (req > hosts.maxUnit[h * C + c]! + EPS) return 0;
    const k = Math.floor((free[h * C + c]! + EPS) / req);
    if (k < n) n = k;
  }
  return Math.max(n, 0);
}

/**
 * The packing order of flavors: dominant share first (Dominant Resource Fairness, Ghodsi et
 * al., NSDI 2011): share(f) = max over classes of request(f, c) / total capacity(c). Ties: the
 * larger VCPU request, then the name (code-point order). First-fit decreasing by this order
 * packs the flavors that are hardest to place while the hosts are emptiest.
 * Returns flavor indices.
 */
export function dominantShareOrder(names: readonly string[], request: Float64Array, classCount: number, totalCapacity: readonly number[]): number[] {
  const share = names.map((_, f) => {
    let s = 0;
    for (let c = 0; c < classCount; c++) {
      const total = totalCapacity[c] ?? 0;
      const r = request[f * classCount + c]!;
      if (r > 0) s = Math.max(s, total > 0 ? r / total : Number.POSITIVE_INFINITY);
    }
    return s;
  });
  return names
    .map((_, f) => f)
    .sort((a, b) => share[b]! - share[a]! || request[b * classCount]! - request[a * classCount]! || (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
}

/** Free amounts of every host when nothing is placed: a copy of the capacities. */
export function emptyFree(hosts: PackingHosts): Float64Array {
  return Float64Array.from(hosts.capacity);
}

/** Result of placing the whole demand before any failure. */
export interface Placement {
  /** Instances of flavor f on host h at [h * F + f]. */
  placed: Int32Array;
  /** Free amounts per host and class after placing. */
  free: Float64Array;
  /** Instances per flavor that found no host (the cloud is full). */
  unplaced: Int32Array;
}

/**
 * Spreads instances over the hosts as Nova's filter scheduler does by default: each
 * instance goes to the host that passes the filters (the flavor fits there) and has the
 * highest weight, and the default weighers spread: RAMWeigher prefers the most free RAM
 * (ram_weight_multiplier 1.0), CPUWeigher the most free vCPUs (openstack/nova
 * nova/scheduler/weights/ram.py and cpu.py: "the default is to spread instances across all
 * hosts evenly"). headroom ranks hosts by free MEMORY_MB, then free VCPU, then host order
 * (lexicographic, not Nova's normalised sum of weights: an approximation) [model].
 * Flavors arrive in `flavors` order (dominant share first), all instances of one flavor
 * together; a batch goes to the top host while it stays ahead of the runner-up, so equal
 * hosts cost one heap operation per instance and unequal ones fewer.
 * @param counts instances per flavor to add (index as in `flavors`)
 * @param from an earlier placement to add to (not changed); default: empty hosts
 */
export function spreadPlace(hosts: PackingHosts, flavors: PackingFlavors, counts: Int32Array, memClass: number, cpuClass: number, from?: Placement): Placement {
  const H = hosts.names.length;
  const F = flavors.names.length;
  const C = hosts.classCount;
  const free = from ? Float64Array.from(from.free) : emptyFree(hosts);
  const placed = from ? Int32Array.from(from.placed) : new Int32Array(H * F);
  const unplaced = from ? Int32Array.from(from.unplaced) : new Int32Array(F);
  // heap keys, kept in step with `free`: free MEMORY_MB and free VCPU (0 when the class is absent)
  const mem = new Float64Array(H);
  const cpu = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    mem[h] = memClass >= 0 ? free[h * C + memClass]! : 0;
    cpu[h] = cpuClass >= 0 ? free[h * C + cpuClass]! : 0;
  }
  const heap = new HostHeap(mem, cpu);
  for (let h = 0; h < H; h++) heap.push(h);
  const aside: number[] = [];
  for (let f = 0; f < F; f++) {
    let remaining = counts[f]!;
    const memReq = memClass >= 0 ? flavors.request[f * C + memClass]! : 0;
    while (remaining > 0 && heap.size > 0) {
      const top = heap.peek();
      const fit = fitCount(hosts, free, top, flavors, f, placed[top * F + f]!);
      if (fit <= 0) {
        aside.push(heap.pop());
        continue;
      }
      let k = Math.min(remaining, fit);
      const next = heap.runnerUp();
      // the top host stays ahead while its free RAM is strictly above the runner-up's
      if (next >= 0) k = memReq > 0 ? Math.min(k, Math.max(1, Math.ceil((mem[top]! - mem[next]!) / memReq))) : 1;
      for (let c = 0; c < C; c++) free[top * C + c] = free[top * C + c]! - k * flavors.request[f * C + c]!;
      if (memClass >= 0) mem[top] = free[top * C + memClass]!;
      if (cpuClass >= 0) cpu[top] = free[top * C + cpuClass]!;
      placed[top * F + f] = placed[top * F + f]! + k;
      remaining -= k;
      heap.siftDownTop();
    }
    unplaced[f] = unplaced[f]! + remaining;
    for (const h of aside) heap.push(h);
    aside.length = 0;
  }
  return { placed, free, unplaced };
}

/**
 * Re-places displaced instances onto the surviving hosts by first-fit decreasing: flavors in
 * `flavors` order (dominant share first), each flavor's instances into the first host in
 * `hostOrder` (skipping `lost` hosts) with room, as many as fit there, then the next host.
 * Identical instances go in one step per host, which is exactly what instance-by-instance
 * first fit does. `free` is changed in place and restored before returning.
 * `placedBefore` (instances per host and flavor before the loss, [h * F + f]) counts against
 * the flavors' hostCap. `roomFor(f)`, when given, lists the hosts of `hostOrder` (same order) with room for one
 * instance of f in `free` as it was on entry (see `hostsWithRoom`): free only shrinks here,
 * so the other hosts never take one and need not be visited. The pass then visits, per
 * flavor, the hosts it places on, the lost ones and those earlier flavors filled:
 * O(F × (lost + displaced)) instead of O(F × hosts) when instances find no room.
 * @returns instances per flavor that found no host
 */
export function firstFitDecreasing(
  hosts: PackingHosts,
  flavors: PackingFlavors,
  free: Float64Array,
  hostOrder: readonly number[],
  lost: Uint8Array,
  displaced: Int32Array,
  roomFor?: (f: number) => readonly number[],
  placedBefore?: Int32Array,
): Int32Array {
  const F = flavors.names.length;
  const C = hosts.classCount;
  const unplaced = new Int32Array(F);
  const undo: number[] = []; // pairs: flat index, old value
  for (let f = 0; f < F; f++) {
    let remaining = displaced[f]!;
    if (remaining <= 0) continue;
    const order = roomFor ? roomFor(f) : hostOrder;
    for (let i = 0; i < order.length && remaining > 0; i++) {
      const h = order[i]!;
      if (lost[h]) continue;
      const k = Math.min(remaining, fitCount(hosts, free, h, flavors, f, placedBefore ? placedBefore[h * F + f]! : 0));
      if (k <= 0) continue;
      for (let c = 0; c < C; c++) {
        const at = h * C + c;
        undo.push(at, free[at]!);
        free[at] = free[at]! - k * flavors.request[f * C + c]!;
      }
      remaining -= k;
    }
    unplaced[f] = remaining;
  }
  for (let i = undo.length - 2; i >= 0; i -= 2) free[undo[i]!] = undo[i + 1]!;
  return unplaced;
}

/** The hosts of `hostOrder`, in that order, with room for at least one instance of flavor `f` in `free`. O(hosts × classes). */
export function hostsWithRoom(hosts: PackingHosts, flavors: PackingFlavors, free: Float64Array, hostOrder: readonly number[], f: number, placedBefore?: Int32Array): number[] {
  const out: number[] = [];
  const F = flavors.names.length;
  for (const h of hostOrder) if (fitCount(hosts, free, h, flavors, f, placedBefore ? placedBefore[h * F + f]! : 0) > 0) out.push(h);
  return out;
}

/**
 * A binary max-heap of host indices ordered by (mem desc, cpu desc, index asc), the keys read
 * from the arrays the caller updates (then calls siftDownTop for the top host).
 */
class HostHeap {
  private readonly items: Int32Array;
  size = 0;
  constructor(
    private readonly mem: Float64Array,
    private readonly cpu: Float64Array,
  ) {
    this.items = new Int32Array(Math.max(1, mem.length));
  }
  /** a goes before b */
  private before(a: number, b: number): boolean {
    const ma = this.mem[a]!;
    const mb = this.mem[b]!;
    if (ma !== mb) return ma > mb;
    const ca = this.cpu[a]!;
    const cb = this.cpu[b]!;
    if (ca !== cb) return ca > cb;
    return a < b;
  }
  push(x: number): void {
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(x, items[p]!)) break;
      items[i] = items[p]!;
      i = p;
    }
    items[i] = x;
  }
  peek(): number {
    return this.items[0]!;
  }
  pop(): number {
    const top = this.items[0]!;
    this.size--;
    if (this.size > 0) {
      this.items[0] = this.items[this.size]!;
      this.siftDownTop();
    }
    return top;
  }
  /** The item that would be on top if the top were removed, or -1. */
  runnerUp(): number {
    if (this.size < 2) return -1;
    if (this.size === 2) return this.items[1]!;
    return this.before(this.items[1]!, this.items[2]!) ? this.items[1]! : this.items[2]!;
  }
  /** Restores the heap after the top item's key got smaller. */
  siftDownTop(): void {
    const items = this.items;
    const n = this.size;
    const x = items[0]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.before(items[r]!, items[l]!) ? r : l;
      if (!this.before(items[m]!, x)) break;
      items[i] = items[m]!;
      i = m;
    }
    items[i] = x;
  }
}
