/**
 * Uncertain growth: the procurement plan under a seeded Monte Carlo of the monthly growth
 * rate, summarised as P10 / P50 / P90. Pure and reproducible: the same seed gives the same
 * result (no clock, no Math.random). Not run by evaluate (it runs the schedule `runs` times).
 */
import type { Scenario } from '../model/scenario.js';
import { planProcurement } from './schedule.js';

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
}

/** P10 / P50 / P90 of one metric. */
export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
}

export interface SimulationResult {
  runs: number;
  seed: number;
  /** Total CAPEX over the horizon, in the plan's currency. */
  capexTotalAmount: Percentiles;
  /** Hosts bought per role over the horizon. */
  hosts: { compute: Percentiles; storage: Percentiles };
  /** Horizon month index of the first delivery; runs without any purchase count as the horizon length. */
  firstDeliveryMonthIndex: Percentiles;
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
 * Runs planProcurement `runs` times with demand.growth.perMonth drawn from the triangular
 * distribution (the growth kind, compound or linear, is the scenario's), and summarises the
 * total CAPEX, the hosts bought per role and the first delivery month. Null without a
 * `procurement:` section. With low = likely = high every run is the deterministic plan.
 */
export function simulateProcurement(scenario: Scenario, options: SimulationOptions): SimulationResult | null {
  if (!scenario.procurement) return null;
  const runs = Math.max(1, Math.floor(options.runs ?? 200));
  const seed = options.seed ?? 1;
  const random = mulberry32(seed);
  const capex: number[] = [];
  const compute: number[] = [];
  const storage: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < runs; i++) {
    const perMonth = triangular(options.growth, random());
    const plan = planProcurement({ ...scenario, demand: { ...scenario.demand, growth: { ...scenario.demand.growth, perMonth } } })!;
    capex.push(plan.capexTotalAmount);
    compute.push(plan.purchases.filter((p) => p.role === 'compute').reduce((a, p) => a + p.quantity, 0));
    storage.push(plan.purchases.filter((p) => p.role === 'storage').reduce((a, p) => a + p.quantity, 0));
    first.push(plan.purchases.length > 0 ? Math.min(...plan.purchases.map((p) => p.deliveryMonthIndex)) : scenario.horizonMonths);
  }
  return { runs, seed, capexTotalAmount: summarise(capex), hosts: { compute: summarise(compute), storage: summarise(storage) }, firstDeliveryMonthIndex: summarise(first) };
}
