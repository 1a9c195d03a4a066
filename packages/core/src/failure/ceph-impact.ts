/**
 * What losing a failure domain does to Ceph: per pool whether PGs stay active and whether
 * re-protection is possible, and the survivors' fill after backfill (averaged per CRUSH
 * failure domain, `survivorFill`) against backfillfull and full; the time to re-protect when
 * `CephFailureHooks.reprotectSeconds` gives one.
 *
 * A lost storage host's OSDs are marked out and their copies re-created elsewhere; a drained
 * one (maintenance, `noout`) is down but stays in: its copies are unavailable but are not
 * re-created, and it keeps its share of the data.
 */
import { demandModel } from '../forecast/demand.js';
import { growthFactor } from '../forecast/growth.js';
import type { CephPool, Scenario } from '../model/scenario.js';
import { failureDomainsNeeded, rawUsedRate } from '../storage/pools.js';
import { type FailureDomainRaw, type HostRaw, failureDomainIndices, failureDomains, storageHostsRaw } from '../storage/raw.js';
import { startsWith } from '../fleet/prefix.js';
import type { Host } from '../model/plan.js';
import { fmtNumber, fmtTB } from '../units/format.js';
import { ExactSum } from './exact-sum.js';
import { makeHarm, monthText } from './harm.js';
import type { CephFailureHooks, CephLossInput } from './hooks.js';
import type { CephImpactDetail, FailureDomain, FailureHarm, PoolFailureDetail } from '../model/failure.js';

export const CEPH_SOURCE =
  'Ceph: one copy or shard per CRUSH failure domain (doc/rados/operations/crush-map-edits.rst); PGs below min_size are inactive (doc/rados/operations/pools.rst); backfill stops above mon_osd_backfillfull_ratio, writes above mon_osd_full_ratio; survivors\' fill after re-protection u × N/(N−1) for equal domains (doc/rados/configuration/mon-config-ref.rst "Storage Capacity") [model]';

/** A fill ratio as a percentage with two decimals, so 90.04 % does not print as the 90 % it exceeds. */
function pct(ratio: number): string {
  return `${fmtNumber(ratio * 100, 2)} %`;
}

/**
 * Water-filling of one pool over CRUSH domains [model]: each PG puts one copy (or shard) in
 * `width` different domains, so a domain holds at most one copy of the pool: cap
 * a = loadBytes / width (raw bytes). CRUSH spreads by weight (raw size), so domain i holds
 *   x_i = min(c_i × λ, a)   with λ such that Σ x_i = loadBytes,
 * the largest domains capped first. When the domains cannot hold `width` copies
 * (Σ min(c_i λ, a) < loadBytes for every λ: fewer than `width` domains), each domain holds
 * one copy (x_i = a) and the rest is missing (degraded).
 * Example: 4 equal domains c, size 3, load 2.8c (70 % fill): a = 0.933c, λ = 0.933, each
 * holds 0.933c; after losing one, 3 domains: λ = 0.933 again, capped: each holds 0.933c =
 * 93.3 % = 70 % × 4/3.
 * @param capacities raw bytes per domain (0 for a domain without OSDs)
 * @returns raw bytes held per domain (same order)
 */
export function waterFill(capacities: readonly number[], loadBytes: number, width: number): number[] {
  const out = capacities.map(() => 0);
  waterFillInto(liveLargestFirst(capacities), loadBytes, width, out);
  return out;
}

/** The fill order: larger capacity first, lower index on ties (a strict total order: indices differ). */
function largerFirst(p: { c: number; i: number }, q: { c: number; i: number }): number {
  return q.c - p.c || p.i - q.i;
}

/** The domains with capacity > 0, largest first (index order on ties): the order waterFill fills them in. Exported for tests. */
export function liveLargestFirst(capacities: readonly number[]): { c: number; i: number }[] {
  return capacities
    .map((c, i) => ({ c, i }))
    .filter((x) => x.c > 0)
    .sort(largerFirst);
}

/**
 * liveLargestFirst(after) from `beforeLive` = liveLargestFirst(before), where `after` differs
 * from `before` only at the indices `touched`: the untouched domains keep their order, the
 * touched ones with capacity left are sorted and merged in. O(domains + touched × log touched).
 * Exported for tests.
 */
export function liveLargestFirstAfter(beforeLive: readonly { c: number; i: number }[], after: readonly number[], touched: readonly number[]): { c: number; i: number }[] {
  const mark = new Int32Array(after.length);
  for (const i of touched) mark[i] = 1;
  const out = liveOrder(beforeLive.length + touched.length);
  liveAfterInto(orderOf(beforeLive), after, touched, mark, 1, out);
  return objectsOf(out);
}

/**
 * A fill order as typed arrays (what outcomeOf fills from): entry k is domain `i[k]` of
 * capacity `c[k]`, for k < length (the arrays may be longer: a reused scratch).
 */
export interface LiveOrder {
  c: Float64Array;
  i: Int32Array;
  length: number;
}

/** An empty LiveOrder with room for `n` entries. */
function liveOrder(n: number): LiveOrder {
  return { c: new Float64Array(n), i: new Int32Array(n), length: 0 };
}

/** The LiveOrder of a fill order of objects (the same entries in the same order). */
function orderOf(live: readonly { c: number; i: number }[]): LiveOrder {
  const out = liveOrder(live.length);
  for (const x of live) {
    out.c[out.length] = x.c;
    out.i[out.length++] = x.i;
  }
  return out;
}

/** The fill order of objects of a LiveOrder (the same entries in the same order). */
function objectsOf(live: LiveOrder): { c: number; i: number }[] {
  const out: { c: number; i: number }[] = [];
  for (let k = 0; k < live.length; k++) out.push({ c: live.c[k]!, i: live.i[k]! });
  return out;
}

/**
 * liveLargestFirstAfter into `out` (room for beforeLive.length + touched.length entries), the
 * touched domains being those with mark[i] === stamp (a caller's stamps: no array per call).
 * The merge's test is largerFirst(p, q) < 0, i.e. p.c > q.c or equal capacities and p.i < q.i
 * (capacities are finite: q.c − p.c < 0 iff p.c > q.c, and it is ±0 iff they are equal).
 */
function liveAfterInto(beforeLive: LiveOrder, after: ArrayLike<number>, touched: readonly number[], mark: Int32Array, stamp: number, out: LiveOrder): void {
  const moved = touched
    .filter((i) => after[i]! > 0)
    .map((i) => ({ c: after[i]!, i }))
    .sort(largerFirst);
  const { c: bc, i: bi } = beforeLive;
  const oc = out.c;
  const oi = out.i;
  let n = 0;
  let k = 0;
  for (let j = 0; j < beforeLive.length; j++) {
    const x = bi[j]!;
    if (mark[x] === stamp) continue;
    const c = bc[j]!;
    while (k < moved.length && (moved[k]!.c > c || (moved[k]!.c === c && moved[k]!.i < x))) {
      oc[n] = moved[k]!.c;
      oi[n++] = moved[k++]!.i;
    }
    oc[n] = c;
    oi[n++] = x;
  }
  while (k < moved.length) {
    oc[n] = moved[k]!.c;
    oi[n++] = moved[k++]!.i;
  }
  out.length = n;
}

/** waterFill over `live` (liveLargestFirst of the capacities): adds each domain's bytes to `out[i]`. */
function waterFillInto(live: readonly { c: number; i: number }[], loadBytes: number, width: number, out: number[]): void {
  const a = width > 0 ? loadBytes / width : 0;
  if (loadBytes <= 0 || live.length === 0) return;
  if (live.length * a <= loadBytes * (1 + 1e-12)) {
    for (const x of live) out[x.i] = out[x.i]! + a;
    return;
  }
  let rest = 0; // in fill order, as a reduce from 0
  for (let k = 0; k < live.length; k++) rest += live[k]!.c;
  for (let k = 0; k < live.length; k++) {
    const lambda = (loadBytes - k * a) / rest;
    if (live[k]!.c * lambda <= a * (1 + 1e-12)) {
      for (let j = 0; j < live.length; j++) out[live[j]!.i] = out[live[j]!.i]! + (j < k ? a : live[j]!.c * lambda);
      return;
    }
    rest -= live[k]!.c;
  }
  for (const x of live) out[x.i] = out[x.i]! + a;
}

/**
 * survivorFillOf's fill, into `held` (zeros, one per domain): each domain's bytes held, the
 * pools' additions in pool order as Σ over pools of waterFillInto makes them, and the fill of
 * the fullest domain. The same doubles as waterFillInto pool by pool: per pool the same
 * decision (all `a`, or the first position k in fill order whose c × λ fits under `a`, λ from
 * the remaining Σ), where that Σ over the fill order, the same for every pool, is summed once
 * (the same additions in the same order); then one pass over the fill order adds to each
 * domain its pools' bytes in pool order (each domain's own sequence of additions unchanged:
 * the domains are independent). The max over the domains with bytes (all of them in `live`:
 * the others hold none) is order-free. O(domains × pools), no allocation but a few numbers
 * per pool. Exported for tests.
 */
