/**
 * The fleet totals, tolerated losses, tolerated capacity and removed hosts of a compute fleet
 * in one pass per resource class, on numbers instead of per-host objects and name sets:
 *
 *   total[rc]     = sumCapacity (tolerance.ts): Σ over hosts of capacity[rc], in host order;
 *   losses        = toleratedLosses (tolerance.ts): per class, the worst of the tolerate.hosts
 *                   largest hosts, the tolerate.racks largest racks, the tolerate.zones largest
 *                   zones (same ties: earlier option, then input order);
 *   tolerated[rc] = toleratedCapacity: Σ of capacity[rc] over the hosts the class's loss leaves,
 *                   in host order;
 *   removed       = hostsRemovedByAnyClass.
 * The same additions in the same order as those functions, so the same doubles. They find a
 * loss's hosts by name; here by index, which is the same when no two hosts share a name: with a
 * repeated name (or when the caller cannot vouch for unique names and they are not) this runs
 * those functions. O(hosts × classes + racks + zones).
 * Source: headroom [model]; the N+1 policy as tolerance.ts states it.
 */
import type { ResourceClass, ToleratedLoss } from '../model/plan.js';
import { orderClasses } from './placement.js';
import {
  type CapacityVector,
  type ComputeHostCapacity,
  type ComputeTolerance,
  hostsRemovedByAnyClass,
  sumCapacity,
  toleratedCapacity,
  toleratedLosses,
  topIndices,
} from './tolerance.js';

/** What the caller knows of its hosts already (compute-plan.ts ComputeHostCache). */
export interface KnownHosts {
  /** No two hosts have the same name. */
  uniqueNames: true;
  /** Per host: the number of its rack (one number per rack name). */
  rack: Int32Array;
  /** Per host: the number of its zone (one per zone name), -1 without a zone. */
  zone: Int32Array;
  /** The classes with a value in some host's capacity, in orderClasses order. */
  classes: readonly ResourceClass[];
  /**
   * Per host, `hosts[i].capacity[rc] ?? 0` of class `rc` (the caller keeps them across calls:
   * compute-plan.ts ComputeHostCache); without it (or undefined) they are read off the hosts.
   */
  values?: (rc: ResourceClass) => readonly number[] | undefined;
  /** Per host, the running sums of values(rc) from 0 (sums[k]: Σ of the first k, in order). */
  sums?: (rc: ResourceClass) => readonly number[] | undefined;
  /** topIndices(hosts, n, (i) => values(rc)[i]) (the n hosts with the most rc), kept by the caller; undefined when it has none. */
  largest?: (rc: ResourceClass, n: number) => number[] | undefined;
}

/** The fleet's figures (see the module comment). */
export interface FleetTolerance {
  total: CapacityVector;
  losses: Partial<Record<ResourceClass, ToleratedLoss>>;
  tolerated: CapacityVector;
  removed: string[];
}

/** The straightforward way: tolerance.ts's functions. */
export function toleranceOfPlain(hosts: readonly ComputeHostCapacity[], tolerate: ComputeTolerance): FleetTolerance {
  const losses = toleratedLosses(hosts, tolerate);
  return { total: sumCapacity(hosts.map((h) => h.capacity)), losses, tolerated: toleratedCapacity(hosts, losses), removed: hostsRemovedByAnyClass(hosts, losses) };
}

