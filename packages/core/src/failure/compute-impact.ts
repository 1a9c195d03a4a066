/**
 * What losing a failure domain does to compute, month by month: the instances on the lost
 * (and drained) hypervisors must be restarted on the survivors' free Placement capacity.
 *
 * [model] For each month t of the horizon:
 *   1. demand: instances per flavor = ceil(count × growth factor(t)) (whole instances; never
 *      fewer than the fractional demand the horizon plans);
 *   2. before the loss, the demand is spread over every compute host as Nova's default
 *      weighers do (packing.ts `spreadPlace`: most free RAM first): month 0 onto empty
 *      hosts, each later month's new instances onto the previous month's placement (a cloud
 *      is not re-scheduled every month); when demand shrinks, from empty hosts again; over
 *      a fleet timeline, placement-timeline.ts carries the placement across deliveries and
 *      retirements, and each epoch evaluates its own months (`ComputeWindow`);
 *   3. the instances on the lost hosts are re-placed on the survivors by first-fit
 *      decreasing (packing.ts `firstFitDecreasing`, run by `firstFitByRuns`: flavors by dominant share, hosts in the
 *      order the RAM weigher ranks them before the loss: most free RAM, then VCPU, then
 *      DISK_GB, then hardware model and host order), so fragmentation counts;
 *   4. harm = some displaced instance finds no host: `failure.compute.shortfall`, per flavor.
 * The first month with harm is kept (later months are not computed for that domain).
 * Nova evacuates instance by instance to the host with the most free RAM (worst fit), which
 * can fragment more than first-fit decreasing: a shortfall reported here is real; the absence
 * of one is the outcome of a careful evacuation.
 *
 * Cost: one spread per month for the new instances (O(hosts) per flavor, packing.ts) and
 * one first-fit pass per larger loss, run by runs of alike hosts of the host order
 * (packing.ts `firstFitByRuns`, the same answer as host by host) and visiting only the runs
 * with room for a flavor before the loss (listed once per month and flavor):
 * O(lost + flavors × runs visited) per loss rather than O(flavors × hosts);
 * single hosts with the same hardware and the same
 * instances give the same outcome (identical hosts are adjacent in the host order) and are
 * computed once; so are losses of several hosts (racks of one composition) whose hosts lie,
 * in the same order, in the same blocks of alike hosts of the host order and displace the
 * same instances (`blocksOf`).
 */
import { flavorRequest, orderClasses, resourceUnit } from '../compute/placement.js';
import { translateFlavor } from '../compute/extra-specs.js';
import { demandModel } from '../forecast/demand.js';
import { growthFactor } from '../forecast/growth.js';
import type { Scenario } from '../model/scenario.js';
import type { ComputePlan, Host, ResourceClass } from '../model/plan.js';
import { fmtInUnit, fmtNumber } from '../units/format.js';
import { makeHarm, monthText, nameList } from './harm.js';
import {
  dominantShareOrder,
  emptyFree,
  firstFitByRuns,
  type HostRuns,
  hostRuns,
  type PackingFlavors,
  type PackingHosts,
  type Placement,
  runsWithRoom,
  spreadPlace,
} from './packing.js';
import type { ComputeImpactDetail, FailureDomain, FailureHarm } from '../model/failure.js';

export const SHORTFALL_SOURCE =
  'headroom [model]: instances spread by free RAM (nova/scheduler/weights/ram.py, cpu.py), re-placed by first-fit decreasing on Placement capacity (used + request <= capacity, request <= max_unit; placement/objects/allocation.py)';

/** The compute outcome of one domain. */
export interface ComputeOutcome {
  detail: ComputeImpactDetail;
  harms: FailureHarm[];
  message: string;
}

/** Compute hosts, flavors and monthly demand as packing inputs. */
export interface ComputeModel {
  hosts: PackingHosts;
  /** Hardware model of each host (index as in hosts.names). */
  hardware: readonly string[];
  classes: readonly ResourceClass[];
  flavors: PackingFlavors;
  /** Instances per flavor (flavors order) per month. */
  countsByMonth: Int32Array[];
  /** Per host, its hardware model and kind (hostKinds), when the flavors carry no per-host caps; else computeOutcomes computes them. */
  kinds?: HostKinds;
}

/**
 * Per host, the index of its hardware model (the models sorted by name) and its kind: hosts
 * of one kind have the same hardware, Placement capacity, max_unit and candidacy per flavor
 * (an aggregate's allocation ratio or a zone can make one model two kinds); kinds numbered in
 * order of first host. With the loop's state after the first hosts (`rest`), for carrying.
 */
export interface HostKinds {
  hardwareIndex: Int32Array;
  kindIndex: Int32Array;
  /** The loop's state: models, their indices, one host of each kind per model, and the arrays with room for more hosts. */
  rest: { models: string[]; modelIndex: Map<string, number>; reps: number[][]; kindCount: number; hardwareRoom: Int32Array; kindRoom: Int32Array };
}

/**
 * hostKinds of the hosts `hardware` (capacity, max_unit in `hosts`, caps in `hostCap`, F flavors).
 * `prev`: hostKinds of the first prev.hardwareIndex.length of these hosts (the same hardware,
 * capacity, max_unit, no caps): the loop resumes after them, with its state, when the hosts
 * after them bring no new hardware model (the models' indices stay), else starts over. The
 * kept hosts' entries are prev's (views on one buffer whose written part is never written
 * again). O(hosts after prev × classes) in the common case, where a host is alike its predecessor.
 */
export function hostKinds(hardware: readonly string[], hosts: PackingHosts, hostCap: Int32Array | undefined, F: number, prev: HostKinds | null = null): HostKinds {
  const H = hardware.length;
  const C = hosts.classCount;
  let from = prev && !hostCap && prev.hardwareIndex.length <= H ? prev.hardwareIndex.length : 0;
  // a new model would move the indices of the models sorted after it: start over
  for (let h = from; from > 0 && h < H; h++) if ((h === from || hardware[h] !== hardware[h - 1]) && !prev!.rest.modelIndex.has(hardware[h]!)) from = 0;
  const base = from > 0 ? prev!.rest : null;
  let models: string[];
  let modelIndex: Map<string, number>;
  if (base) {
    models = base.models;
    modelIndex = base.modelIndex;
  } else {
    const modelSet = new Set<string>();
    for (let h = 0; h < H; h++) if (h === 0 || hardware[h] !== hardware[h - 1]) modelSet.add(hardware[h]!);
    models = [...modelSet].sort();
    modelIndex = new Map(models.map((hw, i) => [hw, i]));
  }
  let hardwareRoom: Int32Array;
  let kindRoom: Int32Array;
  if (base && base.hardwareRoom.length >= H) {
    hardwareRoom = base.hardwareRoom;
    kindRoom = base.kindRoom;
  } else {
    const room = base ? Math.max(H, 2 * from) : H;
    hardwareRoom = new Int32Array(room);
    kindRoom = new Int32Array(room);
    if (base) {
      hardwareRoom.set(prev!.hardwareIndex);
      kindRoom.set(prev!.kindIndex);
    }
  }
  const hardwareIndex = hardwareRoom;
  for (let h = from; h < H; h++) hardwareIndex[h] = h > 0 && hardware[h] === hardware[h - 1] ? hardwareIndex[h - 1]! : modelIndex.get(hardware[h]!)!;
  const kindIndex = kindRoom;
  const reps: number[][] = base ? base.reps.map((r) => r.slice()) : models.map(() => []); // per hardware model, one host of each of its kinds
  let kindCount = base ? base.kindCount : 0;
  const { capacity, maxUnit } = hosts;
  for (let h = from; h < H; h++) {
    if (h > 0 && hardwareIndex[h] === hardwareIndex[h - 1] && sameKind(capacity, maxUnit, C, hostCap, H, F, h - 1, h)) {
      kindIndex[h] = kindIndex[h - 1]!; // the common case: a run of one model's hosts
      continue;
    }
    const own = reps[hardwareIndex[h]!]!;
    let rep = -1;
    for (let j = 0; j < own.length && rep < 0; j++) if (sameKind(capacity, maxUnit, C, hostCap, H, F, own[j]!, h)) rep = own[j]!;
    if (rep < 0) {
      own.push(h);
      kindIndex[h] = kindCount++;
    } else kindIndex[h] = kindIndex[rep]!;
  }
  return {
    hardwareIndex: hardwareRoom.length === H ? hardwareRoom : hardwareRoom.subarray(0, H),
    kindIndex: kindRoom.length === H ? kindRoom : kindRoom.subarray(0, H),
    rest: { models, modelIndex, reps, kindCount, hardwareRoom, kindRoom },
  };
}

