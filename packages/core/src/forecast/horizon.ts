/**
 * The horizon: demand against capacity month by month, runway per resource, the bottleneck.
 */
import type { Finding } from '../diagnostics/types.js';
import type { Growth } from '../model/scenario.js';
import type { MonthRecord, PlanResult, ResourceClass, ResourceInfo, ResourceMonth } from '../model/plan.js';
import { fmtInUnit, fmtPercent } from '../units/format.js';
import { growthFactor, monthLabel } from './growth.js';

/** One planned resource before projection: month-0 demand and the capacity (constant, or per month as the fleet timeline changes it). */
export interface ResourceSeries {
  id: string;
  label: string;
  /** Unit of demand and capacity: `vCPU`, `MiB`, `GiB`, `bytes`. */
  unit: string;
  /** Utilisation (0..1) that ends the runway. */
  threshold: number;
  demandMonth0: number;
  /** Capacity with every host up. */
  capacity: number;
  /** Capacity with the tolerated failures removed. */
  capacityTolerated: number;
  /** Capacity in month t of the fleet in service in month t (fleet timeline); absent: `capacity` every month. */
  capacityByMonth?: readonly number[];
  /** Same, with the tolerated failures removed; absent: `capacityTolerated` every month. */
  capacityToleratedByMonth?: readonly number[];
  /** The Placement resource class of a compute series (its demand is per flavor: forecast/demand-series.ts). */
  resourceClass?: ResourceClass;
  /** The pools of a storage series with their raw used rate (raw bytes per stored byte). */
  pools?: readonly { name: string; rawUsedRate: number }[];
  /** Demand in month t (forecast/demand-series.ts); absent: demandMonth0 × growthFactor(growth, t). */
  demandByMonth?: readonly number[];
}

export interface HorizonResult {
  resources: ResourceInfo[];
  months: MonthRecord[];
  bottleneck: PlanResult['bottleneck'];
  findings: Finding[];
}

/** utilisation = demand / capacity (dimensionless); null when capacity is 0 (never Infinity or NaN). */
export function utilisation(demand: number, capacity: number): number | null {
  return capacity > 0 ? demand / capacity : null;
}

/**
 * True when demand is above `limit` × capacity: utilisation > limit, or capacity 0 with
 * positive demand (no capacity at all is over every threshold).
 */
export function isOver(demand: number, capacity: number, limit: number): boolean {
  const u = utilisation(demand, capacity);
  return u === null ? demand > 0 : u > limit;
}

/**
 * Runway in months: the index of the first month whose `over` flag is set (0 when month 0
 * is already over), null when no month within the horizon is.
 * Example: demand 100 growing 10 %/month compound, capacity 200, threshold 0.8:
 * 100 × 1.1^t > 160 ⇔ t > ln 1.6 / ln 1.1 = 4.93 -> runway 5.
 */
export function runwayMonths(over: readonly boolean[]): number | null {
  const i = over.indexOf(true);
  return i < 0 ? null : i;
}

/**
 * Projects every resource over `horizonMonths` months from `start`:
 *   demand(t) = demandByMonth[t] when given (per-resource demand, forecast/demand-series.ts), else
 *   demandMonth0 × growthFactor(growth, t); capacity(t) = capacityByMonth[t]
 *   (the fleet in service in month t), else the constant capacity;
 *   utilisation(t) = demand(t) / capacity, utilisationTolerated(t) = demand(t) / capacityTolerated.
 * runwayMonths uses utilisationTolerated > threshold, runwayMonthsAllHosts uses utilisation.
 * Bottleneck: the resource with the smallest non-null runwayMonths (first on ties).
 * Findings per resource: `capacity.threshold_crossed` at the runway month (error when month 0,
 * warning later; value = demand, limit = threshold × capacityTolerated) and
 * `capacity.exceeded` (error) at the first month with utilisationTolerated > 1
 * (value = demand, limit = capacityTolerated). Source: headroom [model].
 */
export function projectHorizon(series: readonly ResourceSeries[], growth: Growth, start: string, horizonMonths: number): HorizonResult {
  const count = Math.max(0, Math.floor(horizonMonths));
  const months: MonthRecord[] = [];
  for (let t = 0; t < count; t++) {
    const factor = growthFactor(growth, t);
    const resources: Record<string, ResourceMonth> = {};
    for (const s of series) {
      const demand = s.demandByMonth?.[t] ?? s.demandMonth0 * factor;
      const capacity = s.capacityByMonth?.[t] ?? s.capacity;
      const capacityTolerated = s.capacityToleratedByMonth?.[t] ?? s.capacityTolerated;
      resources[s.id] = {
        demand,
        capacity,
        capacityTolerated,
        thresholdLevel: capacityTolerated * s.threshold,
        utilisation: utilisation(demand, capacity),
        utilisationTolerated: utilisation(demand, capacityTolerated),
      };
    }
    months.push({ index: t, month: monthLabel(start, t), resources });
  }

  const findings: Finding[] = [];
  const resources: ResourceInfo[] = series.map((s) => {
    const rows = months.map((m) => m.resources[s.id]!);
    const runway = runwayMonths(rows.map((r) => isOver(r.demand, r.capacityTolerated, s.threshold)));
    const runwayAll = runwayMonths(rows.map((r) => isOver(r.demand, r.capacity, s.threshold)));
    const exceeded = runwayMonths(rows.map((r) => isOver(r.demand, r.capacityTolerated, 1)));
    const subject = `resource ${s.id}`;
    if (runway !== null) {
      const r = rows[runway]!;
      const limit = s.threshold * r.capacityTolerated;
      const u = r.utilisationTolerated;
      findings.push({
        code: 'capacity.threshold_crossed',
        severity: runway === 0 ? 'error' : 'warning',
        subject,
        message:
          `${s.label}: demand ${fmtInUnit(r.demand, s.unit)} in ${monthLabel(start, runway)} (month ${runway}) is ` +
          (u === null ? 'above zero with no capacity left' : `${fmtPercent(u)} of the ${fmtInUnit(r.capacityTolerated, s.unit)} left with the tolerated failures`) +
          `, above the ${fmtPercent(s.threshold)} threshold (${fmtInUnit(limit, s.unit)})`,
        month: runway,
        value: r.demand,
        limit,
        unit: s.unit,
        source: 'headroom [model]: runway = first month with demand / capacity (tolerated failures removed) > threshold',
      });
    }
    if (exceeded !== null) {
      const r = rows[exceeded]!;
      findings.push({
        code: 'capacity.exceeded',
        severity: 'error',
        subject,
        message: `${s.label}: demand ${fmtInUnit(r.demand, s.unit)} in ${monthLabel(start, exceeded)} (month ${exceeded}) exceeds the ${fmtInUnit(r.capacityTolerated, s.unit)} of capacity left with the tolerated failures`,
        month: exceeded,
        value: r.demand,
        limit: r.capacityTolerated,
        unit: s.unit,
        source: 'headroom [model]: demand / capacity (tolerated failures removed) > 1',
      });
    }
    return { id: s.id, label: s.label, unit: s.unit, threshold: s.threshold, runwayMonths: runway, runwayMonthsAllHosts: runwayAll };
  });

  let bottleneck: PlanResult['bottleneck'] = null;
  for (const r of resources) {
    if (r.runwayMonths === null) continue;
    if (bottleneck === null || r.runwayMonths < bottleneck.runwayMonths) {
      bottleneck = { resource: r.id, runwayMonths: r.runwayMonths, month: monthLabel(start, r.runwayMonths) };
    }
  }
  return { resources, months, bottleneck, findings };
}
