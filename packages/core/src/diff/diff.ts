/**
 * What changed between two plans ("since last month"): runway per resource, the bottleneck,
 * the orders (added, removed, moved, resized, with money), CAPEX and TCO, findings new and
 * resolved, and what losing each rack does. Pure: two PlanResults in, plain JSON out.
 * Source: headroom [model].
 */
import type { Severity } from '../diagnostics/types.js';
import type { PlanResult } from '../model/plan.js';
import type { ProcurementRole } from '../model/procurement-rules.js';

/** Version of the PlanDiff JSON. */
export const DIFF_SCHEMA_VERSION = 1 as const;

export interface RunwayChange {
  resource: string;
  label: string;
  /** Months of runway (tolerated failures removed); null: beyond the horizon (or the resource is absent, see `presence`). */
  oldMonths: number | null;
  newMonths: number | null;
  /** new - old in months, a null runway counting as the plan's horizon; null when either side lacks the resource. */
  deltaMonths: number | null;
  presence: 'both' | 'added' | 'removed';
}

export interface OrderChange {
  /** resized: same delivery month, another quantity; repriced: same month and quantity, another model or price. */
  change: 'added' | 'removed' | 'earlier' | 'later' | 'resized' | 'repriced' | 'unchanged';
  role: ProcurementRole;
  hardware: string;
  /** Old and new delivery month (`YYYY-MM`), order-by date and quantity; null on the side that lacks the order. */
  oldDeliveryMonth: string | null;
  newDeliveryMonth: string | null;
  oldOrderBy: string | null;
  newOrderBy: string | null;
  oldQuantity: number | null;
  newQuantity: number | null;
  /** Total price of each side (null: no order, or unpriced), and new - old (null when either is null and the other is not 0). */
  oldAmount: number | null;
  newAmount: number | null;
  deltaAmount: number | null;
}

export interface MoneyChange {
  old: number | null;
  new: number | null;
  delta: number | null;
}

export interface FindingChange {
  code: string;
  severity: Severity;
  subject: string;
  message: string;
}

export interface RackOutcomeChange {
  rack: string;
  oldHarm: string | null;
  newHarm: string | null;
  /** First month of any harm, `YYYY-MM`; null: none within the horizon (or no such rack). */
  oldFirstHarm: string | null;
  newFirstHarm: string | null;
}

export interface PlanDiff {
  diffSchemaVersion: typeof DIFF_SCHEMA_VERSION;
  old: { name: string; generatorVersion: string; scenarioSha256: string | null; horizon: string };
  new: { name: string; generatorVersion: string; scenarioSha256: string | null; horizon: string };
  runway: RunwayChange[];
  bottleneck: { old: { resource: string; month: string } | null; new: { resource: string; month: string } | null; changed: boolean };
  /**
   * What runs out first without any purchase (the headline's first to run out): resource and
   * month of each plan, and new - old in months (null unless both run out). The runways above
   * count the scheduled purchases, which may hide a need that moved months earlier.
   */
  withoutPurchases: {
    old: { resource: string; month: string; monthIndex: number } | null;
    new: { resource: string; month: string; monthIndex: number } | null;
    deltaMonths: number | null;
  };
  /** The shortest runway of each plan, months (null: nothing runs out within the horizon). */
  shortestRunway: { old: number | null; new: number | null };
  orders: OrderChange[];
  /** Currency of the money figures; null when neither plan is priced, `mixed` when the two differ (money deltas are then null). */
  currency: string | null;
  capex: MoneyChange;
  tco: MoneyChange;
  findings: { added: FindingChange[]; resolved: FindingChange[] };
  racks: RackOutcomeChange[];
  /** True when nothing listed above changed. */
  unchanged: boolean;
}

function money(a: number | null | undefined, b: number | null | undefined, comparable: boolean): MoneyChange {
  const o = a ?? null;
  const n = b ?? null;
  return { old: o, new: n, delta: comparable && o !== null && n !== null ? n - o : null };
}

function horizonOf(p: PlanResult): string {
  const m = p.months;
  return m.length === 0 ? '' : `${m[0]!.month}..${m[m.length - 1]!.month}`;
}