/** Hosts a and b are of one kind (hostKinds): the same capacity and max_unit per class, and the same caps per flavor. */
function sameKind(capacity: Float64Array, maxUnit: Float64Array, C: number, hostCap: Int32Array | undefined, H: number, F: number, a: number, b: number): boolean {
  for (let c = 0; c < C; c++) if (capacity[a * C + c] !== capacity[b * C + c] || maxUnit[a * C + c] !== maxUnit[b * C + c]) return false;
  if (hostCap) for (let f = 0; f < F; f++) if (hostCap[f * H + a] !== hostCap[f * H + b]) return false;
  return true;
}

/** The per-host part of a packing model: classes, capacity, max_unit, names, hardware, and the sums over the hosts. */
interface HostPart {
  /** The compute hosts it was built from (compute.hosts). */
  hosts: ComputePlan['hosts'];
  ephemeralStorage: ComputePlan['ephemeralStorage'];
  classes: ResourceClass[];
  /** The resource classes some host has (inventories and providers), in first-appearance order. */
  present: Set<string>;
  /** The inventory lists already read into `present`. */
  seen: Set<unknown>;
  /** capacity and max_unit per class of an inventory list without nested providers (for `classes`). */
  rows: Map<unknown, Float64Array>;
  /** capacity[h × C + c] for the hosts, then room for more (capacity is its start). */
  capacityRoom: Float64Array;
  maxUnitRoom: Float64Array;
  capacity: Float64Array;
  maxUnit: Float64Array;
  names: string[];
  hardware: string[];
  /** Σ capacity per class over the hosts, summed in host order. */
  totals: number[];
  /** Some host has a NUMA topology (numaCells). */
  heterogeneous: boolean;
  /** hostKinds of the hosts without per-host caps. */
  kinds: HostKinds;
}

/**
 * What computeModel carries from one call to the next (one per planEpochs call, never shared
 * between scenarios): the per-host part of the last model. An epoch's compute hosts are mostly
 * the previous epoch's, the same ComputeHostPlan objects in the same order
 * (compute-plan.ts ComputeHostCache), with the deliveries appended. When the last call's
 * hosts are exactly the start of this call's (the same objects) and no resource class
 * appears, the kept hosts' rows, names, hardware and partial sums are the last call's: each
 * is a function of the host's plan object and the classes alone, and the sums continue in
 * host order, so they are the same additions in the same order as summing from the first
 * host. Only the appended hosts are read. capacity and max_unit are views on one buffer that
 * grows (doubling) and whose written part is never written again, so an earlier model's
 * arrays keep their values. Any other change: the part is built from scratch.
 */
export class ComputeModelCarry {
  /** The last call's host part (null before the first call). */
  last: HostPart | null = null;
}

/** The per-host part of `compute`'s packing model, extended from `carry`'s last part when that is a prefix (see ComputeModelCarry). */
export function hostPart(compute: ComputePlan, carry?: ComputeModelCarry): HostPart {
  const list = compute.hosts;
  const H = list.length;
  const prev = carry?.last ?? null;
  let from = 0; // hosts before `from` are the last part's
  if (prev && prev.ephemeralStorage === compute.ephemeralStorage && prev.hosts.length <= H) {
    from = prev.hosts.length;
    for (let h = 0; h < from; h++)
      if (list[h] !== prev.hosts[h]) {
        from = 0;
        break;
      }
  }
  const base = from > 0 ? prev : null;
  // hosts of one model share their inventories (compute-plan.ts): each list read once
  const seen = base ? new Set(base.seen) : new Set<unknown>();
  const present = base ? new Set(base.present) : new Set<string>();
  let lastInventories: unknown = null;
  let heterogeneous = base ? base.heterogeneous : false;
  for (let h = from; h < H; h++) {
    const hp = list[h]!;
    if (hp.inventories !== lastInventories && !seen.has(hp.inventories)) {
      seen.add(hp.inventories);
      for (const i of hp.inventories) present.add(i.resourceClass);
    }
    lastInventories = hp.inventories;
    if (hp.providers) for (const p of hp.providers) present.add(p.inventory.resourceClass);
    if (hp.numaCells !== undefined) heterogeneous = true;
  }
  // PCPU and the device classes of heterogeneous hosts; a host's devices of one class are one
  // bin of their summed capacity, max_unit the largest provider's [model: a request may not
  // span two GPUs, which this ignores after the first placement]
  const classes: ResourceClass[] = ['VCPU', 'MEMORY_MB'];
  if (compute.ephemeralStorage === 'local') classes.push('DISK_GB');
  const extra = orderClasses(present).filter((rc) => !classes.includes(rc) && rc !== 'DISK_GB');
  classes.push(...extra);
  const C = classes.length;
  const kept = base && base.classes.length === C && base.classes.every((rc, c) => rc === classes[c]) ? base : null;
  const start = kept ? from : 0;
  let capacityRoom: Float64Array;
  let maxUnitRoom: Float64Array;
  if (kept && kept.capacityRoom.length >= H * C) {
    capacityRoom = kept.capacityRoom;
    maxUnitRoom = kept.maxUnitRoom;
  } else {
    const room = kept ? Math.max(H, 2 * from) * C : H * C;
    capacityRoom = new Float64Array(room);
    maxUnitRoom = new Float64Array(room);
    if (kept) {
      capacityRoom.set(kept.capacity);
      maxUnitRoom.set(kept.maxUnit);
    }
  }
  // capacity and max_unit per class of an inventory list without nested providers, read once per list
  const rows = kept ? kept.rows : new Map<unknown, Float64Array>();
  const names = kept ? kept.names.slice() : [];
  const hardware = kept ? kept.hardware.slice() : [];
  const totals = kept ? kept.totals.slice() : classes.map(() => 0);
  hostRows(list, start, classes, rows, capacityRoom, maxUnitRoom, names, hardware);
  // Σ capacity per class in host order (the kept hosts' partial sums continue)
  sumOnto(totals, capacityRoom, C, start, H);
  const capacity = capacityRoom.length === H * C ? capacityRoom : capacityRoom.subarray(0, H * C);
  const maxUnit = maxUnitRoom.length === H * C ? maxUnitRoom : maxUnitRoom.subarray(0, H * C);
  const kinds = hostKinds(hardware, { names, classCount: C, capacity, maxUnit }, undefined, 0, kept ? kept.kinds : null);
  const part: HostPart = {
    hosts: list,
    ephemeralStorage: compute.ephemeralStorage,
    classes,
    present,
    seen,
    rows,
    capacityRoom,
    maxUnitRoom,
    capacity,
    maxUnit,
    names,
    hardware,
    totals,
    heterogeneous,
    kinds,
  };
  if (carry) carry.last = part;
  return part;
}

/**
 * hostPart's rows of hosts `start`.. of `list`: capacity and max_unit per class (of `classes`)
 * into capacityRoom / maxUnitRoom at h × C, the row of an inventory list without nested
 * providers read once (`rows`, by list), the names and hardware pushed. A loop of its own, so
 * that the code V8 optimises for it ends with it.
 */
