/**
 * The Ceph plan: CRUSH tree, rules, every pool's MAX AVAIL / storable / safe usable, the fill
 * over the horizon, the PG plan, storage host sizing and recovery times, with their findings.
 */
import { type DemandModel, demandModel } from '../forecast/demand.js';
import type { Finding } from '../diagnostics/types.js';
import { growthFactor, monthLabel } from '../forecast/growth.js';
import { runwayMonths } from '../forecast/horizon.js';
import type { CephRule, DiskKind, Policy, Rack, Scenario } from '../model/scenario.js';
import type { CephCrushSummary, CephPoolPlan, CephRuleSetPlan, CephStoragePlan, RuleSetCapacity } from '../model/ceph-plan.js';
import type { Host } from '../model/plan.js';
import { fmtTB } from '../units/format.js';
import { filler, type HorizonPool, projectCeph } from './ceph-horizon.js';
import { planPgs, sumOverRuns } from './ceph-pgs.js';
import { appendOsdRuns, emptyOsdRuns, type OsdRuns, osdRunsOf } from './osd-runs.js';
import { allocationFindings, MIN_ALLOC_DEFAULTS, poolAllocation } from './allocation.js';
import { crushSummary, type SummaryHosts, summaryFrom } from './crush-summary.js';
import { type DurabilityCounts, type DurabilityView, durabilityViewFrom } from './durability.js';
import { planDurability } from './durability-plan.js';
import { type DomainRow, StorageRawCarry } from './raw-carry.js';
import type { FailureDomainRaw } from './raw.js';
import { buildCrushTree, CrushCarry, type CrushOsd, type CrushTree, uniformHosts } from './crush.js';
import { CEPH_DEFAULTS, CEPH_SOURCES } from './defaults.js';
import { balancerFullestFactor, measuredFullestFactor } from './fullest-osd.js';
import { hostSizingFindings, sizeStorageHost } from './host-sizing.js';
import { failureDomainsNeeded, poolCapacities, rawUsedRate } from './pools.js';
import { argmax, emptyRecoveryIndexStore, type RecoveryIndex, type RecoveryIndexStore, recoveryCases, recoveryIndex, recoveryIndexFrom } from './recovery-cases.js';
import { sumInOrder } from './repeated-sum.js';
import { replicationBitsPerSecond } from './recovery.js';
import { type BindingFailure, reprotectableRaw } from './reprotect.js';
import { regularViewFrom, ruleSteps, type RuleView, ruleView, type ViewHosts, visitDistinctOsds } from './rule-view.js';
import { workloadPoolFindings } from './workload-pools.js';
import { type CephSettings, resolveCephSettings, subtreeKey } from './settings.js';

/** Options of planCeph: the hook through which the network plan gives each storage host's replication bandwidth. */
export interface CephPlanOptions {
  /** Replication (cluster) network bandwidth per storage host, bits per second; hosts not listed use replicationBitsPerSecond(). */
  replicationBitsPerSecondByHost?: ReadonlyMap<string, number>;
  /** Where replicationBitsPerSecondByHost comes from, said in the plan (e.g. the network plan's link). */
  replicationSource?: string;
}

/**
 * State kept from one planCeph call to the next of a fleet that grows (the epochs of a timeline,
 * evaluate/epochs.ts): the CRUSH tree, extended by the new storage hosts instead of rebuilt
 * (crush.ts CrushCarry). The plans are the same with or without it.
 */
export class CephCarry {
  readonly crush = new CrushCarry();
  /** planStorage's raw part (raw Σ, host domains, the tolerated hosts' removal), continued (raw-carry.ts). */
  readonly raw = new StorageRawCarry();
  private index: { tree: CrushTree; index: RecoveryIndex; store: RecoveryIndexStore } | undefined;
  private arrays: { tree: CrushTree; sizes: number[]; weights: number[]; runs: OsdRuns } | undefined;
  private demandOf: { demand: Scenario['demand']; model: DemandModel } | undefined;
  private viewHosts: { tree: CrushTree; rules: ViewHosts[] } | undefined;
  private summaryHosts: { tree: CrushTree; hosts: SummaryHosts } | undefined;
  private names: { tree: CrushTree; maps: { rack: Map<string, string>; hardware: Map<string, string> } } | undefined;
  private readonly durability = new Map<number, DurabilityCounts>();
  private readonly domainRows = new Map<number, { domains: FailureDomainRaw[]; rows: DomainRow[] }>();
  private byHardware: { tree: CrushTree; names: Map<string, string[]> } | undefined;

  /**
   * The plan's rows of rule `ruleIndex`'s failure domains, `view.domains.map((d) => ({ name,
   * rawBytes, osdCount }))`: the rows of the call before for the domains it had (the same
   * objects first), then rows of the new ones. A new array; its rows are shared with the plans
   * of the calls before (never changed).
   */
  domainRowsOf(ruleIndex: number, view: RuleView): DomainRow[] {
    const domains = view.domains;
    let x = this.domainRows.get(ruleIndex);
    let same = x !== undefined && x.domains.length <= domains.length;
    for (let i = 0; same && i < x!.domains.length; i++) same = x!.domains[i] === domains[i];
    if (!same || x === undefined) {
      x = { domains: [], rows: [] };
      this.domainRows.set(ruleIndex, x);
    }
    for (let i = x.domains.length; i < domains.length; i++) {
      const d = domains[i]!;
      x.domains.push(d);
      x.rows.push({ name: d.name, rawBytes: d.rawBytes, osdCount: d.osdCount });
    }
    return x.rows.slice();
  }

