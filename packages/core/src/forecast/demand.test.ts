import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/evaluate.js';
import type { Demand } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import { bandRate, demandModel } from './demand.js';
import { seriesDemand } from './demand-series.js';

const TB = 1e12;
const withDemand = (d: Partial<Demand>) => {
  const s = makeScenario();
  return makeScenario({ demand: { ...s.demand, ...d } });
};

describe('demand model', () => {
  it('one growth for all is uniform: every resource is demand(0) × growthFactor', () => {
    const m = demandModel(withDemand({ instances: [{ flavor: 'm1.large', count: 100 }], growth: { kind: 'compound', perMonth: 0.02 } }));
    expect(m.uniform).toBe(true);
    // 100 × 1.02^10 = 100 × 1.218994 = 121.8994
    expect(m.instances('m1.large', 10)).toBeCloseTo(121.8994, 4);
  });

  it("a flavor takes its own growth, else its group's, else compute, else demand.growth", () => {
    const m = demandModel(
      withDemand({
        instances: [
          { flavor: 'm1.large', count: 10 },
          { flavor: 'm1.xlarge', count: 5 },
        ],
        growth: { kind: 'compound', perMonth: 0.5 },
        flavorGroups: { big: ['m1.xlarge'] },
        growthBy: { compute: { kind: 'linear', perMonth: 0.1 }, flavors: { big: { kind: 'compound', perMonth: 0.1 } } },
        storageBytes: { volumes: 100 * TB },
      }),
    );
    expect(m.uniform).toBe(false);
    // m1.large: no entry of its own, no group -> growthBy.compute, linear 0.1: 10 × (1 + 0.1 × 3) = 13
    expect(m.instances('m1.large', 3)).toBeCloseTo(13, 12);
    // m1.xlarge: its group "big", compound 0.1: 5 × 1.1^3 = 5 × 1.331 = 6.655
    expect(m.instances('m1.xlarge', 3)).toBeCloseTo(6.655, 12);
    // the pool has no growthBy entry: demand.growth, compound 0.5: 100 TB × 1.5^2 = 225 TB
    expect(m.storedBytes('volumes', 2)).toBeCloseTo(225 * TB, 0);
  });

  it('events: a fixed step, a step that grows from its month, a removal that never goes below 0', () => {
    const m = demandModel(
      withDemand({
        instances: [{ flavor: 'm1.large', count: 100 }],
        growth: { kind: 'compound', perMonth: 0.02 },
        events: [
          { month: '2027-09', monthIndex: 8, target: { kind: 'flavor', name: 'm1.large' }, amount: 200, grows: false },
          { month: '2027-05', monthIndex: 4, target: { kind: 'flavor', name: 'm1.xlarge' }, amount: 10, grows: true },
          { month: '2027-07', monthIndex: 6, target: { kind: 'flavor', name: 'm1.xlarge' }, amount: -50, grows: false },
        ],
      }),
    );
    // month 7, before the step: 100 × 1.02^7 = 114.8686
    expect(m.instances('m1.large', 7)).toBeCloseTo(114.8686, 4);
    // month 10: 100 × 1.02^10 + 200 = 121.8994 + 200 = 321.8994
    expect(m.instances('m1.large', 10)).toBeCloseTo(321.8994, 4);
    // m1.xlarge has no month-0 line: month 5 = 10 × 1.02^(5 − 4) = 10.2; month 6: 10 × 1.02^2 − 50 < 0 -> 0
    expect(m.instances('m1.xlarge', 3)).toBe(0);
    expect(m.instances('m1.xlarge', 5)).toBeCloseTo(10.2, 12);
    expect(m.instances('m1.xlarge', 6)).toBe(0);
    expect(m.flavors).toEqual(['m1.large', 'm1.xlarge']);
  });

  it('a pool that starts later, and a commitment held from..until', () => {
    const m = demandModel(
      withDemand({
        growth: { kind: 'compound', perMonth: 0 },
        growthBy: { pools: { volumes: { kind: 'linear', perMonth: 0.1 } } },
        events: [{ month: '2027-05', monthIndex: 4, target: { kind: 'pool', name: 'volumes' }, amount: 50 * TB, grows: true }],
        commitments: [{ from: '2027-03', fromIndex: 2, until: '2027-06', untilIndex: 5, target: { kind: 'pool', name: 'volumes' }, amount: 20 * TB }],
      }),
    );
    expect(m.storedBytes('volumes', 1)).toBe(0); // nothing before the contract and the pool
    expect(m.storedBytes('volumes', 2)).toBe(20 * TB); // the commitment alone
    // month 4: 50 TB × (1 + 0.1 × 0) + 20 TB = 70 TB; month 6 (contract over): 50 × (1 + 0.1 × 2) = 60 TB
    expect(m.storedBytes('volumes', 4)).toBeCloseTo(70 * TB, 0);
    expect(m.storedBytes('volumes', 6)).toBeCloseTo(60 * TB, 0);
  });

  it('percentile paths take p10 / p90 of fitted growths; growths without a band keep perMonth', () => {
    const s = withDemand({
      instances: [{ flavor: 'm1.large', count: 100 }],
      storageBytes: { volumes: 10 * TB },
      growth: { kind: 'compound', perMonth: 0.01 },
      growthBy: { compute: { kind: 'compound', perMonth: 0.05, p10: 0.03, p90: 0.08 } },
    });
    // 100 × 1.03^2 = 106.09; 100 × 1.05^2 = 110.25; 100 × 1.08^2 = 116.64
    expect(demandModel(s, { percentile: 'p10' }).instances('m1.large', 2)).toBeCloseTo(106.09, 9);
    expect(demandModel(s).instances('m1.large', 2)).toBeCloseTo(110.25, 9);
    expect(demandModel(s, { percentile: 'p90' }).instances('m1.large', 2)).toBeCloseTo(116.64, 9);
    // the pool follows demand.growth (no band): 10 TB × 1.01^2 = 10.201 TB on every path
    expect(demandModel(s, { percentile: 'p90' }).storedBytes('volumes', 2)).toBeCloseTo(10.201 * TB, 0);
  });

  it('a compute series sums its flavors; a storage series its pools × raw used rate', () => {
    const s = withDemand({
      instances: [
        { flavor: 'm1.large', count: 10 },
        { flavor: 'm1.xlarge', count: 5 },
      ],
      storageBytes: { volumes: 10 * TB },
      growthBy: { flavors: { 'm1.large': { kind: 'compound', perMonth: 0.1 } } },
    });
    const m = demandModel(s);
    // VCPU, month 2: 10 × 1.1^2 × 4 + 5 × 1 × 8 = 48.4 + 40 = 88.4
    expect(seriesDemand(s, m, { demandMonth0: 0, resourceClass: 'VCPU' }, 2)).toBeCloseTo(88.4, 9);
    // raw: 10 TB stored × 3 (size-3 replicated) = 30 TB
    expect(seriesDemand(s, m, { demandMonth0: 0, pools: [{ name: 'volumes', rawUsedRate: 3 }] }, 2)).toBeCloseTo(30 * TB, 0);
  });
});

