import { describe, expect, it } from 'vitest';
import { growthFactor } from '../forecast/growth.js';
import { isOver } from '../forecast/horizon.js';
import type { NodeGroup, Scenario } from '../model/scenario.js';
import { buildFleetTimeline } from '../fleet/timeline.js';
import { evaluate } from '../evaluate/evaluate.js';
import { expandHosts } from '../fleet/hosts.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { orderByDate } from './dates.js';
import { procurementCsv } from './export.js';
import { fleetSeries, pinnedNodes, planProcurement, purchasedPrefix } from './schedule.js';
import type { ProcurementPlan } from '../model/procurement.js';

const GIB = 1024 ** 3;

/** Base scenario with priced, powered hypervisors, 20 × m1.xlarge growing 3 %/month, N+1, buying cmp-r760 one at a time. */
function computeScenario(overrides: Partial<Scenario> = {}): Scenario {
  const hardware = baseHardware();
  hardware['cmp-r760'] = { ...hardware['cmp-r760']!, price: { amount: 12_000, currency: 'EUR' }, power: { typicalWatts: 500, maxWatts: 900 } };
  return makeScenario({
    hardware,
    demand: { instances: [{ flavor: 'm1.xlarge', count: 20 }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0.03 } },
    policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    procurement: { roles: { compute: { hardware: 'cmp-r760', batch: 1, leadTimeWeeks: 12, coverMonths: 0 } } },
    ...overrides,
  });
}

/** The scenario with the purchases delivered by month t (and the racks they added). */
function fleetAt(s: Scenario, plan: ProcurementPlan, t: number): Scenario {
  const nodes: NodeGroup[] = pinnedNodes(s);
  for (const p of plan.purchases.filter((x) => x.deliveryMonthIndex <= t)) {
    for (const [rack, count] of Object.entries(p.placement)) {
      nodes.push({ role: p.role, hardware: p.hardware, count, placement: 'spread', rack, namePrefix: purchasedPrefix(p.role) });
    }
  }
  const added = plan.racks
    .filter((r) => r.added)
    .map((r) => ({ name: r.name, heightRu: r.heightRu, ...(r.powerBudgetWatts === null ? {} : { powerBudgetWatts: r.powerBudgetWatts }) }));
  return { ...s, racks: [...s.racks, ...added], nodes };
}

describe('orderByDate', () => {
  it('is the first day of the delivery month minus the lead time in days', () => {
    // 2027-01 + 15 months = 2028-04-01; 12 weeks = 84 days: - 31 (March) = 2028-03-01,
    // - 29 (February 2028, a leap year) = 2028-02-01, - 24 = 2028-01-08.
    expect(orderByDate('2027-01', 15, 12)).toEqual({ date: '2028-01-08', beforeStart: false });
    // 2027-01 + 2 = 2027-03-01; 16 weeks = 112 days: - 28 (Feb 2027) - 31 (Jan) = 2027-01-01 (59),
    // - 31 (Dec) = 2026-12-01 (90), and the remaining 22 days: 2026-11-09. Before the start: late.
    expect(orderByDate('2027-01', 2, 16)).toEqual({ date: '2026-11-09', beforeStart: true });
    expect(orderByDate('M0', 2, 16)).toBeNull();
  });
});

