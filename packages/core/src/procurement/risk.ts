/**
 * The risk band of the decision summary: `simulateProcurement` run with the scenario's
 * `procurement.simulation`, and a fan for one resource: demand at the P10, P50 and P90 of the
 * growth rates drawn. Demand is month-0 demand × growthFactor(rate, t), increasing in the
 * rate for t >= 0, so the demand at the P10 rate is the P10 of the runs' demand in every month.
 * Source: headroom [model].
 */
import { growthFactor } from '../forecast/growth.js';
import type { FleetTimeline } from '../fleet/timeline.js';
import type { PlanHeadline } from '../model/headline.js';
import type { MonthRecord, ResourceInfo } from '../model/plan.js';
import type { RiskBand } from '../model/risk.js';
import type { Scenario } from '../model/scenario.js';
import { simulateProcurement } from './simulate.js';

/**
 * The risk band, or null without `procurement.simulation`, without a resource, or when the
 * simulation does not run. The fan's resource: the headline's first to run out (without
 * purchases), else the closest to its threshold, else the first resource. `months` are the
 * plan's months (with the purchases as scheduled), read for month-0 demand and the threshold level.
 */
export function planRiskBand(scenario: Scenario, base: FleetTimeline, headline: PlanHeadline, resources: readonly ResourceInfo[], months: readonly MonthRecord[]): RiskBand | null {
  const sim = scenario.procurement?.simulation;
  if (!sim || resources.length === 0 || months.length === 0) return null;
  const result = simulateProcurement(scenario, { growth: sim.growth, runs: sim.runs, seed: sim.seed, base });
  if (!result) return null;
  const id = headline.firstToRunOut?.resource ?? headline.closest?.resource ?? resources[0]!.id;
  const info = resources.find((r) => r.id === id) ?? resources[0]!;
  const d0 = months[0]!.resources[info.id]?.demand ?? 0;
  const kind = scenario.demand.growth.kind;
  const at = (rate: number, t: number): number => d0 * growthFactor({ kind, perMonth: rate }, t);
  const g = result.growthPerMonth;
  return {
    runs: result.runs,
    seed: result.seed,
    growth: { ...sim.growth },
    growthPerMonth: g,
    resource: info.id,
    label: info.label,
    unit: info.unit,
    months: months.map((m) => ({
      index: m.index,
      month: m.month,
      demandP10: at(g.p10, m.index),
      demandP50: at(g.p50, m.index),
      demandP90: at(g.p90, m.index),
      thresholdLevel: m.resources[info.id]?.thresholdLevel ?? 0,
    })),
    firstOrderBy: result.firstOrderBy,
    firstDeliveryMonth: result.firstDeliveryMonth,
    capexTotalAmount: result.capexTotalAmount,
    currency: result.currency,
    hosts: result.hosts,
  };
}
