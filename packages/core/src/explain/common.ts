/**
 * Small helpers shared by the explanation builders: inputs, a collector that refuses
 * duplicate ids, lookups into the scenario, and the wording of demand growth.
 */
import type { Growth, Role, Scenario } from '../model/scenario.js';
import type { PlanResult } from '../model/plan.js';
import { scenarioPath } from './paths.js';
import type { ExplainedInput, Explanation } from '../model/explanation.js';

/** An input; `from` left out when undefined. */
export function input(symbol: string, label: string, value: number | string, unit: string, from?: string): ExplainedInput {
  return from === undefined ? { symbol, label, value, unit } : { symbol, label, value, unit, from };
}

/** Collects explanations in insertion order; a duplicate id is a bug (throws). */
export class ExplanationSet {
  readonly byId: Record<string, Explanation> = {};

  add(e: Explanation): void {
    if (Object.hasOwn(this.byId, e.id)) throw new Error(`explainPlan: duplicate explanation id ${e.id}`);
    this.byId[e.id] = e;
  }

  has(id: string): boolean {
    return Object.hasOwn(this.byId, id);
  }
}

/** Joins terms with ` + `, or `0` when there is none. */
export function sum(terms: readonly string[]): string {
  return terms.length === 0 ? '0' : terms.join(' + ');
}

/** `scenario.nodes[i].count` when exactly one node group of `role` uses `hardware`, else undefined (the count is a sum over groups). */
export function groupCountPath(scenario: Scenario, role: Role, hardware: string): string | undefined {
  const groups = scenario.nodes.flatMap((g, i) => (g.role === role && g.hardware === hardware ? [i] : []));
  return groups.length === 1 ? scenarioPath('nodes', groups[0]!, 'count') : undefined;
}

/** Hosts of `role` per hardware model, in host order: [[hardware, host names], ...]. */
export function hostsByHardware(plan: PlanResult, role: Role): [string, string[]][] {
  const out = new Map<string, string[]>();
  for (const h of plan.hosts) {
    if (h.role !== role) continue;
    const list = out.get(h.hardware) ?? [];
    list.push(h.name);
    out.set(h.hardware, list);
  }
  return [...out];
}

/** "compute-01, compute-02" or "compute-01 … compute-24 (24 hosts)". */
export function hostNames(names: readonly string[]): string {
  if (names.length <= 3) return names.join(', ');
  return `${names[0]} … ${names[names.length - 1]} (${names.length} hosts)`;
}

/** The demand-growth factor as a formula over `t` and `g`, and its mathjs form (forecast/growth.ts growthFactor). */
export function growthTerms(growth: Growth): { text: string; expression: string } {
  return growth.kind === 'compound' ? { text: '(1 + g)^t', expression: '(1 + g)^t' } : { text: '(1 + g × t)', expression: '(1 + g * t)' };
}

/** The input g: demand.growth.perMonth (or `path`, e.g. demand.growthBy.traffic), with its kind in the label. */
export function growthInput(growth: Growth, path: string = scenarioPath('demand', 'growth', 'perMonth')): ExplainedInput {
  return input('g', `demand growth per month (${growth.kind})`, growth.perMonth, '', path);
}
