/**
 * analyzeFailures: every failure domain of the topology, what losing it does to compute,
 * the control plane, Ceph, the network and power, and from which month of the horizon.
 * Pure; never throws for user data.
 */
import { RESOURCE_CLASSES } from '../compute/placement.js';
import { compareCapacity, toleratedLosses } from '../compute/tolerance.js';
import { cephDaemons, daemonHosts } from '../control/ceph-daemons.js';
import type { Finding } from '../diagnostics/types.js';
import type { Role, Scenario } from '../model/scenario.js';
import type { ComputePlan, Host } from '../model/plan.js';
import { attachmentImpact } from './attachment-impact.js';
import { type CephLossCarry, type CephOutcome, cephContext, cephImpactNumbered, cephInputs, signaturePartNumbered } from './ceph-impact.js';
import { commonPrefix, sameList } from '../fleet/prefix.js';
import type { FailureCarry } from './carry.js';
import { type ComputeModel, type ComputeOutcome, type ComputeWindow, computeModel, computeOutcomes } from './compute-impact.js';
import { ContainmentScratch, inheritContainedHarmWith } from './containment.js';
import { controlImpact } from './control-impact.js';
import { feedTrips } from './feed-load.js';
import { aloneWithBit, withBit } from './host-bits.js';
import { monImpact } from './mon-impact.js';
import { type DomainCache, domainContext, enumerateDomainsNumbered, hostDomain, rackAttachments } from './domains.js';
import { failureFindings } from './findings.js';
import { makeImpact } from './harm.js';
import type { FailureHooks } from './hooks.js';
import { failurePolicy } from './topology.js';
import type { FailureDomain, FailureImpact, FailurePlan, FailureSubsystem } from '../model/failure.js';

export interface FailureResult {
  plan: FailurePlan;
  findings: Finding[];
}

const SUBSYSTEMS: readonly FailureSubsystem[] = ['compute', 'control', 'ceph', 'network', 'power'];
/** No feed trip (attachmentImpact reads the list only). */
const NO_TRIPS: readonly never[] = [];
/** The bits of the network and power subsystems (one domain has at most one of them: a switch's or a feed's). */
const ATTACHED = (1 << 3) | (1 << 4);

/** Host names per role, largest first: compute by Placement capacity (VCPU, then MEMORY_MB, then DISK_GB), storage by raw OSD bytes, control in host order. */
function largestFirst(hosts: readonly Host[], compute: ComputePlan, storageRaw: ReadonlyMap<string, number>): Partial<Record<Role, string[]>> {
  // hosts of one model share their inventories (compute-plan.ts): one capacity record per model
  const byInventories = new Map<ComputePlan['hosts'][number]['inventories'], Record<string, number>>();
  const capacity = new Map(
    compute.hosts.map((h) => {
      let c = byInventories.get(h.inventories);
      if (!c) {
        c = Object.fromEntries(h.inventories.map((i) => [i.resourceClass, i.capacity]));
        byInventories.set(h.inventories, c);
      }
      return [h.host, c];
    }),
  );
  // each host's sort key read once; a stable sort, host order on ties
  const rank = <K>(role: Role, key: (h: Host) => K, cmp: (a: K, b: K) => number): string[] => {
    const xs: { name: string; i: number; k: K }[] = [];
    hosts.forEach((h, i) => {
      if (h.role === role) xs.push({ name: h.name, i, k: key(h) });
    });
    return xs.sort((a, b) => cmp(a.k, b.k) || a.i - b.i).map((x) => x.name);
  };
  const none = {};
  return {
    control: rank(
      'control',
      () => 0,
      () => 0,
    ),
    compute: rank(
      'compute',
      (h) => capacity.get(h.name) ?? none,
      (a, b) => compareCapacity(b, a),
    ),
    storage: rank(
      'storage',
      (h) => storageRaw.get(h.name) ?? 0,
      (a, b) => b - a,
    ),
  };
}

/**
 * The compute host groups lost at once for policy.tolerate.hosts = N >= 2, as the tolerated
 * capacity takes them (headroom's N+1 policy per class, compute/tolerance.ts): the N largest
 * by `largestFirst`, then the N with the most of each Placement class when that is another
 * set (labelled `by <class>`).
 */
function computeHostGroups(n: number, ranked: readonly string[], compute: ComputePlan): { label?: string; hosts: string[] }[] {
  const first = ranked.slice(0, n);
  const out: { label?: string; hosts: string[] }[] = [{ hosts: first }];
  if (n < 2) return out;
  const losses = toleratedLosses(
    compute.hosts.map((h) => ({ host: h.host, rack: '', capacity: Object.fromEntries(h.inventories.map((i) => [i.resourceClass, i.capacity])) })),
    { hosts: n, racks: 0 },
  );
  const key = (hosts: readonly string[]) => [...hosts].sort().join('\n');
  const seen = new Set([key(first)]);
  for (const rc of RESOURCE_CLASSES) {
    const hosts = losses[rc]?.hosts;
    if (!hosts || seen.has(key(hosts))) continue;
    seen.add(key(hosts));
    out.push({ label: `by ${rc}`, hosts });
  }
  return out;
}