  /**
   * The hardware models of the tree crush.tree() returned last, in first-appearance order, each
   * with the names of its hosts in tree order (new arrays): the lists of the tree before it with
   * the new hosts added, when this tree holds all of its hosts.
   */
  hostsByHardware(tree: CrushTree): [string, string[]][] {
    const before = this.byHardware;
    const grown = before !== undefined && (before.tree === tree || this.crush.sharedHosts(tree, before.tree) === before.tree.hosts.length);
    const names = grown ? before.names : new Map<string, string[]>();
    for (let j = grown ? before.tree.hosts.length : 0; j < tree.hosts.length; j++) {
      const h = tree.hosts[j]!;
      const list = names.get(h.hardware);
      if (list) list.push(h.name);
      else names.set(h.hardware, [h.name]);
    }
    this.byHardware = { tree, names };
    return [...names].map(([hw, list]) => [hw, list.slice()]);
  }

  /**
   * durability.ts durabilityView(tree, view, racks, rackOf, uniform) of rule `ruleIndex`'s view,
   * continued from what the call for that rule on the tree before counted (durabilityViewFrom:
   * the same answer; its placementSets is valid until the next call).
   */
  durabilityView(
    ruleIndex: number,
    tree: CrushTree,
    view: RuleView,
    racks: readonly Rack[],
    rackOf: ReadonlyMap<string, string>,
    uniform: readonly (CrushOsd | null)[],
  ): DurabilityView {
    const r = durabilityViewFrom(tree, view, racks, rackOf, uniform, this.durability.get(ruleIndex));
    this.durability.set(ruleIndex, r.counts);
    return r.dv;
  }

  /**
   * ruleView(tree, rule, racks, tolerate, uniform) of each rule, for the tree crush.tree() returned
   * last (`uniform`: crush.uniform(tree)): each rule's host-by-host part (rule-view.ts ViewHosts)
   * is that of the tree before it, extended by the new hosts, when this tree holds all of that
   * tree's hosts and the rule takes the same device class with the same failure domain. The views
   * of the previous call share (and so lose) their arrays: no call reads them once the next one
   * has begun (they are in no plan).
   */
  ruleViews(tree: CrushTree, rules: readonly CephRule[], racks: readonly Rack[], tolerate: Policy['tolerate'], uniform: readonly (CrushOsd | null)[]): RuleView[] {
    const before = this.viewHosts;
    const grown = before !== undefined && this.crush.sharedHosts(tree, before.tree) === before.tree.hosts.length;
    const states: ViewHosts[] = [];
    const views = rules.map((rule, i) => {
      const x = grown ? before.rules[i] : undefined;
      const from = x && x.deviceClass === rule.deviceClass && x.failureDomain === rule.failureDomain ? x : undefined;
      const r = regularViewFrom(tree, rule, racks, tolerate, uniform, from);
      states.push(r.hosts);
      return r.view;
    });
    this.viewHosts = { tree, rules: states };
    return views;
  }

  /**
   * crush-summary.ts crushSummary(tree, racks, uniform) of the tree crush.tree() returned last
   * (`uniform`: crush.uniform(tree)): its running sums and host rows are those of the tree before
   * it, extended by the new hosts, when this tree holds all of that tree's hosts.
   */
  crushSummary(tree: CrushTree, racks: readonly Rack[], uniform: readonly (CrushOsd | null)[]): CephCrushSummary {
    const before = this.summaryHosts;
    const grown = before !== undefined && this.crush.sharedHosts(tree, before.tree) === before.tree.hosts.length;
    const r = summaryFrom(tree, racks, uniform, grown ? before.hosts : undefined);
    this.summaryHosts = { tree, hosts: r.hosts };
    return r.summary;
  }

  /**
   * Per host name of the tree crush.tree() returned last, its rack and its hardware (the last host
   * of a name wins: durability.ts hostRacks, and the hardware planCeph's NIC bandwidth reads),
   * the maps of the tree before it with the new hosts set, when this tree holds all of its hosts.
   */
  hostsByName(tree: CrushTree): { rack: Map<string, string>; hardware: Map<string, string> } {
    const before = this.names;
    const grown = before !== undefined && (before.tree === tree || this.crush.sharedHosts(tree, before.tree) === before.tree.hosts.length);
    const maps = grown ? before.maps : { rack: new Map<string, string>(), hardware: new Map<string, string>() };
    for (let j = grown ? before.tree.hosts.length : 0; j < tree.hosts.length; j++) {
      const h = tree.hosts[j]!;
      maps.rack.set(h.name, h.rack);
      maps.hardware.set(h.name, h.hardware);
    }
    this.names = { tree, maps };
    return maps;
  }

  /** forecast/demand.ts demandModel(scenario), kept while scenario.demand is the same object (the model reads nothing else). */
  demand(scenario: Scenario): DemandModel {
    if (this.demandOf?.demand !== scenario.demand) this.demandOf = { demand: scenario.demand, model: demandModel(scenario) };
    return this.demandOf.model;
  }

  /** recovery-cases.ts recoveryIndex(tree) of the tree crush.tree() returned last, extending the one of the tree before it. */
  recoveryIndex(tree: CrushTree): RecoveryIndex {
    const before = this.index;
    if (before?.tree === tree) return before.index;
    const shared = before ? this.crush.sharedOsds(tree, before.tree) : 0;
    // the tree before's index is extended in its store (its arrays have room), else a new store
    const store = before && shared >= before.store.count ? before.store : emptyRecoveryIndexStore();
    const index = recoveryIndexFrom(tree, store);
    this.index = { tree, index, store };
    return index;
  }