export function fillInto(live: readonly { c: number; i: number }[], pools: readonly { loadBytes: number; width: number }[], held: Float64Array | number[]): number | null {
  return fillOrder(orderOf(live), pools, held);
}

/** fillInto over a LiveOrder (the same additions in the same order; what outcomeOf calls). */
function fillOrder(live: LiveOrder, pools: readonly { loadBytes: number; width: number }[], held: Float64Array | number[]): number | null {
  const { c: lc, i: li } = live;
  const L = live.length;
  const P = pools.length;
  // per pool: `a` up to position k (exclusive), c × λ from it; k = -1: the pool adds nothing
  const as = new Float64Array(P);
  const ks = new Int32Array(P);
  const lambdas = new Float64Array(P);
  let total = Number.NaN; // Σ of live c in fill order, as a reduce from 0 (when a pool needs it)
  for (let p = 0; p < P; p++) {
    const { loadBytes, width } = pools[p]!;
    const a = width > 0 ? loadBytes / width : 0;
    as[p] = a;
    ks[p] = -1;
    if (loadBytes <= 0 || L === 0) continue;
    ks[p] = L;
    if (L * a <= loadBytes * (1 + 1e-12)) continue;
    if (Number.isNaN(total)) {
      total = 0;
      for (let k = 0; k < L; k++) total += lc[k]!;
    }
    let rest = total;
    for (let k = 0; k < L; k++) {
      const lambda = (loadBytes - k * a) / rest;
      if (lc[k]! * lambda <= a * (1 + 1e-12)) {
        ks[p] = k;
        lambdas[p] = lambda;
        break;
      }
      rest -= lc[k]!;
    }
  }
  // the max as a number and whether any domain holds bytes (a number | null variable would be
  // boxed at each assignment): Math.max(maxFill ?? 0, f) from 0 is the same max
  let maxFill = 0;
  let holds = false;
  for (let j = 0; j < L; j++) {
    const c = lc[j]!;
    const i = li[j]!;
    let h = held[i]!;
    for (let p = 0; p < P; p++) {
      const k = ks[p]!;
      if (k < 0) continue;
      h = h + (j < k ? as[p]! : c * lambdas[p]!);
    }
    held[i] = h;
    if (h > 0) {
      holds = true;
      maxFill = Math.max(maxFill, h / c);
    }
  }
  return holds ? maxFill : null;
}

/**
 * Raw bytes held per domain by all pools (Σ over pools of waterFill, the domains ordered once
 * for all pools), and the fill (held / capacity) of the fullest domain (null when nothing is stored).
 */
export function survivorFill(capacities: readonly number[], pools: readonly { loadBytes: number; width: number }[]): { held: number[]; maxFill: number | null } {
  return survivorFillOf(capacities, liveLargestFirst(capacities), pools);
}

/** survivorFill with the domains' fill order given (`live` = liveLargestFirst(capacities)). */
function survivorFillOf(
  capacities: readonly number[],
  live: readonly { c: number; i: number }[],
  pools: readonly { loadBytes: number; width: number }[],
): { held: number[]; maxFill: number | null } {
  const held: number[] = new Array(capacities.length).fill(0);
  for (const p of pools) waterFillInto(live, p.loadBytes, p.width, held);
  let maxFill: number | null = null;
  for (let i = 0; i < capacities.length; i++) {
    const c = capacities[i]!;
    if (c > 0 && held[i]! > 0) maxFill = Math.max(maxFill ?? 0, held[i]! / c);
  }
  return { held, maxFill };
}

/** Per pool after a loss: copies left to the worst PG, activity, re-protection (see PoolFailureDetail). */
export function poolAfterLoss(pool: CephPool, domainsAffected: number, domainsLeft: number): PoolFailureDetail {
  const width = failureDomainsNeeded(pool);
  const copies = width - Math.min(width, domainsAffected);
  return {
    pool: pool.name,
    width,
    minSize: pool.minSize,
    copiesLeftWorstPg: copies,
    active: copies >= pool.minSize,
    domainsLeft,
    canReprotect: domainsLeft >= width,
    dataAvailable: copies >= (pool.type === 'erasure' ? pool.k : 1),
  };
}

/**
 * How much the raw data grows by month t: growthFactor(demand.growth, t) when every pool
 * follows demand.growth; with pools growing apart (demand.growthBy, events, commitments),
 * Σ_p stored_p(t) × raw used rate_p / Σ_p stored_p(0) × raw used rate_p over every pool
 * (the fill scales with the cluster's raw data; 0 when no pool holds data at month 0).
 */
function storageGrowth(scenario: Scenario, t: number): number {
  const model = demandModel(scenario);
  if (model.uniform) return growthFactor(scenario.demand.growth, t);
  const raw = (m: number): number => scenario.ceph.pools.reduce((sum, p) => sum + model.storedBytes(p.name, m) * rawUsedRate(p), 0);
  const raw0 = raw(0);
  return raw0 > 0 ? raw(t) / raw0 : 0;
}

/**
 * First month t < horizon in which the loss pushes the survivors over `ratio`:
 * after0 × growth(t) > ratio while before0 × growth(t) <= ratio (a cluster already over the
 * ratio without any loss is a capacity problem, not this loss's harm). null if none.
 * `growth`: storageGrowth by month t < horizon (growthOf).
 */
function firstMonthPushedOver(growth: readonly number[], after0: number | null, before0: number | null, ratio: number): number | null {
  if (after0 === null) return null;
  for (let t = 0; t < growth.length; t++) {
    const g = growth[t]!;
    if (after0 * g > ratio + 1e-12 && (before0 ?? 0) * g <= ratio + 1e-12) return t;
  }
  return null;
}

/** storageGrowth(scenario, t) for each month t < horizon, computed on first use in the context (the same calls, the same values). */
function growthOf(ctx: CephContext): readonly number[] {
  if (!ctx.growth) {
    const g: number[] = [];
    for (let t = 0; t < ctx.scenario.horizonMonths; t++) g.push(storageGrowth(ctx.scenario, t));
    ctx.growth = g;
  }
  return ctx.growth;
}

/** The Ceph outcome of one domain. */
export interface CephOutcome {
  detail: CephImpactDetail;
  harms: FailureHarm[];
  message: string;
}

/**
 * The numbering of loss signatures (`lossSignature`), shared by the Ceph analyses of one fleet
 * timeline's epochs (evaluate/epochs.ts creates one per planEpochs call and passes it down; core
 * keeps no state between calls). Both tables number values only, so a number means the same
 * thing in every epoch: a host's part is the number of its (hardware model, raw bytes, raw bytes
 * of its CRUSH domain) triple, a signature the number of its sequence of integers. Two losses
 * have the same signature number iff their sequences are equal, in any epoch: carrying the
 * tables changes which numbers are given, never which losses share one (and the outcomes are
 * kept per epoch, in CephContext.lossCache). Without a carry each context numbers its own.
 */
export class CephLossCarry {
  /** Part numbers by hardware model, then raw bytes, then CRUSH domain raw bytes (-1 for none). */
  readonly partNumbers = new Map<string, Map<number | undefined, Map<number, number>>>();
  partCount = 0;
  /** Signature numbers by the hash of their sequence (`signatureNumber`): the numbers with that hash. */
  readonly signaturesByHash = new Map<number, number[]>();
  /** The sequence of each signature number. */
  readonly signatureSeqs: Int32Array[] = [];
  /** A small number per domain kind (the first integer of a signature). */
  readonly kindNumbers = new Map<string, number>();
  /** The last `cephInputs`: its hosts, hardware table and CRUSH failure domain type, and what it returned. */
  inputs: { hosts: readonly Host[]; hardware: Scenario['hardware']; failureDomain: 'host' | 'rack'; out: CephInputs } | null = null;
  /** The hosts of the `cephInputs` call before the last one when the last one found them first in its own (the same objects) and extended its results; else null. */
  inputsFrom: readonly Host[] | null = null;
  /** The last context's CRUSH domain capacities and their fill order (liveOf): the next context's, when it only adds domains, merges its new ones in. */
  live: { before: readonly number[]; live: readonly { c: number; i: number }[] } | null = null;
  /**
   * The last context's host numbering (numberHosts) and what it read: its hosts, the storage
   * and CRUSH domain arrays (cephInputs' own, which it only extends), how many of the storage
   * entries the walk consumed, and whether every storage-role host was read from them with its
   * CRUSH index checked (no lookup by name: `clean`). The next context extends it (numberHosts).
   */
  numbered: {
    hosts: readonly Host[];
    storage: readonly HostRaw[];
    crush: readonly FailureDomainRaw[];
    next: number;
    clean: boolean;
    part: Int32Array;
    crushOf: Int32Array;
    raw: Float64Array;
  } | null = null;
  /** The last context's replication links, with the link function, raw bytes Map and storage list they were read from (see cephLinks). */
  links: {
    fn: (storageHost: string) => number | null;
    hostRaw: ReadonlyMap<string, number>;
    storage: readonly HostRaw[];
    length: number;
    links: ReplicationLinks;
  } | null = null;
  /** Whether the last links were read from a Map holding exactly its storage list's entries (see cephLinks). */
  linksExact = false;
  /** The buffers the last numbering's arrays are views of (see numberArrays). */
  numberBuffers: { part: Int32Array; crushOf: Int32Array; raw: Float64Array } | null = null;
  /** Bumped each time numberHosts numbers anew (not extending the last numbering): see `signatureOf`. */
  numberingGeneration = 0;
  /**
   * The signature number of the losses cephImpactNumbered met (-1: it stops no storage host
   * with OSDs), with the host numbers array it was given and the numbering generation: the
   * next epoch's same domain object with the same numbers array under a numbering of the same
   * generation has that signature (see cephImpactNumbered).
   */
  readonly signatureOf = new WeakMap<FailureDomain, SignatureRecord>();
}

