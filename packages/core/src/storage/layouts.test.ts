/** The layout comparison and the durability of the plan, on the base test scenario, hand-worked. */
import { describe, expect, it } from 'vitest';
import { expandHosts } from '../fleet/hosts.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import type { Scenario } from '../model/scenario.js';
import { planCeph } from './ceph-plan.js';
import { annualLossProbability, failureRatePerHour, lossesPerHour } from './durability.js';
import { compareLayouts, defaultMinSize, layoutCandidates } from './layouts.js';

/** Base: 4 storage hosts x 10 x 8 TB HDD (320e12 raw) spread over r1 (2 hosts), r2, r3; 40 TB stored; N+1 hosts; 20,000 EUR per storage host. */
function scenario(): Scenario {
  const hardware = baseHardware();
  hardware['sto-r760xd2']!.price = { amount: 20_000, currency: 'EUR' };
  const base = makeScenario();
  return makeScenario({
    hardware,
    demand: { ...base.demand, storageBytes: { volumes: 40e12 } },
    policy: { ...base.policy, tolerate: { hosts: 1, racks: 0 } },
  });
}

describe('layout candidates', () => {
  it("replicated 2/3/4 and six EC profiles, host then rack; the scenario's own EC profile added once", () => {
    const s = scenario();
    expect(layoutCandidates(s)).toHaveLength(2 * (3 + 6));
    const ec52 = makeScenario({ ceph: { ...s.ceph, pools: [{ name: 'objects', type: 'erasure', k: 5, m: 2, minSize: 6, share: 1 }] } });
    expect(layoutCandidates(ec52).map((l) => l.label)).toContain('EC 5+2, rack');
    expect(layoutCandidates(ec52)).toHaveLength(2 * (3 + 7));
  });
  it("Ceph's default min_size: size − floor(size/2); k + min(1, m − 1)", () => {
    expect(defaultMinSize({ type: 'replicated', size: 3, k: null, m: null })).toBe(2);
    expect(defaultMinSize({ type: 'replicated', size: 2, k: null, m: null })).toBe(1);
    expect(defaultMinSize({ type: 'erasure', size: null, k: 4, m: 2 })).toBe(5);
    expect(defaultMinSize({ type: 'erasure', size: null, k: 2, m: 1 })).toBe(2);
  });
});

describe('compareLayouts on 4 hosts of 10 x 8 TB', () => {
  const s = scenario();
  const c = compareLayouts(s, expandHosts(s).hosts);
  const row = (label: string) => c.rows.find((r) => r.label === label)!;

  it('what is compared: every OSD, 40 OSDs, 320 TB raw, 4 hosts in 3 racks, 80,000 EUR', () => {
    expect([c.deviceClass, c.osdCount, c.rawBytes, c.storageHosts, c.racks, c.pools, c.storedBytesMonth0]).toEqual([null, 40, 320e12, 4, 3, ['volumes'], 40e12]);
    expect(c.capex).toEqual({ amount: 80_000, currency: 'EUR' });
  });

  it('replicated 3, host: usable 320 / 3 = 106.67 TB, 750 EUR per usable TB, healthy after one host (3 left), fewest hosts 3 + 1 = 4', () => {
    const r = row('replicated 3, host');
    expect(r.usableBytes).toBe(Math.round(320e12 / 3));
    // 80,000 EUR / 106.667 TB = 750 EUR per TB.
    expect(r.capexPerUsableTb).toBeCloseTo(750, 6);
    expect([r.writeAmplification, r.width, r.tolerated, r.minSize, r.domains, r.domainsAfterFailure]).toEqual([3, 3, 2, 2, 4, 3]);
    expect([r.clean, r.healthyAfterLoss, r.servesIoAfterLoss, r.reason, r.fewestHosts]).toEqual([true, true, true, null, 4]);
    // Safe usable below usable (backfillfull 0.9 on the 3 survivors), so CAPEX per safe TB is higher.
    expect(r.safeUsableBytes).toBeLessThan(r.usableBytes);
    expect(r.capexPerSafeUsableTb!).toBeGreaterThan(750);
  });

  it('EC 4+2, host: 320 / 1.5 = 213.33 TB usable, 375 EUR per TB, but 4 hosts for 6 shards: listed with its reason, no durability', () => {
    const r = row('EC 4+2, host');
    expect(r.usableBytes).toBe(Math.round(320e12 / 1.5));
    expect(r.capexPerUsableTb).toBeCloseTo(375, 6);
    expect([r.clean, r.healthyAfterLoss, r.fewestHosts, r.minSize]).toEqual([false, false, 4 + 2 + 1, 5]);
    expect(r.reason).toBe('4 hosts for 6 copies or shards: PGs never go active+clean');
    expect([r.annualLossProbability, r.nines, r.capexPerSafeUsableTb]).toEqual([null, null, null]);
  });

  it('EC 2+1, host: clean on 4 hosts, degraded-free after one host (3 left for 3); tolerates one failure: far less durable than replica 3', () => {
    const r = row('EC 2+1, host');
    expect([r.clean, r.healthyAfterLoss, r.writeAmplification, r.tolerated]).toEqual([true, true, 1.5, 1]);
    expect(r.annualLossProbability!).toBeGreaterThan(row('replicated 3, host').annualLossProbability! * 1000);
  });

  it('more copies, fewer losses: replica 2 > 3 > 4 in P(loss)', () => {
    const [p2, p3, p4] = ['replicated 2, host', 'replicated 3, host', 'replicated 4, host'].map((l) => row(l).annualLossProbability!);
    expect(p2).toBeGreaterThan(p3!);
    expect(p3).toBeGreaterThan(p4!);
  });

  it('a rack of 2 of the 4 hosts lost with failure domain host: replica 2 loses C(2,2)/C(4,2) = 1/6 of its PGs; rack domain loses none', () => {
    expect(row('replicated 2, host').worstRack).toMatchObject({ subject: 'rack r1', pgFractionLost: 1 / 6 });
    expect(row('replicated 2, rack').worstRack?.pgFractionLost).toBe(0);
  });
});

