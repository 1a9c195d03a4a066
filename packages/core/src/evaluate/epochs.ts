/**
 * Every analysis over the fleet timeline: Placement, Ceph, the control plane and the failure
 * domains run once per epoch (a run of months with the same hosts, fleet/timeline.ts) on the
 * hosts of that epoch, and their month-by-month answers are stitched together:
 *
 *   capacity(resource, t)   = that resource's capacity in the epoch holding month t;
 *   a finding of epoch e    = kept when its month (month 0 when it has none) is before e's end;
 *                             its month is max(month, e's first month): a condition the fleet of
 *                             e has from an earlier month holds from e's first month on (a fleet
 *                             that changes at e may not have had it before);
 *   harm of a failure domain = per harm code, the earliest kept month over the epochs.
 * Findings are then deduplicated by (code, subject), the earliest kept.
 *
 * The failure analysis of every epoch reads one placement of the instances across the
 * timeline (failure/placement-timeline.ts: delivered hosts arrive empty, retired hosts'
 * instances move to the fleet that stays) and evaluates only the epoch's months.
 *
 * The analyses are cached by the hosts they read: the compute plan by the compute hosts, the
 * Ceph plan by the storage hosts, so a compute delivery does not re-run Ceph. Each compute
 * host's Placement offer, flavor fit and capacity are worked out once for the whole timeline
 * (compute-plan.ts ComputeHostCache): an epoch pays only for its new hosts and its sums.
 *
 * Assumption (stated in the plan's failure assumptions): within one epoch, a harm that starts
 * in month m lasts to the epoch's end (demand does not shrink; with negative growth the first
 * month of harm is still reported).
 */
import { ComputeHostCache, planCompute } from '../compute/compute-plan.js';
import { CEPH_DAEMON_KINDS, cephDaemons } from '../control/ceph-daemons.js';
import { planControlPlane } from '../control/quorum.js';
import type { Finding } from '../diagnostics/types.js';
import { analyzeFailuresByClass, type HostClasses } from '../failure/analyze.js';
import { CephLossCarry } from '../failure/ceph-impact.js';
import { failureCarry } from '../failure/carry.js';
import { ComputeModelCarry, computeModel } from '../failure/compute-impact.js';
import { ContainmentScratch } from '../failure/containment.js';
import { domainCache } from '../failure/domains.js';
import { placementTimeline } from '../failure/placement-timeline.js';
import { failureFindings } from '../failure/findings.js';
import { makeImpact, monthText } from '../failure/harm.js';
import type { FailureDomain, FailureHarm, FailureImpact, FailurePlan } from '../model/failure.js';
import type { FleetEpoch, FleetTimeline } from '../fleet/timeline.js';
import { monthLabel } from '../forecast/growth.js';
import type { ResourceSeries } from '../forecast/horizon.js';
import { resourceSeries } from '../forecast/resources.js';
import type { Rack, Scenario } from '../model/scenario.js';
import { cephRecoveryBandwidth } from '../network/traffic.js';
import { AddedRacksInUse } from './added-racks.js';
import { RoleHosts } from '../fleet/role-hosts.js';
import { FailureHooksCarry, failureHooks } from './failure-hooks.js';
import type { ComputePlan, ControlPlanePlan, Host, StoragePlan } from '../model/plan.js';
import { CephCarry, cephBottleneck } from '../storage/ceph-plan.js';
import { planStorage } from '../storage/storage-plan.js';

/** What one epoch's analyses returned. */
export interface EpochPlan {
  epoch: FleetEpoch;
  compute: ComputePlan;
  storage: StoragePlan;
  control: ControlPlanePlan;
  series: ResourceSeries[];
  /** Findings of compute, storage and the control plane (the failure analysis is stitched separately: planEpochs' `failure`). */
  findings: Finding[];
}

/**
 * What planEpochs keeps between epochs, and may keep between two calls on one scenario (evaluate
 * plans the timeline with the purchases, then the one without: their month-0 fleet is one and
 * the same, planned once): the compute and Ceph plans by the hosts they read (and the racks in
 * view), per-host compute results, and the last Ceph plan's CRUSH tree (CephCarry). Every entry
 * is a function of the scenario and the hosts: sharing them changes no figure.
 */
export interface EpochCaches {
  computeCache: KeyedCache<ReturnType<typeof planCompute>>;
  computeHosts: ComputeHostCache;
  storageCache: KeyedCache<{ storage: ReturnType<typeof planStorage>; replication: ReturnType<typeof cephRecoveryBandwidth> }>;
  storageCarry: CephCarry;
}