/** Racks and zones numbered in first-appearance order, the classes, and whether names repeat. */
function know(hosts: readonly ComputeHostCapacity[]): KnownHosts | null {
  const names = new Set<string>();
  const racks = new Map<string, number>();
  const zones = new Map<string, number>();
  const rack = new Int32Array(hosts.length);
  const zone = new Int32Array(hosts.length);
  const seen = new Set<string>();
  for (let i = 0; i < hosts.length; i++) {
    const h = hosts[i]!;
    if (names.has(h.host)) return null;
    names.add(h.host);
    let r = racks.get(h.rack);
    if (r === undefined) {
      r = racks.size;
      racks.set(h.rack, r);
    }
    rack[i] = r;
    if (h.zone === undefined) zone[i] = -1;
    else {
      let z = zones.get(h.zone);
      if (z === undefined) {
        z = zones.size;
        zones.set(h.zone, z);
      }
      zone[i] = z;
    }
    for (const k in h.capacity) if (h.capacity[k as ResourceClass] !== undefined) seen.add(k);
  }
  return { uniqueNames: true, rack, zone, classes: orderClasses(seen) };
}

/** Groups of hosts by a number (-1: in none), in first-appearance order: each host's group, and each group's first host. */
function groupsOf(ids: Int32Array): { of: Int32Array; first: number[] } {
  let max = -1;
  for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
  // slot[id] = the group's number + 1 (0: not met yet)
  const slot = new Int32Array(max + 1);
  const of = new Int32Array(ids.length);
  const first: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id < 0) {
      of[i] = -1;
      continue;
    }
    if (slot[id] === 0) {
      first.push(i);
      slot[id] = first.length;
    }
    of[i] = slot[id]! - 1;
  }
  return { of, first };
}

/**
 * The figures of `hosts` under `tolerate` (module comment). `known`: the caller's numbering and
 * its word that names are unique; without it they are found here (a Set of names).
 */
export function toleranceOf(hosts: readonly ComputeHostCapacity[], tolerate: ComputeTolerance, known?: KnownHosts): FleetTolerance {
  const k = known ?? know(hosts);
  if (k === null) return toleranceOfPlain(hosts, tolerate);
  const count = hosts.length;
  const racks = tolerate.racks > 0 ? groupsOf(k.rack) : null;
  const zones = (tolerate.zones ?? 0) > 0 ? groupsOf(k.zone) : null;
  const useZones = zones !== null && zones.first.length >= 2;
  // the per-host work arrays, made when a class takes the general path
  let work: { value: Float64Array; gone: Uint8Array } | null = null;
  const total: CapacityVector = {};
  const losses: Partial<Record<ResourceClass, ToleratedLoss>> = {};
  const tolerated: CapacityVector = {};
  const goneAny = new Uint8Array(count);
  // without tolerated racks or zones, with the caller's running sums and largest hosts: the
  // tolerated capacity is the running sum before the first lost host, then the others added on
  const byHosts = racks === null && !useZones;
  for (const rc of k.classes) {
    if (byHosts) {
      const given = k.values?.(rc);
      const sums = k.sums?.(rc);
      const chosen = k.largest?.(rc, Math.max(0, tolerate.hosts));
      if (given !== undefined && sums !== undefined && chosen !== undefined && given.length === count && sums.length === count + 1) {
        total[rc] = sums[count]!;
        const lost = chosen.map((i) => hosts[i]!.host);
        losses[rc] = { kind: 'hosts', domains: lost, hosts: [...lost], capacity: chosen.reduce((s, i) => s + given[i]!, 0) };
        tolerated[rc] = sumWithout(given, sums, chosen, count);
        for (const i of chosen) goneAny[i] = 1;
        continue;
      }
    }
    work ??= { value: new Float64Array(count), gone: new Uint8Array(count) };
    const { value, gone } = work;
    let sum = 0;
    const given = k.values?.(rc);
    if (given !== undefined && given.length === count) {
      // the same values, kept by the caller: no keyed load per host and class
      sum = copySum(given, value, count);
    } else {
      sum = readSum(hosts, rc, value, count);
    }
    total[rc] = sum;
    // the tolerate.hosts largest hosts
    const chosen = topIndices(count, Math.max(0, tolerate.hosts), (i) => value[i]!);
    let worst: { kind: ToleratedLoss['kind']; chosen: number[]; capacity: number; of: Int32Array | null; names: (i: number) => string } = {
      kind: 'hosts',
      chosen,
      capacity: chosen.reduce((s, i) => s + value[i]!, 0),
      of: null,
      names: (i) => hosts[i]!.host,
    };
    // the largest racks, then zones: group sums in host order
    const option = (kind: ToleratedLoss['kind'], groups: { of: Int32Array; first: number[] }, n: number, label: (first: number) => string): void => {
      const sums = new Float64Array(groups.first.length);
      for (let i = 0; i < count; i++) {
        const g = groups.of[i]!;
        if (g >= 0) sums[g] = sums[g]! + value[i]!;
      }
      const picked = topIndices(groups.first.length, Math.max(0, n), (g) => sums[g]!);
      const capacity = picked.reduce((s, g) => s + sums[g]!, 0);
      if (capacity > worst.capacity) worst = { kind, chosen: picked, capacity, of: groups.of, names: (g) => label(groups.first[g]!) };
    };
    if (racks) option('racks', racks, tolerate.racks, (i) => hosts[i]!.rack);
    if (useZones) option('zones', zones, tolerate.zones ?? 0, (i) => hosts[i]!.zone!);
    gone.fill(0);
    let hostsLost: string[];
    if (worst.of === null) {
      for (const i of worst.chosen) gone[i] = 1;
      hostsLost = worst.chosen.map((i) => hosts[i]!.host);
    } else {
      const of = worst.of;
      const picked = new Uint8Array(count);
      for (const g of worst.chosen) picked[g] = 1;
      for (let i = 0; i < count; i++) if (of[i]! >= 0 && picked[of[i]!] === 1) gone[i] = 1;
      hostsLost = namesFlagged(hosts, gone, count);
    }
    losses[rc] = { kind: worst.kind, domains: worst.chosen.map(worst.names), hosts: hostsLost, capacity: worst.capacity };
    tolerated[rc] = keptSum(value, gone, goneAny, count);
  }
  return { total, losses, tolerated, removed: namesFlagged(hosts, goneAny, count) };
}

