import { describe, expect, it } from 'vitest';
import type { Scenario } from '../model/scenario.js';
import { evaluate } from '../evaluate/evaluate.js';
import { expandHosts } from '../fleet/hosts.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import type { Purchase } from '../model/procurement.js';
import { planProcurement } from '../procurement/schedule.js';
import { rackElevations, rackPowerFindings } from './elevation.js';

/**
 * The base test scenario: 3 controllers (ctl-r660, 1 RU, 450 W typical / 800 W max),
 * 3 hypervisors (cmp-r760, 2 RU, no power data) and 4 storage hosts (sto-r760xd2, 2 RU, no
 * power data), each group spread over r1, r2, r3 (42 RU): r1 holds control-01, compute-01,
 * storage-01 and storage-04.
 */
describe('rackElevations', () => {
  it('stacks hosts bottom-up in host order; power is null when a model has none', () => {
    // r1: control-01 RU 1 (1 RU), compute-01 RU 2-3, storage-01 RU 4-5, storage-04 RU 6-7:
    // used 1 + 2 + 2 + 2 = 7 RU, free 42 - 7 = 35. Only the controller has power data.
    const s = makeScenario({ racks: makeScenario().racks.map((r) => ({ ...r, powerBudgetWatts: 1000 })) });
    const [r1, r2] = rackElevations(s, expandHosts(s).hosts);
    expect(r1!.units.map((u) => [u.host, u.role, u.bottomRu, u.heightRu, u.inServiceMonthIndex, u.purchased])).toEqual([
      ['control-01', 'control', 1, 1, 0, false],
      ['compute-01', 'compute', 2, 2, 0, false],
      ['storage-01', 'storage', 4, 2, 0, false],
      ['storage-04', 'storage', 6, 2, 0, false],
    ]);
    expect(r1!.units[0]).toMatchObject({ hardware: 'ctl-r660', model: 'Dell PowerEdge R660', inServiceMonth: '2027-01', powerTypicalWatts: 450, powerMaxWatts: 800 });
    expect(r1!.units[1]).toMatchObject({ powerTypicalWatts: null, powerMaxWatts: null });
    expect(r1!.hostsWithoutPower).toEqual(['compute-01', 'storage-01', 'storage-04']);
    // The known 800 W is within the 1,000 W budget but the rest is unknown: overBudget null.
    expect(r1!.month0).toEqual({ usedRu: 7, freeRu: 35, powerTypicalWatts: null, powerMaxWatts: null, overBudget: null });
    expect(r1!.afterPurchases).toEqual(r1!.month0);
    expect([r1!.name, r1!.zone, r1!.heightRu, r1!.powerBudgetWatts, r1!.added]).toEqual(['r1', 'az1', 42, 1000, null]);
    // r2: control-02, compute-02, storage-02: 1 + 2 + 2 = 5 RU.
    expect(r2!.units.map((u) => [u.host, u.bottomRu])).toEqual([
      ['control-02', 1],
      ['compute-02', 2],
      ['storage-02', 4],
    ]);
    expect(r2!.month0.usedRu).toBe(5);
  });

  it('sums typical and maximum draw; the budget is checked against the maximum, equal is within', () => {
    // With power on every model: hypervisor 500 / 900 W, storage 300 / 600 W.
    // r2 = control-02 + compute-02 + storage-02: typical 450 + 500 + 300 = 1,250 W, max 800 + 900 + 600 = 2,300 W.
    const hardware = baseHardware();
    hardware['cmp-r760'] = { ...hardware['cmp-r760']!, power: { typicalWatts: 500, maxWatts: 900 } };
    hardware['sto-r760xd2'] = { ...hardware['sto-r760xd2']!, power: { typicalWatts: 300, maxWatts: 600 } };
    const at = (budget: number): Scenario => makeScenario({ hardware, racks: makeScenario().racks.map((r) => ({ ...r, powerBudgetWatts: budget })) });
    const r2 = (s: Scenario) => rackElevations(s, expandHosts(s).hosts)[1]!;
    expect(r2(at(2300)).month0).toEqual({ usedRu: 5, freeRu: 37, powerTypicalWatts: 1250, powerMaxWatts: 2300, overBudget: false });
    expect(r2(at(2299)).month0.overBudget).toBe(true);
    expect(r2(at(2300)).hostsWithoutPower).toEqual([]);
    // No budget: nothing to exceed.
    const open = makeScenario({ hardware });
    expect(r2(open).powerBudgetWatts).toBeNull();
    expect(r2(open).month0.overBudget).toBeNull();
  });

  it('rack.power_exceeded: when the hosts with power data alone exceed the budget', () => {
    // r1 at a 700 W budget: control-01 alone draws up to 800 W > 700 W (the other three have no data).
    // r2 and r3 likewise. value 800, limit 700, 100 W over.
    const s = makeScenario({ racks: makeScenario().racks.map((r) => ({ ...r, powerBudgetWatts: 700 })) });
    const racks = rackElevations(s, expandHosts(s).hosts);
    expect(racks[0]!.month0.overBudget).toBe(true);
    const findings = rackPowerFindings(racks);
    expect(findings.map((f) => [f.code, f.severity, f.subject, f.value, f.limit, f.unit, f.month])).toEqual([
      ['rack.power_exceeded', 'warning', 'rack r1', 800, 700, 'W', undefined],
      ['rack.power_exceeded', 'warning', 'rack r2', 800, 700, 'W', undefined],
      ['rack.power_exceeded', 'warning', 'rack r3', 800, 700, 'W', undefined],
    ]);
    expect(findings[0]!.message).toBe(
      'rack r1 can draw more than 800 W at maximum with the hosts in service at the start, over its 700 W power budget (100 W over); compute-01, storage-01, storage-04 without power data not counted',
    );
    // evaluate reports them with the other findings, and sets racks on the plan
    const plan = evaluate(s);
    expect(plan.findings.filter((f) => f.code === 'rack.power_exceeded')).toHaveLength(3);
    expect(plan.racks?.map((r) => r.name)).toEqual(['r1', 'r2', 'r3']);
  });

  it('freeRu is negative when the hosts do not fit', () => {
    // 2 RU racks: r1 still gets its 7 RU of hosts (spread ignores space): 2 - 7 = -5.
    const s = makeScenario({ racks: makeScenario().racks.map((r) => ({ ...r, heightRu: 2 })) });
    expect(rackElevations(s, expandHosts(s).hosts)[0]!.month0).toMatchObject({ usedRu: 7, freeRu: -5 });
  });

  it('no racks declared: no elevation', () => {
    const s = makeScenario({ racks: [] });
    expect(rackElevations(s, expandHosts(s).hosts)).toEqual([]);
  });

  it('purchased hosts stack on top in the racks the schedule chose, from their delivery month; added racks say when and why', () => {
    // The schedule test's scenario (procurement/schedule.test.ts, "adds a rack when no rack of
    // the role has the power budget"): hypervisors 500 / 900 W, racks of 1,700 W, one hypervisor
    // bought in month 9 (2027-10) into new-rack-01 and one in month 22 (2028-11) into new-rack-02,
    // both added for power. Each new rack: compute-new-NN at RU 1-2, 2 RU of 42, 500 / 900 W.
    const hardware = baseHardware();
    hardware['cmp-r760'] = { ...hardware['cmp-r760']!, power: { typicalWatts: 500, maxWatts: 900 } };
    const s = makeScenario({
      hardware,
      racks: ['az1', 'az2', 'az3'].map((zone, i) => ({ name: `r${i + 1}`, zone, heightRu: 42, powerBudgetWatts: 1700 })),
      demand: { instances: [{ flavor: 'm1.xlarge', count: 20 }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0.03 } },
      policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
      procurement: { roles: { compute: { hardware: 'cmp-r760', batch: 1, leadTimeWeeks: 12, coverMonths: 0 } } },
    });
    const procurement = planProcurement(s)!;
    const racks = rackElevations(s, expandHosts(s).hosts, procurement);
    expect(racks.map((r) => r.name)).toEqual(['r1', 'r2', 'r3', 'new-rack-01', 'new-rack-02']);
    const [, , r3, n1, n2] = racks;
    expect(n1!.added).toEqual({ monthIndex: 9, month: '2027-10', reason: 'power' });
    expect(n2!.added).toEqual({ monthIndex: 22, month: '2028-11', reason: 'power' });
    expect([n1!.zone, n1!.heightRu, n1!.powerBudgetWatts]).toEqual(['az3', 42, 1700]);
    expect(n1!.units).toEqual([
      {
        host: 'compute-new-01',
        role: 'compute',
        hardware: 'cmp-r760',
        model: 'Dell PowerEdge R760',
        bottomRu: 1,
        heightRu: 2,
        powerTypicalWatts: 500,
        powerMaxWatts: 900,
        inServiceMonthIndex: 9,
        inServiceMonth: '2027-10',
        purchased: true,
        outOfServiceMonthIndex: null,
        outOfServiceMonth: null,
      },
    ]);
    expect(n2!.units.map((u) => [u.host, u.inServiceMonthIndex])).toEqual([['compute-new-02', 22]]);
    // A rack added later holds nothing in month 0.
    expect(n1!.month0).toEqual({ usedRu: 0, freeRu: 42, powerTypicalWatts: 0, powerMaxWatts: 0, overBudget: false });
    expect(n1!.afterPurchases).toEqual({ usedRu: 2, freeRu: 40, powerTypicalWatts: 500, powerMaxWatts: 900, overBudget: false });
    // r3 gets nothing bought: the same before and after (control-03 + compute-03 = 1,700 W known, storage-03 unknown).
    expect(r3!.units.every((u) => !u.purchased)).toBe(true);
    expect(r3!.afterPurchases).toEqual(r3!.month0);
    expect(r3!.month0.overBudget).toBeNull();
    // The procurement plan's racks are read off the same elevations.
    expect(procurement.racks.find((r) => r.name === 'new-rack-01')).toEqual({
      name: 'new-rack-01',
      added: true,
      zone: 'az3',
      heightRu: 42,
      usedRu: 2,
      powerBudgetWatts: 1700,
      powerTypicalWatts: 500,
      powerMaxWatts: 900,
    });
    expect(procurement.racks.find((r) => r.name === 'r3')).toMatchObject({ usedRu: 5, powerTypicalWatts: null, powerMaxWatts: null });
    expect(evaluate(s).racks).toEqual(racks);
  });

  it('a retired host keeps its place in the drawing but leaves the load and the power check from its month', () => {
    // r1 (42 RU, budget 1,000 W): control-01 (ctl-r660, 1 RU, 450 / 800 W) retires in month 6
    // (2027-07); a ctl-r660 bought for month 9 (2027-10) stands above it at RU 2.
    // Month 0: 1 RU, 450 / 800 W. End of the horizon: only the new host, 1 RU, 450 / 800 W.
    // In month 9 the rack draws 800 W at most, within 1,000 W: no rack.power_exceeded (counting
    // the retired host it would be 800 + 800 = 1,600 W, over by 600 W).
    const s = makeScenario();
    const hosts = [{ name: 'control-01', role: 'control' as const, hardware: 'ctl-r660', rack: 'r1' }];
    // only the fields rackElevations reads of a purchase
    const purchase = {
      role: 'control',
      hardware: 'ctl-r660',
      deliveryMonthIndex: 9,
      deliveryMonth: '2027-10',
      racksAdded: [],
      hosts: [{ name: 'control-new-01', rack: 'r1' }],
    } as unknown as Purchase;
    const [r1] = rackElevations(s, hosts, { racks: [{ name: 'r1', heightRu: 42, powerBudgetWatts: 1000 }], purchases: [purchase] }, new Map([['control-01', 6]]));
    expect(r1!.units.map((u) => [u.host, u.bottomRu, u.inServiceMonthIndex, u.outOfServiceMonthIndex, u.outOfServiceMonth])).toEqual([
      ['control-01', 1, 0, 6, '2027-07'],
      ['control-new-01', 2, 9, null, null],
    ]);
    expect(r1!.month0).toEqual({ usedRu: 1, freeRu: 41, powerTypicalWatts: 450, powerMaxWatts: 800, overBudget: false });
    expect(r1!.afterPurchases).toEqual({ usedRu: 1, freeRu: 41, powerTypicalWatts: 450, powerMaxWatts: 800, overBudget: false });
    expect(rackPowerFindings([r1!])).toEqual([]);
    // the same purchase without the retirement: 1,600 W from month 9
    const [kept] = rackElevations(s, hosts, { racks: [{ name: 'r1', heightRu: 42, powerBudgetWatts: 1000 }], purchases: [purchase] });
    expect(rackPowerFindings([kept!]).map((f) => [f.code, f.month, f.value])).toEqual([['rack.power_exceeded', 9, 1600]]);
  });
});
