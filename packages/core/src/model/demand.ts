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
