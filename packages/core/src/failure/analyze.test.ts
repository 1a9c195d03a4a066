/**
 * The failure analysis end to end on small scenarios worked by hand, its hooks, and its
 * properties. Compute: Placement capacity = (total − reserved) × ratio
 * (placement/objects/resource_provider.py); spread by free RAM (nova/scheduler/weights/ram.py);
 * re-placement by first-fit decreasing [model].
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flavor, Scenario } from '../model/scenario.js';
import { evaluate } from '../evaluate/evaluate.js';
import type { FailureDomain } from '../model/failure.js';
import { analyze, group, handScenario, impactOf } from './test-failure.js';

const GIB = 2 ** 30;
const flavor = (name: string, vcpus: number, ramGib: number): Flavor => ({ name, vcpus, ramBytes: ramGib * GIB, diskBytes: 0 });

/** n cmp-20 hosts (20 vCPU, 20 GiB each, spread over r1-r3) and the given demand. */
function computeScenario(
  n: number,
  flavors: Flavor[],
  instances: { flavor: string; count: number }[],
  growth: Scenario['demand']['growth'] = { kind: 'compound', perMonth: 0 },
  tolerateRacks = 0,
) {
  const base = handScenario();
  return handScenario({
    nodes: [group('compute', 'cmp-20', n)],
    openstack: { ...base.openstack, flavors: Object.fromEntries(flavors.map((f) => [f.name, f])) },
    demand: { instances, storageBytes: {}, growth },
    ceph: { ...base.ceph, pools: [] },
    policy: { tolerate: { hosts: 1, racks: tolerateRacks }, thresholds: { compute: 0.8, storage: 0.85 } },
  });
}

