/**
 * The compute part of a capacity curve without re-running computeCapacity per point: the
 * fleet's Placement totals and tolerated capacity kept as sums per resource class, rack and
 * zone, so that the figures of a fleet plus some added hosts cost O(added hosts + racks +
 * zones), not O(fleet) (compute/capacity.ts computeCapacity is O(fleet) and allocates per host).
 *
 * The arithmetic is computeCapacity's (compute/tolerance.ts toleratedLosses, the N+1 policy
 * per class), rewritten on sums:
 *
 *   total[rc]     = Σ over compute hosts of capacity[rc]
 *   loss[rc]      = max( Σ of the tolerate.hosts largest host capacities of rc,
 *                        Σ of the tolerate.racks largest rack sums of rc       (racks > 0),
 *                        Σ of the tolerate.zones largest zone sums of rc       (zones > 0, 2+ zones) )
 *   tolerated[rc] = total[rc] − loss[rc]
 *
 * computeCapacity sums the survivors host by host instead; both are the same number when
 * every sum is exact in binary floating point: every capacity a multiple of 2^-K and every
 * total below 2^(53-K) (K is found per fleet; integer vCPU and MiB figures give K = 0). Then
 * any order of additions gives the same double. When that does not hold (an allocation ratio
 * such as 1.2), or the scenario uses heterogeneous compute (host groups, compute/host-groups.ts),
 * or two hosts share a name, `series` returns null and the caller runs computeCapacity.
 * Source: headroom [model]; README "Procurement" (capacity curves).
 */
import { computeDemandMonth0, flavorRequests } from '../compute/compute-plan.js';
import { capacityVector, usesHeterogeneousCompute } from '../compute/host-offer.js';
import { computeInventories, orderClasses } from '../compute/placement.js';
import type { CapacityVector } from '../compute/tolerance.js';
import { computeSeries } from '../forecast/resources.js';
import type { ResourceSeries } from '../forecast/horizon.js';
import type { Host, ResourceClass } from '../model/plan.js';
import type { Scenario } from '../model/scenario.js';

/** 2^53: doubles hold every integer of smaller magnitude exactly. */
const EXACT_LIMIT = 2 ** 53;
/** The finest binary fraction accepted: capacities that are not multiples of 2^-MAX_K use computeCapacity. */
const MAX_K = 32;

/** The fewest binary fraction digits of v (v × 2^k an integer), or null beyond MAX_K (or not finite, or negative). */
function fractionBits(v: number): number | null {
  if (!Number.isFinite(v) || v < 0) return null;
  for (let k = 0; k <= MAX_K; k++) if (Number.isInteger(v * 2 ** k)) return k;
  return null;
}

/** Sums of one fleet: totals, per rack and zone, and the largest host capacities, per class. */
interface Sums {
  total: Map<string, number>;
  rack: Map<string, Map<string, number>>;
  zone: Map<string, Map<string, number>>;
  /** The tolerate.hosts largest host capacities of each class, largest first. */
  top: Map<string, number[]>;
  bits: number;
  exact: boolean;
}

/** Added compute hosts that have the same figures: same model, rack and zone. */
interface AddedGroup {
  hardware: string;
  rack: string;
  zone: string | undefined;
}

/**
 * The compute figures (computeCapacity's totals and tolerated capacity) of a base fleet plus
 * the first k hosts of a growing list of added hosts (`append`). The added hosts are counted
 * per (model, rack, zone), so a point costs O(k + groups × classes + racks + zones).
 */
