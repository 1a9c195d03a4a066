/**
 * Durability of a Ceph pool [model]: the chance of losing data in a year to independent
 * device failures, and what losing whole racks or zones does to its PGs.
 *
 * The model is the copyset form of the RAID MTTDL estimate. A PG of width n (size, or k + m)
 * loses data when m + 1 of its OSDs are down at once (m = size − 1, or the EC m). With each
 * device failing at λ per hour and staying unprotected for T hours (the recovery window), the
 * rate at which m + 1 given devices are all down together is (m+1)·λ^(m+1)·T^m (each of the
 * m + 1 may be the last to fail, the others inside its window); a PG holds C(n, m+1) such sets;
 * the pool's G PGs add up:
 *
 *   Λ        = G·(m+1)·C(n, m+1)·λ^(m+1)·T^m          data-loss events per hour
 *   P(year)  = 1 − e^(−8766·Λ)                         (Poisson: 8766 h = 365.25 days)
 *   E[bytes lost per year] = 8766·Λ x stored / G        (an event loses one PG: stored / G)
 *
 * Sources: Kampe's RADOS reliability model, ceph/ceph-tools models/reliability (RadosRely.py,
 * RelyFuncts.py: Poisson failures, FIT rates, YEAR = 8766 h, a loss needs every copy of a PG to
 * fail within the recovery time); Backblaze, erasure-coding-durability (durability.py, README:
 * "Data is lost only when P+1 shards are all lost at the same time, before they are replaced");
 * Cidon et al., "Copysets: Reducing the Frequency of Data Loss in Cloud Storage", USENIX ATC
 * 2013 (more distinct placement sets, more frequent but smaller losses).
 */
import type { CephCorrelatedLoss, CephPoolDurability } from '../model/durability.js';
import type { Rack } from '../model/scenario.js';
import type { CrushOsd, CrushTree } from './crush.js';
import type { FailureDomainRaw } from './raw.js';
import { type RuleView, visitDistinctOsds } from './rule-view.js';

/** Hours in a year: 365.25 x 24 (Kampe's RelyFuncts.YEAR). */
export const HOURS_PER_YEAR = 8766;

/**
 * Default annual failure rates of OSD devices, by disk kind, with their published source.
 * Backblaze computes AFR = failures / (drive days / 365): failures per drive-year.
 */
export const AFR_DEFAULTS: Readonly<Record<'hdd' | 'ssd' | 'nvme', number>> = { hdd: 0.0157, ssd: 0.0098, nvme: 0.0098 };
export const AFR_SOURCES: Readonly<Record<'hdd' | 'ssd' | 'nvme', string>> = {
  hdd: 'Backblaze Drive Stats for 2024 (backblaze.com/blog, 2025): annualized failure rate 1.57 % over its HDD fleet',
  ssd: 'Backblaze, The SSD Edition: 2022 Drive Stats Review (2023): 0.98 % (25 failures over 934,441 drive days of 2,906 SSD boot drives)',
  nvme: 'no fleet-scale public NVMe statistics: the SSD figure, Backblaze, The SSD Edition: 2022 Drive Stats Review (2023): 0.98 %',
};

/**
 * Failure rate per device-hour from an annual failure rate:
 *   λ = −ln(1 − AFR) / 8766
 * the constant hazard under which a device fails within a year with probability AFR, the
 * inverse of Kampe's Pfail (P = 1 − e^(−λ·YEAR), RelyFuncts.py). AFR / 8766 would be exact
 * for Backblaze's AFR read as failures per drive-year; the −ln form is larger by about AFR / 2
 * (0.8 % at AFR 1.57 %), so it errs on the side of more failures, and it stays defined for any
 * AFR below 1. Example: AFR 0.015, −ln(0.985) = 0.0151136, / 8766 = 1.7241e-6 per hour.
 * Throws for AFR outside 0 <= AFR < 1 (the schema refuses those).
 */
export function failureRatePerHour(afr: number): number {
  if (!(afr >= 0 && afr < 1)) throw new RangeError(`AFR ${afr} outside 0..1`);
  return -Math.log1p(-afr) / HOURS_PER_YEAR;
}