function hostRows(
  list: ComputePlan['hosts'],
  start: number,
  classes: readonly ResourceClass[],
  rows: Map<unknown, Float64Array>,
  capacityRoom: Float64Array,
  maxUnitRoom: Float64Array,
  names: string[],
  hardware: string[],
): void {
  const C = classes.length;
  // hosts of one model come in runs: the last list's row first
  let lastList: unknown = null;
  let lastRow: Float64Array | undefined;
  for (let h = start; h < list.length; h++) {
    const hp = list[h]!;
    let row = hp.providers ? undefined : lastList === hp.inventories ? lastRow : rows.get(hp.inventories);
    if (!row) {
      const r = new Float64Array(2 * C);
      classes.forEach((rc, c) => {
        const inv = hp.inventories.find((i) => i.resourceClass === rc);
        const providers = (hp.providers ?? []).filter((p) => p.inventory.resourceClass === rc);
        r[c] = inv?.capacity ?? providers.reduce((sum, p) => sum + p.inventory.capacity, 0);
        r[C + c] = inv?.maxUnit ?? providers.reduce((m, p) => Math.max(m, p.inventory.maxUnit), 0);
      });
      row = r;
      if (!hp.providers) rows.set(hp.inventories, row);
    }
    if (!hp.providers) {
      lastList = hp.inventories;
      lastRow = row;
    }
    for (let c = 0; c < C; c++) {
      capacityRoom[h * C + c] = row[c]!;
      maxUnitRoom[h * C + c] = row[C + c]!;
    }
    names.push(hp.host);
    hardware.push(hp.hardware);
  }
}

/** totals[c] += values[h × C + c] for h = from..to − 1, in that order, per class c < C. */
function sumOnto(totals: number[], values: Float64Array, C: number, from: number, to: number): void {
  for (let c = 0; c < C; c++) {
    let sum = totals[c]!;
    for (let h = from; h < to; h++) sum += values[h * C + c]!;
    totals[c] = sum;
  }
}

/**
 * Builds the packing model from the compute plan and the demand (unknown flavors skipped).
 * Demand lines pinned to an availability zone (demand.instances[].availabilityZone) are
 * their own packing item, named "<flavor> in zone <zone>", that only the hosts of that zone
 * may take (hostCap 0 elsewhere), before and after a loss: Nova's AvailabilityZoneFilter
 * keeps an instance in the zone it was booted in when it is evacuated or rebuilt
 * (nova/scheduler/filters/availability_zone_filter.py; the request spec keeps the zone).
 * `hosts` (the fleet, for the hosts' zones) is needed only when some line names a zone.
 * `carry` (one per planEpochs call): the previous call's per-host part, extended when this
 * call's hosts start with the same host plans (ComputeModelCarry); the same model without it.
 * The hosts' kinds (hostKinds) come with the model when the flavors carry no per-host caps.
 */
export function computeModel(scenario: Scenario, compute: ComputePlan, hosts?: readonly Host[], carry?: ComputeModelCarry): ComputeModel {
  const part = hostPart(compute, carry);
  const { classes, capacity, maxUnit, totals } = part;
  const C = classes.length;
  const H = compute.hosts.length;
  const counts = new Map<string, number>();
  const itemFlavor = new Map<string, string>();
  const itemZone = new Map<string, string>();
  for (const inst of scenario.demand.instances) {
    if (!Object.hasOwn(scenario.openstack.flavors, inst.flavor)) continue;
    const item = inst.availabilityZone === undefined ? inst.flavor : `${inst.flavor} in zone ${inst.availabilityZone}`;
    itemFlavor.set(item, inst.flavor);
    if (inst.availabilityZone !== undefined) itemZone.set(item, inst.availabilityZone);
    counts.set(item, (counts.get(item) ?? 0) + inst.count);
  }
  // Flavors growing apart (demand.growthBy, events, commitments): per flavor from the demand model.
  const demand = demandModel(scenario);
  if (!demand.uniform) for (const f of demand.flavors) if (Object.hasOwn(scenario.openstack.flavors, f) && !counts.has(f)) counts.set(f, 0);
  const names0 = [...counts.keys()];
  const request0 = new Float64Array(names0.length * C);
  names0.forEach((name, f) => {
    const req = flavorRequest(scenario.openstack.flavors[itemFlavor.get(name)!]!, scenario.openstack.ephemeralStorage);
    classes.forEach((rc, c) => (request0[f * C + c] = req[rc] ?? 0));
  });
  const order = dominantShareOrder(names0, request0, C, totals);
  const names = order.map((f) => names0[f]!);
  const request = new Float64Array(names.length * C);
  order.forEach((f, i) => {
    for (let c = 0; c < C; c++) request[i * C + c] = request0[f * C + c]!;
  });
  // hosts that are no candidate for a flavor (traits, aggregates), and the NUMA fit of a flavor with a NUMA topology
  const heterogeneous = part.heterogeneous;
  const zoneOf = new Map(itemZone.size > 0 ? (hosts ?? []).map((h) => [h.name, h.zone]) : []);
  let hostCap: Int32Array | undefined;
  if (heterogeneous || itemZone.size > 0) {
    hostCap = new Int32Array(names.length * H).fill(-1);
    names.forEach((name, f) => {
      const flavor = itemFlavor.get(name)!;
      const zone = itemZone.get(name);
      const numa = translateFlavor(scenario.openstack.flavors[flavor]!, scenario.openstack.ephemeralStorage).request.numa !== null;
      compute.hosts.forEach((hp, h) => {
        if (zone !== undefined && zoneOf.get(hp.host) !== zone) {
          hostCap![f * H + h] = 0;
          return;
        }
        if (!heterogeneous) return;
        const fit = hp.flavorFit.find((x) => x.flavor === flavor);
        if (!fit) return;
        if (fit.excludedBy !== undefined) hostCap![f * H + h] = 0;
        else if (numa) hostCap![f * H + h] = fit.instances;
      });
    });
  }
  const countsByMonth: Int32Array[] = [];
  for (let t = 0; t < scenario.horizonMonths; t++) {
    const g = growthFactor(scenario.demand.growth, t);
    countsByMonth.push(Int32Array.from(names, (n) => Math.max(0, Math.ceil((demand.uniform ? (counts.get(n) ?? 0) * g : demand.instances(n, t)) - 1e-9))));
  }
  return {
    hosts: { names: part.names, classCount: C, capacity, maxUnit },
    hardware: part.hardware,
    classes,
    flavors: hostCap ? { names, request, hostCap } : { names, request },
    countsByMonth,
    ...(hostCap ? {} : { kinds: part.kinds }),
  };
}

/** A 32-bit hash of a host's kind (hardware, capacity, candidacy) and instance counts (FNV-1a over the numbers); equality is checked on a hit. */
function hostHash(kind: number, placed: Int32Array, h: number, F: number): number {
  let x = Math.imul(2166136261 ^ kind, 16777619);
  for (let f = 0; f < F; f++) x = Math.imul(x ^ placed[h * F + f]!, 16777619);
  return x;
}

/**
 * Host name -> index in `names`, as `new Map(names.map((n, i) => [n, i]))` answers (the
 * last index when a name repeats). When the names are unique, a lookup first tries the index
 * one stride after the previous hit, then the next index (items list hosts in host order,
 * and a rack's or zone's hosts evenly spaced), then the map. O(names) to build.
 */
export function nameIndex(names: readonly string[]): { get(name: string): number | undefined } {
  const H = names.length;
  const map = new Map<string, number>();
  for (let i = 0; i < H; i++) map.set(names[i]!, i);
  const unique = map.size === H;
  let hit = -1;
  let step = 1; // the stride of the last two hits (a rack's or a zone's hosts are often evenly spaced)
  return {
    get(name: string): number | undefined {
      if (unique) {
        const g = hit + step;
        if (g >= 0 && g < H && names[g] === name) {
          hit = g;
          return g;
        }
        if (hit + 1 < H && names[hit + 1] === name) {
          step = 1;
          return ++hit;
        }
      }
      const i = map.get(name);
      if (i !== undefined) {
        step = i - hit;
        hit = i;
      }
      return i;
    },
  };
}

