import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Growth } from '../model/scenario.js';
import { growthFactor, monthLabel } from './growth.js';
import { projectHorizon, type ResourceSeries, runwayMonths } from './horizon.js';

const series = (over: Partial<ResourceSeries> = {}): ResourceSeries => ({
  id: 'r',
  label: 'R',
  unit: 'vCPU',
  threshold: 0.8,
  demandMonth0: 100,
  capacity: 200,
  capacityTolerated: 200,
  ...over,
});
const compound = (perMonth: number): Growth => ({ kind: 'compound', perMonth });

describe('growth', () => {
  it('compound (1 + g)^t and linear 1 + g·t; month 0 has no growth', () => {
    expect(growthFactor(compound(0.1), 0)).toBe(1);
    expect(growthFactor(compound(0.1), 5)).toBeCloseTo(1.61051, 12); // 1.1^5 = 1.61051
    expect(growthFactor({ kind: 'linear', perMonth: 0.1 }, 5)).toBeCloseTo(1.5, 12); // 1 + 0.1 × 5
    expect(growthFactor({ kind: 'linear', perMonth: 0.1 }, 0)).toBe(1);
  });

  it('month labels roll over the year', () => {
    expect(monthLabel('2027-01', 0)).toBe('2027-01');
    expect(monthLabel('2027-11', 3)).toBe('2028-02'); // Nov + 3 = Feb next year
    expect(monthLabel('2027-01', 23)).toBe('2028-12');
  });
});

describe('runway', () => {
  it('compound 10 %/month from 100 against 200 at 0.8: crosses at month 5', () => {
    // 100 × 1.1^t > 160 ⇔ t > ln 1.6 / ln 1.1 = 4.93: month 4 is 146.41, month 5 is 161.05 -> runway 5.
    // Exceeded: 100 × 1.1^t > 200 ⇔ t > ln 2 / ln 1.1 = 7.27 -> month 8.
    const h = projectHorizon([series()], compound(0.1), '2027-01', 24);
    expect(h.resources[0]).toMatchObject({ runwayMonths: 5, runwayMonthsAllHosts: 5 });
    expect(h.bottleneck).toEqual({ resource: 'r', runwayMonths: 5, month: '2027-06' });
    expect(h.findings.map((f) => [f.code, f.severity, f.month])).toEqual([
      ['capacity.threshold_crossed', 'warning', 5],
      ['capacity.exceeded', 'error', 8],
    ]);
    // month 5: demand 161.051, limit 0.8 × 200 = 160
    expect(h.findings[0]!.value).toBeCloseTo(161.051, 9);
    expect(h.findings[0]!.limit).toBe(160);
    expect(h.months).toHaveLength(24);
    expect(h.months[5]!.resources.r!.utilisation).toBeCloseTo(161.051 / 200, 12);
  });

  it('tolerated capacity shortens the runway', () => {
    // tolerated 150: 100 × 1.1^t > 120 ⇔ t > ln 1.2 / ln 1.1 = 1.91 -> 2; all hosts still 5.
    const h = projectHorizon([series({ capacityTolerated: 150 })], compound(0.1), '2027-01', 24);
    expect(h.resources[0]).toMatchObject({ runwayMonths: 2, runwayMonthsAllHosts: 5 });
  });

  it('linear growth', () => {
    // 100 × (1 + 0.07 t) > 160 ⇔ t > 0.6 / 0.07 = 8.57 -> 9 (month 8: 156, month 9: 163)
    const h = projectHorizon([series()], { kind: 'linear', perMonth: 0.07 }, '2027-01', 24);
    expect(h.resources[0]!.runwayMonths).toBe(9);
  });

  it('already over at month 0 is an error; zero capacity has null utilisation but is over', () => {
    const h = projectHorizon([series({ demandMonth0: 170 }), series({ id: 'z', capacity: 0, capacityTolerated: 0 })], compound(0), '2027-01', 3);
    expect(h.resources.map((r) => r.runwayMonths)).toEqual([0, 0]);
    expect(h.months[0]!.resources.z!.utilisation).toBeNull();
    expect(h.findings.filter((f) => f.code === 'capacity.threshold_crossed').map((f) => f.severity)).toEqual(['error', 'error']);
    expect(h.bottleneck).toEqual({ resource: 'r', runwayMonths: 0, month: '2027-01' }); // tie: the first
  });

  it('never crossing: null runway, no bottleneck, no findings', () => {
    const h = projectHorizon([series({ demandMonth0: 10 })], compound(0.01), '2027-01', 24);
    expect(h.resources[0]).toMatchObject({ runwayMonths: null, runwayMonthsAllHosts: null });
    expect(h.bottleneck).toBeNull();
    expect(h.findings).toEqual([]);
  });

  it('utilisation exactly at the threshold is not over (strictly greater)', () => {
    expect(projectHorizon([series({ demandMonth0: 160 })], compound(0), '2027-01', 2).resources[0]!.runwayMonths).toBeNull();
    expect(runwayMonths([false, false, true, true])).toBe(2);
  });

  it('property: more demand never lengthens the runway', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 2e6, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.constantFrom<'compound' | 'linear'>('compound', 'linear'),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (d, extra, cap, tolFrac, threshold, kind, g) => {
          const base = { capacity: cap, capacityTolerated: cap * tolFrac, threshold };
          const a = projectHorizon([series({ ...base, demandMonth0: d })], { kind, perMonth: g }, '2027-01', 24).resources[0]!;
          const b = projectHorizon([series({ ...base, demandMonth0: d + extra })], { kind, perMonth: g }, '2027-01', 24).resources[0]!;
          const inf = (x: number | null) => (x === null ? Number.POSITIVE_INFINITY : x);
          expect(inf(b.runwayMonths)).toBeLessThanOrEqual(inf(a.runwayMonths));
          expect(inf(b.runwayMonthsAllHosts)).toBeLessThanOrEqual(inf(a.runwayMonthsAllHosts));
          expect(inf(a.runwayMonths)).toBeLessThanOrEqual(inf(a.runwayMonthsAllHosts)); // losing hosts never lengthens it
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});
