/**
 * Demand per resource over the horizon (issue 18): instances per flavor, stored bytes per
 * Ceph pool, and the growth factors of floating IPs and traffic, each from its own growth
 * (demand.growthBy), dated events and contracted commitments; demand.growth for every
 * resource not named. One model, read by every phase that projects demand (the horizon,
 * the purchase search, the Ceph horizon, the failure analysis, the network), so two outputs
 * never grow the same resource differently.
 */
import type { BandedGrowth, DemandCommitment, DemandEvent } from '../model/demand.js';
import type { Growth, Scenario } from '../model/scenario.js';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { growthFactor } from './growth.js';

/** Which demand path to take from fitted growths: their P10, P50 (perMonth) or P90 monthly rate. */
export type DemandPercentile = 'p10' | 'p50' | 'p90';

export interface DemandOptions {
  /** Growths with p10/p90 use that rate (p50: perMonth); growths without keep perMonth. Default p50. */
  percentile?: DemandPercentile;
  /** Replaces demand.growth.perMonth (the simulation's draw); per-resource growths keep theirs. */
  defaultPerMonth?: number;
  /**
   * A quantile u in (0, 1) of every banded growth (p10 and p90 given): each takes bandRate(g, u)
   * instead of perMonth (the simulation draws one u per trial). Overrides `percentile`.
   */
  quantile?: number;
}

export interface DemandModel {
  /**
   * True when every resource follows demand.growth with no event or commitment: then any
   * resource's demand(t) = demand(0) × growthFactor(growth, t), the arithmetic of before.
   */
  uniform: boolean;
  /** demand.growth (with the simulation's rate when given). */
  growth: Growth;
  growthOfFlavor(flavor: string): Growth;
  growthOfPool(pool: string): Growth;
  floatingIps: Growth;
  traffic: Growth;
  /** The flavors with any demand: month-0 lines, events and commitments, in that order. */
  flavors: readonly string[];
  /** The pools with any demand: demand.storage keys, events and commitments. */
  pools: readonly string[];
  /** Instances of `flavor` in month t (not rounded; never negative). */
  instances(flavor: string, t: number): number;
  /** Stored bytes of `pool` in month t (never negative). */
  storedBytes(pool: string, t: number): number;
}

/** The rate of a growth on a percentile path: p10/p90 when given, else perMonth. */
export function percentileGrowth(g: BandedGrowth | Growth, q: DemandPercentile): Growth {
  const b = g as BandedGrowth;
  const perMonth = q === 'p10' ? (b.p10 ?? g.perMonth) : q === 'p90' ? (b.p90 ?? g.perMonth) : g.perMonth;
  return { kind: g.kind, perMonth };
}

/** Degrees of freedom taken for a band without a fit: the normal distribution, to 6 digits. */
const NORMAL_DF = 1e6;

/**
 * The monthly rate of a banded growth at quantile u (0 < u < 1): a two-piece Student t through
 * its P10, P50 (perMonth) and P90 rates,
 *   rate(u) = P50 + t(u, ν) / t(0.9, ν) × (u >= 0.5 ? P90 − P50 : P50 − P10),
 * ν = n − 2 for a growth fitted on n points (the t of its prediction interval: history/fit.ts),
 * else ν = 10^6 (normal). So rate(0.1) = P10, rate(0.5) = P50, rate(0.9) = P90, and an
 * asymmetric band keeps its two halves. t from @stdlib/stats-base-dists-t-quantile.
 * A growth without p10 and p90 keeps perMonth. Source: headroom [model].
 * Example: P10 2 %, P50 3 %, P90 5 %, normal: u = 0.5 -> 3 %; u = 0.9 -> 5 %; u = 0.1 -> 2 %.
 */
export function bandRate(g: BandedGrowth | Growth, u: number): Growth {
  const b = g as BandedGrowth;
  if (b.p10 === undefined || b.p90 === undefined || !(u > 0 && u < 1)) return { kind: g.kind, perMonth: g.perMonth };
  const df = b.fit && b.fit.points > 2 ? b.fit.points - 2 : NORMAL_DF;
  const z = tQuantile(u, df) / tQuantile(0.9, df);
  return { kind: g.kind, perMonth: g.perMonth + z * (u >= 0.5 ? b.p90 - g.perMonth : g.perMonth - b.p10) };
}

/** Whether a growth carries a band (p10 and p90): the simulation draws it. */
export const isBanded = (g: BandedGrowth | Growth | undefined): boolean => g !== undefined && (g as BandedGrowth).p10 !== undefined && (g as BandedGrowth).p90 !== undefined;