export class ComputeCurveSums {
  private readonly usable: boolean;
  private readonly vectors: Map<string, { v: [string, number][]; bits: number | null }>;
  private readonly demand: CapacityVector;
  private readonly base: Sums;
  /** The base hosts' names (shared by forks) and the appended hosts'. */
  private readonly baseNames: Set<string>;
  private readonly names = new Set<string>();
  private readonly groups: AddedGroup[] = [];
  private readonly groupIndex = new Map<string, Map<string, Map<string | undefined, number>>>();
  /** No tolerated rack or zone loss: groups are per model (groupOf), here by model; the last model appended and its group. */
  private readonly byModel: boolean;
  private readonly modelGroups = new Map<string, number>();
  private lastHardware: string | null = null;
  private lastGroup = -1;
  /** Per appended host: its group, or -1 (not a compute host of a known model). */
  private readonly added: number[] = [];
  /** Appended hosts before the first whose name repeats an earlier one (Infinity: none). */
  private uniqueUpTo = Number.POSITIVE_INFINITY;

  constructor(
    private readonly scenario: Scenario,
    base: readonly Host[],
    /** Another instance whose base (and so figures) this one shares: see fork(). */
    shared?: ComputeCurveSums,
  ) {
    const { racks: R, zones: Z = 0 } = scenario.policy.tolerate;
    this.byModel = R <= 0 && Z <= 0;
    if (shared) {
      this.usable = shared.usable;
      this.vectors = shared.vectors;
      this.demand = shared.demand;
      this.base = shared.base;
      this.baseNames = shared.baseNames;
      return;
    }
    this.vectors = new Map();
    this.baseNames = new Set();
    this.usable = !usesHeterogeneousCompute(scenario);
    this.demand = this.usable ? computeDemandMonth0(scenario, flavorRequests(scenario)).demand : {};
    this.base = { total: new Map(), rack: new Map(), zone: new Map(), top: new Map(), bits: 0, exact: this.usable };
    if (!this.usable) return;
    // hosts of one model, rack and zone added at once, in the order of their first host
    const index = new Map<string, Map<string, Map<string | undefined, { h: Host; n: number }>>>();
    const groups: { h: Host; n: number }[] = [];
    // per model alone without a tolerated rack or zone loss (see groupOf), the last model's kept
    const models = new Map<string, { h: Host; n: number }>();
    let last: { h: Host; n: number } | undefined;
    for (let i = 0; i < base.length; i++) {
      const h = base[i]!;
      if (!this.isCompute(h)) continue;
      if (this.baseNames.has(h.name)) this.base.exact = false;
      this.baseNames.add(h.name);
      if (this.byModel) {
        if (last?.h.hardware !== h.hardware) {
          last = models.get(h.hardware);
          if (!last) {
            last = { h, n: 0 };
            models.set(h.hardware, last);
            groups.push(last);
          }
        }
        last.n += 1;
        continue;
      }
      const g = nested(nested(index, h.hardware), h.rack).get(h.zone);
      if (g) g.n += 1;
      else {
        const fresh = { h, n: 1 };
        index.get(h.hardware)!.get(h.rack)!.set(h.zone, fresh);
        groups.push(fresh);
      }
    }
    for (const { h, n } of groups) this.add(this.base, h.hardware, h.rack, h.zone, n);
  }

  private isCompute(h: Host): boolean {
    return h.role === 'compute' && Object.hasOwn(this.scenario.hardware, h.hardware);
  }

  /** The same base fleet with no host appended: its sums are shared, not recomputed. */
  fork(): ComputeCurveSums {
    return new ComputeCurveSums(this.scenario, [], this);
  }

  /** Appended hosts so far. */
  get length(): number {
    return this.added.length;
  }

  /**
   * Adds the next host of the list (hosts of other roles count in k but add nothing). `fresh`:
   * the caller knows its name differs from every other host's, base and appended (not looked up).
   */
  append(h: Host, fresh = false): void {
    const g = this.usable && h.role === 'compute' ? this.groupOf(h) : -1;
    if (g >= 0 && !fresh) {
      if ((this.baseNames.has(h.name) || this.names.has(h.name)) && this.uniqueUpTo === Number.POSITIVE_INFINITY) this.uniqueUpTo = this.added.length;
      this.names.add(h.name);
    }
    this.added.push(g);
  }

