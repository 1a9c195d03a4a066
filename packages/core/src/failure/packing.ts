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
  return fitAt(hosts, free, h * hosts.classCount, h, flavors, f, already);
}

/** fitCount with host h's free amounts read from `free` at `at` (C values) instead of at h × C. */
function fitAt(hosts: PackingHosts, free: Float64Array, at: number, h: number, flavors: PackingFlavors, f: number, already: number): number {
  const C = hosts.classCount;
  let n = Number.POSITIVE_INFINITY;
  const cap = flavors.hostCap ? flavors.hostCap[f * hosts.names.length + h]! : -1;
  if (cap >= 0) n = Math.max(0, cap - already);
  for (let c = 0; c < C; c++) {
    const req = flavors.request[f * C + c]!;
    if (req <= 0) continue;
    if (req > hosts.maxUnit[h * C + c]! + EPS) return 0;
    const k = Math.floor((free[at + c]! + EPS) / req);
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
 * together.
 *
 * Which hosts a flavor's N instances land on: host h, holding j of them, ranks at key
 * (free RAM − j × RAM request, free VCPU − j × VCPU request, −h), a key that falls with every
 * instance; each instance takes the host with the highest key, so the N instances take the N
 * highest keys of all hosts' sequences (a merge of decreasing sequences), each host's
 * sequence cut at the instances that fit there (`fitCount`, which falls by one per instance).
 * When every free amount and request is a whole number and the flavor asks for RAM, that set
 * is found by level (`spreadByLevels`): the largest RAM level M that at least N keys reach,
 * all keys above M, and those at M by free VCPU, then host order; hosts with the same free
 * RAM, VCPU and fit are counted together, and consecutive alike hosts (`alikeRuns`: a
 * fleet of a few models in service order) are visited once per run, a run's free amounts
 * kept on its first host and copied to the others at the end: O(hosts × classes) once, then
 * O(runs + groups × log2(RAM range) + hosts placed on) per flavor, whatever N. Otherwise (fractional capacities: the order of the subtractions
 * could change a last bit) one instance after another from a heap (`spreadPlaceByHeap`),
 * which gives the same placement whenever both apply (packing.test.ts).
 * @param counts instances per flavor to add (index as in `flavors`)
 * @param from an earlier placement to add to (not changed, unless `options.takeFrom`); default: empty hosts
 * @param options `takeFrom`: the result takes `from`'s arrays and changes them (no copy; the
 * caller keeps no other use of `from`)
 */
export function spreadPlace(
  hosts: PackingHosts,
  flavors: PackingFlavors,
  counts: Int32Array,
  memClass: number,
  cpuClass: number,
  from?: Placement,
  options: { takeFrom?: boolean } = {},
): Placement {
  if (!levelsApply(hosts, flavors, counts, memClass, from ? from.free : hosts.capacity)) return spreadPlaceByHeap(hosts, flavors, counts, memClass, cpuClass, from);
  const H = hosts.names.length;
  const F = flavors.names.length;
  const C = hosts.classCount;
  const take = from !== undefined && options.takeFrom === true;
  const free = from ? (take ? from.free : Float64Array.from(from.free)) : emptyFree(hosts);
  const placed = from ? (take ? from.placed : Int32Array.from(from.placed)) : new Int32Array(H * F);
  const unplaced = from ? (take ? from.unplaced : Int32Array.from(from.unplaced)) : new Int32Array(F);
  let runs = alikeRuns(hosts, flavors, free, placed);
  const scratch = new Int32Array(runs.length + F); // a flavor splits one run at most
  for (let f = 0; f < F; f++) {
    if (counts[f]! <= 0) continue;
    const done = spreadByLevels(hosts, flavors, f, counts[f]!, memClass, cpuClass, free, placed, runs, scratch);
    unplaced[f] = unplaced[f]! + done.unplaced;
    runs = done.runs;
  }
  // the other hosts of a run take its first host's free amounts (the same subtractions from the same values)
  for (let i = 0; i + 1 < runs.length; i++) {
    const s = runs[i]!;
    const e = runs[i + 1]!;
    for (let h = s + 1; h < e; h++) for (let c = 0; c < C; c++) free[h * C + c] = free[s * C + c]!;
  }
  return { placed, free, unplaced };
}

/**
 * The runs of alike hosts for `spreadByLevels`: consecutive hosts with the same free amounts
 * and max_unit, and, when the flavors carry host caps, the same caps and instances of each
 * flavor. Everything `spreadByLevels` reads of a host (its fit, free RAM and VCPU) is then
 * the same along a run, and so is what it does to it (host order aside, at the tie level).
 * Returns the first host of each run, then H. O(hosts × (classes + flavors with caps)).
 */
function alikeRuns(hosts: PackingHosts, flavors: PackingFlavors, free: Float64Array, placed: Int32Array): number[] {
  const H = hosts.names.length;
  const F = flavors.names.length;
  const C = hosts.classCount;
  const { maxUnit } = hosts;
  const cap = flavors.hostCap;
  const out: number[] = [];
  for (let h = 0; h < H; h++) {
    let alike = h > 0;
    for (let c = 0; alike && c < C; c++) alike = free[h * C + c] === free[(h - 1) * C + c] && maxUnit[h * C + c] === maxUnit[(h - 1) * C + c];
    if (cap) for (let f = 0; alike && f < F; f++) alike = cap[f * H + h] === cap[f * H + h - 1] && placed[h * F + f] === placed[(h - 1) * F + f];
    if (!alike) out.push(h);
  }
  out.push(H);
  return out;
}

/**
 * Whether `spreadByLevels` places exactly as the heap does: every free amount (`free`) and
 * every request of a flavor with instances to place is a whole number (safe integer, so
 * every subtraction is exact and its order does not matter), and those flavors ask for RAM.
 */
function levelsApply(hosts: PackingHosts, flavors: PackingFlavors, counts: Int32Array, memClass: number, free: Float64Array): boolean {
  if (memClass < 0) return false;
  const C = hosts.classCount;
  for (let f = 0; f < counts.length; f++) {
    if (counts[f]! <= 0) continue;
    if (!(flavors.request[f * C + memClass]! > 0)) return false;
    for (let c = 0; c < C; c++) {
      const r = flavors.request[f * C + c]!;
      if (!Number.isSafeInteger(r) || r < 0) return false;
    }
  }
  return allSafeIntegers(free);
}

/** Number.isSafeInteger of every value, written out (the builtin is a call per amount): whole, and |v| <= 2^53 - 1. A loop of its own, so V8 optimises it early. */
function allSafeIntegers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(Math.floor(v) === v && Math.abs(v) <= Number.MAX_SAFE_INTEGER)) return false;
  }
  return true;
}

