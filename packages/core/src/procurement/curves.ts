/**
 * Capacity curves: what a role gains from n more order units of its purchase rule. The
 * capacity of a fleet does not depend on demand, so for each epoch of the fleet timeline
 * without purchases and each role with a rule,
 *
 *   f(n) = the resource series (capacity, capacityTolerated) of the epoch's hosts plus n order
 *          units of the rule's hardware placed by the rack placement rule (placement.ts),
 *
 * computed with the same arithmetic as evaluate (planCompute / planStorage -> resourceSeries,
 * forecast/resources.ts), so the figures match it exactly. f is memoized per (epoch, role, n)
 * and evaluated lazily; the units a month needs are found by galloping then binary search on n
 * (f is non-decreasing in n: more hosts of a model never remove capacity). Demand paths (the
 * schedule's, and every trial of the simulation) are then lookups. Source: headroom [model];
 * README "Procurement" (capacity curves).
 */
import { computeCapacity } from '../compute/capacity.js';
import { isOver, type ResourceSeries } from '../forecast/horizon.js';
import { computeSeries, storageSeries } from '../forecast/resources.js';
import type { FleetTimeline } from '../fleet/timeline.js';
import { epochAt } from '../fleet/timeline.js';
import type { Rack, Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';
import { ComputeCurveSums } from './compute-curve.js';
import { StorageCurveTree } from './storage-curve.js';
import { storageCapacity } from '../storage/capacity.js';
import { resolveCephSettings } from '../storage/settings.js';
import { RackPlacer } from './placement.js';
import { slotRule, type ProcurementRole, type PurchaseRule } from '../model/procurement-rules.js';

/**
 * The most hosts procurement buys for one role over the horizon: the search for the units a
 * month needs stops there (a documented bound, not a convergence cap): 100,000 hosts.
 */
export const MAX_PURCHASED_HOSTS = 100_000;

/**
 * Units without any gain in capacity after which a model is taken not to supply a resource:
 * f(n0 + 64) = f(n0) (64 more units, all tolerated capacity unchanged).
 */
export const NO_GAIN_UNITS = 64;

/** The racks (in scenario order) that hold storage hosts at the start: a `ceph.failureDomain: rack` storage unit puts `batch` hosts in each. */
export function storageDomainRacks(scenario: Scenario, startHosts: readonly Host[]): string[] {
  const withStorage = new Set(startHosts.filter((h) => h.role === 'storage').map((h) => h.rack));
  return scenario.racks.map((r) => r.name).filter((r) => withStorage.has(r));
}

/** The rack targets of one order unit: one per domain rack for rack-domain storage, else one untargeted. */
export function unitTargets(scenario: Scenario, role: ProcurementRole, domains: readonly string[]): (string | undefined)[] {
  return role === 'storage' && scenario.ceph.failureDomain === 'rack' && domains.length > 0 ? [...domains] : [undefined];
}

/** Hosts per order unit: batch, times the domain racks for rack-domain storage. */
export const hostsPerUnit = (scenario: Scenario, role: ProcurementRole, rule: PurchaseRule, domains: readonly string[]): number =>
  rule.batch * unitTargets(scenario, role, domains).length;

/**
 * The series of one role's resources for a set of hosts and racks (compute.* or storage.pool.*):
 * computeSeries over computeCapacity (planCompute's totals without the flavor fit), storageSeries
 * over storageCapacity (planStorage itself: rule sets need the PG plan), so the same figures as resourceSeries in evaluate.
 */
export function roleSeries(scenario: Scenario, role: ProcurementRole, hosts: readonly Host[]): ResourceSeries[] {
  return role === 'compute' ? computeSeries(scenario, computeCapacity(scenario, hosts)) : storageSeries(scenario, storageCapacity(scenario, hosts));
}

/** Why units cannot be found: the model stops adding capacity, a host cannot be placed, or the bound. */
export type ShortReason = { kind: 'no_gain'; units: number } | { kind: 'space' | 'power'; units: number } | { kind: 'bound'; units: number };

/** One role's curve in one epoch. */
class Curve {
  private readonly placer: RackPlacer;
  private readonly placed: Host[] = [];
  /** hostsEnd[n], racksEnd[n]: placed hosts and racks after n units. */
  private readonly hostsEnd: number[] = [0];
  private readonly racksEnd: number[];
  private readonly values: (Map<string, ResourceSeries> | undefined)[] = [];
  /** series[n]: f(n) as a list (resourceSeries order); fast[n]: computed from the growing CRUSH tree (the fleet's names are unique). */
  private readonly series: ResourceSeries[][] = [];
  private readonly fast: boolean[] = [];
  /** Placed hosts are named namePrefix + 1, 2, ...: unique among them, and among all hosts when no base host's name has the prefix (freshNames). */
  private readonly namePrefix: string;
  private readonly freshNames: boolean;
  /** Units that cannot be placed (a host fits no rack, not even a new one), and why. */
  placeLimit: { units: number; reason: 'space' | 'power' } | null = null;

  /** The figures of base + placed hosts without re-running the role's plan (compute-curve.ts, storage-curve.ts). */
  readonly computeSums: ComputeCurveSums | null;
  readonly storageTree: StorageCurveTree | null;

  constructor(
    private readonly scenario: Scenario,
    private readonly role: ProcurementRole,
    private readonly rule: PurchaseRule,
    private readonly base: readonly Host[],
    private readonly targets: readonly (string | undefined)[],
    readonly maxUnits: number,
    /** new RackPlacer(scenario, scenario.racks, base), its own. */
    placer: RackPlacer,
  ) {
    this.placer = placer;
    this.namePrefix = `${role}-new-curve-`;
    this.freshNames = !base.some((h) => h.name.startsWith(this.namePrefix));
    this.racksEnd = [scenario.racks.length];
    this.computeSums = role === 'compute' ? new ComputeCurveSums(scenario, base) : null;
    this.storageTree = role === 'storage' ? new StorageCurveTree(scenario, base) : null;
  }

  /** Places units until n are placed; false when a host cannot be placed (placeLimit is set). O(units added). */
  private placeUpTo(n: number): boolean {
    while (this.hostsEnd.length - 1 < n) {
      if (this.placeLimit) return false;
      for (const target of this.targets) {
        for (let b = 0; b < this.rule.batch; b++) {
          const r = this.placer.place(this.role, this.rule.hardware, target);
          if (r.rack === null) {
            this.placeLimit = { units: this.hostsEnd.length - 1, reason: r.reason };
            return false;
          }
          const host: Host = { name: `${this.namePrefix}${this.placed.length + 1}`, role: this.role, hardware: this.rule.hardware, rack: r.rack };
          const zone = this.placer.zoneOf(r.rack);
          if (zone !== undefined) host.zone = zone;
          if (this.rule.aggregates) host.aggregates = [...this.rule.aggregates];
          this.placed.push(host);
          this.computeSums?.append(host, this.freshNames);
          this.storageTree?.append(host);
        }
      }
      this.hostsEnd.push(this.placed.length);
      this.racksEnd.push(this.placer.rackCount);
    }
    return true;
  }

  /** f(n): the role's series with n more units; null when n units cannot be placed. */
  at(n: number): Map<string, ResourceSeries> | null {
    const memo = this.values[n];
    if (memo) return memo;
    if (!this.placeUpTo(n)) return null;
    // the racks in scope only when read (the compute sums do not read them)
    const racks = (): Rack[] => this.placer.racksUpTo(this.racksEnd[n]!);
    const count = this.hostsEnd[n]!;
    const fast = this.computeSums ? this.computeSums.series(count) : this.storageRuleSets(count, racks());
    const series =
      fast ?? roleSeries({ ...this.scenario, racks: racks() }, this.role, this.placed.length === 0 && n === 0 ? this.base : [...this.base, ...this.placed.slice(0, count)]);
    const v = new Map(series.map((s) => [s.id, s]));
    this.values[n] = v;
    this.series[n] = series;
    this.fast[n] = fast !== null;
    return v;
  }

  /** f(n) as a list, when it was computed from the CRUSH tree of a fleet with unique names; else null (computes f(n) when needed). */
  storageList(n: number): ResourceSeries[] | null {
    if (!this.storageTree || !this.at(n)) return null;
    return this.fast[n] ? this.series[n]! : null;
  }

  /** storageSeries of base + the first `count` placed hosts from the growing CRUSH tree, or null (then roleSeries). */
  private storageRuleSets(count: number, racks: readonly Rack[]): ResourceSeries[] | null {
    const ruleSets = this.storageTree?.ruleSets(this.base.length + count, racks);
    return ruleSets ? storageSeries(this.scenario, { ceph: { ruleSets } }) : null;
  }

  /** f(n)'s tolerated capacity of `id` when f(n) is already computed, else null (computes nothing). */
  known(n: number, id: string): number | null {
    const v = this.values[n];
    return v ? (v.get(id)?.capacityTolerated ?? 0) : null;
  }

  /** Tolerated capacity of resource `id` with n more units (0 when the role has no such resource). */
  tolerated(n: number, id: string): number | null {
    const v = this.at(n);
    return v ? (v.get(id)?.capacityTolerated ?? 0) : null;
  }
}

/**
 * The curves of every rule over the epochs of a timeline without purchases, keyed by the
 * rule's slot key (model/procurement-rules.ts: `compute`, `storage`, `compute.<aggregate>`).
 * [model] A rule's curve counts its own units only: while searching, the hosts another rule
 * buys are not in it (they can only add capacity, so a search may buy a unit more than
 * needed, never fewer); the schedule is checked once with every purchase (schedule.ts).
 */
export class CapacityCurves {
  /** curves[epoch] by slot key, created on first use. */
  private readonly curves: Map<string, Curve>[];
  /** The epoch index of each horizon month. */
  private readonly epochOfMonth: number[];
  private readonly storageHosts: (Host[] | undefined)[] = [];
  /** Per base epoch, a placer of its hosts that places nothing (cloned for each use). */
  private readonly placers: (RackPlacer | undefined)[] = [];
  readonly domains: string[];

  constructor(
    private readonly scenario: Scenario,
    readonly base: FleetTimeline,
    startHosts: readonly Host[],
  ) {
    this.domains = storageDomainRacks(scenario, startHosts);
    this.curves = base.epochs.map(() => new Map());
    this.epochOfMonth = Array.from({ length: Math.max(1, base.horizonMonths) }, (_, t) => base.epochs.indexOf(epochAt(base, t)));
  }

  /**
   * The first epoch's hosts and the compute sums and CRUSH tree (forked when first asked for) the curves built on them (for
   * the roles whose curves exist), so that the check of the schedule does not build them again.
   */
  firstEpochFigures(): { hosts: readonly Host[]; compute?: ComputeCurveSums; storage?: () => StorageCurveTree } {
    const hosts = this.base.epochs[0]?.hosts ?? [];
    const out: { hosts: readonly Host[]; compute?: ComputeCurveSums; storage?: () => StorageCurveTree } = { hosts };
    for (const c of this.curves[0]?.values() ?? []) {
      if (c.computeSums && !out.compute) out.compute = c.computeSums.fork();
      const tree = c.storageTree;
      // forked when first needed (the tree of the first epoch's hosts, as it is then)
      if (tree && !out.storage) out.storage = () => tree.fork(hosts.length);
    }
    return out;
  }

  /**
   * The storage series of a fleet whose storage-role hosts (`storageHosts`, in fleet order) are
   * those of month t's epoch, in order, followed by hosts of the storage rule's hardware in any
   * racks and with any names, read off the storage curve: f(n), n = the added hosts / hosts per
   * unit. The figures of a rule set depend on the hosts' OSDs in order, on their racks only with
   * rack failure domains or a tolerated rack loss, and on their names only as keys, so this is
   * only when every Ceph rule has failure domain `host`, no rack loss is tolerated, the names of
   * `storageHosts` are unique, the added hosts make whole units and f(n) came from the curve's
   * CRUSH tree (its names unique too); else null (then compute them).
   */
  storageSeriesOf(t: number, storageHosts: readonly Host[]): ResourceSeries[] | null {
    const storage = this.storageRule();
    if (!storage) return null;
    const epoch = this.epochIndex(t);
    const base = this.storageHostsOf(epoch);
    if (storageHosts.length < base.length || !this.storageHostsFit(epoch, base, storage.rule.hardware, storageHosts)) return null;
    const added = storageHosts.length - base.length;
    if (added % storage.perUnit !== 0) return null;
    return this.curve(epoch, 'storage').storageList(added / storage.perUnit);
  }

  /**
   * The storage rule and its hosts per unit when storageSeriesOf may answer (a storage rule, no
   * tolerated rack loss, every Ceph rule with failure domain host), else null; worked out once.
   */
  private storageRule(): { rule: PurchaseRule; perUnit: number } | null {
    if (this.storageRuleMemo !== undefined) return this.storageRuleMemo;
    let out: { rule: PurchaseRule; perUnit: number } | null = null;
    if (
      this.scenario.procurement?.roles.storage &&
      this.scenario.policy.tolerate.racks <= 0 &&
      resolveCephSettings(this.scenario.ceph).rules.every((r) => r.failureDomain === 'host')
    ) {
      const { rule } = slotRule(this.scenario.procurement, 'storage')!;
      out = { rule, perUnit: hostsPerUnit(this.scenario, 'storage', rule, this.domains) };
    }
    this.storageRuleMemo = out;
    return out;
  }
  private storageRuleMemo: { rule: PurchaseRule; perUnit: number } | null | undefined;

  /**
   * True when every host of `storageHosts` is a storage host, the first ones those of `base`
   * (same names and models), the others of model `hardware`, and no two share a name. A list
   * that begins with the hosts of the list checked last (same objects, same base epoch) has only
   * its new hosts checked: each condition is a host's own, given the names before it.
   */
  private storageHostsFit(epoch: number, base: readonly Host[], hardware: string, storageHosts: readonly Host[]): boolean {
    let c = this.fitChecked;
    let from = c !== null && c.epoch === epoch && c.hosts.length <= storageHosts.length ? c.hosts.length : 0;
    for (let i = 0; i < from; i++) {
      if (c!.hosts[i] !== storageHosts[i]) {
        from = 0;
        break;
      }
    }
    if (c === null || from === 0) {
      c = { epoch, hosts: [], names: new Set(), fit: true };
      this.fitChecked = c;
    }
    for (let i = from; i < storageHosts.length; i++) {
      const h = storageHosts[i]!;
      c.hosts.push(h);
      if (!c.fit) continue;
      const b = base[i];
      if (h.role !== 'storage' || (b ? h.name !== b.name || h.hardware !== b.hardware : h.hardware !== hardware) || c.names.has(h.name)) c.fit = false;
      else c.names.add(h.name);
    }
    return c.fit;
  }
  /** The storage host list storageHostsFit checked last (its own copy), its base epoch, its names and the answer. */
  private fitChecked: { epoch: number; hosts: Host[]; names: Set<string>; fit: boolean } | null = null;

  /** new RackPlacer(scenario, scenario.racks, the hosts of base epoch `epoch`): a placer of its own, the epoch's hosts counted once for all. */
  placerAt(epoch: number): RackPlacer {
    let p = this.placers[epoch];
    if (!p) {
      p = new RackPlacer(this.scenario, this.scenario.racks, this.base.epochs[epoch]!.hosts);
      this.placers[epoch] = p;
    }
    return p.clone();
  }

  /** The storage-role hosts of a base epoch, in order. */
  private storageHostsOf(epoch: number): Host[] {
    let hosts = this.storageHosts[epoch];
    if (!hosts) {
      hosts = this.base.epochs[epoch]!.hosts.filter((h) => h.role === 'storage');
      this.storageHosts[epoch] = hosts;
    }
    return hosts;
  }

  /** The index of the epoch of month t. */
  epochIndex(t: number): number {
    return this.epochOfMonth[t] ?? this.base.epochs.indexOf(epochAt(this.base, t));
  }

  private curve(epoch: number, key: string): Curve {
    const slots = this.curves[epoch]!;
    let c = slots.get(key);
    if (!c) {
      const { role, rule } = slotRule(this.scenario.procurement!, key)!;
      const perUnit = hostsPerUnit(this.scenario, role, rule, this.domains);
      const maxUnits = Math.max(1, Math.floor(MAX_PURCHASED_HOSTS / Math.max(1, perUnit)));
      c = new Curve(this.scenario, role, rule, this.base.epochs[epoch]!.hosts, unitTargets(this.scenario, role, this.domains), maxUnits, this.placerAt(epoch));
      slots.set(key, c);
    }
    return c;
  }

  /** f(n) in month t: the series of the rule's role with n more units of rule `key` on the fleet of t's epoch (null: n units cannot be placed). */
  seriesAt(t: number, key: string, n: number): Map<string, ResourceSeries> | null {
    return this.curve(this.epochIndex(t), key).at(n);
  }

  /**
   * The fewest units n >= from such that resource `id` of `role` is not over `threshold` with
   * `demand` in month t (isOver(demand, f(n).capacityTolerated, threshold) false), or why none
   * is. First a secant guess: n = from + ceil((demand / threshold - f(from)) / g), g the gain per
   * unit (f(from) - f(from - 1) when already computed, else (f(from) - f(0)) / from, else
   * f(from + 1) - f(from), the smaller when both are known; f is close to linear in n), and
   * when it is short a second guess on the gain measured up to it; when a guess holds,
   * galloping down from it (-1, -2, -4, ...), else up from the last (+1, +2, +4, ...), and binary search between the
   * last two probes: O(log n) evaluations of f in the worst case, each memoized, and two when
   * the guess is right. f non-decreasing in n: the answer does not depend on the probes.
   */
  unitsNeeded(t: number, key: string, id: string, demand: number, threshold: number, from: number): { units: number } | { units: null; short: ShortReason } {
    const c = this.curve(this.epochIndex(t), key);
    const ok = (n: number): boolean | null => {
      const cap = c.tolerated(n, id);
      return cap === null ? null : !isOver(demand, cap, threshold);
    };
    const placeShort = (): { units: null; short: ShortReason } => ({ units: null, short: { kind: c.placeLimit!.reason, units: c.placeLimit!.units } });
    const first = ok(from);
    if (first === null) return placeShort();
    if (first) return { units: from };
    const base = c.tolerated(from, id)!;
    let lo = from;
    // the gain per unit: the last unit's when f(from - 1) is already known (f bends: the
    // fullest-OSD factor falls as OSDs are added), else the mean over the units bought so far,
    // else f(from + 1) - f(from)
    const prev = from > 0 ? c.known(from - 1, id) : null;
    const f0 = from > 0 ? c.tolerated(0, id) : null;
    const mean = f0 !== null && base > f0 ? (base - f0) / from : null;
    const last = prev !== null && base > prev ? base - prev : null;
    // the smaller of the two: a guess past the answer costs fewer probes than one short of it
    const perUnit = mean !== null && last !== null ? Math.min(mean, last) : (last ?? mean ?? (c.tolerated(from + 1, id) ?? base) - base);
    /** From a guess that holds: down (-1, -2, -4, ...) to a count that is over (at least `floor`, which is), then bisect. */
    const down = (guess: number, floor: number): number => {
      let hi = guess;
      for (let step = 1; ; step *= 2) {
        const below = Math.max(floor, hi - step);
        if (below === floor || ok(below) === false) return this.bisect(ok, below, hi);
        hi = below;
      }
    };
    const target = demand / threshold;
    if (perUnit > 0 && threshold > 0) {
      const guess = Math.min(c.maxUnits, from + Math.max(1, Math.ceil((target - base) / perUnit)));
      const g = ok(guess);
      if (g === true) return { units: down(guess, from) };
      if (g === false) {
        lo = guess;
        // a second guess on the gain measured between from and the first guess
        const fg = c.tolerated(guess, id)!;
        const gain = (fg - base) / (guess - from);
        if (gain > 0 && guess < c.maxUnits) {
          const second = Math.min(c.maxUnits, guess + Math.max(1, Math.ceil((target - fg) / gain)));
          const g2 = ok(second);
          if (g2 === true) return { units: down(second, guess) };
          if (g2 === false) lo = second;
        }
      }
    }
    let step = 1;
    for (;;) {
      const hi = Math.min(lo + step, c.maxUnits);
      const r = ok(hi);
      if (r === null) {
        // the last placeable count may still do: search below the limit
        const limit = c.placeLimit!.units;
        if (limit > lo && ok(limit)) return { units: this.bisect(ok, lo, limit) };
        return placeShort();
      }
      if (r) return { units: this.bisect(ok, lo, hi) };
      if (hi - from >= NO_GAIN_UNITS && c.tolerated(hi, id)! <= base) return { units: null, short: { kind: 'no_gain', units: hi - from } };
      if (hi >= c.maxUnits) return { units: null, short: { kind: 'bound', units: c.maxUnits } };
      lo = hi;
      step *= 2;
    }
  }

  /** The smallest n in (lo, hi] with ok(n), given !ok(lo) and ok(hi). */
  private bisect(ok: (n: number) => boolean | null, lo: number, hi: number): number {
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (ok(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}
