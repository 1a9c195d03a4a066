/**
 * Procurement on the shipped regional cloud (hand-worked in scenarios/regional-cloud.yaml) and
 * the procurement: section's diagnostics.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario } from '../packages/core/src/index.js';

const root = join(import.meta.dirname, '..');

describe('procurement on scenarios/regional-cloud.yaml', () => {
  const text = readFileSync(join(root, 'scenarios', 'regional-cloud.yaml'), 'utf8');
  const plan = evaluate(parseScenario(text, { fileName: 'regional-cloud.yaml' }).scenario!);
  const p = plan.procurement!;

  it("buys compute inside the 24 months, and no storage: the pools share their rules' raw space", () => {
    expect(p.purchases.some((x) => x.role === 'compute' && x.deliveryMonthIndex < 24)).toBe(true);
    expect(p.purchases.some((x) => x.role === 'storage')).toBe(false);
    expect(p.uncovered).toEqual([]);
  });

  it('the first compute order: 2 gen B hosts for the memory crossing in 2028-04, ordered by 2028-01-08', () => {
    // Memory crosses at t=15: 11,128 GiB x 1.9353 = 21,536 GiB > 0.8 x 26,400 = 21,120 (N+1).
    // 2 DL380 Gen11 (batch 2): N+1 26,400 + 2 x 992 = 28,384 GiB: 21,536 / 28,384 = 0.7587.
    // Order by 2028-04-01 - 12 weeks (84 days) = 2028-01-08. 2 x 45,000 EUR = 90,000 EUR.
    const first = p.purchases[0]!;
    expect([first.role, first.hardware, first.quantity, first.deliveryMonth, first.orderBy]).toEqual(['compute', 'cmp-dl380g11', 2, '2028-04', '2028-01-08']);
    expect(first.reasons[0]!.resource).toBe('compute.memory');
    expect(first.reasons[0]!.utilisationBefore).toBeCloseTo(21_536 / 26_400, 3);
    expect(first.reasons[0]!.utilisationAfter).toBeCloseTo(21_536 / 28_384, 3);
    expect(first.totalPriceAmount).toBe(90_000);
    expect(first.currency).toBe('EUR');
  });

  it("no storage order: the hdd rules' raw space holds to 2028-12 on its fullest OSD", () => {
    // Partitioned by share, volumes passed 0.9 x 3,360 x 0.5 / 3 = 504 TB in 2028-10 and a 38,000 EUR
    // storage host was ordered. Shared (PGMap::get_rule_avail: one avail per rule), the four pools
    // on the hdd OSDs hold (202 + 31 + 12) x 3 + 196 x 1.5 = 1,029 TB raw at t=0; re-protectable
    // 3,360 TB (one host lost), fullest OSD 1 + 5/102 = 1.04902: safe raw 3,360 x 0.9 / 1.04902 =
    // 2,882.7 TB. t=23: 1,029 x 2.7522 = 2,832.0 TB = 98.2 % (t* = ln(2,882.7 / 1,029) / ln 1.045 = 23.4).
    const set = 'storage.rule.replicated_hdd+ec42_hdd';
    const last = plan.months[23]!.resources[set]!;
    expect(last.demand / 1e12).toBeCloseTo(1029 * 1.045 ** 23, 6);
    expect(last.thresholdLevel / 1e12).toBeCloseTo((3360 * 0.9) / (1 + 5 / 102), 3);
    expect(last.demand / last.thresholdLevel).toBeCloseTo(0.9824, 3);
    expect(plan.resources.find((r) => r.id === set)!.runwayMonths).toBeNull();
  });

  it('totals: CAPEX per month adds up to the total, cumulative price is a running sum', () => {
    const sum = p.capexByMonth.reduce((a, m) => a + m.amount, 0);
    expect(sum).toBe(p.capexTotalAmount);
    expect(p.purchases[p.purchases.length - 1]!.cumulativePriceAmount).toBe(p.capexTotalAmount);
  });
});

describe('procurement: diagnostics', () => {
  const base = `schemaVersion: 1
name: t
start: 2027-01
hardware:
  h1:
    model: M
    heightRu: 1
    cpu: { model: C, sockets: 1, coresPerSocket: 8, threadsPerCore: 2, virtualization: vt-x }
    memory: { size: 64 GiB, ecc: true }
nodes:
  - { role: compute, hardware: h1, count: 2 }
`;
  it('an unknown hardware model in a rule is ref.unknown_hardware at its line:col', () => {
    const r = parseScenario(`${base}procurement:\n  roles:\n    compute: { hardware: h2, leadTimeWeeks: 8 }\n`, { fileName: 't.yaml' });
    const d = r.diagnostics.find((x) => x.code === 'ref.unknown_hardware');
    // line 14 (11 lines of base, then procurement:, roles:); column: 4 spaces + "compute: { hardware: " (21) + 1 = 26
    expect(d?.location).toMatchObject({ line: 14, col: 26 });
    expect(d?.path).toEqual(['procurement', 'roles', 'compute', 'hardware']);
  });

  it('a negative lead time and an unknown role key are schema errors, not throws', () => {
    const r = parseScenario(`${base}procurement:\n  roles:\n    compute: { hardware: h1, leadTimeWeeks: -2 }\n    gpu: { hardware: h1 }\n`, { fileName: 't.yaml' });
    expect(r.diagnostics.map((x) => [x.code, x.location.line])).toEqual(
      expect.arrayContaining([
        ['schema.too_small', 14],
        ['schema.unknown_key', 15],
      ]),
    );
  });
});