/** True when every host of `hosts` from index `from` on is of a model of `hardware`. */
function allOfKnownModel(hosts: readonly Host[], hardware: Readonly<Record<string, unknown>>, from: number): boolean {
  for (let i = from; i < hosts.length; i++) if (!Object.hasOwn(hardware, hosts[i]!.hardware)) return false;
  return true;
}

/** The names of `hosts` in host order: the first `keep` copied from `carried` (the same strings). */
function hostNames(hosts: readonly Host[], carried: readonly string[], keep: number): string[] {
  // a packed list either way (slice of the last one, pushes): one elements kind for this loop
  const names = carried.slice(0, keep);
  for (let i = keep; i < hosts.length; i++) names.push(hosts[i]!.name);
  return names;
}

/** The names (by host number) of the hosts with `bit` in `member`. */
function namesWithBit(names: readonly string[], member: Uint8Array, bit: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < member.length; i++) if (member[i]! & bit) out.add(names[i]!);
  return out;
}

/** Sets `marks[i]` to 1 for every host number `i` with one of `bits` in `member`. */
function markWithBit(marks: Uint8Array, member: Uint8Array, bits: number): void {
  for (let i = 0; i < member.length; i++) if (member[i]! & bits) marks[i] = 1;
}

/**
 * The class of each one-host loss (analyze's host loop), into `cls`: -1 for a host whose
 * domain is built (every host when `built` is null; else those marked in `built`, and those
 * whose loss reaches a subsystem other than their role's: `build(i, c)` is called for them,
 * in host order); else `classOf(c, s)` of its compute and Ceph outcomes (`cephOf(i)`, asked
 * only for hosts not marked), the previous host's class without asking when both outcomes are
 * the previous host's. A host's role is read off its bits in `member` (`computeRole`: the
 * compute role's bit, `storageRole`: the storage role's), not off the Host object (hosts come
 * in several object shapes). A top-level loop (not in analyze's body) so that it is optimised
 * on its own. O(hosts).
 */
function classifyHosts(
  member: Uint8Array,
  computeRole: number,
  storageRole: number,
  computeOut: readonly (ComputeOutcome | undefined)[],
  built: Uint8Array | null,
  cephOf: (i: number) => CephOutcome | undefined,
  build: (i: number, c: ComputeOutcome | undefined) => void,
  classOf: (c: ComputeOutcome | undefined, s: CephOutcome | undefined) => number,
  cls: Int32Array,
): void {
  let lastC: ComputeOutcome | undefined;
  let lastS: CephOutcome | undefined;
  let lastK = -1;
  for (let i = 0; i < member.length; i++) {
    const c = computeOut[i];
    const marked = built === null || built[i] === 1;
    const s = marked ? undefined : cephOf(i);
    // a class's loss stops exactly its host in each of its subsystems
    if (marked || (c && (member[i]! & computeRole) === 0) || (s && (member[i]! & storageRole) === 0)) {
      build(i, c);
      cls[i] = -1;
      continue;
    }
    // neighbours mostly share their outcomes: the previous host's class without a lookup
    if (c === lastC && s === lastS && lastK >= 0) {
      cls[i] = lastK;
      continue;
    }
    const k = classOf(c, s);
    cls[i] = k;
    lastC = c;
    lastS = s;
    lastK = k;
  }
}

/**
 * analyze's loop over the other domains (racks, zones, switches, feeds; `others`, their hosts'
 * numbers `numbers`, their compute outcomes at `computeOut[H + j]`): each one's subsystems
 * into `present` (bit 2^k for SUBSYSTEMS[k]) by `analyse(d, c, numbers, j)`, except a switch
 * or feed that stops no host (no lost or drained host, no compute outcome, no feed trip):
 * its one impact (network or power) is `carried`'s for the same domain object when there is
 * one (FailureCarry.attachment), put in `attached[j]`. Returns those domains' impacts by
 * domain object (the next carry), or null without `carried`. A top-level loop (not in
 * analyze's body) so that it is optimised on its own. O(other domains).
 */
function analyseOthers(
  others: readonly FailureDomain[],
  numbers: readonly (readonly number[])[],
  computeOut: readonly (ComputeOutcome | undefined)[],
  H: number,
  trips: ReadonlyMap<string, readonly unknown[]>,
  carried: ReadonlyMap<FailureDomain, FailureImpact> | null,
  analyse: (d: FailureDomain, c: ComputeOutcome | undefined, numbers: readonly number[], j: number) => number,
  attached: (FailureImpact | undefined)[],
  present: Uint8Array,
): Map<FailureDomain, FailureImpact> | null {
  const out = carried ? new Map<FailureDomain, FailureImpact>() : null;
  for (let j = 0; j < others.length; j++) {
    const d = others[j]!;
    const c = computeOut[H + j];
    const nums = numbers[j]!;
    const alone =
      carried !== null &&
      c === undefined &&
      nums.length === 0 &&
      d.hostsLost.length === 0 &&
      d.hostsDrained.length === 0 &&
      (d.kind === 'switch' || (d.kind === 'feed' && (trips.get(d.name)?.length ?? 0) === 0));
    const impact = alone ? carried.get(d) : undefined;
    if (impact) attached[j] = impact;
    present[j] = impact ? 1 << SUBSYSTEMS.indexOf(impact.subsystem) : analyse(d, c, nums, j);
    if (alone) out!.set(d, attached[j]!);
  }
  return out;
}

