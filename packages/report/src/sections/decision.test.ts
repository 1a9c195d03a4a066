import { describe, expect, it } from 'vitest';
import type { CostPlan, PlanDiff, PlanResult, RiskBand, RoleCheck } from '@headroom/core';
import { samplePlan, XSS_PAYLOAD } from '../fixtures/sample-plan.js';
import { changesSection, changesSummary } from './changes.js';
import { costSection, costSummary } from './cost.js';
import { findingsSection } from './findings.js';
import { nodesSection } from './nodes.js';
import { riskBlock } from './risk.js';

/** A bill with a priced server line, an unpriced energy line and a zero-quantity rack line. */
const cost: CostPlan = {
  currency: 'EUR',
  initialFleet: 'owned',
  hoursPerMonth: 730,
  pue: 1.4,
  lines: [
    { item: 'servers', subject: 'cmp-r760', kind: 'capex', quantity: 2, unit: 'server', unitPriceAmount: 10_000, amount: 20_000, basis: 'purchases of Dell R760' },
    { item: 'racks', kind: 'capex', quantity: 0, unit: 'rack', unitPriceAmount: 1_800, amount: 0, basis: 'racks the purchases add' },
    { item: 'energy', kind: 'opex', quantity: 1_000.4, unit: 'kWh', unitPriceAmount: null, amount: null, basis: 'typical draw', unpriced: 'no price (costs.energyPerKwh)' },
    { item: 'spares', kind: 'capex', quantity: 20_000, unit: 'EUR of server CAPEX', unitPriceAmount: 0.05, amount: 1_000, basis: '5 % of the server CAPEX' },
  ],
  months: [
    {
      index: 0,
      month: '2027-01',
      capexAmount: 21_000,
      opexAmount: 0,
      cumulativeAmount: 21_000,
      powerTypicalWatts: 1_000,
      energyKwh: 1_000.4,
      serversInService: 2,
      racksInService: 1,
    },
  ],
  capexTotalAmount: 21_000,
  opexTotalAmount: 0,
  tcoAmount: 21_000,
  unpricedItems: ['energy'],
  unitCosts: {
    perVcpuAmount: 21_000 / 992,
    perRamGibAmount: null,
    perUsableTbAmount: null,
    perSafeUsableTbAmount: null,
    vcpu: 992,
    ramGib: null,
    usableTb: null,
    safeUsableTb: null,
  },
};
const plan: PlanResult = { ...samplePlan, cost };

describe('the whole bill', () => {
  it('decision block: TCO sentence, lines with a quantity, unpriced badge, unit cost', () => {
    const out = costSummary(plan).value;
    expect(out).toContain('<strong>21,000 EUR</strong> = CAPEX 21,000 EUR + running cost 0 EUR');
    expect(out).toContain('<strong>1 item has no price</strong>');
    expect(out).toContain('<span class="badge sev-warning">unpriced</span>');
    expect(out).not.toContain('0 racks'); // nothing to price: left out of the summary
    expect(out).toContain('5 %'); // spares' share
    expect(out).toContain('1,000 kWh'); // 1,000.4 kWh shown whole
    // 21,000 / 992 vCPU = 21.17 -> "21 EUR"
    expect(out).toContain('21 EUR per vCPU (of 992)');
  });

  it('appendix section: every line with how it was counted, the months, and 0-quantity lines', () => {
    const out = costSection(plan).value;
    expect(out).toContain('<h2 id="cost">Cost</h2>');
    expect(out).toContain('0 racks');
    expect(out).toContain('typical draw; <strong>no price (costs.energyPerKwh)</strong>');
    expect(out).toContain('<th scope="row">Jan 2027</th>');
  });

  it("escapes the scenario's names", () => {
    const hostile: CostPlan = { ...cost, lines: [{ ...cost.lines[0]!, subject: XSS_PAYLOAD }] };
    expect(costSection({ ...plan, cost: hostile }).value).not.toContain(XSS_PAYLOAD);
  });
});

describe('findings at print width', () => {
  it('puts each distinct source in a numbered note under the table, and keeps codes whole', () => {
    const findings = [
      { code: 'ceph.pool.cannot_self_heal', severity: 'warning' as const, subject: 'pool a', message: 'm1', source: 'Ceph docs: placement groups' },
      { code: 'ceph.pool.cannot_self_heal', severity: 'warning' as const, subject: 'pool b', message: 'm2', source: 'Ceph docs: placement groups' },
      { code: 'control.quorum.even', severity: 'info' as const, subject: 'role control', message: 'm3', source: 'Galera docs' },
    ];
    const out = findingsSection({ ...samplePlan, findings }).value;
    expect(out).not.toContain('<th scope="col">Source</th>');
    expect(out.match(/href="#finding-source-1"/g)).toHaveLength(2); // one note for the two pool findings
    expect(out).toContain('<li id="finding-source-2">Galera docs</li>');
    expect(out).toContain('<code class="finding-code">ceph.pool.cannot_self_heal</code>'); // no <wbr> inside the code
  });
});

