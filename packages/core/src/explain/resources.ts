/**
 * Explanations of the planned resources (`plan.resources`, forecast/horizon.ts): the
 * threshold, the runway, and the utilisation with the tolerated failures removed in the
 * first and the last month of the horizon. One explanation per resource and figure, never
 * one per month.
 */
import { demandModel } from '../forecast/demand.js';
import type { PlanResult, ResourceInfo } from '../model/plan.js';
import { type ExplanationSet, growthInput, growthTerms, input } from './common.js';
import { explainId, type HorizonEnd } from './ids.js';
import { scenarioPath } from './paths.js';

const RUNWAY_SOURCE = 'headroom [model] (forecast/horizon.ts): runway = first month with demand ÷ capacity (tolerated failures removed) > threshold';

function thresholdExplanation(plan: PlanResult, r: ResourceInfo) {
  const storage = r.id.startsWith('storage.');
  const t = plan.scenario.policy.thresholds;
  const bf = plan.scenario.ceph.ratios.backfillfull;
  return {
    id: explainId.resourceThreshold(r.id),
    label: `Utilisation threshold of ${r.label}`,
    value: r.threshold,
    unit: '',
    formula: storage
      ? 'threshold = policy.thresholds.storage, by default ceph.ratios.backfillfull: the survivors of the tolerated failure, re-protected, must stay under it or backfill stops'
      : 'threshold = policy.thresholds.compute: the utilisation of the capacity left with the tolerated failures that ends the runway',
    expression: 'threshold',
    inputs: storage
      ? [
          input('threshold', 'policy.thresholds.storage', t.storage, '', scenarioPath('policy', 'thresholds', 'storage')),
          input('backfillfull', 'mon_osd_backfillfull_ratio (the default of the threshold)', bf, '', scenarioPath('ceph', 'ratios', 'backfillfull')),
        ]
      : [input('threshold', 'policy.thresholds.compute', t.compute, '', scenarioPath('policy', 'thresholds', 'compute'))],
    source: storage
      ? 'Ceph mon_osd_backfillfull_ratio 0.90 (src/common/options/global.yaml.in): backfill stops above it; doc/rados/configuration/mon-config-ref.rst "Storage Capacity": plan for the OSDs expected to fail'
      : 'headroom policy (production guidance: keep compute at or below 80 % of the N+1 capacity so that a failed host’s instances can restart)',
  };
}

/** Explanations of every planned resource. */
export function explainResources(plan: PlanResult, out: ExplanationSet): void {
  const growth = plan.scenario.demand.growth;
  const g = growthTerms(growth);
  const months = plan.months;
  // Per-resource demand (demand.growthBy, events, commitments): demand(t) is a sum over flavors or pools.
  const uniform = demandModel(plan.scenario).uniform;
  const demandText = uniform ? `demand_0 × ${g.text}` : 'Σ over its flavors or pools of their own demand in month t (demand.growthBy, events, commitments: forecast/demand.ts)';
  for (const r of plan.resources) {
    out.add(thresholdExplanation(plan, r));
    const demandId = explainId.resourceDemand(r.id);
    const tolId = explainId.resourceCapacityTolerated(r.id);
    const demand0 = months[0]?.resources[r.id]?.demand ?? 0;
    const capacity0 = months[0]?.resources[r.id]?.capacityTolerated;
    // Capacity of month t's fleet: the month-0 explanation when the fleet still has it, else
    // the fleet timeline's (purchases delivered, groups retired by then).
    const tolerated = (t: number, value: number) =>
      value === capacity0
        ? input('capacity_tolerated', 'capacity with the tolerated failures removed', value, r.unit, tolId)
        : input(
            'capacity_tolerated',
            `capacity with the tolerated failures removed, of the fleet in service in ${months[t]!.month} (fleet timeline: purchases delivered and groups retired by then)`,
            value,
            r.unit,
          );

    // Runway: the month it ends, or the last month when it does not end within the horizon.
    const at = r.runwayMonths ?? months.length - 1;
    const row = months[at]?.resources[r.id];
    if (row) {
      const before = at > 0 ? months[at - 1]?.resources[r.id] : undefined;
      out.add({
        id: explainId.resourceRunway(r.id),
        label: `Runway of ${r.label}`,
        value: r.runwayMonths ?? `none within the horizon (${months.length} months)`,
        unit: 'months',
        formula:
          `runway = the first month t (0 = ${months[0]!.month}) with demand(t) ÷ capacity_tolerated > threshold; demand(t) = ${demandText}. ` +
          (r.runwayMonths === null
            ? `No month crosses: in the last month, ${months[at]!.month}, demand is still at or under threshold × capacity_tolerated.`
            : `In ${months[at]!.month} demand is above threshold × capacity_tolerated${before ? '; in the month before it was not' : ''}.`),
        inputs: [
          input('demand_0', 'demand at month 0', demand0, r.unit, demandId),
          ...(uniform ? [growthInput(growth)] : []),
          input('t', `month index of ${months[at]!.month}`, at, 'months'),
          input('demand_t', `demand in ${months[at]!.month}`, row.demand, r.unit),
          tolerated(at, row.capacityTolerated),
          input('threshold', 'utilisation threshold', r.threshold, '', explainId.resourceThreshold(r.id)),
          input('threshold_level', `threshold × capacity_tolerated: the level demand must stay at or under`, row.thresholdLevel, r.unit),
          ...(row.utilisationTolerated === null ? [] : [input('utilisation_t', `utilisation in ${months[at]!.month}`, row.utilisationTolerated, '')]),
          ...(before && before.utilisationTolerated !== null && r.runwayMonths !== null
            ? [input('utilisation_before', `utilisation in ${months[at - 1]!.month}`, before.utilisationTolerated, '')]
            : []),
        ],
        source: RUNWAY_SOURCE,
      });
    }

    for (const end of ['first', 'last'] as HorizonEnd[]) {
      const t = end === 'first' ? 0 : months.length - 1;
      const m = months[t]?.resources[r.id];
      if (!m || m.utilisationTolerated === null) continue;
      if (!uniform) {
        out.add({
          id: explainId.resourceUtilisation(r.id, end),
          label: `Utilisation of ${r.label} in ${months[t]!.month}, tolerated failures removed`,
          value: m.utilisationTolerated,
          unit: '',
          formula: `utilisation = demand_t ÷ capacity_tolerated; demand_t = ${demandText}`,
          expression: 'demand_t / capacity_tolerated',
          inputs: [input('demand_t', `demand in ${months[t]!.month}`, m.demand, r.unit), tolerated(t, m.capacityTolerated)],
          source: 'headroom [model] (forecast/horizon.ts projectHorizon, forecast/demand-series.ts seriesDemand)',
        });
        continue;
      }
      out.add({
        id: explainId.resourceUtilisation(r.id, end),
        label: `Utilisation of ${r.label} in ${months[t]!.month}, tolerated failures removed`,
        value: m.utilisationTolerated,
        unit: '',
        formula: `utilisation = demand_0 × ${g.text} ÷ capacity_tolerated`,
        expression: `demand_0 * ${g.expression} / capacity_tolerated`,
        inputs: [
          input('demand_0', 'demand at month 0', demand0, r.unit, demandId),
          growthInput(growth),
          input('t', `month index of ${months[t]!.month}`, t, 'months'),
          tolerated(t, m.capacityTolerated),
        ],
        source: 'headroom [model] (forecast/horizon.ts projectHorizon, forecast/growth.ts growthFactor)',
      });
    }
  }
}
