/**
 * The storage part of a capacity curve without rebuilding the CRUSH tree and the rule views
 * per point: the tree grows host by host (storage/crush.ts appendCrushHost: the tree of the
 * first k hosts is a prefix of the tree of all of them, OSD ids included), and each rule keeps,
 * per CRUSH host, the raw bytes, OSD count and largest OSD of the OSDs it takes, plus the
 * running sum of their sizes. The rule views of the first k hosts are then built from those
 * per-host figures (O(hosts), not O(OSDs) with a Map per OSD as rule-view.ts ruleView), and
 * the rest is storage/ceph-plan.ts cephCapacityOfViews itself (re-protectable raw, PG plan,
 * rule sets, fullest OSD). Every sum is taken in the order ruleView takes it (OSD by OSD, in
 * tree order; per host from its first OSD), so the figures are the same doubles as
 * ruleSetCapacities(scenario, hosts.slice(0, k)). Two hosts with one name (ruleView would merge
 * them) make `ruleSets` return null: the caller runs ruleSetCapacities.
 * Source: headroom [model]; README "Procurement" (capacity curves).
 */
import { type DemandModel, demandModel } from '../forecast/demand.js';
import type { RuleSetCapacity } from '../model/ceph-plan.js';
import type { Host } from '../model/plan.js';
import type { Rack, Scenario } from '../model/scenario.js';
import { ruleSetCapacitiesOfViews } from '../storage/ceph-plan.js';
import { appendCrushHost, type CrushOsd, type CrushTree } from '../storage/crush.js';
import { appendOsdRuns, emptyOsdRuns, type OsdRuns, truncateOsdRuns } from '../storage/osd-runs.js';
import { failureDomains, type FailureDomainRaw, type HostRaw } from '../storage/raw.js';
import type { DomainCapacity } from '../storage/reprotect.js';
import type { RuleView } from '../storage/rule-view.js';
import { type CephSettings, resolveCephSettings } from '../storage/settings.js';
import { storageRemoval } from '../storage/tolerance.js';
import { topIndices } from '../compute/tolerance.js';

/** What one rule takes of each CRUSH host, in tree order. */
interface RuleHosts {
  /** rawPrefix[j] = Σ size of the rule's OSDs of the first j CRUSH hosts, OSD by OSD. */
  rawPrefix: number[];
  /** Indices into tree.osds of the OSDs the rule takes, in tree order. */
  osdIndices: number[];
  /** With a device class: those OSDs themselves (tree.osds[osdIndices[i]]), in the same order; else empty (the view takes tree.osds). */
  osdsTaken: CrushOsd[];
  /** osdPrefix[j] = how many of osdIndices lie in the first j CRUSH hosts. */
  osdPrefix: number[];
  /** rule-view.ts hostRawOf of the rule's OSDs: one entry per CRUSH host with some (never changed once made). */
  hostRaw: HostRaw[];
  /** hostRawPrefix[j] = entries of hostRaw among the first j CRUSH hosts. */
  hostRawPrefix: number[];
  /** The largest OSD the rule takes of each host, by name. */
  largest: Map<string, number>;
  /** The first entries of hostRaw whose largest OSD is the same, uniformLargestBytes (a fleet of one disk size: no lookup). */
  uniformCount: number;
  uniformLargestBytes: number;
  /**
   * Host failure domains (failureDomains(hostRaw, 'host')): one per entry of hostRaw with OSDs
   * and bytes, with its capacity (capacitiesOf: its largest OSD); never changed once made.
   */
  hostDomains: FailureDomainRaw[];
  hostCapacities: DomainCapacity[];
  /** hostDomainsPrefix[j] = entries of hostDomains among the first j CRUSH hosts. */
  hostDomainsPrefix: number[];
}

