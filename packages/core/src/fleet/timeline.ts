/**
 * The fleet timeline: which hosts are in service in each month of the horizon, in which racks.
 * It is the one seam every analysis reads: Placement, Ceph, quorum, address space, rack power
 * and the failure domains see the fleet of the month they evaluate.
 *
 * A host is in service in month t when  fromMonth <= t < untilMonth  (untilMonth null: to the
 * end of the horizon):
 *   - the initial fleet (node groups, expandHosts) from month 0;
 *   - a node group with `retire: YYYY-MM` until that month (the first month out of service);
 *   - a purchased host from its purchase's delivery month (Purchase.deliveryMonthIndex).
 * The fleet changes only at those months, so the horizon splits into epochs: maximal runs of
 * months with the same hosts. An analysis runs once per epoch, not once per month.
 *
 * Pure; O(hosts + epochs × hosts in service) to build.
 */
import { purchaseRule } from '../model/procurement-rules.js';
import { monthLabel } from '../forecast/growth.js';
import type { Rack, Role, Scenario } from '../model/scenario.js';
import type { FleetHost } from '../model/fleet.js';
import type { Host } from '../model/plan.js';
import { monthsBetween } from '../scenario/references.js';

/** Months [fromMonth, toMonth) in which the fleet does not change, and its hosts. */
export interface FleetEpoch {
  fromMonth: number;
  /** Exclusive; the horizon's month count for the last epoch. */
  toMonth: number;
  /** `YYYY-MM` of fromMonth. */
  from: string;
  /** Hosts in service, in timeline order (initial fleet in node-group order, then purchased hosts in delivery order). */
  hosts: Host[];
}

export interface FleetTimeline {
  horizonMonths: number;
  /** Every host in service in some month of the horizon. */
  hosts: FleetHost[];
  /** The scenario's racks, then the racks purchases add. */
  racks: Rack[];
  /** Consecutive epochs covering months 0 .. horizonMonths - 1 (one epoch with months 0..0 for a horizon of 0). */
  epochs: FleetEpoch[];
}

/** What the timeline needs of a purchase (model/procurement.ts Purchase). */
export interface DeliveredHosts {
  role: Role;
  /** The aggregate of the per-aggregate rule that bought the hosts (they join the rule's aggregates); absent: the role's rule. */
  aggregate?: string;
  hardware: string;
  deliveryMonthIndex: number;
  hosts: readonly { name: string; rack: string }[];
}

/**
 * The month index a node group retires in (its `retire` counted from `scenario.start`), or
 * null when it serves the whole horizon (no retire, or retire at or after the horizon's end).
 * monthsBetween('2027-01', '2028-06') = 17: retire 2028-06 of a plan starting 2027-01 is month 17.
 */
export function retireMonth(scenario: Scenario, retire: string | undefined): number | null {
  if (retire === undefined) return null;
  const m = monthsBetween(scenario.start, retire);
  return Number.isFinite(m) && m < scenario.horizonMonths ? Math.max(0, m) : null;
}

/**
 * Builds the timeline from the initial hosts (expandHosts(scenario).hosts, node-group order),
 * the purchases delivered over the horizon (none for the cloud as it is) and the racks they add.
 * @throws only on a bug: the initial hosts do not match the node groups' counts
 */