/** Empty caches for planEpochs calls on `scenario` (and only on it). */
export function epochCaches(scenario: Scenario): EpochCaches {
  return {
    computeCache: new KeyedCache('compute'),
    // per-host compute results shared by the epochs (the timeline's Host objects are)
    computeHosts: new ComputeHostCache(scenario),
    storageCache: new KeyedCache('storage'),
    // the storage fleets of the epochs grow one from the other: each planStorage extends the last one's CRUSH tree
    storageCarry: new CephCarry(),
  };
}

/**
 * The analyses of every epoch of `timeline`, in epoch order, and the failure analyses of the
 * epochs stitched into one (`FailureStitch`; null with options.failure false). Each epoch's
 * failure analysis is merged as soon as it is done and not kept: at 10,000 hosts an epoch's
 * domains and impacts are tens of thousands of records; its one-host domains come by class
 * (analyzeFailuresByClass; options.hostClasses false builds each, for tests: the same result).
 */
export function planEpochs(
  scenario: Scenario,
  timeline: FleetTimeline,
  options: { failure?: boolean; hostClasses?: boolean; caches?: EpochCaches } = {},
): { epochs: EpochPlan[]; failure: { plan: FailurePlan; findings: Finding[] } | null } {
  const { computeCache, computeHosts, storageCache, storageCarry } = options.caches ?? epochCaches(scenario);
  const epochs: EpochPlan[] = [];
  const views: { view: Scenario; replication: ReturnType<typeof cephRecoveryBandwidth> }[] = [];
  const addedRacks = new AddedRacksInUse(scenario.racks.length, timeline.racks);
  // the compute and storage analyses read only their role's hosts (each filters by role, in
  // order): they are given those hosts, carried from epoch to epoch, not the whole fleet
  const roleHosts = new RoleHosts(['compute', 'storage', 'control']);
  for (const epoch of timeline.epochs) {
    // The racks purchases add exist from the first month a host stands in them.
    const rackNames = addedRacks.of(epoch.hosts);
    const view: Scenario = { ...scenario, racks: timeline.racks.filter((r, i) => i < scenario.racks.length || rackNames.has(r.name)) };
    const [computeOnly, storageOnly, controlOnly] = roleHosts.of(epoch.hosts) as [Host[], Host[], Host[]];
    const compute = computeCache.get(view.racks.length, computeOnly, () => planCompute(view, computeOnly, computeHosts));
    const stored = storageCache.get(view.racks.length, storageOnly, () => {
      // The network plan's replication link caps Ceph recovery (the slowest storage model's
      // link, for every storage host); without a network: section, each host's fastest NIC card does.
      const replication = cephRecoveryBandwidth(view, storageOnly);
      const storage = planStorage(
        view,
        storageOnly,
        replication
          ? {
              replicationBitsPerSecondByHost: storageHostsAt(storageOnly, replication.perHostBitsPerSecond),
              replicationSource: `the network plan: ${replication.network} on ${replication.link}, ${replication.perHostBitsPerSecond / 1e9} Gbit/s per storage host`,
            }
          : {},
        storageCarry,
      );
      return { storage, replication };
    });
    // the control plane reads the controllers and the Ceph daemons' roles' hosts: the controllers alone when every daemon runs on them
    const daemons = cephDaemons(view);
    const control = planControlPlane(CEPH_DAEMON_KINDS.every((k) => daemons[k].role === 'control') ? controlOnly : epoch.hosts, daemons);
    views.push({ view, replication: stored.replication });
    epochs.push({
      epoch,
      compute: compute.plan,
      storage: stored.storage.plan,
      control: control.plan,
      series: resourceSeries(view, compute.plan, stored.storage.plan),
      findings: [...compute.findings, ...stored.storage.findings, ...control.findings],
    });
  }
  if (options.failure === false) return { epochs, failure: null };
  // One placement of the instances across the timeline (failure/placement-timeline.ts); each
  // epoch's analysis reads its own months: the months after the epoch are another fleet's.
  // each epoch's packing model covers months 0 .. its end (computeImpacts stops there); the
  // kept hosts' part of the model is carried from the previous epoch's
  const modelCarry = new ComputeModelCarry();
  const inputs = epochs.map((e, i) => ({
    model: computeModel({ ...views[i]!.view, horizonMonths: e.epoch.toMonth }, e.compute, e.epoch.hosts, modelCarry),
    fromMonth: e.epoch.fromMonth,
    toMonth: e.epoch.toMonth,
  }));
  const placements = placementTimeline(inputs);
  const stitch = new FailureStitch(scenario);
  const domains = domainCache(); // the fleet only grows between most epochs: its domains are extended
  const cephLosses = new CephLossCarry(); // the Ceph loss signatures' numbering, shared by the epochs
  const hooksCarry = new FailureHooksCarry(); // the hooks' per-host figures, extended by each epoch's new storage hosts
  const carry = failureCarry(); // and what was worked out for its hosts and harmless switches is kept
  const containment = new ContainmentScratch(); // the containment pass's work arrays, reused
  epochs.forEach((e, i) => {
    const { view, replication } = views[i]!;
    const failure = analyzeFailuresByClass(
      { ...view, horizonMonths: e.epoch.toMonth },
      e.epoch.hosts,
      e.compute,
      failureHooks(view, e.epoch.hosts, replication, hooksCarry),
      {
        model: inputs[i]!.model,
        window: { fromMonth: e.epoch.fromMonth, placements: placements[i]! },
      },
      { classes: options.hostClasses !== false, domains, ceph: cephLosses, carry, containment },
    );
    stitch.add(e.epoch, failure);
    inputs[i] = undefined as never; // the packing model and placements of a done epoch are not needed again
    placements[i] = undefined as never;
  });
  return { epochs, failure: stitch.result(() => rolesOf(timeline.hosts)) };
}

