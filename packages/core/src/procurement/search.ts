/**
 * The purchase search on capacity curves: for one demand path, the order units each role
 * needs and when. It reads only the curves (curves.ts), so the schedule and every trial of the
 * simulation share them: no fleet is rebuilt and no plan re-run per unit or per trial.
 */
import type { Finding } from '../diagnostics/types.js';
import { monthLabel } from '../forecast/growth.js';
import type { DemandModel } from '../forecast/demand.js';
import { seriesDemandByMonth } from '../forecast/demand-series.js';
import { isOver, type ResourceSeries, utilisation } from '../forecast/horizon.js';
import type { Scenario } from '../model/scenario.js';
import { type CapacityCurves, MAX_PURCHASED_HOSTS, type ShortReason } from './curves.js';
import { ruleSlots, type ProcurementRole, type PurchaseRule } from '../model/procurement-rules.js';
import { ruleOwners } from './rule-owners.js';

/** A resource whose role has a purchase rule, with its trigger. */
export interface RuledResource {
  id: string;
  label: string;
  role: ProcurementRole;
  /** The slot key of the rule that buys for it (`compute`, `storage`, `compute.<aggregate>`). */
  slot: string;
  /** The aggregate of a per-aggregate rule. */
  aggregate?: string;
  rule: PurchaseRule;
  /** The rule's threshold, else the policy threshold of the resource. */
  threshold: number;
  demandMonth0: number;
  /** What its demand is made of (resource class or pools: forecast/demand-series.ts). */
  series: Pick<ResourceSeries, 'demandMonth0' | 'resourceClass' | 'pools'>;
}

/** Units of `role` delivered in month m (one per search step, in the order found). */
export interface UnitOrder {
  role: ProcurementRole;
  /** The slot key of the rule bought (see RuledResource). */
  slot: string;
  aggregate?: string;
  m: number;
  units: number;
  reason: { resource: string; threshold: number; utilisationBefore: number | null; utilisationAfter: number | null };
}

export interface UnitSchedule {
  orders: UnitOrder[];
  /** Resources the search could not bring under their trigger, with the month and why. */
  cannotMeet: { resource: RuledResource; m: number; short: ShortReason }[];
}

/**
 * The resources with a rule, in resourceSeries order (compute.* then storage.pool.*): a
 * compute resource whose supplying hosts all lie in an aggregate with a rule is that rule's
 * (rule-owners.ts), any other is its role's rule, or has none.
 */
export function ruledResources(scenario: Scenario, curves: CapacityCurves): RuledResource[] {
  const slots = ruleSlots(scenario.procurement!);
  const owners = ruleOwners(scenario, curves.base.epochs[0]?.hosts ?? []);
  const out: RuledResource[] = [];
  for (const role of ['compute', 'storage'] as const) {
    const first = slots.find((s) => s.role === role);
    if (!first) continue;
    for (const s of curves.seriesAt(0, first.key, 0)?.values() ?? []) {
      const slot = slots.find((x) => x.key === (owners.get(s.id) ?? role));
      if (!slot) continue;
      out.push({
        id: s.id,
        label: s.label,
        role,
        slot: slot.key,
        ...(slot.aggregate !== undefined ? { aggregate: slot.aggregate } : {}),
        rule: slot.rule,
        threshold: slot.rule.threshold ?? s.threshold,
        demandMonth0: s.demandMonth0,
        series: s,
      });
    }
  }
  return out;
}

/** The months an order delivered in month m must keep under the trigger: m .. m + coverMonths, within the horizon. */
export const coveredMonths = (m: number, coverMonths: number, count: number): number[] =>
  Array.from({ length: Math.max(1, Math.min(coverMonths, count - 1 - m) + 1) }, (_, i) => m + i);

/**
 * The search, for demand d(t) of the demand model (forecast/demand-series.ts seriesDemand: with
 * one growth, demandMonth0 × growthFactor(growth, t)) and U units of each role
 * bought so far (all delivered by the cursor, so in service in every month searched):
 * 1. the earliest month m >= cursor (the last delivery) in which a resource with a rule is
 *    over its trigger: isOver(d(m), f_e(m)(U).capacityTolerated, threshold), e(m) the epoch of m
 *    (ties: resource order);
 * 2. n = the fewest units with no month of m .. m + coverMonths over (unitsNeeded, max over
 *    those months); deliver n - U units in month m; cursor = m;
 * 3. repeat until no resource crosses within the horizon. A resource with no such n is given
 *    up (cannotMeet) and not searched again.
 */