/** What the Ceph analysis reads of the hosts: their OSD devices, raw bytes by name, the CRUSH failure domains. */
export interface CephInputs {
  /** storageHostsRaw(scenario, hosts). */
  storage: HostRaw[];
  /** Raw OSD bytes per storage host, by name (the entries of `storage`, in order). */
  hostRaw: Map<string, number>;
  /** failureDomains(storage, scenario.ceph.failureDomain, scenario.racks). */
  crush: FailureDomainRaw[];
}

/**
 * The storage hosts' OSD devices, their raw bytes by name and the CRUSH failure domains of
 * `hosts`. With a carry whose last call's hosts are the first of `hosts` (the same Host
 * objects, in order: a fleet timeline's next epoch only adds hosts), the same hardware table
 * and failure domain type `host`, the previous results are extended by the new hosts only:
 * storageHostsRaw and the host failure domains are per-host maps and filters (each entry reads
 * its own host and the hardware table), so those of the whole list are those of the first
 * hosts followed by those of the new ones, and the raw-bytes Map gains the new entries in the
 * order building it anew would insert them. The carry then owns the arrays and the Map it
 * extends: the previous call's are not used after it (one analysis per epoch). Rack failure
 * domains, a list that does not extend the last one, or no carry: built anew.
 */
export function cephInputs(scenario: Scenario, hosts: readonly Host[], carry?: CephLossCarry): CephInputs {
  const last = carry?.inputs;
  const fd = scenario.ceph.failureDomain;
  // (the prefix compare in its own function: this one, called once per epoch, reads the epoch's
  // scenario view, whose shape differs per epoch, and is never hot itself)
  const extend = !!last && fd === 'host' && last.failureDomain === 'host' && last.hardware === scenario.hardware && startsWith(hosts, last.hosts);
  let out: CephInputs;
  if (extend) {
    out = last!.out;
    const added = storageHostsRaw(scenario, hosts.slice(last!.hosts.length));
    for (const h of added) {
      out.storage.push(h);
      out.hostRaw.set(h.host, h.rawBytes);
    }
    for (const d of failureDomains(added, 'host', scenario.racks)) out.crush.push(d);
  } else {
    const storage = storageHostsRaw(scenario, hosts);
    out = { storage, hostRaw: new Map(storage.map((h) => [h.host, h.rawBytes])), crush: failureDomains(storage, fd, scenario.racks) };
  }
  if (carry) {
    carry.inputsFrom = extend ? last!.hosts : null;
    carry.inputs = { hosts, hardware: scenario.hardware, failureDomain: fd, out };
  }
  return out;
}

/** The analysed hosts by number (their position in `hosts`), as analyze numbers them: what cephImpactNumbered reads. */
export interface CephNumbering {
  /** The analysed hosts, in host order. */
  hosts: readonly Host[];
  /** storageHostsRaw(scenario, hosts): the storage-role hosts of `hosts` with their OSD devices, in host order. */
  storage: readonly HostRaw[];
}

/** What every Ceph loss of one scenario shares: the CRUSH domains, the pools' loads and the state before any loss. */
export interface CephContext {
  scenario: Scenario;
  /** scenario.ceph, scenario.start and scenario.demand.storageBytes, read once: the per-loss code reads these, never the scenario (each epoch's view has its own shape). */
  ceph: Scenario['ceph'];
  start: Scenario['start'];
  storageBytes: Scenario['demand']['storageBytes'];
  crush: readonly FailureDomainRaw[];
  /** Raw OSD bytes per storage host. */
  hostRaw: ReadonlyMap<string, number>;
  loads: { loadBytes: number; width: number }[];
  before: number[];
  fillBefore: { held: number[]; maxFill: number | null };
  poolsBefore: PoolFailureDetail[];
  /** CRUSH domain index of each storage host (built on first use: `domainIndex`). */
  domainOf: Map<string, number> | null;
  /** Survivors' fill by the capacities of the touched domains (see cephImpact). */
  fillCache: Map<string, { maxFill: number | null; rebuild: number }>;
  hooks: CephImpactHooks;
  /** The replication links of the storage hosts with OSDs (when the hooks give a re-protection time). */
  links: ReplicationLinks | null;
  /** The CRUSH domains as CephLossInput gives them, built on first use (`lossDomainsOf`). */
  lossDomains: CephLossInput['domains'] | null;
  /** The hardware model of each storage host (when given): losses of the same signature (`lossSignature`) share their outcome. */
  hardwareOf: ReadonlyMap<string, string> | null;
  /** Outcomes of losses (one host, racks, zones, feeds, host groups, maintenance) by their signature number (`lossSignature`). */
  lossCache: Map<number, CephOutcome>;
  /** Each storage host's part of a loss signature (`lossSignature`), built on first use; null for a host of unknown model. */
  signatureParts: Map<string, number | null>;
  /** The numbering of parts and signatures (the timeline's, or this context's own). */
  carry: CephLossCarry;
  /** Per host number (CephNumbering): its part (-1: not a storage host with OSDs) and its CRUSH domain index (-1: none); see numberHosts for `raw`. */
  numbered: Numbered | null;
  /** Scratch: a signature's sequence being built; per CRUSH domain, the stamp of the loss that last met it and its position there. */
  scratch: { seq: Int32Array; stamp: Int32Array; at: Int32Array; loss: number };
  /** The number of each distinct (raw bytes before, raw bytes after) of a CRUSH domain touched by a loss (the fill cache's key), by before then after. */
  pairNumbers: Map<number, Map<number, number>>;
  pairCount: number;
  /** The CRUSH domains' capacities with under a byte taken as none, and their fill order (liveLargestFirst), built on the first fill computed. */
  liveBefore: { capacities: number[]; live: { c: number; i: number }[]; order: LiveOrder | undefined } | null;
  /** Scratch of the fills after a loss (outcomeOf), made on the first: the capacities after (liveBefore's, restored after each use), the bytes held, the fill order. */
  fillScratch: { after: number[]; capacities: Float64Array; held: Float64Array; before: LiveOrder; live: LiveOrder } | null;
  /** storageGrowth by month t < horizon (growthOf), built on first use. */
  growth: number[] | null;
}

/** What cephImpact takes from the failure hooks. */
export interface CephImpactHooks {
  ceph?: CephFailureHooks;
  /** Replication bandwidth of one storage host, bits per second (NetworkFailureHooks.replicationBitsPerSecond). */
  replicationBitsPerSecond?: (storageHost: string) => number | null;
}

/** Each storage host's replication link and their sum, so that a loss's survivors cost O(lost hosts). */
interface ReplicationLinks {
  of: ReadonlyMap<string, number | null>;
  /** Σ of the known links, bit/s. */
  total: number;
  /** Hosts whose link is unknown. */
  unknown: number;
  hosts: number;
}

/**
 * The survivors' replication bandwidth: Σ over the storage hosts with OSDs not in `lost` of
 * their link = total − Σ lost links; null when a survivor's link is unknown or none survives.
 */
function survivorsBitsPerSecond(links: ReplicationLinks, lost: readonly string[]): number | null {
  // (`lost`: distinct hosts)
  let lostSum = 0;
  let lostUnknown = 0;
  for (let j = 0; j < lost.length; j++) {
    const b = links.of.get(lost[j]!);
    if (b === undefined) continue;
    if (b === null) lostUnknown++;
    else lostSum += b;
  }
  if (links.hosts - lost.length <= 0 || links.unknown - lostUnknown > 0) return null;
  return links.total - lostSum;
}

