/**
 * Failure domains of the topology: which hosts each one takes down, which it leaves with
 * less redundancy, and which hosts are drained for maintenance while it is down.
 */
import type { Rack, Role } from '../model/scenario.js';
import type { Host } from '../model/plan.js';
import type { FeedTrip } from './feed-load.js';
import { rackPowerFeeds, rackSwitches } from './topology.js';
import type { FailureDomain, FailureDomainKind, FailurePolicy } from '../model/failure.js';

/** What the domain enumeration needs. */
export interface DomainContext {
  hosts: readonly Host[];
  racks: readonly Rack[];
  policy: FailurePolicy;
  /** Host names per role, largest first (compute by Placement capacity, storage by raw bytes, others in host order). */
  largestFirst: Partial<Record<Role, readonly string[]>>;
  /**
   * The groups of policy.tolerate.hosts hosts lost at once, per role, when not simply the
   * first of `largestFirst` (compute: the N hosts with the most of each Placement class,
   * headroom's N+1 policy per class); `label` names a group after the first.
   */
  hostGroups?: Partial<Record<Role, readonly { label?: string; hosts: readonly string[] }[]>>;
  /** The switches a host's links go to (default: all of its rack's switches). */
  hostSwitches: (host: Host) => readonly string[];
  /** The power feeds a host is corded to (default: all of its rack's feeds). */
  hostFeeds: (host: Host) => readonly string[];
  /** Racks each feed trips when lost (its racks' remaining feeds cannot carry them: failure/feed-load.ts); none when absent. */
  feedTrips?: ReadonlyMap<string, readonly FeedTrip[]>;
  /** Role and position of each host by name (see `domainContext`). */
  roleOf: ReadonlyMap<string, Role>;
  order: ReadonlyMap<string, number>;
}

/** A DomainContext with its host lookups filled (each built on first use: most analyses read neither). */
export function domainContext(c: Omit<DomainContext, 'roleOf' | 'order'>): DomainContext {
  let roleOf: Map<string, Role> | undefined;
  let order: Map<string, number> | undefined;
  return {
    ...c,
    get roleOf() {
      roleOf ??= new Map(c.hosts.map((h) => [h.name, h.role]));
      return roleOf;
    },
    get order() {
      order ??= new Map(c.hosts.map((h, i) => [h.name, i]));
      return order;
    },
  };
}

/**
 * Default attachments: every host on all of its rack's switches (bonded) and all of its
 * rack's feeds (redundant PSUs). The hosts of one rack get the same list (one per rack).
 */
export function rackAttachments(racks: readonly Rack[]): { hostSwitches: (h: Host) => readonly string[]; hostFeeds: (h: Host) => readonly string[] } {
  const switches = new Map(racks.map((r) => [r.name, rackSwitches(r)]));
  const feeds = new Map(racks.map((r) => [r.name, rackPowerFeeds(r)]));
  const none: readonly string[] = [];
  return {
    hostSwitches: (h) => switches.get(h.rack) ?? none,
    hostFeeds: (h) => feeds.get(h.rack) ?? none,
  };
}

/**
 * Hosts drained for maintenance while `lost` is down: for each role in
 * policy.maintenance.roles that `lost` touches (or every such role when `allRoles`), the
 * first policy.maintenance.hosts hosts of that role, largest first, that are not lost.
 * Draining the largest is the worst case for capacity (the same rule as the tolerated
 * capacity); for a smaller loss contained in a larger one, the drained set can only grow
 * with the loss (a host among the largest outside a set is among the largest outside any
 * subset). Returns host names in host order.
 */
export function drainedHosts(ctx: DomainContext, lost: ReadonlySet<string>, allRoles: boolean): string[] {
  const { hosts: m, roles } = ctx.policy.maintenance;
  if (m <= 0) return [];
  const touched = new Set([...lost].map((n) => ctx.roleOf.get(n)));
  const out = new Set<string>();
  for (const role of roles) {
    if (!allRoles && !touched.has(role)) continue;
    let n = 0;
    for (const name of ctx.largestFirst[role] ?? []) {
      if (n >= m) break;
      if (lost.has(name)) continue;
      out.add(name);
      n++;
    }
  }
  return [...out].sort((a, b) => ctx.order.get(a)! - ctx.order.get(b)!);
}