/**
 * Per host, the number of its signature (kind and instances per flavor): hosts share one
 * exactly when they are of one kind and hold the same instances. Numbers in order of first
 * host. O(hosts × flavors).
 */
export function signatures(kindIndex: Int32Array, placed: Int32Array, F: number): Int32Array {
  const H = kindIndex.length;
  const sig = new Int32Array(H);
  const byHash = new Map<number, number[]>(); // hash -> the first host of each signature with it
  let count = 0;
  for (let h = 0; h < H; h++) {
    if (h > 0 && sameSignature(kindIndex, placed, F, h - 1, h)) {
      sig[h] = sig[h - 1]!;
      continue;
    }
    const x = hostHash(kindIndex[h]!, placed, h, F);
    const reps = byHash.get(x);
    let rep = -1; // no closure per host: most hosts open a new run
    if (reps) for (let j = 0; j < reps.length && rep < 0; j++) if (sameSignature(kindIndex, placed, F, reps[j]!, h)) rep = reps[j]!;
    if (rep >= 0) sig[h] = sig[rep]!;
    else {
      sig[h] = count++;
      if (reps) reps.push(h);
      else byHash.set(x, [h]);
    }
  }
  return sig;
}

/** Hosts a and b have one signature: one kind, the same instances per flavor. */
function sameSignature(kindIndex: Int32Array, placed: Int32Array, F: number, a: number, b: number): boolean {
  if (kindIndex[a] !== kindIndex[b]) return false;
  for (let f = 0; f < F; f++) if (placed[a * F + f] !== placed[b * F + f]) return false;
  return true;
}

/**
 * Host indices in the order the RAM weigher ranks them: free amount of keyClasses[0], then
 * keyClasses[1], ... (most first), then hardware index, then host index. Hosts with the same
 * keys and hardware are counted together (a hash of the keys), the distinct key vectors
 * sorted, the hosts laid out by counting: O(hosts × keys + distinct × log distinct); the
 * same order as sorting every host by that comparison. Keys that are not finite numbers
 * (never from Placement inventories) are sorted host by host.
 */
export function rankHosts(free: Float64Array, C: number, keyClasses: readonly number[], hardwareIndex: Int32Array): Int32Array {
  const H = hardwareIndex.length;
  const K = keyClasses.length;
  const keys = new Float64Array(H * K);
  const finite = rankKeys(free, C, keyClasses, keys, H);
  const before = (a: number, b: number): number => {
    for (let k = 0; k < K; k++) {
      const d = keys[b * K + k]! - keys[a * K + k]!;
      if (d !== 0) return d;
    }
    return hardwareIndex[a]! - hardwareIndex[b]! || a - b;
  };
  if (!finite) return Int32Array.from({ length: H }, (_, h) => h).sort(before);
  const bits = new Int32Array(keys.buffer);
  const bucketOf = new Int32Array(H);
  const reps: number[] = []; // first host of each bucket
  const size: number[] = [];
  keyBuckets(keys, bits, K, hardwareIndex, bucketOf, reps, size);
  const bucketOrder = Int32Array.from(reps.keys()).sort((a, b) => before(reps[a]!, reps[b]!));
  const at = new Int32Array(reps.length); // where each bucket's hosts start
  let pos = 0;
  for (const b of bucketOrder) {
    at[b] = pos;
    pos += size[b]!;
  }
  const order = new Int32Array(H);
  for (let h = 0; h < H; h++) order[at[bucketOf[h]!]!++] = h;
  return order;
}

/** rankHosts' keys: keys[h × K + k] = free[h × C + keyClasses[k]] (−0 as +0), for H hosts; whether every key is finite. */
function rankKeys(free: Float64Array, C: number, keyClasses: readonly number[], keys: Float64Array, H: number): boolean {
  const K = keyClasses.length;
  let finite = true;
  for (let h = 0; h < H; h++)
    for (let k = 0; k < K; k++) {
      const v = free[h * C + keyClasses[k]!]! + 0; // -0 becomes +0: one bucket for equal keys
      if (!Number.isFinite(v)) finite = false;
      keys[h * K + k] = v;
    }
  return finite;
}

/** Hosts a and b have the same rank keys (K per host in `keys`) and hardware. */
function sameKeys(keys: Float64Array, K: number, hardwareIndex: Int32Array, a: number, b: number): boolean {
  if (hardwareIndex[a] !== hardwareIndex[b]) return false;
  for (let k = 0; k < K; k++) if (keys[a * K + k] !== keys[b * K + k]) return false;
  return true;
}

/**
 * rankHosts' buckets: hosts with the same keys and hardware (`bits`: the keys' 32-bit
 * halves, for the hash), numbered in order of first host: per host its bucket (bucketOf),
 * per bucket its first host (reps) and its size.
 */
function keyBuckets(keys: Float64Array, bits: Int32Array, K: number, hardwareIndex: Int32Array, bucketOf: Int32Array, reps: number[], size: number[]): void {
  const H = hardwareIndex.length;
  const next: number[] = []; // the next bucket with the same hash, or -1
  const byHash = new Map<number, number>();
  for (let h = 0; h < H; h++) {
    let b = h > 0 && sameKeys(keys, K, hardwareIndex, h - 1, h) ? bucketOf[h - 1]! : -1;
    if (b < 0) {
      let x = Math.imul(2166136261 ^ hardwareIndex[h]!, 16777619);
      for (let i = 2 * h * K; i < 2 * (h + 1) * K; i++) x = Math.imul(x ^ bits[i]!, 16777619);
      const head = byHash.get(x) ?? -1;
      b = head;
      while (b >= 0 && !sameKeys(keys, K, hardwareIndex, reps[b]!, h)) b = next[b]!;
      if (b < 0) {
        b = reps.length;
        reps.push(h);
        size.push(0);
        next.push(head);
        byHash.set(x, b);
      }
    }
    bucketOf[h] = b;
    size[b]!++;
  }
}

/**
 * The blocks of `hostOrder`: maximal runs of hosts with equal sort keys (the free amount of
 * every class) and hardware model. A block is pure when its hosts are also of one kind
 * (capacity, max_unit, candidacy per flavor) and, when `placed` is given (the flavors carry
 * per-host caps, which count the instances already there), hold the same instances per
 * flavor: then its hosts are alike in everything firstFitDecreasing reads of a host (free
 * amounts, max_unit, caps, instances already there). Returns per host its block's number
 * (its first position in hostOrder) when the block is pure, else -1.
 * O(hosts × (classes + flavors)).
 *
 * Why two losses with the same sequence of pure blocks (per lost host, in the loss's order),
 * the same split between lost and drained and the same displaced instances per flavor
 * re-place alike: hostOrder is a sequence of blocks; losing hosts of a pure block leaves its
 * other hosts, alike, in the block's place, so both losses leave, block by block, the same
 * number of alike hosts, and the blocks neither touches (every impure one among them) as
 * they are. The survivors, read in hostOrder (or in the room lists: hostOrder filtered by
 * what each host can take before the loss), are then the same sequence of alike hosts, and
 * first-fit decreasing, placing the same displaced instances, makes the same choices and
 * leaves the same instances without a host. The lost hosts' capacity and free amounts
 * (detailOf) are the same sums in the same order.
 */