/**
 * Bytes backfill writes: what the surviving OSDs of each domain hold after the loss, minus
 * what they held before (their weight's part of the domain's data), summed over domains:
 *
 *   rebuild = Σ_i [after_i > 0] max(0, heldAfter_i − heldBefore_i × after_i / before_i)
 *
 * (bytes; heldAfter, heldBefore: bytes per CRUSH domain from the survivors' fill after and
 * before the loss; before, after: the domains' raw bytes). The sum is correctly rounded
 * (exact-sum.ts), so it does not depend on the order of the domains: two losses that take the
 * same capacities from different domains of equal size (which share one fill, fillCache) get
 * the same rebuild bit for bit, whichever of them was computed first.
 */
export function rebuildBytes(heldAfter: ArrayLike<number>, heldBefore: ArrayLike<number>, before: ArrayLike<number>, after: ArrayLike<number>): number {
  const s = new ExactSum();
  for (let i = 0; i < heldAfter.length; i++) if (after[i]! > 0) s.add(Math.max(0, heldAfter[i]! - (heldBefore[i]! * after[i]!) / before[i]!));
  return s.value();
}

/**
 * The shared part of the Ceph analysis: month-0 load per pool = stored × raw used rate, one
 * copy or shard per domain; with a re-protection hook, each storage host's replication link
 * (asked once) and their sum. O(storage hosts + CRUSH domains × pools).
 */
export function cephContext(
  scenario: Scenario,
  crush: readonly FailureDomainRaw[],
  hostRaw: ReadonlyMap<string, number>,
  hooks: CephImpactHooks = {},
  hardwareOf: ReadonlyMap<string, string> | null = null,
  numbering?: CephNumbering,
  carry?: CephLossCarry,
): CephContext {
  const loads = scenario.ceph.pools.map((p) => ({ loadBytes: (scenario.demand.storageBytes[p.name] ?? 0) * rawUsedRate(p), width: failureDomainsNeeded(p) }));
  const before = crush.map((d) => d.rawBytes);
  const links = hooks.ceph?.reprotectSeconds ? cephLinks(hostRaw, hooks.replicationBitsPerSecond, numbering?.storage, carry) : null;
  const ctx: CephContext = {
    scenario,
    ceph: scenario.ceph,
    start: scenario.start,
    storageBytes: scenario.demand.storageBytes,
    crush,
    hostRaw,
    loads,
    before,
    fillBefore: { held: [], maxFill: null },
    poolsBefore: scenario.ceph.pools.map((p) => poolAfterLoss(p, 0, crush.length)),
    domainOf: null,
    fillCache: new Map(),
    hooks,
    links,
    lossDomains: null,
    hardwareOf,
    lossCache: new Map(),
    signatureParts: new Map(),
    carry: carry ?? new CephLossCarry(),
    numbered: null,
    scratch: { seq: new Int32Array(64), stamp: new Int32Array(crush.length), at: new Int32Array(crush.length), loss: 0 },
    pairNumbers: new Map(),
    pairCount: 0,
    liveBefore: null,
    fillScratch: null,
    growth: null,
  };
  // the fill before any loss; with no CRUSH domain of under a byte (but over 0) it has the fill
  // order of the capacities after a loss (liveOf: under a byte as none): one sort for both
  const live = liveOfAfter(before, ctx.carry.live);
  ctx.carry.live = { before, live: live.live };
  ctx.liveBefore = live;
  if (before.some((c) => c > 0 && c < 1)) ctx.fillBefore = survivorFill(before, loads);
  else {
    // survivorFillOf(before, live.live, loads) as fillOrder makes it (the same doubles: see
    // fillInto), over the order as typed arrays, kept for the fills after a loss
    // (into a Float64Array as the fills after a loss: fillOrder sees one kind of array)
    const order = orderOf(live.live);
    const held = new Float64Array(before.length);
    const maxFill = fillOrder(order, loads, held);
    ctx.fillBefore = { held: Array.from(held), maxFill };
    live.order = order;
  }
  if (numbering) ctx.numbered = numberHosts(ctx, numbering);
  return ctx;
}

/**
 * Each storage host's replication link (hostRaw's hosts with raw bytes > 0, in its order) and
 * the left folds of the known ones' sum and of the unknown count. With a carry whose last
 * links were read with the same link function (FailureHooksCarry.link hands out one function
 * while it answers alike), from the same raw bytes Map and storage list (cephInputs' own, only
 * extended) and where the Map holds exactly the list's entries then and now (as many entries:
 * no name twice, so its order is the list's and no entry changed), the last links are extended
 * by the list's new entries: the Map's new entries in its order, the folds continued.
 * O(new storage hosts) so; else O(storage hosts).
 */
function cephLinks(
  hostRaw: ReadonlyMap<string, number>,
  fn: ((storageHost: string) => number | null) | undefined,
  storage: readonly HostRaw[] | undefined,
  carry: CephLossCarry | undefined,
): ReplicationLinks {
  const last = carry?.links;
  if (
    fn &&
    storage &&
    last &&
    last.fn === fn &&
    last.hostRaw === hostRaw &&
    last.storage === storage &&
    last.length <= storage.length &&
    hostRaw.size === storage.length &&
    carry!.linksExact
  ) {
    const of = last.links.of as Map<string, number | null>;
    let { total, unknown } = last.links;
    for (let k = last.length; k < storage.length; k++) {
      const { host: h, rawBytes: raw } = storage[k]!;
      if (raw <= 0) continue;
      const b = fn(h) ?? null;
      of.set(h, b);
      if (b === null) unknown++;
      else total += b;
    }
    const links = { of, total, unknown, hosts: of.size };
    carry!.links = { fn, hostRaw, storage, length: storage.length, links };
    return links;
  }
  const of = new Map<string, number | null>();
  let total = 0;
  let unknown = 0;
  for (const [h, raw] of hostRaw) {
    if (raw <= 0) continue;
    const b = fn?.(h) ?? null;
    of.set(h, b);
    if (b === null) unknown++;
    else total += b;
  }
  const links = { of, total, unknown, hosts: of.size };
  if (carry) {
    carry.links = fn && storage ? { fn, hostRaw, storage, length: storage.length, links } : null;
    carry.linksExact = !!storage && hostRaw.size === storage.length;
  }
  return links;
}

/**
 * Per host number of `numbering`: the part of a storage host with OSDs (raw bytes > 0, read
 * from `storage` alongside the hosts, else from ctx.hostRaw), its model being its hardware,
 * and its CRUSH domain index (failureDomainIndices, checked against the domain's name, else
 * `domainIndex` by name); -1 for the others; and the raw bytes it read (given out only when
 * they are hostRaw's, below). The same parts as signaturePart with hardwareOf = the storage
 * hosts' hardware. O(hosts).
 */
function numberHosts(ctx: CephContext, { hosts, storage }: CephNumbering): Numbered {
  const H = hosts.length;
  const { crush, before } = ctx;
  const fd = ctx.ceph.failureDomain;
  const indices = failureDomainIndices(storage, fd, crush);
  // From the last context's numbering when the walk over its hosts would repeat it (see
  // numberedFrom): its first hosts' results are kept, the walk goes on from its end.
  const last = numberedFrom(ctx.carry, hosts, storage, crush);
  const from = last ? last.hosts.length : 0;
  let next = last ? last.next : 0; // the next of `storage`
  let clean = true;
  if (!last) ctx.carry.numberingGeneration++;
  const { part, crushOf, raw: rawOf } = numberArrays(ctx.carry, H, last);
  part.fill(-1, from);
  crushOf.fill(-1, from);
  rawOf.fill(0, from);
  for (let i = from; i < H; i++) {
    const h = hosts[i]!;
    if (h.role !== 'storage') continue;
    let raw: number | undefined;
    let ci: number | undefined;
    if (next < storage.length && storage[next]!.host === h.name) {
      const k = next++;
      raw = storage[k]!.rawBytes;
      const j = indices[k]!;
      if (j >= 0 && j < crush.length && crush[j]!.name === (fd === 'host' ? h.name : storage[k]!.rack)) ci = j;
      else {
        ci = domainIndex(ctx, h.name);
        clean = false;
      }
    } else {
      raw = ctx.hostRaw.get(h.name);
      ci = domainIndex(ctx, h.name);
      clean = false;
    }
    if (!((raw ?? 0) > 0)) continue;
    crushOf[i] = ci ?? -1;
    part[i] = partNumber(ctx.carry, h.hardware, raw, ci === undefined ? -1 : before[ci]!);
    rawOf[i] = raw!;
  }
  ctx.carry.numbered = { hosts, storage, crush, next, clean, part, crushOf, raw: rawOf };
  // the raw bytes read are hostRaw's when hostRaw is the Map of `storage`'s entries (cephInputs'
  // own pair, the last it returned: built from the list or extended by its new entries in order)
  // holding as many entries as the list (no name twice): then each entry's raw bytes are its
  // name's in the Map, and a host not read from an entry was read from the Map
  const inputs = ctx.carry.inputs?.out;
  const rawExact = inputs !== undefined && inputs.hostRaw === ctx.hostRaw && inputs.storage === storage && ctx.hostRaw.size === storage.length;
  return { hosts, part, crushOf, raw: rawExact ? rawOf : null };
}