/** C(n, k), exactly for the small n of Ceph pools; 0 when k < 0 or k > n. */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - Math.min(k, n - k) + i)) / i;
  return Math.round(c);
}

/** What the loss rate needs. */
export interface LossRateInput {
  /** G: PGs (placement groups) that count. */
  pgs: number;
  /** n: size or k + m. */
  width: number;
  /** m: copies or shards a PG may lose. */
  tolerated: number;
  /** λ, failures per device per hour. */
  failureRatePerHour: number;
  /** T, hours a failed device's data stays unprotected. */
  windowHours: number;
}

/**
 * Λ = G·(m+1)·C(n, m+1)·λ^(m+1)·T^m, data-loss events per hour (see the module comment).
 * Example: replica 3 (n 3, m 2), G 100, AFR 2 % (λ = −ln 0.98 / 8766 = 2.30467e-6), T 10 h:
 * 100 x 3 x 1 x (2.30467e-6)^3 x 10^2 = 3.6723e-13 per hour.
 */
export function lossesPerHour(x: LossRateInput): number {
  const m = x.tolerated;
  return x.pgs * (m + 1) * binomial(x.width, m + 1) * x.failureRatePerHour ** (m + 1) * x.windowHours ** m;
}

/** P(at least one loss in a year) = 1 − e^(−8766·Λ), computed as −expm1 to keep tiny values exact. */
export function annualLossProbability(perHour: number): number {
  return -Math.expm1(-HOURS_PER_YEAR * perHour);
}

/** Nines of annual durability, floor(−log10 P): P 8.6e-8 -> 7 (99.99999 %); null when P is 0. */
export function durabilityNines(p: number): number | null {
  if (!(p > 0)) return null;
  // A hair of tolerance so that P = 1e-7 counts 7 nines despite rounding in log10.
  return Math.max(0, Math.floor(-Math.log10(p) + 1e-9));
}

/**
 * The distinct sets of r OSDs lying in r different failure domains, given each domain's OSD
 * count: the elementary symmetric polynomial e_r(c_1, ..., c_H). CRUSH places a PG's copies in
 * different domains, so these are all the sets of r OSDs a PG can share. Example: 3 hosts of
 * 10 OSDs, r = 3: 10 x 10 x 10 = 1,000; 4 hosts of 2 OSDs, r = 2: C(4,2) x 2 x 2 = 24.
 */
export function placementSets(domainOsdCounts: readonly number[], r: number): number {
  const e = [1, ...Array.from({ length: r }, () => 0)];
  for (const c of domainOsdCounts) for (let j = r; j >= 1; j--) e[j]! += e[j - 1]! * c;
  return e[r]!;
}

/**
 * Share of PGs hit when L of H equal failure domains are lost at once, each PG holding one
 * copy or shard in each of min(n, H) distinct domains chosen alike (hypergeometric):
 *   P(j copies lost) = C(L, j)·C(H − L, w − j) / C(H, w),  w = min(n, H)
 * lost: j > w − (n − m) (fewer than n − m, i.e. k or 1, survive); inactive: j > w − minSize.
 * Example: size 3, min_size 2, 8 hosts, a rack of 4 hosts lost: w 3, C(8,3) = 56;
 * lost needs j = 3: C(4,3) = 4 -> 4/56 = 0.0714; inactive j >= 2: (C(4,2)·C(4,1) + 4)/56 = 28/56 = 0.5.
 */
export function domainLossShares(domains: number, lost: number, width: number, tolerated: number, minSize: number): { lost: number; inactive: number } {
  const w = Math.min(width, domains);
  const total = binomial(domains, w);
  if (total === 0) return { lost: 0, inactive: 0 };
  let lostShare = 0;
  let inactive = 0;
  for (let j = 0; j <= Math.min(lost, w); j++) {
    const p = (binomial(lost, j) * binomial(domains - lost, w - j)) / total;
    if (w - j < width - tolerated) lostShare += p;
    if (w - j < minSize) inactive += p;
  }
  return { lost: lostShare, inactive };
}

