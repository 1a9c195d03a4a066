/**
 * Failure domains of the topology: which hosts each one takes down, which it leaves with
 * less redundancy, and which hosts are drained for maintenance while it is down.
 */
import type { Rack, Role } from '../model/scenario.js';
import { sameList } from '../fleet/prefix.js';
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
  /**
   * True when hostSwitches and hostFeeds depend only on the host's rack (rackAttachments):
   * lets a DomainCache check a rack's attachments once instead of each host's.
   */
  attachedByRack?: boolean;
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
 * With a `cache` (a DomainCache), a rack object seen before gets the very lists it got then
 * (rackSwitches and rackPowerFeeds read nothing but the rack): the racks of a timeline's
 * epochs are the same objects, so the cached groups' attachment check is an identity check;
 * and the same rack objects in the same order as the last call get its lookups (the same
 * names to the same lists).
 */
export function rackAttachments(racks: readonly Rack[], cache?: DomainCache): { hostSwitches: (h: Host) => readonly string[]; hostFeeds: (h: Host) => readonly string[] } {
  const kept = cache?.attachments;
  if (kept && kept.racks.length === racks.length && racks.every((r, i) => r === kept.racks[i])) return kept.out; // the same rack objects: the same lookups
  if (cache && !cache.rackLists) cache.rackLists = new Map();
  const lists = cache?.rackLists;
  const switches = new Map<string, readonly string[]>();
  const feeds = new Map<string, readonly string[]>();
  for (const r of racks) {
    let l = lists?.get(r);
    if (!l) {
      l = { switches: rackSwitches(r), feeds: rackPowerFeeds(r) };
      lists?.set(r, l);
    }
    switches.set(r.name, l.switches);
    feeds.set(r.name, l.feeds);
  }
  const none: readonly string[] = [];
  const out = {
    hostSwitches: (h: Host) => switches.get(h.rack) ?? none,
    hostFeeds: (h: Host) => feeds.get(h.rack) ?? none,
  };
  if (cache) cache.attachments = { racks: [...racks], out };
  return out;
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

/** Distinct values in first-appearance order. */
function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** A domain; `id`, when given, is `${kind}:${name}` already made (a group's earlier domain's: the same string, already hashed). */
function makeDomain(
  ctx: DomainContext,
  kind: FailureDomainKind,
  name: string,
  lost: string[],
  degraded: string[],
  tolerated: boolean,
  allRoles = false,
  id?: string,
): FailureDomain {
  return {
    id: id ?? `${kind}:${name}`,
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
 * The hosts of one rack, zone, switch or feed: those it loses (names and numbers: positions
 * in the context's hosts) and those it leaves degraded; `domain` is the domain built from
 * them, null until built or after they change (the arrays are copied before they change
 * once a domain holds them). While `base` is set (during addHosts), the arrays hold only the
 * hosts added since `base`, whose domain holds the earlier ones: addHosts joins them at its end.
 */
interface Group {
  lost: string[];
  lostNumbers: number[];
  degraded: string[];
  domain: FailureDomain | null;
  base: Group | null;
  /** The id of the group's earlier domain, when it had one (the next domain's id: same kind and name). */
  id: string | undefined;
}

/** A rack's (or a host's) switches and feeds, and whether each list is a single one. */
interface Attached {
  switches: readonly string[];
  feeds: readonly string[];
  switchesAlone: boolean;
  feedsAlone: boolean;
}

/** The groups of some hosts (enumerateDomainsNumbered), kept by a DomainCache for the next fleet. */
interface Groups {
  /** The settings the groups' domains were built with (tolerances). */
  key: string;
  hosts: readonly Host[];
  racks: Map<string, Group>;
  zones: Map<string, Group>;
  switches: Map<string, Group>;
  feeds: Map<string, Group>;
  /** Attachments per rack (ctx.attachedByRack), with a host of the rack they were read from. */
  byRack: Map<string, Attached & { host: Host }>;
  /** The order of the rack domains (see `rackOrder`), with the rack names and group count it was built from. */
  rackOrder?: { names: string[]; groups: number; order: string[] };
}

/**
 * What enumerateDomainsNumbered keeps from one fleet for the next (evaluate/epochs.ts: one
 * per fleet timeline). When the next fleet's hosts start with the same hosts (a fleet that
 * only grows) under the same settings, the groups are extended by the new hosts only, and
 * every rack, zone, switch and feed that gained no host keeps its domain object. Each rack
 * object's switch and feed lists (rackAttachments) are kept too. It lives for one timeline
 * (one planEpochs call): nothing is kept between calls.
 */
export interface DomainCache {
  groups?: Groups;
  /** Each rack object's switches and feeds (rackAttachments). */
  rackLists?: Map<Rack, { switches: readonly string[]; feeds: readonly string[] }>;
  /** The last rackAttachments result and the racks it was built for (a copy of the list). */
  attachments?: { racks: readonly Rack[]; out: ReturnType<typeof rackAttachments> };
}

/** An empty DomainCache. */
export function domainCache(): DomainCache {
  return {};
}

function newGroup(base: Group | null = null): Group {
  return { lost: [], lostNumbers: [], degraded: [], domain: null, base, id: base?.domain?.id };
}

/**
 * `map`'s group of `key`, ready to take a host: created, or, when a built domain holds its
 * arrays, a new group on top of it (`base`, listed in `joins`: its arrays are joined to the
 * base's once all hosts are added, one copy of the exact length, instead of a copy that
 * every push then grows).
 */
function openGroup(map: Map<string, Group>, key: string, joins: Group[]): Group {
  let g = map.get(key);
  if (!g) {
    g = newGroup();
    map.set(key, g);
  } else if (g.domain) {
    g = newGroup(g);
    joins.push(g);
    map.set(key, g);
  }
  return g;
}

/** Each group of `joins` takes its base's hosts before its own, in new arrays (the base's domain keeps its own). */
function join(joins: readonly Group[]): void {
  for (const g of joins) {
    const base = g.base!;
    g.lost = base.lost.concat(g.lost);
    g.lostNumbers = base.lostNumbers.concat(g.lostNumbers);
    g.degraded = base.degraded.concat(g.degraded);
    g.base = null;
  }
}

/**
 * Adds hosts from..end of ctx.hosts to the groups: each to its rack, its zone, and, for every
 * distinct switch (feed) it is attached to, as lost when that is its only one, else degraded.
 * Groups are created in first-appearance order. With attachments by rack, the hosts of one
 * rack (and zone) have the same groups: they are looked up (and copied, `openGroup`) at its
 * first host of the call and kept for the others, which are appended to them as host by host.
 */
function addHosts(ctx: DomainContext, groups: Groups, from: number): void {
  const { hosts } = ctx;
  const byList = new Map<readonly string[], Attached>(); // attachments not by rack: per distinct pair of list objects
  const attachedOf = (h: Host): Attached => {
    const known = ctx.attachedByRack ? groups.byRack.get(h.rack) : undefined;
    if (known) return known;
    const switches = ctx.hostSwitches(h);
    const feeds = ctx.hostFeeds(h);
    if (!ctx.attachedByRack) {
      const hit = byList.get(switches);
      if (hit && hit.feeds === feeds) return hit;
    }
    const a = { switches, feeds, switchesAlone: switches.every((y) => y === switches[0]), feedsAlone: feeds.every((y) => y === feeds[0]), host: h };
    if (ctx.attachedByRack) groups.byRack.set(h.rack, a);
    else byList.set(switches, a);
    return a;
  };
  /** A host's groups: its rack's, its zone's, its attachments'. */
  interface Opened {
    zoneName: string | undefined;
    rack: Group;
    zone: Group | undefined;
    a: Attached;
    switches: Group[];
    feeds: Group[];
  }
  const byRack = new Map<string, Opened>(); // attachments by rack: per rack, while its hosts share a zone
  const joins: Group[] = [];
  for (let i = from; i < hosts.length; i++) {
    const h = hosts[i]!;
    let o = ctx.attachedByRack ? byRack.get(h.rack) : undefined;
    if (!o || o.zoneName !== h.zone) {
      const rack = openGroup(groups.racks, h.rack, joins);
      const zone = h.zone !== undefined ? openGroup(groups.zones, h.zone, joins) : undefined;
      const a = attachedOf(h);
      o = { zoneName: h.zone, rack, zone, a, switches: openAll(groups.switches, a.switches, joins), feeds: openAll(groups.feeds, a.feeds, joins) };
      if (ctx.attachedByRack) byRack.set(h.rack, o);
    }
    o.rack.lost.push(h.name);
    o.rack.lostNumbers.push(i);
    if (o.zone) {
      o.zone.lost.push(h.name);
      o.zone.lostNumbers.push(i);
    }
    attach(o.switches, o.a.switchesAlone, h.name, i);
    attach(o.feeds, o.a.feedsAlone, h.name, i);
  }
  join(joins);
}

/** The groups of the distinct attachments of `list`, in its order (each opened: `openGroup`). */
function openAll(map: Map<string, Group>, list: readonly string[], joins: Group[]): Group[] {
  const out: Group[] = [];
  for (let j = 0; j < list.length; j++) {
    const x = list[j]!;
    if (j > 0 && list.indexOf(x) !== j) continue; // each distinct attachment once (a host has a few)
    out.push(openGroup(map, x, joins));
  }
  return out;
}

/** Adds a host to each of `groups` (its distinct attachments): lost when it is its only one (`alone`), else degraded. */
function attach(groups: readonly Group[], alone: boolean, name: string, i: number): void {
  for (let j = 0; j < groups.length; j++) {
    const g = groups[j]!;
    if (alone) {
      g.lost.push(name);
      g.lostNumbers.push(i);
    } else g.degraded.push(name);
  }
}

/**
 * `enumerateDomains` with, per domain, the numbers (positions in ctx.hosts) of the hosts it
 * stops: its lost hosts then its drained hosts, in the order of hostsLost and hostsDrained.
 * O(hosts × attachments per host + domains). With a `cache` that holds the groups of a fleet
 * whose hosts are the first of ctx.hosts (same objects, same tolerances, attachments by rack
 * and unchanged, no feed that trips racks, one-host domains, host groups and maintenance
 * left out): O(old hosts (an identity check) + new hosts × attachments + domains + the hosts
 * of the racks, zones, switches and feeds that gained one: one copy of each such group's
 * lists, at its new length), the others keeping their domain objects, the racks' domain
 * order kept while the rack names are the same. The result is the same either way.
 */
export function enumerateDomainsNumbered(ctx: DomainContext, options: { hosts?: boolean } = {}, cache?: DomainCache): { domains: FailureDomain[]; numbers: number[][] } {
  const { hosts, policy } = ctx;
  const t = policy.tolerate;
  const out: FailureDomain[] = [];
  const numbers: number[][] = [];
  const maintenance = policy.maintenance.hosts > 0;
  const noTrips = !ctx.feedTrips || [...ctx.feedTrips.values()].every((x) => x.length === 0);
  const cacheable = cache !== undefined && options.hosts === false && t.hosts < 2 && !maintenance && noTrips && ctx.attachedByRack === true;
  const key = `${t.racks}|${t.zones}|${t.switches}|${t.feeds}`;
  const push = (d: FailureDomain, lostNumbers: number[]): void => {
    out.push(d);
    numbers.push(maintenance && d.hostsDrained.length > 0 ? [...lostNumbers, ...d.hostsDrained.map((h) => ctx.order.get(h)!)] : lostNumbers);
  };
  const add = (kind: FailureDomainKind, name: string, lost: string[], lostNumbers: number[], degraded: string[], tolerated: boolean, allRoles = false): void => {
    push(makeDomain(ctx, kind, name, lost, degraded, tolerated, allRoles), lostNumbers);
  };
  /** A group's domain, built once. */
  const addGroup = (kind: FailureDomainKind, name: string, g: Group, tolerated: boolean): void => {
    g.domain ??= makeDomain(ctx, kind, name, g.lost, g.degraded, tolerated, false, g.id);
    push(g.domain, g.lostNumbers);
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
  // the groups: the cache's extended by the new hosts when it holds a prefix of these hosts, else built anew
  let groups = cacheable ? reusable(ctx, cache.groups, key) : undefined;
  const from = groups ? groups.hosts.length : 0;
  groups ??= { key, hosts, racks: new Map(), zones: new Map(), switches: new Map(), feeds: new Map(), byRack: new Map() };
  addHosts(ctx, groups, from);
  groups.hosts = hosts;
  if (cache) cache.groups = cacheable ? groups : undefined;
  for (const rack of rackOrder(ctx.racks, groups)) {
    const g = groups.racks.get(rack);
    if (g) addGroup('rack', rack, g, t.racks >= 1);
  }
  // forEach: no entry pair per group and epoch
  if (groups.zones.size >= 2) groups.zones.forEach((g, zone) => addGroup('zone', zone, g, t.zones >= 1));
  groups.switches.forEach((g, sw) => addGroup('switch', sw, g, t.switches >= 1));
  for (const [feed, g] of groups.feeds) {
    // hosts of a rack whose remaining feeds cannot carry it lose power too (the breaker trips)
    const tripped = new Set((ctx.feedTrips?.get(feed) ?? []).flatMap((x) => x.hosts));
    if (tripped.size === 0) addGroup('feed', feed, g, t.feeds >= 1);
    else {
      const lostSet = new Set([...g.lost, ...g.degraded.filter((h) => tripped.has(h))]);
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
        g.degraded.filter((h) => !tripped.has(h)),
        t.feeds >= 1,
      );
    }
  }
  if (maintenance) add('maintenance', 'maintenance', [], [], [], true, true);
  return { domains: out, numbers };
}

/**
 * The cached groups when they can be extended to ctx.hosts: built with the same settings,
 * from hosts that are the first of ctx.hosts (the same objects), whose racks still have the
 * same switches and feeds. O(cached hosts + racks).
 */
function reusable(ctx: DomainContext, groups: Groups | undefined, key: string): Groups | undefined {
  if (!groups || groups.key !== key || groups.hosts.length > ctx.hosts.length) return undefined;
  for (let i = 0; i < groups.hosts.length; i++) if (groups.hosts[i] !== ctx.hosts[i]) return undefined;
  for (const a of groups.byRack.values()) if (!sameList(a.switches, ctx.hostSwitches(a.host)) || !sameList(a.feeds, ctx.hostFeeds(a.host))) return undefined;
  return groups;
}

/**
 * The racks in domain order: the names of `racks` (scenario order), then the racks of the
 * groups that `racks` does not name, each once. Kept on the groups: while the same names come
 * and no rack group is added (groups are never removed), the order is the one built before.
 * O(racks).
 */
function rackOrder(racks: readonly Rack[], groups: Groups): readonly string[] {
  const kept = groups.rackOrder;
  if (kept && kept.groups === groups.racks.size && kept.names.length === racks.length) {
    let same = true;
    for (let i = 0; same && i < racks.length; i++) same = kept.names[i] === racks[i]!.name;
    if (same) return kept.order;
  }
  const names = racks.map((r) => r.name);
  const order = distinct([...names, ...groups.racks.keys()]);
  groups.rackOrder = { names, groups: groups.racks.size, order };
  return order;
}