function blocksOf(hostOrder: Int32Array, kindIndex: Int32Array, hardwareIndex: Int32Array, placed: Int32Array | null, free: Float64Array, F: number, C: number): Int32Array {
  const block = new Int32Array(kindIndex.length).fill(-1);
  let start = 0;
  while (start < hostOrder.length) {
    const first = hostOrder[start]!;
    let end = start + 1;
    let pure = true;
    while (end < hostOrder.length && sameSpot(hardwareIndex, free, C, first, hostOrder[end]!)) {
      if (pure && !sameHost(kindIndex, placed, F, first, hostOrder[end]!)) pure = false;
      end++;
    }
    if (pure) for (let i = start; i < end; i++) block[hostOrder[i]!] = start;
    start = end;
  }
  return block;
}

/** Hosts a and b have the same hardware and free amounts (C classes): one spot in the host order. */
function sameSpot(hardwareIndex: Int32Array, free: Float64Array, C: number, a: number, b: number): boolean {
  if (hardwareIndex[a] !== hardwareIndex[b]) return false;
  for (let c = 0; c < C; c++) if (free[a * C + c] !== free[b * C + c]) return false;
  return true;
}

/** Hosts a and b are of one kind and, when `placed` is given, hold the same instances per flavor. */
function sameHost(kindIndex: Int32Array, placed: Int32Array | null, F: number, a: number, b: number): boolean {
  if (kindIndex[a] !== kindIndex[b]) return false;
  if (placed) for (let f = 0; f < F; f++) if (placed[a * F + f] !== placed[b * F + f]) return false;
  return true;
}

/** Instances per flavor on the hosts `lost` (placed[h * F + f]), into `into` (zeroed first) when given. */
function displacedBy(lost: readonly number[], placed: Int32Array, F: number, into = new Int32Array(F)): Int32Array {
  const displaced = into;
  displaced.fill(0);
  for (let j = 0; j < lost.length; j++) {
    const h = lost[j]!;
    for (let f = 0; f < F; f++) displaced[f] = displaced[f]! + placed[h * F + f]!;
  }
  return displaced;
}

/** True when the earlier loss `e` re-places as `lost` (same blocks in order, same drained count, same displaced instances): see blocksOf. */
export function sameLoss(
  e: { lost: readonly number[]; drained: number; packed: Packed },
  block: Int32Array,
  lost: readonly number[],
  drained: number,
  displaced: Int32Array,
): boolean {
  if (e.drained !== drained || e.lost.length !== lost.length) return false;
  for (let j = 0; j < lost.length; j++) if (block[e.lost[j]!] !== block[lost[j]!]) return false;
  const d = e.packed.displaced;
  for (let f = 0; f < d.length; f++) if (d[f] !== displaced[f]) return false;
  return true;
}

/**
 * A 32-bit hash of a loss's blocks in order, its drained count and its displaced instances
 * per flavor (FNV-1a); null when a host is in no pure block (`blocksOf`). Equality is checked on a hit.
 */
function blocksHash(block: Int32Array, lost: readonly number[], drained: number, displaced: Int32Array): number | null {
  let x = Math.imul(2166136261 ^ drained, 16777619);
  for (const h of lost) {
    const b = block[h]!;
    if (b < 0) return null;
    x = Math.imul(x ^ b, 16777619);
  }
  for (let f = 0; f < displaced.length; f++) x = Math.imul(x ^ displaced[f]!, 16777619);
  return x;
}

