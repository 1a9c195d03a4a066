/**
 * The demand of one planned resource (forecast/resources.ts) in month t, from the demand
 * model (forecast/demand.ts): the sum over the flavors or pools that draw on it.
 */
import { flavorRequest } from '../compute/placement.js';
import type { Scenario } from '../model/scenario.js';
import { type DemandModel, demandModel } from './demand.js';
import { growthFactor } from './growth.js';
import type { ResourceSeries } from './horizon.js';

type SeriesShape = Pick<ResourceSeries, 'demandMonth0' | 'resourceClass' | 'pools'>;

/**
 * Demand of `s` in month t, in the series' unit:
 *   uniform model (no growthBy, event or commitment): demandMonth0 × growthFactor(growth, t);
 *   compute.* (Placement class rc): Σ over flavors f of instances(f, t) × request_f[rc]
 *     (compute/placement.ts flavorRequest: VCPU = vcpus, MEMORY_MB = ram MiB, DISK_GB = root + ephemeral + swap);
 *   storage.rule.* (raw bytes): Σ over its pools p of storedBytes(p, t) × raw used rate_p;
 *   any other series: demandMonth0 × growthFactor(growth, t).
 * Example: 10 m1.large (4 vCPU) growing 10 %/month compound and 5 m1.small (1 vCPU) with no
 * growth: VCPU in month 2 = 10 × 1.21 × 4 + 5 × 1 = 48.4 + 5 = 53.4.
 */
export function seriesDemand(scenario: Scenario, model: DemandModel, s: SeriesShape, t: number): number {
  if (model.uniform) return s.demandMonth0 * growthFactor(model.growth, t);
  if (s.resourceClass !== undefined) {
    const rc = s.resourceClass;
    let sum = 0;
    for (const f of model.flavors) {
      const flavor = Object.hasOwn(scenario.openstack.flavors, f) ? scenario.openstack.flavors[f] : undefined;
      if (!flavor) continue;
      sum += model.instances(f, t) * (flavorRequest(flavor, scenario.openstack.ephemeralStorage)[rc] ?? 0);
    }
    return sum;
  }
  if (s.pools !== undefined) return s.pools.reduce((sum, p) => sum + model.storedBytes(p.name, t) * p.rawUsedRate, 0);
  return s.demandMonth0 * growthFactor(model.growth, t);
}

/** `seriesDemand` for t = 0 .. months − 1. */
export function seriesDemandByMonth(scenario: Scenario, model: DemandModel, s: SeriesShape, months: number): number[] {
  return Array.from({ length: Math.max(0, Math.floor(months)) }, (_, t) => seriesDemand(scenario, model, s, t));
}

/**
 * The series with `demandByMonth` filled from the scenario's demand model when it is not
 * uniform (growthBy, events or commitments); unchanged otherwise, so that a scenario with one
 * growth keeps the arithmetic demandMonth0 × growthFactor(growth, t).
 */
export function withDemandPaths(scenario: Scenario, series: readonly ResourceSeries[], model: DemandModel = demandModel(scenario)): ResourceSeries[] {
  if (model.uniform) return [...series];
  return series.map((s) => ({ ...s, demandByMonth: seriesDemandByMonth(scenario, model, s, scenario.horizonMonths) }));
}
