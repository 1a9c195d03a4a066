import { describe, expect, it } from 'vitest';
import type { DemandHistory, PlanResult } from '@headroom/core';
import { samplePlan } from '../fixtures/sample-plan.js';
import { demandHistorySection } from './demand-history.js';

/** A hand-made history: volumes, 3 monthly samples, a compound fit, a 2-month band. */
const history: DemandHistory = {
  key: 'pool.volumes',
  growthByPath: 'demand.growthBy.pools.volumes',
  unit: 'bytes',
  source: 'ceph_pool_stored{name="volumes"} in h.json',
  points: [],
  monthly: [
    { month: '2026-10', value: 100e12 },
    { month: '2026-11', value: 105e12 },
    { month: '2026-12', value: 110e12 },
  ],
  band: [
    { month: '2027-01', p10: 112e12, p50: 115e12, p90: 118e12 },
    { month: '2027-02', p10: 114e12, p50: 120e12, p90: 126e12 },
  ],
  fit: {
    points: 3,
    from: '2026-10-31',
    to: '2026-12-31',
    lastValue: 110e12,
    linear: { slopePerMonth: 5e12, perMonth: 0.0455, level: 110e12, r2: 0.99, residualStdError: 1 },
    compound: { perMonth: 0.0488, level: 110e12, r2Log: 0.995, r2Values: 0.996, residualStdError: 0.01 },
    chosen: 'compound',
    rule: "compound: its R² on the values 0.9960 is above linear's 0.9900",
    rates: { p10: 0.02, p50: 0.0488, p90: 0.07 },
    atHorizon: { months: 2, p10: 114e12, p50: 120e12, p90: 126e12 },
  },
};

describe('demandHistorySection', () => {
  it('without history or bands: one sentence', async () => {
    const out = (await demandHistorySection(structuredClone(samplePlan))).value;
    expect(out).toContain('No history (<code>demand.historyFrom</code>)');
  });

  it('the 90 % order-by date, the table per path, a chart per history in TB', async () => {
    const base = structuredClone(samplePlan);
    const plan = {
      ...base,
      scenario: { ...base.scenario, demand: { ...base.scenario.demand, history: [history] } },
      procurement: {},
      demandPercentiles: {
        bands: [{ path: 'demand.growthBy.pools.volumes', kind: 'compound', p10: 0.02, p50: 0.0488, p90: 0.07 }],
        plans: (['p10', 'p50', 'p90'] as const).map((q, i) => ({
          percentile: q,
          runways: [],
          bottleneck: null,
          purchases: [],
          firstOrderBy: ['2028-03-01', '2028-02-01', '2028-01-08'][i]!,
        })),
      },
    } as unknown as PlanResult;
    const out = (await demandHistorySection(plan)).value;
    expect(out).toContain('<strong>Order by 8 Jan 2028 to be 90 % sure</strong>');
    expect(out).toMatch(/<th scope="row">P90<\/th><td>not within the horizon<\/td><td class="num">0<\/td><td>8 Jan 2028<\/td>/);
    // the last band month: 114e12, 120e12, 126e12 bytes = 114.0, 120.0, 126.0 TB
    expect(out).toContain('paths to Feb 2027: 114.0, 120.0 and 126.0 TB.');
    expect(out).toContain('compound (OLS on ln y, e<sup>b</sup> − 1) <span class="badge">chosen</span>');
    expect(out).toContain('<svg');
  });
});