  /** The OSD sizes and CRUSH weights of the tree crush.tree() returned last (tree order), and its runs of equal OSDs (osd-runs.ts), extending those of the tree before it. */
  osdArrays(tree: CrushTree): { sizes: number[]; weights: number[]; runs: OsdRuns } {
    const before = this.arrays;
    if (before?.tree === tree) return { sizes: before.sizes, weights: before.weights, runs: before.runs };
    return this.extendOsdArrays(tree);
  }

  /** osdArrays of a tree other than the last one (its own method: osdArrays, hot on its first line, stays small). */
  private extendOsdArrays(tree: CrushTree): { sizes: number[]; weights: number[]; runs: OsdRuns } {
    const before = this.arrays;
    const shared = before ? this.crush.sharedOsds(tree, before.tree) : 0;
    const keep = before && shared >= before.sizes.length ? before.sizes.length : 0;
    // the previous tree's OSDs are the first ones of this tree: its arrays are extended in place (no
    // call reads them once the next one has begun: they are inputs of one plan, never part of it)
    const sizes = keep > 0 ? before!.sizes : [];
    const weights = keep > 0 ? before!.weights : [];
    const runs = keep > 0 ? before!.runs : emptyOsdRuns();
    for (let i = keep; i < tree.osds.length; i++) {
      const o = tree.osds[i]!;
      sizes.push(o.sizeBytes);
      weights.push(o.crushWeight);
    }
    appendOsdRuns(runs, tree.osds, keep);
    this.arrays = { tree, sizes, weights, runs };
    return { sizes, weights, runs };
  }
}

/** What the recovery estimate uses when the network plan gives no replication bandwidth. */
export const NIC_CARD_REPLICATION_SOURCE = "each storage host's fastest NIC card (ports x speed): no network plan says which links carry the Ceph cluster network";

export interface CephPlanResult {
  plan: CephStoragePlan;
  /** Per pool (scenario order, as plan.pools): the view of its rule, for the failure-domain findings (pools.ts poolFindings). */
  pools: { ruleIndex: number; view: RuleView | undefined }[];
  findings: Finding[];
}

/** "one 7.68 TB OSD of storage-01", "host storage-01", "racks r1, r2", "none". */
function describeBinding(b: BindingFailure, failureDomain: 'host' | 'rack'): string {
  if (b.kind === 'none') return 'none';
  if (b.kind === 'osd') return `one ${fmtTB(b.osdBytes)} OSD of ${b.domain}`;
  const noun = b.lost.length === 1 ? failureDomain : `${failureDomain}s`;
  return `${noun} ${b.lost.join(', ')}`;
}

/**
 * The capacity part of the Ceph plan, what the horizon and the procurement curves read: CRUSH
 * tree (crush.ts) -> one view per rule (rule-view.ts) -> per pool the re-protectable raw
 * (reprotect.ts) -> PG plan (ceph-pgs.ts) -> rule sets (the rules taking the same OSDs) with
 * their re-protectable raw (the least over their pools that can go clean) and the fullest OSD's
 * factor (fullest-osd.ts). planCeph continues from it (fill by month, storable, recovery), so
 * the capacity curves and evaluate read one computation. Findings: `ceph.rule.no_osds` and the PG
 * plan's. Units: bytes. `carry`: what the previous call of a growing fleet built (CephCarry).
 */
export function cephCapacity(scenario: Scenario, hosts: readonly Host[], carry?: CephCarry) {
  const settings = resolveCephSettings(scenario.ceph);
  const tree = carry ? carry.crush.tree(scenario, hosts) : buildCrushTree(scenario, hosts);
  // a tree buildCrushTree or CrushCarry makes is regular (rule-view.ts crushTreeIsRegular): the views are built host by host
  const uniform = carry ? carry.crush.uniform(tree) : uniformHosts(tree);
  const views = carry
    ? carry.ruleViews(tree, settings.rules, scenario.racks, scenario.policy.tolerate, uniform)
    : settings.rules.map((rule) => ruleView(tree, rule, scenario.racks, scenario.policy.tolerate, uniform));
  const arrays = carry?.osdArrays(tree);
  const runs = arrays ? arrays.runs : osdRunsOf(tree.osds);
  return {
    ...cephCapacityOfViews(scenario, settings, tree, views, carry ? carry.demand(scenario) : demandModel(scenario), arrays, runs),
    uniform,
    runs,
  };
}

/**
 * cephCapacity from a CRUSH tree and its rule views already built (`views[i]` =
 * ruleView(tree, settings.rules[i], scenario.racks, scenario.policy.tolerate)): the procurement
 * capacity curves build them incrementally as hosts are added (procurement/storage-curve.ts).
 * `runs`: osd-runs.ts runs of the tree's OSDs (a regular tree, its views from ruleView): the PG
 * plan and the rule sets' PG replicas per OSD are then taken run by run (the same doubles).
 */
