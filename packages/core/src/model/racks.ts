/** Rack elevations: which host sits in which rack unit, and what each rack draws. Plain JSON. */
import type { Role } from './scenario.js';

/** One host in a rack: the rack units it occupies, counted from the bottom (RU 1). */
export interface RackUnit {
  host: string;
  role: Role;
  /** Key into `hardware`, and its vendor model name. */
  hardware: string;
  model: string;
  /** Lowest rack unit the host occupies, 1-based (RU 1 is the bottom of the rack). */
  bottomRu: number;
  /** Rack units the host occupies: bottomRu .. bottomRu + heightRu - 1. */
  heightRu: number;
  /** The model's typical and maximum draw, watts; null when the model has no `power:`. */
  powerTypicalWatts: number | null;
  powerMaxWatts: number | null;
  /** Horizon month (0 = start) the host is in service: 0 for the scenario's hosts, the delivery month for a purchased one. */
  inServiceMonthIndex: number;
  /** `YYYY-MM` of inServiceMonthIndex. */
  inServiceMonth: string;
  /** True for a host the procurement plan buys. */
  purchased: boolean;
  /** Horizon month the host leaves service (its node group's `retire`), null when it serves to the horizon's end. */
  outOfServiceMonthIndex: number | null;
  /** `YYYY-MM` of outOfServiceMonthIndex, null when it serves to the horizon's end. */
  outOfServiceMonth: string | null;
}

/** A rack's space and power with the hosts in service at one point of the horizon. */
export interface RackLoad {
  /** Sum of the hosts' heightRu. */
  usedRu: number;
  /** Rack heightRu - usedRu; negative when the hosts do not fit (`rack.space_exceeded`). */
  freeRu: number;
  /** Sum of the hosts' typical draw, watts; null when a host's model has no power data (`hostsWithoutPower`). */
  powerTypicalWatts: number | null;
  /** Sum of the hosts' maximum draw, watts; null when a host's model has no power data. */
  powerMaxWatts: number | null;
  /**
   * Maximum draw > power budget (budgets are checked against the maximum draw, as the
   * procurement schedule places hosts). Null when the rack has no budget, or when a host has
   * no power data and the hosts that have it stay within the budget (unknown); true as soon
   * as the hosts with power data alone exceed it.
   */
  overBudget: boolean | null;
}

/** One rack: its hosts bottom-up and its space and power at month 0 and after every purchase. */
export interface RackElevation {
  name: string;
  zone: string | null;
  heightRu: number;
  /** Power budget, watts; null when the scenario gives none. */
  powerBudgetWatts: number | null;
  /** Set for a rack the procurement plan adds: the delivery month of the order that needs it, and why (no rack had the `space` or the `power`). */
  added: { monthIndex: number; month: string; reason: 'space' | 'power' } | null;
  /**
   * Every host placed in the rack, stacked from RU 1 without gaps in host order: the
   * scenario's hosts in `PlanResult.hosts` order, then the purchased ones in purchase order
   * (delivery month, then role) and in the order the schedule placed them.
   */
  units: RackUnit[];
  /** The hosts in service in month 0 (the scenario's, and any purchase delivered in month 0). */
  month0: RackLoad;
  /** The hosts in service at the horizon's end: after every purchase and retirement (the same as month0 without either). */
  afterPurchases: RackLoad;
  /** Hosts of the rack whose hardware model has no `power:`: the power sums they are part of are null. */
  hostsWithoutPower: string[];
}

/** Whether `u` is in service in month `m`: delivered by then and not yet retired. */
export const inServiceAt = (u: RackUnit, m: number): boolean => u.inServiceMonthIndex <= m && (u.outOfServiceMonthIndex === null || u.outOfServiceMonthIndex > m);
