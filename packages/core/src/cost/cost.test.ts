import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/evaluate.js';
import type { FleetHost } from '../model/fleet.js';
import type { MonthRecord } from '../model/plan.js';
import type { Rack } from '../model/scenario.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { parseScenario } from '../scenario/parse.js';
import { HOURS_PER_MONTH, planCost, unitCosts } from './cost.js';

const root = join(import.meta.dirname, '../../../..');

function pilot() {
  const file = 'scenarios/reference-pilot.yaml';
  const parsed = parseScenario(readFileSync(join(root, file), 'utf8'), { fileName: file });
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return evaluate(parsed.scenario!);
}

const line = (c: ReturnType<typeof planCost>['plan'], item: string, subject?: string) => c.lines.find((l) => l.item === item && (subject === undefined || l.subject === subject))!;

describe('the whole bill of the reference pilot (initialFleet: buy, no purchases)', () => {
  const plan = pilot();
  const c = plan.cost!;

  it('counts every item and prices it', () => {
    // servers: 3 × 14,000 + 3 × 24,000 + 3 × 26,000 + 1 × 4,500 = 196,500
    expect(line(c, 'servers', 'ctl-r660').amount).toBe(42_000);
    expect(line(c, 'servers', 'cmp-r760').amount).toBe(72_000);
    expect(line(c, 'servers', 'sto-r7615').amount).toBe(78_000);
    expect(line(c, 'servers', 'dep-r360').amount).toBe(4_500);
    // 3 racks × 1,800; 2 feeds (A, B) per rack = 6 PDUs × 900; a ToR pair per rack = 6 × 14,000
    expect([line(c, 'racks').quantity, line(c, 'racks').amount]).toEqual([3, 5_400]);
    expect([line(c, 'pdus').quantity, line(c, 'pdus').amount]).toEqual([6, 5_400]);
    expect([line(c, 'tor-switches').quantity, line(c, 'tor-switches').amount]).toEqual([6, 84_000]);
    // cabled ports (network: bond0 + bond1 of 2 ports each on 9 servers, bond0 of 2 on deploy):
    // 9 × 4 + 2 = 38 cables × 12 = 456; two optics per port: 76 × 45 = 3,420
    expect([line(c, 'cables').quantity, line(c, 'cables').amount]).toEqual([38, 456]);
    expect([line(c, 'optics').quantity, line(c, 'optics').amount]).toEqual([76, 3_420]);
    // spares: 3 % of 196,500 = 5,895
    expect(line(c, 'spares').amount).toBeCloseTo(5_895, 6);
    // support: 10 servers × 24 months / 12 = 20 server-years × 1,100 = 22,000
    expect([line(c, 'support').quantity, line(c, 'support').amount]).toEqual([20, 22_000]);
    // energy: 4,310 W × 1.45 × 730 h / 1,000 = 4,562.135 kWh a month; × 24 = 109,491.24 kWh × 0.21 = 22,993.1604
    expect(line(c, 'energy').quantity).toBeCloseTo(109_491.24, 6);
    expect(line(c, 'energy').amount).toBeCloseTo(22_993.1604, 6);
    // colocation: 3 racks × 24 months = 72 rack-months × 1,150 = 82,800
    expect([line(c, 'colocation-racks').quantity, line(c, 'colocation-racks').amount]).toEqual([72, 82_800]);
  });

  it('totals CAPEX, OPEX and TCO, all CAPEX in the first month', () => {
    // CAPEX 196,500 + 5,400 + 5,400 + 84,000 + 456 + 3,420 + 5,895 = 301,071
    expect(c.capexTotalAmount).toBeCloseTo(301_071, 6);
    // OPEX 22,000 + 22,993.1604 + 82,800 = 127,793.1604
    expect(c.opexTotalAmount).toBeCloseTo(127_793.1604, 6);
    // TCO 428,864.1604
    expect(c.tcoAmount).toBeCloseTo(428_864.1604, 6);
    expect(c.months[0]!.capexAmount).toBeCloseTo(301_071, 6);
    expect(c.months.slice(1).every((m) => m.capexAmount === 0)).toBe(true);
    // one month's running cost: 10 × 1,100 / 12 + 4,562.135 × 0.21 + 3 × 1,150 = 916.667 + 958.048 + 3,450 = 5,324.715
    expect(c.months[5]!.opexAmount).toBeCloseTo(916.6667 + 958.04835 + 3_450, 3);
    expect(c.months[23]!.cumulativeAmount).toBeCloseTo(428_864.1604, 6);
    expect(c.currency).toBe('EUR');
    expect(c.unpricedItems).toEqual([]);
    expect(plan.findings.filter((f) => f.code.startsWith('cost.'))).toEqual([]);
  });

  it('divides the TCO by each capacity of the last month', () => {
    // vCPU: 3 hosts × (128 - 4) × 4.0 = 1,488; RAM 3 × 496 GiB = 1,488 GiB
    expect(c.unitCosts.vcpu).toBe(1_488);
    expect(c.unitCosts.perVcpuAmount).toBeCloseTo(428_864.1604 / 1_488, 6);
    expect(c.unitCosts.ramGib).toBe(1_488);
    // usable: raw 184.32 TB / 1.0625 (fullest OSD) / size 3 = 57.826 TB; safe: 136.61 TB safe raw / 3 = 45.54 TB
    expect(c.unitCosts.usableTb).toBeCloseTo(184.32 / 1.0625 / 3, 6);
    expect(c.unitCosts.safeUsableTb).toBeCloseTo((161.28 * 0.9) / 1.0625 / 3, 6);
  });
});