export function cephCapacityOfViews(
  scenario: Scenario,
  settings: CephSettings,
  tree: CrushTree,
  views: RuleView[],
  demand: DemandModel = demandModel(scenario),
  osdArrays?: { sizes: readonly number[]; weights: readonly number[] },
  runs?: OsdRuns,
) {
  const ruleIndex = new Map(settings.rules.map((r, i) => [r.name, i]));
  const findings: Finding[] = [];
  const storedOf = (name: string): number => (Object.hasOwn(scenario.demand.storageBytes, name) ? (scenario.demand.storageBytes[name] ?? 0) : 0);

  // pools on one rule with the same width have the same re-protectable raw: computed once
  const reps = new Map<string, ReturnType<typeof reprotectableRaw>>();
  const repOf = (ri: number, view: RuleView, copies: number): ReturnType<typeof reprotectableRaw> => {
    const key = `${ri}:${copies}`;
    let rep = reps.get(key);
    if (!rep) {
      rep = reprotectableRaw(view.capacities, copies, view.tolerated);
      reps.set(key, rep);
    }
    return rep;
  };
  const statics = settings.pools.map((p) => {
    const ri = ruleIndex.get(p.rule) ?? -1;
    const view = views[ri];
    const copies = failureDomainsNeeded(p);
    const rate = rawUsedRate(p);
    const rep = view ? repOf(ri, view, copies) : { intactRawBytes: 0, reprotectableRawBytes: 0, binding: { kind: 'none' } as const };
    const stored0 = storedOf(p.name);
    // raw used at month 0 = stored x raw used rate (ceph df USED): the pool's record, its rule set's part and the PG plan read this one product
    return { pool: p, ri, view, copies, rate, rep, stored0, raw0: stored0 * rate };
  });
  for (const [i, v] of views.entries()) {
    const users = statics.filter((s) => s.ri === i).map((s) => s.pool.name);
    // With no OSD at all, ceph.no_osds (storage-plan.ts) already says it.
    if (users.length === 0 || v.osds.length > 0 || tree.osds.length === 0) continue;
    findings.push({
      code: 'ceph.rule.no_osds',
      severity: 'error',
      subject: `rule ${v.rule.name}`,
      message: `rule ${v.rule.name} takes ${v.rule.deviceClass === undefined ? 'every OSD' : `the ${v.rule.deviceClass} OSDs`} but the storage hosts have none: pools ${users.join(', ')} have no capacity`,
      value: 0,
      unit: 'OSDs',
      source: 'CRUSH rule step take default~<class> (doc/rados/operations/crush-map.rst, device classes)',
    });
  }

  // Rule sets: rules that take the same OSDs (same device class, or every OSD) share the raw space.
  const setKeys = [...new Set(statics.filter((s) => s.view).map((s) => subtreeKey(s.view!.rule)))];
  const setOf = (s: (typeof statics)[number]): number => (s.view ? setKeys.indexOf(subtreeKey(s.view.rule)) : -1);
  const pgs = planPgs(
    tree,
    views,
    statics
      .filter((s) => s.view)
      .map((s) => ({
        name: s.pool.name,
        ruleIndex: s.ri,
        copies: s.copies,
        share: s.pool.share,
        bulk: s.pool.bulk,
        rawUsedBytesMonth0: s.raw0,
      })),
    settings.pgs.targetPerOsd,
    settings.pgs.maxPerOsd,
    osdArrays,
    runs,
  );
  findings.push(...pgs.findings);

  const horizonPools: HorizonPool[] = statics
    .filter((s) => s.view)
    .map((s) => ({
      name: s.pool.name,
      ruleIndex: s.ri,
      setIndex: setOf(s),
      rawUsedRate: s.rate,
      storedBytesMonth0: s.stored0,
    }));
  const overrides = new Map(settings.fillOverrides.filter((o) => o.osd < tree.osds.length).map((o) => [o.osd, o.utilisation]));
  // the fill at month 0, read only when `ceph osd df` utilisations are given (measured fullest OSD)
  const fill0 = settings.fillOverrides.length > 0 ? filler({ tree, views, pools: horizonPools, overrides })(1) : [];
  const sets = setKeys.map((key) => {
    const members = statics.filter((s) => s.view && subtreeKey(s.view.rule) === key);
    const ruleIndices = [...new Set(members.map((s) => s.ri))];
    const osdIndices = views[ruleIndices[0]!]!.osdIndices;
    // The least over the pools that can go clean (one that cannot has its own error and places nothing).
    const clean = members.filter((s) => (s.view?.domains.length ?? 0) >= s.copies);
    const candidates = clean.length > 0 ? clean : members;
    const binding = candidates.reduce((b, s) => (s.rep.reprotectableRawBytes < b.rep.reprotectableRawBytes ? s : b), candidates[0]!);
    const measured = overrides.size > 0 && osdIndices.some((i) => overrides.has(i));
    const byRun = pgs.byRun;
    // Σ PG replicas over the rule's OSDs in tree order: run by run when the PG plan was (one value per run of equal OSDs)
    const sumP = byRun
      ? sumOverRuns(byRun.runs, byRun.count, tree.osds.length, views[ruleIndices[0]!]!.rule.deviceClass, byRun.values)
      : osdIndices.length > 0
        ? sumInOrder(pgs.pgReplicasPerOsd, osdIndices)
        : 0;
    const p = osdIndices.length > 0 ? sumP / osdIndices.length : 0;
    const fullestFactor = measured
      ? measuredFullestFactor(
          fill0,
          tree.osds.map((o) => o.sizeBytes),
          osdIndices,
        )
      : balancerFullestFactor(p, CEPH_DEFAULTS.upmapMaxDeviationPgs);
    return {
      key,
      members,
      ruleIndices,
      osdIndices,
      binding,
      measured,
      pgReplicasPerOsd: p,
      fullestFactor,
      reprotectableRawBytes: binding.rep.reprotectableRawBytes,
      spreadNotInFill: !measured,
      raw0: members.reduce((sum, s) => sum + s.raw0, 0),
    };
  });
  return { settings, tree, views, statics, findings, setOf, pgs, horizonPools, overrides, sets, demand };
}

