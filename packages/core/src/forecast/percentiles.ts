/**
 * Percentile plans (issue 18, item 4): when fitted growths carry P10 / P90 rates, the plan on
 * each path. P90 is the path demand stays under with 90 % confidence (the high end of the
 * fit's 80 % prediction interval), so its order-by dates read "order by … to be 90 % sure".
 * Capacity is the cloud's as it is (its fleet timeline without purchases); the purchase
 * schedule on each path is the schedule's own search (procurement/schedule.ts) on that path.
 */
import type { FleetTimeline } from '../fleet/timeline.js';
import type { BandedGrowth, DemandPercentiles, PercentilePlan } from '../model/demand.js';
import type { ProcurementPlan } from '../model/procurement.js';
import type { Scenario } from '../model/scenario.js';
import { planProcurement } from '../procurement/schedule.js';
import { type DemandPercentile, demandModel } from './demand.js';
import { withDemandPaths } from './demand-series.js';
import { monthLabel } from './growth.js';
import { projectHorizon, type ResourceSeries } from './horizon.js';

/** The growths with both p10 and p90, by their scenario path. */
export function growthBands(scenario: Scenario): DemandPercentiles['bands'] {
  const out: DemandPercentiles['bands'] = [];
  const add = (path: string, g: BandedGrowth | undefined): void => {
    if (!g || g.p10 === undefined || g.p90 === undefined) return;
    out.push({ path, kind: g.kind, p10: g.p10, p50: g.perMonth, p90: g.p90, ...(g.fit ? { fit: g.fit } : {}) });
  };
  const d = scenario.demand;
  add('demand.growth', d.growth as BandedGrowth);
  const by = d.growthBy ?? {};
  add('demand.growthBy.compute', by.compute);
  for (const [k, g] of Object.entries(by.flavors ?? {})) add(`demand.growthBy.flavors.${k}`, g);
  for (const [k, g] of Object.entries(by.pools ?? {})) add(`demand.growthBy.pools.${k}`, g);
  add('demand.growthBy.floatingIps', by.floatingIps);
  add('demand.growthBy.traffic', by.traffic);
  return out;
}

/**
 * For q in P10, P50, P90 (demandModel with that percentile): the runway of every series
 * (projectHorizon on `baseSeries`, the cloud without purchases), the bottleneck, and with a
 * `procurement:` section the purchase schedule on that path (planProcurement on `base` with
 * that model) with each purchase's order-by date; `procurementP50`, the plan's own schedule
 * (its demand is the P50 path), is reused for P50. Null when no growth has a band.
 */
export function planPercentiles(scenario: Scenario, baseSeries: readonly ResourceSeries[], base: FleetTimeline, procurementP50?: ProcurementPlan | null): DemandPercentiles | null {
  const bands = growthBands(scenario);
  if (bands.length === 0) return null;
  const plans = (['p10', 'p50', 'p90'] as DemandPercentile[]).map((q): PercentilePlan => {
    const model = demandModel(scenario, { percentile: q });
    // uniform: demandMonth0 × growthFactor(the path's rate, t); else each series' own path
    const h = projectHorizon(withDemandPaths(scenario, baseSeries, model), model.growth, scenario.start, scenario.horizonMonths);
    // P50 is the plan's own path: its schedule is the plan's, when given
    const procurement = !scenario.procurement ? null : q === 'p50' && procurementP50 !== undefined ? procurementP50 : planProcurement(scenario, base, model);
    const purchases = (procurement?.purchases ?? []).map((p) => ({
      role: p.role,
      hardware: p.hardware,
      quantity: p.quantity,
      deliveryMonth: p.deliveryMonth,
      orderBy: p.orderBy,
      late: p.late,
    }));
    const firstOrderBy = purchases.reduce<string | null>((min, p) => (min === null || p.orderBy < min ? p.orderBy : min), null);
    return {
      percentile: q,
      runways: h.resources.map((r) => ({ resource: r.id, runwayMonths: r.runwayMonths, month: r.runwayMonths === null ? null : monthLabel(scenario.start, r.runwayMonths) })),
      bottleneck: h.bottleneck,
      purchases,
      firstOrderBy,
    };
  });
  return { bands, plans };
}
