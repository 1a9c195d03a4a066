import { describe, expect, it } from 'vitest';
import type { PlanResult, RackElevation } from '@headroom/core';
import { samplePlan } from '../fixtures/sample-plan.js';
import { GLOSSARY } from './glossary.js';
import { racksSection } from './racks.js';

const rackOf = (plan: PlanResult, name: string): RackElevation => structuredClone(plan.racks!.find((r) => r.name === name)!);

/**
 * The sample plan's racks with a purchase, worked by hand: r1's budget cut to 4,000 W and a
 * hypervisor bought for 2028-04 on top of it (compute-new-01, 2 RU at RU 6-7, 900 / 1,400 W):
 * after, 7 RU used, 35 free, 2,900 W typical, 4,700 W maximum > 4,000 W: over. r3's storage
 * host without power data: power unknown. A rack added for power in 2028-04 holds
 * compute-new-02. One rack name carries markup.
 */
function withPurchases(): PlanResult {
  const r1 = rackOf(samplePlan, 'r1');
  r1.powerBudgetWatts = 4000;
  r1.units.push({
    host: 'compute-new-01',
    role: 'compute',
    hardware: 'cmp-r760',
    model: 'Dell PowerEdge R760',
    bottomRu: 6,
    heightRu: 2,
    powerTypicalWatts: 900,
    powerMaxWatts: 1400,
    inServiceMonthIndex: 15,
    inServiceMonth: '2028-04',
    purchased: true,
    outOfServiceMonthIndex: null,
    outOfServiceMonth: null,
  });
  r1.afterPurchases = { usedRu: 7, freeRu: 35, powerTypicalWatts: 2900, powerMaxWatts: 4700, overBudget: true };
  const r2 = rackOf(samplePlan, 'r2');
  r2.name = 'r<2>';
  const r3 = rackOf(samplePlan, 'r3');
  r3.units[2] = { ...r3.units[2]!, powerTypicalWatts: null, powerMaxWatts: null };
  r3.hostsWithoutPower = ['storage-03'];
  r3.month0 = { usedRu: 5, freeRu: 37, powerTypicalWatts: null, powerMaxWatts: null, overBudget: null };
  r3.afterPurchases = { ...r3.month0 };
  const added: RackElevation = {
    name: 'new-rack-01',
    zone: 'az1',
    heightRu: 42,
    powerBudgetWatts: 12000,
    added: { monthIndex: 15, month: '2028-04', reason: 'power' },
    units: [
      {
        host: 'compute-new-02',
        role: 'compute',
        hardware: 'cmp-r760',
        model: 'Dell PowerEdge R760',
        bottomRu: 1,
        heightRu: 2,
        powerTypicalWatts: 900,
        powerMaxWatts: 1400,
        inServiceMonthIndex: 15,
        inServiceMonth: '2028-04',
        purchased: true,
        outOfServiceMonthIndex: null,
        outOfServiceMonth: null,
      },
    ],
    month0: { usedRu: 0, freeRu: 42, powerTypicalWatts: 0, powerMaxWatts: 0, overBudget: false },
    afterPurchases: { usedRu: 2, freeRu: 40, powerTypicalWatts: 900, powerMaxWatts: 1400, overBudget: false },
    hostsWithoutPower: [],
  };
  return { ...samplePlan, racks: [r1, r2, r3, added] };
}