/** The rule sets' capacities of cephCapacity (the same values planCeph puts in ceph.ruleSets). */
export function ruleSetCapacities(scenario: Scenario, hosts: readonly Host[]): RuleSetCapacity[] {
  const c = cephCapacity(scenario, hosts);
  return c.sets.map((x) => ruleSetCapacity(c.views, x));
}

/** ruleSetCapacities from a tree and its rule views already built (see cephCapacityOfViews). */
export function ruleSetCapacitiesOfViews(scenario: Scenario, settings: CephSettings, tree: CrushTree, views: RuleView[], demand?: DemandModel, runs?: OsdRuns): RuleSetCapacity[] {
  const c = cephCapacityOfViews(scenario, settings, tree, views, demand, undefined, runs);
  return c.sets.map((x) => ruleSetCapacity(c.views, x));
}

function ruleSetCapacity(views: readonly RuleView[], x: ReturnType<typeof cephCapacityOfViews>['sets'][number]): RuleSetCapacity {
  return {
    resource: ruleSetResource(x.ruleIndices.map((r) => views[r]!.rule.name)),
    rules: x.ruleIndices.map((r) => views[r]!.rule.name),
    deviceClass: views[x.ruleIndices[0]!]!.rule.deviceClass ?? null,
    rawBytes: views[x.ruleIndices[0]!]!.rawBytes,
    reprotectableRawBytes: Math.round(x.reprotectableRawBytes),
    rawUsedBytesMonth0: x.raw0,
    fullestOsd: { factor: x.fullestFactor },
    pools: x.members.map((s) => ({ name: s.pool.name })),
  };
}

/**
 * Builds the Ceph plan of a scenario (every formula is in the module it names):
 * CRUSH tree (crush.ts) -> one view per rule (rule-view.ts) -> per pool: re-protectable raw
 * (reprotect.ts) -> PG plan (ceph-pgs.ts) -> rule sets, the rules taking the same OSDs, whose
 * pools share one raw space (PGMap::get_rule_avail): re-protectable raw = the least over their
 * pools, the fullest OSD's factor (fullest-osd.ts: `ceph osd df` overrides, else the upmap
 * balancer's 1 + 5 / P), safe raw = re-protectable x backfillfull / factor ->
 * fill and MAX AVAIL month by month (ceph-horizon.ts) -> storable = (full x intact
 * placeable - other pools' raw at month 0) / raw used rate, at most stored + MAX AVAIL -> PG plan (ceph-pgs.ts) ->
 * host sizing (host-sizing.ts) -> recovery at the month with the most data (recovery-cases.ts).
 * Each pool gets its one record (CephPoolPlan, plan.pools in scenario order): layout, failure
 * domains, usable / nearfull / tolerated usable (pools.ts poolCapacities), MAX AVAIL, storable,
 * safe usable, pg_num and the runways: every figure of a pool is computed here, once per fleet
 * (evaluate/epochs.ts stitches the runways of the fleet's epochs).
 * A pool with a quota (max_bytes) also has a limit of its own: runwayToQuotaMonths, the first
 * month stored > max_bytes (`ceph.pool.quota_full`, error: POOL_FULL stops writes to the pool).
 * Findings: `ceph.rule.no_osds` (error; not repeated when there is no OSD at all),
 * `ceph.pool.max_avail_overstates` (warning, pools that can go clean), and those of the
 * modules above. `carry`: state kept between the calls of a growing fleet (CephCarry), the same plan.
 */