/**
 * For the other domains with an impact in the subsystem of `bit` (in `present`): marks in
 * `built` the host of each that stops exactly one host of the subsystem (of its hosts
 * `numbers[j]`, those with `hostBit` in `member`), and returns true when one stops none of
 * them. Counts (aloneWithBit) without building the stopped lists. O(other domains + their
 * stopped hosts).
 */
function markAlone(present: Uint8Array, bit: number, numbers: readonly (readonly number[])[], member: Uint8Array, hostBit: number, built: Uint8Array): boolean {
  let none = false;
  for (let j = 0; j < present.length; j++) {
    if (!(present[j]! & bit)) continue;
    const one = aloneWithBit(numbers[j]!, member, hostBit);
    if (one === -1) none = true;
    else if (one >= 0) built[one] = 1;
  }
  return none;
}

/**
 * The impacts of `domains` in domain order, each domain's in subsystem order: the first `nb`
 * are built one-host domains (host number `builtNumbers[i]`, subsystems `hostPresent`), the
 * others' subsystems are `othersPresent`; compute, control and Ceph impacts from `maps` (by
 * subsystem, then domain id), an other domain's network or power one from `othersAttached`.
 */
function listImpacts(
  domains: readonly FailureDomain[],
  nb: number,
  hostPresent: Uint8Array,
  builtNumbers: readonly number[],
  othersPresent: Uint8Array,
  maps: readonly ReadonlyMap<string, FailureImpact>[],
  othersAttached: readonly (FailureImpact | undefined)[],
): FailureImpact[] {
  const impacts: FailureImpact[] = [];
  for (let i = 0; i < domains.length; i++) {
    const present = i < nb ? hostPresent[builtNumbers[i]!]! : othersPresent[i - nb]!;
    const id = domains[i]!.id;
    // a one-host domain has no network or power impact; an other domain's are in othersAttached
    for (let k = 0; k < 3; k++) if (present & (1 << k)) impacts.push(maps[k]!.get(id)!);
    if (present & ATTACHED) impacts.push(i < nb ? maps[present & (1 << 3) ? 3 : 4]!.get(id)! : othersAttached[i - nb]!);
  }
  return impacts;
}

/** The plain-words assumptions behind the analysis (what the scenario does not say). */
function assumptions(scenario: Scenario): string[] {
  const out: string[] = [];
  out.push(
    "Network: every host is bonded to all of its rack's switches (racks[].switches, by default a top-of-rack pair <rack>-tor-a / <rack>-tor-b), so losing one switch of a pair cuts no host off; the network plan's per-port cabling will replace this assumption.",
  );
  out.push(
    scenario.racks.some((r) => r.feed)
      ? "Power: every host is corded to all of its rack's power feeds (racks[].powerFeeds, by default A and B) through redundant PSUs; where a rack gives its feed circuit (racks[].feed), the feeds left after losing one must carry the rack's maximum draw (Σ power.max) within 80 % of the breaker (NEC 210.19(A)(1), 210.20(A)), else the breaker trips and the rack loses power; racks without a circuit are assumed to be carried by the remaining feed."
      : "Power: every host is corded to all of its rack's power feeds (racks[].powerFeeds, by default A and B) through redundant PSUs, and the remaining feed carries the whole rack (no racks[].feed circuit is given to check it).",
  );
  out.push(
    "Compute: instances are spread over the hypervisors as Nova's default weighers do (most free RAM first); a lost host's instances are re-placed by first-fit decreasing (largest dominant share first) on the survivors' Placement capacity. Demand per month is rounded up to whole instances. Instances stay where they were scheduled: a delivered host arrives empty and takes new instances first, a retired host's instances are migrated to the fleet that stays, nothing is rebalanced (no Watcher). Server groups (anti-affinity) and availability zones are not modelled.",
  );
  out.push(
    "Ceph: fill is averaged per CRUSH failure domain (the fullest OSD is higher by the balancer's deviation); every pool shares the same OSDs; re-protection is assumed to run (a whole rack is not marked out automatically: mon_osd_down_out_subtree_limit = rack). The time to re-protect comes from the recovery model (storage/recovery.ts: detection, mon_osd_down_out_interval, then the data to rebuild at the slowest of the survivors' backfill slots, their disks under mClock (osd_mclock_max_sequential_bandwidth x the recovery share; disk work = data x (1 + bytes read per byte)) and their replication bandwidth) when the caller supplies it, as evaluate does.",
  );
  out.push(
    `Control plane: Galera needs more than half of the controllers still in the cluster (drained ones left gracefully); RabbitMQ quorum queues have min(3, controllers) replicas and, in the worst case, some queue has its replicas on the stopped controllers.`,
  );
  const mon = cephDaemons(scenario).mon;
  if (mon.count > 0) {
    out.push(
      `Ceph monitors: ${mon.count} on the first ${mon.count} hosts of role ${mon.role} (ceph.daemons.mon); they keep a quorum while floor(n/2) + 1 are up, and a drained monitor counts as down (it stays in the monmap).`,
    );
  }
  if (scenario.demand.growth.perMonth < 0) out.push('Demand shrinks in this scenario: a loss that harms in one month may stop harming later; the first month of harm is reported.');
  return out;
}