/**
 * Places `n` instances of flavor `f` (see spreadPlace: the n highest keys); changes `free`
 * (the first host's row of each run only: spreadPlace copies it to the run's other hosts
 * at the end) and `placed`. Assumes `levelsApply`. `runs` (see `alikeRuns`: first host of
 * each run, then H) lists runs of alike hosts; `group` is scratch of at least one entry per
 * run. Returns how many found no host and the runs after the placement (a run whose hosts
 * at the tie level are only partly taken splits in two; every other run's hosts take the
 * same number, so they stay alike).
 *
 * Hosts with room are grouped by (free RAM m, free VCPU v, fit k). A group's keys sit at
 * RAM levels m, m − r, ..., m − (k − 1) × r (r the RAM request), so the keys at RAM level
 * M or above number G(M) = Σ count × min(k, max(0, floor((m − M) / r) + 1)), falling in M.
 * If every fit together is at most n, each host takes its fit. Else M* = the largest whole
 * M with G(M) >= n (bisection between the lowest key and the highest); every key above M*
 * is taken (G(M* + 1) < n of them), and the rest, n − G(M* + 1), among the keys at exactly
 * M* (at most one per host, at j = (m − M*) / r instances), by free VCPU there (v − j × VCPU
 * request, highest first), then host order. O(runs + groups × log2(RAM range) + hosts
 * placed on).
 */