/**
 * A context's host numbering (numberHosts): per host number its part (-1: not a storage host
 * with OSDs), its CRUSH domain index (-1: none) and, when they are known to be
 * hostRaw.get(name) for every host with a part, its raw OSD bytes (else null: look them up).
 */
interface Numbered {
  hosts: readonly Host[];
  part: Int32Array;
  crushOf: Int32Array;
  raw: Float64Array | null;
}

/**
 * The per-host-number arrays of a numbering of H hosts (views of length H), holding `last`'s
 * entries for its hosts (the entries after them are the caller's to fill). Extending `last` within
 * the carry's buffers when they have room: `last`'s arrays are views of them and a buffer only
 * ever serves numberings that extend one another (hosts only added), so the entries of every
 * earlier view are never written again (only those after its length). Otherwise new buffers,
 * with room for a quarter more hosts when extending (a timeline's fleet grows), `last`'s
 * entries copied.
 */
function numberArrays(carry: CephLossCarry, H: number, last: CephLossCarry['numbered']): { part: Int32Array; crushOf: Int32Array; raw: Float64Array } {
  let b = carry.numberBuffers;
  if (!(last && b && last.part.buffer === b.part.buffer && b.part.length >= H)) {
    const room = last ? H + (H >> 2) : H;
    b = { part: new Int32Array(room), crushOf: new Int32Array(room), raw: new Float64Array(room) };
    if (last) {
      b.part.set(last.part);
      b.crushOf.set(last.crushOf);
      b.raw.set(last.raw);
    }
    carry.numberBuffers = b;
  }
  return { part: b.part.subarray(0, H), crushOf: b.crushOf.subarray(0, H), raw: b.raw.subarray(0, H) };
}

/**
 * `last` = carry.numbered when numberHosts over (hosts, storage, crush) would give its results for its hosts:
 * its walk read no name (`clean`: every storage-role host was the next storage entry, its CRUSH
 * index checked against the domain's name), `storage` and `crush` are its arrays (cephInputs'
 * own, which it only extends by pushing: their first entries are the same objects) and its
 * hosts are the first of `hosts` (the same objects). Then each of its hosts meets the same
 * storage entry (the walk consumed only entries it had), the same index (failureDomainIndices
 * for `host` is a running count over the entries, so the first entries keep theirs; for `rack`
 * cephInputs builds the arrays anew, so they are not `last`'s) and the same CRUSH domain, and
 * partNumber numbers the same triple: the same part and CRUSH index. Otherwise null.
 */
function numberedFrom(carry: CephLossCarry, hosts: readonly Host[], storage: readonly HostRaw[], crush: readonly FailureDomainRaw[]): CephLossCarry['numbered'] {
  const last = carry.numbered;
  if (!last?.clean || last.storage !== storage || last.crush !== crush || last.hosts.length > hosts.length) return null;
  if (last.next > storage.length) return null;
  // (cephInputs compared the same hosts when its last call had these hosts and found the
  // previous call's, these ones, first in them: the arrays are not changed after a call)
  if (carry.inputs?.hosts === hosts && carry.inputsFrom === last.hosts) return last;
  for (let i = 0; i < last.hosts.length; i++) if (hosts[i] !== last.hosts[i]) return null;
  return last;
}

/** The CRUSH domain index of storage host `host` (undefined when in none): ctx.domainOf, built on first use. */
function domainIndex(ctx: CephContext, host: string): number | undefined {
  if (!ctx.domainOf) {
    const m = new Map<string, number>();
    ctx.crush.forEach((d, i) => {
      for (const h of d.hosts) m.set(h, i);
    });
    ctx.domainOf = m;
  }
  return ctx.domainOf.get(host);
}

/** The CRUSH domains as CephLossInput gives them (ctx.lossDomains, built on first use). */
function lossDomainsOf(ctx: CephContext): CephLossInput['domains'] {
  ctx.lossDomains ??= ctx.crush.map((d) => ({ name: d.name, hosts: d.hosts.map((h) => ({ host: h, rawBytes: ctx.hostRaw.get(h) ?? 0 })) }));
  return ctx.lossDomains;
}

/**
 * The Ceph outcome of `domain`, or undefined when it stops no storage host with OSDs.
 * - worst PG: a PG has one copy in each of `width` domains; with enough PGs some PG has a
 *   copy in every affected domain, so it keeps width − affected copies [model]: inactive
 *   below min_size (`failure.ceph.inactive_pgs`, outage, month 0);
 * - re-protection needs `width` domains with OSDs left (`failure.ceph.cannot_reprotect`,
 *   degraded, month 0);
 * - survivors' fill in month t = fill(0) × growth(t), against backfillfull
 *   (`failure.ceph.backfillfull`, degraded, only when something backfills) and full
 *   (`failure.ceph.full`, outage), from the first month the loss pushes them over while the
 *   cluster without the loss is not.
 * Harms that exist without the loss (a pool already short of domains, a cluster already over
 * a ratio) are not blamed on it.
 * Cost: O(lost and drained hosts + pools) per domain, plus one water-filling
 * (O(CRUSH domains × pools)) per distinct signature of the touched domains' capacities; a
 * loss with the signature of an earlier one (`lossSignature`: one host of the same model in an
 * equal CRUSH domain, a rack of the same composition) costs O(its hosts) and returns the
 * earlier outcome. `osdHosts`, when the caller has them, are the domain's lost and drained
 * hosts with OSDs (raw bytes > 0), in the order of hostsLost and hostsDrained: what the
 * function would filter them to (a domain's hosts are read once, by the caller).
 * The failure analysis calls cephImpactNumbered (the same by host number, with a carry across
 * epochs); this by-name form is what that falls back to for a context without a numbering, and
 * the reference the tests hold it to (ceph-numbered.test.ts).
 */
export function cephImpact(ctx: CephContext, domain: FailureDomain, osdHosts?: { lost: readonly string[]; drained: readonly string[] }): CephOutcome | undefined {
  const { hostRaw } = ctx;
  const lost = new Set(osdHosts ? osdHosts.lost : domain.hostsLost.filter((h) => (hostRaw.get(h) ?? 0) > 0));
  const drainedHosts = osdHosts ? osdHosts.drained : domain.hostsDrained.filter((h) => (hostRaw.get(h) ?? 0) > 0);
  const drained: ReadonlySet<string> = drainedHosts.length === 0 ? NO_HOSTS : new Set(drainedHosts);
  if (lost.size === 0 && !(domain.kind === 'maintenance' && drained.size > 0)) return undefined;
  // A loss (one host, a rack, a zone...) with the signature of an earlier one has its outcome.
  const signature = lossSignature(ctx, domain, lost, drained);
  if (signature !== null) {
    const hit = ctx.lossCache.get(signature);
    if (hit) return hit;
  }
  return outcomeOf(ctx, domain, { set: lost, list: [...lost] }, { set: drained, list: [...drained] }, signature);
}

/**
 * cephImpact of `domain` whose lost then drained hosts are the host numbers `numbers` of the
 * context's numbering (cephContext's `numbering`; the analysis numbers its hosts so): the hosts
 * with OSDs among them are those with a part (`numberHosts`), their signature is built from the
 * parts and CRUSH domain indices by number (the same sequence lossSignature builds by name), so
 * a loss with the signature of an earlier one costs O(its hosts) without a name, a Set or a
 * text; only a loss of a new signature takes the names and goes the way of cephImpact. The
 * same outcome, the same record, as cephImpact(ctx, domain) (failure/fast-paths.test.ts).
 * A domain object met before (in this context or an earlier one of the carry) with the same
 * numbers array, in a numbering of the same generation, skips even that: its signature is
 * the recorded one. The callers never change a domain or a numbers array they passed (the
 * DomainCache copies a group's arrays before they change once a domain holds them), and a
 * numbering of the same generation extends the one the record was made in (numberHosts keeps
 * the part and CRUSH index of each earlier host), so the sequence (kind, tolerance, then per
 * host its part and first position in its CRUSH domain) is the same, and so is its number
 * (signatureNumber numbers a sequence once in a carry). Only the outcome is looked up in this
 * context's lossCache; a miss there goes the whole way.
 * Without a numbering: cephImpact(ctx, domain).
 */