/** Info findings for tolerances headroom does not enumerate (combinations of several racks, zones, switches or feeds). */
function notAnalysed(policy: FailurePlan['policy']): Finding[] {
  const out: Finding[] = [];
  for (const [key, n] of [
    ['racks', policy.tolerate.racks],
    ['zones', policy.tolerate.zones],
    ['switches', policy.tolerate.switches],
    ['feeds', policy.tolerate.feeds],
  ] as const) {
    if (n < 2) continue;
    out.push({
      code: 'failure.combinations_not_analysed',
      severity: 'info',
      subject: `policy.tolerate.${key}`,
      message: `the policy tolerates ${n} ${key} at once, but the failure analysis loses one at a time: combinations of ${n} ${key} are not analysed`,
      value: n,
      limit: 1,
      unit: key,
      source: 'headroom: failure domains are analysed one at a time (plus the N largest hosts of each role for policy.tolerate.hosts >= 2)',
    });
  }
  return out;
}

/**
 * Analyses every failure domain (see `enumerateDomains`) against every subsystem it touches:
 * compute (`computeImpacts`), control plane (`controlImpact`), Ceph (`cephImpact`), the
 * network and power (`attachmentImpact`); applies the containment rule (a larger loss never
 * harms later than a smaller one it contains, `inheritContainedHarm`); and turns the harms
 * into findings (`failureFindings`). `hooks` lets the Ceph model and the network plan give
 * the time to re-protect. `placement`, when given, is the packing model of `compute` (built for
 * scenario.horizonMonths months) and the months and placements of its epoch
 * (placement-timeline.ts); without it, the demand is spread from month 0 on these hosts.
 * `options.findings` false leaves out the harm findings (only the not-analysed notes): the
 * fleet timeline's stitching (evaluate/epochs.ts FailureStitch) builds them from the stitched impacts.
 */
export function analyzeFailures(
  scenario: Scenario,
  hosts: readonly Host[],
  compute: ComputePlan,
  hooks: FailureHooks = {},
  placement?: { model: ComputeModel; window: ComputeWindow },
  options: { findings?: boolean } = {},
): FailureResult {
  return analyze(scenario, hosts, compute, hooks, placement, options, false);
}

/**
 * The one-host domains of an analysis by class (analyzeFailuresByClass): hosts whose loss
 * does the same thing share one class and one list of impacts.
 */
export interface HostClasses {
  /** The analysed hosts (those of a known hardware model), in host order. */
  names: string[];
  /** Per host: its class (an index into `classes`), or -1 when its domain is built (in plan.domains, its impacts in plan.impacts). */
  cls: Int32Array;
  /** Per class: the impacts of losing one host of the class, in subsystem order, each with domain ''. */
  classes: FailureImpact[][];
  /** The tolerance of a one-host domain (policy.tolerate.hosts >= 1). */
  tolerated: boolean;
}

/**
 * analyzeFailures with the one-host domains by class, for evaluate/epochs.ts: a host's domain
 * is built (plan.domains, first and in host order, with its impacts in plan.impacts) only when
 * its outcome can name it or its containment needs it: a controller or a Ceph monitor; a host
 * that another domain stops alone in some subsystem; every host when some domain stops none
 * of a subsystem's hosts or when policy.maintenance drains hosts. Every other host shares the
 * impacts of its class: the compute outcome (hosts of one kind with the same instances every
 * month evaluated share it, computeOutcomes) and the Ceph outcome (hosts of one model and raw
 * in CRUSH domains of equal capacity share it, cephImpact). Such a host's loss inherits no
 * harm (only a loss that stops exactly its host, or none, could pass one to it) and passes
 * its harm to the losses that contain it (inheritContainedHarmWith). The findings are left
 * out (only the not-analysed notes): FailureStitch builds them. The output, with each host
 * of a class given the class's impacts, is analyzeFailures' exactly. O(hosts × small
 * integer work + distinct outcomes) beyond what the other domains cost. `options.classes`
 * false builds every one-host domain (the reference the classes must match, in tests).
 * `options.domains`, kept from the analysis of the previous fleet of a timeline, lets the
 * rack, zone, switch and feed domains be extended by the hosts delivered since
 * (enumerateDomainsNumbered); `options.carry`, kept the same way (failure/carry.ts), lets the
 * hosts the previous fleet had keep their names and subsystem bits, and a switch or feed
 * domain object that stops no host keep its impact; the result is the same without either.
 * `options.ceph`: the Ceph loss signatures' numbering and inputs (ceph-impact.ts CephLossCarry),
 * and `options.containment`: the containment pass's work arrays, both reused across the epochs
 * of a timeline (the same result).
 */