/** The hosts a domain loses (names, and their numbers: positions in the context's hosts) and those it leaves degraded. */
interface Losses {
  lost: string[];
  lostNumbers: number[];
  degraded: string[];
}

/**
 * For every switch (feed) some host is attached to, in first-appearance order: the hosts it
 * leaves with nothing (lost) and those it leaves with something (degraded) when it goes.
 * The attachments of the hosts that share one list (a rack's) are read once.
 */
function attachmentLosses(hosts: readonly Host[], attached: (h: Host) => readonly string[]): Map<string, Losses> {
  const out = new Map<string, Losses>();
  // per distinct attachment list: whether it is one switch (feed), and the entries of its distinct attachments
  const byList = new Map<readonly string[], { alone: boolean; entries: Losses[] }>();
  for (let i = 0; i < hosts.length; i++) {
    const h = hosts[i]!;
    const a = attached(h);
    let list = byList.get(a);
    if (!list) {
      list = { alone: a.every((y) => y === a[0]), entries: [] };
      for (let j = 0; j < a.length; j++) {
        const x = a[j]!;
        if (a.indexOf(x) !== j) continue; // each distinct attachment once (a host has a few)
        let entry = out.get(x);
        if (!entry) {
          entry = { lost: [], lostNumbers: [], degraded: [] };
          out.set(x, entry);
        }
        list.entries.push(entry);
      }
      byList.set(a, list);
    }
    for (const entry of list.entries)
      if (list.alone) {
        entry.lost.push(h.name);
        entry.lostNumbers.push(i);
      } else entry.degraded.push(h.name);
  }
  return out;
}

/** Host names and numbers by a key (hosts without one skipped), keys in first-appearance order. */
function groupBy(hosts: readonly Host[], key: (h: Host) => string | undefined): Map<string, { names: string[]; numbers: number[] }> {
  const out = new Map<string, { names: string[]; numbers: number[] }>();
  let lastKey: string | undefined;
  let lastList: { names: string[]; numbers: number[] } | undefined;
  for (let i = 0; i < hosts.length; i++) {
    const h = hosts[i]!;
    const k = key(h);
    if (k === undefined) continue;
    let list = k === lastKey ? lastList : out.get(k);
    if (!list) {
      list = { names: [], numbers: [] };
      out.set(k, list);
    }
    list.names.push(h.name);
    list.numbers.push(i);
    lastKey = k;
    lastList = list;
  }
  return out;
}

/** Distinct values in first-appearance order. */
function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function makeDomain(ctx: DomainContext, kind: FailureDomainKind, name: string, lost: string[], degraded: string[], tolerated: boolean, allRoles = false): FailureDomain {
  return {
    id: `${kind}:${name}`,
    kind,
    name,
    tolerated,
    hostsLost: lost,
    hostsDrained: ctx.policy.maintenance.hosts > 0 ? drainedHosts(ctx, new Set(lost), allRoles) : [],
    hostsDegraded: degraded,
  };
}

/** The one-host domain of `host` (as enumerateDomains gives it). */
export function hostDomain(ctx: DomainContext, host: string): FailureDomain {
  return makeDomain(ctx, 'host', host, [host], [], ctx.policy.tolerate.hosts >= 1);
}

/**
 * Every failure domain of the topology, in this order: each host (host order); the N
 * largest hosts of each role when policy.tolerate.hosts = N >= 2 (for compute, one group per
 * distinct set of the N hosts with the most of a Placement class: `hostGroups`); each rack holding hosts
 * (scenario order); each zone when the racks name two zones or more (a single zone is the
 * whole cloud); each switch and each power feed some host is attached to (first
 * appearance); the maintenance allowance alone when policy.maintenance.hosts > 0. A feed
 * loses the hosts corded only to it and every host of the racks it trips (`ctx.feedTrips`).
 * Tolerated: hosts when tolerate.hosts >= 1, racks / zones / switches / feeds when their
 * tolerate count >= 1; the `hosts` groups and the maintenance domain always.
 * `options.hosts` false leaves out the one-host domains (see `hostDomain`).
 */
