/**
 * The compute plan: Placement inventories and flavor fit per compute host, fleet totals,
 * tolerated-failure capacity, month-0 demand and the fit of the month-0 flavor mix.
 */
import { commonPrefix } from '../fleet/prefix.js';
import type { Finding } from '../diagnostics/types.js';
import type { Scenario } from '../model/scenario.js';
import type { ComputeHostPlan, ComputePlan, Host, ResourceClass } from '../model/plan.js';
import { heterogeneousFindings } from './hetero-findings.js';
import { fmtNumber } from '../units/format.js';
import { hostFlavorFit, mixFit } from './fit.js';
import { type FlavorPlacementRequest, translateFlavor } from './extra-specs.js';
import { computeGroups, type GroupHost } from './host-groups.js';
import { hostOffer, usesHeterogeneousCompute } from './host-offer.js';
import { orderClasses, resourceUnit } from './placement.js';
import type { CapacityVector } from './tolerance.js';
import { type KnownHosts, toleranceOf } from './tolerance-fast.js';

/** What `diskNote` says when instance disks are on Ceph. */
export const CEPH_DISK_NOTE =
  'Instance disks are on Ceph (libvirt images_type=rbd): every compute host reports the whole Ceph cluster as its DISK_GB inventory, ' +
  'so DISK_GB is never added across hypervisors; disk demand is planned against the Ceph pools instead.';

export interface ComputeResult {
  plan: ComputePlan;
  findings: Finding[];
}

/**
 * Month-0 Placement demand of the instance list: Σ count × request per class
 * (VCPU count, MEMORY_MB in MiB, DISK_GB in GiB only when disks are local), and the
 * instance count. Requests from `flavorRequest` (nova/scheduler/utils.py resources_from_flavor).
 * Instances of unknown flavors are skipped (reported by `checkReferences`).
 */
export function computeDemandMonth0(
  scenario: Scenario,
  requests: ReadonlyMap<string, FlavorPlacementRequest> = flavorRequests(scenario),
): { demand: CapacityVector; instances: number } {
  const base: CapacityVector = { VCPU: 0, MEMORY_MB: 0 };
  if (scenario.openstack.ephemeralStorage === 'local') base.DISK_GB = 0;
  const extra: CapacityVector = {};
  let instances = 0;
  for (const inst of scenario.demand.instances) {
    const req = requests.get(inst.flavor);
    if (!req) continue;
    instances += inst.count;
    for (const [rc, amount] of Object.entries(req.resources) as [keyof CapacityVector, number][]) {
      if (base[rc] !== undefined) base[rc] = (base[rc] ?? 0) + inst.count * amount;
      else if (rc !== 'DISK_GB') extra[rc] = (extra[rc] ?? 0) + inst.count * amount;
    }
  }
  // VCPU, MEMORY_MB, DISK_GB (local disks) always; PCPU, VGPU, CUSTOM_* when some demanded flavor asks for them
  const demand: CapacityVector = { ...base };
  for (const rc of orderClasses(Object.keys(extra))) demand[rc] = extra[rc]!;
  return { demand, instances };
}

/** The Placement request of every flavor of the scenario (extra-specs.ts translateFlavor), by name. */
export function flavorRequests(scenario: Scenario): Map<string, FlavorPlacementRequest> {
  const out = new Map<string, FlavorPlacementRequest>();
  for (const f of Object.values(scenario.openstack.flavors)) out.set(f.name, translateFlavor(f, scenario.openstack.ephemeralStorage).request);
  return out;
}

/**
 * Builds the ComputePlan from the expanded hosts.
 * - per host: `computeInventories` and `flavorFit` for every flavor of the scenario;
 * - totalCapacity[rc] = Σ over compute hosts of capacity (DISK_GB only with local disks);
 * - toleratedCapacity[rc]: total[rc] less the worst tolerated loss of rc (`toleratedLosses`:
 *   headroom's N+1 policy per resource class: the N hosts, racks or zones holding the most rc);
 * - mixInstancesFit / bottleneck: `mixFit` of the month-0 demand.
 * Findings: `compute.no_hosts` (error) when instances are demanded but there is no compute
 * host; `compute.flavor.exceeds_max_unit` (error) per flavor and compute hardware model where
 * a request exceeds max_unit; `compute.reserved_exceeds_total` (error) per hardware model and
 * class where the reserved amount exceeds the total (capacity clamped to 0).
 * `cache`: the per-host results of earlier calls on the same models, OpenStack policy and demand
 * (ComputeHostCache; planEpochs keeps one per timeline); without it, or for another scenario's
 * models, a cache of this call's own. O(hosts) per call plus the new hosts' offers.
 */
