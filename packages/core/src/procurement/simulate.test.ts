import { describe, expect, it } from 'vitest';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { planProcurement } from './schedule.js';
import { mulberry32, percentile, simulateProcurement, triangular } from './simulate.js';

function scenario() {
  const hardware = baseHardware();
  hardware['cmp-r760'] = { ...hardware['cmp-r760']!, price: { amount: 12_000, currency: 'EUR' } };
  return makeScenario({
    hardware,
    demand: { instances: [{ flavor: 'm1.xlarge', count: 20 }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0.03 } },
    policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    procurement: { roles: { compute: { hardware: 'cmp-r760', batch: 1, leadTimeWeeks: 12, coverMonths: 0 } } },
  });
}

describe('simulation helpers', () => {
  it('triangular inverse CDF, hand-worked', () => {
    expect(triangular({ low: 0, likely: 0.5, high: 1 }, 0.5)).toBeCloseTo(0.5, 12); // 0 + sqrt(0.5 × 1 × 0.5)
    expect(triangular({ low: 0, likely: 0, high: 1 }, 0.75)).toBeCloseTo(0.5, 12); // 1 - sqrt(0.25 × 1 × 1)
    expect(triangular({ low: 0.02, likely: 0.02, high: 0.02 }, 0.9)).toBe(0.02);
  });
  it('nearest-rank percentiles', () => {
    const v = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect([percentile(v, 0.1), percentile(v, 0.5), percentile(v, 0.9)]).toEqual([1, 5, 9]);
  });
  it('mulberry32 is reproducible and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(100);
  });
});

describe('simulateProcurement', () => {
  it('P10 = P50 = P90 = the deterministic plan when low = likely = high', () => {
    // The deterministic plan (schedule.test.ts, hand-worked): 1 host at month 9, 1 at month 22: 24,000 EUR.
    const s = scenario();
    const det = planProcurement(s)!;
    expect(det.capexTotalAmount).toBe(24_000);
    const sim = simulateProcurement(s, { growth: { low: 0.03, likely: 0.03, high: 0.03 }, runs: 5, seed: 7 })!;
    expect(sim.capexTotalAmount).toEqual({ p10: 24_000, p50: 24_000, p90: 24_000 });
    expect(sim.hosts.compute).toEqual({ p10: 2, p50: 2, p90: 2 });
    expect(sim.firstDeliveryMonthIndex).toEqual({ p10: 9, p50: 9, p90: 9 });
    // dates and currency: month 9 of 2027-01 is 2027-10, ordered by 2027-07-09 (12 weeks ahead, schedule.test.ts)
    expect(sim.currency).toBe('EUR');
    expect(sim.firstDeliveryMonth).toEqual({ p10: '2027-10', p50: '2027-10', p90: '2027-10' });
    expect(sim.firstOrderBy).toEqual({ p10: '2027-07-09', p50: '2027-07-09', p90: '2027-07-09' });
  });

  it('reports progress every 256 trials and at the end', () => {
    const calls: [number, number][] = [];
    simulateProcurement(scenario(), { growth: { low: 0.01, likely: 0.03, high: 0.06 }, runs: 600, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls).toEqual([
      [256, 600],
      [512, 600],
      [600, 600],
    ]);
  });

  it('faster growth buys earlier and more: P10 <= P50 <= P90, and the same seed gives the same result', () => {
    const s = scenario();
    const opts = { growth: { low: 0.01, likely: 0.03, high: 0.06 }, runs: 12, seed: 3 };
    const a = simulateProcurement(s, opts)!;
    expect(a).toEqual(simulateProcurement(s, opts));
    expect(a.capexTotalAmount.p10).toBeLessThanOrEqual(a.capexTotalAmount.p50);
    expect(a.capexTotalAmount.p50).toBeLessThanOrEqual(a.capexTotalAmount.p90);
    // 6 %/month: 655,360 × 1.06^t > 832,307 at t = 5 (1.06^4 = 1.2625, 1.06^5 = 1.3382): the first delivery
    // can be no earlier than month 5; 1 %/month: 1.01^t > 1.27 at t = 25 > 23: no purchase (counted as 24).
    expect(a.firstDeliveryMonthIndex.p10).toBeGreaterThanOrEqual(5);
    expect(a.firstDeliveryMonthIndex.p90).toBeLessThanOrEqual(24);
    expect(a.firstDeliveryMonthIndex.p10).toBeLessThan(a.firstDeliveryMonthIndex.p90);
    // a run with no purchase in the horizon has no date: null when the percentile falls on it
    expect(a.firstDeliveryMonth.p90 === null).toBe(a.firstDeliveryMonthIndex.p90 === 24);
  });

  it('is null without a procurement section', () => {
    expect(simulateProcurement(makeScenario(), { growth: { low: 0, likely: 0, high: 0 } })).toBeNull();
  });

  it('draws a banded growth of growthBy from its band: a degenerate band is the plan, a wide one spreads the runs', () => {
    // demand.growthBy.compute 3 %/month with P10 = P90 = 3 %: every run the deterministic plan
    // above (2 hosts, 24,000 EUR), and the growth is listed as drawn.
    const s = scenario();
    const narrow = { ...s, demand: { ...s.demand, growthBy: { compute: { kind: 'compound' as const, perMonth: 0.03, p10: 0.03, p90: 0.03 } } } };
    const a = simulateProcurement(narrow, { growth: { low: 0.03, likely: 0.03, high: 0.03 }, runs: 20, seed: 7 })!;
    expect(a.bandedGrowths).toEqual(['demand.growthBy.compute']);
    expect(a.capexTotalAmount).toEqual({ p10: 24_000, p50: 24_000, p90: 24_000 });
    // P10 0 %, P90 8 %: the slow runs buy nothing (20 × 1.0 stays under the trigger: the plan
    // buys its first host in month 9 at 3 %), the fast runs buy more than 2 hosts.
    const wide = { ...s, demand: { ...s.demand, growthBy: { compute: { kind: 'compound' as const, perMonth: 0.03, p10: 0, p90: 0.08 } } } };
    const b = simulateProcurement(wide, { growth: { low: 0.03, likely: 0.03, high: 0.03 }, runs: 200, seed: 7 })!;
    expect(b.hosts.compute.p10).toBeLessThan(2);
    expect(b.hosts.compute.p90).toBeGreaterThan(2);
    // without a band the sequence of draws is unchanged: the triangle alone, as before
    expect(simulateProcurement(s, { growth: { low: 0.03, likely: 0.03, high: 0.03 }, runs: 5, seed: 7 })!.bandedGrowths).toEqual([]);
  });
});
