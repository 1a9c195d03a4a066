import { describe, expect, it } from 'vitest';
import type { FailurePlan } from '../model/failure.js';
import type { ProcurementPlan, Purchase } from '../model/procurement.js';
import { planHeadline, type HeadlineInputs } from './headline.js';
import type { MonthRecord, ResourceInfo } from '../model/plan.js';

const resources: ResourceInfo[] = [
  { id: 'compute.vcpu', label: 'vCPU', unit: 'vCPU', threshold: 0.8, runwayMonths: null, runwayMonthsAllHosts: null },
  { id: 'storage.pool.rbd', label: 'pool rbd', unit: 'bytes', threshold: 0.9, runwayMonths: null, runwayMonthsAllHosts: null },
];

function month(index: number, vcpu: number, rbd: number): MonthRecord {
  const r = (u: number) => ({ demand: u, capacity: 1, capacityTolerated: 1, thresholdLevel: 1, utilisation: u, utilisationTolerated: u });
  return { index, month: `2027-0${index + 1}`, resources: { 'compute.vcpu': r(vcpu), 'storage.pool.rbd': r(rbd) } };
}

const base: HeadlineInputs = {
  horizonMonths: 2,
  resources,
  months: [month(0, 0.5, 0.5), month(1, 0.7, 0.81)],
  bottleneck: null,
  errorFindings: 0,
  racks: [],
};