  /**
   * The group of an appended compute host, made when new; -1 for a model the scenario does not
   * have. Without a tolerated rack or zone loss no rack or zone sum is read (see series), so the
   * group is the model alone, and the last model's group is kept (hosts come in runs of one model).
   */
  private groupOf(h: Host): number {
    if (this.byModel) {
      if (h.hardware === this.lastHardware) return this.lastGroup;
      if (!Object.hasOwn(this.scenario.hardware, h.hardware)) return -1;
      let g = this.modelGroups.get(h.hardware);
      if (g === undefined) {
        g = this.groups.length;
        this.groups.push({ hardware: h.hardware, rack: '', zone: undefined });
        this.modelGroups.set(h.hardware, g);
      }
      this.lastHardware = h.hardware;
      this.lastGroup = g;
      return g;
    }
    if (!Object.hasOwn(this.scenario.hardware, h.hardware)) return -1;
    // model -> rack -> zone (undefined for none): no key string built per host
    let byRack = this.groupIndex.get(h.hardware);
    if (!byRack) {
      byRack = new Map();
      this.groupIndex.set(h.hardware, byRack);
    }
    let byZone = byRack.get(h.rack);
    if (!byZone) {
      byZone = new Map();
      byRack.set(h.rack, byZone);
    }
    let g = byZone.get(h.zone);
    if (g === undefined) {
      g = this.groups.length;
      this.groups.push({ hardware: h.hardware, rack: h.rack, zone: h.zone });
      byZone.set(h.zone, g);
    }
    return g;
  }

  /**
   * Per group, its hosts among the first k appended, read only until the next call: moved from
   * the last call's k by the hosts in between (the curve's points and the check's epochs come
   * in nearly increasing k), not counted from 0. A group made after the last call has no host
   * before it (groups are made as hosts are appended at the end).
   */
  private countsUpTo(k: number): readonly number[] {
    const c = this.counts;
    while (c.length < this.groups.length) c.push(0);
    let i = this.countsK;
    for (; i < k; i++) {
      const g = this.added[i]!;
      if (g >= 0) c[g]! += 1;
    }
    for (; i > k; i--) {
      const g = this.added[i - 1]!;
      if (g >= 0) c[g]! -= 1;
    }
    this.countsK = k;
    return c;
  }
  private readonly counts: number[] = [];
  private countsK = 0;

  /** A host's capacity vector (classes with a value) and its fraction bits, per hardware model. */
  private vector(hardware: string): { v: [string, number][]; bits: number | null } {
    let c = this.vectors.get(hardware);
    if (!c) {
      const hw = this.scenario.hardware[hardware]!;
      const v = Object.entries(capacityVector(computeInventories(hw, this.scenario.openstack))).filter((e): e is [string, number] => e[1] !== undefined);
      let bits: number | null = 0;
      for (const [, x] of v) {
        const b = fractionBits(x);
        bits = b === null || bits === null ? null : Math.max(bits, b);
      }
      c = { v, bits };
      this.vectors.set(hardware, c);
    }
    return c;
  }

  /** Adds n hosts of a model in a rack (and zone). Products n × x are exact whenever the sums are (the caller checks). */
  private add(s: Sums, hardware: string, rack: string, zone: string | undefined, n: number): void {
    const { v, bits } = this.vector(hardware);
    if (bits === null) s.exact = false;
    else s.bits = Math.max(s.bits, bits);
    const { hosts: H, racks: R, zones: Z = 0 } = this.scenario.policy.tolerate;
    for (const [rc, x] of v) {
      s.total.set(rc, (s.total.get(rc) ?? 0) + n * x);
      // rack and zone sums only when a rack or zone loss is tolerated (else never read)
      if (R > 0) addTo(s.rack, rack, rc, n * x);
      if (Z > 0 && zone !== undefined) addTo(s.zone, zone, rc, n * x);
      if (H > 0) {
        let top = s.top.get(rc);
        if (!top) {
          top = [];
          s.top.set(rc, top);
        }
        for (let c = 0; c < Math.min(n, H); c++) {
          if (top.length >= H && !(x > top[top.length - 1]!)) break;
          let i = top.length;
          top.push(x);
          while (i > 0 && top[i - 1]! < x) {
            top[i] = top[i - 1]!;
            i--;
          }
          top[i] = x;
          if (top.length > H) top.pop();
        }
      }
    }
  }

