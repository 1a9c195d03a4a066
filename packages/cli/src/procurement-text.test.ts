import { describe, expect, it } from 'vitest';
import type { PlanResult, Purchase } from '@headroom/core';
import { procurementSummary } from './procurement-text.js';

const purchase = (over: Partial<Purchase>): Purchase => ({
  role: 'compute',
  hardware: 'cmp-a',
  model: 'A',
  quantity: 2,
  deliveryMonthIndex: 9,
  deliveryMonth: '2027-10',
  orderBy: '2027-07-09',
  leadTimeWeeks: 12,
  late: false,
  reasons: [],
  placement: {},
  hosts: [],
  racksAdded: [],
  unitPriceAmount: 1,
  totalPriceAmount: 2,
  currency: 'EUR',
  heightRuTotal: 4,
  powerTypicalWatts: null,
  powerMaxWatts: null,
  heatTypicalBtuPerHour: null,
  cumulativePriceAmount: 2,
  cumulativePowerTypicalWatts: null,
  ...over,
});

describe('procurementSummary', () => {
  it('is undefined without a procurement plan', () => {
    expect(procurementSummary({} as PlanResult)).toBeUndefined();
  });

  it('counts purchases, totals, names the earliest order (by order-by date, not delivery) and the late ones', () => {
    const plan = {
      procurement: {
        purchases: [purchase({}), purchase({ role: 'storage', hardware: 'sto-b', quantity: 3, deliveryMonth: '2027-10', orderBy: '2027-06-11', late: true })],
        capexByMonth: [],
        capexTotalAmount: 1_234_567,
        currency: 'EUR',
        racks: [],
        uncovered: [],
        findings: [],
      },
    } as unknown as PlanResult;
    expect(procurementSummary(plan)).toBe('2 purchases, 1,234,567 EUR; first: order 3 × sto-b by 2027-06-11 (in service 2027-10); 1 already late; headroom bom for the list');
  });
});