/** The Ceph rule-set capacities of the first k hosts of a growing host list. */
export class StorageCurveTree {
  private readonly settings: CephSettings;
  private readonly demand: DemandModel;
  private readonly tree: CrushTree = { hosts: [], osds: [] };
  /** Runs of equal OSDs of the tree (osd-runs.ts): those of a prefix are the runs starting in it. */
  private readonly runs: OsdRuns = emptyOsdRuns();
  /** After i hosts appended: CRUSH hosts and OSDs in the tree. */
  private readonly crushHostsEnd: number[] = [0];
  private readonly osdsEnd: number[] = [0];
  private readonly rules: RuleHosts[];
  private readonly names = new Set<string>();
  /** Hosts appended before the first repeated CRUSH host name (Infinity: none repeated). */
  private uniqueUpTo = Number.POSITIVE_INFINITY;
  /** The prefix arrays ruleSets hands out (its own: a fork starts empty). */
  private readonly scratch = new PrefixArrays();

  constructor(
    private readonly scenario: Scenario,
    hosts: readonly Host[] = [],
  ) {
    this.settings = resolveCephSettings(scenario.ceph);
    this.demand = demandModel(scenario);
    this.rules = this.settings.rules.map(() => ({
      rawPrefix: [0],
      osdIndices: [],
      osdsTaken: [],
      osdPrefix: [0],
      hostRaw: [],
      hostRawPrefix: [0],
      largest: new Map(),
      uniformCount: 0,
      uniformLargestBytes: 0,
      hostDomains: [],
      hostCapacities: [],
      hostDomainsPrefix: [0],
    }));
    for (let i = 0; i < hosts.length; i++) this.append(hosts[i]!);
  }

  /**
   * A tree of the first k hosts appended (the same state as a new tree of those hosts, without
   * building their CRUSH entries again), to grow along another list.
   */
  fork(k: number): StorageCurveTree {
    const t = new StorageCurveTree(this.scenario);
    const J = this.crushHostsEnd[k]!;
    const O = this.osdsEnd[k]!;
    copy(t.tree.hosts, this.tree.hosts, 0, J);
    copy(t.tree.osds, this.tree.osds, 0, O);
    copy(t.crushHostsEnd, this.crushHostsEnd, 1, k + 1);
    copy(t.osdsEnd, this.osdsEnd, 1, k + 1);
    copy(t.runs.start, this.runs.start, 0, this.runs.start.length);
    copy(t.runs.sizeBytes, this.runs.sizeBytes, 0, this.runs.start.length);
    copy(t.runs.crushWeight, this.runs.crushWeight, 0, this.runs.start.length);
    copy(t.runs.deviceClass, this.runs.deviceClass, 0, this.runs.start.length);
    truncateOsdRuns(t.runs, O);
    this.rules.forEach((x, r) => {
      const y = t.rules[r]!;
      copy(y.rawPrefix, x.rawPrefix, 1, J + 1);
      copy(y.osdIndices, x.osdIndices, 0, x.osdPrefix[J]!);
      if (x.osdsTaken.length > 0) copy(y.osdsTaken, x.osdsTaken, 0, x.osdPrefix[J]!);
      copy(y.osdPrefix, x.osdPrefix, 1, J + 1);
      copy(y.hostRaw, x.hostRaw, 0, x.hostRawPrefix[J]!);
      copy(y.hostRawPrefix, x.hostRawPrefix, 1, J + 1);
      for (const h of y.hostRaw) if (!y.largest.has(h.host)) y.largest.set(h.host, x.largest.get(h.host)!);
      y.uniformCount = Math.min(x.uniformCount, y.hostRaw.length);
      y.uniformLargestBytes = x.uniformLargestBytes;
      copy(y.hostDomains, x.hostDomains, 0, x.hostDomainsPrefix[J]!);
      copy(y.hostCapacities, x.hostCapacities, 0, x.hostDomainsPrefix[J]!);
      copy(y.hostDomainsPrefix, x.hostDomainsPrefix, 1, J + 1);
    });
    for (const h of t.tree.hosts) t.names.add(h.name);
    if (this.uniqueUpTo < k) t.uniqueUpTo = this.uniqueUpTo;
    return t;
  }

  /** Hosts appended so far. */
  get length(): number {
    return this.crushHostsEnd.length - 1;
  }