/** What the durability of one pool needs from the Ceph plan. */
export interface PoolDurabilityInput {
  pool: string;
  rule: string;
  width: number;
  tolerated: number;
  minSize: number;
  /** pg_autoscaler's pg_num; null when it does not scale the pool (overlapping roots). */
  pgNum: number | null;
  /** mon_target_pg_per_osd, for the docs formula when pgNum is null. */
  targetPgPerOsd: number;
  storedBytes: number;
  /** T: seconds to re-protect the fullest OSD under the rule; null when it cannot be. */
  recoverySeconds: number | null;
  recoverySubject: string;
  /** AFR by device class (and by disk kind, the fallback), with sources. */
  afr: Readonly<Record<string, number>>;
  afrSources: Readonly<Record<string, string>>;
}

/** The next power of two >= x (at least 1). */
function ceilPow2(x: number): number {
  return 2 ** Math.max(0, Math.ceil(Math.log2(Math.max(1, x))));
}

/** What a pool's durability reads of its rule's view, whatever the pool: computed once per view (durabilityView). */
export interface DurabilityView {
  /** The distinct (device class, disk kind) pairs under the rule, one OSD of each, in first-appearance order. */
  firsts: readonly CrushOsd[];
  /** The device classes under the rule, sorted. */
  classes: string[];
  /** Per correlated kind (rack, then zone when racks have zones): the group holding the most whole failure domains (first in domain order on a tie); null: no comparison to make. */
  worst: { kind: string; group: string; domainsLost: number }[];
  /** placementSets of the view's domain OSD counts for r OSDs (computed once per r). */
  placementSets: (r: number) => number;
}

/**
 * The per-view part of poolDurability: the (class, kind) pairs of the rule's OSDs, and for the
 * correlated cases the worst rack (and zone) counted in whole failure domains: a domain is lost
 * with a group only when all its hosts are in it (host -> rack from the tree, the last host of
 * a name winning; rack -> zone from `racks`, the last rack of a name winning); the group with
 * the most (the first to reach it, in domain order) is the worst; one group holding every
 * domain (a single zone) is the whole cluster, left out. `hostRack` may be given to share it
 * between views of one tree; `uniform` (crush.ts uniformHosts of the regular tree the view was
 * built from) lets the scan take a host of alike OSDs at once (rule-view.ts visitDistinctOsds).
 */
export function durabilityView(
  tree: CrushTree,
  view: RuleView,
  racks: readonly Rack[],
  hostRack?: ReadonlyMap<string, string>,
  uniform?: readonly (CrushOsd | null)[],
): DurabilityView {
  // the distinct (device class, disk kind) pairs in first-appearance order: the AFR is theirs
  const { firsts, classes } = deviceKinds(tree, view, uniform);
  const worst: DurabilityView['worst'] = [];
  const H = view.domains.length;
  if (H > 0) {
    const rackOf = hostRack ?? hostRacks(tree);
    const rackZone = new Map(racks.map((r) => [r.name, r.zone]));
    const kinds: [string, (host: string) => string | undefined][] = [['rack', (h) => rackOf.get(h)]];
    if (racks.some((r) => r.zone !== undefined)) kinds.push(['zone', (h) => rackZone.get(rackOf.get(h) ?? '')]);
    for (const [kind, groupOf] of kinds) {
      const count = new Map<string, number>();
      for (const d of view.domains) {
        // the domain's one group, when all its hosts share it (the Set of their groups has one member)
        const g = d.hosts.length > 0 ? groupOf(d.hosts[0]!) : undefined;
        let one = d.hosts.length > 0;
        for (let j = 1; j < d.hosts.length && one; j++) one = groupOf(d.hosts[j]!) === g;
        if (one && g !== undefined) count.set(g, (count.get(g) ?? 0) + 1);
      }
      let top: [string, number] | null = null;
      for (const [g, l] of count) if (top === null || l > top[1]) top = [g, l];
      if (top === null || (count.size === 1 && top[1] === H)) continue;
      worst.push({ kind, group: top[0], domainsLost: top[1] });
    }
  }
  const sets = new Map<number, number>();
  const setsOf = (r: number): number => {
    let n = sets.get(r);
    if (n === undefined) {
      n = placementSets(
        view.domains.map((d) => d.osdCount),
        r,
      );
      sets.set(r, n);
    }
    return n;
  };
  return { firsts, classes, worst, placementSets: setsOf };
}

