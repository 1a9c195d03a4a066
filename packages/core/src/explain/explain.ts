/**
 * explainPlan: the explanations of a finished PlanResult, one per figure the report shows
 * prominently (never one per month). It reads the plan and its normalized scenario only: every
 * value is the plan's own, and every formula is the one the module that computed it documents.
 */
import type { PlanResult } from '../model/plan.js';
import { ExplanationSet } from './common.js';
import { explainCompute } from './compute.js';
import { explainControlPlane } from './control.js';
import { explainNetwork } from './network.js';
import { explainProcurement } from './procurement.js';
import { explainCost } from './cost.js';
import { explainRacks } from './racks.js';
import { explainResources } from './resources.js';
import { explainStorage } from './storage.js';
import type { Explanation } from '../model/explanation.js';

/**
 * The explanations of `plan`, keyed by id (see `explainId` for the families): compute
 * (Placement capacity per hardware model and class, totals, tolerated capacity, month-0 demand,
 * mix fit), storage (raw, tolerated raw, raw per rule, per pool raw used rate / stored / usable /
 * nearfull / re-protectable / safe usable / MAX AVAIL / still fits / pg_num, PG replicas per OSD,
 * recovery times, storage host sizing), the planned resources (threshold, runway, first and
 * last month utilisation), the control-plane quorum, procurement (per purchase quantity,
 * order-by date, price, power and heat; CAPEX), the whole bill (line amounts, CAPEX, OPEX, TCO), rack power (per rack, typical and maximum, at
 * the start and after the purchases) and network (link bandwidths and
 * loads, subnet addresses, replication fan-out, recovery bandwidth). Insertion order is fixed,
 * so the JSON is deterministic. Throws only on a bug (two explanations with one id).
 */
export function explainPlan(plan: PlanResult): Record<string, Explanation> {
  const out = new ExplanationSet();
  explainCompute(plan, out);
  explainStorage(plan, out);
  explainResources(plan, out);
  explainControlPlane(plan, out);
  explainProcurement(plan, out);
  explainCost(plan, out);
  explainRacks(plan, out);
  explainNetwork(plan, out);
  return out.byId;
}
