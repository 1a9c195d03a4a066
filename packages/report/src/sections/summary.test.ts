import { describe, expect, it } from 'vitest';
import type { PlanHeadline, PlanResult, ProcurementPlan, Purchase } from '@headroom/core';
import { samplePlan, XSS_PAYLOAD } from '../fixtures/sample-plan.js';
import { summarySection } from './summary.js';

/** A headline for the sample plan (24 months from Jan 2027), varied per test. */
const base: PlanHeadline = {
  horizonMonths: 24,
  shows: 'with-purchases',
  holdsWithoutPurchases: true,
  holdsWithPurchases: null,
  errorFindings: 0,
  firstToRunOut: null,
  closest: { resource: 'compute.memory', label: 'Compute memory', month: '2028-12', utilisationTolerated: 0.6688, threshold: 0.8, thresholdShare: 0.836 },
  orders: null,
  rackFailure: { racks: [{ rack: 'r1', tolerated: false, harm: 'none', firstHarmMonthIndex: null, harms: [] }], worst: 'r1', worstSameAs: [] },
};

/** A purchase as the schedule writes it; only the fields the summary shows matter here. */
function purchase(p: Pick<Purchase, 'role' | 'model' | 'quantity' | 'deliveryMonth' | 'orderBy' | 'late' | 'totalPriceAmount'>): Purchase {
  return {
    ...p,
    hardware: 'hw',
    deliveryMonthIndex: 0,
    leadTimeWeeks: 12,
    reasons: [],
    placement: {},
    hosts: [],
    racksAdded: [],
    unitPriceAmount: p.totalPriceAmount === null ? null : p.totalPriceAmount / p.quantity,
    currency: p.totalPriceAmount === null ? null : 'EUR',
    heightRuTotal: 0,
    powerTypicalWatts: null,
    powerMaxWatts: null,
    heatTypicalBtuPerHour: null,
    cumulativePriceAmount: null,
    cumulativePowerTypicalWatts: null,
  };
}

/** A procurement plan with these purchases (in schedule order) and uncovered resources. */
function procurement(purchases: Purchase[], capexTotalAmount: number, uncovered: string[] = []): ProcurementPlan {
  return { purchases, capexByMonth: [], capexTotalAmount, currency: purchases.length > 0 ? 'EUR' : null, racks: [], utilisation: [], uncovered, findings: [], addedRacks: [] };
}

const render = (headline: Partial<PlanHeadline>, extra: Partial<PlanResult> = {}): string => summarySection({ ...samplePlan, ...extra, headline: { ...base, ...headline } }).value;