/**
 * The names of the racks after the first `initial` of `racks` (those purchases add) that some
 * host of `hosts` stands in. The hosts are read from the last (purchased hosts come last in
 * timeline order) and the scan stops once every such rack is found: O(hosts) at worst.
 */
export function addedRacksInUse(initial: number, racks: readonly Rack[], hosts: readonly Host[]): Set<string> {
  const present = new Set<string>();
  if (racks.length <= initial) return present;
  const wanted = new Set(racks.slice(initial).map((r) => r.name));
  for (let i = hosts.length - 1; i >= 0 && present.size < wanted.size; i--) if (wanted.has(hosts[i]!.rack)) present.add(hosts[i]!.rack);
  return present;
}

/** Each storage host of `hosts` → `value`, in host order (a Map built without intermediate lists). */
export function storageHostsAt(hosts: readonly Host[], value: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const h of hosts) if (h.role === 'storage') out.set(h.name, value);
  return out;
}

/**
 * Results by what an epoch's analysis of one role reads of its fleet: the racks in view and the
 * names of the role's hosts, in order. Two keys are the same when their rack counts are and the
 * role's names are, one by one (what joining the names into one string compared), found without
 * building a list of names: the entries are filed by (rack count, role host count), and a
 * candidate's hosts are walked alongside the epoch's, skipping the other roles' hosts (a Host
 * object met on both sides is the same name). O(hosts) per call.
 */
export class KeyedCache<T> {
  private readonly entries = new Map<string, { hosts: readonly Host[]; value: T }[]>();

  constructor(private readonly role: string) {}

  /** The value for (racks, the role's hosts of `hosts`), made by `make` the first time. */
  get(racks: number, hosts: readonly Host[], make: () => T): T {
    const { role } = this;
    let count = 0;
    for (let i = 0; i < hosts.length; i++) if (hosts[i]!.role === role) count++;
    const k = `${racks}|${count}`;
    const list = this.entries.get(k);
    for (const e of list ?? []) if (sameRoleNames(e.hosts, hosts, role)) return e.value;
    const value = make();
    if (list) list.push({ hosts, value });
    else this.entries.set(k, [{ hosts, value }]);
    return value;
  }
}

/**
 * The names of `role`'s hosts of `a` and of `b` are the same, one by one (both lists hold the
 * same number of them: KeyedCache files them so).
 */
export function sameRoleNames(a: readonly Host[], b: readonly Host[], role: string): boolean {
  if (a === b) return true;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && a[i]!.role !== role) i++;
    while (j < b.length && b[j]!.role !== role) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    const x = a[i++]!;
    const y = b[j++]!;
    if (x !== y && x.name !== y.name) return false;
  }
}

/**
 * The resource series over the horizon: month-0 demand and labels of the first epoch, capacity
 * and tolerated capacity per month from the epoch holding the month (0 where an epoch lacks
 * the resource).
 */