export function buildFleetTimeline(scenario: Scenario, initial: readonly Host[], purchases: readonly DeliveredHosts[] = [], addedRacks: readonly Rack[] = []): FleetTimeline {
  const count = Math.max(0, Math.floor(scenario.horizonMonths));
  // each hot loop is a small function of its own (optimised alone, not this whole body)
  const hosts: FleetHost[] = [];
  let i = 0;
  for (const g of scenario.nodes) i = pushInitial(hosts, initial, i, g, retireMonth(scenario, g.retire));
  const racks = [...scenario.racks, ...addedRacks];
  const zoneOf = new Map(racks.map((r) => [r.name, r.zone]));
  const delivered = [...purchases].sort((a, b) => a.deliveryMonthIndex - b.deliveryMonthIndex);
  for (const p of delivered) {
    if (p.deliveryMonthIndex >= count) continue;
    // the rule's aggregates, once per purchase (every host of it joins them)
    const aggregates =
      p.role === 'compute' ? purchaseRule(scenario.procurement, { role: 'compute', ...(p.aggregate !== undefined ? { aggregate: p.aggregate } : {}) })?.aggregates : undefined;
    pushPurchased(hosts, p, zoneOf, aggregates, Math.max(0, p.deliveryMonthIndex));
  }
  const starts = [...changeMonths(hosts, count)].sort((a, b) => a - b);
  const plain = hosts.map(plainHost);
  const from = new Float64Array(hosts.length);
  const until = new Float64Array(hosts.length);
  fillMonths(hosts, from, until);
  const epochs: FleetEpoch[] = starts.map((fromMonth, e) => {
    const toMonth = starts[e + 1] ?? Math.max(count, fromMonth + 1);
    return { fromMonth, toMonth, from: monthLabel(scenario.start, fromMonth), hosts: inService(from, until, plain, fromMonth) };
  });
  return { horizonMonths: count, hosts, racks, epochs };
}

/**
 * Pushes the `g.count` initial hosts from initial[i..] of node group `g` (in service until month
 * `until`; none when 0) onto `hosts`; the index after them.
 * @throws only on a bug: the hosts do not match the group's model and role
 */
function pushInitial(hosts: FleetHost[], initial: readonly Host[], i: number, g: Scenario['nodes'][number], until: number | null): number {
  for (let k = 0; k < g.count; k++) {
    const h = initial[i++];
    if (!h || h.hardware !== g.hardware || h.role !== g.role) throw new Error('fleet timeline: hosts are not in node-group order');
    if (until === 0) continue;
    hosts.push(initialHost(h, until));
  }
  return i;
}

/** Pushes purchase `p`'s hosts (in service from `fromMonth`, in its racks' zones, joining `aggregates`) onto `hosts`. */
function pushPurchased(hosts: FleetHost[], p: DeliveredHosts, zoneOf: ReadonlyMap<string, string | undefined>, aggregates: readonly string[] | undefined, fromMonth: number): void {
  const { role, hardware } = p;
  for (const b of p.hosts) hosts.push(purchasedHost(b.name, role, hardware, b.rack, zoneOf.get(b.rack), aggregates, fromMonth));
}

/** The months in which the fleet changes: 0, then each host's first and end month inside 1 .. count - 1 (in first-met order). */
function changeMonths(hosts: readonly FleetHost[], count: number): Set<number> {
  const changes = new Set<number>([0]);
  for (const h of hosts) {
    if (h.fromMonth > 0 && h.fromMonth < count) changes.add(h.fromMonth);
    if (h.untilMonth !== null && h.untilMonth > 0 && h.untilMonth < count) changes.add(h.untilMonth);
  }
  return changes;
}

/** from[k], until[k] = hosts[k]'s first month and end month (Infinity: never retired); loops, not Float64Array.from(hosts, f) (which walks the array's iterator). */
function fillMonths(hosts: readonly FleetHost[], from: Float64Array, until: Float64Array): void {
  for (let k = 0; k < hosts.length; k++) {
    from[k] = hosts[k]!.fromMonth;
    until[k] = hosts[k]!.untilMonth ?? Infinity;
  }
}

/**
 * The hosts in service in month t (from[i] <= t < until[i], until Infinity for a host never
 * retired), as plain Hosts, in timeline order. `plain` holds one Host per fleet host, shared by
 * every epoch it serves in (so analyses may cache by host object).
 */