/**
 * The orders of one purchase rule (a role, or a host aggregate's compute rule) matched old to new in delivery order: the i-th old order with the
 * i-th new one; same month, quantity, model and price: unchanged; same month, another
 * quantity: resized; same month and quantity, another model or price: repriced; else earlier
 * or later (by delivery month); the surplus on one side: added or removed.
 */
function orderChanges(a: PlanResult, b: PlanResult, comparable: boolean): OrderChange[] {
  const out: OrderChange[] = [];
  const roles: ProcurementRole[] = ['compute', 'storage'];
  // per purchase rule: the role's, then each per-aggregate compute rule's (procurement.aggregates)
  const all = [...(a.procurement?.purchases ?? []), ...(b.procurement?.purchases ?? [])];
  const keys = [
    ...roles.map((role) => ({ role, aggregate: undefined as string | undefined })),
    ...[...new Set(all.filter((p) => p.aggregate !== undefined).map((p) => p.aggregate!))].map((aggregate) => ({ role: 'compute' as ProcurementRole, aggregate })),
  ];
  for (const { role, aggregate } of keys) {
    const olds = (a.procurement?.purchases ?? []).filter((p) => p.role === role && p.aggregate === aggregate);
    const news = (b.procurement?.purchases ?? []).filter((p) => p.role === role && p.aggregate === aggregate);
    for (let i = 0; i < Math.max(olds.length, news.length); i++) {
      const o = olds[i];
      const n = news[i];
      const change: OrderChange['change'] = !o
        ? 'added'
        : !n
          ? 'removed'
          : o.deliveryMonth === n.deliveryMonth
            ? o.quantity !== n.quantity
              ? 'resized'
              : o.hardware === n.hardware && o.totalPriceAmount === n.totalPriceAmount
                ? 'unchanged'
                : 'repriced'
            : n.deliveryMonth < o.deliveryMonth
              ? 'earlier'
              : 'later';
      const oldAmount = o ? o.totalPriceAmount : null;
      const newAmount = n ? n.totalPriceAmount : null;
      out.push({
        change,
        role,
        hardware: (n ?? o)!.hardware,
        oldDeliveryMonth: o?.deliveryMonth ?? null,
        newDeliveryMonth: n?.deliveryMonth ?? null,
        oldOrderBy: o?.orderBy ?? null,
        newOrderBy: n?.orderBy ?? null,
        oldQuantity: o?.quantity ?? null,
        newQuantity: n?.quantity ?? null,
        oldAmount,
        newAmount,
        deltaAmount: !comparable ? null : (o ? oldAmount : 0) !== null && (n ? newAmount : 0) !== null ? (n ? newAmount! : 0) - (o ? oldAmount! : 0) : null,
      });
    }
  }
  return out;
}

const findingKey = (f: { code: string; subject: string }): string => `${f.code}\u0000${f.subject}`;

/**
 * What changed from `a` (the old plan) to `b` (the new one). Runways compare by resource id
 * (a null runway counts as the plan's horizon length for the delta); findings by code and
 * subject (a finding whose message changed is neither new nor resolved); racks by name (the
 * headline's rack failure); money only when both plans use the same currency.
 * Both plans must be of this headroom's plan schema version (the CLI checks it first).
 */