function spreadByLevels(
  hosts: PackingHosts,
  flavors: PackingFlavors,
  f: number,
  n: number,
  memClass: number,
  cpuClass: number,
  free: Float64Array,
  placed: Int32Array,
  runs: number[],
  group: Int32Array,
): { unplaced: number; runs: number[] } {
  const F = flavors.names.length;
  const C = hosts.classCount;
  const R = runs.length - 1;
  const r = flavors.request[f * C + memClass]!;
  const rc = cpuClass >= 0 ? flavors.request[f * C + cpuClass]! : 0;
  const gMem: number[] = [];
  const gCpu: number[] = [];
  const gFit: number[] = [];
  const gCount: number[] = [];
  const gNext: number[] = []; // the next group with the same free RAM, or -1
  const byMem = new Map<number, number>();
  let total = 0;
  let last = -1;
  for (let i = 0; i < R; i++) {
    const h = runs[i]!;
    const len = runs[i + 1]! - h;
    const fit = fitCount(hosts, free, h, flavors, f, placed[h * F + f]!);
    if (fit <= 0) {
      group[i] = -1;
      continue;
    }
    const mem = free[h * C + memClass]!;
    const cpu = cpuClass >= 0 ? free[h * C + cpuClass]! : 0;
    // runs often come in runs of one group: try the previous run's first
    let g = last >= 0 && gMem[last] === mem && gCpu[last] === cpu && gFit[last] === fit ? last : -1;
    let head = -1;
    if (g < 0) {
      head = byMem.get(mem) ?? -1;
      g = head;
      while (g >= 0 && (gCpu[g] !== cpu || gFit[g] !== fit)) g = gNext[g]!;
    }
    if (g < 0) {
      g = gMem.length;
      gMem.push(mem);
      gCpu.push(cpu);
      gFit.push(fit);
      gCount.push(0);
      gNext.push(head);
      byMem.set(mem, g);
    }
    gCount[g] = gCount[g]! + len;
    group[i] = g;
    last = g;
    total += fit * len;
  }
  const { request } = flavors;
  if (total <= n) {
    for (let i = 0; i < R; i++) if (group[i]! >= 0) placeRun(free, placed, request, f, C, F, runs[i]!, runs[i + 1]!, gFit[group[i]!]!);
    return { unplaced: n - total, runs };
  }
  const G = gMem.length;
  /** Keys at RAM level M or above. */
  const atOrAbove = (M: number): number => {
    let s = 0;
    for (let g = 0; g < G; g++) {
      const j = Math.floor((gMem[g]! - M) / r) + 1;
      if (j > 0) s += gCount[g]! * Math.min(gFit[g]!, j);
    }
    return s;
  };
  let lo = Number.POSITIVE_INFINITY; // atOrAbove(lo) = total >= n
  let hi = Number.NEGATIVE_INFINITY; // the highest key's level
  for (let g = 0; g < G; g++) {
    lo = Math.min(lo, gMem[g]! - (gFit[g]! - 1) * r);
    hi = Math.max(hi, gMem[g]!);
  }
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo + 1) / 2);
    if (atOrAbove(mid) >= n) lo = mid;
    else hi = mid - 1;
  }
  const level = lo;
  // per group: the keys above the level it gives, and the free VCPU of its key at the level (NaN: none there)
  const gAbove = new Float64Array(G);
  const gTieCpu = new Float64Array(G).fill(Number.NaN);
  let above = 0;
  const ties: number[] = [];
  for (let g = 0; g < G; g++) {
    const m = gMem[g]!;
    gAbove[g] = Math.min(gFit[g]!, Math.max(0, Math.floor((m - level - 1) / r) + 1));
    above += gCount[g]! * gAbove[g]!;
    const j = (m - level) / r;
    if (m >= level && (m - level) % r === 0 && j < gFit[g]!) {
      gTieCpu[g] = gCpu[g]! - j * rc;
      ties.push(g);
    }
  }
  // the keys at the level, by free VCPU: all those above the boundary VCPU, the first `rest` at it (host order)
  ties.sort((a, b) => gTieCpu[b]! - gTieCpu[a]!);
  let rest = n - above;
  let boundary = Number.NaN;
  for (let i = 0; i < ties.length; ) {
    const v = gTieCpu[ties[i]!]!;
    let count = 0;
    let k = i;
    for (; k < ties.length && gTieCpu[ties[k]!] === v; k++) count += gCount[ties[k]!]!;
    if (count >= rest) {
      boundary = v;
      break;
    }
    rest -= count;
    i = k;
  }
  // runs in host order: the first `rest` hosts at the boundary take one more (a run split there)
  const out: number[] = [];
  for (let i = 0; i < R; i++) {
    const s = runs[i]!;
    const e = runs[i + 1]!;
    out.push(s);
    const g = group[i]!;
    if (g < 0) continue;
    const k = gAbove[g]!;
    const v = gTieCpu[g]!;
    if (v > boundary) placeRun(free, placed, request, f, C, F, s, e, k + 1);
    else if (v === boundary && rest > 0) {
      const take = Math.min(rest, e - s);
      rest -= take;
      if (take < e - s) {
        // hosts s + take .. e − 1 stay one short: their own run, from the row as it was
        for (let c = 0; c < C; c++) free[(s + take) * C + c] = free[s * C + c]!;
        out.push(s + take);
        if (k > 0) placeRun(free, placed, request, f, C, F, s + take, e, k);
      }
      placeRun(free, placed, request, f, C, F, s, s + take, k + 1);
    } else if (k > 0) placeRun(free, placed, request, f, C, F, s, e, k);
  }
  out.push(runs[R]!);
  return { unplaced: 0, runs: out };
}

