import { describe, expect, it } from 'vitest';
import type { PlanResult } from '@headroom/core';
import { demandPercentileLines, formatDay } from './demand-text.js';

const plan = (withProcurement: boolean): PlanResult =>
  ({
    resources: [{ id: 'compute.memory', label: 'Compute memory', unit: 'MiB', threshold: 0.8, runwayMonths: 13, runwayMonthsAllHosts: 14 }],
    ...(withProcurement ? { procurement: {} } : {}),
    demandPercentiles: {
      bands: [
        {
          path: 'demand.growthBy.compute',
          kind: 'compound',
          p10: 0.04,
          p50: 0.045,
          p90: 0.05,
          fit: { model: 'compound', r2: 0.99, points: 53, from: '2025-12-31', to: '2026-12-30', series: 's' },
        },
      ],
      plans: (['p10', 'p50', 'p90'] as const).map((q, i) => ({
        percentile: q,
        runways: [],
        bottleneck: { resource: 'compute.memory', runwayMonths: 15 - i, month: `2028-0${4 - i}` },
        purchases: Array.from({ length: 6 + i }, () => ({ role: 'compute', hardware: 'h', quantity: 2, deliveryMonth: '2028-04', orderBy: '2028-01-08', late: false })),
        firstOrderBy: ['2028-02-07', '2028-01-08', '2027-12-09'][i]!,
      })),
    },
  }) as unknown as PlanResult;

describe('demand percentile lines', () => {
  it('P10 / P50 / P90 and the 90 % order-by date', () => {
    expect(demandPercentileLines(plan(true))).toEqual([
      'Demand paths: P10 / P50 / P90 of 1 growth with a band (1 fitted from history, 80 % prediction interval)',
      '  runs out       2028-04 / 2028-03 / 2028-02 (Compute memory, without purchases)',
      '  purchases      6 / 7 / 8',
      '  first order by 2028-02-07 / 2028-01-08 / 2027-12-09: order by 9 Dec 2027 to be 90 % sure',
    ]);
    expect(demandPercentileLines(plan(false))).toHaveLength(2);
    expect(formatDay('2028-01-08')).toBe('8 Jan 2028');
  });
});