/**
 * Builds the demand model of a scenario.
 *   growth of flavor f  = growthBy.flavors[f] ?? growthBy.flavors[group of f] ?? growthBy.compute ?? growth
 *   growth of pool p    = growthBy.pools[p] ?? growth
 *   floating IPs, traffic = growthBy.floatingIps / growthBy.traffic ?? growth
 *   instances(f, t) = max(0, count_f(0) × g_f(t)
 *                       + Σ events of f with month index m <= t: amount × (grows ? g_f(t − m) : 1)
 *                       + Σ commitments of f with from <= t < until: amount)
 *   storedBytes(p, t): the same with stored_p(0) (demand.storage) and g_p.
 * g(t) = growthFactor (compound (1 + r)^t, linear 1 + r·t). Steps are fixed amounts unless
 * `grows`; commitments never grow (a contract holds a fixed amount).
 * Example: 100 m1.large at 2 %/month compound, +200 m1.large in month 8 (fixed):
 * month 10 = 100 × 1.02^10 + 200 = 121.899 + 200 = 321.899. Source: headroom [model].
 */
export function demandModel(scenario: Scenario, options: DemandOptions = {}): DemandModel {
  // The scenario is read-only: its P50 model (no options) is built once and shared.
  const plain = options.percentile === undefined && options.defaultPerMonth === undefined && options.quantile === undefined;
  const cached = plain ? CACHE.get(scenario) : undefined;
  if (cached) return cached;
  const model = buildModel(scenario, options);
  if (plain) CACHE.set(scenario, model);
  return model;
}

const CACHE = new WeakMap<Scenario, DemandModel>();

function buildModel(scenario: Scenario, options: DemandOptions): DemandModel {
  const d = scenario.demand;
  const q = options.percentile ?? 'p50';
  const u = options.quantile;
  const banded = (g: BandedGrowth | Growth): Growth => (u === undefined ? percentileGrowth(g, q) : bandRate(g, u));
  const base = banded(d.growth);
  const growth: Growth = options.defaultPerMonth === undefined ? base : { kind: base.kind, perMonth: options.defaultPerMonth };
  const by = d.growthBy ?? {};
  const groupOf = new Map<string, string>();
  for (const [g, members] of Object.entries(d.flavorGroups ?? {})) for (const f of members) groupOf.set(f, g);
  const own = (r: Record<string, BandedGrowth> | undefined, k: string | undefined): BandedGrowth | undefined => (r && k !== undefined && Object.hasOwn(r, k) ? r[k] : undefined);
  const pick = (g: BandedGrowth | undefined): Growth => (g ? banded(g) : growth);
  const growthOfFlavor = (f: string): Growth => pick(own(by.flavors, f) ?? own(by.flavors, groupOf.get(f)) ?? by.compute);
  const growthOfPool = (p: string): Growth => pick(own(by.pools, p));

  const events = d.events ?? [];
  const commitments = d.commitments ?? [];
  const count0 = new Map<string, number>();
  for (const line of d.instances) count0.set(line.flavor, (count0.get(line.flavor) ?? 0) + line.count);
  const flavors = [...new Set([...d.instances.map((l) => l.flavor), ...[...events, ...commitments].filter((e) => e.target.kind === 'flavor').map((e) => e.target.name)])];
  const pools = [...new Set([...Object.keys(d.storageBytes), ...[...events, ...commitments].filter((e) => e.target.kind === 'pool').map((e) => e.target.name)])];

  const path = (kind: 'flavor' | 'pool', name: string, month0: number, g: Growth, t: number): number => {
    let v = month0 * growthFactor(g, t);
    for (const e of events) if (e.target.kind === kind && e.target.name === name && e.monthIndex <= t) v += stepAt(e, g, t);
    for (const c of commitments) if (c.target.kind === kind && c.target.name === name && held(c, t)) v += c.amount;
    return Math.max(0, v);
  };

  return {
    uniform:
      by.compute === undefined &&
      by.flavors === undefined &&
      by.pools === undefined &&
      by.floatingIps === undefined &&
      by.traffic === undefined &&
      events.length === 0 &&
      commitments.length === 0,
    growth,
    growthOfFlavor,
    growthOfPool,
    floatingIps: pick(by.floatingIps),
    traffic: pick(by.traffic),
    flavors,
    pools,
    instances: (f, t) => path('flavor', f, count0.get(f) ?? 0, growthOfFlavor(f), t),
    storedBytes: (p, t) => path('pool', p, Object.hasOwn(d.storageBytes, p) ? d.storageBytes[p]! : 0, growthOfPool(p), t),
  };
}

/** An event's contribution in month t >= its month: amount, times g(t − m) when it grows. */
function stepAt(e: DemandEvent, g: Growth, t: number): number {
  return e.grows ? e.amount * growthFactor(g, t - e.monthIndex) : e.amount;
}

/** A commitment holds in month t when from <= t < until (until null: to the end). */
function held(c: DemandCommitment, t: number): boolean {
  return c.fromIndex <= t && (c.untilIndex === null || t < c.untilIndex);
}
