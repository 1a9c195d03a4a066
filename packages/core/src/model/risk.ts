/**
 * The risk band: the plan under uncertain growth (procurement/risk.ts), as the report's fan
 * chart shows it. Plain JSON.
 */
import type { DatePercentiles, Percentiles } from '../procurement/simulate.js';

/** One month of the fan: demand at the P10 / P50 / P90 growth rate, and the level demand must stay under. */
export interface RiskMonth {
  index: number;
  /** `YYYY-MM` */
  month: string;
  /** Demand of `resource` at the P10 / P50 / P90 monthly growth rate, in the resource's unit. */
  demandP10: number;
  demandP50: number;
  demandP90: number;
  /** capacityTolerated × threshold with the scheduled purchases delivered by then (the plan's months), same unit. */
  thresholdLevel: number;
}

/** The simulation summarised for the decision summary, and its fan for one resource. */
export interface RiskBand {
  runs: number;
  seed: number;
  growth: { low: number; likely: number; high: number };
  /** P10 / P50 / P90 of the monthly growth rates drawn. */
  growthPerMonth: Percentiles;
  /** The resource of the fan: the first to run out without purchases, else the one closest to its threshold. */
  resource: string;
  label: string;
  /** Unit of the demand figures: `vCPU`, `MiB`, `GiB`, `bytes`. */
  unit: string;
  months: RiskMonth[];
  /**
   * Earliest order-by date of a run, by percentile of the runs: p10 is the earliest tenth
   * (fast growth), p90 the latest (slow growth); null: no order within the horizon.
   */
  firstOrderBy: DatePercentiles;
  firstDeliveryMonth: DatePercentiles;
  /** CAPEX of the servers bought, in `currency` (as the plan's), P10 / P50 / P90. */
  capexTotalAmount: Percentiles;
  currency: string | null;
  hosts: { compute: Percentiles; storage: Percentiles };
}