function sameCounts(a: Int32Array | undefined, b: Int32Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The spread before any loss in one month, shared by every domain evaluated that month. */
interface MonthState {
  month: number;
  placement: Placement;
  /** Free amount per class summed over all hosts. */
  totalFree: number[];
  /** Instances with no host before any loss. */
  unplacedBefore: number;
  /** Host indices in the order the RAM weigher ranks them (see computeImpacts). */
  hostOrder: Int32Array;
  /** Per host, its signature: hosts of one kind with the same instances share one (`signatures`); null until a one-host loss needs it. */
  signature: Int32Array | null;
  /** Single-host outcomes by signature. */
  singles: (Packed | undefined)[];
  /**
   * Per host, its block of hostOrder (see `blocksOf`) when the block is pure, else -1; null
   * until a loss of several hosts needs it.
   */
  block: Int32Array | null;
  /** Outcomes of losses of several hosts by the hash of their blocks, checked for equality on a hit. */
  multi: Map<number, { lost: readonly number[]; drained: number; packed: Packed }[]>;
  /** hostOrder cut into runs of alike hosts (packing.ts `hostRuns`); null until a re-placement needs it. */
  runs: HostRuns | null;
  /** Per flavor, the runs of hostOrder with room for one instance before any loss (filled when first needed). */
  room: (number[] | undefined)[];
}

/** What re-placing one lost set gave: instances displaced and left without a host, per flavor. */
interface Packed {
  displaced: Int32Array;
  unplaced: Int32Array;
}

/** A domain's lost compute hosts (indices; drained ones last) and its evaluation. */
interface Subject {
  /** Index of the subject in computeOutcomes' items. */
  item: number;
  domain: FailureDomain;
  lost: number[];
  drained: number;
  firstHarm: number | null;
  /** The month `state` and `packed` stand for: the first month of harm, else the last month. */
  atMonth: number;
  state: MonthState | null;
  packed: Packed | null;
}

function isHarm(p: Packed): boolean {
  for (let f = 0; f < p.unplaced.length; f++) if (p.unplaced[f]! > 0) return true;
  return false;
}

/** The months computeImpacts evaluates, and the placements it reads (placement-timeline.ts). */
export interface ComputeWindow {
  /** The first month evaluated (default 0): an epoch's first month. */
  fromMonth?: number;
  /** The placement of each month from fromMonth on (same hosts and flavors as the model); default: spread from month 0. */
  placements?: readonly (Placement | undefined)[];
}

/**
 * The compute outcome of every domain that loses or drains a compute host (domains that
 * touch no compute host are absent). `start` labels months in messages. `window` restricts
 * the months to an epoch's (fromMonth to the model's last month) and gives their placements.
 *
 * When demand never shrinks, instances only arrive and never move, so a month's displaced
 * instances contain the previous month's and the survivors have less room: once the
 * instances of a loss find no room, they find none later (exactly so for an optimal packer,
 * [model] for first-fit decreasing). The first month of harm is then found by bisection: the
 * last month first (no harm there: no harm in the horizon), then about log2(months) months.
 * When demand shrinks in some month, every month is evaluated in order.
 */
export function computeImpacts(model: ComputeModel, domains: readonly FailureDomain[], start: string, window: ComputeWindow = {}): Map<string, ComputeOutcome> {
  const outcomes = computeOutcomes(model, domains, start, window);
  const out = new Map<string, ComputeOutcome>();
  domains.forEach((d, i) => {
    const o = outcomes[i];
    if (o) out.set(d.id, o);
  });
  return out;
}

/**
 * The items' hosts by number, so computeOutcomes finds them without a lookup by name
 * (analyze.ts: its known hosts). Every number is checked against the item's names (a
 * mismatch: that item is looked up by name), so the outcomes are the same with or without it.
 */
export interface HostNumbering {
  /** The host names by number, unique, the model's compute hosts among them in the model's order (else ignored). */
  names: readonly string[];
  /**
   * Per item: a name item's host number; a domain's lost then drained hosts' numbers (in
   * hostsLost then hostsDrained order); undefined: the item is looked up by name.
   */
  numbersOf(item: number): number | readonly number[] | undefined;
}

/**
 * Per host number (index in `hosts`, host names), the index of its name in `names`, or -1;
 * null when `names` is not a subsequence of `hosts`. With unique host names this is what a
 * map of `names` answers: every name of `names` is matched, in order, to the one host of that
 * name. O(hosts), no hashing.
 */
export function modelIndexOf(hosts: readonly string[], names: readonly string[]): Int32Array | null {
  const of = new Int32Array(hosts.length).fill(-1);
  let m = 0;
  for (let k = 0; k < hosts.length && m < names.length; k++) if (hosts[k] === names[m]) of[k] = m++;
  return m === names.length ? of : null;
}

/**
 * `computeImpacts` over `items` in their order, aligned with them: a FailureDomain, or the
 * name of a host lost alone with nothing drained (a one-host domain that is not built:
 * evaluate/epochs.ts), whose harms take `single.tolerated`. One-host losses with one
 * signature share one outcome record (the same object), so callers can group hosts by it.
 * `numbering` (optional) gives the items' hosts by number (see HostNumbering).
 */
export function computeOutcomes(
  model: ComputeModel,
  items: readonly (FailureDomain | string)[],
  start: string,
  window: ComputeWindow = {},
  single?: FailureDomain,
  numbering?: HostNumbering,
): (ComputeOutcome | undefined)[] {
  const { hosts, flavors } = model;
  const H = hosts.names.length;
  const F = flavors.names.length;
  const C = hosts.classCount;
  const T = model.countsByMonth.length;
  const memClass = model.classes.indexOf('MEMORY_MB');
  const cpuClass = model.classes.indexOf('VCPU');
  // host order keys: free MEMORY_MB, then VCPU, then the other classes
  const keyClasses = [memClass, cpuClass, ...model.classes.keys()].filter((c, i, all) => c >= 0 && all.indexOf(c) === i);
  // hardware models and kinds of the hosts (hostKinds): from the model when it has them (no per-host caps)
  const { hardwareIndex, kindIndex } = model.kinds && !flavors.hostCap && model.kinds.kindIndex.length === H ? model.kinds : hostKinds(model.hardware, hosts, flavors.hostCap, F);

  // The spread of every month: new instances onto the previous month's placement while
  // demand grows, from empty hosts when it shrinks. Months with unchanged demand share one.
  const from = Math.max(0, Math.min(window.fromMonth ?? 0, T));
  const placements: Placement[] = [];
  let monotone = true;
  for (let t = from; t < T; t++) {
    const counts = model.countsByMonth[t]!;
    const previous = t > from ? model.countsByMonth[t - 1] : undefined;
    if (previous && !counts.every((n, f) => n >= previous[f]!)) monotone = false;
    const given = window.placements?.[t];
    if (given) placements[t] = given;
    else if (previous && sameCounts(previous, counts)) placements[t] = placements[t - 1]!;
    else if (previous && counts.every((n, f) => n >= previous[f]!))
      placements[t] = spreadPlace(
        hosts,
        flavors,
        counts.map((n, f) => n - previous[f]!),
        memClass,
        cpuClass,
        placements[t - 1],
      );
    else placements[t] = spreadPlace(hosts, flavors, counts, memClass, cpuClass);
  }
  const states = new Map<Placement, MonthState>();
  const stateOf = (t: number): MonthState => {
    const placement = placements[t]!;
    let st = states.get(placement);
    if (st) return st;
    const { free } = placement;
    const hostOrder = rankHosts(free, C, keyClasses, hardwareIndex);
    st = {
      month: t,
      placement,
      totalFree: model.classes.map((_, c) => {
        let sum = 0;
        for (let h = 0; h < H; h++) sum += free[h * C + c]!;
        return sum;
      }),
      unplacedBefore: placement.unplaced.reduce((x, y) => x + y, 0),
      hostOrder,
      signature: null,
      singles: [],
      runs: null,
      room: [],
      block: null,
      multi: new Map(),
    };
    states.set(placement, st);
    return st;
  };
  // Hosts of one kind with the same instances are interchangeable (identical hosts
  // are adjacent in hostOrder), so losing one host gives the outcome of any host with its
  // signature: computed once per month and signature. A loss of several hosts (a rack, a
  // zone...) gives the outcome of any loss with the same pure blocks in the same order
  // (`blocksOf`): computed once per month and sequence of blocks; other losses each.
  const scratch = new Int32Array(F); // a loss's displaced instances while its signature is looked up
  const evaluate = (s: Subject, t: number): { state: MonthState; packed: Packed } => {
    const state = stateOf(t);
    const { placed, free } = state.placement;
    // one host lost, none drained: a drained host re-places alike but its record says drained
    const single = s.lost.length === 1 && s.drained === 0 ? s.lost[0]! : -1;
    if (single >= 0) state.signature ??= signatures(kindIndex, placed, F);
    const signature = single >= 0 ? state.signature![single]! : -1;
    let packed = single >= 0 ? state.singles[signature] : undefined;
    let multiKey: number | null = null;
    let displaced: Int32Array | null = null; // in `scratch` until a re-placement keeps it
    if (single < 0 && s.lost.length > 1) {
      state.block ??= blocksOf(state.hostOrder, kindIndex, hardwareIndex, flavors.hostCap ? placed : null, free, F, C);
      displaced = displacedBy(s.lost, placed, F, scratch);
      multiKey = blocksHash(state.block, s.lost, s.drained, displaced);
      const list = multiKey === null ? undefined : state.multi.get(multiKey);
      if (list) for (let j = 0; j < list.length && !packed; j++) if (sameLoss(list[j]!, state.block, s.lost, s.drained, displaced)) packed = list[j]!.packed;
    }
    if (!packed) {
      displaced = displaced ? displaced.slice() : displacedBy(s.lost, placed, F);
      state.runs ??= hostRuns(hosts, flavors, free, state.hostOrder, placed);
      const runs = state.runs;
      for (let f = 0; f < F; f++) if (displaced[f]! > 0) state.room[f] ??= runsWithRoom(hosts, flavors, free, runs, f, placed);
      const roomFor = (f: number): readonly number[] => state.room[f]!;
      const unplaced = firstFitByRuns(hosts, flavors, free, runs, s.lost, displaced, roomFor, placed);
      packed = { displaced, unplaced };
      if (single >= 0) state.singles[signature] = packed;
      if (multiKey !== null) {
        const list = state.multi.get(multiKey);
        if (list) list.push({ lost: s.lost, drained: s.drained, packed });
        else state.multi.set(multiKey, [{ lost: s.lost, drained: s.drained, packed }]);
      }
    }
    return { state, packed };
  };
  const settle = (s: Subject, t: number, r: { state: MonthState; packed: Packed }, harm: boolean): void => {
    s.atMonth = t;
    s.state = r.state;
    s.packed = r.packed;
    s.firstHarm = harm ? t : null;
  };
  const out: (ComputeOutcome | undefined)[] = new Array(items.length);
  // Losses with one signature share their re-placement (evaluate's caches), hence their detail,
  // message and harm: built once per re-placement, first month and tolerance. A loss of
  // several hosts shares them only when its detail does not read the survivors (detailOf's
  // fragmentation check of confined flavors sums the survivors' free capacity in host order).
  const shared = new Map<Packed, Map<number, ComputeOutcome>>();
  const outcomeOf = (s: Subject): ComputeOutcome => {
    const memo = s.packed ? shared.get(s.packed) : undefined;
    // (month, first month of harm or none, tolerance) as one number: months are below T
    const memoKey = ((s.atMonth * (T + 1) + (s.firstHarm ?? T)) << 1) | (s.domain.tolerated ? 1 : 0);
    const hit = memo?.get(memoKey);
    if (hit) return hit;
    // a horizon of 0 months (hand-built scenarios only) evaluates nothing: nothing displaced
    const state = s.state ?? {
      month: 0,
      placement: { placed: new Int32Array(H * F), free: emptyFree(hosts), unplaced: new Int32Array(F) },
      totalFree: [],
      unplacedBefore: 0,
      hostOrder: new Int32Array(0),
      signature: null,
      singles: [],
      runs: null,
      room: [],
      block: null,
      multi: new Map(),
    };
    const survivorsRead = { value: false };
    const detail = detailOf(model, s, s.packed ?? { displaced: new Int32Array(F), unplaced: new Int32Array(F) }, state, survivorsRead);
    const result = outcome(s, detail, start);
    if (s.packed && (s.lost.length === 1 || !survivorsRead.value)) {
      const m = shared.get(s.packed) ?? new Map<number, ComputeOutcome>();
      m.set(memoKey, result);
      shared.set(s.packed, m);
    }
    return result;
  };

  const resolved = itemHosts(items, hosts.names, numbering);
  const subjects: Subject[] = [];
  // The one-host losses named before any domain, when demand only grows: a host without harm
  // in the last month has none before (see above), so its outcome is its signature's in that
  // month, built (outcomeOf) by the first such host, as the loop below would; per signature,
  // the outcome, or null when the loss harms (the host goes through the loop).
  const quick: (ComputeOutcome | null | undefined)[] = [];
  const leading = monotone && from < T;
  const oneHost = (item: number, i: number): Subject => ({
    item,
    domain: single!,
    lost: oneHostList(i),
    drained: 0,
    firstHarm: null,
    atMonth: Math.max(0, T - 1),
    state: null,
    packed: null,
  });
  let lastSignature: Int32Array | null = null; // the last month's signatures, for the quick path
  const hostOf = resolved.host;
  let item = 0;
  while (leading && item < items.length) {
    const i = hostOf[item]!;
    if (i === NO_HOST) {
      item++;
      continue;
    }
    if (i < 0) break; // a domain ends the leading one-host losses, whether it loses a host or not
    if (!lastSignature) {
      const state = stateOf(T - 1);
      state.signature ??= signatures(kindIndex, state.placement.placed, F);
      lastSignature = state.signature;
    }
    const signature = lastSignature[i]!;
    let o = quick[signature];
    if (o === undefined) {
      const s = oneHost(item, i);
      const r = evaluate(s, T - 1);
      if (isHarm(r.packed)) o = null;
      else {
        settle(s, T - 1, r, false);
        o = outcomeOf(s);
      }
      quick[signature] = o;
    }
    if (o !== null) {
      out[item] = o;
      item = quickRun(hostOf, item + 1, lastSignature, quick, out);
    } else subjects.push(oneHost(item++, i));
  }
  // the others, leading no more: every one a subject (no domain is behind `item`)
  subjectsFrom(items, resolved, item, single!, Math.max(0, T - 1), subjects);
  for (const s of subjects) {
    if (from >= T) break;
    if (monotone) {
      const last = evaluate(s, T - 1);
      if (!isHarm(last.packed)) {
        settle(s, T - 1, last, false);
        continue;
      }
      let lo = from - 1; // a month without harm (from - 1: none known)
      let hi = T - 1; // a month with harm
      let atHi = last;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        const r = evaluate(s, mid);
        if (isHarm(r.packed)) {
          hi = mid;
          atHi = r;
        } else lo = mid;
      }
      settle(s, hi, atHi, true);
    } else {
      for (let t = from; t < T; t++) {
        const r = evaluate(s, t);
        const harm = isHarm(r.packed);
        settle(s, t, r, harm);
        if (harm) break;
      }
    }
  }
  for (const s of subjects) out[s.item] = outcomeOf(s);
  return out;
}