/**
 * What durabilityViewFrom counted of a rule view, kept to continue on the view of the next tree
 * of a growing fleet (ceph-plan.ts CephCarry): the domains and racks read (copies of the lists),
 * the host -> rack Map read (the carry's, extended in place by the new hosts), rack -> zone,
 * per correlated kind (rack, then zone) the whole domains per group, and per r the placementSets
 * polynomial after `count` domains.
 */
export interface DurabilityCounts {
  domains: FailureDomainRaw[];
  racks: Rack[];
  rackOf: ReadonlyMap<string, string>;
  rackZone: Map<string, string | undefined>;
  /** Racks some counted host stands in that `racks` did not list (their hosts had no zone then). */
  unlisted: Set<string>;
  zoned: boolean;
  counts: Map<string, number>[];
  sets: Map<number, { count: number; e: number[] }>;
}

/**
 * durabilityView(tree, view, racks, rackOf, uniform), continued from `before` (what the call on
 * the tree before counted) when it still holds: the same host -> rack Map with one entry per tree
 * host (no name repeats, so no host's rack was replaced), view.domains beginning with the domains
 * counted (the same objects), `racks` beginning with the racks read (the same objects) and the
 * new racks of new names that no counted host stands in (rack -> zone unchanged for every counted
 * host), zones present as before. Then only the new
 * domains are counted and the placementSets polynomials continue from their last domain: the
 * same counts in the same Map order, the same products and sums in the same order. Else counted
 * anew. `before` is extended in place; the answer's placementSets stays this view's after later
 * calls (a count a later call continued past it is made anew from this view's domains).
 */
export function durabilityViewFrom(
  tree: CrushTree,
  view: RuleView,
  racks: readonly Rack[],
  rackOf: ReadonlyMap<string, string>,
  uniform: readonly (CrushOsd | null)[] | undefined,
  before: DurabilityCounts | undefined,
): { dv: DurabilityView; counts: DurabilityCounts } {
  const { firsts, classes } = deviceKinds(tree, view, uniform);
  const domains = view.domains;
  let c = before !== undefined && continues(before, tree, domains, racks, rackOf) ? before : undefined;
  if (c !== undefined) {
    for (let i = c.racks.length; i < racks.length; i++) {
      const r = racks[i]!;
      if (c.rackZone.has(r.name) || c.unlisted.has(r.name) || (r.zone !== undefined && !c.zoned)) {
        c = undefined; // a rack name again (the last one's zone wins), a counted host's rack listed now, or the first zone: counted anew
        break;
      }
      c.rackZone.set(r.name, r.zone);
      c.racks.push(r);
    }
  }
  if (c === undefined) {
    const zoned = racks.some((r) => r.zone !== undefined);
    c = {
      domains: [],
      racks: [...racks],
      rackOf,
      rackZone: new Map(racks.map((r) => [r.name, r.zone])),
      unlisted: new Set(),
      zoned,
      counts: zoned ? [new Map(), new Map()] : [new Map()],
      sets: new Map(),
    };
  }
  const { rackZone, counts, unlisted } = c;
  const groupOf = (kind: number, h: string): string | undefined => {
    if (kind === 0) return rackOf.get(h);
    const rack = rackOf.get(h) ?? '';
    if (!rackZone.has(rack)) unlisted.add(rack);
    return rackZone.get(rack);
  };
  for (let i = c.domains.length; i < domains.length; i++) {
    const d = domains[i]!;
    for (let kind = 0; kind < counts.length; kind++) {
      // the domain's one group, when all its hosts share it (durabilityView's test)
      const g = d.hosts.length > 0 ? groupOf(kind, d.hosts[0]!) : undefined;
      let one = d.hosts.length > 0;
      for (let j = 1; j < d.hosts.length && one; j++) one = groupOf(kind, d.hosts[j]!) === g;
      if (one && g !== undefined) counts[kind]!.set(g, (counts[kind]!.get(g) ?? 0) + 1);
    }
    c.domains.push(d);
  }
  const H = domains.length;
  const worst: DurabilityView['worst'] = [];
  if (H > 0) {
    counts.forEach((count, kind) => {
      let top: [string, number] | null = null;
      for (const [g, l] of count) if (top === null || l > top[1]) top = [g, l];
      if (top === null || (count.size === 1 && top[1] === H)) return;
      worst.push({ kind: kind === 0 ? 'rack' : 'zone', group: top[0], domainsLost: top[1] });
    });
  }
  const { sets } = c;
  const setsOf = (r: number): number => {
    let x = sets.get(r);
    if (x === undefined) {
      x = { count: 0, e: [1, ...Array.from({ length: r }, () => 0)] };
      sets.set(r, x);
    }
    // a later call continued this r past this view's domains: this view's own count, anew
    // (its first H domains are the same objects: the lists only grew)
    if (x.count > H)
      return placementSets(
        domains.slice(0, H).map((d) => d.osdCount),
        r,
      );
    const e = x.e;
    // placementSets' loop, continued over the domains after the last counted
    for (let i = x.count; i < H; i++) {
      const n = domains[i]!.osdCount;
      for (let j = r; j >= 1; j--) e[j]! += e[j - 1]! * n;
    }
    x.count = H;
    return e[r]!;
  };
  const memo = new Map<number, number>();
  const placement = (r: number): number => {
    let n = memo.get(r);
    if (n === undefined) {
      n = setsOf(r);
      memo.set(r, n);
    }
    return n;
  };
  return { dv: { firsts, classes, worst, placementSets: placement }, counts: c };
}

