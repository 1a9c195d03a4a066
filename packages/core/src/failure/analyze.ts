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
import { failureDomains, storageHostsRaw } from '../storage/raw.js';
import { attachmentImpact } from './attachment-impact.js';
import { cephContext, cephImpact } from './ceph-impact.js';
import { type ComputeModel, type ComputeWindow, computeImpacts, computeModel } from './compute-impact.js';
import { inheritContainedHarm } from './containment.js';
import { controlImpact } from './control-impact.js';
import { feedTrips } from './feed-load.js';
import { monImpact } from './mon-impact.js';
import { domainContext, enumerateDomains, rackAttachments } from './domains.js';
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

/** True when `d` loses or drains a host of `hosts`. */
function touches(d: FailureDomain, hosts: ReadonlySet<string>): boolean {
  if (hosts.size === 0) return false;
  for (const h of d.hostsLost) if (hosts.has(h)) return true;
  for (const h of d.hostsDrained) if (hosts.has(h)) return true;
  return false;
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
  const policy = failurePolicy(scenario);
  const known = hosts.filter((h) => Object.hasOwn(scenario.hardware, h.hardware));
  const storage = storageHostsRaw(scenario, known);
  const hostRaw = new Map(storage.map((h) => [h.host, h.rawBytes]));
  const crush = failureDomains(storage, scenario.ceph.failureDomain, scenario.racks);
  const attach = rackAttachments(scenario.racks);
  const trips = feedTrips(scenario, scenario.racks, known);
  const ranked = largestFirst(known, compute, hostRaw);
  const ctx = domainContext({
    feedTrips: trips,
    hosts: known,
    racks: scenario.racks,
    policy,
    largestFirst: ranked,
    hostGroups: { compute: computeHostGroups(policy.tolerate.hosts, ranked.compute ?? [], compute) },
    hostSwitches: attach.hostSwitches,
    hostFeeds: attach.hostFeeds,
  });
  const domains = enumerateDomains(ctx);
  const computeOut = placement
    ? computeImpacts(placement.model, domains, scenario.start, placement.window)
    : computeImpacts(computeModel(scenario, compute, known), domains, scenario.start);
  const controllers = new Set(known.filter((h) => h.role === 'control').map((h) => h.name));
  const mons = daemonHosts(cephDaemons(scenario), known).mon;
  const ceph = cephContext(
    scenario,
    crush,
    hostRaw,
    {
      ...(hooks.ceph ? { ceph: hooks.ceph } : {}),
      ...(hooks.network?.replicationBitsPerSecond ? { replicationBitsPerSecond: hooks.network.replicationBitsPerSecond } : {}),
    },
    new Map(known.filter((h) => h.role === 'storage').map((h) => [h.name, h.hardware])),
  );

  const osdHosts = new Set([...hostRaw].filter(([, raw]) => raw > 0).map(([h]) => h));
  const monSet = new Set(mons);
  const bySubsystem = new Map<FailureSubsystem, Map<string, FailureImpact>>(SUBSYSTEMS.map((s) => [s, new Map()]));
  for (const d of domains) {
    const c = computeOut.get(d.id);
    if (c) bySubsystem.get('compute')!.set(d.id, makeImpact(d, 'compute', c.message, c.harms, { compute: c.detail }));
    // each subsystem only for the domains that stop one of its hosts (most domains are one host)
    const k = touches(d, controllers) ? controlImpact(d, controllers) : undefined;
    if (k) bySubsystem.get('control')!.set(d.id, makeImpact(d, 'control', k.message, k.harms, { control: k.detail }));
    const s = scenario.ceph.pools.length > 0 && touches(d, osdHosts) ? cephImpact(ceph, d) : undefined;
    const m = touches(d, monSet) ? monImpact(d, mons) : undefined;
    if (s || m) {
      const message = [m && m.harms.length > 0 ? m.message : '', s?.message ?? '', m && m.harms.length === 0 ? m.message : ''].filter((x) => x !== '').join(' ');
      bySubsystem.get('ceph')!.set(d.id, makeImpact(d, 'ceph', message, [...(m?.harms ?? []), ...(s?.harms ?? [])], s ? { ceph: s.detail } : {}));
    }
    const a = attachmentImpact(d, d.kind === 'feed' ? (trips.get(d.name) ?? []) : [], scenario.racks);
    if (a) {
      const sub = d.kind === 'switch' ? 'network' : 'power';
      bySubsystem.get(sub)!.set(d.id, makeImpact(d, sub, a.message, a.harms, sub === 'network' ? { network: a.detail } : { power: a.detail }));
    }
  }
  const roleOf = new Map(known.map((h) => [h.name, h.role]));
  // the hosts of a subsystem a domain stops (lost and drained)
  const stoppedOf =
    (keep: (h: string) => boolean) =>
    (d: FailureDomain): Set<string> => {
      const out = new Set<string>();
      for (const h of d.hostsLost) if (keep(h)) out.add(h);
      for (const h of d.hostsDrained) if (keep(h)) out.add(h);
      return out;
    };
  inheritContainedHarm(
    domains,
    bySubsystem.get('compute')!,
    stoppedOf((h) => roleOf.get(h) === 'compute'),
  );
  inheritContainedHarm(
    domains,
    bySubsystem.get('control')!,
    stoppedOf((h) => roleOf.get(h) === 'control'),
  );
  // Ceph's hosts: the OSD hosts and the monitor hosts (a monitor-only loss must not count as contained in every loss)
  inheritContainedHarm(
    domains,
    bySubsystem.get('ceph')!,
    stoppedOf((h) => roleOf.get(h) === 'storage' || monSet.has(h)),
  );

  const impacts: FailureImpact[] = [];
  for (const d of domains)
    for (const s of SUBSYSTEMS) {
      const i = bySubsystem.get(s)!.get(d.id);
      if (i) impacts.push(i);
    }
  const plan: FailurePlan = { policy, assumptions: assumptions(scenario), domains, impacts };
  const harmFindings = options.findings === false ? [] : failureFindings(domains, impacts, policy, scenario.start, roleOf);
  return { plan, findings: [...harmFindings, ...notAnalysed(policy)] };
}
