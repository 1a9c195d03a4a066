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
  /**
   * Compute purchase rules per host aggregate (key: the aggregate; the rule's `aggregates`
   * start with it): a compute resource whose supplying hosts all lie in the aggregate is
   * bought by its rule (procurement/rule-owners.ts). Absent: every compute resource is
   * bought by roles.compute.
   */
  aggregates?: Record<string, PurchaseRule>;
  /** The risk band: growth uncertainty for the simulation evaluate runs (procurement/risk.ts); absent: no risk band. */
  simulation?: { growth: { low: number; likely: number; high: number }; runs: number; seed: number };
  /** Absent: a copy of the scenario's last rack (height, power budget, zone). */
  newRack?: NewRackTemplate;
}

/** A purchase rule and what it buys for: a role, or (compute) one host aggregate. */
export interface RuleSlot {
  /** `compute`, `storage`, or `compute.<aggregate>`. */
  key: string;
  role: ProcurementRole;
  rule: PurchaseRule;
  /** The aggregate of a per-aggregate compute rule. */
  aggregate?: string;
}

/** Every rule of the policy: roles.compute, roles.storage, then the per-aggregate compute rules in file order. */
export function ruleSlots(policy: ProcurementPolicy): RuleSlot[] {
  const out: RuleSlot[] = [];
  for (const role of PROCUREMENT_ROLES) {
    const rule = policy.roles[role];
    if (rule) out.push({ key: role, role, rule });
  }
  for (const [aggregate, rule] of Object.entries(policy.aggregates ?? {})) out.push({ key: slotKey('compute', aggregate), role: 'compute', rule, aggregate });
  return out;
}

/** The slot key of a role's rule, or of a per-aggregate compute rule. */
export const slotKey = (role: ProcurementRole, aggregate?: string): string => (aggregate === undefined ? role : `${role}.${aggregate}`);

/** The rule of a slot key; undefined when the policy has none. */
export function slotRule(policy: ProcurementPolicy, key: string): RuleSlot | undefined {
  return ruleSlots(policy).find((s) => s.key === key);
}

/** The rule that bought a purchase: its aggregate's rule, else its role's. */
export function purchaseRule(policy: ProcurementPolicy | undefined, p: { role: ProcurementRole; aggregate?: string }): PurchaseRule | undefined {
  return p.aggregate !== undefined ? policy?.aggregates?.[p.aggregate] : policy?.roles[p.role];
}