export function cephImpactNumbered(ctx: CephContext, domain: FailureDomain, numbers: ArrayLike<number>): CephOutcome | undefined {
  const nb = ctx.numbered;
  if (!nb) return cephImpact(ctx, domain);
  // the same domain object with the same numbers array, in a numbering that extends the one it
  // was met in: the same signature (below)
  const { carry } = ctx;
  const seen = carry.signatureOf.get(domain);
  if (seen && seen.numbers === numbers && seen.length === numbers.length && seen.generation === carry.numberingGeneration) {
    if (seen.signature < 0) return undefined;
    const hit = ctx.lossCache.get(seen.signature);
    if (hit) return hit;
  }
  const { part, crushOf, hosts, raw } = nb;
  const nLost = domain.hostsLost.length;
  // one pass over the numbers: the hosts with OSDs (a part) counted lost and drained, and from
  // seq[3] each one's part and the position of the first host of the loss in its CRUSH domain;
  // seq[0..2] (kind, tolerance, hosts lost) once the counts say there is a loss
  const sc = ctx.scratch;
  const most = 3 + 2 * numbers.length;
  if (sc.seq.length < most) sc.seq = new Int32Array(Math.max(most, 2 * sc.seq.length));
  const seq = sc.seq;
  const loss = ++sc.loss;
  let lostCount = 0;
  let drainedCount = 0;
  let n = 3;
  for (let j = 0; j < numbers.length; j++) {
    const i = numbers[j]!;
    const p = part[i]!;
    if (p < 0) continue;
    const at = lostCount + drainedCount; // position among the hosts with OSDs
    if (j < nLost) lostCount++;
    else drainedCount++;
    seq[n++] = p;
    seq[n++] = firstAt(sc, crushOf[i]!, loss, at);
  }
  if (lostCount === 0 && !(domain.kind === 'maintenance' && drainedCount > 0)) {
    recordSignature(carry, domain, seen, numbers, -1);
    return undefined;
  }
  seq[0] = kindNumber(ctx.carry, domain.kind);
  seq[1] = domain.tolerated ? 1 : 0;
  seq[2] = lostCount;
  const signature = signatureNumber(ctx.carry, seq, n);
  recordSignature(carry, domain, seen, numbers, signature);
  const hit = ctx.lossCache.get(signature);
  if (hit) return hit;
  const lost = new Set<string>();
  const lostNames: string[] = [];
  const drainedNames: string[] = [];
  const crushOfHosts = new Int32Array(lostCount + drainedCount);
  const lostRaw = new Float64Array(lostCount);
  let k = 0;
  for (let j = 0; j < numbers.length; j++) {
    const i = numbers[j]!;
    if (part[i]! < 0) continue;
    const name = hosts[i]!.name;
    if (j < nLost) {
      lost.add(name);
      lostNames.push(name);
      lostRaw[k] = raw ? raw[i]! : (ctx.hostRaw.get(name) ?? 0); // (raw: hostRaw's, by number)
    } else drainedNames.push(name);
    crushOfHosts[k++] = crushOf[i]!;
  }
  const drained: ReadonlySet<string> = drainedNames.length === 0 ? NO_HOSTS : new Set(drainedNames);
  // the numbers are distinct hosts when the Sets keep them all: then the lists are the Sets in
  // order, and the CRUSH domain of each host of [...lost, ...drained] and the raw bytes of each
  // lost one are by position
  if (lost.size + drained.size === k)
    return outcomeOf(ctx, domain, { set: lost, list: lostNames }, { set: drained, list: drainedNames }, signature, { crush: crushOfHosts, lostRaw });
  return outcomeOf(ctx, domain, { set: lost, list: [...lost] }, { set: drained, list: [...drained] }, signature);
}

/** Hosts of a loss: a Set, and its hosts in its order (an array to walk). */
type LossHosts = { set: ReadonlySet<string>; list: readonly string[] };

type SignatureRecord = { numbers: ArrayLike<number>; length: number; generation: number; signature: number };

/** Records `signature` as that of `domain` with `numbers` under the carry's numbering generation (in `seen`, its record, when it has one). */
function recordSignature(carry: CephLossCarry, domain: FailureDomain, seen: SignatureRecord | undefined, numbers: ArrayLike<number>, signature: number): void {
  if (seen) {
    seen.numbers = numbers;
    seen.length = numbers.length;
    seen.generation = carry.numberingGeneration;
    seen.signature = signature;
  } else carry.signatureOf.set(domain, { numbers, length: numbers.length, generation: carry.numberingGeneration, signature });
}

/**
 * The position in the loss of the first host met in CRUSH domain `ci` during loss number
 * `loss` (scratch stamps: no Map per loss), `at` when this host is the first; -1 for none.
 */
function firstAt(sc: CephContext['scratch'], ci: number, loss: number, at: number): number {
  if (ci < 0) return -1;
  if (sc.stamp[ci] === loss) return sc.at[ci]!;
  sc.stamp[ci] = loss;
  sc.at[ci] = at;
  return at;
}

/** The outcome of a loss of the storage hosts with OSDs `lost` and `drained` (at least one), cached under `signature` when not null. */
function outcomeOf(
  ctx: CephContext,
  domain: FailureDomain,
  lostHosts: LossHosts,
  drainedHosts: LossHosts,
  signature: number | null,
  byPosition?: { crush: ArrayLike<number>; lostRaw: ArrayLike<number> },
): CephOutcome {
  const { set: lost, list: lostList } = lostHosts;
  const { set: drained, list: drainedList } = drainedHosts;
  const { ceph, crush, fillBefore, hooks } = ctx;
  // (each loop in its own small function: this one, called once per distinct loss, stays small to compile)
  const loss = ++ctx.scratch.loss;
  const touched: number[] = [];
  const leftRaw: number[] = [];
  touchLoss(ctx, lostList, drainedList, lost, byPosition, loss, touched, leftRaw);
  const rawBytesLost = lostRawSum(ctx, lostList, byPosition);
  const affected = touched.length;
  let emptied = 0; // under a byte left: none
  for (const c of leftRaw) if (c < 1) emptied++;
  const left = crush.length - emptied;
  const pools = ceph.pools.map((p) => poolAfterLoss(p, affected, left));
  const key = fillKey(ctx, touched, leftRaw);
  let fillAfter = ctx.fillCache.get(key);
  if (!fillAfter) {
    fillAfter = fillAfterLoss(ctx, touched, leftRaw, loss);
    ctx.fillCache.set(key, fillAfter);
  }
  const rebuild = fillAfter.rebuild;
  // what the hooks are given; the CRUSH domains built only if a hook reads them
  const input = (): CephLossInput => ({
    failureDomain: ceph.failureDomain,
    get domains() {
      return lossDomainsOf(ctx);
    },
    lostHosts: lostList, // (the loss's own arrays, read only)
    drainedHosts: drainedList,
    storedBytesMonth0: { ...ctx.storageBytes },
  });
  const fill0 = fillAfter.maxFill;
  const growth = growthOf(ctx);
  let reprotectSeconds: number | null = null;
  if (hooks.ceph?.reprotectSeconds && ctx.links) {
    const bandwidth = survivorsBitsPerSecond(ctx.links, lostList);
    reprotectSeconds = hooks.ceph.reprotectSeconds(Object.assign(input(), { rebuildBytes: rebuild, replicationBitsPerSecond: bandwidth }));
  }
  const detail: CephImpactDetail = {
    failureDomain: ceph.failureDomain,
    hostsLost: lost.size,
    hostsDrained: drained.size,
    rawBytesLost,
    domainsAffected: affected,
    pools,
    survivorFillMonth0: fill0,
    fillBeforeMonth0: fillBefore.maxFill,
    backfillfullMonth: rebuild > 0 ? firstMonthPushedOver(growth, fill0, fillBefore.maxFill, ceph.ratios.backfillfull) : null,
    fullMonth: firstMonthPushedOver(growth, fill0, fillBefore.maxFill, ceph.ratios.full),
    rebuildBytesMonth0: Math.round(rebuild),
    reprotectSeconds,
  };
  const harms = cephHarms(ceph, ctx.start, domain, detail, ctx.poolsBefore, growth);
  const summary = harms.length > 0 ? harms.map((h) => h.message.split('. ')[0]!.replace(/\.$/, '')).join('; ') : 'PGs stay active and can be re-protected';
  const drainedText = drained.size > 0 ? ` (${drained.size} drained for maintenance)` : '';
  const outcome: CephOutcome = {
    detail,
    harms,
    message: `Loses ${lost.size + drained.size} storage host${lost.size + drained.size === 1 ? '' : 's'}${drainedText}, ${fmtTB(detail.rawBytesLost)} raw, in ${affected} CRUSH ${ceph.failureDomain}${affected === 1 ? '' : 's'}: ${summary}.${reprotectText(detail)}`,
  };
  if (signature !== null) ctx.lossCache.set(signature, outcome);
  return outcome;
}