  /**
   * computeSeries of the base fleet plus the first k appended hosts (what roleSeries(scenario,
   * 'compute', [...base, ...appended.slice(0, k)]) gives), or null when the sums are not exact
   * (see the module comment) or two of those hosts share a name.
   */
  series(k: number = this.length): ResourceSeries[] | null {
    if (!this.usable || !this.base.exact || k > this.added.length || k > this.uniqueUpTo) return null;
    const b = this.base;
    const s: Sums = {
      total: new Map(b.total),
      rack: new Map([...b.rack].map(([key, m]) => [key, new Map(m)])),
      zone: new Map([...b.zone].map(([key, m]) => [key, new Map(m)])),
      top: new Map([...b.top].map(([key, t]) => [key, [...t]])),
      bits: b.bits,
      exact: true,
    };
    const counts = this.countsUpTo(k);
    // No rack or zone sum is read without a tolerated rack or zone loss: the hosts of one model
    // are one group then (groupOf). The totals are the same doubles (every sum exact, or the
    // result is null: see the module comment, and with terms >= 0 a sum that reaches the exact
    // limit does so in any order), and `top` is the tolerate.hosts largest of the same values
    // whatever the grouping.
    this.groups.forEach((g, i) => {
      if (counts[i]! > 0) this.add(s, g.hardware, g.rack, g.zone, counts[i]!);
    });
    if (!s.exact) return null;
    const limit = EXACT_LIMIT / 2 ** s.bits;
    for (const x of s.total.values()) if (!(x < limit)) return null;
    const { tolerate } = this.scenario.policy;
    const emptyTotal: CapacityVector = { VCPU: 0, MEMORY_MB: 0 };
    if (this.scenario.openstack.ephemeralStorage === 'local') emptyTotal.DISK_GB = 0;
    const totalCapacity: CapacityVector = { ...emptyTotal };
    const toleratedCapacity: CapacityVector = { ...emptyTotal };
    for (const rc of orderClasses(s.total.keys())) {
      const total = s.total.get(rc)!;
      let loss = (s.top.get(rc) ?? []).reduce((a, x) => a + x, 0);
      if (tolerate.racks > 0) loss = Math.max(loss, largestSum(s.rack, rc, tolerate.racks));
      if ((tolerate.zones ?? 0) > 0 && s.zone.size >= 2) loss = Math.max(loss, largestSum(s.zone, rc, tolerate.zones ?? 0));
      totalCapacity[rc as ResourceClass] = total;
      toleratedCapacity[rc as ResourceClass] = total - loss;
    }
    return computeSeries(this.scenario, {
      ephemeralStorage: this.scenario.openstack.ephemeralStorage,
      totalCapacity,
      toleratedCapacity,
      demandMonth0: this.demand,
    });
  }
}

/** m.get(key), made empty first when absent. */
function nested<K, V extends Map<unknown, unknown>>(m: Map<K, V>, key: K): V {
  let v = m.get(key);
  if (!v) {
    v = new Map() as V;
    m.set(key, v);
  }
  return v;
}

function addTo(m: Map<string, Map<string, number>>, key: string, rc: string, x: number): void {
  let g = m.get(key);
  if (!g) {
    g = new Map();
    m.set(key, g);
  }
  g.set(rc, (g.get(rc) ?? 0) + x);
}

/** Σ of the n largest values of class rc over the groups (a group without rc counts 0). */
function largestSum(groups: Map<string, Map<string, number>>, rc: string, n: number): number {
  const xs: number[] = [];
  for (const g of groups.values()) xs.push(g.get(rc) ?? 0);
  xs.sort((a, c) => c - a);
  let sum = 0;
  for (let i = 0; i < Math.min(n, xs.length); i++) sum += xs[i]!;
  return sum;
}