export function analyzeFailuresByClass(
  scenario: Scenario,
  hosts: readonly Host[],
  compute: ComputePlan,
  hooks: FailureHooks,
  placement: { model: ComputeModel; window: ComputeWindow } | undefined,
  options: { classes?: boolean; domains?: DomainCache; ceph?: CephLossCarry; carry?: FailureCarry; containment?: ContainmentScratch } = {},
): FailureResult & { hosts: HostClasses } {
  return analyze(
    scenario,
    hosts,
    compute,
    hooks,
    placement,
    { findings: false },
    true,
    options.classes === false,
    options.domains,
    options.ceph,
    options.carry,
    options.containment,
  ) as FailureResult & {
    hosts: HostClasses;
  };
}

function analyze(
  scenario: Scenario,
  hosts: readonly Host[],
  compute: ComputePlan,
  hooks: FailureHooks,
  placement: { model: ComputeModel; window: ComputeWindow } | undefined,
  options: { findings?: boolean },
  byClass: boolean,
  noClasses = false,
  domainCache?: DomainCache,
  cephCarry?: CephLossCarry,
  carry?: FailureCarry,
  scratch = new ContainmentScratch(),
): FailureResult & { hosts?: HostClasses } {
  const policy = failurePolicy(scenario);
  // the hosts of a known model: `hosts` itself when all are (no copy). The previous analysis'
  // hosts of a known model (FailureCarry), under the same models, are not checked again
  // when `hosts` starts with them (the same objects): only the hosts after them are.
  const was = carry?.hosts;
  const carriedPrefix = was != null && was.hardware === scenario.hardware && commonPrefix(was.known, hosts) === was.known.length;
  const allKnown = allOfKnownModel(hosts, scenario.hardware, carriedPrefix ? was.known.length : 0);
  const known = allKnown ? hosts : hosts.filter((h) => Object.hasOwn(scenario.hardware, h.hardware));
  const { storage, hostRaw, crush } = cephInputs(scenario, known, cephCarry); // storageHostsRaw, raw by name, failureDomains
  const attach = rackAttachments(scenario.racks, domainCache);
  const trips = feedTrips(scenario, scenario.racks, known);
  // the ranking only serves the host groups (tolerate.hosts >= 2) and the drained hosts (maintenance)
  const ranked = policy.tolerate.hosts >= 2 || policy.maintenance.hosts > 0 ? largestFirst(known, compute, hostRaw) : {};
  const ctx = domainContext({
    feedTrips: trips,
    hosts: known,
    racks: scenario.racks,
    policy,
    largestFirst: ranked,
    hostGroups: policy.tolerate.hosts >= 2 ? { compute: computeHostGroups(policy.tolerate.hosts, ranked.compute ?? [], compute) } : {},
    hostSwitches: attach.hostSwitches,
    hostFeeds: attach.hostFeeds,
    attachedByRack: true,
  });
  const H = known.length;
  // with maintenance, a one-host domain drains hosts (its drained set depends on the host): all are built
  const buildAll = !byClass || noClasses || policy.maintenance.hosts > 0;
  const { domains: others, numbers: othersNumbers } = enumerateDomainsNumbered(ctx, { hosts: false }, domainCache);
  const hostDomains = buildAll ? known.map((h) => hostDomain(ctx, h.name)) : null;
  // the domain a one-host loss that is not built stands for (its harms' severity)
  const single: FailureDomain = { id: '', kind: 'host', name: '', tolerated: policy.tolerate.hosts >= 1, hostsLost: [], hostsDrained: [], hostsDegraded: [] };
  // the hosts the previous analysis of a timeline had first, under the same models and
  // monitor hosts: their names and subsystem bits are carried (failure/carry.ts)
  const monRole = cephDaemons(scenario).mon.role;
  const mons = daemonHosts(cephDaemons(scenario), known).mon;
  // (`known` is `hosts` and starts with the carried hosts when carriedPrefix held and all are known)
  const keep =
    was &&
    was.hardware === scenario.hardware &&
    was.monRole === monRole &&
    sameList(was.mons, mons) &&
    ((carriedPrefix && allKnown) || commonPrefix(was.known, known) === was.known.length)
      ? was.known.length
      : 0;
  const names = hostNames(known, keep > 0 ? was!.names : [], keep);
  // one-host losses first, in host order, as enumerateDomains orders them (computeOutcomes' caches fill in this order)
  const losses = (hostDomains ?? (names as (FailureDomain | string)[])).concat(others);
  // the items' hosts by number (known), so computeOutcomes looks up no name
  const numbering = {
    names,
    numbersOf: (k: number) => (k >= H ? othersNumbers[k - H] : hostDomains && hostDomains[k]!.hostsDrained.length > 0 ? undefined : k),
  };
  const computeOut = computeOutcomes(placement ? placement.model : computeModel(scenario, compute, known), losses, scenario.start, placement?.window ?? {}, single, numbering);
  const ceph = cephContext(
    scenario,
    crush,
    hostRaw,
    {
      ...(hooks.ceph ? { ceph: hooks.ceph } : {}),
      ...(hooks.network?.replicationBitsPerSecond ? { replicationBitsPerSecond: hooks.network.replicationBitsPerSecond } : {}),
    },
    null,
    { hosts: known, storage },
    cephCarry,
  );

  const monSet = new Set(mons);
  // Per host number (position in `known`): the subsystems whose hosts it is, one bit each:
  // compute hosts, controllers, Ceph's hosts (the storage hosts and the monitor hosts: a
  // monitor-only loss must not count as contained in every loss); and whether it is an OSD
  // host (raw bytes > 0) or a monitor host.
  // (and `storage`: a host of role storage, which `ceph` does not tell apart from a monitor host)
  const BIT = { compute: 1, control: 2, ceph: 4, osd: 8, mon: 16, storage: 32 } as const;
  const member = new Uint8Array(H);
  // the carried hosts' bits as they were (a function of the host, the models and the monitors)
  if (keep > 0) member.set(was!.member.subarray(0, keep));
  // the monitors are hosts of the monitors' role; the storage hosts (storageHostsRaw) are the
  // storage-role hosts of `known` in host order: both read without a lookup by name per host
  // (after the carried hosts: the next of `storage` is the one after their storage hosts)
  let next = keep > 0 ? was!.storageHosts : 0;
  for (let i = keep; i < H; i++) {
    const { name, role } = known[i]!;
    let bits = role === 'compute' ? BIT.compute : role === 'control' ? BIT.control : role === 'storage' ? BIT.ceph | BIT.storage : 0;
    if (role === monRole && monSet.has(name)) bits |= BIT.ceph | BIT.mon;
    if (role === 'storage') {
      const raw = next < storage.length && storage[next]!.host === name ? storage[next++]!.rawBytes : (hostRaw.get(name) ?? 0);
      if (raw > 0) bits |= BIT.osd;
    }
    member[i] = bits;
  }
  if (carry) carry.hosts = { known, names, member, hardware: scenario.hardware, monRole, mons, storageHosts: next };
  // the controllers: the hosts of role control (their bit)
  const controllers = namesWithBit(names, member, BIT.control);
  /** The numbers of the hosts a one-host domain `d` of host number `i` stops (its host, then its drained hosts). */
  const hostNumbers = (d: FailureDomain, i: number): readonly number[] => (d.hostsDrained.length === 0 ? [i] : [i, ...d.hostsDrained.map((h) => ctx.order.get(h)!)]);
  /** The bits of the hosts a domain stops, or-ed. */
  const bitsOf = (numbers: readonly number[]): number => {
    let bits = 0;
    for (let j = 0; j < numbers.length; j++) bits |= member[numbers[j]!]!;
    return bits;
  };
  const bySubsystem = new Map<FailureSubsystem, Map<string, FailureImpact>>(SUBSYSTEMS.map((s) => [s, new Map()]));
  // the same Maps by subsystem index (SUBSYSTEMS order)
  const maps = SUBSYSTEMS.map((s) => bySubsystem.get(s)!);
  /** The Ceph impact of a domain from its Ceph outcome and its monitors' outcome, if either. */
  const cephImpactOf = (d: FailureDomain, s: CephOutcome | undefined, m: ReturnType<typeof monImpact>): FailureImpact | undefined => {
    if (m) {
      const message = [m.harms.length > 0 ? m.message : '', s?.message ?? '', m.harms.length === 0 ? m.message : ''].filter((x) => x !== '').join(' ');
      return makeImpact(d, 'ceph', message, [...m.harms, ...(s?.harms ?? [])], s ? { ceph: s.detail } : {});
    }
    return s ? makeImpact(d, 'ceph', s.message, s.harms, { ceph: s.detail }) : undefined; // makeImpact copies the harms
  };
  /** The impacts of a one-host class from its compute and Ceph outcomes, in subsystem order. */
  const impactsOf = (d: FailureDomain, c: ComputeOutcome | undefined, s: CephOutcome | undefined): FailureImpact[] => {
    const out: FailureImpact[] = [];
    if (c) out.push(makeImpact(d, 'compute', c.message, c.harms, { compute: c.detail }));
    const x = cephImpactOf(d, s, undefined);
    if (x) out.push(x);
    return out;
  };
  /** The names of the hosts with `bit` among `d`'s lost and drained hosts (`numbers`: lost, then drained), in that order. */
  const namesOf = (d: FailureDomain, numbers: readonly number[], bit: number): { lost: string[]; drained: string[] } => {
    const lost: string[] = [];
    const drained: string[] = [];
    const nLost = d.hostsLost.length;
    for (let j = 0; j < numbers.length; j++) {
      const i = numbers[j]!;
      if (member[i]! & bit) (j < nLost ? lost : drained).push(known[i]!.name);
    }
    return { lost, drained };
  };
  /** How many hosts with `bit` `d` loses and drains. */
  const countOf = (d: FailureDomain, numbers: readonly number[], bit: number): { lost: number; drained: number } => {
    let lost = 0;
    let drained = 0;
    const nLost = d.hostsLost.length;
    for (let j = 0; j < numbers.length; j++)
      if (member[numbers[j]!]! & bit) {
        if (j < nLost) lost++;
        else drained++;
      }
    return { lost, drained };
  };
  // read once: the per-domain and per-host closures below do not read the scenario object,
  // whose shape differs between the epochs' views (a property load there deoptimises them)
  const pools = scenario.ceph.pools.length > 0;
  const racks = scenario.racks;
  // A switch or feed that cuts no host off and trips no rack: its outcome reads the kind and
  // the number of hosts degraded only (attachmentImpact), one record per pair
  // (by kind, then the number of hosts degraded: switches', feeds')
  const noneCutOff = [new Map<number, ReturnType<typeof attachmentImpact>>(), new Map<number, ReturnType<typeof attachmentImpact>>()];
  const attachmentOf = (d: FailureDomain): ReturnType<typeof attachmentImpact> => {
    if (d.kind !== 'switch' && d.kind !== 'feed') return undefined; // attachmentImpact has none for other kinds
    const feedTrips = d.kind === 'feed' ? (trips.get(d.name) ?? NO_TRIPS) : NO_TRIPS;
    if (d.hostsLost.length > 0 || feedTrips.length > 0) return attachmentImpact(d, feedTrips, racks);
    const byDegraded = noneCutOff[d.kind === 'switch' ? 0 : 1]!;
    let out = byDegraded.get(d.hostsDegraded.length);
    if (!out) {
      out = attachmentImpact(d, feedTrips, racks);
      byDegraded.set(d.hostsDegraded.length, out);
    }
    return out;
  };
  // the network and power impacts of the other domains, by position in `others` (no
  // containment reads them: they are not filed by subsystem)
  const othersAttached: (FailureImpact | undefined)[] = new Array(others.length);
  /**
   * Analyses `d`, whose lost and drained hosts are `numbers`, and returns which subsystems it
   * has an impact in (bit 2^k for SUBSYSTEMS[k]); `j`: its position in `others`, if one.
   */
  const analyseDomain = (d: FailureDomain, c: ComputeOutcome | undefined, numbers: readonly number[], j = -1): number => {
    // each subsystem only for the domains that stop one of its hosts (most domains are one host)
    const bits = bitsOf(numbers);
    const k = bits & BIT.control ? controlImpact(d, controllers, countOf(d, numbers, BIT.control)) : undefined;
    const s = pools && bits & BIT.osd ? cephImpactNumbered(ceph, d, numbers) : undefined;
    const m = bits & BIT.mon ? monImpact(d, mons, namesOf(d, numbers, BIT.mon)) : undefined;
    const a = attachmentOf(d);
    // each impact filed as it is made, in subsystem order: by domain id in its subsystem's
    // Map, an other domain's network or power one by position (othersAttached)
    let present = 0;
    if (c) {
      maps[0]!.set(d.id, makeImpact(d, 'compute', c.message, c.harms, { compute: c.detail }));
      present |= 1;
    }
    if (k) {
      maps[1]!.set(d.id, makeImpact(d, 'control', k.message, k.harms, { control: k.detail }));
      present |= 2;
    }
    const x = s || m ? cephImpactOf(d, s, m) : undefined;
    if (x) {
      maps[2]!.set(d.id, x);
      present |= 4;
    }
    if (a) {
      const network = d.kind === 'switch';
      const impact = network ? makeImpact(d, 'network', a.message, a.harms, { network: a.detail }) : makeImpact(d, 'power', a.message, a.harms, { power: a.detail });
      if (j >= 0) othersAttached[j] = impact;
      else maps[network ? 3 : 4]!.set(d.id, impact);
      present |= network ? 8 : 16;
    }
    return present;
  };
  // every one-host domain built: in domain order (the hooks are asked in that order); else the
  // other domains first, which tell the one-host domains to build
  const hostPresent = new Uint8Array(H); // per host: the subsystems of its built domain's impacts
  const othersPresent = new Uint8Array(others.length);
  if (hostDomains) hostDomains.forEach((d, i) => (hostPresent[i] = analyseDomain(d, computeOut[i], hostNumbers(d, i))));
  // A switch or feed that stops no host (cuts none off, trips no rack): its one impact, the
  // network or power one, reads the domain object only (FailureCarry.attachment), so a domain
  // object of the previous analysis keeps its impact; the others are analysed.
  const attachmentCarried = analyseOthers(others, othersNumbers, computeOut, H, trips, carry?.attachment ?? null, analyseDomain, othersAttached, othersPresent);
  if (carry) carry.attachment = attachmentCarried!;
  /** The numbers of `all` whose hosts are of subsystem `bit` (`all` itself when every one is). */
  const pick = (all: readonly number[], bit: number): ArrayLike<number> => withBit(all, member, bit);
  // per other domain (by position in `others`): its stopped hosts per subsystem, each built once
  const othersStopped = { compute: [] as (ArrayLike<number> | undefined)[], control: [] as (ArrayLike<number> | undefined)[], ceph: [] as (ArrayLike<number> | undefined)[] };
  const stoppedOther = (sub: 'compute' | 'control' | 'ceph', j: number): ArrayLike<number> => {
    let out = othersStopped[sub][j];
    if (out) return out;
    out = pick(othersNumbers[j]!, BIT[sub]);
    othersStopped[sub][j] = out;
    return out;
  };
  // The one-host domains that are built: every one (buildAll), else those whose outcome names
  // the host (controllers, monitors) or whose containment another loss of the same hosts decides.
  let allBuilt = buildAll;
  const built = new Uint8Array(H);
  if (!allBuilt) {
    markWithBit(built, member, BIT.control | BIT.mon);
    for (const sub of ['compute', 'control', 'ceph'] as const) if (markAlone(othersPresent, 1 << SUBSYSTEMS.indexOf(sub), othersNumbers, member, BIT[sub], built)) allBuilt = true;
  }
  // Ceph outcomes of one-host losses not built: by the host's model, raw bytes and the raw
  // bytes of its CRUSH domain (signaturePartNumbered), which make the loss's signature
  // (signatureNumber) and so its outcome: the record cephImpactNumbered's cache shares among them
  const cephByPart = new Map<number, CephOutcome | undefined>();
  const cephOne = (i: number): CephOutcome | undefined => {
    const part = signaturePartNumbered(ceph, i);
    if (part === null) return cephImpactNumbered(ceph, hostDomain(ctx, known[i]!.name), [i]);
    if (cephByPart.has(part)) return cephByPart.get(part);
    const out = cephImpactNumbered(ceph, hostDomain(ctx, known[i]!.name), [i]);
    cephByPart.set(part, out);
    return out;
  };
  const builtDomains: FailureDomain[] = [];
  const builtNumbers: number[] = []; // the host number of each built one-host domain
  const cls = new Int32Array(H);
  const classes: FailureImpact[][] = [];
  // class by (compute outcome id, Ceph outcome id): one Map of Ceph ids per compute id (a
  // single number key idOf(c) * 2^k + idOf(s) would leave the small integers and deoptimise)
  const classOf = new Map<number, Map<number, number>>();
  const outcomeIds = new Map<object, number>();
  const idOf = (o: object | undefined): number => {
    if (!o) return 0;
    let id = outcomeIds.get(o);
    if (id === undefined) {
      id = outcomeIds.size + 1;
      outcomeIds.set(o, id);
    }
    return id;
  };
  classifyHosts(
    member,
    BIT.compute,
    BIT.storage,
    computeOut,
    allBuilt ? null : built,
    // the Ceph outcome of a one-host loss not built, for an OSD host (when there are pools)
    (i) => (pools && member[i]! & BIT.osd ? cephOne(i) : undefined),
    (i, c) => {
      const d = hostDomains?.[i] ?? hostDomain(ctx, known[i]!.name);
      builtDomains.push(d);
      builtNumbers.push(i);
      if (!hostDomains) hostPresent[i] = analyseDomain(d, c, hostNumbers(d, i));
    },
    (c, s) => {
      const ci = idOf(c);
      const si = idOf(s);
      let row = classOf.get(ci);
      if (row === undefined) {
        row = new Map();
        classOf.set(ci, row);
      }
      let k = row.get(si);
      if (k === undefined) {
        k = classes.length;
        row.set(si, k);
        classes.push(impactsOf(single, c, s));
      }
      return k;
    },
    cls,
  );
  const domains = [...builtDomains, ...others];
  const classImpact = (sub: FailureSubsystem): (FailureImpact | undefined)[] => classes.map((list) => list.find((x) => x.subsystem === sub));
  const nb = builtDomains.length;
  for (const sub of ['compute', 'control', 'ceph'] as const) {
    const own = classImpact(sub);
    const bit = BIT[sub];
    const present = 1 << SUBSYSTEMS.indexOf(sub); // its bit in hostPresent / othersPresent
    inheritContainedHarmWith(
      domains,
      bySubsystem.get(sub)!,
      (d, i) => (i < nb ? pick(hostNumbers(d, builtNumbers[i]!), bit) : stoppedOther(sub, i - nb)),
      H,
      (_d, i) => (i < nb ? builtNumbers[i]! : H + i - nb),
      {
        anyHarmed: own.some((x) => x !== undefined && x.firstHarmMonth !== null),
        month: (h) => (cls[h]! < 0 ? undefined : (own[cls[h]!]?.firstHarmMonth ?? undefined)),
        rank: (h) => h,
        loss: (h) => ({ d: hostDomain(ctx, known[h]!.name), impact: own[cls[h]!]! }),
      },
      scratch,
      // only the domains analyseDomain filed an impact of `sub` for (ids are unique)
      (i) => ((i < nb ? hostPresent[builtNumbers[i]!]! : othersPresent[i - nb]!) & present) !== 0,
    );
  }

  const impacts = listImpacts(domains, nb, hostPresent, builtNumbers, othersPresent, maps, othersAttached);
  const plan: FailurePlan = { policy, assumptions: assumptions(scenario), domains, impacts };
  const harmFindings = options.findings === false ? [] : failureFindings(domains, impacts, policy, scenario.start, ctx.roleOf);
  const result: FailureResult & { hosts?: HostClasses } = { plan, findings: [...harmFindings, ...notAnalysed(policy)] };
  if (byClass)
    result.hosts = {
      names,
      cls,
      classes,
      tolerated: single.tolerated,
    };
  return result;
}