describe('planHeadline', () => {
  it('holds: names the resource closest to its threshold in the last month', () => {
    const h = planHeadline(base);
    expect(h.holdsWithoutPurchases).toBe(true);
    expect(h.holdsWithPurchases).toBeNull();
    expect(h.firstToRunOut).toBeNull();
    // vCPU 0.70 / 0.80 = 0.875 of its threshold; rbd 0.81 / 0.90 = 0.9: rbd is closer although vCPU is nearer in points.
    expect(h.closest?.resource).toBe('storage.pool.rbd');
    expect(h.closest?.thresholdShare).toBeCloseTo(0.9, 12);
    expect(h.closest?.month).toBe('2027-02');
    expect(h.orders).toBeNull();
    expect(h.rackFailure).toBeNull();
  });

  it('runs out: the bottleneck with its utilisation that month; no "closest"', () => {
    const h = planHeadline({ ...base, months: [month(0, 0.5, 0.5), month(1, 0.85, 0.5)], bottleneck: { resource: 'compute.vcpu', runwayMonths: 1, month: '2027-02' } });
    expect(h.holdsWithoutPurchases).toBe(false);
    expect(h.firstToRunOut).toEqual({ resource: 'compute.vcpu', label: 'vCPU', monthIndex: 1, month: '2027-02', utilisationTolerated: 0.85, threshold: 0.8 });
    expect(h.closest).toBeNull();
  });

  it("orders: Σ hosts, the earliest order-by date (not the first purchase's), late and unpriced counts", () => {
    const purchase = (orderBy: string, quantity: number, price: number | null, late = false) =>
      ({
        role: 'compute',
        hardware: 'h',
        model: 'M',
        quantity,
        deliveryMonthIndex: 1,
        deliveryMonth: '2027-02',
        orderBy,
        leadTimeWeeks: 8,
        late,
        reasons: [],
        placement: {},
        hosts: [],
        racksAdded: [],
        unitPriceAmount: null,
        totalPriceAmount: price,
        currency: 'EUR',
        heightRuTotal: 0,
        powerTypicalWatts: null,
        powerMaxWatts: null,
        heatTypicalBtuPerHour: null,
        cumulativePriceAmount: null,
        cumulativePowerTypicalWatts: null,
      }) as Purchase;
    const procurement = {
      purchases: [purchase('2027-03-01', 2, 1000), purchase('2026-12-04', 1, null, true)],
      capexByMonth: [],
      capexTotalAmount: 1000,
      currency: 'EUR',
      racks: [],
      utilisation: [],
      uncovered: ['storage.pool.rbd'],
      findings: [],
      addedRacks: [],
    } satisfies ProcurementPlan;
    const h = planHeadline({ ...base, procurement });
    expect(h.holdsWithPurchases).toBe(false); // rbd is still uncovered
    // 2 + 1 = 3 hosts; "2026-12-04" < "2027-03-01"
    // by order-by date, not schedule order: "2026-12-04" < "2027-03-01"; 2 + 1 = 3 hosts
    expect(h.orders).toEqual({ byOrderBy: [1, 0], hosts: 3, firstOrderBy: '2026-12-04', late: 1, unpriced: 1 });
  });

  it('rack failure: an outage beats an earlier degradation; harms sorted worst first', () => {
    const domain = (name: string) => ({ id: `rack:${name}`, kind: 'rack' as const, name, tolerated: false, hostsLost: [], hostsDrained: [], hostsDegraded: [] });
    const impact = (rack: string, subsystem: 'compute' | 'ceph', harm: 'none' | 'degraded' | 'outage', month: number | null) => ({
      domain: `rack:${rack}`,
      subsystem,
      harm,
      firstHarmMonth: month,
      severity: null,
      message: `${subsystem} cell`,
      harms:
        harm === 'none' || month === null ? [] : [{ code: `failure.${subsystem}.x`, harm, month, severity: 'warning' as const, message: `${subsystem} ${harm} from ${month}` }],
    });
    const failure: FailurePlan = {
      policy: { tolerate: { hosts: 1, racks: 0, zones: 0, switches: 0, feeds: 0 }, maintenance: { hosts: 0, roles: [] } },
      assumptions: [],
      domains: [domain('r1'), domain('r2'), domain('r3')],
      impacts: [impact('r1', 'ceph', 'degraded', 0), impact('r2', 'compute', 'outage', 5), impact('r2', 'ceph', 'degraded', 0), impact('r3', 'compute', 'none', null)],
    };
    const h = planHeadline({ ...base, failure, racks: ['r1', 'r2', 'r3'] });
    expect(h.rackFailure?.worst).toBe('r2');
    expect(h.rackFailure?.worstSameAs).toEqual([]); // r1 is only degraded
    const r2 = h.rackFailure?.racks[1];
    expect(r2).toMatchObject({ rack: 'r2', harm: 'outage', firstHarmMonthIndex: 0 });
    expect(r2?.harms.map((x) => x.subsystem)).toEqual(['compute', 'ceph']);
    expect(h.rackFailure?.racks[2]).toMatchObject({ rack: 'r3', harm: 'none', firstHarmMonthIndex: null, harms: [] });
  });

  it('rack failure: racks harmed the same way from the same months go with the worst, whatever their sentences say', () => {
    const domain = (name: string) => ({ id: `rack:${name}`, kind: 'rack' as const, name, tolerated: false, hostsLost: [], hostsDrained: [], hostsDegraded: [] });
    const impact = (rack: string, month: number, message: string) => ({
      domain: `rack:${rack}`,
      subsystem: 'compute' as const,
      harm: 'outage' as const,
      firstHarmMonth: month,
      severity: 'warning' as const,
      message,
      harms: [{ code: 'failure.compute.shortfall', harm: 'outage' as const, month, severity: 'warning' as const, message }],
    });
    const failure: FailurePlan = {
      policy: { tolerate: { hosts: 1, racks: 0, zones: 0, switches: 0, feeds: 0 }, maintenance: { hosts: 0, roles: [] } },
      assumptions: [],
      domains: [domain('r1'), domain('r2'), domain('r3')],
      // r1 and r2 from month 16 (60 of 677 / 680 instances), r3 from month 17
      impacts: [impact('r1', 16, '60 of 677'), impact('r2', 16, '60 of 680'), impact('r3', 17, '55 of 571')],
    };
    const h = planHeadline({ ...base, failure, racks: ['r1', 'r2', 'r3'] });
    expect(h.rackFailure?.worst).toBe('r1');
    expect(h.rackFailure?.worstSameAs).toEqual(['r2']);
  });
});
