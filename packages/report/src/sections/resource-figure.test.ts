import { describe, expect, it } from 'vitest';
import type { PlanResult, ProcurementPlan, Purchase } from '@headroom/core';
import { samplePlan } from '../fixtures/sample-plan.js';
import { resourceFigure } from './common.js';

const opts = {
  id: 'chart-compute-ram',
  title: 'RAM: demand and capacity',
  demandName: 'Demand',
  capacityName: 'Capacity',
  yLabel: 'RAM',
  removed: ['compute-01'],
  thresholdName: 'Threshold',
};

/** Two memory purchases delivered in the sample plan's month 1 (Feb 2027): 2 and 1 servers. */
function withPurchases(): PlanResult {
  const purchase = (quantity: number): Purchase => ({
    role: 'compute',
    hardware: 'cmp',
    model: 'M',
    quantity,
    deliveryMonthIndex: 1,
    deliveryMonth: '2027-02',
    orderBy: '2026-11-06',
    leadTimeWeeks: 12,
    late: true,
    reasons: [{ resource: 'compute.memory', threshold: 0.8, utilisationBefore: 0.85, utilisationAfter: 0.5 }],
    placement: {},
    hosts: [],
    racksAdded: [],
    unitPriceAmount: null,
    totalPriceAmount: null,
    currency: null,
    heightRuTotal: 0,
    powerTypicalWatts: null,
    powerMaxWatts: null,
    heatTypicalBtuPerHour: null,
    cumulativePriceAmount: null,
    cumulativePowerTypicalWatts: null,
  });
  const procurement: ProcurementPlan = {
    purchases: [purchase(2), purchase(1)],
    capexByMonth: [],
    capexTotalAmount: 0,
    currency: null,
    racks: [],
    uncovered: [],
    findings: [],
    addedRacks: [],
    // 2 hosts of 1,040,384 MiB tolerated = 2,080,768 MiB; + 3 hosts = 5 × 1,040,384 = 5,201,920 MiB (5,080 GiB)
    utilisation: samplePlan.months.map((m) => ({
      resource: 'compute.memory',
      index: m.index,
      month: m.month,
      threshold: 0.8,
      without: null,
      with: null,
      capacityToleratedWithout: 2_080_768,
      capacityToleratedWith: m.index >= 1 ? 5_201_920 : 2_080_768,
    })),
  };
  return { ...samplePlan, procurement };
}

describe('resourceFigure with scheduled purchases', () => {
  it('draws the capacity with purchases and marks the delivery month with the servers delivered', async () => {
    const out = (await resourceFigure(withPurchases(), 'compute.memory', opts)).value;
    // one marker for Feb 2027: 2 + 1 = 3 servers
    expect(out).toContain('Purchases for this resource are delivered in Feb 2027 (+3 servers)');
    expect(out).toContain('>+3</text>');
    expect(out).toContain('Capacity with purchases, tolerated failure removed');
    // data table column: 5,201,920 MiB / 1,024 = 5,080 GiB (memory stays in GiB: one unit per table)
    expect(out).toContain('<th scope="col">Capacity with purchases, tolerated failure removed</th>');
    expect(out).toContain('<td class="num">5,080 GiB</td>');
  });

  it('without purchases for the resource, draws neither', async () => {
    const out = (await resourceFigure(withPurchases(), 'compute.vcpu', { ...opts, id: 'chart-compute-vcpu' })).value;
    expect(out).not.toContain('with purchases');
    expect(out).not.toContain('Purchases for this resource');
    const plain = (await resourceFigure(samplePlan, 'compute.memory', opts)).value;
    expect(plain).not.toContain('with purchases');
  });
});