export function stitchSeries(epochs: readonly EpochPlan[], horizonMonths: number): ResourceSeries[] {
  const first = epochs[0]?.series ?? [];
  const count = Math.max(0, Math.floor(horizonMonths));
  return first.map((s) => {
    const capacityByMonth: number[] = [];
    const capacityToleratedByMonth: number[] = [];
    for (const e of epochs) {
      const own = e.series.find((x) => x.id === s.id);
      for (let t = e.epoch.fromMonth; t < Math.min(e.epoch.toMonth, count); t++) {
        capacityByMonth[t] = own?.capacity ?? 0;
        capacityToleratedByMonth[t] = own?.capacityTolerated ?? 0;
      }
    }
    return { ...s, capacityByMonth, capacityToleratedByMonth };
  });
}

/**
 * The storage plan as the report shows it: epoch 0's (the fleet at month 0: raw, pools,
 * MAX AVAIL, PGs), with the Ceph fill month by month from the epoch holding each month, and
 * each pool's runways (to nearfull, to its safe usable limit) by the stitching rule: the
 * earliest over the epochs of max(the epoch's own runway, its first month), when that is
 * before the epoch's end.
 */
export function stitchStorage(epochs: readonly EpochPlan[], start: string): StoragePlan {
  const first = epochs[0]!.storage;
  const ceph = first.ceph;
  if (!ceph || epochs.length === 1) return first;
  const months = ceph.months.map((m, t) => {
    const e = epochs.find((x) => x.epoch.fromMonth <= t && t < x.epoch.toMonth) ?? epochs[epochs.length - 1]!;
    return e.storage.ceph?.months[t] ?? m;
  });
  const runway = (pool: string, key: 'runwayToNearfullMonths' | 'runwayToSafeUsableMonths'): number | null => {
    let best: number | null = null;
    for (const e of epochs) {
      const own = e.storage.ceph?.pools.find((p) => p.name === pool)?.[key];
      if (own === null || own === undefined || own >= e.epoch.toMonth) continue;
      const at = Math.max(own, e.epoch.fromMonth);
      if (best === null || at < best) best = at;
    }
    return best;
  };
  const pools = ceph.pools.map((p) => ({
    ...p,
    runwayToNearfullMonths: runway(p.name, 'runwayToNearfullMonths'),
    runwayToSafeUsableMonths: runway(p.name, 'runwayToSafeUsableMonths'),
  }));
  return { ...first, ceph: { ...ceph, months, pools, bottleneck: cephBottleneck(pools, start) } };
}

/** Rewrites "2027-05 (month 4)" and "in 2027-05" of month `from` to month `to` in a message. */
function moveMonthText(message: string, start: string, from: number, to: number): string {
  if (from === to) return message;
  return message.split(monthText(start, from)).join(monthText(start, to)).split(monthLabel(start, from)).join(monthLabel(start, to));
}

/** A finding moved to month `to` (its message too). */
function atMonth(f: Finding, start: string, to: number): Finding {
  if (f.month === undefined) return { ...f, month: to };
  return { ...f, month: to, message: moveMonthText(f.message, start, f.month, to) };
}

/**
 * The findings of every epoch as one list (see the module comment): kept when their month is
 * before the epoch's end, moved to the epoch's first month when earlier, deduplicated by
 * (code, subject) keeping the earliest. Epoch 0's findings without a month stay without one.
 */
export function stitchFindings(perEpoch: readonly { epoch: FleetEpoch; findings: readonly Finding[] }[], start: string): Finding[] {
  const best = new Map<string, Finding>();
  for (const { epoch, findings } of perEpoch) {
    for (const f of findings) {
      const month = f.month ?? epoch.fromMonth;
      if (month >= epoch.toMonth) continue;
      const kept = epoch.fromMonth === 0 ? f : month < epoch.fromMonth || f.month === undefined ? atMonth(f, start, epoch.fromMonth) : f;
      const key = `${f.code}|${f.subject}`;
      const old = best.get(key);
      if (!old || (kept.month ?? 0) < (old.month ?? 0)) best.set(key, kept);
    }
  }
  return [...best.values()];
}

const NO_HARMS: ReadonlyMap<string, FailureHarm> = new Map();
const NO_KEPT: ReadonlyMap<string, number> = new Map();

/** One epoch's impact of a (domain, subsystem) cell, and the harm codes it keeps (code → its own month). */
type Candidate = { impact: FailureImpact; kept: ReadonlyMap<string, number> };
/**
 * A matrix cell over the epochs: the stitched harms, the latest candidate naming the most
 * harms, the last epoch's impact (while `best` is null, every candidate kept no harm: the last
 * one is this impact with NO_KEPT).
 */
type Cell = { harms: Map<string, FailureHarm> | null; best: Candidate | null; last: FailureImpact };
/**
 * The cells of a one-host domain after some epochs, shared by the hosts with the same history
 * (the same class, or built domain, in the same epochs): in first-appearance order, and the
 * stitched impacts once built (with domain '').
 */