export function searchUnits(scenario: Scenario, curves: CapacityCurves, resources: readonly RuledResource[], model: DemandModel): UnitSchedule {
  const count = Math.max(0, Math.floor(scenario.horizonMonths));
  const demandOf = new Map(resources.map((r) => [r.id, seriesDemandByMonth(scenario, model, r.series, count)]));
  const demand = (r: RuledResource, t: number): number => demandOf.get(r.id)![t]!;
  const bought: Record<string, number> = {};
  const givenUp = new Set<string>();
  const orders: UnitOrder[] = [];
  const cannotMeet: UnitSchedule['cannotMeet'] = [];
  const cap = (t: number, r: RuledResource, n: number): number => curves.seriesAt(t, r.slot, n)?.get(r.id)?.capacityTolerated ?? 0;
  let cursor = 0;
  for (let guard = 0; guard < 10 * count + 10; guard++) {
    let next: { r: RuledResource; m: number } | null = null;
    for (const r of resources) {
      if (givenUp.has(r.id)) continue;
      for (let m = cursor; m < count && (next === null || m < next.m); m++) {
        if (isOver(demand(r, m), cap(m, r, bought[r.slot] ?? 0), r.threshold)) {
          next = { r, m };
          break;
        }
      }
    }
    if (!next) break;
    const { r, m } = next;
    // The fewest units that keep every covered month under the trigger. With f non-decreasing
    // in n it does not depend on the order the months are searched in: the last month (the
    // most demand) first, the others are then mostly checks of a point already computed. When
    // a month cannot be met, the months are searched again in calendar order, so that the
    // reason is the first short month's.
    const months = coveredMonths(m, r.rule.coverMonths, count);
    const search = (order: readonly number[]): { need: number; short: ShortReason | null } => {
      let need = bought[r.slot] ?? 0;
      for (const t of order) {
        const res = curves.unitsNeeded(t, r.slot, r.id, demand(r, t), r.threshold, need);
        if (res.units === null) return { need, short: res.short };
        need = res.units;
      }
      return { need, short: null };
    };
    let found = search([...months].reverse());
    if (found.short) found = search(months);
    const { need, short } = found;
    if (short) {
      givenUp.add(r.id);
      cannotMeet.push({ resource: r, m, short });
      continue;
    }
    const d = demand(r, m);
    orders.push({
      role: r.role,
      slot: r.slot,
      ...(r.aggregate !== undefined ? { aggregate: r.aggregate } : {}),
      m,
      units: need - (bought[r.slot] ?? 0),
      reason: { resource: r.id, threshold: r.threshold, utilisationBefore: utilisation(d, cap(m, r, bought[r.slot] ?? 0)), utilisationAfter: utilisation(d, cap(m, r, need)) },
    });
    bought[r.slot] = need;
    cursor = m;
  }
  return { orders, cannotMeet };
}

/** The `procurement.cannot_meet` finding (warning) for a resource the search gave up on: why, and from which month. */
export function cannotMeetFinding(scenario: Scenario, c: UnitSchedule['cannotMeet'][number]): Finding {
  const { resource: r, m, short } = c;
  const month = monthLabel(scenario.start, m);
  const hw = r.rule.hardware;
  const why =
    short.kind === 'no_gain'
      ? `${short.units} more order units of ${hw} add no capacity with the tolerated failures removed: ${hw} does not supply it`
      : short.kind === 'bound'
        ? `it would take more than ${MAX_PURCHASED_HOSTS.toLocaleString('en-US')} hosts of ${hw} (${short.units} order units), the most headroom plans for one role`
        : `after ${short.units} more order units of ${hw} a host fits no rack, and a new rack (procurement.newRack, else a copy of the last rack) cannot hold one either: not enough rack ${short.kind === 'space' ? 'units' : 'power budget'}`;
  return {
    code: 'procurement.cannot_meet',
    severity: 'warning',
    subject: `resource ${r.id}`,
    month: m,
    message: `${r.label}: the purchase schedule cannot keep it under ${(r.threshold * 100).toFixed(0)} % from ${month}: ${why}`,
    source: 'headroom [model]: procurement schedule on capacity curves (procurement/curves.ts)',
  };
}
