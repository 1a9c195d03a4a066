/**
 * Explanations of the racks' power (racks/elevation.ts, `PlanResult.racks`): for every rack,
 * its typical and maximum draw with the hosts in service at the start (month 0) and, when the
 * plan buys hosts or adds racks, after every purchase of the horizon. The counts are the
 * elevation's own units, so the sums are the ones the racks module made.
 */
import type { PlanResult } from '../model/plan.js';
import { inServiceAt, type RackElevation, type RackLoad, type RackUnit } from '../model/racks.js';
import { type ExplanationSet, input, sum } from './common.js';
import type { ExplainedInput } from '../model/explanation.js';
import { explainId, type RackPoint } from './ids.js';
import { scenarioPath } from './paths.js';

const SOURCE =
  'headroom [model] (racks/elevation.ts rackElevations): the scenario’s hardware power figures summed per rack; ' +
  'budgets are checked against the maximum draw, as the procurement schedule (procurement/schedule.ts) places hosts';

/**
 * [hardware, hosts] of a rack's units in service in month 0 and of those in service at the
 * horizon's end (not retired), each in the order its models first appear (bottom-up): one pass,
 * no filtered lists.
 */
function countsByModel(units: readonly RackUnit[]): { month0: [string, number][]; after: [string, number][] } {
  const month0 = new Map<string, number>();
  const after = new Map<string, number>();
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (inServiceAt(u, 0)) month0.set(u.hardware, (month0.get(u.hardware) ?? 0) + 1);
    if (u.outOfServiceMonthIndex === null) after.set(u.hardware, (after.get(u.hardware) ?? 0) + 1);
  }
  return { month0: [...month0], after: [...after] };
}

/**
 * Where a rack's power budget comes from: the scenario's rack, or for a rack the procurement
 * plan adds the `procurement.newRack` template, else the last declared rack (as
 * procurement/schedule.ts builds it).
 */
function budgetPath(plan: PlanResult, rack: RackElevation): string {
  const s = plan.scenario;
  if (rack.added === null) return scenarioPath('racks', { name: rack.name }, 'powerBudgetWatts');
  if (s.procurement?.newRack) return scenarioPath('procurement', 'newRack', 'powerBudgetWatts');
  return scenarioPath('racks', s.racks.length - 1, 'powerBudgetWatts');
}

/** True when the fleet changes (a host bought or retired, a rack added): the racks then have an end-of-horizon ("after") load. */
const hasPurchases = (racks: readonly RackElevation[]): boolean =>
  racks.some((r) => r.added !== null || r.units.some((u) => u.inServiceMonthIndex !== 0 || u.outOfServiceMonthIndex !== null));

/**
 * Explanations of `plan.racks`: rack power = Σ_i n_i × w_i over the hardware models i of the
 * hosts in the rack at that point (n_i hosts, w_i watts typical or maximum per host), for
 * every scenario. Month 0 counts the units in service in month 0 (RackLoad month0); "after"
 * counts every unit (afterPurchases), written only when the plan has purchases. A rack the
 * procurement plan adds has no month-0 explanation (it is not there yet). Skipped when the
 * value is null (a host model without power data).
 */
export function explainRacks(plan: PlanResult, out: ExplanationSet): void {
  const racks = plan.racks ?? [];
  const after = hasPurchases(racks);
  const s = plan.scenario;
  // the path of each model's power figure, once per (model, figure)
  const wattsPaths = { typicalWatts: new Map<string, string>(), maxWatts: new Map<string, string>() };
  const wattsPath = (hw: string, field: 'typicalWatts' | 'maxWatts'): string => {
    const paths = wattsPaths[field];
    let path = paths.get(hw);
    if (path === undefined) {
      path = scenarioPath('hardware', hw, 'power', field);
      paths.set(hw, path);
    }
    return path;
  };
  // `n1 * w1 + ...` per model count
  const expressions: string[] = [];
  const expressionOf = (models: number): string => {
    let e = expressions[models];
    if (e === undefined) {
      e = sum(Array.from({ length: models }, (_, i) => `n${i + 1} * w${i + 1}`));
      expressions[models] = e;
    }
    return e;
  };
  for (const rack of racks) {
    // one budget path per rack (read by each of its explanations)
    const budgetFrom = rack.powerBudgetWatts === null ? '' : budgetPath(plan, rack);
    const counts = countsByModel(rack.units);
    if (rack.added === null) explainRackPoint(out, s, rack, 'month0', rack.month0, counts.month0, budgetFrom, wattsPath, expressionOf);
    if (after) explainRackPoint(out, s, rack, 'after', rack.afterPurchases, counts.after, budgetFrom, wattsPath, expressionOf);
  }
}

/** The typical and maximum power explanations of one rack at one point (see explainRacks). */
function explainRackPoint(
  out: ExplanationSet,
  s: PlanResult['scenario'],
  rack: RackElevation,
  point: RackPoint,
  load: RackLoad,
  models: readonly [string, number][],
  budgetFrom: string,
  wattsPath: (hw: string, field: 'typicalWatts' | 'maxWatts') => string,
  expressionOf: (models: number) => string,
): void {
  const when = point === 'month0' ? 'with the hosts in service at the start (month 0)' : 'at the end of the horizon, after every purchase and retirement';
  const hosts =
    point === 'month0'
      ? 'the hosts in service in the rack in month 0'
      : 'the hosts in service in the rack at the end of the horizon: those there at the start and not retired, and those the purchases place there';
  for (let k = 0; k < 2; k++) {
    const kind = k === 0 ? 'typical' : 'max';
    const field = k === 0 ? 'typicalWatts' : 'maxWatts';
    const value = k === 0 ? load.powerTypicalWatts : load.powerMaxWatts;
    if (value === null) continue; // a host model without power data: the rack's power is unknown
    const words = kind === 'typical' ? 'typical' : 'maximum';
    const budget =
      rack.powerBudgetWatts === null
        ? ''
        : kind === 'max'
          ? `; checked against the power budget: ${load.overBudget === true ? 'over it' : 'within it'} (over when rack power > budget)`
          : '; budgets are checked against the maximum draw, not this one';
    const inputs: ExplainedInput[] = [];
    for (let i = 0; i < models.length; i++) {
      const [hw, n] = models[i]!;
      inputs.push(input(`n${i + 1}`, `${hw} hosts in ${rack.name}`, n, 'hosts'));
      inputs.push(input(`w${i + 1}`, `${words} draw of one ${hw}`, s.hardware[hw]?.power?.[field] ?? 0, 'W', wattsPath(hw, field)));
    }
    if (rack.powerBudgetWatts !== null) {
      inputs.push(
        input(
          'budget',
          `power budget of ${rack.name}${rack.added ? ' (an added rack: the newRack template’s, else the last declared rack’s)' : ''}`,
          rack.powerBudgetWatts,
          'W',
          budgetFrom,
        ),
      );
    }
    out.add({
      id: explainId.rackPower(rack.name, point, kind),
      label: `Power of rack ${rack.name} at ${words} draw, ${when}`,
      value,
      unit: 'W',
      formula: `rack power = Σ_i n_i × w_i over the hardware models i of ${hosts}: n_i hosts of model i, w_i its ${words} draw per host${budget}`,
      expression: expressionOf(models.length),
      inputs,
      source: SOURCE,
    });
  }
}