describe('evaluate with dated events', () => {
  it('a step of +60 m1.large in 2027-06 ends the memory runway that month', () => {
    // Capacity: 3 × cmp-r760, 512 GiB − 4 GiB reserved = 508 GiB = 520,192 MiB each, ratio 1:
    // 1,560,576 MiB; threshold 0.8 -> 1,248,460.8 MiB. 100 m1.large (8 GiB = 8,192 MiB) = 819,200 MiB
    // (52.5 %) until month 4; from month 5 (2027-06) 160 × 8,192 = 1,310,720 MiB (84.0 %) > 80 %.
    const s = withDemand({
      instances: [{ flavor: 'm1.large', count: 100 }],
      events: [{ month: '2027-06', monthIndex: 5, target: { kind: 'flavor', name: 'm1.large' }, amount: 60, grows: false }],
    });
    const plan = evaluate(s);
    const memory = plan.resources.find((r) => r.id === 'compute.memory')!;
    expect(plan.months[0]!.resources['compute.memory']!.capacityTolerated).toBe(1_560_576);
    expect(plan.months[4]!.resources['compute.memory']!.demand).toBe(819_200);
    expect(plan.months[5]!.resources['compute.memory']!.demand).toBe(1_310_720);
    expect(memory.runwayMonths).toBe(5);
    // the same scenario without the event never crosses
    const none = evaluate(withDemand({ instances: [{ flavor: 'm1.large', count: 100 }] }));
    expect(none.resources.find((r) => r.id === 'compute.memory')!.runwayMonths).toBeNull();
  });
});

