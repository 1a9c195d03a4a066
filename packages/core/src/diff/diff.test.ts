import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/evaluate.js';
import { PLAN_SCHEMA_VERSION, type PlanResult } from '../model/plan.js';
import { parseScenario } from '../scenario/parse.js';
import { diffPlans } from './diff.js';
import { looksLikePlanJson, readPlanJson } from './read-plan.js';

const root = join(import.meta.dirname, '../../../..');
const regionalText = readFileSync(join(root, 'scenarios/regional-cloud.yaml'), 'utf8');

function planOf(text: string): PlanResult {
  const parsed = parseScenario(text, { fileName: 'regional-cloud.yaml' });
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return evaluate(parsed.scenario!);
}

/**
 * One more rack of demand: rack r1 holds 4 gen A (480 GiB) and 3 gen B (992 GiB) hypervisors,
 * 4 × 480 + 3 × 992 = 4,896 GiB of Placement memory; 4,896 / 8 GiB = 612 more m1.large.
 */
const moreDemand = regionalText.replace('- { flavor: m1.large, count: 450 }', '- { flavor: m1.large, count: 1062 }');
/** One cheaper server: the compute model bought falls from 45,000 to 39,000 EUR. */
const cheaper = regionalText.replace(/(cmp-dl380g11:[\s\S]*?price: \{ amount: )45000/, '$139000');

describe('diffPlans on the regional cloud', () => {
  const base = planOf(regionalText);

  it('the same plan twice: nothing changed', () => {
    const d = diffPlans(base, base);
    expect(d.unchanged).toBe(true);
    expect(d.orders.every((o) => o.change === 'unchanged')).toBe(true);
    expect(d.capex.delta).toBe(0);
  });

  it('one more rack of demand: memory runs out earlier and more servers are ordered earlier', () => {
    expect(moreDemand).not.toBe(regionalText);
    const next = planOf(moreDemand);
    const d = diffPlans(base, next);
    // memory demand at t=0: 11,128 + 4,896 = 16,024 GiB against the 80 % threshold of 26,400 GiB
    // (21,120 GiB): t* = ln(21,120 / 16,024) / ln 1.045 = 0.2762 / 0.04402 = 6.27 -> crosses at t=7
    // (2027-08) without purchases; the first delivery comes in that month instead of 2028-04.
    const firstOld = base.procurement!.purchases[0]!;
    const firstNew = next.procurement!.purchases[0]!;
    expect(firstOld.deliveryMonth).toBe('2028-04');
    expect(firstNew.deliveryMonth).toBe('2027-08');
    // without purchases: memory ran out in 2028-04 (t=15), now in 2027-08 (t=7): 8 months earlier
    expect(d.withoutPurchases).toEqual({
      old: { resource: 'compute.memory', month: '2028-04', monthIndex: 15 },
      new: { resource: 'compute.memory', month: '2027-08', monthIndex: 7 },
      deltaMonths: -8,
    });
    const c = d.orders.find((o) => o.role === 'compute' && o.oldDeliveryMonth === '2028-04')!;
    expect(c.change).toBe('earlier');
    expect(d.orders.some((o) => o.change === 'added')).toBe(true);
    expect(d.capex.delta!).toBeGreaterThan(0);
    expect(d.tco.delta!).toBeGreaterThan(d.capex.delta!); // more servers also run longer
    expect(d.unchanged).toBe(false);
  });

  it('one cheaper server: the same orders, 6,000 EUR less each, spares 3 % of it less', () => {
    expect(cheaper).not.toBe(regionalText);
    const d = diffPlans(base, planOf(cheaper));
    // 12 servers × 6,000 = 72,000 less; spares 3 % × 72,000 = 2,160 less: CAPEX −74,160
    expect(d.orders.every((o) => o.change === 'repriced' && o.deltaAmount === -12_000)).toBe(true); // 2 servers per order × 6,000
    expect(d.capex.delta).toBeCloseTo(-74_160, 6);
    expect(d.tco.delta).toBeCloseTo(-74_160, 6); // the running cost does not depend on the price
    expect(d.runway.every((r) => r.deltaMonths === 0)).toBe(true);
    expect(d.findings.added).toEqual([]);
    expect(d.findings.resolved).toEqual([]);
  });
});

describe('diffPlans on hand-edited plans', () => {
  const base = planOf(regionalText);

  it('a resized order; a plan without the whole bill: CAPEX compares the servers on both sides', () => {
    const next = structuredClone(base);
    const first = next.procurement!.purchases[0]!;
    first.quantity = 4;
    first.totalPriceAmount = 180_000; // 4 × 45,000
    next.procurement!.capexTotalAmount += 90_000;
    delete next.cost;
    const d = diffPlans(base, next);
    expect(d.orders[0]).toMatchObject({ change: 'resized', oldQuantity: 2, newQuantity: 4, deltaAmount: 90_000 });
    // servers: 6 orders × 90,000 = 540,000 before, 630,000 after
    expect(d.capex).toEqual({ old: 540_000, new: 630_000, delta: 90_000 });
    expect(d.tco.delta).toBeNull();
  });
});

describe('readPlanJson', () => {
  it('reads a plan JSON and tells it from a scenario', () => {
    const text = JSON.stringify({ schemaVersion: PLAN_SCHEMA_VERSION, generator: { name: 'headroom', version: 'x' }, scenario: {}, months: [], resources: [] });
    expect(looksLikePlanJson(text)).toBe(true);
    expect(looksLikePlanJson(regionalText)).toBe(false);
    expect(readPlanJson(text, 'p.json').diagnostics).toEqual([]);
  });

  it('another plan schema version is plan.schema_version at its key', () => {
    const text = '{\n  "schemaVersion": 99,\n  "generator": { "name": "headroom", "version": "9" },\n  "scenario": {}, "months": [], "resources": []\n}';
    const r = readPlanJson(text, 'old.json');
    expect(r.plan).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([['plan.schema_version', 2, 3]]);
    expect(r.diagnostics[0]!.message).toContain('plan schema version 99');
  });

  it('not JSON, or not a plan: coded errors', () => {
    expect(readPlanJson('{"schemaVersion": 1,', 'a.json').diagnostics.map((d) => d.code)).toEqual(['plan.json.invalid']);
    expect(readPlanJson('{"generator": {"name": "other"}, "months": []}', 'b.json').diagnostics.map((d) => d.code)).toEqual(['plan.not_a_plan']);
  });
});