describe('racksSection', () => {
  it('sample plan: the elevation chart with its text alternative and data table, and the racks table', async () => {
    const out = (await racksSection(samplePlan)).value;
    expect(out).toContain('<h2 id="racks">Racks and power</h2>');
    expect(out).toContain('<strong>3</strong> racks.');
    expect(out).toContain('No rack exceeds its power budget at maximum draw.');
    // the chart: an inline SVG with a title and a description naming each rack's content and power
    expect(out).toContain('<figure class="chart rack-elevation" id="chart-racks">');
    expect(out).toContain('<svg role="img" aria-labelledby="chart-racks-title chart-racks-desc"');
    expect(out).toContain('<title id="chart-racks-title">Rack elevations and power</title>');
    // r1: control-01, compute-01, storage-01; 5 of 42 RU; 2,000 W = 2.0 kW typical, 3,300 W = 3.3 kW max, 12 kW budget
    expect(out).toContain('r1: 1 control, 1 compute, 1 storage; 5 of 42 RU used; 2.0 kW typical, 3.3 kW maximum of a 12.0 kW budget.');
    // host names drawn in the boxes; the power label under each rack
    for (const host of ['control-01', 'compute-02', 'storage-03']) expect(out).toContain(`>${host}</text>`);
    expect(out.match(/>3\.3 \/ 12\.0 kW max<\/text>/g)).toHaveLength(3);
    // 3 rack panels + 9 hosts in the elevation
    const svg = out.slice(out.indexOf('<svg'), out.indexOf('</svg>'));
    expect((svg.match(/<path[^>]*aria-roledescription="bar"/g) ?? []).length).toBeGreaterThanOrEqual(12);
    // the data table equivalent: one row per host with its rack units
    expect(out).toContain('<details class="chart-data"><summary>Data table: Rack elevations and power</summary>');
    expect(out).toContain(
      '<tr><th scope="row">r2</th><td>RU 2–3</td><td>compute-02</td><td>compute</td><td>Dell PowerEdge R760 (<code>cmp-r760</code>)</td><td>at the start</td><td class="num">900 W / 1,400 W</td></tr>',
    );
    // the racks table: no purchases, one set of columns
    expect(out).toContain('<table class="racks">');
    expect(out).toContain(
      '<tr><th scope="row">r1</th><td>az1</td><td class="num">42 RU</td><td class="num">12,000 W</td><td class="num">5 RU</td><td class="num">37 RU</td><td class="num">2,000 W</td><td class="num">3,300 W</td><td>no</td></tr>',
    );
    expect(out).not.toContain('Used, after');
    // no purchase: no state legend, no tick for the start
    expect(out).not.toContain('purchased');
    expect(out).not.toContain('maximum draw at the start');
  });

  it('with purchases: start and after columns, the purchased hosts marked, over budget and unknown power said', async () => {
    const out = (await racksSection(withPurchases())).value;
    expect(out).toContain('<strong>4</strong> racks, 1 of them added by the procurement plan (new-rack-01).');
    expect(out).toContain('<strong>Over the power budget at maximum draw: r1.</strong>');
    expect(out).toContain('Power is unknown for r3: storage-03 has no <code>power</code> in their hardware model.');
    expect(out).toContain('<th scope="col">Used, start</th>');
    expect(out).toContain('<th scope="col">Maximum draw, after</th>');
    expect(out).toContain(
      '<tr><th scope="row">r1</th><td>az1</td><td class="num">42 RU</td><td class="num">4,000 W</td>' +
        '<td class="num">5 RU</td><td class="num">37 RU</td><td class="num">2,000 W</td><td class="num">3,300 W</td>' +
        '<td class="num">7 RU</td><td class="num">35 RU</td><td class="num">2,900 W</td><td class="num">4,700 W</td>' +
        '<td><span class="badge severity-warning">over</span></td></tr>',
    );
    expect(out).toContain('<td>unknown (no power data: storage-03)</td>');
    expect(out).toContain('new-rack-01 <span class="small">(added Apr 2028 for power)</span>');
    // the chart: legend entries for the states and the start tick; purchased hosts named in the description
    expect(out).toContain('>purchased</text>');
    expect(out).toContain('>maximum draw at the start</text>');
    expect(out).toContain('(1 purchased: compute-new-01 from Apr 2028)');
    expect(out).toContain('4.7 kW maximum of a 4.0 kW budget, over it.');
    expect(out).toContain('r3: 1 control, 1 compute, 1 storage; 5 of 42 RU used; power unknown (storage-03 without power data), a 12.0 kW budget.');
    expect(out).toContain('<td>Apr 2028 (purchased)</td>');
    // a scenario string is text everywhere: table, description, SVG labels
    expect(out).toContain('r&lt;2&gt;');
    expect(out).not.toContain('r<2>');
  });

  it('a power cell the plan explains is a disclosure; the others stay plain text', async () => {
    const id = 'racks.r1.power.month0.max';
    const explanations = {
      [id]: {
        id,
        label: 'Power of rack <r1> at maximum draw',
        value: 3300,
        unit: 'W',
        formula: 'rack power = Σ_i n_i × w_i',
        expression: 'n1 * w1',
        inputs: [
          { symbol: 'n1', label: 'hosts', value: 3, unit: 'hosts' },
          { symbol: 'w1', label: 'maximum draw of one host', value: 1100, unit: 'W', from: 'hardware.x.power.maxWatts' },
        ],
        source: 'headroom [model]',
      },
    };
    const out = (await racksSection({ ...samplePlan, explanations })).value;
    expect(out).toContain('<td class="num">2,000 W</td><td class="num"><details class="why"><summary>3,300 W</summary><div class="why-body" role="note">');
    expect(out).toContain('Power of rack &lt;r1&gt; at maximum draw');
    // r2 has no explanation in this plan: plain text
    expect(out).toContain(
      '<tr><th scope="row">r2</th><td>az1</td><td class="num">42 RU</td><td class="num">12,000 W</td><td class="num">5 RU</td><td class="num">37 RU</td><td class="num">2,000 W</td><td class="num">3,300 W</td><td>no</td></tr>',
    );
    expect(out).not.toMatch(/<p>(?:(?!<\/p>).)*<details/s);
  });

  it('says so when there is no rack, or no elevation in the plan', async () => {
    expect((await racksSection({ ...samplePlan, racks: [] })).value).toContain('The scenario declares no rack');
    const { racks: _racks, ...without } = samplePlan;
    expect((await racksSection(without as PlanResult)).value).toContain('This plan has no rack elevations');
  });

  it('the glossary defines the terms the section uses', () => {
    expect(GLOSSARY.map((t) => t.term)).toEqual(expect.arrayContaining(['Rack unit (RU)', 'Rack elevation', 'Power budget, typical and maximum draw']));
  });
});