type HostNode = { cells: { subsystem: string; cell: Cell }[]; out: FailureImpact[] | null };
/** A node numbered, not built yet (FailureStitch.addHosts, until `fill`). */
const PENDING_NODE: HostNode = { cells: [], out: null };
/** The nodes one epoch makes, by position: the parent node and a class (or -1 and a built domain's impacts from .. to). */
type Pending = { parent: number[]; what: number[]; from: number[]; to: number[] };

/**
 * An empty list of the elements kind of addOthers' lists (`new Array(n)` then filled with
 * objects: holey, of objects), for the first epoch's "previous" lists: addOthers then reads
 * lists of one kind in every epoch (a `[]` here, of another kind, was met at the lookups of
 * the first epoch only, and the code optimised on that feedback was thrown away later).
 */
function emptyHoleyList<T>(): T[] {
  const list: unknown[] = new Array(1);
  list[0] = list; // any object: the elements kind becomes holey objects
  list.length = 0;
  return list as T[];
}

/** An other domain's cell with its domain id and subsystem (the key it is filed under). */
interface OtherCell {
  domain: string;
  subsystem: string;
  cell: Cell;
}

/**
 * True when `at` (a cell of the previous epoch's list, or undefined past its end) is the cell
 * of `impact` (same domain id and subsystem). One function for both places addOthers looks at,
 * so the rarely taken second look (a cell gone) compares with the feedback of the first.
 */
function sameCell(at: OtherCell | undefined, impact: FailureImpact): boolean {
  return at !== undefined && at.domain === impact.domain && at.subsystem === impact.subsystem;
}

/**
 * The failure analyses of every epoch as one, merged epoch by epoch (`add`, in epoch order):
 * each domain as its last epoch has it (a rack holds the hosts delivered into it); per domain
 * and subsystem, per harm code, the earliest harm kept by the stitching rule (the module
 * comment); the matrix cell's sentence and detail from the latest epoch whose impact names the
 * most of the stitched harms (all of them when one does), its month texts moved to the
 * stitched months; without any harm, the last epoch's (the fleet at the end of the horizon).
 * `result` rebuilds the findings from the stitched impacts. Domains and their impacts are in
 * the order they first appeared. One-host domains come by class (analyzeFailuresByClass):
 * hosts with the same history over the epochs share one node of cells, merged once per epoch
 * and class; each host's domain and impacts are built once, in `result`. O(impacts of the
 * other domains + distinct histories + hosts per epoch).
 */
export class FailureStitch {
  /** The domains other than one-host domains, by id. */
  private readonly domains = new Map<string, FailureDomain>();
  /** Cells by subsystem, then domain id (other domains). */
  private readonly bySubsystem = new Map<string, Map<string, Cell>>();
  /** Each other domain's cells, in the order its impacts first appeared. */
  private readonly cellsOf = new Map<string, Cell[]>();
  /** Every domain in first-appearance order: an id (other domains) or a host's number. */
  private readonly order: (string | number)[] = [];
  private readonly hostNumber = new Map<string, number>();
  private readonly hostNames: string[] = [];
  /** The previous epoch's host names and their numbers, by position (a host keeps its position while the fleet only grows: no name lookup then). */
  private lastNames: readonly string[] = [];
  private lastNumbers: number[] = [];
  /** The previous epoch's other domains and their cells, by position (same domain id and subsystem: the same cell). */
  private lastOthers: readonly FailureDomain[] = emptyHoleyList();
  private lastCells: readonly OtherCell[] = emptyHoleyList();
  /** Per host number: its node, and its built domain of the last epoch (null: the plain one-host domain). */
  private readonly hostNode: number[] = [];
  private readonly hostDomain: (FailureDomain | null)[] = [];
  private readonly nodes: HostNode[] = [{ cells: [], out: null }];
  private tolerated = false;
  private epochs = 0;
  private first: { findings: readonly Finding[] } | null = null;
  private last: FailurePlan | null = null;

  /**
   * `options.byPosition` false looks every other domain and cell up by its id, and every host
   * by its name (the reference the matching along the previous epoch's lists must equal, in tests).
   */
  constructor(
    private readonly scenario: Scenario,
    private readonly options: { byPosition?: boolean } = {},
  ) {}