// toleranceOf's per-host loops, each a small function of its own (optimised alone, not the
// whole of toleranceOf on the stack); the same additions in the same order as inline.

/**
 * The running sum before the first chosen host (sums[chosen[0]], sums[count] when none), then
 * given[i] added for each later host not chosen, in order. `chosen`: increasing indices.
 */
function sumWithout(given: readonly number[], sums: readonly number[], chosen: readonly number[], count: number): number {
  const start = chosen.length === 0 ? count : chosen[0]!;
  let left = sums[start]!;
  for (let i = start, p = 0; i < count; i++) {
    if (p < chosen.length && chosen[p] === i) {
      p += 1;
      continue;
    }
    left += given[i]!;
  }
  return left;
}

/** value[i] = given[i] for i < count; their sum, in order. */
function copySum(given: readonly number[], value: Float64Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const v = given[i]!;
    value[i] = v;
    sum += v;
  }
  return sum;
}

/** value[i] = hosts[i].capacity[rc] ?? 0 for i < count; their sum, in order. */
function readSum(hosts: readonly ComputeHostCapacity[], rc: ResourceClass, value: Float64Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const v = hosts[i]!.capacity[rc] ?? 0;
    value[i] = v;
    sum += v;
  }
  return sum;
}

/** The names of the hosts i < count with flags[i] === 1, in order. */
function namesFlagged(hosts: readonly ComputeHostCapacity[], flags: Uint8Array, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) if (flags[i] === 1) out.push(hosts[i]!.host);
  return out;
}

/** Marks the gone hosts in goneAny; the sum of the others' values, in order. */
function keptSum(value: Float64Array, gone: Uint8Array, goneAny: Uint8Array, count: number): number {
  let left = 0;
  for (let i = 0; i < count; i++) {
    if (gone[i] === 1) goneAny[i] = 1;
    else left += value[i]!;
  }
  return left;
}