/**
 * The CRUSH domains a loss touches (into `touched`, in the order first met; stamped with `loss`
 * in ctx.scratch) and their raw bytes left (into `leftRaw`): each domain's raw bytes less its
 * lost hosts', in the order of [...lost, ...drained]. By position, when the caller has them:
 * the CRUSH domain of each host and the raw bytes of each lost one, hostRaw's, as the loop
 * would look them up.
 */
function touchLoss(
  ctx: CephContext,
  lostList: readonly string[],
  drainedList: readonly string[],
  lost: ReadonlySet<string>,
  byPosition: { crush: ArrayLike<number>; lostRaw: ArrayLike<number> } | undefined,
  loss: number,
  touched: number[],
  leftRaw: number[],
): void {
  const sc = ctx.scratch;
  const { hostRaw, before } = ctx;
  const nLost = lostList.length;
  const n = nLost + drainedList.length;
  for (let at = 0; at < n; at++) {
    // position `at` in [...lost, ...drained]
    const h = at < nLost ? lostList[at]! : drainedList[at - nLost]!;
    const i = byPosition ? byPosition.crush[at]! : (domainIndex(ctx, h) ?? -1);
    if (i < 0) continue;
    let slot: number;
    if (sc.stamp[i] === loss) slot = sc.at[i]!;
    else {
      sc.stamp[i] = loss;
      slot = sc.at[i] = touched.length;
      touched.push(i);
      leftRaw.push(before[i]!);
    }
    // a host of `lost` is lost; one of `drained` only when also in `lost`
    const r = at < nLost ? (byPosition ? byPosition.lostRaw[at]! : (hostRaw.get(h) ?? 0)) : lost.has(h) ? (hostRaw.get(h) ?? 0) : 0;
    leftRaw[slot] = leftRaw[slot]! - r;
  }
}

/** The raw bytes lost: Σ over `lost` in its order, from 0 (by position: byPosition.lostRaw, else hostRaw's). */
function lostRawSum(ctx: CephContext, lostList: readonly string[], byPosition: { lostRaw: ArrayLike<number> } | undefined): number {
  let rawBytesLost = 0;
  if (byPosition) for (let at = 0; at < lostList.length; at++) rawBytesLost += byPosition.lostRaw[at]!;
  else for (let at = 0; at < lostList.length; at++) rawBytesLost += ctx.hostRaw.get(lostList[at]!) ?? 0;
  return rawBytesLost;
}

/**
 * The fill depends only on the capacities before and after of the touched domains: losses
 * that touch equal domains alike (any one of equal hosts) share it, computed once. Key: the
 * multiset of the numbers of the touched domains' (before, after) pairs (one number per
 * distinct pair), as each distinct number with its count, ascending ("3x2,7x1").
 */
function fillKey(ctx: CephContext, touched: readonly number[], leftRaw: readonly number[]): string {
  const { before } = ctx;
  const counts = new Map<number, number>();
  for (let j = 0; j < touched.length; j++) {
    const n = pairNumber(ctx, before[touched[j]!]!, leftRaw[j]!);
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return countKey(counts);
}

/**
 * Each distinct number of `counts` with its count, ascending: "3x2,7x1" — the string of
 * `[...counts.keys()].sort((a, b) => a - b).map((n) => `${n}x${counts.get(n)}`).join(',')`,
 * built in one loop (no closure, no string array).
 */
export function countKey(counts: ReadonlyMap<number, number>): string {
  const numbers = [...counts.keys()].sort((a, b) => a - b);
  let key = '';
  for (let j = 0; j < numbers.length; j++) key += `${j > 0 ? ',' : ''}${numbers[j]!}x${counts.get(numbers[j]!)!}`;
  return key;
}

/**
 * The survivors' fill after a loss (touched / leftRaw as touchLoss gives them, stamped with
 * `loss`) and the bytes rebuilt: after = the capacities left, under a byte as none; its fill
 * order from that before the loss; in the context's scratch (after: the capacities again once done).
 */
function fillAfterLoss(ctx: CephContext, touched: readonly number[], leftRaw: readonly number[], loss: number): { maxFill: number | null; rebuild: number } {
  const { before, fillBefore } = ctx;
  const fs = ctx.fillScratch ?? fillScratchOf(ctx);
  const after = fs.after;
  for (let j = 0; j < touched.length; j++) after[touched[j]!] = leftRaw[j]! < 1 ? 0 : leftRaw[j]!;
  fs.held.fill(0);
  // the touched domains are those stamped with this loss (touchLoss); the order after has at most
  // as many entries as there are domains
  liveAfterInto(fs.before, after, touched, ctx.scratch.stamp, loss, fs.live);
  const maxFill = fillOrder(fs.live, ctx.loads, fs.held);
  const fillAfter = { maxFill, rebuild: rebuildBytes(fs.held, fillBefore.held, before, after) };
  for (const i of touched) after[i] = fs.capacities[i]!;
  return fillAfter;
}

/** The context's fill scratch, made on first use: after = the capacities (under a byte as none), and those capacities again as doubles to restore `after` from. */
function fillScratchOf(ctx: CephContext): NonNullable<CephContext['fillScratch']> {
  const { before } = ctx;
  ctx.liveBefore ??= liveOf(before);
  const lb = ctx.liveBefore;
  ctx.fillScratch = {
    after: lb.capacities.slice(),
    capacities: Float64Array.from(lb.capacities),
    held: new Float64Array(before.length),
    before: lb.order ?? orderOf(lb.live),
    live: liveOrder(before.length),
  };
  return ctx.fillScratch;
}

/** No hosts (a loss that drains none: most). */
const NO_HOSTS: ReadonlySet<string> = new Set();

/** The number of the pair (raw bytes before, after) of a touched CRUSH domain in ctx (see CephContext.pairNumbers). */
function pairNumber(ctx: CephContext, before: number, after: number): number {
  let byAfter = ctx.pairNumbers.get(before);
  if (!byAfter) {
    byAfter = new Map();
    ctx.pairNumbers.set(before, byAfter);
  }
  let n = byAfter.get(after);
  if (n === undefined) {
    n = ctx.pairCount++;
    byAfter.set(after, n);
  }
  return n;
}

/**
 * liveOf(before), from `last` = the capacities of an earlier context and their fill order: when
 * `before` begins with last.before (the same values: the CRUSH domains of a fleet that only
 * gained domains), the fill order is last.live with the new domains (sorted) merged in, as the
 * order is a strict total order (largerFirst); otherwise sorted anew. O(domains + new × log new).
 */
function liveOfAfter(
  before: readonly number[],
  last: { before: readonly number[]; live: readonly { c: number; i: number }[] } | null,
): { capacities: number[]; live: { c: number; i: number }[]; order: LiveOrder | undefined } {
  const n0 = last ? last.before.length : 0;
  let extend = last !== null && n0 <= before.length;
  for (let i = 0; extend && i < n0; i++) if (before[i] !== last!.before[i]) extend = false;
  if (!extend) return liveOf(before);
  const capacities = before.map((c) => (c < 1 ? 0 : c));
  const added: { c: number; i: number }[] = [];
  for (let i = n0; i < capacities.length; i++) if (capacities[i]! > 0) added.push({ c: capacities[i]!, i });
  added.sort(largerFirst);
  const live: { c: number; i: number }[] = [];
  let k = 0;
  for (const x of last!.live) {
    while (k < added.length && largerFirst(added[k]!, x) < 0) live.push(added[k++]!);
    live.push(x);
  }
  while (k < added.length) live.push(added[k++]!);
  return { capacities, live, order: undefined }; // (order set later or never: one shape)
}

/** The capacities with under a byte as none, and their fill order. */
function liveOf(before: readonly number[]): { capacities: number[]; live: { c: number; i: number }[]; order: LiveOrder | undefined } {
  const capacities = before.map((c) => (c < 1 ? 0 : c));
  return { capacities, live: liveLargestFirst(capacities), order: undefined };
}

/**
 * The signature of a Ceph loss, as a number (`signatureNumber` of its sequence): the domain's
 * kind and tolerance, the number of hosts lost, then per host of [...lost, ...drained] in that
 * order its hardware model, its raw bytes, the raw bytes of its CRUSH domain before the loss
 * (these three as one number per distinct triple, `signaturePart`) and the position in that
 * list of the first host of the loss in the same CRUSH domain (-1 when it is in none).
 * Two losses with one signature give one outcome, the same record (cephImpact reads the hosts
 * only through these): the touched CRUSH domains' raw bytes left are the same subtractions in
 * the same order, hence the same key, the fill (fillCache) and the rebuild, the domains
 * affected and left; the raw bytes lost are the same sum in the same order; the survivors'
 * replication bandwidth and the re-protection time are the same because the hooks answer per
 * hardware model (failure/hooks.ts); the harms read the domain's kind and tolerance only, the
 * message no host name. null when a host's model is unknown (no `hardwareOf`). O(hosts of the loss).
 */
function lossSignature(ctx: CephContext, domain: FailureDomain, lost: ReadonlySet<string>, drained: ReadonlySet<string>): number | null {
  if (!ctx.hardwareOf) return null;
  const sc = ctx.scratch;
  const size = 3 + 2 * (lost.size + drained.size);
  if (sc.seq.length < size) sc.seq = new Int32Array(Math.max(size, 2 * sc.seq.length));
  const seq = sc.seq;
  seq[0] = kindNumber(ctx.carry, domain.kind);
  seq[1] = domain.tolerated ? 1 : 0;
  seq[2] = lost.size;
  const loss = ++sc.loss;
  let n = 3;
  let at = 0;
  for (const set of [lost, drained])
    for (const h of set) {
      const part = signaturePart(ctx, h);
      if (part === null) return null;
      seq[n++] = part;
      seq[n++] = firstAt(sc, domainIndex(ctx, h) ?? -1, loss, at);
      at++;
    }
  return signatureNumber(ctx.carry, seq, n);
}

/** The small number of a domain kind (the first integer of a signature), in `carry`. */
function kindNumber(carry: CephLossCarry, kind: string): number {
  let k = carry.kindNumbers.get(kind);
  if (k === undefined) {
    k = carry.kindNumbers.size;
    carry.kindNumbers.set(kind, k);
  }
  return k;
}

/**
 * The number, in `carry`, of the sequence seq[0..n): equal sequences get the same number, others
 * another (found by a hash of the integers, then compared one by one). O(n).
 */
export function signatureNumber(carry: CephLossCarry, seq: Int32Array, n: number): number {
  let h = n | 0;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ seq[k]!, 0x01000193) | 0;
  let bucket = carry.signaturesByHash.get(h);
  if (bucket) {
    for (const id of bucket) {
      const other = carry.signatureSeqs[id]!;
      if (other.length !== n) continue;
      let k = 0;
      while (k < n && other[k] === seq[k]) k++;
      if (k === n) return id;
    }
  } else {
    bucket = [];
    carry.signaturesByHash.set(h, bucket);
  }
  const id = carry.signatureSeqs.length;
  carry.signatureSeqs.push(seq.slice(0, n));
  bucket.push(id);
  return id;
}