export function planCompute(scenario: Scenario, hosts: readonly Host[], cache?: ComputeHostCache): ComputeResult {
  const findings: Finding[] = [];
  const { openstack } = scenario;
  const own = cache?.serves(scenario) ? cache : new ComputeHostCache(scenario);
  const { hetero, requests } = own;
  // the compute hosts of known models, in order, with their entries
  const { hosts: computeHosts, entries, plans: hostPlans, groups: capacities } = own.entries(hosts);

  // Per-hardware-model findings (one per model, not per host), at the model's first host.
  const firsts = own.scan(entries);
  const seenModels = new Set<string>();
  for (const hp of firsts.models) {
    if (seenModels.has(hp.hardware)) continue;
    seenModels.add(hp.hardware);
    for (const inv of hp.inventories) {
      if (inv.reserved > inv.total) {
        const unit = resourceUnit(inv.resourceClass);
        findings.push({
          code: 'compute.reserved_exceeds_total',
          severity: 'error',
          subject: `hardware ${hp.hardware}`,
          message: `${inv.resourceClass} reserved ${fmtNumber(inv.reserved)} ${unit} exceeds the total ${fmtNumber(inv.total)} ${unit} of one ${hp.hardware} host: capacity is 0`,
          value: inv.reserved,
          limit: inv.total,
          unit,
          source: 'Nova reserved_host_memory_mb / reserved_host_cpus / reserved_host_disk_mb; Placement capacity = (total - reserved) x allocation_ratio',
        });
      }
    }
    for (const fit of hp.flavorFit) {
      if (!fit.exceedsMaxUnit) continue;
      const rc = fit.limitedBy as ResourceClass;
      const amount = requests.get(fit.flavor)?.resources[rc] ?? 0;
      const maxUnit =
        hp.inventories.find((i) => i.resourceClass === rc)?.maxUnit ??
        Math.max(0, ...(hp.providers ?? []).filter((p) => p.inventory.resourceClass === rc).map((p) => p.inventory.maxUnit));
      const unit = resourceUnit(rc);
      findings.push({
        code: 'compute.flavor.exceeds_max_unit',
        severity: 'error',
        subject: `flavor ${fit.flavor} / hardware ${hp.hardware}`,
        message: `flavor ${fit.flavor} requests ${fmtNumber(amount)} ${unit} of ${rc} but one ${hp.hardware} host offers at most ${fmtNumber(maxUnit)} ${unit} (max_unit = total): it can never be scheduled there`,
        value: amount,
        limit: maxUnit,
        unit,
        source: 'Placement: an allocation must be <= max_unit; Nova sets max_unit = total (nova/virt/libvirt/driver.py update_provider_tree)',
      });
    }
  }

  // host → zone only for what reads it (anti-affinity server groups)
  const zoneOf = scenario.demand.instances.some((i) => i.serverGroupPolicy === 'anti-affinity' && i.count > 0)
    ? new Map(computeHosts.map((h) => [h.name, h.zone]))
    : new Map<string, string | undefined>();
  findings.push(...heterogeneousFindings(scenario, hostPlans, requests, zoneOf, firsts.fits));

  const emptyTotal: CapacityVector = { VCPU: 0, MEMORY_MB: 0 };
  if (openstack.ephemeralStorage === 'local') emptyTotal.DISK_GB = 0;
  // sumCapacity, toleratedLosses, toleratedCapacity, hostsRemovedByAnyClass in one pass per class
  const fleet = toleranceOf(capacities, scenario.policy.tolerate, firsts.known ?? undefined);
  const totalCapacity = { ...emptyTotal, ...fleet.total };
  const losses = fleet.losses;
  const toleratedCapacity = { ...emptyTotal, ...fleet.tolerated };
  const removed = fleet.removed;

  const { demand, instances } = own.demandMonth0(scenario);
  const mix = mixFit(totalCapacity, demand, instances);
  const groups = hetero ? computeGroups(scenario, capacities, requests) : [];

  if (instances > 0 && hostPlans.length === 0) {
    findings.push({
      code: 'compute.no_hosts',
      severity: 'error',
      subject: 'role compute',
      message: `${fmtNumber(instances)} instances are demanded but the plan has no compute host`,
      value: instances,
      limit: 0,
      unit: 'instances',
      source: 'headroom: instances need compute hosts (Placement resource providers)',
    });
  }

  const plan: ComputePlan = {
    ephemeralStorage: openstack.ephemeralStorage,
    hosts: hostPlans,
    totalCapacity,
    toleratedCapacity,
    toleratedLosses: losses,
    toleratedHostsRemoved: removed,
    demandMonth0: demand,
    mixInstancesFit: mix.mixInstancesFit,
    bottleneck: mix.bottleneck,
  };
  if (groups.length > 0) plan.groups = groups;
  if (openstack.ephemeralStorage === 'ceph') plan.diskNote = CEPH_DISK_NOTE;
  return { plan, findings };
}