/** True when durabilityViewFrom may continue from `before` (see there; the racks' names are checked as they are added). */
function continues(before: DurabilityCounts, tree: CrushTree, domains: readonly FailureDomainRaw[], racks: readonly Rack[], rackOf: ReadonlyMap<string, string>): boolean {
  if (before.rackOf !== rackOf || rackOf.size !== tree.hosts.length) return false;
  if (domains.length < before.domains.length || racks.length < before.racks.length) return false;
  for (let i = 0; i < before.domains.length; i++) if (domains[i] !== before.domains[i]) return false;
  for (let i = 0; i < before.racks.length; i++) if (racks[i] !== before.racks[i]) return false;
  return true;
}

/** durabilityView's distinct (device class, disk kind) pairs in first-appearance order, and the classes sorted. */
function deviceKinds(tree: CrushTree, view: RuleView, uniform?: readonly (CrushOsd | null)[]): { firsts: CrushOsd[]; classes: string[] } {
  const seen = new Map<string, Set<string>>();
  const firsts: CrushOsd[] = [];
  let last: CrushOsd | undefined; // an OSD like the one before it is already seen
  visitDistinctOsds(tree, view, uniform, (o) => {
    if (last !== undefined && o.deviceClass === last.deviceClass && o.kind === last.kind) return;
    last = o;
    let kinds = seen.get(o.deviceClass);
    if (!kinds) {
      kinds = new Set();
      seen.set(o.deviceClass, kinds);
    }
    if (kinds.has(o.kind)) return;
    kinds.add(o.kind);
    firsts.push(o);
  });
  return { firsts, classes: [...seen.keys()].sort() };
}

/** Host name -> rack of a tree's hosts (the last host of a name wins, as a Map built in host order). */
export function hostRacks(tree: CrushTree): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of tree.hosts) out.set(h.name, h.rack);
  return out;
}

/** The correlated cases: the worst rack and, with zones, the worst zone, in the pool's failure domains. */
function correlatedLosses(view: RuleView, dv: DurabilityView, x: PoolDurabilityInput, pgs: number): CephCorrelatedLoss[] {
  const H = view.domains.length;
  return dv.worst.map((w) => {
    const shares = domainLossShares(H, w.domainsLost, x.width, x.tolerated, x.minSize);
    return {
      subject: `${w.kind} ${w.group}`,
      domainsLost: w.domainsLost,
      domains: H,
      pgFractionLost: shares.lost,
      pgFractionInactive: shares.inactive,
      expectedPgsLost: pgs * shares.lost,
      bytesLost: x.storedBytes * shares.lost,
    };
  });
}

