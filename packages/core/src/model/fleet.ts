/**
 * The fleet timeline's host, as a result (FleetSummary.hosts in model/plan.ts); fleet/timeline.ts builds it.
 */
import type { Host } from './plan.js';

/** A host of the timeline: a Host with the months it is in service. */
export interface FleetHost extends Host {
  /** First horizon month (0-based) in service: 0 for the initial fleet, the delivery month for a purchased host. */
  fromMonth: number;
  /** First horizon month out of service (retired); null when in service to the end of the horizon. */
  untilMonth: number | null;
  /** True for a host of the purchase schedule. */
  purchased: boolean;
}
