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

/** A DomainContext with its host lookups filled. */
export function domainContext(c: Omit<DomainContext, 'roleOf' | 'order'>): DomainContext {
  return { ...c, roleOf: new Map(c.hosts.map((h) => [h.name, h.role])), order: new Map(c.hosts.map((h, i) => [h.name, i])) };
}

/** Default attachments: every host on all of its rack's switches (bonded) and all of its rack's feeds (redundant PSUs). */
export function rackAttachments(racks: readonly Rack[]): { hostSwitches: (h: Host) => readonly string[]; hostFeeds: (h: Host) => readonly string[] } {
  const byName = new Map(racks.map((r) => [r.name, r]));
  return {
    hostSwitches: (h) => {
      const r = byName.get(h.rack);
      return r ? rackSwitches(r) : [];
    },
    hostFeeds: (h) => {
      const r = byName.get(h.rack);
      return r ? rackPowerFeeds(r) : [];
    },
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

/**
 * For every switch (feed) some host is attached to, in first-appearance order: the hosts it
 * leaves with nothing (lost) and those it leaves with something (degraded) when it goes.
 */
function attachmentLosses(hosts: readonly Host[], attached: (h: Host) => readonly string[]): Map<string, { lost: string[]; degraded: string[] }> {
  const out = new Map<string, { lost: string[]; degraded: string[] }>();
  for (const h of hosts) {
    const a = attached(h);
    const alone = a.every((y) => y === a[0]);
    for (let j = 0; j < a.length; j++) {
      const x = a[j]!;
      if (a.indexOf(x) !== j) continue; // each distinct attachment once (a host has a few)
      let entry = out.get(x);
      if (!entry) {
        entry = { lost: [], degraded: [] };
        out.set(x, entry);
      }
      if (alone) entry.lost.push(h.name);
      else entry.degraded.push(h.name);
    }
  }
  return out;
}

/** Host names by a key (hosts without one skipped), keys in first-appearance order. */
function groupBy(hosts: readonly Host[], key: (h: Host) => string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const h of hosts) {
    const k = key(h);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(h.name);
    else out.set(k, [h.name]);
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
  const { hosts, policy } = ctx;
  const t = policy.tolerate;
  const out: FailureDomain[] = [];
  const add = (kind: FailureDomainKind, name: string, lost: string[], degraded: string[], tolerated: boolean, allRoles = false): void => {
    out.push(makeDomain(ctx, kind, name, lost, degraded, tolerated, allRoles));
  };
  if (options.hosts !== false) for (const h of hosts) out.push(hostDomain(ctx, h.name));
  if (t.hosts >= 2) {
    for (const role of ['control', 'compute', 'storage'] as const) {
      const groups = ctx.hostGroups?.[role] ?? [{ hosts: (ctx.largestFirst[role] ?? []).slice(0, t.hosts) }];
      for (const group of groups) {
        if (group.hosts.length < 2) continue;
        const set = new Set(group.hosts);
        add(
          'hosts',
          `${group.hosts.length} ${role} hosts${group.label ? ` ${group.label}` : ''}`,
          hosts.filter((h) => set.has(h.name)).map((h) => h.name),
          [],
          true,
        );
      }
    }
  }
  const byRack = groupBy(hosts, (h) => h.rack);
  for (const rack of distinct([...ctx.racks.map((r) => r.name), ...byRack.keys()])) {
    const lost = byRack.get(rack);
    if (lost) add('rack', rack, lost, [], t.racks >= 1);
  }
  const byZone = groupBy(hosts, (h) => h.zone);
  if (byZone.size >= 2) for (const [zone, lost] of byZone) add('zone', zone, lost, [], t.zones >= 1);
  for (const [sw, { lost, degraded }] of attachmentLosses(hosts, ctx.hostSwitches)) add('switch', sw, lost, degraded, t.switches >= 1);
  for (const [feed, { lost, degraded }] of attachmentLosses(hosts, ctx.hostFeeds)) {
    // hosts of a rack whose remaining feeds cannot carry it lose power too (the breaker trips)
    const tripped = new Set((ctx.feedTrips?.get(feed) ?? []).flatMap((x) => x.hosts));
    if (tripped.size === 0) add('feed', feed, lost, degraded, t.feeds >= 1);
    else {
      const lostSet = new Set([...lost, ...degraded.filter((h) => tripped.has(h))]);
      add(
        'feed',
        feed,
        hosts.filter((h) => lostSet.has(h.name)).map((h) => h.name),
        degraded.filter((h) => !tripped.has(h)),
        t.feeds >= 1,
      );
    }
  }
  if (policy.maintenance.hosts > 0) add('maintenance', 'maintenance', [], [], true, true);
  return out;
}