describe('role checks', () => {
  it('collapse the passing checks to a count, and list the others', () => {
    const check = (status: RoleCheck['status'], requirement: string): RoleCheck => ({
      role: 'compute',
      hardware: 'cmp',
      hosts: ['compute-01'],
      requirement,
      label: requirement,
      status,
      expected: 'x',
      actual: 'y',
      evidence: 'e',
      source: 's',
    });
    const checks = [check('pass', 'a'), check('pass', 'b'), check('fail', 'c'), check('unknown', 'd')];
    const out = nodesSection({ ...samplePlan, roleChecks: checks }).value;
    expect(out).toContain('<strong>2 of 4</strong> role checks pass; 2 fail or are unknown (below).');
    expect(out).toContain('<details class="checks-passing"><summary>The 2 passing checks</summary>');
    // the failing ones are outside the <details>
    const open = out.slice(0, out.indexOf('<details class="checks-passing">'));
    expect(open).toContain('check-fail');
    expect(open).toContain('check-unknown');
    expect(open).not.toContain('check-pass');
  });
});

describe('risk band', () => {
  const risk: RiskBand = {
    runs: 50,
    seed: 1,
    growth: { low: 0.02, likely: 0.03, high: 0.05 },
    growthPerMonth: { p10: 0.024, p50: 0.031, p90: 0.043 },
    resource: 'compute.memory',
    label: 'Compute memory',
    unit: 'MiB',
    months: [0, 1, 2].map((i) => ({
      index: i,
      month: `2027-0${i + 1}`,
      demandP10: 1024 * (100 + i),
      demandP50: 1024 * (100 + 2 * i),
      demandP90: 1024 * (100 + 3 * i),
      thresholdLevel: 1024 * 150,
    })),
    firstOrderBy: { p10: '2026-12-04', p50: '2027-02-05', p90: null },
    firstDeliveryMonth: { p10: '2027-03', p50: '2027-05', p90: null },
    capexTotalAmount: { p10: 0, p50: 10_000, p90: 30_000 },
    currency: 'EUR',
    hosts: { compute: { p10: 0, p50: 1, p90: 3 }, storage: { p10: 0, p50: 0, p90: 0 } },
  };

  it('draws the fan with a legend entry for every mark and lists the order-by date per percentile', async () => {
    const out = (await riskBlock({ ...samplePlan, risk })).value;
    for (const entry of ['demand P10–P90 (growth range)', 'demand P50', 'threshold, with the scheduled purchases', 'first order-by date, per percentile']) {
      expect(out).toContain(entry);
    }
    // slow growth goes with the latest order (P90 of the dates: none in the horizon), fast growth with the earliest
    expect(out).toMatch(/Slow growth \(P10\)<\/th><td class="num">2\.4% a month<\/td><td class="nowrap">none in the horizon/);
    expect(out).toMatch(/Fast growth \(P90\)<\/th><td class="num">4\.3% a month<\/td><td class="nowrap">4 Dec 2026/);
    // an order-by date before the horizon is drawn at its first month, and says it is late
    expect(out).toContain('order: fast growth (late)');
    // memory in GiB in the caption: 1024 × 102 MiB = 102 GiB (P10, last month)
    expect(out).toContain('102 GiB to 106 GiB');
  });

  it('says how to get one when the plan has none', async () => {
    expect((await riskBlock(samplePlan)).value).toContain('procurement.simulation');
  });
});

describe('what changed', () => {
  const diff: PlanDiff = {
    diffSchemaVersion: 1,
    old: { name: 'Last month', generatorVersion: '0.1.0', scenarioSha256: 'a'.repeat(64), horizon: '2027-01..2028-12' },
    new: { name: 'Now', generatorVersion: '0.1.0', scenarioSha256: null, horizon: '2027-01..2028-12' },
    runway: [{ resource: 'compute.memory', label: 'Memory', oldMonths: 15, newMonths: 12, deltaMonths: -3, presence: 'both' }],
    bottleneck: { old: { resource: 'compute.memory', month: '2028-04' }, new: { resource: 'compute.memory', month: '2028-01' }, changed: true },
    withoutPurchases: {
      old: { resource: 'compute.memory', month: '2028-04', monthIndex: 15 },
      new: { resource: 'compute.memory', month: '2027-08', monthIndex: 7 },
      deltaMonths: -8,
    },
    shortestRunway: { old: 15, new: 12 },
    orders: [
      {
        change: 'earlier',
        role: 'compute',
        hardware: 'cmp',
        oldDeliveryMonth: '2028-04',
        newDeliveryMonth: '2028-01',
        oldOrderBy: '2028-01-08',
        newOrderBy: '2027-10-09',
        oldQuantity: 2,
        newQuantity: 2,
        oldAmount: 90_000,
        newAmount: 90_000,
        deltaAmount: 0,
      },
    ],
    currency: 'EUR',
    capex: { old: 90_000, new: 180_000, delta: 90_000 },
    tco: { old: 100_000, new: 195_000, delta: 95_000 },
    findings: { added: [{ code: 'capacity.threshold_crossed', severity: 'warning', subject: 'resource compute.memory', message: 'crosses' }], resolved: [] },
    racks: [],
    unchanged: false,
  };

  it('summarises in one sentence and details in a section', () => {
    expect(changesSummary(diff).value).toContain(
      'the need to buy comes 8 months earlier; 1 runway shorter, 0 longer; 1 order changed; CAPEX +90,000 EUR, TCO +95,000 EUR; 1 new and 0 resolved findings.',
    );
    const out = changesSection(diff).value;
    expect(out).toContain('<h2 id="changes">What changed</h2>');
    expect(out).toContain('<td class="num">−3</td>');
    expect(out).toContain('<th scope="row">earlier</th>');
    expect(out).toContain('scenario sha256 aaaaaaaaaaaa');
    expect(changesSection(undefined).value).toBe('');
  });
});