/** Hosts from..to − 1 (alike, a run's row at `from`) take k instances of flavor f each (spreadByLevels). */
function placeRun(free: Float64Array, placed: Int32Array, request: Float64Array, f: number, C: number, F: number, from: number, to: number, k: number): void {
  for (let c = 0; c < C; c++) free[from * C + c] = free[from * C + c]! - k * request[f * C + c]!;
  for (let h = from; h < to; h++) placed[h * F + f] = placed[h * F + f]! + k;
}

/**
 * spreadPlace one instance after another: a batch of a flavor goes to the top host of a heap
 * (most free RAM, then VCPU, then host order) while it stays ahead of the runner-up, so equal
 * hosts cost one heap operation per instance and unequal ones fewer. Used when spreadPlace's
 * levels do not apply; exported as the reference the levels are tested against.
 */
export function spreadPlaceByHeap(hosts: PackingHosts, flavors: PackingFlavors, counts: Int32Array, memClass: number, cpuClass: number, from?: Placement): Placement {
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
 * A host order cut into runs of alike hosts: adjacent hosts with the same free amounts,
 * max_unit and, when the flavors carry per-host caps, the same caps and instances before
 * (everything firstFitDecreasing reads of a host).
 */
export interface HostRuns {
  /** The host order. */
  order: ArrayLike<number>;
  /** Where run i starts in `order`, at [i]; [runs] = order.length. */
  start: Int32Array;
  /** Per host (index), its run. */
  runOf: Int32Array;
  /** Scratch: lost hosts per run, and per host whether it is counted (all 0 between calls). */
  lostIn: Int32Array;
  mark: Uint8Array;
}

/** The runs of `hostOrder` (see HostRuns). O(hosts × (classes + flavors with caps)). */
export function hostRuns(hosts: PackingHosts, flavors: PackingFlavors, free: Float64Array, hostOrder: ArrayLike<number>, placedBefore?: Int32Array): HostRuns {
  const H = hosts.names.length;
  const F = flavors.names.length;
  const C = hosts.classCount;
  const cap = flavors.hostCap;
  const { maxUnit } = hosts;
  const starts: number[] = [];
  const runOf = new Int32Array(H);
  for (let i = 0; i < hostOrder.length; i++) {
    if (i === 0 || !alikeHosts(free, maxUnit, C, cap, H, F, placedBefore, hostOrder[i - 1]!, hostOrder[i]!)) starts.push(i);
    runOf[hostOrder[i]!] = starts.length - 1;
  }
  starts.push(hostOrder.length);
  return { order: hostOrder, start: Int32Array.from(starts), runOf, lostIn: new Int32Array(starts.length), mark: new Uint8Array(H) };
}

/** Hosts a and b are alike for firstFitDecreasing (see HostRuns): free amounts, max_unit and, with caps, the caps and the instances before. */
function alikeHosts(
  free: Float64Array,
  maxUnit: Float64Array,
  C: number,
  cap: Int32Array | undefined,
  H: number,
  F: number,
  placedBefore: Int32Array | undefined,
  a: number,
  b: number,
): boolean {
  for (let c = 0; c < C; c++) if (free[a * C + c] !== free[b * C + c] || maxUnit[a * C + c] !== maxUnit[b * C + c]) return false;
  if (cap) {
    for (let f = 0; f < F; f++) if (cap[f * H + a] !== cap[f * H + b]) return false;
    if (placedBefore) for (let f = 0; f < F; f++) if (placedBefore[a * F + f] !== placedBefore[b * F + f]) return false;
  }
  return true;
}

/** The runs (indices, in order) whose hosts have room for at least one instance of flavor `f` in `free`. O(runs × classes). */
export function runsWithRoom(hosts: PackingHosts, flavors: PackingFlavors, free: Float64Array, runs: HostRuns, f: number, placedBefore?: Int32Array): number[] {
  const out: number[] = [];
  const F = flavors.names.length;
  for (let r = 0; r + 1 < runs.start.length; r++) {
    const h = runs.order[runs.start[r]!]!;
    if (fitCount(hosts, free, h, flavors, f, placedBefore ? placedBefore[h * F + f]! : 0) > 0) out.push(r);
  }
  return out;
}

/** How many parts' free amounts firstFitByRuns keeps in its first typed array (each next one holds twice as many). */
const FIRST_CHUNK = 2;

/** Alike hosts of one run after some instances landed: `n` hosts whose free amounts are at v[at .. at + C). */
interface RunPart {
  n: number;
  v: Float64Array;
  at: number;
}

/**
 * firstFitDecreasing(hosts, flavors, free, runs.order, lost as a mask, displaced, roomFor,
 * placedBefore) by runs of alike hosts, with the same answer: first fit visits a run's
 * surviving hosts one after another and, its hosts being alike, gives each of them
 * k = min(remaining, fit): the first q = min(n, floor(remaining / fit)) take `fit`, the next
 * one the rest, the others none. So a run is kept as parts of alike hosts (at most three
 * more per flavor that lands on it), each part's free amounts computed as first fit computes
 * each host's (free − k × request). `lost` lists the lost hosts (a repeat counts once); `roomFor(f)` lists
 * the runs with room for f on entry (runsWithRoom; default every run). `free` is not changed.
 * O(lost + flavors × (runs visited + parts)): hosts of a run are not visited one by one.
 * @returns instances per flavor that found no host
 */
export function firstFitByRuns(
  hosts: PackingHosts,
  flavors: PackingFlavors,
  free: Float64Array,
  runs: HostRuns,
  lost: readonly number[],
  displaced: Int32Array,
  roomFor?: (f: number) => readonly number[],
  placedBefore?: Int32Array,
): Int32Array {
  const F = flavors.names.length;
  const C = hosts.classCount;
  const R = runs.start.length - 1;
  const unplaced = new Int32Array(F);
  const { lostIn, mark } = runs;
  for (const h of lost) {
    if (mark[h]) continue;
    mark[h] = 1;
    lostIn[runs.runOf[h]!] = lostIn[runs.runOf[h]!]! + 1;
  }
  const changed = new Map<number, RunPart[]>();
  // the parts' new free amounts, C at a time, in chunks of FIRST_CHUNK, 2 × FIRST_CHUNK... parts
  // (one typed array per chunk, not per part); a full chunk is left to the parts that point
  // into it, never written again
  let chunk = new Float64Array(0);
  let used = 0;
  /** A part of p's hosts after each took k instances of f (free − k × request). */
  const after = (p: RunPart, f: number, k: number, n: number): RunPart => {
    if (used + C > chunk.length) {
      chunk = new Float64Array(Math.max(FIRST_CHUNK * C, 2 * chunk.length));
      used = 0;
    }
    const at = used;
    for (let c = 0; c < C; c++) chunk[at + c] = p.v[p.at + c]! - k * flavors.request[f * C + c]!;
    used += C;
    return { n, v: chunk, at };
  };
  const all = roomFor ? [] : Array.from({ length: R }, (_, r) => r);
  for (let f = 0; f < F; f++) {
    let remaining = displaced[f]!;
    if (remaining <= 0) continue;
    const list = roomFor ? roomFor(f) : all;
    for (let i = 0; i < list.length && remaining > 0; i++) {
      const run = list[i]!;
      const rep = runs.order[runs.start[run]!]!;
      let parts = changed.get(run);
      if (!parts) {
        const n = runs.start[run + 1]! - runs.start[run]! - lostIn[run]!;
        if (n <= 0) continue;
        parts = [{ n, v: free, at: rep * C }];
      }
      const already = placedBefore ? placedBefore[rep * F + f]! : 0;
      const next: RunPart[] = [];
      let touched = false;
      for (const p of parts) {
        const fit = remaining > 0 ? fitAt(hosts, p.v, p.at, rep, flavors, f, already) : 0;
        if (fit <= 0) {
          next.push(p);
          continue;
        }
        touched = true;
        const q = Math.min(p.n, Math.floor(remaining / fit));
        if (q > 0) next.push(after(p, f, fit, q));
        if (q > 0) remaining -= q * fit;
        if (q < p.n && remaining > 0) {
          next.push(after(p, f, remaining, 1));
          remaining = 0;
          if (p.n - q - 1 > 0) next.push({ n: p.n - q - 1, v: p.v, at: p.at });
        } else if (q < p.n) next.push({ n: p.n - q, v: p.v, at: p.at });
      }
      if (touched) changed.set(run, next);
    }
    unplaced[f] = remaining;
  }
  for (const h of lost) {
    mark[h] = 0;
    lostIn[runs.runOf[h]!] = 0;
  }
  return unplaced;
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