describe('compute: re-placing the instances of a lost host', () => {
  it('a mix that fits by total vCPU and RAM but not by packing is reported short (fragmentation)', () => {
    // 4 hosts x 20 vCPU / 20 GiB. Demand 4 x f8 (8 vCPU, 8 GiB) + 4 x f6 (6 vCPU, 6 GiB).
    // Dominant share over 80 vCPU / 80 GiB: f8 0.1 > f6 0.075, so f8 first. Spread by free RAM
    // (ties: host order): one f8 per host (each 20 -> 12 GiB), then one f6 per host (12 -> 6).
    // Every host: 14 used, 6 vCPU / 6 GiB free.
    // Losing compute-01 displaces one f8 and one f6 = 14 vCPU, 14 GiB. The survivors have
    // 3 x 6 = 18 vCPU and 18 GiB free: enough by totals. But no survivor has 8 free:
    // the f8 fits nowhere; the f6 goes to the first survivor. Short: 1 f8.
    const r = analyze(
      computeScenario(
        4,
        [flavor('f8', 8, 8), flavor('f6', 6, 6)],
        [
          { flavor: 'f8', count: 4 },
          { flavor: 'f6', count: 4 },
        ],
      ),
    );
    const c = impactOf(r, 'host:compute-01', 'compute')!;
    expect(c.compute).toMatchObject({
      hostsLost: 1,
      hostsDrained: 0,
      capacityLost: { VCPU: 20, MEMORY_MB: 20_480 },
      atMonth: 0,
      instancesDisplaced: 2,
      instancesUnplacedBefore: 0,
      flavors: [
        { flavor: 'f8', displaced: 1, unplaced: 1 },
        { flavor: 'f6', displaced: 1, unplaced: 0 },
      ],
      fragmentation: true,
    });
    expect(c.harms.map((h) => [h.code, h.harm, h.month, h.severity, h.value])).toEqual([['failure.compute.shortfall', 'outage', 0, 'error', 1]]);
    // the four equal hosts raise one finding (an error: hosts are tolerated); racks and zones,
    // which hold one or two of them and are not tolerated, one warning each kind
    const findings = r.findings.filter((f) => f.code === 'failure.compute.shortfall');
    expect(findings.map((f) => [f.severity, f.subject, f.month])).toEqual([
      ['error', '4 hosts', 0],
      ['warning', '3 racks', 0],
      ['warning', '3 zones', 0],
    ]);
    expect(findings[0]!.message).toContain('fragmentation');
  });

  it('one flavor that packs evenly: no harm, the displaced instances find room', () => {
    // 4 hosts, 4 x f6: one per host, 14 free each; losing one: its f6 fits on a survivor
    const r = analyze(computeScenario(4, [flavor('f6', 6, 6)], [{ flavor: 'f6', count: 4 }]));
    const c = impactOf(r, 'host:compute-02', 'compute')!;
    expect(c).toMatchObject({ harm: 'none', firstHarmMonth: null, severity: null, harms: [] });
    expect(c.compute).toMatchObject({ instancesDisplaced: 1, atMonth: 23, fragmentation: false });
  });

  it('finds the first month of harm as demand grows; a rack loss harms earlier and is a warning (racks not tolerated)', () => {
    // 4 hosts x 20 vCPU; f4 = 4 vCPU / 4 GiB: 5 per host. Demand 8 x (1 + 0.1 t), rounded up:
    // t=1 9, t=2 10, t=3 11 (8 x 1.3 = 10.4), t=8 15 (14.4), t=9 16 (15.2).
    // New instances go to the host with the most free RAM (ties: host order), so the counts stay
    // within 1: 8 = 2,2,2,2; 11 = 3,3,3,2; 15 = 4,4,4,3; 16 = 4,4,4,4.
    // One host: at 15, losing a host with 4 leaves room (5-4)+(5-4)+(5-3) = 4 >= 4; at 16 room 3 < 4:
    // harm from month 9.
    // Rack r1 = compute-01 and compute-04 (spread over r1, r2, r3, r1): at 10 (3,3,2,2) it displaces
    // 3 + 2 = 5, room (5-3) + (5-2) = 5: fits; at 11 (3,3,3,2) it displaces 5, room 2 + 2 = 4: harm from month 3.
    const r = analyze(computeScenario(4, [flavor('f4', 4, 4)], [{ flavor: 'f4', count: 8 }], { kind: 'linear', perMonth: 0.1 }));
    for (const h of ['compute-01', 'compute-02', 'compute-03', 'compute-04']) expect(impactOf(r, `host:${h}`, 'compute')!.firstHarmMonth).toBe(9);
    const rack = impactOf(r, 'rack:r1', 'compute')!;
    expect(rack.firstHarmMonth).toBe(3);
    expect(rack.severity).toBe('warning');
    expect(rack.compute).toMatchObject({ atMonth: 3, instancesDisplaced: 5, flavors: [{ flavor: 'f4', displaced: 5, unplaced: 1 }] });
    // r2 and r3 hold one host each: the same as that host
    expect(impactOf(r, 'rack:r2', 'compute')!.firstHarmMonth).toBe(9);
  });

  it('a compute host drained for maintenance counts as lost: harm earlier', () => {
    // Same demand; maintenance drains 1 compute host: losing one host displaces two hosts'
    // instances, which is the rack r1 case above: harm from month 3.
    const s = computeScenario(4, [flavor('f4', 4, 4)], [{ flavor: 'f4', count: 8 }], { kind: 'linear', perMonth: 0.1 });
    s.policy.maintenance = { hosts: 1, roles: ['compute'] };
    const r = analyze(s);
    const c = impactOf(r, 'host:compute-03', 'compute')!;
    expect(r.plan.domains.find((d) => d.id === 'host:compute-03')!.hostsDrained).toEqual(['compute-01']);
    expect(c.compute).toMatchObject({ hostsLost: 1, hostsDrained: 1 });
    expect(c.firstHarmMonth).toBe(3);
    expect(c.harms[0]!.message).toContain('drained for maintenance');
  });

  it("the maintenance alone drains its host and loses none, though it re-places as that host's loss", () => {
    // One compute host with 2 f4 instances (room for 5). Losing compute-01 drains nothing else
    // (no other compute host): 2 displaced, no room left: harm from month 0. The maintenance
    // domain drains compute-01 and loses nothing: the same 2 instances move, harm from month 0,
    // but its record must say drained, not lost (it once took the record of compute-01's own
    // loss, analysed before it in the same month: hostsLost 1, hostsDrained 0).
    const s = computeScenario(1, [flavor('f4', 4, 4)], [{ flavor: 'f4', count: 2 }], { kind: 'linear', perMonth: 0 });
    s.policy.maintenance = { hosts: 1, roles: ['compute'] };
    const r = analyze(s);
    expect(r.plan.domains.find((d) => d.id === 'maintenance:maintenance')).toMatchObject({ hostsLost: [], hostsDrained: ['compute-01'] });
    const m = impactOf(r, 'maintenance:maintenance', 'compute')!;
    expect(m.compute).toMatchObject({ hostsLost: 0, hostsDrained: 1, instancesDisplaced: 2 });
    expect(m.firstHarmMonth).toBe(0);
    expect(impactOf(r, 'host:compute-01', 'compute')!.compute).toMatchObject({ hostsLost: 1, hostsDrained: 0, instancesDisplaced: 2 });
  });
});

