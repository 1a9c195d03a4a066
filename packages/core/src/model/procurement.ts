/** The procurement plan: purchases, bill of materials, racks after the purchases. Plain JSON. */
import type { Finding } from '../diagnostics/types.js';
import type { Rack } from './scenario.js';
import type { ProcurementRole } from './procurement-rules.js';

/** One order: what, how many, when to order it, when it is in service, why, and what it costs and draws. */
export interface Purchase {
  role: ProcurementRole;
  /** The host aggregate whose purchase rule (procurement.aggregates.<name>) bought this; absent: the role's rule. */
  aggregate?: string;
  /** Key into `hardware`, and its vendor model name. */
  hardware: string;
  model: string;
  quantity: number;
  /** Horizon month (0 = start) the hosts must be in service: the month the resource would cross its threshold. */
  deliveryMonthIndex: number;
  /** `YYYY-MM` of the delivery month. */
  deliveryMonth: string;
  /** `YYYY-MM-DD`: the first day of the delivery month minus leadTimeWeeks × 7 days. */
  orderBy: string;
  leadTimeWeeks: number;
  /** True when orderBy is before the first day of the scenario's start month: already late. */
  late: boolean;
  /** Why: each resource that would cross its threshold in the delivery month, with its utilisation (tolerated failures removed) there before and after the hosts it asked for. */
  reasons: { resource: string; threshold: number; utilisationBefore: number | null; utilisationAfter: number | null }[];
  /** Hosts placed per rack name (the count of `hosts` per rack). */
  placement: Record<string, number>;
  /**
   * The hosts this purchase adds, in the order the schedule placed them, each with its rack:
   * named `<role>-new-NN` as the fleet after every purchase numbers them (numbering per role
   * continues across purchases, in delivery order).
   */
  hosts: { name: string; rack: string }[];
  /** Racks this order adds, and why: no candidate rack had the rack units (`space`) or the power budget for the maximum draw (`power`). */
  racksAdded: { name: string; reason: 'space' | 'power' }[];
  /** Unit price and quantity × unit price; null when the model has no price. */
  unitPriceAmount: number | null;
  totalPriceAmount: number | null;
  currency: string | null;
  heightRuTotal: number;
  /** quantity × the model's typical and maximum draw, watts; null without power data. */
  powerTypicalWatts: number | null;
  powerMaxWatts: number | null;
  /** Heat of the typical draw: watts × 3.412 BTU/h per watt. */
  heatTypicalBtuPerHour: number | null;
  /** Running totals over the purchases up to and including this one. */
  cumulativePriceAmount: number | null;
  cumulativePowerTypicalWatts: number | null;
}

/**
 * A rack after every purchase: space and power used against its size and budget. Read off
 * the rack's elevation (racks/elevation.ts `rackUse`: its `afterPurchases`).
 */
export interface RackUse {
  name: string;
  added: boolean;
  zone?: string;
  heightRu: number;
  usedRu: number;
  powerBudgetWatts: number | null;
  /** Sums over the rack's hosts, watts; null when a host's model has no power data. */
  powerTypicalWatts: number | null;
  powerMaxWatts: number | null;
}

export interface ProcurementPlan {
  purchases: Purchase[];
  /** CAPEX per delivery month (`YYYY-MM`), only months with purchases, in `currency`. */
  capexByMonth: { month: string; amount: number }[];
  capexTotalAmount: number;
  /** The single currency of the priced purchases; null when none is priced. */
  currency: string | null;
  racks: RackUse[];
  /**
   * The racks the purchases add, in the order added (Rack objects: heightRu, powerBudgetWatts,
   * zone, switches, powerFeeds): buildFleetTimeline(scenario, initial, plan.purchases, plan.addedRacks)
   * is the fleet with the purchases.
   */
  addedRacks: Rack[];
  /**
   * Month by month, for every resource whose role has a rule: utilisation with the tolerated
   * failures removed without any purchase and with the purchases delivered by that month, and
   * the trigger threshold. The timeline of the report's Procurement section.
   */
  utilisation: {
    resource: string;
    index: number;
    month: string;
    threshold: number;
    without: number | null;
    with: number | null;
    /** Capacity with the tolerated failures removed, in the resource's unit (vCPU, MiB, GiB, bytes), without any purchase and with the purchases delivered by that month. */
    capacityToleratedWithout: number;
    capacityToleratedWith: number | null;
  }[];
  /** Resources whose runway still ends within the horizon after the purchases (no rule for their role, or procurement.cannot_meet). */
  uncovered: string[];
  findings: Finding[];
}

/** The key of a purchase's rule, as in explanation ids: the role, or `compute.<aggregate>`. */
export const purchaseKey = (p: Pick<Purchase, 'role' | 'aggregate'>): string => (p.aggregate === undefined ? p.role : `${p.role}.${p.aggregate}`);