/** itemHosts' mark of an item with no compute host of the model to lose (skipped). */
const NO_HOST = -1;
/** itemHosts' mark of a domain item (its hosts in the lists). */
const DOMAIN = -2;
/**
 * The host list [i] of a one-host loss, made as domainItems makes a domain's (`new Array(n)`,
 * then filled): every loss's list is then of one array kind, and the code that reads them
 * (displacedBy, firstFitByRuns...) is optimised for that one.
 */
function oneHostList(i: number): number[] {
  const lost = new Array<number>(1);
  lost[0] = i;
  return lost;
}

/** The longest host list domainItems allocates at its size (`new Array(n)`; V8 keeps fast elements well above this). */
const EXACT_MAX = 50_000;
/** itemHosts' mark of a domain item that loses no compute host of the model (skipped). */
const NO_DOMAIN_HOST = -3;

/** The model hosts each item loses (itemHosts). */
interface ItemHosts {
  /** Per item: a host name item's host index or NO_HOST; DOMAIN for a domain with hosts to lose, else NO_DOMAIN_HOST. */
  host: Int32Array;
  /** Per domain marked DOMAIN, in item order: its lost then drained hosts (indices), and how many are drained. */
  lost: number[][];
  drained: number[];
}

/**
 * computeOutcomes' first pass: the model hosts (indices in `names`) each item loses, by
 * `numbering` when it gives the item's numbers and every number names the item's host (lost,
 * then drained, as in the domain), else by name. A name item that is no host of the model is
 * NO_HOST; a domain that loses no host (none lost, and none drained unless it is a
 * maintenance domain) is NO_DOMAIN_HOST. A pass of its own (not the loop that evaluates), its
 * loops small, so that V8 optimises them early: computeOutcomes runs once per epoch.
 * O(items + their hosts).
 */
function itemHosts(items: readonly (FailureDomain | string)[], names: readonly string[], numbering: HostNumbering | undefined): ItemHosts {
  let index: { get(name: string): number | undefined } | null = null;
  const byName = (name: string): number => {
    index ??= nameIndex(names);
    return index.get(name) ?? NO_HOST;
  };
  const numbered = numbering ? modelIndexOf(numbering.names, names) : null;
  // lost starts as an array of arrays (a literal [[]] emptied), not as an empty array of small
  // integers that its first push turns into one: domainItems' optimised push sees one kind
  const lost: number[][] = [[]];
  lost.length = 0;
  const out: ItemHosts = { host: new Int32Array(items.length), lost, drained: [] };
  // runs of name items and runs of domains (analyze.ts lists the names first), each run by a
  // function of its own: one kind of item per loop, so the optimised loop sees no other
  for (let item = 0; item < items.length; ) {
    item = nameItems(items, item, numbering, numbered, byName, out.host);
    item = domainItems(items, item, numbering, numbered, byName, out);
  }
  return out;
}

/** itemHosts of the name items from `item` on, up to the first domain (returned: its index, or items.length). */
function nameItems(
  items: readonly (FailureDomain | string)[],
  item: number,
  numbering: HostNumbering | undefined,
  numbered: Int32Array | null,
  byName: (name: string) => number,
  host: Int32Array,
): number {
  const known = numbering?.names ?? [];
  for (; item < items.length; item++) {
    const d = items[item]!;
    if (typeof d !== 'string') return item;
    const k = numbered ? numbering!.numbersOf(item) : undefined;
    host[item] = typeof k === 'number' && known[k] === d ? numbered![k]! : byName(d);
  }
  return item;
}

/** itemHosts of the domains from `item` on, up to the first name item (returned: its index, or items.length). */
function domainItems(
  items: readonly (FailureDomain | string)[],
  item: number,
  numbering: HostNumbering | undefined,
  numbered: Int32Array | null,
  byName: (name: string) => number,
  out: ItemHosts,
): number {
  const known = numbering?.names ?? [];
  for (; item < items.length; item++) {
    const d = items[item]!;
    if (typeof d === 'string') return item;
    const L = d.hostsLost.length;
    let nums = numbered ? numbering!.numbersOf(item) : undefined;
    // the numbers stand for the item's hosts only when each names its host
    if (nums !== undefined && typeof nums !== 'number') {
      if (nums.length !== L + d.hostsDrained.length) nums = undefined;
      else
        for (let j = 0; j < nums.length; j++)
          if (known[nums[j]!] !== (j < L ? d.hostsLost[j] : d.hostsDrained[j - L])) {
            nums = undefined;
            break;
          }
    }
    let lost: number[];
    let lostCount = 0;
    if (nums !== undefined && typeof nums !== 'number') {
      // counted first: a domain that loses none allocates nothing, the others an array of their size
      let count = 0;
      for (let j = 0; j < nums.length; j++) {
        if (j === L) lostCount = count;
        if (numbered![nums[j]!]! >= 0) count++;
      }
      if (nums.length === L) lostCount = count;
      if (lostCount === 0 && !(d.kind === 'maintenance' && count > 0)) {
        out.host[item] = NO_DOMAIN_HOST;
        continue;
      }
      lost = count <= EXACT_MAX ? new Array<number>(count) : [];
      let n = 0;
      for (let j = 0; j < nums.length; j++) {
        const i = numbered![nums[j]!]!;
        if (i >= 0) lost[n++] = i;
      }
    } else {
      lost = [];
      for (const n of d.hostsLost) {
        const i = byName(n);
        if (i >= 0) lost.push(i);
      }
      lostCount = lost.length;
      for (const n of d.hostsDrained) {
        const i = byName(n);
        if (i >= 0) lost.push(i);
      }
    }
    const drained = lost.length - lostCount;
    if (lostCount === 0 && !(d.kind === 'maintenance' && drained > 0)) {
      out.host[item] = NO_DOMAIN_HOST;
      continue;
    }
    out.host[item] = DOMAIN;
    out.lost.push(lost);
    out.drained.push(drained);
  }
  return item;
}

