/**
 * Uncertain growth: the procurement plan under a seeded Monte Carlo of the monthly growth
 * rate, summarised as P10 / P50 / P90. Pure and reproducible: the same seed gives the same
 * result (no clock, no Math.random). Not run by evaluate.
 *
 * Every trial reads the same capacity curves (curves.ts): the capacity n more units give does
 * not depend on demand, so a trial is the unit search of the schedule (search.ts) for its
 * growth path, a few lookups, not a re-run of the plan. Source: headroom [model].
 */
import { demandModel } from '../forecast/demand.js';
import { growthBands } from '../forecast/percentiles.js';
import { monthLabel } from '../forecast/growth.js';
import { buildFleetTimeline, type FleetTimeline } from '../fleet/timeline.js';
import type { Scenario } from '../model/scenario.js';
import { expandHosts } from '../fleet/hosts.js';
import { CapacityCurves, hostsPerUnit } from './curves.js';
import { orderByDate } from './dates.js';
import { ruleSlots, type ProcurementRole } from '../model/procurement-rules.js';
import { ruledResources, searchUnits } from './search.js';
export interface GrowthUncertainty {
  /** Monthly growth rates (fractions): a triangular distribution low <= likely <= high. */
  low: number;
  likely: number;
  high: number;
}

export interface SimulationOptions {
  growth: GrowthUncertainty;
  /** Number of simulated futures (default 200). */
  runs?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** The fleet timeline without purchases (default: the initial fleet and its retirements). */
  base?: FleetTimeline;
  /** Called with (trials done, trials in all) every 256 trials and at the end; the caller decides whether to show it. */
  onProgress?: (done: number, total: number) => void;
}

/** P10 / P50 / P90 of one metric. */
export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
}

/** P10 / P50 / P90 of a date; null: no purchase within the horizon in that share of the runs. */
export interface DatePercentiles {
  p10: string | null;
  p50: string | null;
  p90: string | null;
}

export interface SimulationResult {
  runs: number;
  seed: number;
  /** ISO 4217 code of capexTotalAmount (the first priced purchase's, as the plan's); null when nothing bought is priced. */
  currency: string | null;
  /** The monthly growth rates the runs drew (fractions): their P10 / P50 / P90. */
  growthPerMonth: Percentiles;
  /** Total CAPEX over the horizon, in `currency` (purchases in another currency are left out, as in the plan). */
  capexTotalAmount: Percentiles;
  /** Hosts bought per role over the horizon. */
  hosts: { compute: Percentiles; storage: Percentiles };
  /** Horizon month index of the first delivery; runs without any purchase count as the horizon length. */
  firstDeliveryMonthIndex: Percentiles;
  /** `YYYY-MM` of the first delivery (the percentiles of firstDeliveryMonthIndex as months). */
  firstDeliveryMonth: DatePercentiles;
  /** `YYYY-MM-DD`: the earliest order-by date of a run's purchases (delivery month minus lead time). */
  firstOrderBy: DatePercentiles;
  /**
   * The growths of demand.growthBy with a band (p10 and p90, e.g. fitted from history), by
   * scenario path, drawn in every run at one common quantile (forecast/demand.ts bandRate);
   * empty when none: only demand.growth varies.
   */
  bandedGrowths: string[];
}

/** mulberry32: a 32-bit seeded PRNG, uniform in [0, 1). Public-domain algorithm by Tommy Ettinger. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Inverse CDF of the triangular distribution (low, likely, high) at u in [0, 1):
 * c = (likely - low) / (high - low); u < c: low + sqrt(u (high - low)(likely - low));
 * else high - sqrt((1 - u)(high - low)(high - likely)). low = high gives low.
 * Example: (0, 0.5, 1) at u = 0.5 -> 0.5; (0, 0, 1) at u = 0.75 -> 1 - sqrt(0.25) = 0.5.
 */
export function triangular(g: GrowthUncertainty, u: number): number {
  const span = g.high - g.low;
  if (span <= 0) return g.low;
  const c = (g.likely - g.low) / span;
  return u < c ? g.low + Math.sqrt(u * span * (g.likely - g.low)) : g.high - Math.sqrt((1 - u) * span * (g.high - g.likely));
}

/** Nearest-rank percentile: sorted[ceil(q × n) - 1]. Example: [1..10], q = 0.1 -> 1, 0.5 -> 5, 0.9 -> 9. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

const summarise = (values: number[]): Percentiles => ({ p10: percentile(values, 0.1), p50: percentile(values, 0.5), p90: percentile(values, 0.9) });

/**
 * Runs the schedule's unit search `runs` times with demand.growth.perMonth drawn from the
 * triangular distribution (the growth kind, compound or linear, is the scenario's), and every
 * banded growth of demand.growthBy (p10 and p90, e.g. fitted from history) drawn at one quantile
 * u ~ U(0, 1) common to all of them (bandRate: they move together, the cautious case [model]);
 * a growth of growthBy without a band keeps its rate; events and commitments stay; on capacity
 * curves built once, and summarises per run:
 *   CAPEX = Σ over purchases of units × hosts per unit × unit price (one currency, as the plan);
 *   hosts bought per role; the first delivery month; the earliest order-by date.
 * Null without a `procurement:` section. With low = likely = high every run is the
 * deterministic plan (same units, months and CAPEX as planProcurement).
 */