  /** Merges one epoch's impact into its cell (the stitching rule). */
  private merge(cell: Cell, impact: FailureImpact, epoch: FleetEpoch): void {
    const { start } = this.scenario;
    let kept: Map<string, number> | null = null;
    for (const h of impact.harms) {
      if (h.month >= epoch.toMonth) continue;
      const month = Math.max(h.month, epoch.fromMonth);
      kept ??= new Map();
      kept.set(h.code, h.month);
      cell.harms ??= new Map();
      const old = cell.harms.get(h.code);
      // the harm moved to its stitched month, only when it is the earliest (its message rewritten then)
      if (!old || month < old.month) cell.harms.set(h.code, month === h.month ? h : { ...h, month, message: moveMonthText(h.message, start, h.month, month) });
    }
    cell.last = impact;
    // a candidate record only for an impact that keeps a harm (the only kind `best` takes)
    if (kept && (!cell.best || kept.size >= cell.best.kept.size)) cell.best = { impact, kept };
  }

  /** A new node: `parent`'s cells with one epoch's impacts of a one-host domain merged. */
  private extend(parent: number, epoch: FleetEpoch, impacts: readonly FailureImpact[]): HostNode {
    const cells = this.nodes[parent]!.cells.map(({ subsystem, cell }) => ({ subsystem, cell: { harms: cell.harms && new Map(cell.harms), best: cell.best, last: cell.last } }));
    for (const impact of impacts) {
      let entry = cells.find((x) => x.subsystem === impact.subsystem);
      if (!entry) {
        entry = { subsystem: impact.subsystem, cell: { harms: null, best: null, last: impact } };
        cells.push(entry);
      }
      this.merge(entry.cell, impact, epoch);
    }
    return { cells, out: null };
  }

  /**
   * Builds the nodes addHosts numbered this epoch (`pending`, in number order: a node's parent
   * is an earlier node, so it is built first): node `first + q` extends `parent[q]` by class
   * `what[q]`'s impacts, or (what[q] = -1) by `impacts[from[q] .. to[q])`, a built domain's.
   */
  private fill(epoch: FleetEpoch, first: number, pending: Pending, classes: readonly (readonly FailureImpact[])[], impacts: readonly FailureImpact[]): void {
    for (let q = 0; q < pending.parent.length; q++) {
      const k = pending.what[q]!;
      this.nodes[first + q] = this.extend(pending.parent[q]!, epoch, k >= 0 ? classes[k]! : impacts.slice(pending.from[q]!, pending.to[q]!));
    }
  }

  /** Merges the failure analysis of `epoch` (epochs in order). */
  add(epoch: FleetEpoch, failure: { plan: FailurePlan; findings: readonly Finding[]; hosts: HostClasses }): void {
    this.epochs++;
    this.first ??= failure;
    this.last = failure.plan;
    const { names, cls, classes, tolerated } = failure.hosts;
    this.tolerated = tolerated;
    const { domains, impacts } = failure.plan;
    // the built one-host domains come first (host order), then the other domains; impacts in domain order
    const { b, p, first, pending } = this.addHosts(names, cls, classes.length, domains, impacts);
    // the nodes addHosts numbered, built here: not inlined into addHosts' loop, where the
    // impacts' many object shapes would deoptimise it
    this.fill(epoch, first, pending, classes, impacts);
    this.addOthers(epoch, domains, impacts, b, p);
  }