describe('planProcurement', () => {
  it('is null without a procurement section', () => {
    expect(planProcurement(makeScenario())).toBeNull();
  });

  it('hand-worked compute schedule: one host at month 9, one at month 22, ordered 12 weeks ahead', () => {
    // cmp-r760: 512 GiB - 4,096 MiB reserved = 520,192 MiB of MEMORY_MB. 3 hosts, N+1: 1,040,384 MiB.
    // Demand 20 × 32 GiB = 655,360 MiB × 1.03^t.
    // Crossing 0.8 × 1,040,384 = 832,307.2: 1.03^t > 1.27 -> t = 9 (1.03^9 = 1.3048: 855,116 MiB), 2027-10.
    // + 1 host: N+1 = 3 × 520,192 = 1,560,576; 0.8 × = 1,248,460.8 > 855,116: one host is enough
    //   (utilisation after = 855,116 / 1,560,576 = 0.548).
    //   Order by 2027-10-01 - 84 days: - 30 (Sep) - 31 (Aug) = 2027-08-01 (61), - 23 = 2027-07-09.
    // Next: 1.03^t > 1,248,460.8 / 655,360 = 1.905 -> t > 21.80 -> t = 22 (2028-11).
    //   + 1 host: N+1 = 4 × 520,192 = 2,080,768; 0.8 × = 1,664,614 > 655,360 × 1.03^22 (1.9161) = 1,255,742.
    //   Order by 2028-11-01 - 84 days: - 31 (Oct) - 30 (Sep) = 2028-09-01 (61), - 23 = 2028-08-09.
    // Then 1.03^t > 1,664,614 / 655,360 = 2.540 -> t > 31.5: beyond the horizon.
    const s = computeScenario();
    const plan = planProcurement(s)!;
    expect(plan.purchases.map((p) => [p.role, p.quantity, p.deliveryMonthIndex, p.deliveryMonth, p.orderBy, p.late])).toEqual([
      ['compute', 1, 9, '2027-10', '2027-07-09', false],
      ['compute', 1, 22, '2028-11', '2028-08-09', false],
    ]);
    expect(plan.purchases[0]!.reasons).toHaveLength(1);
    expect(plan.purchases[0]!.reasons[0]!.resource).toBe('compute.memory');
    expect(plan.purchases[0]!.reasons[0]!.utilisationBefore).toBeCloseTo(855_116 / 1_040_384, 3); // 0.822
    expect(plan.purchases[0]!.reasons[0]!.utilisationAfter).toBeCloseTo(855_116 / 1_560_576, 3); // 0.548
    // Money: 12,000 EUR each; power 500 W typical, 900 W max; heat 500 × 3.412 = 1,706 BTU/h; 2 RU.
    expect(
      plan.purchases.map((p) => [
        p.unitPriceAmount,
        p.totalPriceAmount,
        p.cumulativePriceAmount,
        p.powerTypicalWatts,
        p.powerMaxWatts,
        p.heatTypicalBtuPerHour,
        p.heightRuTotal,
        p.cumulativePowerTypicalWatts,
      ]),
    ).toEqual([
      [12_000, 12_000, 12_000, 500, 900, 1706, 2, 500],
      [12_000, 12_000, 24_000, 500, 900, 1706, 2, 1000],
    ]);
    expect(plan.capexByMonth).toEqual([
      { month: '2027-10', amount: 12_000 },
      { month: '2028-11', amount: 12_000 },
    ]);
    expect(plan.capexTotalAmount).toBe(24_000);
    expect(plan.currency).toBe('EUR');
    expect(plan.uncovered).toEqual([]);
  });

  it('coverMonths: the order also covers the months after the crossing', () => {
    // Crossing at month 9 as above; with coverMonths 14 the order must hold through month 23:
    // 655,360 × 1.03^23 (1.9736) = 1,293,425 MiB. 1 host: 0.8 × 3 × 520,192 = 1,248,461 < 1,293,425;
    // 2 hosts: 0.8 × 4 × 520,192 = 1,664,614 >= 1,293,425: 2 hosts at month 9, and no later order.
    // coverMonths 12 (through month 21: 655,360 × 1.8603 = 1,219,166 <= 1,248,461): 1 host suffices.
    const rule = { hardware: 'cmp-r760', batch: 1, leadTimeWeeks: 12 };
    const cover14 = planProcurement(computeScenario({ procurement: { roles: { compute: { ...rule, coverMonths: 14 } } } }))!;
    expect(cover14.purchases.map((p) => [p.deliveryMonthIndex, p.quantity])).toEqual([[9, 2]]);
    // one purchase, two hosts in the order placed: r1 (no rack has more hypervisors: the first), then r2 (r1 has 2 now)
    expect(cover14.purchases[0]!.hosts).toEqual([
      { name: 'compute-new-01', rack: 'r1' },
      { name: 'compute-new-02', rack: 'r2' },
    ]);
    const cover12 = planProcurement(computeScenario({ procurement: { roles: { compute: { ...rule, coverMonths: 12 } } } }))!;
    expect(cover12.purchases.map((p) => [p.deliveryMonthIndex, p.quantity])).toEqual([
      [9, 1],
      [22, 1],
    ]);
  });

  it('after the purchases, every month stays at or below its threshold with the hosts delivered by then', () => {
    const s = computeScenario();
    const plan = planProcurement(s)!;
    // Without the purchases memory crosses (month 9, above); with them, no month does.
    for (let t = 0; t < s.horizonMonths; t++) {
      const { series } = fleetSeries(fleetAt(s, plan, t));
      for (const r of series) {
        expect(isOver(r.demandMonth0 * growthFactor(s.demand.growth, t), r.capacityTolerated, r.threshold), `${r.id} month ${t}`).toBe(false);
      }
    }
    // the plan's own timeline says the same: with the purchases every month is at or under the
    // trigger; without them memory is over from month 9 (855,116 / 1,040,384 = 0.822)
    const memory = plan.utilisation.filter((u) => u.resource === 'compute.memory');
    expect(memory).toHaveLength(24);
    expect(plan.utilisation.every((u) => u.with !== null && u.with <= u.threshold)).toBe(true);
    expect(memory.filter((u) => u.without! > 0.8).map((u) => u.index)[0]).toBe(9);
    expect(memory[9]!.with).toBeCloseTo(855_116 / 1_560_576, 3);
    // capacity with the tolerated host removed: 2 × 520,192 = 1,040,384 MiB before the month-9
    // delivery, 3 × 520,192 = 1,560,576 from month 9, 4 × 520,192 = 2,080,768 from month 22
    expect([memory[8], memory[9], memory[21], memory[22]].map((u) => [u!.capacityToleratedWithout, u!.capacityToleratedWith])).toEqual([
      [1_040_384, 1_040_384],
      [1_040_384, 1_560_576],
      [1_040_384, 1_560_576],
      [1_040_384, 2_080_768],
    ]);
    // and the evaluated plan with every purchase has no runway within the horizon
    const after = evaluate({ ...fleetAt(s, plan, s.horizonMonths), procurement: undefined } as Scenario);
    expect(after.resources.map((r) => r.runwayMonths)).toEqual([null, null, null]);
  });

  it('storage with failure domain rack grows one host in every storage rack', () => {
    // 3 storage hosts, one per rack r1-r3 (spread), each 10 × 8 TB = 80e12 raw; pool size 3, share 1,
    // failure domain rack; no tolerated hosts or racks: the binding failure is one OSD (8e12) lost,
    // its rack left with 72e12: re-protectable = 3 domains × 72e12 = 216e12 raw. The resource is the
    // rule's raw (storage.rule.replicated_rule): demand 40e12 × 3 = 120e12 raw. Fullest OSD: PGs
    // 1024 × 3 / 30 = 102.4 per OSD, factor 1 + 5 / 102.4 = 1.0488281: tolerated 216e12 / 1.0488281
    // = 205.944e12; threshold 0.85 -> 175.052e12. 120e12 × 1.03^t > 175.052e12 ⇔ 1.03^t > 1.45877
    // ⇔ t > 12.77 -> t = 13 (1.03^13 = 1.46853: 176.22e12, 85.57 % of 205.944e12).
    // One unit = one host in each of r1, r2, r3 (3 hosts): racks 160e12, one OSD lost: 152e12 × 3 =
    // 456e12 raw; PGs 2048 × 3 / 60 = 102.4: the same factor; 456e12 / 1.0488281 = 434.771e12: 40.5 %.
    const s = makeScenario({
      nodes: [
        { role: 'control', hardware: 'ctl-r660', count: 3, placement: 'spread', namePrefix: 'control' },
        { role: 'compute', hardware: 'cmp-r760', count: 3, placement: 'spread', namePrefix: 'compute' },
        { role: 'storage', hardware: 'sto-r760xd2', count: 3, placement: 'spread', namePrefix: 'storage' },
      ],
      ceph: { failureDomain: 'rack', ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 }, pools: [{ name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 1 }] },
      demand: { instances: [], storageBytes: { volumes: 40e12 }, growth: { kind: 'compound', perMonth: 0.03 } },
      procurement: { roles: { storage: { hardware: 'sto-r760xd2', batch: 1, leadTimeWeeks: 12, coverMonths: 0 } } },
    });
    const plan = planProcurement(s)!;
    expect(plan.purchases.map((p) => [p.role, p.quantity, p.deliveryMonthIndex, p.placement])).toEqual([['storage', 3, 13, { r1: 1, r2: 1, r3: 1 }]]);
    const f = 1 + 5 / 102.4;
    expect(plan.purchases[0]!.reasons[0]!.utilisationBefore).toBeCloseTo((120e12 * 1.03 ** 13) / (216e12 / f), 6);
    expect(plan.purchases[0]!.reasons[0]!.utilisationAfter).toBeCloseTo((120e12 * 1.03 ** 13) / (456e12 / f), 6);
    // The same with failure domain host: one host is one unit (4 hosts: re-protectable after one OSD
    // lost is well above 176.22e12 / 0.85), so the rack rule is what makes it 3.
    const byHost = planProcurement({ ...s, ceph: { ...s.ceph, failureDomain: 'host' } })!;
    expect(byHost.purchases.map((p) => p.quantity)).toEqual([1]);
  });

  it('adds a rack when no rack of the role has the power budget for the maximum draw', () => {
    // Racks of 1,700 W: each holds a controller (800 W max) and a hypervisor (900 W max), so
    // 1,700 W used; storage hosts have no power data (0 W). A new hypervisor (900 W) fits in none:
    // month 9's order adds new-rack-01 (a copy of r3: 42 RU, 1,700 W, zone az3); month 22's
    // hypervisor would take new-rack-01 to 1,800 W > 1,700 W: new-rack-02.
    const s = computeScenario({
      racks: [
        { name: 'r1', zone: 'az1', heightRu: 42, powerBudgetWatts: 1700 },
        { name: 'r2', zone: 'az2', heightRu: 42, powerBudgetWatts: 1700 },
        { name: 'r3', zone: 'az3', heightRu: 42, powerBudgetWatts: 1700 },
      ],
    });
    const plan = planProcurement(s)!;
    expect(plan.purchases.map((p) => [p.deliveryMonthIndex, p.placement, p.racksAdded])).toEqual([
      [9, { 'new-rack-01': 1 }, [{ name: 'new-rack-01', reason: 'power' }]],
      [22, { 'new-rack-02': 1 }, [{ name: 'new-rack-02', reason: 'power' }]],
    ]);
    const added = plan.racks.filter((r) => r.added);
    expect(added).toEqual([
      { name: 'new-rack-01', added: true, zone: 'az3', heightRu: 42, usedRu: 2, powerBudgetWatts: 1700, powerTypicalWatts: 500, powerMaxWatts: 900 },
      { name: 'new-rack-02', added: true, zone: 'az3', heightRu: 42, usedRu: 2, powerBudgetWatts: 1700, powerTypicalWatts: 500, powerMaxWatts: 900 },
    ]);
    expect(plan.findings.filter((f) => f.code === 'procurement.rack_added').map((f) => f.subject)).toEqual(['rack new-rack-01', 'rack new-rack-02']);
    // the Rack objects, for buildFleetTimeline(scenario, initial, plan.purchases, plan.addedRacks)
    expect(plan.addedRacks).toEqual([
      { name: 'new-rack-01', heightRu: 42, powerBudgetWatts: 1700, zone: 'az3' },
      { name: 'new-rack-02', heightRu: 42, powerBudgetWatts: 1700, zone: 'az3' },
    ]);
    // With 2,600 W racks (1,700 + 900 fits) no rack is added and the first goes to r1 (fewest hypervisors, first).
    const roomy = planProcurement({ ...s, racks: s.racks.map((r) => ({ ...r, powerBudgetWatts: 2600 })) })!;
    expect(roomy.purchases.map((p) => p.racksAdded)).toEqual([[], []]);
    expect(roomy.purchases[0]!.placement).toEqual({ r1: 1 });
    // The bought hosts, named as the final fleet numbers them (compute-new-NN, per role, in delivery order):
    // month 22's goes to r2 (r1 has 2 hypervisors now, r2 1; r2 at 800 + 900 + 900 = 2,600 W <= 2,600 W).
    expect(roomy.purchases.map((p) => p.hosts)).toEqual([[{ name: 'compute-new-01', rack: 'r1' }], [{ name: 'compute-new-02', rack: 'r2' }]]);
  });

  it('a host that fits no rack, not even a new one, is procurement.cannot_meet (power)', () => {
    // As above (1,700 W racks, each full at 800 + 900 W), but new racks have 800 W: a 900 W
    // hypervisor fits none, so month 9's memory crossing cannot be met: no purchase, a warning, uncovered.
    const s = computeScenario({
      racks: ['r1', 'r2', 'r3'].map((name, i) => ({ name, zone: `az${i + 1}`, heightRu: 42, powerBudgetWatts: 1700 })),
      procurement: {
        roles: { compute: { hardware: 'cmp-r760', batch: 1, leadTimeWeeks: 12, coverMonths: 0 } },
        newRack: { namePrefix: 'nr', heightRu: 42, powerBudgetWatts: 800 },
      },
    });
    const plan = planProcurement(s)!;
    expect(plan.purchases).toEqual([]);
    expect(plan.addedRacks).toEqual([]);
    const f = plan.findings.filter((x) => x.code === 'procurement.cannot_meet');
    expect(f.map((x) => [x.subject, x.month, x.severity])).toEqual([['resource compute.memory', 9, 'warning']]);
    expect(f[0]!.message).toContain('power budget');
    expect(plan.uncovered).toEqual(['compute.memory']);
  });

  it('places no host where the feeds left after losing one could not carry the rack (racks[].feed)', () => {
    // The same racks without a budget, on A/B feeds of 1,700 W usable each: with one feed lost
    // the other carries 1,700 W, used by the controller (800 W) and the hypervisor (900 W); a new
    // hypervisor (900 W) would overload it (NEC 210.19(A)(1)): month 9 and 22 add a rack each,
    // reason power, and the added racks copy the feed circuit.
    const s = computeScenario({
      racks: ['r1', 'r2', 'r3'].map((name, i) => ({ name, zone: `az${i + 1}`, heightRu: 42, powerFeeds: ['A', 'B'], feed: { usableWatts: 1700 } })),
    });
    const plan = planProcurement(s)!;
    expect(plan.purchases.map((p) => [p.deliveryMonthIndex, p.racksAdded])).toEqual([
      [9, [{ name: 'new-rack-01', reason: 'power' }]],
      [22, [{ name: 'new-rack-02', reason: 'power' }]],
    ]);
  });

  it('an order whose lead time reaches before the start is late', () => {
    // Month 9 (2027-10-01) - 52 weeks (364 days) = 2026-10-02, before 2027-01-01.
    const s = computeScenario({ procurement: { roles: { compute: { hardware: 'cmp-r760', batch: 1, leadTimeWeeks: 52, coverMonths: 0 } } } });
    const plan = planProcurement(s)!;
    expect(plan.purchases[0]!.orderBy).toBe('2026-10-02');
    expect(plan.purchases[0]!.late).toBe(true);
    expect(plan.findings.map((f) => f.code)).toContain('procurement.order_late');
  });

  it('a role without a rule is reported uncovered; a model that supplies nothing is procurement.cannot_meet', () => {
    const s = computeScenario({ procurement: { roles: {} } });
    expect(planProcurement(s)!.uncovered).toEqual(['compute.memory']);
    // A model with 4 GiB of memory supplies no MEMORY_MB (4,096 - 4,096 reserved = 0 MiB): memory
    // crosses 0.8 in month 9 (hand-worked above) and no number of units changes that: 64 more
    // units add nothing, so the schedule says so (cannot_meet, uncovered) and buys nothing.
    const hardware = computeScenario().hardware;
    hardware['nomem'] = { ...hardware['small-r250']!, name: 'nomem', memory: { sizeBytes: 4 * GIB, ecc: true } };
    const nomem = computeScenario({ hardware, procurement: { roles: { compute: { hardware: 'nomem', batch: 1, leadTimeWeeks: 1, coverMonths: 0 } } } });
    const p = planProcurement(nomem)!;
    expect(p.purchases).toEqual([]);
    expect(p.findings.filter((f) => f.code === 'procurement.cannot_meet').map((f) => [f.subject, f.month])).toEqual([['resource compute.memory', 9]]);
    expect(p.findings.find((f) => f.code === 'procurement.cannot_meet')!.message).toContain('does not supply it');
    expect(p.uncovered).toEqual(['compute.memory']);
  });

  it('a model that supplies little is bought in the number needed, with no cap on units', () => {
    // small-r250 (4 cores × 1 thread × 4 = 16 vCPU; 32,768 - 4,096 = 28,672 MiB) at threshold 0.01,
    // month 0 only (horizon 1). N+1 removes a cmp-r760 (the largest host).
    // vCPU: 160 / 0.01 = 16,000 needed; 2 × 512 = 1,024 + 16 n >= 16,000 -> n = 936.
    // Memory: 655,360 / 0.01 = 65,536,000 MiB; 2 × 520,192 = 1,040,384 + 28,672 n >= 65,536,000
    //   -> n >= 2,249.4 -> 2,250 (the vCPU units count: 1,314 more). One purchase of 2,250 in month 0.
    // (The first schedule gave up after 64 units per resource: procurement.no_fit, 128 hosts.)
    const tiny = computeScenario({
      horizonMonths: 1,
      procurement: { roles: { compute: { hardware: 'small-r250', batch: 1, leadTimeWeeks: 1, coverMonths: 0, threshold: 0.01 } } },
    });
    const p = planProcurement(tiny)!;
    expect(p.purchases.map((x) => [x.deliveryMonthIndex, x.quantity])).toEqual([[0, 2250]]);
    expect(p.purchases[0]!.reasons.map((r) => r.resource)).toEqual(['compute.vcpu', 'compute.memory']);
    expect(p.findings.map((f) => f.code)).not.toContain('procurement.cannot_meet');
    expect(p.uncovered).toEqual([]);
    // width from the total bought: compute-new-0001 .. compute-new-2250
    expect(p.purchases[0]!.hosts[0]!.name).toBe('compute-new-0001');
    expect(p.purchases[0]!.hosts.at(-1)!.name).toBe('compute-new-2250');
  });

  it('a compute group retiring mid-horizon triggers a replacement purchase in its retire month', () => {
    // Hypervisors: 2 × cmp-r760, plus 1 retiring 2027-07 (month 6). N+1, 520,192 MiB each.
    // Months 0-5: 3 hosts, N+1 = 1,040,384 MiB; 0.8 × = 832,307 > 655,360 × 1.03^5 (1.1593) = 759,748: under.
    // Month 6: 2 hosts, N+1 = 520,192; 0.8 × = 416,154 < 655,360 × 1.03^6 (1.19405) = 782,534: over.
    //   + 1 host: N+1 = 1,040,384; 0.8 × = 832,307 >= 782,534: one host delivered in month 6 (2027-07).
    // Then as the hand-worked schedule: 832,307 / 655,360 = 1.27 -> month 9 (1.3048), one host
    //   (3 hosts up: 0.8 × 1,560,576 = 1,248,461 >= 855,116), and month 22, one host.
    const base = computeScenario();
    const s = computeScenario({
      nodes: base.nodes.flatMap((g) =>
        g.role === 'compute'
          ? [
              { ...g, count: 2 },
              { ...g, count: 1, namePrefix: 'old', retire: '2027-07' },
            ]
          : [g],
      ),
    });
    const plan = planProcurement(s)!;
    expect(plan.purchases.map((p) => [p.deliveryMonthIndex, p.deliveryMonth, p.quantity])).toEqual([
      [6, '2027-07', 1],
      [9, '2027-10', 1],
      [22, '2028-11', 1],
    ]);
    expect(plan.purchases.flatMap((p) => p.hosts.map((h) => h.name))).toEqual(['compute-new-01', 'compute-new-02', 'compute-new-03']);
    const mem = plan.utilisation.filter((u) => u.resource === 'compute.memory');
    expect(mem[5]!.capacityToleratedWithout).toBe(1_040_384);
    expect(mem[6]!.capacityToleratedWithout).toBe(520_192);
    expect(mem[6]!.capacityToleratedWith).toBe(1_040_384);
    expect(plan.uncovered).toEqual([]);
    // the base timeline passed in is the default one: the same plan
    expect(planProcurement(s, buildFleetTimeline(s, expandHosts(s).hosts))).toEqual(plan);
    // and the timeline with the purchases holds them from their delivery months
    const withPurchases = buildFleetTimeline(s, expandHosts(s).hosts, plan.purchases, plan.addedRacks);
    expect(withPurchases.epochs.map((e) => [e.from, e.hosts.filter((h) => h.role === 'compute').length])).toEqual([
      ['2027-01', 3],
      ['2027-07', 3],
      ['2027-10', 4],
      ['2028-11', 5],
    ]);
  });

  it('the CSV has a header row with units in the column names and one row per purchase', () => {
    const plan = planProcurement(computeScenario())!;
    const lines = procurementCsv(plan).trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header).toContain('unit_price_EUR');
    expect(header).toContain('power_typical_W');
    expect(header).toContain('heat_typical_BTU_per_h');
    expect(header).toContain('height_RU');
    expect(lines).toHaveLength(3);
    const row = Object.fromEntries(header.map((h, i) => [h, lines[1]!.split(',')[i]]));
    expect(row).toMatchObject({
      order_by: '2027-07-09',
      delivery_month: '2027-10',
      quantity: '1',
      unit_price_EUR: '12000',
      power_typical_W: '500',
      heat_typical_BTU_per_h: '1706',
    });
    void GIB;
  });
});
