/** normalize for the `procurement:` section: units carried in the names, optional keys left out. */
import type { ScenarioFileOutput } from '../model/schema.js';
import { PROCUREMENT_ROLES, type ProcurementPolicy, type PurchaseRule } from '../model/procurement-rules.js';

export function normalizeProcurement(p: NonNullable<ScenarioFileOutput['procurement']>): ProcurementPolicy {
  const roles: ProcurementPolicy['roles'] = {};
  type RawRule = NonNullable<NonNullable<ScenarioFileOutput['procurement']>['roles']['compute']>;
  const ruleOf = (r: RawRule, aggregate?: string): PurchaseRule => {
    const rule: PurchaseRule = { hardware: r.hardware, batch: r.batch, leadTimeWeeks: r.leadTimeWeeks, coverMonths: r.coverMonths };
    if (r.threshold !== undefined) rule.threshold = r.threshold;
    const aggregates = [...new Set([...(aggregate !== undefined ? [aggregate] : []), ...(r.aggregates ?? [])])];
    if (aggregates.length > 0) rule.aggregates = aggregates;
    return rule;
  };
  for (const role of PROCUREMENT_ROLES) {
    const r = p.roles[role];
    if (r) roles[role] = ruleOf(r);
  }
  const out: ProcurementPolicy = { roles };
  if (p.aggregates && Object.keys(p.aggregates).length > 0) out.aggregates = Object.fromEntries(Object.entries(p.aggregates).map(([a, r]) => [a, ruleOf(r, a)]));
  if (p.simulation) out.simulation = { growth: { ...p.simulation.growth }, runs: p.simulation.runs, seed: p.simulation.seed };
  if (p.newRack) {
    out.newRack = { namePrefix: p.newRack.namePrefix, heightRu: p.newRack.heightRu };
    if (p.newRack.powerBudget !== undefined) out.newRack.powerBudgetWatts = p.newRack.powerBudget;
    if (p.newRack.zone !== undefined) out.newRack.zone = p.newRack.zone;
  }
  return out;
}