export function planCeph(scenario: Scenario, hosts: readonly Host[], options: CephPlanOptions = {}, carry?: CephCarry): CephPlanResult {
  const { settings, tree, views, statics, findings, setOf, pgs, horizonPools, overrides, sets, demand, uniform, runs } = cephCapacity(scenario, hosts, carry);
  const { ratios } = settings;
  const horizon = projectCeph({
    tree,
    views,
    pools: horizonPools,
    sets,
    ratios,
    threshold: scenario.policy.thresholds.storage,
    growth: scenario.demand.growth,
    ...(demand.uniform ? {} : { storedAt: demand.storedBytes }),
    start: scenario.start,
    horizonMonths: scenario.horizonMonths,
    overrides,
    ...(carry ? carry.osdArrays(tree) : {}),
    runs,
  });
  findings.push(...horizon.findings);
  const ruleSets: CephRuleSetPlan[] = sets.map((x, k) => {
    const safeRaw = (x.reprotectableRawBytes * ratios.backfillfull) / x.fullestFactor;
    const cap = ruleSetCapacity(views, x);
    return {
      resource: cap.resource,
      rules: cap.rules,
      deviceClass: cap.deviceClass,
      osdCount: x.osdIndices.length,
      rawBytes: cap.rawBytes,
      reprotectableRawBytes: cap.reprotectableRawBytes,
      limitedBy: describeBinding(x.binding.rep.binding, x.binding.view?.rule.failureDomain ?? settings.failureDomain),
      fullestOsd: {
        factor: cap.fullestOsd.factor,
        source: x.measured ? 'ceph osd df' : 'upmap balancer',
        pgReplicasPerOsd: x.pgReplicasPerOsd,
        maxDeviationPgs: x.measured ? null : CEPH_DEFAULTS.upmapMaxDeviationPgs,
      },
      safeRawBytes: Math.round(safeRaw),
      safeRawNearfullBytes: Math.round((x.reprotectableRawBytes * ratios.nearfull) / x.fullestFactor),
      rawUsedBytesMonth0: cap.rawUsedBytesMonth0,
      pools: x.members.map((s) => ({
        name: s.pool.name,
        partOfRawUsed: x.raw0 > 0 ? s.raw0 / x.raw0 : null,
        partOfSafeRaw: safeRaw > 0 ? s.raw0 / safeRaw : null,
      })),
      runwayToSafeRawMonths: horizon.runwayToSafeUsable[k] ?? null,
      runwayToNearfullMonths: horizon.runwayToNearfull[k] ?? null,
    };
  });

  const pools: CephPoolPlan[] = [];
  let h = 0;
  for (const s of statics) {
    const hi = s.view ? h++ : -1;
    const k = setOf(s);
    const set = sets[k];
    const month0 = horizon.months[0]?.pools[s.pool.name];
    const othersRaw = set ? set.raw0 - s.raw0 : 0;
    // What CRUSH can place (water-fill at the full ratio, less the other pools' raw), and never
    // more than Ceph's own projection (a hot OSD fills first): stored + MAX AVAIL.
    const placeable = Math.max(0, s.rep.intactRawBytes * ratios.full - othersRaw) / s.rate;
    const storable = Math.min(placeable, s.stored0 + (month0?.maxAvailBytes ?? 0));
    // The set's re-protectable raw on the fullest OSD, less the others' month-0 raw: an alternative per pool, like MAX AVAIL.
    const alone = (ratio: number): number => (set ? Math.max(0, (set.reprotectableRawBytes * ratio) / set.fullestFactor - othersRaw) / s.rate : 0);
    const n = s.view?.domains.length ?? 0;
    const after = s.view?.tolerated ? s.view.tolerated.domainsRemaining : n;
    const pg = hi >= 0 ? pgs.results[hi] : null;
    const quota = s.pool.maxBytes ?? null;
    const quotaRunway = quota === null ? null : runwayMonths(horizon.months.map((m) => (m.pools[s.pool.name]?.storedBytes ?? s.stored0) > quota));
    const capacities = poolCapacities(s.view?.rawBytes ?? 0, s.rep.reprotectableRawBytes, s.rate, ratios);
    const storedSource = scenario.demand.storageSource && Object.hasOwn(scenario.demand.storageSource, s.pool.name) ? scenario.demand.storageSource[s.pool.name] : undefined;
    const plan: CephPoolPlan = {
      name: s.pool.name,
      rule: s.pool.rule,
      type: s.pool.type,
      copies: s.copies,
      k: s.pool.type === 'erasure' ? s.pool.k : null,
      m: s.pool.type === 'erasure' ? s.pool.m : null,
      minSize: s.pool.minSize,
      rawUsedRate: s.rate,
      share: s.pool.share,
      bulk: s.pool.bulk,
      failureDomainCount: n,
      failureDomainCountAfterFailure: after,
      clean: n >= s.copies,
      servesIo: n >= s.pool.minSize,
      selfHealing: n >= s.copies + 1,
      minSizeMargin: after - s.pool.minSize,
      storedBytesMonth0: s.stored0,
      ...(storedSource === undefined ? {} : { storedSource }),
      maxAvailBytes: month0?.maxAvailBytes ?? 0,
      storableBytes: Math.round(storable),
      availBytes: Math.round(Math.max(0, storable - s.stored0)),
      ...capacities,
      ruleSet: ruleSets[k]?.resource ?? '',
      rawUsedBytesMonth0: s.raw0,
      reprotectableBytes: Math.round(alone(1)),
      safeUsableBytes: Math.round(alone(ratios.backfillfull)),
      safeUsableNearfullBytes: Math.round(alone(ratios.nearfull)),
      limitedBy: describeBinding(s.rep.binding, s.view?.rule.failureDomain ?? settings.failureDomain),
      pgNum: pg?.pgNum ?? null,
      pgPass: pg?.pass ?? null,
      pgTarget: pg?.pgTarget ?? null,
      runwayToNearfullMonths: k >= 0 ? (horizon.runwayToNearfull[k] ?? null) : null,
      runwayToSafeUsableMonths: k >= 0 ? (horizon.runwayToSafeUsable[k] ?? null) : null,
      maxBytes: quota,
      runwayToQuotaMonths: quotaRunway,
    };
    pools.push(plan);
    if (quota !== null && quotaRunway !== null) {
      const stored = horizon.months[quotaRunway]?.pools[s.pool.name]?.storedBytes ?? s.stored0;
      findings.push({
        code: 'ceph.pool.quota_full',
        severity: 'error',
        subject: `pool ${plan.name}`,
        month: quotaRunway,
        message: `pool ${plan.name} stores ${fmtTB(stored)} in ${monthLabel(scenario.start, quotaRunway)} (month ${quotaRunway}), above its quota max_bytes ${fmtTB(quota)}: Ceph stops writes to the pool (POOL_FULL) whatever raw space its rule has left`,
        value: stored,
        limit: quota,
        unit: 'bytes',
        source: CEPH_SOURCES.quota,
      });
    }
    // A pool that cannot go clean already has its error (ceph.pool.too_few_failure_domains).
    const placeableAvail = Math.max(0, placeable - s.stored0);
    if (plan.clean && plan.maxAvailBytes > placeableAvail * (1 + 1e-9) + 1) {
      findings.push({
        code: 'ceph.pool.max_avail_overstates',
        severity: 'warning',
        subject: `pool ${plan.name}`,
        message: `ceph df would print MAX AVAIL ${fmtTB(plan.maxAvailBytes)} for pool ${plan.name}, but CRUSH can place only ${fmtTB(placeableAvail)} more: with ${plan.copies} copies or shards one per ${s.view?.rule.failureDomain ?? 'domain'}, the failure domains under rule ${plan.rule} are too unequal (or too few) for Ceph's proportional assumption`,
        value: plan.maxAvailBytes,
        limit: Math.round(placeableAvail),
        unit: 'bytes',
        source: `${CEPH_SOURCES.getRuleAvail}; ${CEPH_SOURCES.waterFill}`,
      });
    }
  }

  // per hardware model of the tree (first-appearance order), its hosts' names in tree order
  const byHardware: [string, string[]][] = carry
    ? carry.hostsByHardware(tree)
    : [...new Set(tree.hosts.map((x) => x.hardware))].map((hw) => [hw, tree.hosts.filter((x) => x.hardware === hw).map((x) => x.name)]);
  const sizing = byHardware.map(([hw, names]) => sizeStorageHost(scenario.hardware[hw]!, settings, names));
  for (const s of sizing) findings.push(...hostSizingFindings(s));

  // Recovery at the month with the most data: every pool grows by the same factor (with pools
  // growing apart, the month with the most raw data, each pool at its own stored bytes).
  const factors = Array.from({ length: Math.max(1, scenario.horizonMonths) }, (_, t) => growthFactor(scenario.demand.growth, t));
  const rawAt = (t: number): number => statics.reduce((sum, s) => sum + demand.storedBytes(s.pool.name, t) * s.rate, 0);
  const raws = demand.uniform ? factors : factors.map((_, t) => rawAt(t));
  const monthIndex = raws.reduce((best, f, t) => (f > raws[best]! ? t : best), 0);
  const storedAtPeak = (name: string, stored0: number): number => (demand.uniform ? stored0 * factors[monthIndex]! : demand.storedBytes(name, monthIndex));
  // replicationBitsPerSecond once per hardware model
  const nicBitsPerSecond = new Map<string, number | null>();
  const nicOf = (hardware: string): number | null => {
    let b = nicBitsPerSecond.get(hardware);
    if (b === undefined) {
      b = replicationBitsPerSecond(scenario.hardware[hardware]!);
      nicBitsPerSecond.set(hardware, b);
    }
    return b;
  };
  // a host's replication bandwidth: the network plan's, else its NIC cards' (per name, the last host of a name's hardware); null for a name not in the tree
  const names = carry?.hostsByName(tree);
  let bandwidthOf: (host: string) => number | null;
  if (names) {
    const hardwareOf = names.hardware;
    bandwidthOf = (host) => {
      const hw = hardwareOf.get(host);
      return hw === undefined ? null : (options.replicationBitsPerSecondByHost?.get(host) ?? nicOf(hw));
    };
  } else {
    const bandwidthByHost = new Map(tree.hosts.map((x) => [x.name, options.replicationBitsPerSecondByHost?.get(x.name) ?? nicOf(x.hardware)]));
    bandwidthOf = (host) => bandwidthByHost.get(host) ?? null;
  }
  const usedAtPeak = filler({ tree, views, pools: horizonPools, overrides, ...(carry ? carry.osdArrays(tree) : {}), runs })(
    demand.uniform ? factors[monthIndex]! : (p) => demand.storedBytes(p.name, monthIndex),
  );
  const index = carry ? carry.recoveryIndex(tree) : recoveryIndex(tree);
  const fullest = argmax(usedAtPeak);
  const recoveryPools = statics
    .filter((s) => s.view)
    .map((s) => ({
      ruleIndex: s.ri,
      copies: s.copies,
      k: s.pool.type === 'erasure' ? s.pool.k : null,
      rawUsedBytes: storedAtPeak(s.pool.name, s.stored0) * s.rate,
    }));
  const cases = recoveryCases({
    tree,
    index,
    regular: true, // buildCrushTree's or CrushCarry's
    uniform, // and the views ruleView's of it
    usedAlike: overrides.size === 0, // a uniform fill: alike OSDs hold the same bytes
    views,
    used: usedAtPeak,
    fullest,
    pgReplicasPerOsd: pgs.pgReplicasPerOsd,
    recoveryShare: CEPH_DEFAULTS.mclockRecoveryShare,
    pools: recoveryPools,
    settings: settings.recovery,
    bandwidth: bandwidthOf,
  });

  const durability = planDurability({
    tree,
    index,
    uniform,
    views,
    racks: scenario.racks,
    used: usedAtPeak,
    pgReplicasPerOsd: pgs.pgReplicasPerOsd,
    settings: settings.recovery,
    bandwidth: bandwidthOf,
    targetPgPerOsd: settings.pgs.targetPerOsd,
    durability: scenario.ceph.durability,
    ...(names ? { durabilityView: (ri: number, v: RuleView) => carry!.durabilityView(ri, tree, v, scenario.racks, names.rack, uniform) } : {}),
    // the fullest OSD's case, timed above: a rule whose fullest OSD it is takes it (the same inputs, the same case)
    ...(cases[0] ? { known: { osd: fullest, dataBytes: usedAtPeak[fullest]!, pools: recoveryPools, osdCase: cases[0] } } : {}),
    pools: statics
      .filter((s) => s.view)
      .map((s) => ({
        name: s.pool.name,
        rule: s.pool.rule,
        ruleIndex: s.ri,
        width: s.copies,
        tolerated: s.pool.type === 'erasure' ? s.pool.m : s.copies - 1,
        minSize: s.pool.minSize,
        k: s.pool.type === 'erasure' ? s.pool.k : null,
        pgNum: pools.find((x) => x.name === s.pool.name)?.pgNum ?? null,
        storedBytes: s.stored0 * factors[monthIndex]!,
        rawUsedBytes: s.stored0 * factors[monthIndex]! * s.rate,
      })),
  });

  // What the raw bytes really hold (allocation.ts) and the pools a workload needs (workload-pools.ts).
  const minAlloc = scenario.ceph.bluestoreMinAllocBytes ?? MIN_ALLOC_DEFAULTS;
  // the disk kinds under each rule, in first-appearance order (one pass per view, not per pool)
  const kindsByView = new Map<RuleView, DiskKind[]>();
  const kindsOf = (v: RuleView): DiskKind[] => {
    let kinds = kindsByView.get(v);
    if (!kinds) {
      const seen = new Set<DiskKind>();
      let last: DiskKind | undefined;
      visitDistinctOsds(tree, v, uniform, (o) => {
        if (o.kind === last) return;
        last = o.kind;
        seen.add(o.kind);
      });
      kinds = [...seen];
      kindsByView.set(v, kinds);
    }
    return kinds;
  };
  const allocation = statics
    .filter((s) => s.view && s.view.osds.length > 0 && s.pool.averageObjectBytes !== undefined)
    .map((s) =>
      poolAllocation({
        pool: s.pool.name,
        averageObjectBytes: s.pool.averageObjectBytes!,
        storedBytesMonth0: s.stored0,
        storedBytesPeak: s.stored0 * factors[monthIndex]!,
        minAllocBytes: Math.max(...kindsOf(s.view!).map((kind) => minAlloc[kind])),
        layout: s.pool.type === 'replicated' ? { type: 'replicated', size: s.pool.size } : { type: 'erasure', k: s.pool.k, m: s.pool.m },
      }),
    );
  findings.push(
    ...allocationFindings(allocation),
    ...workloadPoolFindings(
      statics.map((s) => ({
        name: s.pool.name,
        rule: s.pool.rule,
        kinds: s.view ? [...kindsOf(s.view)] : [],
        ...(s.pool.application === undefined ? {} : { application: s.pool.application }),
      })),
    ),
  );

  const plan: CephStoragePlan = {
    crush: carry ? carry.crushSummary(tree, scenario.racks, uniform) : crushSummary(tree, scenario.racks, uniform),
    rules: views.map((v, i) => ({
      name: v.rule.name,
      type: v.rule.type,
      failureDomain: v.rule.failureDomain,
      deviceClass: v.rule.deviceClass ?? null,
      implied: v.rule.implied ?? false,
      steps: ruleSteps(v.rule),
      osdCount: v.osds.length,
      rawBytes: v.rawBytes,
      domains: carry ? carry.domainRowsOf(i, v) : v.domains.map((d) => ({ name: d.name, rawBytes: d.rawBytes, osdCount: d.osdCount })),
      pools: statics.filter((s) => s.ri === i).map((s) => s.pool.name),
    })),
    ruleSets,
    pools,
    pgs: pgs.plan,
    hosts: sizing,
    recovery: {
      monthIndex,
      month: monthLabel(scenario.start, monthIndex),
      cases,
      bandwidthSource: options.replicationBitsPerSecondByHost ? (options.replicationSource ?? 'the network plan') : NIC_CARD_REPLICATION_SOURCE,
    },
    months: horizon.months,
    durability,
    allocation,
    bottleneck: cephBottleneck(pools, scenario.start),
    settings: {
      osdMemoryTargetBytes: settings.osdMemoryTargetBytes,
      hostMemoryBytes: settings.hostMemoryBytes,
      cpuThreadsPerOsd: { ...settings.cpuThreadsPerOsd },
      targetPgPerOsd: settings.pgs.targetPerOsd,
      maxPgPerOsd: settings.pgs.maxPerOsd,
      ...settings.recovery,
      mclockHddBytesPerSecond: CEPH_DEFAULTS.mclockHddBytesPerSecond,
      mclockSsdBytesPerSecond: CEPH_DEFAULTS.mclockSsdBytesPerSecond,
      mclockRecoveryShare: CEPH_DEFAULTS.mclockRecoveryShare,
      upmapMaxDeviationPgs: CEPH_DEFAULTS.upmapMaxDeviationPgs,
    },
  };
  return { plan, pools: statics.map((s) => ({ ruleIndex: s.ri, view: s.view })), findings };
}

/** The resource id of rules sharing their OSDs: `storage.rule.<rule>`, several joined by `+` (keeps the `storage.` prefix procurement's supplyingRole maps). */
export function ruleSetResource(rules: readonly string[]): string {
  return `storage.rule.${rules.join('+')}`;
}

/** The pool whose runway ends first (pools on the same OSDs share their rule set's runways): to its safe usable limit, or to nearfull (safe usable first on a tie). */
export function cephBottleneck(pools: readonly CephPoolPlan[], start: string): CephStoragePlan['bottleneck'] {
  let best: CephStoragePlan['bottleneck'] = null;
  for (const p of pools) {
    for (const [limit, months] of [
      ['safe usable', p.runwayToSafeUsableMonths],
      ['nearfull', p.runwayToNearfullMonths],
    ] as const) {
      if (months === null) continue;
      if (best === null || months < best.runwayMonths) best = { pool: p.name, limit, runwayMonths: months, month: monthLabel(start, months) };
    }
  }
  return best;
}