export function inService(from: Float64Array, until: Float64Array, plain: readonly Host[], t: number): Host[] {
  // a growing fleet's hosts in service are a prefix of the timeline: one copy of exactly that length
  let n = 0;
  while (n < plain.length && from[n]! <= t && t < until[n]!) n++;
  let k = n;
  while (k < plain.length && !(from[k]! <= t && t < until[k]!)) k++;
  if (k === plain.length) return plain.slice(0, n);
  const out: Host[] = plain.slice(0, n);
  for (let i = k; i < plain.length; i++) if (from[i]! <= t && t < until[i]!) out.push(plain[i]!);
  return out;
}

/**
 * An initial host with its service months: { ...h, fromMonth: 0, untilMonth, purchased: false }.
 * The hosts expandHosts makes (name, role, hardware, rack, then zone and aggregates when set)
 * are written out key by key, the same keys in the same order: an object spread followed by
 * more keys is some 30 times slower in V8 than a literal (10,000 hosts: ~30 ms against ~1 ms).
 */
function initialHost(h: Host, untilMonth: number | null): FleetHost {
  const keys = Object.keys(h);
  if (keys[0] === 'name' && keys[1] === 'role' && keys[2] === 'hardware' && keys[3] === 'rack') {
    const { name, role, hardware, rack } = h;
    if (keys.length === 4) return { name, role, hardware, rack, fromMonth: 0, untilMonth, purchased: false };
    if (keys.length === 5 && keys[4] === 'zone') return { name, role, hardware, rack, zone: h.zone!, fromMonth: 0, untilMonth, purchased: false };
    if (keys.length === 5 && keys[4] === 'aggregates') return { name, role, hardware, rack, aggregates: h.aggregates!, fromMonth: 0, untilMonth, purchased: false };
    if (keys.length === 6 && keys[4] === 'zone' && keys[5] === 'aggregates')
      return { name, role, hardware, rack, zone: h.zone!, aggregates: h.aggregates!, fromMonth: 0, untilMonth, purchased: false };
  }
  return { ...h, fromMonth: 0, untilMonth, purchased: false };
}

/**
 * A purchased host's record: { name, role, hardware, rack, ...(zone defined ? { zone } : {}),
 * ...(aggregates ? { aggregates: [...aggregates] } : {}), fromMonth, untilMonth: null,
 * purchased: true }, written as literals (the same keys in the same order; see initialHost).
 */
export function purchasedHost(
  name: string,
  role: Role,
  hardware: string,
  rack: string,
  zone: string | undefined,
  aggregates: readonly string[] | undefined,
  fromMonth: number,
): FleetHost {
  if (zone !== undefined) {
    return aggregates
      ? { name, role, hardware, rack, zone, aggregates: [...aggregates], fromMonth, untilMonth: null, purchased: true }
      : { name, role, hardware, rack, zone, fromMonth, untilMonth: null, purchased: true };
  }
  return aggregates
    ? { name, role, hardware, rack, aggregates: [...aggregates], fromMonth, untilMonth: null, purchased: true }
    : { name, role, hardware, rack, fromMonth, untilMonth: null, purchased: true };
}

/** A fleet host as a plain Host (no service months): name, role, hardware, rack, then zone and aggregates when set (literals, not spreads: see initialHost). */
function plainHost({ name, role, hardware, rack, zone, aggregates }: FleetHost): Host {
  if (zone !== undefined) return aggregates !== undefined ? { name, role, hardware, rack, zone, aggregates } : { name, role, hardware, rack, zone };
  return aggregates !== undefined ? { name, role, hardware, rack, aggregates } : { name, role, hardware, rack };
}

/** The epoch that holds month t (the last epoch for t past the horizon, the first for t < 0). */
export function epochAt(timeline: FleetTimeline, t: number): FleetEpoch {
  let lo = 0;
  let hi = timeline.epochs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (timeline.epochs[mid]!.fromMonth <= t) lo = mid;
    else hi = mid - 1;
  }
  return timeline.epochs[lo]!;
}

/** The hosts in service in month t. */
export function hostsInService(timeline: FleetTimeline, t: number): Host[] {
  return epochAt(timeline, t).hosts;
}