  /** Adds the next host of the list (any role: only storage hosts with OSDs enter the tree). */
  append(h: Host): void {
    if (h.role !== 'storage') {
      // appendCrushHost takes storage hosts only: the tree and its runs stay as they are
      this.crushHostsEnd.push(this.tree.hosts.length);
      this.osdsEnd.push(this.tree.osds.length);
      return;
    }
    const before = this.tree.hosts.length;
    const osdsBefore = this.tree.osds.length;
    appendCrushHost(this.scenario, this.tree, h);
    appendOsdRuns(this.runs, this.tree.osds, osdsBefore);
    if (this.tree.hosts.length > before) {
      const host = this.tree.hosts[before]!;
      if (this.names.has(host.name) && this.uniqueUpTo === Number.POSITIVE_INFINITY) this.uniqueUpTo = this.length;
      this.names.add(host.name);
      // one small function per rule and host (no closure per host)
      const rules = this.settings.rules;
      for (let r = 0; r < rules.length; r++) appendRuleHost(rules[r]!, this.rules[r]!, host);
    }
    this.crushHostsEnd.push(this.tree.hosts.length);
    this.osdsEnd.push(this.tree.osds.length);
  }

  /**
   * ruleSetCapacities({ ...scenario, racks }, first k hosts appended): the same figures; null
   * when two of those hosts share a name. O(hosts + OSDs × pools) for the PG plan. The tree and
   * views it hands to the capacity arithmetic are this tree's prefix arrays (PrefixArrays), not
   * copies: that arithmetic keeps none of them (it returns figures only).
   */
  ruleSets(k: number, racks: readonly Rack[]): RuleSetCapacity[] | null {
    const v = this.viewsOf(k, racks, this.scratch);
    if (!v) return null;
    const scenario = { ...this.scenario, racks: racks as Rack[] };
    // the tree is regular and the views take the OSDs of their class in tree order: the PG plan goes run by run
    return ruleSetCapacitiesOfViews(scenario, this.settings, v.tree, v.views, this.demand, this.runs);
  }

  /**
   * The CRUSH tree of the first k hosts appended and its rule views: buildCrushTree and
   * ruleView(tree, rule, racks, policy.tolerate) of each rule, the same figures; null when two
   * of those hosts share a name. Arrays of their own (slices).
   */
  views(k: number, racks: readonly Rack[]): { tree: CrushTree; views: RuleView[] } | null {
    return this.viewsOf(k, racks, null);
  }

  /** views(k, racks), the prefixes taken by `prefixes` (arrays reused by the next call), or sliced when null. */
  private viewsOf(k: number, racks: readonly Rack[], prefixes: PrefixArrays | null): { tree: CrushTree; views: RuleView[] } | null {
    if (k > this.length || k > this.uniqueUpTo) return null;
    const J = this.crushHostsEnd[k]!;
    const O = this.osdsEnd[k]!;
    const tree: CrushTree = prefixes
      ? { hosts: prefixes.of(0, this.tree.hosts, J), osds: prefixes.of(1, this.tree.osds, O) }
      : { hosts: this.tree.hosts.slice(0, J), osds: this.tree.osds.slice(0, O) };
    const take = <T>(slot: number, src: readonly T[], n: number): T[] => (prefixes ? prefixes.of(slot, src, n) : src.slice(0, n));
    const without = <T>(slot: number, src: readonly T[], n: number, removed: readonly number[]): T[] =>
      prefixes ? prefixes.without(slot, src, n, removed) : withoutIndices(src, n, removed);
    const views: RuleView[] = [];
    for (let r = 0; r < this.rules.length; r++) {
      const slot = 2 + 6 * r;
      views.push(
        this.view(
          tree,
          r,
          J,
          racks,
          (i, src, n) => take(slot + i, src, n),
          (src, n, removed) => without(slot + 5, src, n, removed),
        ),
      );
    }
    return { tree, views };
  }