/**
 * ComputeHostCache.scan's pass over `entries` (a loop of its own: the method is not optimised on
 * the stack in the middle of it): stamps each entry with `call`, fills rack/zone, pushes the plan
 * of the first entry of each model and fit list and each class list first met; false when an
 * entry was met twice (already stamped `call`).
 */
function markEntries(
  entries: readonly HostEntry[],
  call: number,
  seenModel: Uint8Array,
  seenFit: Uint8Array,
  seenList: Uint8Array,
  models: ComputeHostPlan[],
  fits: ComputeHostPlan[],
  lists: ClassList[],
  rack: Int32Array,
  zone: Int32Array,
): boolean {
  let unique = true;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.stamp === call) unique = false;
    e.stamp = call;
    rack[i] = e.rack;
    zone[i] = e.zone;
    if (seenModel[e.model] === 0) {
      seenModel[e.model] = 1;
      models.push(e.plan);
    }
    if (seenFit[e.fit] === 0) {
      seenFit[e.fit] = 1;
      fits.push(e.plan);
    }
    const list = e.classes;
    if (seenList[list.id] === 0) {
      seenList[list.id] = 1;
      lists.push(list);
    }
  }
  return unique;
}

/**
 * An empty array whose elements kind is already "objects" (an empty `[]` literal starts as small
 * integers and changes kind at its first push, which throws optimised code back once per call).
 */
function objectList<T extends object>(): T[] {
  const out: (T | null)[] = [null];
  out.length = 0;
  return out as T[];
}

/** Appends `capacity[rc] ?? 0` of groups[values.length..] to `values`, and their running sums to `sums` (one longer). */
function extendClass(groups: readonly GroupHost[], rc: ResourceClass, values: number[], sums: number[]): void {
  for (let j = values.length; j < groups.length; j++) {
    const v = groups[j]!.capacity[rc] ?? 0;
    values.push(v);
    sums.push(sums[sums.length - 1]! + v);
  }
}

/** The classes of a capacity vector, numbered (one number per distinct list). */
interface ClassList {
  id: number;
  keys: readonly string[];
}

/** What planCompute keeps of one compute host. */
interface HostEntry {
  plan: ComputeHostPlan;
  group: GroupHost;
  /** Numbers of the host's model, rack and zone (-1: none), the classes of its capacity (one array per distinct list). */
  model: number;
  /** Number of the host's fit list (one per model and aggregate list). */
  fit: number;
  rack: number;
  zone: number;
  classes: ClassList;
  /** The last `scan` call that met the host. */
  stamp: number;
}

/**
 * planCompute's per-host results, kept across calls on the same hardware models and OpenStack
 * policy (planEpochs: one cache for every epoch of a timeline, whose Host objects are shared by
 * the epochs they serve in). A host's offer, plan and capacity depend only on the Host object
 * (name, model, rack, zone, aggregates: never mutated) and on `scenario.hardware` and
 * `scenario.openstack`; a call with another scenario's (`serves` false) uses a cache of its own.
 * The flavor fit depends on the host's model and aggregates only: computed once per model and
 * aggregate list, shared by its hosts (one array, and one flavor → instances map).
 */