export function enumerateDomains(ctx: DomainContext, options: { hosts?: boolean } = {}): FailureDomain[] {
  return enumerateDomainsNumbered(ctx, options).domains;
}

/**
 * `enumerateDomains` with, per domain, the numbers (positions in ctx.hosts) of the hosts it
 * stops: its lost hosts then its drained hosts, in the order of hostsLost and hostsDrained.
 * O(hosts × attachments per host + domains).
 */
export function enumerateDomainsNumbered(ctx: DomainContext, options: { hosts?: boolean } = {}): { domains: FailureDomain[]; numbers: number[][] } {
  const { hosts, policy } = ctx;
  const t = policy.tolerate;
  const out: FailureDomain[] = [];
  const numbers: number[][] = [];
  const maintenance = policy.maintenance.hosts > 0;
  const add = (kind: FailureDomainKind, name: string, lost: string[], lostNumbers: number[], degraded: string[], tolerated: boolean, allRoles = false): void => {
    const d = makeDomain(ctx, kind, name, lost, degraded, tolerated, allRoles);
    out.push(d);
    numbers.push(maintenance && d.hostsDrained.length > 0 ? [...lostNumbers, ...d.hostsDrained.map((h) => ctx.order.get(h)!)] : lostNumbers);
  };
  if (options.hosts !== false) hosts.forEach((h, i) => add('host', h.name, [h.name], [i], [], t.hosts >= 1));
  if (t.hosts >= 2) {
    for (const role of ['control', 'compute', 'storage'] as const) {
      const groups = ctx.hostGroups?.[role] ?? [{ hosts: (ctx.largestFirst[role] ?? []).slice(0, t.hosts) }];
      for (const group of groups) {
        if (group.hosts.length < 2) continue;
        const set = new Set(group.hosts);
        const lost: string[] = [];
        const lostNumbers: number[] = [];
        hosts.forEach((h, i) => {
          if (!set.has(h.name)) return;
          lost.push(h.name);
          lostNumbers.push(i);
        });
        add('hosts', `${group.hosts.length} ${role} hosts${group.label ? ` ${group.label}` : ''}`, lost, lostNumbers, [], true);
      }
    }
  }
  const byRack = groupBy(hosts, (h) => h.rack);
  for (const rack of distinct([...ctx.racks.map((r) => r.name), ...byRack.keys()])) {
    const lost = byRack.get(rack);
    if (lost) add('rack', rack, lost.names, lost.numbers, [], t.racks >= 1);
  }
  const byZone = groupBy(hosts, (h) => h.zone);
  if (byZone.size >= 2) for (const [zone, lost] of byZone) add('zone', zone, lost.names, lost.numbers, [], t.zones >= 1);
  for (const [sw, { lost, lostNumbers, degraded }] of attachmentLosses(hosts, ctx.hostSwitches)) add('switch', sw, lost, lostNumbers, degraded, t.switches >= 1);
  for (const [feed, { lost, lostNumbers, degraded }] of attachmentLosses(hosts, ctx.hostFeeds)) {
    // hosts of a rack whose remaining feeds cannot carry it lose power too (the breaker trips)
    const tripped = new Set((ctx.feedTrips?.get(feed) ?? []).flatMap((x) => x.hosts));
    if (tripped.size === 0) add('feed', feed, lost, lostNumbers, degraded, t.feeds >= 1);
    else {
      const lostSet = new Set([...lost, ...degraded.filter((h) => tripped.has(h))]);
      const all: string[] = [];
      const allNumbers: number[] = [];
      hosts.forEach((h, i) => {
        if (!lostSet.has(h.name)) return;
        all.push(h.name);
        allNumbers.push(i);
      });
      add(
        'feed',
        feed,
        all,
        allNumbers,
        degraded.filter((h) => !tripped.has(h)),
        t.feeds >= 1,
      );
    }
  }
  if (maintenance) add('maintenance', 'maintenance', [], [], [], true, true);
  return { domains: out, numbers };
}