  /**
   * rule-view.ts ruleView(tree of the first J CRUSH hosts, rule r, racks, tolerate), from the
   * per-host figures; `take(i, list, n)` = list.slice(0, n) (i: which list, 0..4), `without(list, n, removed)`
   * = withoutIndices(list, n, removed).
   */
  private view(
    tree: CrushTree,
    r: number,
    J: number,
    racks: readonly Rack[],
    take: <T>(i: number, src: readonly T[], n: number) => T[],
    without: <T>(src: readonly T[], n: number, removed: readonly number[]) => T[],
  ): RuleView {
    const rule = this.settings.rules[r]!;
    const x = this.rules[r]!;
    // the hosts of the prefix only: names are unique in it (ruleSets checks), so `largest` is read for them alone
    const hostRaw = take(0, x.hostRaw, x.hostRawPrefix[J]!);
    const uniform = hostRaw.length <= x.uniformCount ? x.uniformLargestBytes : null;
    const largest = x.largest;
    const osdIndices = take(1, x.osdIndices, x.osdPrefix[J]!);
    // the OSDs of the rule's class: those of osdIndices, in order
    const osds: CrushOsd[] = rule.deviceClass === undefined ? tree.osds : take(2, x.osdsTaken, x.osdPrefix[J]!);
    const { tolerate } = this.scenario.policy;
    if (rule.failureDomain === 'host' && tolerate.racks <= 0) {
      // Host domains and no rack loss: storageRemoval removes the tolerate.hosts hosts with the
      // most raw bytes (topIndices: the first on ties), each its own domain, so the domains and
      // capacities are prefixes of the lists kept per host, and the survivors those lists less
      // the removed hosts: no Set of names, no domain rebuilt per point.
      const D = x.hostDomainsPrefix[J]!;
      const domains = take(3, x.hostDomains, D);
      const capacities = take(4, x.hostCapacities, D);
      const removed = topIndices(D, Math.max(0, tolerate.hosts), (i) => domains[i]!.rawBytes);
      let tolerated: RuleView['tolerated'] = null;
      if (removed.length > 0) {
        tolerated = {
          // the capacities less the removed ones (removed is ascending)
          survivors: without(x.hostCapacities, D, removed),
          lost: removed.map((i) => domains[i]!.name),
          domainsRemaining: D - removed.length,
        };
      }
      return { rule, osdIndices, osds, rawBytes: x.rawPrefix[J]!, hostRaw, domains, capacities, tolerated };
    }
    const domains = failureDomains(hostRaw, rule.failureDomain, racks);
    const removal = storageRemoval(hostRaw, domains, rule.failureDomain, this.scenario.policy.tolerate);
    let tolerated: RuleView['tolerated'] = null;
    if (removal.removedHosts.length > 0) {
      const gone = new Set(removal.removedHosts);
      const left = hostRaw.filter((h) => !gone.has(h.host));
      const survivors = capacitiesOf(failureDomains(left, rule.failureDomain, racks), largest, uniform);
      const lost = removal.removedDomains.length > 0 ? removal.removedDomains : removal.removedHosts;
      tolerated = { survivors, lost, domainsRemaining: removal.domainsRemaining };
    }
    return { rule, osdIndices, osds, rawBytes: x.rawPrefix[J]!, hostRaw, domains, capacities: capacitiesOf(domains, largest, uniform), tolerated };
  }
}

/** StorageCurveTree.append's part for one rule `rule` (its state `x`) and one new CRUSH host. */
function appendRuleHost(rule: CephSettings['rules'][number], x: RuleHosts, host: CrushTree['hosts'][number]): void {
  let raw = 0;
  let count = 0;
  let largest = 0;
  let prefix = x.rawPrefix[x.rawPrefix.length - 1]!;
  for (let k = 0; k < host.osds.length; k++) {
    const o = host.osds[k]!;
    if (rule.deviceClass !== undefined && o.deviceClass !== rule.deviceClass) continue;
    raw = count === 0 ? o.sizeBytes : raw + o.sizeBytes;
    count += 1;
    largest = Math.max(largest, o.sizeBytes);
    prefix += o.sizeBytes;
    x.osdIndices.push(o.id);
    if (rule.deviceClass !== undefined) x.osdsTaken.push(o);
  }
  x.rawPrefix.push(prefix);
  x.osdPrefix.push(x.osdIndices.length);
  if (count > 0) {
    // rawBytes: Σ size of the host's OSDs the rule takes, from its first such OSD on (hostRawOf)
    x.hostRaw.push({ host: host.name, rack: host.rack, rawBytes: raw, osdCount: count });
    if (!x.largest.has(host.name)) x.largest.set(host.name, largest);
    if (x.hostRaw.length === 1) x.uniformLargestBytes = largest;
    if (x.uniformCount === x.hostRaw.length - 1 && largest === x.uniformLargestBytes) x.uniformCount += 1;
    if (raw > 0) {
      // with the host's name unique in the prefix (ruleSets checks), its largest OSD is the one just found
      x.hostDomains.push({ name: host.name, rawBytes: raw, osdCount: count, hosts: [host.name] });
      x.hostCapacities.push({ name: host.name, rawBytes: raw, largestOsdBytes: largest });
    }
  }
  x.hostRawPrefix.push(x.hostRaw.length);
  x.hostDomainsPrefix.push(x.hostDomains.length);
}