export function diffPlans(a: PlanResult, b: PlanResult): PlanDiff {
  const curA = a.cost?.currency ?? a.procurement?.currency ?? null;
  const curB = b.cost?.currency ?? b.procurement?.currency ?? null;
  const comparable = curA === null || curB === null || curA === curB;
  const currency = curA === curB ? curA : curA === null ? curB : curB === null ? curA : 'mixed';

  const runway: RunwayChange[] = [];
  const ids = [...new Set([...a.resources.map((r) => r.id), ...b.resources.map((r) => r.id)])];
  for (const id of ids) {
    const ra = a.resources.find((r) => r.id === id);
    const rb = b.resources.find((r) => r.id === id);
    const oldMonths = ra?.runwayMonths ?? null;
    const newMonths = rb?.runwayMonths ?? null;
    runway.push({
      resource: id,
      label: (rb ?? ra)!.label,
      oldMonths,
      newMonths,
      deltaMonths: ra && rb ? (newMonths ?? b.months.length) - (oldMonths ?? a.months.length) : null,
      presence: ra && rb ? 'both' : ra ? 'removed' : 'added',
    });
  }
  const bn = (p: PlanResult) => (p.bottleneck ? { resource: p.bottleneck.resource, month: p.bottleneck.month } : null);
  const shortest = (p: PlanResult): number | null => {
    const r = p.resources.map((x) => x.runwayMonths).filter((x): x is number => x !== null);
    return r.length === 0 ? null : Math.min(...r);
  };

  const keysA = new Map(a.findings.map((f) => [findingKey(f), f]));
  const keysB = new Map(b.findings.map((f) => [findingKey(f), f]));
  const pick = (f: { code: string; severity: Severity; subject: string; message: string }): FindingChange => ({
    code: f.code,
    severity: f.severity,
    subject: f.subject,
    message: f.message,
  });
  const added = b.findings.filter((f) => !keysA.has(findingKey(f))).map(pick);
  const resolved = a.findings.filter((f) => !keysB.has(findingKey(f))).map(pick);

  const racks: RackOutcomeChange[] = [];
  const ra = a.headline?.rackFailure?.racks ?? [];
  const rb = b.headline?.rackFailure?.racks ?? [];
  const monthOf = (p: PlanResult, i: number | null): string | null => (i === null ? null : (p.months[i]?.month ?? null));
  for (const name of [...new Set([...ra.map((r) => r.rack), ...rb.map((r) => r.rack)])]) {
    const x = ra.find((r) => r.rack === name);
    const y = rb.find((r) => r.rack === name);
    const change: RackOutcomeChange = {
      rack: name,
      oldHarm: x?.harm ?? null,
      newHarm: y?.harm ?? null,
      oldFirstHarm: x ? monthOf(a, x.firstHarmMonthIndex) : null,
      newFirstHarm: y ? monthOf(b, y.firstHarmMonthIndex) : null,
    };
    if (change.oldHarm !== change.newHarm || change.oldFirstHarm !== change.newFirstHarm) racks.push(change);
  }

  const orders = orderChanges(a, b, comparable);
  // the whole bill's CAPEX when both plans have one; else both plans' server CAPEX (never one of each)
  const bothCost = a.cost !== undefined && b.cost !== undefined;
  const capex = bothCost
    ? money(a.cost!.capexTotalAmount, b.cost!.capexTotalAmount, comparable)
    : money(a.procurement?.capexTotalAmount, b.procurement?.capexTotalAmount, comparable);
  const tco = money(a.cost?.tcoAmount, b.cost?.tcoAmount, comparable);
  const bottleneck = { old: bn(a), new: bn(b), changed: JSON.stringify(bn(a)) !== JSON.stringify(bn(b)) };
  const first = (p: PlanResult) => {
    const r = p.headline?.firstToRunOut;
    return r ? { resource: r.resource, month: r.month, monthIndex: r.monthIndex } : null;
  };
  const wa = first(a);
  const wb = first(b);
  const withoutPurchases = { old: wa, new: wb, deltaMonths: wa && wb ? wb.monthIndex - wa.monthIndex : null };
  const unchanged =
    runway.every((r) => r.presence === 'both' && r.deltaMonths === 0 && r.oldMonths === r.newMonths) &&
    !bottleneck.changed &&
    JSON.stringify(wa) === JSON.stringify(wb) &&
    orders.every((o) => o.change === 'unchanged') &&
    capex.old === capex.new &&
    tco.old === tco.new &&
    added.length === 0 &&
    resolved.length === 0 &&
    racks.length === 0;
  return {
    diffSchemaVersion: DIFF_SCHEMA_VERSION,
    old: { name: a.scenario.name, generatorVersion: a.generator.version, scenarioSha256: a.provenance?.scenario.sha256 ?? null, horizon: horizonOf(a) },
    new: { name: b.scenario.name, generatorVersion: b.generator.version, scenarioSha256: b.provenance?.scenario.sha256 ?? null, horizon: horizonOf(b) },
    runway,
    bottleneck,
    withoutPurchases,
    shortestRunway: { old: shortest(a), new: shortest(b) },
    orders,
    currency,
    capex,
    tco,
    findings: { added, resolved },
    racks,
    unchanged,
  };
}