describe('summarySection: the four first-screen answers, in order', () => {
  it('asks the questions in the order of the issue: holds, runs out, orders, rack', () => {
    const out = render({});
    const at = (s: string) => out.indexOf(s);
    expect(at('verdict-head')).toBeGreaterThan(-1);
    expect(at('verdict-head')).toBeLessThan(at('What runs out first'));
    expect(at('What runs out first')).toBeLessThan(at('What must be ordered'));
    expect(at('What must be ordered')).toBeLessThan(at('What happens when a rack fails'));
  });

  it('holds without purchases: says so and names the closest resource with its share of the threshold', () => {
    const out = render({});
    expect(out).toContain('Yes: capacity holds for 24 months without buying anything.');
    // 0.6688 -> "66.9%", threshold 0.8 -> "80%", share 0.836 -> "84%"
    expect(out).toContain('Closest: <strong>Compute memory</strong> <code>compute.memory</code> at 66.9% of its capacity');
    expect(out).toContain('against a 80% threshold (84% of the way there)');
    expect(out).toContain('Nothing has to be ordered within the horizon: no resource runs out.');
    expect(out).toContain('href="#chart-compute-ram"');
  });

  it('runs out without a procurement section: "No", and says what is missing to schedule orders', () => {
    const out = render({
      holdsWithoutPurchases: false,
      closest: null,
      firstToRunOut: { resource: 'compute.vcpu', label: 'Compute vCPUs', monthIndex: 3, month: '2027-04', utilisationTolerated: 0.8125, threshold: 0.8 },
    });
    expect(out).toContain('verdict-fail');
    expect(out).toContain('No: Compute vCPUs runs out in Apr 2027.');
    expect(out).toContain('crosses its 80% threshold in <strong>Apr 2027</strong>, 3 months from the start: 81.3% used');
    expect(out).toContain('Not scheduled: the scenario has no <code>procurement:</code> section');
  });

  it('orders: count, total, first order-by date, late and unpriced orders', () => {
    const out = render(
      {
        holdsWithoutPurchases: false,
        holdsWithPurchases: true,
        closest: null,
        firstToRunOut: { resource: 'compute.memory', label: 'Compute memory', monthIndex: 15, month: '2028-04', utilisationTolerated: 0.8158, threshold: 0.8 },
        // schedule order: the compute purchase first; by order-by date the late storage one first
        orders: { byOrderBy: [1, 0], hosts: 3, firstOrderBy: '2026-12-04', late: 1, unpriced: 1 },
      },
      {
        procurement: procurement(
          [
            purchase({ orderBy: '2028-01-08', deliveryMonth: '2028-04', quantity: 2, model: XSS_PAYLOAD, role: 'compute', totalPriceAmount: 90000, late: false }),
            purchase({ orderBy: '2026-12-04', deliveryMonth: '2027-03', quantity: 1, model: 'Dell R760xd2', role: 'storage', totalPriceAmount: null, late: true }),
          ],
          90000,
        ),
      },
    );
    expect(out).toContain('Yes, with the 3 servers below: without them, Compute memory runs out in Apr 2028.');
    expect(out).not.toContain('error finding');
    // 1 + 2 = 3 servers; only the priced order counts: 90,000 EUR
    expect(out).toContain('3 servers in 2 orders, <strong>90,000 EUR</strong> (1 order has no price and is not counted) for the servers');
    expect(out).toContain('The first order must be placed by <strong>4 Dec 2026</strong>.');
    expect(out).toContain('1 order is already late');
    expect(out).toContain('<td class="num">90,000 EUR</td>');
    expect(out).toContain('<td class="num">—</td>'); // the unpriced order
    expect(out).not.toContain(XSS_PAYLOAD);
    expect(out).toContain('2 × &lt;img src=x onerror=alert(1)&gt;');
    // rows by order-by date: the Dec 2026 storage order before the Jan 2028 compute order
    expect(out.indexOf('4 Dec 2026</th>')).toBeLessThan(out.indexOf('8 Jan 2028</th>'));
  });

  it('orders on the demand paths of a fitted history: the first order-by per percentile, the P90 one "to be 90 % sure"', () => {
    const plan = (firstOrderBy: [string | null, string | null, string | null]) =>
      ({
        demandPercentiles: {
          bands: [
            {
              path: 'demand.growthBy.compute',
              kind: 'compound' as const,
              p10: 0.03,
              p50: 0.04,
              p90: 0.05,
              fit: { model: 'compound' as const, r2: 0.99, points: 53, from: '2025-12-01', to: '2026-11-30', series: 'ceph_pool_stored' },
            },
          ],
          plans: (['p10', 'p50', 'p90'] as const).map((percentile, i) => ({ percentile, runways: [], bottleneck: null, purchases: [], firstOrderBy: firstOrderBy[i]! })),
        },
        procurement: procurement(
          [purchase({ orderBy: '2028-01-08', deliveryMonth: '2028-04', quantity: 2, model: 'R760', role: 'compute', totalPriceAmount: 90000, late: false })],
          90000,
        ),
      }) as unknown as Partial<PlanResult>;
    const headline = {
      holdsWithoutPurchases: false,
      holdsWithPurchases: true,
      closest: null,
      orders: { byOrderBy: [0], hosts: 2, firstOrderBy: '2028-01-08', late: 0, unpriced: 0 },
    };
    // P10 grows slowest: its first order is the latest; P90 the earliest
    const out = render(headline, plan(['2028-03-01', '2028-01-08', '2027-11-09']));
    expect(out).toContain(
      'On the demand paths fitted from history (P10 / P50 / P90 growth), the first order is due by 1 Mar 2028 / 8 Jan 2028 / 9 Nov 2027: <strong>order by 9 Nov 2027 to be 90 % sure</strong>.',
    );
    // on the slow path nothing is bought: said, and no "90 % sure" without a P90 date
    expect(render(headline, plan([null, null, null]))).toContain('the first order is due by nothing to order / nothing to order / nothing to order.');
    expect(render(headline)).not.toContain('90 % sure');
  });

  it('holds with purchases but has error findings of the plan as scheduled: amber, the errors need action', () => {
    const out = render(
      {
        shows: 'with-purchases',
        holdsWithoutPurchases: false,
        holdsWithPurchases: true,
        closest: null,
        errorFindings: 2,
        firstToRunOut: { resource: 'compute.memory', label: 'Compute memory', monthIndex: 15, month: '2028-04', utilisationTolerated: 0.82, threshold: 0.8 },
        orders: { byOrderBy: [], hosts: 2, firstOrderBy: null, late: 0, unpriced: 0 },
      },
      { procurement: procurement([], 0) },
    );
    expect(out).toContain('verdict-warn');
    expect(out).toContain('2 error findings need action');
    expect(out).not.toContain('before any purchase');
  });

  it('--without-purchases: the error findings are said to describe the cloud as it is', () => {
    const out = render(
      {
        shows: 'without-purchases',
        holdsWithoutPurchases: false,
        holdsWithPurchases: true,
        closest: null,
        errorFindings: 2,
        firstToRunOut: { resource: 'compute.memory', label: 'Compute memory', monthIndex: 15, month: '2028-04', utilisationTolerated: 0.82, threshold: 0.8 },
        orders: { byOrderBy: [], hosts: 2, firstOrderBy: null, late: 0, unpriced: 0 },
      },
      { procurement: procurement([], 0) },
    );
    expect(out).toContain('2 error findings describe the cloud as it is, without the purchases');
  });

  it('purchases that leave a resource uncovered: "No" and the uncovered resource', () => {
    const out = render(
      {
        holdsWithoutPurchases: false,
        holdsWithPurchases: false,
        closest: null,
        firstToRunOut: { resource: 'compute.memory', label: 'Compute memory', monthIndex: 15, month: '2028-04', utilisationTolerated: 0.82, threshold: 0.8 },
        orders: { byOrderBy: [], hosts: 0, firstOrderBy: null, late: 0, unpriced: 0 },
      },
      { procurement: procurement([], 0, ['storage.rule.replicated_rule+backups']) },
    );
    expect(out).toContain('No: Compute memory runs out in Apr 2028, and the scheduled purchases do not cover every resource.');
    // the sample plan labels its rule set "Rules replicated_rule, backups"
    expect(out).toContain('Still running out after the purchases: Rules replicated_rule, backups (no procurement rule');
  });

  it('rack failure: the worst rack in full, racks with the same harms named with it, the others in one line', () => {
    const ceph = { subsystem: 'ceph' as const, harm: 'outage' as const, monthIndex: 0, message: 'PGs of volumes go inactive.' };
    const out = render({
      rackFailure: {
        worst: 'r1',
        worstSameAs: ['r2'],
        racks: [
          {
            rack: 'r1',
            tolerated: false,
            harm: 'outage',
            firstHarmMonthIndex: 0,
            harms: [ceph, { subsystem: 'compute', harm: 'outage', monthIndex: 16, message: '60 of 677 instances find no host.' }],
          },
          {
            rack: 'r2',
            tolerated: false,
            harm: 'outage',
            firstHarmMonthIndex: 0,
            harms: [ceph, { subsystem: 'compute', harm: 'outage', monthIndex: 16, message: '60 of 680 instances find no host.' }],
          },
          { rack: 'r3', tolerated: false, harm: 'none', firstHarmMonthIndex: null, harms: [] },
        ],
      },
    });
    expect(out).toContain('Worst: losing rack <strong>r1</strong> (r2 the same).');
    expect(out).toContain('<code>policy.tolerate.racks = 0</code>');
    expect(out).toContain('<strong>Ceph: outage</strong> from Jan 2027. PGs of volumes go inactive.');
    // month index 16 of a horizon starting Jan 2027 is May 2028
    expect(out).toContain('<strong>Compute: outage</strong> from May 2028.');
    expect(out).toContain('Other racks: r3: no harm.');
  });

  it('no rack harms anything: one sentence', () => {
    expect(render({})).toContain('Losing any one rack harms nothing within the horizon (1 rack analysed)');
  });

  it('a plan without a headline keeps the bottleneck verdict', () => {
    const { headline: _, ...plan } = { ...samplePlan, headline: undefined };
    const out = summarySection(plan as PlanResult).value;
    expect(out).toContain('verdict');
    expect(out).not.toContain('What runs out first');
  });
});

describe('summarySection: explained figures', () => {
  it("the closest resource's threshold opens its explanation; figures without one stay plain", () => {
    const explanations = {
      'resource.compute.memory.threshold': {
        id: 'resource.compute.memory.threshold',
        label: 'Threshold of <b>memory</b>',
        value: 0.8,
        unit: '',
        formula: 'threshold = policy.thresholds.compute',
        inputs: [{ symbol: 't', label: 'compute threshold', value: 0.8, unit: '', from: 'policy.thresholds.compute' }],
        source: 'headroom policy',
      },
    };
    const out = summarySection({ ...samplePlan, explanations, headline: base }).value;
    expect(out).toContain('against a <details class="why"><summary>80%</summary>');
    expect(out).toContain('Threshold of &lt;b&gt;memory&lt;/b&gt;');
    // no explanation for the last month's utilisation in this plan: plain text
    expect(out).toContain('Closest: <strong>Compute memory</strong> <code>compute.memory</code> at 66.9% of its capacity');
    // a disclosure is never inside a <p> (the parser would close the paragraph)
    expect(out).not.toMatch(/<p>(?:(?!<\/p>).)*<details/s);
  });
});