/**
 * One pool's durability (see the module comment for the formula):
 * - λ from the highest AFR among the device classes under the pool's rule (a class absent
 *   from `afr` takes its disk kind's), λ = −ln(1 − AFR) / 8766;
 * - T = the recovery model's time to re-protect the fullest OSD under the rule at the month
 *   with the most data (detection + mon_osd_down_out_interval + data / rate, recovery.ts);
 * - G = pg_num (pg_autoscaler), else the docs formula OSDs x mon_target_pg_per_osd / n rounded
 *   up to a power of two; counted at most possibleSets / C(n, m+1) times (placementSets: PGs
 *   beyond the distinct placement sets share OSDs and are lost together);
 * - correlated: the worst rack (and zone) lost at once (domainLossShares).
 * `dv`: durabilityView(tree, view, racks), the same for every pool of the view (give it to share it).
 */
export function poolDurability(
  tree: CrushTree,
  view: RuleView,
  racks: readonly Rack[],
  x: PoolDurabilityInput,
  dv: DurabilityView = durabilityView(tree, view, racks),
): CephPoolDurability {
  const { firsts, classes } = dv;
  const afrOf = (o: (typeof view.osds)[number]): [number, string] => (Object.hasOwn(x.afr, o.deviceClass) ? [x.afr[o.deviceClass]!, o.deviceClass] : [x.afr[o.kind] ?? 0, o.kind]);
  let afr = 0;
  let afrKey = '';
  for (const o of firsts) {
    const [a, key] = afrOf(o);
    if (a > afr || afrKey === '') [afr, afrKey] = [a, key];
  }
  const lambda = failureRatePerHour(afr);
  const m = x.tolerated;
  const pgSource: CephPoolDurability['pgSource'] = x.pgNum === null ? 'docs formula' : 'pg_autoscaler';
  const pgNum = x.pgNum ?? ceilPow2((view.osds.length * x.targetPgPerOsd) / x.width);
  const setsPerPg = binomial(x.width, m + 1);
  const possibleSets = dv.placementSets(m + 1);
  const effectivePgs = setsPerPg > 0 ? Math.min(pgNum, possibleSets / setsPerPg) : 0;
  const T = x.recoverySeconds === null ? null : x.recoverySeconds / 3600;
  const perHour = T === null ? null : lossesPerHour({ pgs: effectivePgs, width: x.width, tolerated: m, failureRatePerHour: lambda, windowHours: T });
  const p = perHour === null ? null : annualLossProbability(perHour);
  const notes: string[] = [];
  if (T === null)
    notes.push(
      'the fullest OSD under the rule cannot be re-protected (no other OSD can take its copies): its PGs stay degraded until the device is replaced, a window the recovery model does not know',
    );
  if (view.domains.length < x.width) notes.push(`${view.domains.length} failure domains for ${x.width} copies or shards: PGs cannot go clean, the figures assume they could`);
  if (effectivePgs < pgNum) notes.push(`${pgNum} PGs but only ${possibleSets} distinct sets of ${m + 1} OSDs in different failure domains: PGs share OSDs and are lost together`);
  return {
    pool: x.pool,
    rule: x.rule,
    width: x.width,
    tolerated: m,
    deviceClasses: [...classes],
    afr,
    afrKey,
    afrSource: x.afrSources[afrKey] ?? 'the scenario',
    failureRatePerHour: lambda,
    recoveryHours: T,
    recoverySubject: x.recoverySubject,
    pgNum,
    pgSource,
    setsPerPg,
    possibleSets,
    effectivePgs,
    lossesPerHour: perHour,
    annualLossProbability: p,
    oneInYears: p !== null && p > 0 ? 1 / p : null,
    nines: p === null ? null : durabilityNines(p),
    storedBytes: x.storedBytes,
    expectedBytesLostPerYear: perHour === null || effectivePgs === 0 ? null : (HOURS_PER_YEAR * perHour * x.storedBytes) / effectivePgs,
    correlated: correlatedLosses(view, dv, x, pgNum),
    note: notes.length > 0 ? notes.join('; ') : null,
  };
}