describe('hooks: where the Ceph model and the network plan plug in', () => {
  it("ceph.reprotectSeconds receives the loss, the rebuild and the survivors' bandwidth, and its answer is used", () => {
    const base = handScenario();
    const s = handScenario({
      nodes: [group('storage', 'sto-30', 4)],
      ceph: { ...base.ceph, pools: [{ name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 1 }] },
      demand: { instances: [], storageBytes: { volumes: 10e12 }, growth: { kind: 'compound', perMonth: 0 } },
    });
    const seen: { lost: readonly string[]; rebuild: number; bw: number | null }[] = [];
    const r = analyze(s, {
      ceph: {
        reprotectSeconds: (x) => {
          seen.push({ lost: x.lostHosts, rebuild: x.rebuildBytes, bw: x.replicationBitsPerSecond });
          return 3600;
        },
      },
      network: { replicationBitsPerSecond: () => 25e9 }, // per storage host: 3 survivors give 75 Gbit/s
    });
    const c = impactOf(r, 'host:storage-01', 'ceph')!;
    // 10 TB x 3 = 30 TB over 4 x 30 TB = 25 %; after, 30 TB over 3 x 30 TB = 33.3 %: under backfillfull
    expect(c.ceph).toMatchObject({ survivorFillMonth0: 1 / 3, backfillfullMonth: null, reprotectSeconds: 3600 });
    expect(c.message).toContain('(month-0 data) takes about 1 h');
    // 7.5 TB per host before; after, 10 TB per survivor: 3 x 2.5 = 7.5 TB rebuilt
    expect(seen[0]).toEqual({ lost: ['storage-01'], rebuild: 7.5e12, bw: 3 * 25e9 });
  });
});

describe('switches and feeds that cut no host off', () => {
  it('a switch and a feed that degrade as many hosts each keep their own impact (network, power)', () => {
    // One rack r1 on switches sw-a, sw-b and feeds A, B; 2 compute hosts, each on both of
    // each: losing sw-a (or A) cuts no host off and leaves 2 hosts with one link (one feed).
    // The same count of degraded hosts must not make the feed take the switch's outcome.
    const s = handScenario({ racks: [{ name: 'r1', heightRu: 42, switches: ['sw-a', 'sw-b'], powerFeeds: ['A', 'B'] }], nodes: [group('compute', 'cmp-20', 2)] });
    const r = analyze(s);
    const sw = impactOf(r, 'switch:sw-a', 'network')!;
    const feed = impactOf(r, 'feed:A', 'power')!;
    expect(sw.message).toBe("2 hosts keep one link (no redundancy, half the bonded bandwidth); links assumed: every host bonded to all of its rack's switches.");
    expect(feed.message).toBe('2 hosts keep one feed (no redundancy).');
    expect(impactOf(r, 'feed:B', 'power')!.message).toBe(feed.message);
    expect(sw.network).toEqual({ hostsAttached: 2, hostsLost: 0, hostsDegraded: 2, source: 'default' });
    expect(feed.power).toEqual({ hostsAttached: 2, hostsLost: 0, hostsDegraded: 2, source: 'default' });
  });
});

describe('evaluate carries the failure plan', () => {
  it('plan.failure and its findings are in the PlanResult, JSON-safe and deterministic', () => {
    const s = computeScenario(
      4,
      [flavor('f8', 8, 8), flavor('f6', 6, 6)],
      [
        { flavor: 'f8', count: 4 },
        { flavor: 'f6', count: 4 },
      ],
    );
    const a = evaluate(s);
    expect(a.failure?.domains.length).toBeGreaterThan(0);
    expect(a.findings.some((f) => f.code === 'failure.compute.shortfall' && f.severity === 'error')).toBe(true);
    expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a);
    expect(evaluate(structuredClone(s))).toEqual(a);
  });
});