export class ComputeHostCache {
  private readonly hardware: Scenario['hardware'];
  private readonly openstack: Scenario['openstack'];
  readonly hetero: boolean;
  readonly requests: Map<string, FlavorPlacementRequest>;
  private readonly models = new Map();
  private readonly fits = new Map<string, { fit: ComputeHostPlan['flavorFit']; map: Map<string, number>; id: number }>();
  private readonly hosts = new Map<Host, HostEntry>();
  private demand: { demand: CapacityVector; instances: number } | null = null;
  private readonly modelIds = new Map<string, number>();
  private readonly rackIds = new Map<string, number>();
  /**
   * The hosts of the last `entries` call, and its answer (`at`: each compute host's index in
   * those hosts): the cache's own arrays, cut back and extended in place by the next call.
   */
  // null before the first call (an empty literal's elements kind differs from a host list's: two maps at the comparison)
  private lastAll: readonly Host[] | null = null;
  /** How many `entries` calls were made: a KnownHosts answers only while none came after the one it was scanned from. */
  private generation = 0;
  private readonly last: { hosts: Host[]; entries: HostEntry[]; plans: ComputeHostPlan[]; groups: GroupHost[]; at: number[] } = {
    hosts: [],
    entries: [],
    plans: [],
    groups: [],
    at: [],
  };
  /**
   * Per resource class asked for (`values`), `capacity[rc] ?? 0` of each of the last `entries`
   * call's groups, in order: cut back and extended with them.
   */
  private readonly classValues = new Map<string, number[]>();
  /** Per class in classValues, its running sums from 0 (sums[k] = Σ of the first k values, added in order). */
  private readonly classSums = new Map<string, number[]>();
  /** Per class, tolerance.ts topIndices' scan (n <= 8) over its values, after `count` of them: continued while the groups only grow. */
  private readonly classTops = new Map<string, { n: number; count: number; index: number[]; value: number[] }>();
  private readonly zoneIds = new Map<string, number>();
  private readonly bareKeys = new Map<string, string>();
  private readonly offers = new Map<string, ReturnType<typeof hostOffer> | null>();
  private readonly classLists = new Map<string, ClassList>();
  /** Each capacity vector's class list (hosts without providers share their model's vector). */
  private readonly classesOf = new Map<CapacityVector, ClassList>();
  private readonly owner = new Map<string, Host>();
  /** Two Host objects met so far have the same name. */
  private sharedNames = false;
  private calls = 0;
  private demandOf: Scenario['demand'] | null = null;

  constructor(private readonly scenario: Scenario) {
    this.hardware = scenario.hardware;
    this.openstack = scenario.openstack;
    this.hetero = usesHeterogeneousCompute(scenario);
    this.requests = flavorRequests(scenario);
  }

  /** True when `scenario` has the models, OpenStack policy and demand (the same objects) this cache was built for. */
  serves(scenario: Scenario): boolean {
    return scenario.hardware === this.hardware && scenario.openstack === this.openstack && scenario.demand === this.scenario.demand;
  }

  /** computeDemandMonth0 of the scenario's demand, once. */
  demandMonth0(scenario: Scenario): { demand: CapacityVector; instances: number } {
    if (this.demand === null || this.demandOf !== scenario.demand) {
      this.demand = computeDemandMonth0(scenario, this.requests);
      this.demandOf = scenario.demand;
    }
    return this.demand;
  }

  /** The plan, capacity and numbers of compute host `h` (a known model), from its offer (host-offer.ts). */
  entry(h: Host): HostEntry {
    const known = this.hosts.get(h);
    if (known) return known;
    const { openstack } = this.scenario;
    const offer = h.aggregates === undefined ? this.plainOffer(h) : hostOffer(this.scenario, h, this.models);
    // the key `${model}\n${aggregates joined by \n}`; without aggregates the model's own key string, made once
    const fitKey = offer.aggregates === undefined || offer.aggregates.length === 0 ? this.bareFitKey(h.hardware) : `${h.hardware}\n${offer.aggregates.join('\n')}`;
    let fits = this.fits.get(fitKey);
    if (!fits) {
      const limits = { cpuAllocationRatio: openstack.allocationRatio.cpu, ramAllocationRatio: openstack.allocationRatio.ram };
      const aggregates = openstack.aggregates ?? {};
      const fit = Object.values(openstack.flavors).map((f) => hostFlavorFit(f.name, this.requests.get(f.name)!, offer, aggregates, limits));
      fits = { fit, map: new Map(fit.map((f) => [f.flavor, f.instances])), id: this.fits.size };
      this.fits.set(fitKey, fits);
    }
    const plan: ComputeHostPlan = {
      host: h.name,
      hardware: h.hardware,
      inventories: offer.inventories,
      flavorFit: fits.fit,
    };
    if (this.hetero) {
      if (offer.providers.length > 0) plan.providers = offer.providers;
      plan.traits = [...(offer.traits ?? [])];
      if ((offer.aggregates ?? []).length > 0) plan.aggregates = [...offer.aggregates!];
      plan.numaCells = [...(offer.cells ?? [])];
    }
    // { host, rack, ...(zone defined ? { zone } : {}), capacity, fits } as literals (a spread is far slower in V8)
    const group: GroupHost =
      h.zone !== undefined
        ? { host: h.name, rack: h.rack, zone: h.zone, capacity: offer.capacity, fits: fits.map }
        : { host: h.name, rack: h.rack, capacity: offer.capacity, fits: fits.map };
    let classes = this.classesOf.get(offer.capacity);
    if (!classes) {
      const keys: string[] = [];
      for (const k in offer.capacity) if (offer.capacity[k as ResourceClass] !== undefined) keys.push(k);
      const keyOf = keys.join('\n');
      classes = this.classLists.get(keyOf) ?? { id: this.classLists.size, keys };
      this.classLists.set(keyOf, classes);
      this.classesOf.set(offer.capacity, classes);
    }
    const entry: HostEntry = {
      plan,
      group,
      model: this.number(this.modelIds, h.hardware),
      fit: fits.id,
      rack: this.number(this.rackIds, h.rack),
      zone: h.zone === undefined ? -1 : this.number(this.zoneIds, h.zone),
      classes,
      stamp: 0,
    };
    const before = this.owner.get(h.name);
    if (before === undefined) this.owner.set(h.name, h);
    else if (before !== h) this.sharedNames = true;
    this.hosts.set(h, entry);
    return entry;
  }