describe('durability in the plan', () => {
  it('one replicated pool: G = pg_num, sets = C(4,3) x 10^3, λ from the HDD default, T = the OSD recovery case', () => {
    const s = scenario();
    const plan = planCeph(s, expandHosts(s).hosts).plan;
    const d = plan.durability![0]!;
    const pool = plan.pools[0]!;
    const osdCase = plan.recovery.cases.find((k) => k.failure === 'osd')!;
    // Hosts of 10 OSDs, 3 of the 4 in any PG: e_3(10, 10, 10, 10) = C(4,3) x 10 x 10 x 10 = 4,000 distinct sets.
    expect([d.pgNum, d.pgSource, d.setsPerPg, d.possibleSets, d.effectivePgs]).toEqual([pool.pgNum, 'pg_autoscaler', 1, 4000, Math.min(pool.pgNum!, 4000)]);
    expect([d.afr, d.deviceClasses, d.width, d.tolerated]).toEqual([0.0157, ['hdd'], 3, 2]);
    // One rule over every OSD: the fullest OSD of the rule is the plan's fullest OSD.
    expect(d.recoverySubject).toBe(osdCase.subject);
    expect(d.recoveryHours! * 3600).toBeCloseTo(osdCase.totalSeconds!, 6);
    const perHour = lossesPerHour({ pgs: d.effectivePgs, width: 3, tolerated: 2, failureRatePerHour: failureRatePerHour(0.0157), windowHours: d.recoveryHours! });
    expect(d.annualLossProbability).toBeCloseTo(annualLossProbability(perHour), 20);
    // Stored at the peak month (no growth): 40 TB; expected loss = 8766 Λ x 40e12 / G.
    expect(d.storedBytes).toBe(40e12);
    expect(d.expectedBytesLostPerYear! / ((8766 * perHour * 40e12) / d.effectivePgs)).toBeCloseTo(1, 9);
  });

  it('an AFR per device class from the scenario replaces the default', () => {
    const s = scenario();
    const plan = planCeph({ ...s, ceph: { ...s.ceph, durability: { afr: { hdd: 0.03 } } } }, expandHosts(s).hosts).plan;
    expect(plan.durability![0]!.afr).toBe(0.03);
    expect(plan.durability![0]!.afrSource).toBe('ceph.durability.afr.hdd (the scenario)');
  });
});