/**
 * computeOutcomes' quick path over the name items from `item` on: each that loses a host whose
 * signature (`signature`, by host) already has its outcome in `quick` takes it (into `out`);
 * items that lose no host are passed. Returns the first other item (or items.length).
 */
function quickRun(hostOf: Int32Array, item: number, signature: Int32Array, quick: readonly (ComputeOutcome | null | undefined)[], out: (ComputeOutcome | undefined)[]): number {
  for (; item < hostOf.length; item++) {
    const i = hostOf[item]!;
    if (i === NO_HOST) continue;
    if (i < 0) return item;
    const o = quick[signature[i]!];
    if (o === undefined || o === null) return item;
    out[item] = o;
  }
  return item;
}

/** The subjects of the items from `item` on (none of them a domain marked DOMAIN before `item`), pushed to `subjects`, evaluated from month `atMonth`. */
function subjectsFrom(items: readonly (FailureDomain | string)[], resolved: ItemHosts, item: number, single: FailureDomain, atMonth: number, subjects: Subject[]): void {
  const hostOf = resolved.host;
  let next = 0; // the next domain of resolved.lost
  for (; item < items.length; item++) {
    const i = hostOf[item]!;
    if (i === NO_HOST || i === NO_DOMAIN_HOST) continue;
    if (i === DOMAIN) {
      subjects.push({
        item,
        domain: items[item] as FailureDomain,
        lost: resolved.lost[next]!,
        drained: resolved.drained[next]!,
        firstHarm: null,
        atMonth,
        state: null,
        packed: null,
      });
      next++;
    } else subjects.push({ item, domain: single, lost: oneHostList(i), drained: 0, firstHarm: null, atMonth, state: null, packed: null });
  }
}

/** The detail record of one subject at its latest evaluation (month s.atMonth). */
function detailOf(model: ComputeModel, s: Subject, packed: Packed, state: MonthState, survivorsRead?: { value: boolean }): ComputeImpactDetail {
  const { displaced, unplaced } = packed;
  const { free } = state.placement;
  const { totalFree, unplacedBefore } = state;
  const { hosts, flavors } = model;
  const C = hosts.classCount;
  const capacityLost: ComputeImpactDetail['capacityLost'] = {};
  let fitsByTotals = true;
  const { capacity } = hosts;
  const lostHosts = s.lost;
  for (let c = 0; c < model.classes.length; c++) {
    let cap = 0;
    let lostFree = 0;
    for (let j = 0; j < lostHosts.length; j++) {
      const h = lostHosts[j]!;
      cap += capacity[h * C + c]!;
      lostFree += free[h * C + c]!;
    }
    capacityLost[model.classes[c]!] = cap;
    let need = 0;
    for (let f = 0; f < displaced.length; f++) need += displaced[f]! * flavors.request[f * C + c]!;
    if (need > (totalFree[c] ?? 0) - lostFree + 1e-9) fitsByTotals = false;
  }
  const rows = flavors.names.flatMap((flavor, f) => (displaced[f]! > 0 ? [{ flavor, displaced: displaced[f]!, unplaced: unplaced[f]! }] : []));
  const short = rows.some((r) => r.unplaced > 0);
  // an item confined to some hosts (zone, trait, aggregate, NUMA cap 0) is fragmentation only
  // if the free capacity of its own surviving candidates holds it by totals
  if (short && fitsByTotals && flavors.hostCap) {
    if (survivorsRead) survivorsRead.value = true;
    const H = hosts.names.length;
    const lost = new Set(s.lost);
    for (let f = 0; f < displaced.length && fitsByTotals; f++) {
      if (unplaced[f]! <= 0) continue;
      for (let c = 0; c < C && fitsByTotals; c++) {
        const req = flavors.request[f * C + c]!;
        if (req <= 0) continue;
        let room = 0;
        for (let h = 0; h < H; h++) if (!lost.has(h) && flavors.hostCap[f * H + h] !== 0) room += free[h * C + c]!;
        if (displaced[f]! * req > room + 1e-9) fitsByTotals = false;
      }
    }
  }
  return {
    hostsLost: s.lost.length - s.drained,
    hostsDrained: s.drained,
    capacityLost,
    atMonth: s.atMonth,
    instancesDisplaced: rows.reduce((a, r) => a + r.displaced, 0),
    instancesUnplacedBefore: unplacedBefore,
    flavors: rows,
    fragmentation: short && fitsByTotals,
  };
}

/** Messages and the harm of one subject. */
function outcome(s: Subject, d: ComputeImpactDetail, start: string): ComputeOutcome {
  const n = d.hostsLost + d.hostsDrained;
  const hostsText = `${n} compute host${n === 1 ? '' : 's'}${d.hostsDrained > 0 ? `, ${d.hostsDrained} of them drained for maintenance` : ''}`;
  const capacity = Object.entries(d.capacityLost)
    .map(([rc, v]) => fmtInUnit(v ?? 0, resourceUnit(rc as ResourceClass)))
    .join(', ');
  const full = d.instancesUnplacedBefore > 0 ? ` The cloud was already full before the loss: ${fmtNumber(d.instancesUnplacedBefore)} instances had no host.` : '';
  if (s.firstHarm === null) {
    return {
      detail: d,
      harms: [],
      message: `Loses ${hostsText} (${capacity} of Placement capacity); the ${fmtNumber(d.instancesDisplaced)} instances on them in ${monthText(start, d.atMonth)} find room on the survivors.${full}`,
    };
  }
  const short = d.flavors.filter((f) => f.unplaced > 0);
  const unplaced = short.reduce((a, f) => a + f.unplaced, 0);
  const perFlavor = short.map((f) => `${fmtNumber(f.unplaced)} of ${fmtNumber(f.displaced)} ${f.flavor}`).join(', ');
  const frag = d.fragmentation ? ' The survivors have enough free capacity summed per resource class, but not in one host for these flavors: fragmentation.' : '';
  const message = `From ${monthText(start, s.firstHarm)}, ${fmtNumber(unplaced)} of the ${fmtNumber(d.instancesDisplaced)} instances displaced (${hostsText}) find no host with room: ${perFlavor}.${frag}${full}`;
  const harm = makeHarm(s.domain, {
    code: 'failure.compute.shortfall',
    harm: 'outage',
    month: s.firstHarm,
    message,
    value: unplaced,
    limit: 0,
    unit: 'instances',
  });
  return {
    detail: d,
    harms: [harm],
    message: `${fmtNumber(unplaced)} of ${fmtNumber(d.instancesDisplaced)} displaced instances find no host (${nameList(short.map((f) => f.flavor))}) from ${monthText(start, s.firstHarm)}${d.fragmentation ? ': fragmentation' : ''}.`,
  };
}