describe('planCost on a hand-built fleet', () => {
  const hardware = baseHardware();
  hardware['cmp-r760'] = { ...hardware['cmp-r760']!, price: { amount: 10_000, currency: 'EUR' }, power: { typicalWatts: 500, maxWatts: 900 } };
  const months = (n: number): MonthRecord[] => Array.from({ length: n }, (_, i) => ({ index: i, month: `2027-0${i + 1}`, resources: {} }));
  const host = (name: string, rack: string, fromMonth: number, purchased: boolean, untilMonth: number | null = null): FleetHost => ({
    name,
    role: 'compute',
    hardware: 'cmp-r760',
    rack,
    fromMonth,
    untilMonth,
    purchased,
  });
  const racks: Rack[] = [{ name: 'r1', heightRu: 42, switches: ['r1-tor-a', 'r1-tor-b'], powerFeeds: ['A', 'B'] }];
  const added: Rack = { name: 'new-rack-01', heightRu: 42, switches: ['new-rack-01-tor-a', 'new-rack-01-tor-b'], powerFeeds: ['A', 'B'] };
  const hosts = [host('compute-01', 'r1', 0, false), host('compute-02', 'r1', 0, false, 2), host('compute-new-01', 'new-rack-01', 2, true)];

  it('owned fleet: only the purchase and the rack it adds are CAPEX, booked in its delivery month', () => {
    const s = makeScenario({
      hardware,
      racks,
      costs: {
        initialFleet: 'owned',
        rack: { amount: 2_000, currency: 'EUR' },
        pdu: { amount: 500, currency: 'EUR' },
        torSwitch: { amount: 9_000, currency: 'EUR' },
        optic: { amount: 40, currency: 'EUR' },
        cable: { amount: 10, currency: 'EUR' },
        colocationPerRuMonth: { amount: 30, currency: 'EUR' },
      },
    });
    const { plan, findings } = planCost(s, { hosts, racks: [...racks, added], months: months(4), pools: [] });
    // month 2: server 10,000 + rack 2,000 + 2 PDUs 1,000 + 2 switches 18,000 + 2 NIC ports → 4 optics 160 + 2 cables 20 = 31,180
    expect(plan.months.map((m) => m.capexAmount)).toEqual([0, 0, 31_180, 0]);
    // servers in service: 2, 2, 2 (compute-02 retires at 2, the new one arrives), 2; 2 RU each: 4 RU × 30 = 120 a month
    expect(plan.months.map((m) => m.serversInService)).toEqual([2, 2, 2, 2]);
    expect(plan.months.map((m) => m.opexAmount)).toEqual([120, 120, 120, 120]);
    expect(plan.months.map((m) => m.racksInService)).toEqual([1, 1, 2, 2]);
    // support and energy unpriced: listed, never counted as zero
    expect(plan.unpricedItems).toEqual(['spares', 'support', 'energy']);
    expect(line(plan, 'support').amount).toBeNull();
    expect(line(plan, 'energy').quantity).toBeCloseTo(((2 * 500 * 730) / 1000) * 4, 9); // PUE 1: 730 kWh a month × 4
    expect(findings.map((f) => f.code)).toEqual(['cost.unpriced']);
    expect(plan.tcoAmount).toBe(31_180 + 480);
  });

  it('a price in another currency is left out with cost.mixed_currency', () => {
    const s = makeScenario({ hardware, racks, costs: { initialFleet: 'owned', rack: { amount: 2_000, currency: 'USD' } } });
    const { plan, findings } = planCost(s, { hosts, racks: [...racks, added], months: months(4), pools: [] });
    expect(plan.currency).toBe('EUR');
    expect(line(plan, 'racks').amount).toBeNull();
    expect(line(plan, 'racks').unpriced).toBe('priced in USD, not EUR');
    expect(findings.map((f) => f.code)).toContain('cost.mixed_currency');
  });

  it("a rack shared switch name is bought once, and an owned rack's switch not at all", () => {
    const shared: Rack = { ...added, switches: ['r1-tor-a', 'spine-x'] };
    const s = makeScenario({ hardware, racks, costs: { initialFleet: 'owned', torSwitch: { amount: 1, currency: 'EUR' } } });
    const { plan } = planCost(s, { hosts, racks: [...racks, shared], months: months(4), pools: [] });
    expect(line(plan, 'tor-switches').quantity).toBe(1); // spine-x; r1-tor-a is r1's (owned)
  });

  it('unit costs divide the whole TCO by each capacity', () => {
    const m: MonthRecord = {
      index: 0,
      month: '2027-01',
      resources: {
        'compute.vcpu': { demand: 0, capacity: 400, capacityTolerated: 300, thresholdLevel: 240, utilisation: 0, utilisationTolerated: 0 },
        'compute.memory': { demand: 0, capacity: 2048 * 1024, capacityTolerated: 0, thresholdLevel: 0, utilisation: 0, utilisationTolerated: 0 },
        'storage.rule.r': { demand: 0, capacity: 300e12, capacityTolerated: 200e12, thresholdLevel: 180e12, utilisation: 0, utilisationTolerated: 0 },
      },
    };
    // pools on the rule: size 3 with share 0.5, EC 4+2 (1.5) with share 0.5: factor (0.5/3 + 0.5/1.5) / 1 = 0.5
    const u = unitCosts(1_000, {
      hosts: [],
      racks: [],
      months: [m],
      pools: [
        { ruleSet: 'storage.rule.r', share: 0.5, rawUsedRate: 3 },
        { ruleSet: 'storage.rule.r', share: 0.5, rawUsedRate: 1.5 },
      ],
    });
    expect(u.perVcpuAmount).toBe(2.5); // 1,000 / 400
    expect(u.perRamGibAmount).toBe(1_000 / 2048);
    expect(u.usableTb).toBe(150); // 300 TB × 0.5
    expect(u.safeUsableTb).toBe(90); // 180 TB × 0.5
    expect(u.perSafeUsableTbAmount).toBeCloseTo(1_000 / 90, 12);
  });

  it('730 hours a month: 8,760 / 12', () => {
    expect(HOURS_PER_MONTH).toBe(8_760 / 12);
  });
});