// Random small clouds for the properties.
const arbCloud = fc
  .record({
    control: fc.integer({ min: 0, max: 5 }),
    compute: fc.integer({ min: 0, max: 6 }),
    storage: fc.integer({ min: 0, max: 6 }),
    racks: fc.integer({ min: 1, max: 4 }),
    packCompute: fc.boolean(),
    singleTor: fc.boolean(),
    small: fc.integer({ min: 0, max: 60 }),
    large: fc.integer({ min: 0, max: 20 }),
    storedTb: fc.integer({ min: 0, max: 60 }),
    growth: fc.double({ min: 0, max: 0.1, noNaN: true }),
    size: fc.integer({ min: 2, max: 3 }),
    maintenance: fc.integer({ min: 0, max: 1 }),
    tolerateHosts: fc.integer({ min: 0, max: 2 }),
  })
  .map((x) => {
    const base = handScenario();
    const s = handScenario({
      racks: Array.from({ length: x.racks }, (_, i) => ({ name: `r${i + 1}`, zone: `az${(i % 2) + 1}`, heightRu: 42, ...(x.singleTor && i === 0 ? { switches: ['tor-1'] } : {}) })),
      nodes: [
        group('control', 'ctl-r660', x.control),
        group('compute', 'cmp-20', x.compute, { placement: x.packCompute ? 'pack' : 'spread' }),
        group('storage', 'sto-30', x.storage),
      ],
      openstack: { ...base.openstack, flavors: { small: flavor('small', 2, 2), large: flavor('large', 8, 6) } },
      ceph: { ...base.ceph, pools: [{ name: 'volumes', type: 'replicated', size: x.size, minSize: x.size - Math.floor(x.size / 2), share: 1 }] },
      demand: {
        instances: [
          { flavor: 'small', count: x.small },
          { flavor: 'large', count: x.large },
        ],
        storageBytes: { volumes: x.storedTb * 1e12 },
        growth: { kind: 'compound', perMonth: x.growth },
      },
      policy: {
        tolerate: { hosts: x.tolerateHosts, racks: 0 },
        thresholds: { compute: 0.8, storage: 0.85 },
        maintenance: { hosts: x.maintenance, roles: ['control', 'compute', 'storage'] },
      },
    });
    s.horizonMonths = 12;
    return s;
  });

describe('properties (fast-check, seed 42)', () => {
  it('losing a failure domain never adds capacity', () => {
    fc.assert(
      fc.property(arbCloud, (s) => {
        const r = analyze(s);
        const p = evaluate(s);
        for (const i of r.plan.impacts) {
          if (i.compute) {
            for (const [rc, lost] of Object.entries(i.compute.capacityLost)) {
              expect(lost).toBeGreaterThanOrEqual(0);
              expect(lost).toBeLessThanOrEqual((p.compute.totalCapacity as Record<string, number>)[rc]! + 1e-6);
            }
          }
          if (i.ceph) {
            expect(i.ceph.rawBytesLost).toBeGreaterThanOrEqual(0);
            expect(i.ceph.rawBytesLost).toBeLessThanOrEqual(p.storage.rawBytes);
            for (const pool of i.ceph.pools) expect(pool.domainsLeft).toBeLessThanOrEqual(p.storage.failureDomains.length);
          }
          if (i.control) expect(i.control.controllersLost + i.control.controllersDrained).toBeLessThanOrEqual(i.control.controllers);
        }
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('the first month of harm does not depend on the horizon (the bisection finds the first month)', () => {
    fc.assert(
      fc.property(arbCloud, fc.integer({ min: 1, max: 11 }), (s, cut) => {
        const full = analyze(s);
        const short = analyze({ ...s, horizonMonths: cut });
        const first = new Map(full.plan.impacts.map((i) => [`${i.domain}/${i.subsystem}`, i.firstHarmMonth]));
        for (const i of short.plan.impacts) {
          const m = first.get(`${i.domain}/${i.subsystem}`) ?? null;
          expect(i.firstHarmMonth).toBe(m !== null && m < cut ? m : null);
        }
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it('a larger loss never harms later than a smaller one contained in it', () => {
    const role = { compute: 'compute', control: 'control', ceph: 'storage' } as const;
    fc.assert(
      fc.property(arbCloud, (s) => {
        const r = analyze(s);
        const plan = s.nodes.length > 0 ? evaluate(s) : undefined;
        const roleOf = new Map(plan ? plan.hosts.map((h) => [h.name, h.role]) : []);
        // Ceph's hosts are the OSD hosts and the monitor hosts (a monitor quorum loss is a Ceph harm)
        const mons = new Set(plan?.controlPlane.monitors?.hosts ?? []);
        const stopped = (d: FailureDomain, want: string) =>
          new Set([...d.hostsLost, ...d.hostsDrained].filter((h) => roleOf.get(h) === want || (want === 'storage' && mons.has(h))));
        const at = (m: number | null) => (m === null ? Number.POSITIVE_INFINITY : m);
        for (const sub of ['compute', 'control', 'ceph'] as const) {
          const impacts = r.plan.impacts.filter((i) => i.subsystem === sub);
          for (const small of impacts) {
            const ds = r.plan.domains.find((d) => d.id === small.domain)!;
            const a = stopped(ds, role[sub]);
            for (const big of impacts) {
              const db = r.plan.domains.find((d) => d.id === big.domain)!;
              const b = stopped(db, role[sub]);
              if ([...a].every((h) => b.has(h))) expect(at(big.firstHarmMonth)).toBeLessThanOrEqual(at(small.firstHarmMonth));
            }
          }
        }
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});