describe('percentile plans', () => {
  it('P10 / P50 / P90 runways from a fitted band; none without a band', () => {
    // memory threshold level 1,248,460.8 MiB (above); 100 m1.large = 819,200 MiB;
    // 819,200 × (1 + r)^t > 1,248,460.8 ⇔ t > ln(1.524) / ln(1 + r), ln 1.524 = 0.421338:
    // P10 r = 0.03: 0.421338 / 0.029559 = 14.25 -> 15; P50 0.05: / 0.048790 = 8.64 -> 9; P90 0.08: / 0.076961 = 5.47 -> 6
    const s = withDemand({
      instances: [{ flavor: 'm1.large', count: 100 }],
      growthBy: { compute: { kind: 'compound', perMonth: 0.05, p10: 0.03, p90: 0.08 } },
    });
    const plan = evaluate(s);
    const p = plan.demandPercentiles!;
    expect(p.bands).toEqual([{ path: 'demand.growthBy.compute', kind: 'compound', p10: 0.03, p50: 0.05, p90: 0.08 }]);
    const memory = (q: number) => p.plans[q]!.runways.find((r) => r.resource === 'compute.memory')!;
    expect(p.plans.map((x) => x.percentile)).toEqual(['p10', 'p50', 'p90']);
    expect([memory(0).runwayMonths, memory(1).runwayMonths, memory(2).runwayMonths]).toEqual([15, 9, 6]);
    expect(memory(2).month).toBe('2027-07'); // month 6 from 2027-01
    // the P50 path is the plan itself
    expect(plan.resources.find((r) => r.id === 'compute.memory')!.runwayMonths).toBe(9);
    expect(evaluate(withDemand({ instances: [{ flavor: 'm1.large', count: 100 }] })).demandPercentiles).toBeUndefined();
  });
});

describe('bandRate (the simulation draws a banded growth at a quantile)', () => {
  const g = { kind: 'compound' as const, perMonth: 0.03, p10: 0.02, p90: 0.05 };
  it('meets the band at P10, P50 and P90, two halves of a normal without a fit', () => {
    expect(bandRate(g, 0.5).perMonth).toBeCloseTo(0.03, 12);
    expect(bandRate(g, 0.9).perMonth).toBeCloseTo(0.05, 9);
    expect(bandRate(g, 0.1).perMonth).toBeCloseTo(0.02, 9);
    // u = 0.75: z(0.75) / z(0.9) = 0.67449 / 1.28155 = 0.52631; 3 % + 0.52631 × (5 % − 3 %) = 4.0526 %
    expect(bandRate(g, 0.75).perMonth).toBeCloseTo(0.040526, 5);
  });
  it('takes the t of the fit (ν = n − 2) when the growth was fitted on n points', () => {
    // n = 6, ν = 4: t(0.75, 4) = 0.74070, t(0.9, 4) = 1.53321 (t tables); 0.48310 × 2 % = 0.9662 %: 3.9662 %
    const fitted = { ...g, fit: { model: 'compound' as const, r2: 0.99, points: 6, from: '2026-06-01', to: '2026-11-01', series: 's' } };
    expect(bandRate(fitted, 0.75).perMonth).toBeCloseTo(0.039662, 5);
    // a growth without a band keeps its rate
    expect(bandRate({ kind: 'linear', perMonth: 0.01 }, 0.95)).toEqual({ kind: 'linear', perMonth: 0.01 });
  });
});