  /**
   * `add`'s one-host domains: each host's node moves by its class's impacts, or its built
   * domain's (the first of `domains` and `impacts`, in host order); `K` classes. Returns how
   * many domains and impacts they took, and the nodes it numbered from `first` on, to be built
   * by `fill` (in `pending`). A method of its own (not in `add`'s body) so that its loop is
   * optimised on its own.
   */
  private addHosts(
    names: readonly string[],
    cls: Int32Array,
    K: number,
    domains: readonly FailureDomain[],
    impacts: readonly FailureImpact[],
  ): { b: number; p: number; first: number; pending: Pending } {
    let b = 0;
    let p = 0;
    const step = new Map<number, number>(); // (node, class) → node, this epoch
    const lastNames = this.lastNames;
    const lastNumbers = this.lastNumbers;
    const { hostNumber, hostNode, hostDomain } = this;
    // the first hosts as in the previous epoch (the same names at the same positions: all of
    // them while the fleet only grows) keep their numbers, read off the previous epoch's list;
    // that list is the stitch's own, so it is extended in place when all of it is kept
    let same = 0;
    const m = Math.min(lastNames.length, names.length);
    while (same < m && lastNames[same] === names[same]) same++;
    const numbers: number[] = same === lastNumbers.length ? lastNumbers : lastNumbers.slice(0, same);
    let lastStep = -1; // the previous host's (node, class) and its next node
    let lastNext = 0;
    // the nodes this epoch makes are numbered here and built after the loop (fill)
    const first = this.nodes.length;
    const pending: Pending = { parent: [], what: [], from: [], to: [] };
    const builtHosts = new Int32Array(names.length + 1); // the numbers of the hosts with a built domain
    let built = 0;
    for (let i = 0; i < names.length; i++) {
      // read for every host (past the kept ones: undefined), so that the lookup has feedback
      // from the first epoch on, which keeps no host
      const kept = numbers[i];
      let g: number;
      if (i < same) g = kept!;
      else {
        const name = names[i]!;
        const known = i < lastNames.length && lastNames[i] === name ? lastNumbers[i] : hostNumber.get(name);
        if (known === undefined) {
          g = this.hostNames.length;
          hostNumber.set(name, g);
          this.hostNames.push(name);
          hostNode.push(0);
          hostDomain.push(null);
          this.order.push(g);
        } else g = known;
        numbers.push(g);
      }
      const node = hostNode[g]!;
      const k = cls[i]!;
      if (k >= 0) {
        const key = node * K + k;
        let next = key === lastStep ? lastNext : step.get(key);
        if (next === undefined) {
          next = first + pending.parent.length;
          pending.parent.push(node);
          pending.what.push(k);
          pending.from.push(0);
          pending.to.push(0);
          step.set(key, next);
        }
        lastStep = key;
        lastNext = next;
        hostNode[g] = next;
      }
      // a host of a class has no built domain this epoch (written for every host: no branch
      // first taken in a later epoch; the built ones are set after the loop)
      hostDomain[g] = null;
      // a host with a built domain: noted without a branch (a statement run for every host has
      // the feedback the optimised loop needs; a branch taken first in a later epoch threw the
      // loop's code away), its node made after the loop
      builtHosts[built] = g;
      built += k < 0 ? 1 : 0;
    }
    // the hosts with a built domain, in host order (the order of their domains and impacts):
    // their nodes numbered after this epoch's class nodes (numbers only order the building)
    for (let j = 0; j < built; j++) {
      const g = builtHosts[j]!;
      const d = domains[b++]!;
      const start = p;
      while (p < impacts.length && impacts[p]!.domain === d.id) p++;
      const next = first + pending.parent.length;
      pending.parent.push(hostNode[g]!);
      pending.what.push(-1);
      pending.from.push(start);
      pending.to.push(p);
      hostNode[g] = next;
      hostDomain[g] = d;
    }
    for (let q = 0; q < pending.parent.length; q++) this.nodes.push(PENDING_NODE);
    if (this.options.byPosition !== false) {
      this.lastNames = names;
      this.lastNumbers = numbers;
    }
    return { b, p, first, pending };
  }

  /** `add`'s other domains (from `domains[b]`) and their impacts (from `impacts[p]`). */
  private addOthers(epoch: FleetEpoch, domains: readonly FailureDomain[], impacts: readonly FailureImpact[], b: number, p: number): void {
    // the other domains and their impacts mostly come as in the previous epoch (the domain
    // cache keeps their objects): a domain or cell at the same position needs no lookup by id
    // (r: the position in the previous epoch's list that the next one is looked for at; a new
    // domain does not move it, a changed one of the same id does)
    const lastOthers = this.lastOthers;
    const others: FailureDomain[] = new Array(domains.length - b);
    let r = 0;
    for (let j = b; j < domains.length; j++) {
      const d = domains[j]!;
      others[j - b] = d;
      const was = lastOthers[r];
      if (was === d || (lastOthers[r + 1] === d && ++r)) {
        r++;
        continue; // in this.domains already, under its id (one domain gone before it: skipped)
      }
      if (was !== undefined && was.id === d.id) r++;
      // one lookup: the Map grows exactly when the id is new
      const size = this.domains.size;
      this.domains.set(d.id, d);
      if (this.domains.size > size) this.order.push(d.id);
    }
    if (this.options.byPosition !== false) this.lastOthers = others;
    const lastCells = this.lastCells;
    const cells: OtherCell[] = new Array(impacts.length - p);
    r = 0;
    for (let q = 0; p < impacts.length; p++, q++) {
      const impact = impacts[p]!;
      let at: OtherCell | undefined = lastCells[r];
      if (!sameCell(at, impact)) {
        at = lastCells[r + 1]; // one cell gone before it: skipped
        if (sameCell(at, impact)) r++;
        else at = undefined;
      }
      if (at) {
        r++;
        cells[q] = at;
        // the very impact the cell took last, without harm (a carried switch's or feed's,
        // FailureCarry): merging it again would only make an equal last candidate
        if (!(impact === at.cell.last && impact.harms.length === 0)) this.merge(at.cell, impact, epoch);
        continue;
      }
      let own = this.bySubsystem.get(impact.subsystem);
      if (!own) {
        own = new Map();
        this.bySubsystem.set(impact.subsystem, own);
      }
      let cell = own.get(impact.domain);
      if (!cell) {
        cell = { harms: null, best: null, last: impact };
        own.set(impact.domain, cell);
        const list = this.cellsOf.get(impact.domain);
        if (list) list.push(cell);
        else this.cellsOf.set(impact.domain, [cell]);
      }
      cells[q] = { domain: impact.domain, subsystem: impact.subsystem, cell };
      this.merge(cell, impact, epoch);
    }
    if (this.options.byPosition !== false) this.lastCells = cells;
  }