export function simulateProcurement(scenario: Scenario, options: SimulationOptions): SimulationResult | null {
  const policy = scenario.procurement;
  if (!policy) return null;
  const runs = Math.max(1, Math.floor(options.runs ?? 200));
  const seed = options.seed ?? 1;
  const random = mulberry32(seed);
  const startHosts = expandHosts(scenario).hosts;
  const curves = new CapacityCurves(scenario, options.base ?? buildFleetTimeline(scenario, startHosts), startHosts);
  const resources = ruledResources(scenario, curves);
  const slots = ruleSlots(policy);
  const perUnit: Record<string, number> = {};
  const price: Record<string, { amount: number; currency: string } | undefined> = {};
  const leadWeeks: Record<string, number> = {};
  for (const s of slots) {
    perUnit[s.key] = hostsPerUnit(scenario, s.role, s.rule, curves.domains);
    price[s.key] = scenario.hardware[s.rule.hardware]?.price;
    leadWeeks[s.key] = s.rule.leadTimeWeeks;
  }
  const horizon = Math.max(0, Math.floor(scenario.horizonMonths));
  const capex: number[] = [];
  const compute: number[] = [];
  const storage: number[] = [];
  const first: number[] = [];
  const orderBy: string[] = [];
  const rates: number[] = [];
  let currency: string | null = null;
  const NONE = '9999-12-31';
  // order-by dates by (delivery month, rule slot): the same in every run
  const orderDates = new Map<string, string | undefined>();
  // banded growths of growthBy (demand.growth follows the triangle): one quantile per run for all
  const banded = growthBands(scenario)
    .map((b) => b.path)
    .filter((p) => p !== 'demand.growth');
  for (let i = 0; i < runs; i++) {
    const perMonth = triangular(options.growth, random());
    rates.push(perMonth);
    // drawn only when there are bands, so a scenario without them keeps its sequence of draws
    const quantile = banded.length > 0 ? random() : undefined;
    const { orders } = searchUnits(scenario, curves, resources, demandModel(scenario, { defaultPerMonth: perMonth, ...(quantile !== undefined ? { quantile } : {}) }));
    // purchases in the plan's order (delivery month, then role): the first priced one sets the currency
    const sorted = [...orders].sort((a, b) => a.m - b.m || a.role.localeCompare(b.role));
    const hosts: Record<ProcurementRole, number> = { compute: 0, storage: 0 };
    let runCurrency: string | null = null;
    let amount = 0;
    let firstOrder = NONE;
    for (const o of sorted) {
      const n = o.units * (perUnit[o.slot] ?? 0);
      hosts[o.role] += n;
      const p = price[o.slot];
      if (p && n > 0) {
        runCurrency ??= p.currency;
        if (p.currency === runCurrency) amount += n * p.amount;
      }
      const dateKey = `${o.m}|${o.slot}`;
      let date = orderDates.get(dateKey);
      if (!orderDates.has(dateKey)) {
        date = orderByDate(scenario.start, o.m, leadWeeks[o.slot] ?? 0)?.date;
        orderDates.set(dateKey, date);
      }
      if (date !== undefined && date < firstOrder) firstOrder = date;
    }
    currency ??= runCurrency;
    capex.push(amount);
    compute.push(hosts.compute);
    storage.push(hosts.storage);
    first.push(sorted.length > 0 ? sorted[0]!.m : horizon);
    orderBy.push(firstOrder);
    if (options.onProgress && ((i + 1) % 256 === 0 || i + 1 === runs)) options.onProgress(i + 1, runs);
  }
  // nothing bought in any run: the currency the rules' models are priced in (amounts are 0)
  currency ??= price.compute?.currency ?? price.storage?.currency ?? slots.map((s) => price[s.key]?.currency).find((c) => c !== undefined) ?? null;
  const firstIdx = summarise(first);
  const asMonth = (m: number): string | null => (m < horizon ? monthLabel(scenario.start, m) : null);
  const sortedOrders = [...orderBy].sort();
  const at = (q: number): string | null => {
    const v = sortedOrders[Math.max(0, Math.ceil(q * sortedOrders.length) - 1)] ?? NONE;
    return v === NONE ? null : v;
  };
  return {
    runs,
    seed,
    currency,
    growthPerMonth: summarise(rates),
    capexTotalAmount: summarise(capex),
    hosts: { compute: summarise(compute), storage: summarise(storage) },
    firstDeliveryMonthIndex: firstIdx,
    firstDeliveryMonth: { p10: asMonth(firstIdx.p10), p50: asMonth(firstIdx.p50), p90: asMonth(firstIdx.p90) },
    firstOrderBy: { p10: at(0.1), p50: at(0.5), p90: at(0.9) },
    bandedGrowths: banded,
  };
}