/**
 * A host's part of a loss signature: the number, in the context's carry, of its model, raw bytes
 * and its CRUSH domain's raw bytes (see lossSignature; one number per distinct triple); null when
 * its model is unknown. Cached in ctx. Two hosts with OSDs and the same number have one-host
 * losses of the same signature (analyze.ts shares them).
 */
export function signaturePart(ctx: CephContext, host: string): number | null {
  let part = ctx.signatureParts.get(host);
  if (part !== undefined) return part;
  const model = ctx.hardwareOf?.get(host);
  if (model === undefined) part = null;
  else {
    const i = domainIndex(ctx, host);
    part = partNumber(ctx.carry, model, ctx.hostRaw.get(host), i === undefined ? -1 : ctx.before[i]!); // a CRUSH domain's raw bytes are >= 0
  }
  ctx.signatureParts.set(host, part);
  return part;
}

/** signaturePart of the host numbered `i` (cephContext's numbering): null when it has no OSDs or there is no numbering. */
export function signaturePartNumbered(ctx: CephContext, i: number): number | null {
  const p = ctx.numbered?.part[i] ?? -1;
  return p >= 0 ? p : null;
}

/** The number of the triple (model, raw bytes, CRUSH domain raw bytes) in `carry` (see CephLossCarry.partNumbers). */
function partNumber(carry: CephLossCarry, model: string, raw: number | undefined, crushRaw: number): number {
  let byRaw = carry.partNumbers.get(model);
  if (!byRaw) {
    byRaw = new Map();
    carry.partNumbers.set(model, byRaw);
  }
  let byCrush = byRaw.get(raw);
  if (!byCrush) {
    byCrush = new Map();
    byRaw.set(raw, byCrush);
  }
  let part = byCrush.get(crushRaw);
  if (part === undefined) {
    part = carry.partCount++;
    byCrush.set(crushRaw, part);
  }
  return part;
}

/** The harms of one Ceph outcome (see `cephImpact`). */
function cephHarms(
  ceph: Scenario['ceph'],
  start: Scenario['start'],
  domain: FailureDomain,
  d: CephImpactDetail,
  poolsBefore: readonly PoolFailureDetail[],
  growth: readonly number[],
): FailureHarm[] {
  const { ratios, failureDomain } = ceph;
  const unit = `${failureDomain}s`;
  const harms: FailureHarm[] = [];
  const fresh = (p: PoolFailureDetail, ok: (x: PoolFailureDetail) => boolean): boolean => {
    const b = poolsBefore.find((x) => x.pool === p.pool);
    return !ok(p) && (!b || ok(b));
  };
  const inactive = d.pools.filter((p) => fresh(p, (x) => x.active));
  if (inactive.length > 0) {
    const lostData = inactive.filter((p) => !p.dataAvailable).map((p) => p.pool);
    const worst = inactive.reduce((a, b) => (b.copiesLeftWorstPg - b.minSize < a.copiesLeftWorstPg - a.minSize ? b : a));
    harms.push(
      makeHarm(domain, {
        code: 'failure.ceph.inactive_pgs',
        harm: 'outage',
        month: 0,
        message:
          `PGs of ${inactive.map((p) => `${p.pool} (${p.copiesLeftWorstPg} of ${p.width} left, min_size ${p.minSize})`).join(', ')} fall below min_size: they go inactive and I/O to them blocks. ` +
          (lostData.length > 0
            ? `${lostData.join(', ')} keep too few copies or shards to read the data until the hosts come back.`
            : 'The data is intact and comes back with the hosts.'),
        // the pool furthest below its min_size
        value: worst.copiesLeftWorstPg,
        limit: worst.minSize,
        unit: 'copies',
      }),
    );
  }
  const stuck = d.pools.filter((p) => p.active && fresh(p, (x) => x.canReprotect));
  if (stuck.length > 0) {
    const edge = stuck.filter((p) => p.copiesLeftWorstPg === p.minSize).map((p) => p.pool);
    harms.push(
      makeHarm(domain, {
        code: 'failure.ceph.cannot_reprotect',
        harm: 'degraded',
        month: 0,
        message: `${stuck.map((p) => p.pool).join(', ')} keep serving but cannot re-create the lost copies: ${stuck[0]!.domainsLeft} ${unit} left for ${[...new Set(stuck.map((p) => p.width))].join(' or ')} copies or shards per PG. The PGs stay degraded until the hosts come back${edge.length > 0 ? `; one more failure blocks I/O on ${edge.join(', ')} (at min_size now)` : ''}.`,
        value: stuck[0]!.domainsLeft,
        limit: Math.max(...stuck.map((p) => p.width)),
        unit,
      }),
    );
  }
  const rackNote =
    domain.kind === 'rack' || domain.kind === 'zone'
      ? ' Ceph does not mark a whole rack out on its own (mon_osd_down_out_subtree_limit = rack): backfill waits for an operator.'
      : '';
  // the survivors' fill crossing a ratio: harm from that month, value = fill then, limit = the ratio
  const fillHarm = (code: string, harm: 'degraded' | 'outage', t: number | null, ratio: number, say: (fill: string) => string): void => {
    if (t === null || d.survivorFillMonth0 === null) return;
    const fill = d.survivorFillMonth0 * growth[t]!; // (t < horizon: a month firstMonthPushedOver gave)
    harms.push(makeHarm(domain, { code, harm, month: t, message: `From ${monthText(start, t)}, ${say(pct(fill))}`, value: fill, limit: ratio, unit: 'ratio' }));
  };
  fillHarm(
    'failure.ceph.backfillfull',
    'degraded',
    d.backfillfullMonth,
    ratios.backfillfull,
    (fill) =>
      `re-protection fills the surviving ${unit} to ${fill}, above the backfillfull ratio ${pct(ratios.backfillfull)}: backfill stops and the PGs stay degraded.${rackNote}`,
  );
  fillHarm(
    'failure.ceph.full',
    'outage',
    d.fullMonth,
    ratios.full,
    (fill) => `the surviving ${unit} are ${fill} full, above the full ratio ${pct(ratios.full)}: Ceph stops writes.`,
  );
  return harms;
}

/** " Re-protecting 2.7 TB (month 0) takes about 1.2 h." when the Ceph model gave a time. */
function reprotectText(detail: CephImpactDetail): string {
  if (detail.reprotectSeconds === null || detail.rebuildBytesMonth0 <= 0) return '';
  return ` Re-protecting ${fmtTB(detail.rebuildBytesMonth0)} (month-0 data) takes about ${fmtNumber(detail.reprotectSeconds / 3600, 1)} h (detection, down-out interval, then the slowest of the backfills, the disks under mClock and the network).`;
}