  /** A cell's stitched impact, for domain `id`. */
  private finish(cell: Cell, id: string): FailureImpact {
    const { start } = this.scenario;
    const harms = cell.harms ?? NO_HARMS;
    const best = cell.best ?? { impact: cell.last, kept: NO_KEPT };
    // a cell without harms in any epoch: the last epoch's impact as it is
    if (harms.size === 0 && best.impact.harms.length === 0) return best.impact.domain === id ? best.impact : { ...best.impact, domain: id };
    const { domain: _id, subsystem, message, harms: _h, harm: _w, firstHarmMonth: _f, severity: _s, ...detail } = best.impact;
    let sentence = message;
    for (const [code, own] of best.kept) sentence = moveMonthText(sentence, start, own, harms.get(code)?.month ?? own);
    return makeImpact({ id } as FailureDomain, subsystem, sentence, [...harms.values()], detail);
  }

  /**
   * The stitched plan and findings; `roleOf` (host → role over the timeline, or a function
   * that makes it when a finding needs it) words the findings.
   */
  result(roleOf: ReadonlyMap<string, string> | (() => ReadonlyMap<string, string>)): { plan: FailurePlan; findings: Finding[] } {
    const { start } = this.scenario;
    const impacts: FailureImpact[] = [];
    const allDomains: FailureDomain[] = [];
    // each impact's domain by its index in allDomains (the ids are distinct: other domains
    // by id, one-host domains `host:<name>` by name), for failureFindings
    const domainOf: number[] = [];
    for (let e = 0; e < this.order.length; e++) {
      const entry = this.order[e]!;
      if (typeof entry === 'string') {
        allDomains.push(this.domains.get(entry)!);
        for (const cell of this.cellsOf.get(entry) ?? []) {
          impacts.push(this.finish(cell, entry));
          domainOf.push(allDomains.length - 1);
        }
        continue;
      }
      const name = this.hostNames[entry]!;
      const d: FailureDomain = this.hostDomain[entry] ?? {
        id: `host:${name}`,
        kind: 'host',
        name,
        tolerated: this.tolerated,
        hostsLost: [name],
        hostsDrained: [],
        hostsDegraded: [],
      };
      allDomains.push(d);
      const node = this.nodes[this.hostNode[entry]!]!;
      node.out ??= node.cells.map(({ cell }) => this.finish(cell, ''));
      const out = node.out;
      for (let k = 0; k < out.length; k++) {
        impacts.push({ ...out[k]!, domain: d.id });
        domainOf.push(allDomains.length - 1);
      }
    }
    const last = this.last!;
    const timeline =
      this.epochs > 1
        ? [
            'Fleet timeline: each run of months with the same hosts (deliveries and retirements change them) is analysed on its own hosts; a harm that starts within a run is taken to last until the fleet next changes, and a host is a failure domain and a survivor from its delivery month to its retirement.',
          ]
        : [];
    const plan: FailurePlan = { policy: last.policy, assumptions: [...last.assumptions, ...timeline], domains: allDomains, impacts };
    const notAnalysed = this.first!.findings.filter((f) => f.code === 'failure.combinations_not_analysed');
    return { plan, findings: [...failureFindings(allDomains, impacts, last.policy, start, roleOf, domainOf), ...notAnalysed] };
  }
}

/** Host → role over every host of the timeline (for the failure findings' wording). */
export function rolesOf(hosts: readonly Host[]): Map<string, string> {
  // a loop, not new Map(hosts.map(...)): no [name, role] pair per host
  const out = new Map<string, string>();
  for (const h of hosts) out.set(h.name, h.role);
  return out;
}