  /**
   * The compute hosts of known models among `all` (role compute, a model of scenario.hardware),
   * in order, with their entries, plans and capacities. Over the longest common prefix with the
   * last call's `all` (the same Host objects) the last call's answer is reused: an epoch's hosts
   * are mostly the previous epoch's, in timeline order. O(common prefix) pointer comparisons,
   * then O(the rest), and one copy (`plans`).
   * `hosts`, `entries` and `groups` are the cache's own arrays, valid until the next call (read
   * them, do not keep them: the next call cuts them back to its common prefix and extends them);
   * `plans` is the caller's (a ComputePlan keeps it).
   */
  entries(all: readonly Host[]): { hosts: readonly Host[]; entries: readonly HostEntry[]; plans: ComputeHostPlan[]; groups: readonly GroupHost[] } {
    this.generation += 1;
    const lastAll = this.lastAll;
    const k = lastAll === null ? 0 : commonPrefix(lastAll, all);
    // the last answer's hosts standing before k (input indices increase) are kept, the rest dropped
    const { hosts, entries, plans, groups, at } = this.last;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! < k) lo = mid + 1;
      else hi = mid;
    }
    const { classValues } = this;
    if (lo < at.length) {
      hosts.length = lo;
      entries.length = lo;
      plans.length = lo;
      groups.length = lo;
      at.length = lo;
      for (const values of classValues.values()) values.length = lo;
      for (const sums of this.classSums.values()) sums.length = lo + 1;
      this.classTops.clear();
    }
    this.append(all, k);
    // each class's values and running sums over the new groups, class by class (each list gets
    // the same pushes in the same order as host by host; no Map entry pair per host)
    if (classValues.size > 0) for (const [rc, values] of classValues) extendClass(groups, rc as ResourceClass, values, this.classSums.get(rc)!);
    this.lastAll = all;
    return { hosts, entries, plans: plans.slice(), groups };
  }

  /**
   * Appends the compute hosts of known models among all[k..] to the last answer's lists (a loop
   * of its own: `entries` is not optimised on the stack in the middle of it, with no feedback
   * yet for what follows).
   */
  private append(all: readonly Host[], k: number): void {
    const { hosts, entries, plans, groups, at } = this.last;
    for (let i = k; i < all.length; i++) {
      const h = all[i]!;
      if (h.role !== 'compute' || !Object.hasOwn(this.hardware, h.hardware)) continue;
      const e = this.entry(h);
      hosts.push(h);
      entries.push(e);
      plans.push(e.plan);
      groups.push(e.group);
      at.push(i);
    }
  }

  /**
   * `capacity[rc] ?? 0` of each group the last `entries` call returned, in order (the cache's own
   * array, kept in step with those groups by the next calls: read it before the next call).
   */
  values(rc: ResourceClass): readonly number[] {
    let values = this.classValues.get(rc);
    if (values === undefined) {
      values = this.last.groups.map((g) => g.capacity[rc] ?? 0);
      const sums = [0];
      for (let i = 0; i < values.length; i++) sums.push(sums[i]! + values[i]!);
      this.classValues.set(rc, values);
      this.classSums.set(rc, sums);
    }
    return values;
  }

  /** values(rc)'s running sums from 0: sums[k] = Σ of its first k values, in order (length: values + 1). Read before the next `entries` call. */
  sums(rc: ResourceClass): readonly number[] {
    this.values(rc);
    return this.classSums.get(rc)!;
  }

  /**
   * tolerance.ts topIndices(values.length, n, (i) => values[i]) of values(rc), for n <= 8 (its
   * scan of the values in order, continued over the values added since the last call for this
   * class and n while the groups only grew); undefined for n > 8.
   */
  largest(rc: ResourceClass, n: number): number[] | undefined {
    if (n > 8) return undefined;
    if (n <= 0) return [];
    const values = this.values(rc);
    let top = this.classTops.get(rc);
    if (top === undefined || top.n !== n) {
      top = { n, count: 0, index: [], value: [] };
      this.classTops.set(rc, top);
    }
    // topIndices' best list as two parallel lists (its indices and values): no record per entry
    const { index, value } = top;
    for (let i = top.count; i < values.length; i++) {
      const v = values[i]!;
      if (index.length === n && v <= value[n - 1]!) continue;
      let at = index.length;
      while (at > 0 && value[at - 1]! < v) at--;
      index.splice(at, 0, i);
      value.splice(at, 0, v);
      if (index.length > n) {
        index.pop();
        value.pop();
      }
    }
    top.count = values.length;
    return [...index].sort((a, b) => a - b);
  }

  /**
   * hostOffer of a host without aggregates: for a model without devices (no nested providers,
   * so nothing named after the host) the offer of its first such host, one object shared by
   * them (entry only reads it: the plan takes copies of its traits and cells).
   */
  private plainOffer(h: Host): ReturnType<typeof hostOffer> {
    let offer = this.offers.get(h.hardware);
    if (offer === undefined) {
      const devices = this.hardware[h.hardware]!.devices;
      offer = devices === undefined || devices.length === 0 ? hostOffer(this.scenario, h, this.models) : null;
      this.offers.set(h.hardware, offer);
    }
    return offer ?? hostOffer(this.scenario, h, this.models);
  }

  /** `${model}\n`: the fit key of a host of `model` without aggregates (one string per model). */
  private bareFitKey(model: string): string {
    let key = this.bareKeys.get(model);
    if (key === undefined) {
      key = `${model}\n`;
      this.bareKeys.set(model, key);
    }
    return key;
  }

  private number(ids: Map<string, number>, name: string): number {
    let n = ids.get(name);
    if (n === undefined) {
      n = ids.size;
      ids.set(name, n);
    }
    return n;
  }

  /**
   * One pass over `entries`: the plans of the first host of each model and of each fit list
   * (model and aggregate list), in order; and the numbering tolerance-fast.ts reads (null when
   * two of the hosts may share a name: the same Host twice, or two Hosts of one name met).
   * `known.values`, `sums` and `largest` answer until the next `entries` call (undefined after:
   * the caller then reads the figures off the hosts).
   */
  scan(entries: readonly HostEntry[]): { models: ComputeHostPlan[]; fits: ComputeHostPlan[]; known: KnownHosts | null } {
    const call = ++this.calls;
    let unique = !this.sharedNames;
    const seenModel = new Uint8Array(this.modelIds.size);
    const seenFit = new Uint8Array(this.fits.size);
    const seenList = new Uint8Array(this.classLists.size);
    // lists of objects from the start (objectList): no elements-kind change at markEntries' pushes
    const models = objectList<ComputeHostPlan>();
    const fits = objectList<ComputeHostPlan>();
    const rack = new Int32Array(entries.length);
    const zone = new Int32Array(entries.length);
    // the class lists in first-met order (their keys are added to `classes` after the loop, in
    // the same order: no rarely taken inner loop in the hot one)
    const lists = objectList<ClassList>();
    const classes = new Set<string>();
    const generation = this.generation;
    const current = (): boolean => generation === this.generation;
    if (!markEntries(entries, call, seenModel, seenFit, seenList, models, fits, lists, rack, zone)) unique = false;
    for (const list of lists) for (const k of list.keys) classes.add(k);
    return {
      models,
      fits,
      known: unique
        ? {
            uniqueNames: true,
            rack,
            zone,
            classes: orderClasses(classes),
            // the cache's figures of `entries` while no later `entries` call changed them (its arrays
            // are cut back and extended in place: the same array, other hosts); after, undefined
            values: (rc) => (current() ? this.values(rc) : undefined),
            sums: (rc) => (current() ? this.sums(rc) : undefined),
            largest: (rc, n) => (current() ? this.largest(rc, n) : undefined),
          }
        : null,
    };
  }
}
