import { describe, expect, it } from 'vitest';
import { bandLayout, hostLabel, rackElevationSpec, type RackElevationChart } from './rack-chart.js';

describe('rack elevation layout', () => {
  it('host labels: the name when it fits, else without the role prefix, else none', () => {
    // 'compute-new-03' at 9 px: Helvetica widths c 500, o 556, m 833, p 556, u 556, t 278, e 556, - 333,
    // n 556, e 556, w 722, - 333, 0 556, 3 556 = 7,447 / 1000 em × 9 px × 1.1 = 73.7 px; + 3 px either side: 79.7 px.
    expect(hostLabel('compute-new-03', 'compute', 80)).toBe('compute-new-03');
    // 'new-03': 556 + 556 + 722 + 333 + 556 + 556 = 3,279 → 32.5 px; + 6 = 38.5 px.
    expect(hostLabel('compute-new-03', 'compute', 79)).toBe('new-03');
    expect(hostLabel('compute-new-03', 'compute', 38)).toBe('');
    // a name that does not start with its role is not shortened
    expect(hostLabel('hv-new-03-long-name', 'compute', 40)).toBe('');
  });

  it('rack columns: 760 px shared by the racks, at most 100 px wide each', () => {
    // 7 racks: step 760 / 7 = 108.6 px, band 108.6 × 0.85 = 92.3 px.
    expect(bandLayout(7).band).toBeCloseTo(92.29, 2);
    expect(bandLayout(7).paddingOuter).toBe(0.075);
    // 3 racks would be 215 px: capped at 100 px (step 100 / 0.85 = 117.6 px); the outer padding takes
    // the rest: (760 / 117.6 − 3 + 0.15) / 2 = (6.46 − 2.85) / 2 = 1.805 steps each side.
    expect(bandLayout(3)).toEqual({ paddingInner: 0.15, paddingOuter: expect.closeTo(1.805, 3), band: 100 });
  });

  it('the RU axis runs from 0 to the tallest rack, or higher when hosts overflow a rack', () => {
    const chart: RackElevationChart = {
      id: 'chart-x',
      title: 't',
      description: 'd',
      racks: [
        { rack: 'a', heightRu: 42 },
        { rack: 'b', heightRu: 4 },
      ],
      units: [{ rack: 'b', host: 'h1', role: 'compute', bottomRu: 1, heightRu: 2, state: 'in service at the start' }],
      power: [
        { rack: 'a', typicalKw: null, maxKw: null, startMaxKw: null, budgetKw: null, label: 'unknown', shortLabel: '?' },
        { rack: 'b', typicalKw: null, maxKw: null, startMaxKw: null, budgetKw: null, label: 'unknown', shortLabel: '?' },
      ],
    };
    const domainOf = (c: RackElevationChart): unknown => JSON.stringify(rackElevationSpec(c)).match(/"domain":\[0,(\d+)\]/)?.[1];
    expect(domainOf(chart)).toBe('42');
    // b holds 4 RU but gets hosts up to RU 48 (bottom 45, 4 RU): the axis goes to 48
    expect(domainOf({ ...chart, units: [...chart.units, { rack: 'b', host: 'h2', role: 'storage', bottomRu: 45, heightRu: 4, state: 'purchased' }] })).toBe('48');
    // no power figure and no budget anywhere: no power row
    expect(JSON.stringify(rackElevationSpec(chart))).not.toContain('power (kW)');
  });
});
