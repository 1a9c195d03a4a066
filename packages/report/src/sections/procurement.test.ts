import { describe, expect, it } from 'vitest';
import type { PlanResult, ProcurementPlan } from '@headroom/core';
import { samplePlan } from '../fixtures/sample-plan.js';
import { procurementSection } from './procurement.js';

/** A hand-made procurement plan: one late compute order that adds a rack. */
const procurement: ProcurementPlan = {
  purchases: [
    {
      role: 'compute',
      hardware: 'cmp-x',
      model: 'Vendor <X>',
      quantity: 2,
      deliveryMonthIndex: 9,
      deliveryMonth: '2027-10',
      orderBy: '2027-07-09',
      leadTimeWeeks: 12,
      late: true,
      reasons: [{ resource: 'compute.memory', threshold: 0.8, utilisationBefore: 0.822, utilisationAfter: 0.548 }],
      placement: { r1: 1, 'new-rack-01': 1 },
      hosts: [
        { name: 'compute-new-01', rack: 'r1' },
        { name: 'compute-new-02', rack: 'new-rack-01' },
      ],
      racksAdded: [{ name: 'new-rack-01', reason: 'power' }],
      unitPriceAmount: 12_000,
      totalPriceAmount: 24_000,
      currency: 'EUR',
      heightRuTotal: 4,
      powerTypicalWatts: 1000,
      powerMaxWatts: 1800,
      heatTypicalBtuPerHour: 3412,
      cumulativePriceAmount: 24_000,
      cumulativePowerTypicalWatts: 1000,
    },
  ],
  capexByMonth: [{ month: '2027-10', amount: 24_000 }],
  capexTotalAmount: 24_000,
  currency: 'EUR',
  racks: [{ name: 'new-rack-01', added: true, heightRu: 42, usedRu: 2, powerBudgetWatts: 1700, powerTypicalWatts: 500, powerMaxWatts: 900 }],
  utilisation: [
    { resource: 'compute.memory', index: 0, month: '2027-01', threshold: 0.8, without: 0.63, with: 0.63, capacityToleratedWithout: 1_000_000, capacityToleratedWith: 1_000_000 },
    { resource: 'compute.memory', index: 1, month: '2027-02', threshold: 0.8, without: 0.85, with: 0.55, capacityToleratedWithout: 1_000_000, capacityToleratedWith: 1_545_454 },
  ],
  uncovered: [],
  addedRacks: [],
  findings: [],
};

describe('procurementSection', () => {
  it('without a procurement section says so', async () => {
    expect((await procurementSection(samplePlan)).value).toContain('has no <code>procurement:</code> section');
  });

  it('shows the schedule and the bill of materials, numbers as the plan has them, escaped; the racks are in their own section', async () => {
    const out = (await procurementSection({ ...samplePlan, procurement } as PlanResult)).value;
    expect(out).toContain('<strong>24,000 EUR</strong> in all');
    expect(out).toContain('Oct 2027 24,000 EUR');
    // order-by date as a reader writes it, and the late badge styled like every other error badge
    expect(out).toContain('9 Jul 2027 <span class="badge sev-error">late</span>');
    expect(out).toContain('Vendor &lt;X&gt;');
    expect(out).toContain('<code>compute.memory</code> at 82.2% &gt; 80%, 54.8% after');
    expect(out).toContain('3,412 BTU/h');
    expect(out).toContain('adds new-rack-01 (no rack had the power)');
    // the timeline: an inline SVG with its text alternative naming the delivery
    expect(out).toContain('<figure class="chart" id="chart-procurement">');
    expect(out).toContain('<svg');
    expect(out).toContain('grey marks: deliveries (Oct 2027: 2 × cmp-x)');
    // the racks after the purchases are shown once, in the Racks and power section
    expect(out).not.toContain('procurement-racks');
    expect(out).toContain('<a href="#racks">Racks and power</a>');
  });
});