/**
 * Prefixes of append-only lists, each kept in one array from call to call: `of(slot, list, n)`
 * is list.slice(0, n) (the same items in the same order), made from the array the slot handed
 * out last by dropping its tail or appending the list's next items, so a run of nearby prefixes
 * (the curve's points) copies only the difference. The list of a slot must only have grown since
 * (the tree's lists do), and an array handed out is valid until the slot's next call.
 */
export class PrefixArrays {
  private readonly arrays: unknown[][] = [];
  /** Per slot of `without`: the list length and removed indices its array was made for. */
  private readonly made: ({ n: number; removed: readonly number[] } | undefined)[] = [];

  /**
   * withoutIndices(list, n, removed) as one array reused between calls of the slot: when the
   * removed indices are those of the call before and lie below both lengths, the array only
   * changes past them (its tail dropped, or the list's next items appended); else it is
   * rebuilt. `removed`: ascending indices (the fast path reads the last as the largest). The
   * same conditions as `of`.
   */
  without<T>(slot: number, list: readonly T[], n: number, removed: readonly number[]): T[] {
    let a = this.arrays[slot] as T[] | undefined;
    if (!a) {
      a = [];
      this.arrays[slot] = a;
    }
    const made = this.made[slot];
    const last = removed.length > 0 ? removed[removed.length - 1]! : -1;
    if (made !== undefined && last < Math.min(made.n, n) && sameIndices(made.removed, removed)) {
      // a = list[0 .. made.n) less `removed`, all below n: list[0 .. n) less them is its first n - |removed| items, or a + list[made.n .. n)
      if (made.n > n) a.length = n - removed.length;
      else for (let i = made.n; i < n; i++) a.push(list[i]!);
    } else {
      a.length = 0;
      pushWithout(a, list, n, removed);
    }
    this.made[slot] = { n, removed: made !== undefined && sameIndices(made.removed, removed) ? made.removed : [...removed] };
    return a;
  }

  /** list.slice(0, n) as the slot's array, reused between calls (see the class). */
  of<T>(slot: number, list: readonly T[], n: number): T[] {
    let a = this.arrays[slot] as T[] | undefined;
    if (!a) {
      a = [];
      this.arrays[slot] = a;
    }
    if (a.length > n) a.length = n;
    else for (let i = a.length; i < n; i++) a.push(list[i]!);
    return a;
  }
}

/** list.slice(0, n) less the items at `removed` (ascending indices), in order. */
export function withoutIndices<T>(list: readonly T[], n: number, removed: readonly number[]): T[] {
  return pushWithout([], list, n, removed);
}

/** Appends list[0 .. n) less the items at `removed` (ascending indices) to `out`, in order; returns out. */
function pushWithout<T>(out: T[], list: readonly T[], n: number, removed: readonly number[]): T[] {
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (next < removed.length && removed[next] === i) next += 1;
    else out.push(list[i]!);
  }
  return out;
}

const sameIndices = (a: readonly number[], b: readonly number[]): boolean => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

/** rule-view.ts capacitiesOf with the largest OSD of each host already known (`uniform`: the same for every host). */
function capacitiesOf(domains: readonly FailureDomainRaw[], largest: ReadonlyMap<string, number>, uniform: number | null): DomainCapacity[] {
  return domains.map((d) => ({
    name: d.name,
    rawBytes: d.rawBytes,
    largestOsdBytes: uniform ?? d.hosts.reduce((m, h) => Math.max(m, largest.get(h) ?? 0), 0),
  }));
}

/** Appends src[from .. to) to dst (no spread: the lists can hold more items than a call takes arguments). */
function copy<T>(dst: T[], src: readonly T[], from: number, to: number): void {
  for (let i = from; i < to; i++) dst.push(src[i]!);
}
