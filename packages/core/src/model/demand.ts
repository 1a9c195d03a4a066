/**
 * The normalized per-resource demand of a scenario (issue 18): growth per resource, flavor
 * groups, dated events and contracted commitments. Absent parts mean "as demand.growth".
 */
import type { Growth } from './scenario.js';

/** Where a fitted growth came from (headroom fit): shown, never recomputed. */
export interface FitNote {
  model: 'linear' | 'compound';
  r2: number;
  points: number;
  /** ISO dates of the first and last sample of the fit window. */
  from: string;
  to: string;
  series: string;
}

/** A growth, with the monthly rates of its P10 and P90 paths when it was fitted. */
export type BandedGrowth = Growth & { p10?: number; p90?: number; fit?: FitNote };

export interface GrowthBy {
  compute?: BandedGrowth;
  /** By flavor name or flavor-group name. */
  flavors?: Record<string, BandedGrowth>;
  pools?: Record<string, BandedGrowth>;
  floatingIps?: BandedGrowth;
  traffic?: BandedGrowth;
}

/** A dated step: `amount` instances (flavor) or bytes (pool), negative when removed, from `monthIndex` on. */
export interface DemandEvent {
  /** `YYYY-MM` and its horizon month index (may be < 0 or >= horizon: then it is always or never in). */
  month: string;
  monthIndex: number;
  target: { kind: 'flavor' | 'pool'; name: string };
  amount: number;
  /** true: amount × growthFactor(growth of the target, t - monthIndex); false: fixed. */
  grows: boolean;
  note?: string;
}

/** A contracted commitment: `amount` held from `fromIndex` to before `untilIndex` (null: to the end). */
export interface DemandCommitment {
  from: string;
  fromIndex: number;
  until: string | null;
  untilIndex: number | null;
  target: { kind: 'flavor' | 'pool'; name: string };
  /** Instances (flavor) or stored bytes (pool). */
  amount: number;
  customer?: string;
}

/**
 * The plan on one percentile demand path (forecast/percentiles.ts): the fitted growths at
 * their P10, P50 or P90 rate, every other resource as in the scenario.
 */
export interface PercentilePlan {
  percentile: 'p10' | 'p50' | 'p90';
  /** Runway per resource of the cloud as it is (no purchases), months; null: beyond the horizon. */
  runways: { resource: string; runwayMonths: number | null; month: string | null }[];
  /** The resource that runs out first without purchases, on this path. */
  bottleneck: { resource: string; runwayMonths: number; month: string } | null;
  /** The purchase schedule on this path (with a `procurement:` section): delivery and order-by per purchase. */
  purchases: { role: string; hardware: string; quantity: number; deliveryMonth: string; orderBy: string; late: boolean }[];
  /** The earliest order-by date (`YYYY-MM-DD`) on this path; null when nothing is bought. */
  firstOrderBy: string | null;
}

/** Percentile plans, present when some growth of demand.growthBy (or demand.growth) has p10 and p90. */
export interface DemandPercentiles {
  /** The growths with a band, by where they are in the scenario (`demand.growthBy.pools.volumes`): P10, P50 and P90 monthly rates, and the fit they came from. */
  bands: { path: string; kind: 'compound' | 'linear'; p10: number; p50: number; p90: number; fit?: FitNote }[];
  plans: PercentilePlan[];
}

/** The two models, the choice and the percentile rates of one series. */
export interface GrowthFit {
  points: number;
  /** ISO dates (UTC) of the first and last sample of the window. */
  from: string;
  to: string;
  /** The last sample's value and the linear fit's value there (the level the rates are relative to). */
  lastValue: number;
  linear: {
    /** Units per month, and as a fraction of the fitted level at the last sample (demand.growth linear perMonth). */
    slopePerMonth: number;
    perMonth: number;
    /** Fitted value at the last sample. */
    level: number;
    r2: number;
    residualStdError: number;
  };
  /** null when a value is 0 or below (no logarithm). */
  compound: {
    /** e^(b × seconds per month) − 1. */
    perMonth: number;
    /** exp(a): fitted value at the last sample. */
    level: number;
    /** R² on ln y, and on the values (exp of the fit against y), which the choice compares. */
    r2Log: number;
    r2Values: number;
    residualStdError: number;
  } | null;
  chosen: 'linear' | 'compound';
  /** Why: the rule applied, in words. */
  rule: string;
  /** Monthly rates on the chosen model's P10 / P50 / P90 paths over `horizonMonths`. */
  rates: { p10: number; p50: number; p90: number };
  /** The chosen model's fitted value and 80 % prediction interval at the horizon's end (horizonMonths after the last sample). */
  atHorizon: { months: number; p10: number; p50: number; p90: number };
}

/** A history fitted for the plan (demand.historyFrom): the samples and the fit, for the report's chart. */
export interface DemandHistory {
  /** `pool.volumes`, `compute.MEMORY_MB`, `floatingIps`. */
  key: string;
  /** Where the fit went: `demand.growthBy.pools.volumes`; null when not written (a Placement class other than the one chosen for compute). */
  growthByPath: string | null;
  unit: string;
  source: string;
  /** Samples fitted: Unix seconds, value in `unit`. */
  points: { tSeconds: number; value: number }[];
  /** The last sample of each calendar month (UTC), for a monthly chart. */
  monthly: { month: string; value: number }[];
  /** The chosen model's P10 / P50 / P90 paths, month m = 1 .. horizon after the last sample's month, from the fitted level: compound level × (1 + r_q)^m, linear level × (1 + g_q · m). */
  band: { month: string; p10: number; p50: number; p90: number }[];
  fit: GrowthFit;
}
