/**
 * The plan's headline as a result: the four answers (evaluate/headline.ts picks them) the
 * report's first screen and the CLI summary give, in order.
 */
import type { FailureSubsystem, ImpactHarm } from './failure.js';

/** A resource running out: the first month its utilisation with the tolerated failures removed crosses its threshold. */
export interface HeadlineRunout {
  /** `ResourceInfo.id` */
  resource: string;
  label: string;
  /** 0-based month index (= months of runway from the start). */
  monthIndex: number;
  /** `YYYY-MM` */
  month: string;
  /** Utilisation with the tolerated failures removed in that month (0..1), and the threshold it crosses. */
  utilisationTolerated: number | null;
  threshold: number;
}

/** The resource nearest its threshold in the horizon's last month, when none crosses it. */
export interface HeadlineClosest {
  resource: string;
  label: string;
  /** `YYYY-MM` of the last month of the horizon. */
  month: string;
  utilisationTolerated: number;
  threshold: number;
  /** utilisationTolerated / threshold: the share of the threshold used (1 = at the threshold). */
  thresholdShare: number;
}

/**
 * The orders, summed for the first screen. The orders themselves, their CAPEX total, currency
 * and uncovered resources are in `ProcurementPlan` (`purchases`, `capexTotalAmount`,
 * `currency`, `uncovered`); this adds only their order-by order and counts.
 */
export interface HeadlineOrders {
  /** Indices into `procurement.purchases`, by order-by date (ties: schedule order). */
  byOrderBy: number[];
  /** Σ quantity over the purchases. */
  hosts: number;
  /** Earliest order-by date, `YYYY-MM-DD`; null without purchases. */
  firstOrderBy: string | null;
  /** Purchases whose order-by date is before the start month: already late. */
  late: number;
  /** Purchases without a price (their model has none): `capexTotalAmount` leaves them out. */
  unpriced: number;
}

/** What losing one rack does to one subsystem, when it harms it. */
export interface HeadlineRackHarm {
  subsystem: FailureSubsystem;
  harm: Exclude<ImpactHarm, 'none'>;
  /** First month (0-based) of this harm. */
  monthIndex: number;
  /** The earliest harm's sentence (it does not name the rack). */
  message: string;
}

/** What losing one rack does. */
export interface HeadlineRack {
  /** Rack name. */
  rack: string;
  /** True when policy.tolerate.racks says the plan must survive losing a rack. */
  tolerated: boolean;
  /** Worst harm over the subsystems (outage > degraded > none). */
  harm: ImpactHarm;
  /** First month of any harm; null when losing the rack harms nothing within the horizon. */
  firstHarmMonthIndex: number | null;
  /** Subsystems harmed, worst first (outage before degraded), then earliest first. */
  harms: HeadlineRackHarm[];
}

export interface HeadlineRackFailure {
  /** Every rack, in the scenario's rack order. */
  racks: HeadlineRack[];
  /** Name of the rack whose loss is worst: worst harm, then earliest, then first in rack order; null when no rack has hosts. */
  worst: string | null;
  /** The other racks whose loss harms the same subsystems, as badly, from the same months as the worst one's (the sentences may differ in counts). */
  worstSameAs: string[];
}

export interface PlanHeadline {
  horizonMonths: number;
  /** Which cloud the findings and the rack failure describe: the plan as scheduled, or the cloud as it is (evaluate's withoutPurchases). */
  shows: 'with-purchases' | 'without-purchases';
  /** Q1: no resource crosses its threshold (tolerated failures removed) within the horizon, without any purchase. */
  holdsWithoutPurchases: boolean;
  /**
   * Q1: with the scheduled purchases delivered (the fleet timeline), no resource crosses its
   * threshold within the horizon; null without a `procurement:` section.
   */
  holdsWithPurchases: boolean | null;
  /** Error findings (an error can fail the plan even when capacity holds). */
  errorFindings: number;
  /** Q2: the bottleneck without purchases; null when nothing runs out within the horizon. */
  firstToRunOut: HeadlineRunout | null;
  /** Q2, when nothing runs out: the resource nearest its threshold in the last month; null without resources. */
  closest: HeadlineClosest | null;
  /** Q3: null without a `procurement:` section. */
  orders: HeadlineOrders | null;
  /** Q4: null without a failure analysis. */
  rackFailure: HeadlineRackFailure | null;
}
