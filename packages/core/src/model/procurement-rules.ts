/**
 * Purchase rules of the optional `procurement:` section, after normalize: per role, the
 * server model bought, the batch size, the lead time and the trigger threshold.
 */

/** The roles whose capacity the plan buys: compute (Placement) and storage (Ceph). */
export type ProcurementRole = 'compute' | 'storage';
export const PROCUREMENT_ROLES: readonly ProcurementRole[] = ['compute', 'storage'];

export interface PurchaseRule {
  /** Key into `hardware`: the model bought. */
  hardware: string;
  /**
   * Hosts per order unit. With `ceph.failureDomain: rack`, a storage unit is `batch` hosts in
   * every rack that holds storage hosts, so the failure domains grow together.
   */
  batch: number;
  /** Weeks between the order and the delivery (racked, cabled, in service). */
  leadTimeWeeks: number;
  /** Months after the crossing month an order must also cover (0: just the crossing month; 6: stay under the trigger through month m + 6, within the horizon). */
  coverMonths: number;
  /** Utilisation (0..1, tolerated failures removed) that triggers an order; absent: the policy threshold of the resource. */
  threshold?: number;
  /** Host aggregates the bought hosts join (compute); absent: none. */
  aggregates?: string[];
}

/** A rack added when an order fits in no existing rack (space or power). */
export interface NewRackTemplate {
  /** Name prefix: racks are named `${namePrefix}-01`, `-02`, ... */
  namePrefix: string;
  heightRu: number;
  powerBudgetWatts?: number;
  zone?: string;
}

export interface ProcurementPolicy {
  roles: Partial<Record<ProcurementRole, PurchaseRule>>;
  /** The risk band: growth uncertainty for the simulation evaluate runs (procurement/risk.ts); absent: no risk band. */
  simulation?: { growth: { low: number; likely: number; high: number }; runs: number; seed: number };
  /** Absent: a copy of the scenario's last rack (height, power budget, zone). */
  newRack?: NewRackTemplate;
}
