/**
 * Losses of several hosts (racks, zones, feeds) share an outcome only when their signature is
 * the same (compute-impact.ts `blocksOf`, ceph-impact.ts `lossSignature`): worked by hand on
 * racks whose hosts look alike from outside but lose different things.
 */
import { describe, expect, it } from 'vitest';
import { planCompute } from '../compute/compute-plan.js';
import { expandHosts } from '../fleet/hosts.js';
import type { FailureDomain } from '../model/failure.js';
import type { Flavor, Scenario } from '../model/scenario.js';
import { failureDomains, storageHostsRaw } from '../storage/raw.js';
import { cephContext, cephImpact } from './ceph-impact.js';
import { computeModel, computeOutcomes } from './compute-impact.js';
import { analyze, group, handHardware, handScenario, impactOf } from './test-failure.js';

const GIB = 2 ** 30;
const TB = 1e12;
const flavor = (name: string, vcpus: number, ramGib: number): Flavor => ({ name, vcpus, ramBytes: ramGib * GIB, diskBytes: 0 });

/** Two racks of two cmp-20 hosts (20 vCPU, 20 GiB each): r1 holds a then b, r2 holds c then d. */
function twoRacks(instances: { flavor: string; count: number }[]): Scenario {
  const base = handScenario();
  return handScenario({
    nodes: [group('compute', 'cmp-20', 2, { rack: 'r1', namePrefix: 'a' }), group('compute', 'cmp-20', 2, { rack: 'r2', namePrefix: 'b' })],
    openstack: { ...base.openstack, flavors: { small: flavor('small', 2, 2), large: flavor('large', 4, 4) } },
    demand: { instances, storageBytes: {}, growth: { kind: 'compound', perMonth: 0 } },
    ceph: { ...base.ceph, pools: [] },
    policy: { tolerate: { hosts: 1, racks: 1 }, thresholds: { compute: 0.8, storage: 0.85 } },
  });
}

describe('compute: racks share a re-placement only with the same hosts and instances', () => {
  it('two racks of alike hosts (same free capacity) with different instances keep their own outcome', () => {
    // Dominant share: large (4/80 vCPU) before small (2/80). Spread by free RAM, ties in host
    // order: 2 large go to a-01 and a-02 (20 -> 16 GiB), then 4 small to b-01, b-02, b-01,
    // b-02 (20 -> 18 -> 16 GiB). Every host: 4 vCPU and 4 GiB used, 16 vCPU / 16 GiB free: one
    // block of alike hosts in the host order. Rack r1 displaces 2 large, r2 4 small; the
    // survivors (2 x 16 free) take them: no harm either way, but the details differ.
    const r = analyze(
      twoRacks([
        { flavor: 'large', count: 2 },
        { flavor: 'small', count: 4 },
      ]),
    );
    const r1 = impactOf(r, 'rack:r1', 'compute')!;
    const r2 = impactOf(r, 'rack:r2', 'compute')!;
    expect(r1.compute).toMatchObject({ hostsLost: 2, instancesDisplaced: 2, flavors: [{ flavor: 'large', displaced: 2, unplaced: 0 }] });
    expect(r2.compute).toMatchObject({ hostsLost: 2, instancesDisplaced: 4, flavors: [{ flavor: 'small', displaced: 4, unplaced: 0 }] });
    expect(r1.harm).toBe('none');
    expect(r2.harm).toBe('none');
  });

  it('two racks with the same hosts and instances share one outcome, the one each gives alone', () => {
    // 4 large spread: one per host (20 -> 16 GiB). Either rack displaces 2 large onto the
    // other rack's 2 x 16 free: no harm; capacity lost 2 x 20 vCPU, 2 x 20,480 MiB.
    const s = twoRacks([{ flavor: 'large', count: 4 }]);
    const hosts = expandHosts(s).hosts;
    const model = computeModel(s, planCompute(s, hosts).plan, hosts);
    const rack = (name: string, lost: string[]): FailureDomain => ({
      id: `rack:${name}`,
      kind: 'rack',
      name,
      tolerated: true,
      hostsLost: lost,
      hostsDrained: [],
      hostsDegraded: [],
    });
    const d1 = rack('r1', ['a-01', 'a-02']);
    const d2 = rack('r2', ['b-01', 'b-02']);
    const both = computeOutcomes(model, [d1, d2], s.start);
    const alone = computeOutcomes(model, [d2], s.start);
    expect(both[1]).toBe(both[0]);
    expect(both[1]).toEqual(alone[0]);
    expect(alone[0]!.detail).toMatchObject({ hostsLost: 2, capacityLost: { VCPU: 40, MEMORY_MB: 40_960 }, instancesDisplaced: 2 });
  });

  it('a rack of other hardware with the same free capacity keeps its own outcome', () => {
    // r1: 2 x cmp-20; r2: 2 x cmp-40 (40 vCPU, 40 GiB). 6 large: the cmp-40 hosts take them
    // while they have more free RAM: b-01, b-02, b-01, b-02, b-01 (40 -> 28, 28 -> 24... ):
    // free RAM 40, 40, 36, 36, 32, 32, 28, 28, 24, 24 GiB, then the 5th and 6th: b-01 24 -> 20,
    // b-02 24 -> 20. Every cmp-40 holds 5 (20 GiB free), every cmp-20 none (20 GiB free).
    // Losing r1 displaces nothing; losing r2 displaces 10 large onto 2 x 20 free: 5 each fit
    // (5 x 4 = 20). Same free amounts in every host, different hardware: different outcomes.
    const base = handScenario();
    const hw = handHardware();
    const s = handScenario({
      hardware: { ...hw, 'cmp-40': { ...hw['cmp-20']!, name: 'cmp-40', cpu: { ...hw['cmp-20']!.cpu, coresPerSocket: 20 }, memory: { sizeBytes: 40 * GIB, ecc: true } } },
      nodes: [group('compute', 'cmp-20', 2, { rack: 'r1', namePrefix: 'a' }), group('compute', 'cmp-40', 2, { rack: 'r2', namePrefix: 'b' })],
      openstack: { ...base.openstack, flavors: { large: flavor('large', 4, 4) } },
      demand: { instances: [{ flavor: 'large', count: 10 }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0 } },
      ceph: { ...base.ceph, pools: [] },
      policy: { tolerate: { hosts: 1, racks: 1 }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
    const r = analyze(s);
    expect(impactOf(r, 'rack:r1', 'compute')!.compute).toMatchObject({ instancesDisplaced: 0, capacityLost: { VCPU: 40, MEMORY_MB: 40_960 } });
    expect(impactOf(r, 'rack:r2', 'compute')!.compute).toMatchObject({
      instancesDisplaced: 10,
      capacityLost: { VCPU: 80, MEMORY_MB: 81_920 },
      flavors: [{ flavor: 'large', displaced: 10, unplaced: 0 }],
    });
  });
});

/** Storage hosts: sto-30 (3 x 10 TB) and sto-60 (3 x 20 TB), one replicated size-3 pool of `storedTb`. */
function storageScenario(nodes: Scenario['nodes'], failureDomain: 'host' | 'rack', storedTb: number): Scenario {
  const hw = handHardware();
  return handScenario({
    hardware: { ...hw, 'sto-60': { ...hw['sto-30']!, name: 'sto-60', disks: [{ count: 3, sizeBytes: 20 * TB, kind: 'hdd', use: 'osd' }] } },
    nodes,
    ceph: {
      failureDomain,
      ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 },
      pools: [{ name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 1 }],
    },
    demand: { instances: [], storageBytes: { volumes: storedTb * TB }, growth: { kind: 'compound', perMonth: 0 } },
    policy: { tolerate: { hosts: 1, racks: 1 }, thresholds: { compute: 0.8, storage: 0.85 } },
  });
}

describe('Ceph: losses of several hosts share an outcome only with the same models, raw and CRUSH domains', () => {
  it('two racks of two storage hosts each, of other models, keep their own raw lost and fill', () => {
    // Failure domain host: 30, 30 (r1), 30, 30 (r2), 60, 60 TB (r3) = 240 TB raw. 10 TB stored
    // x 3 = 30 TB raw; at most one copy per domain: a = 10 TB.
    // Losing r1 (or r2): 30, 30, 60, 60 = 180 TB left, λ = 30 / 180: the 60s hold 10 (= a),
    // the 30s 5: every domain 1/6 full. 60 TB raw lost.
    // Losing r3: 4 x 30 = 120 TB, λ = 0.25: 7.5 TB each, 25 % full. 120 TB raw lost.
    const s = storageScenario(
      [
        group('storage', 'sto-30', 2, { rack: 'r1', namePrefix: 'a' }),
        group('storage', 'sto-30', 2, { rack: 'r2', namePrefix: 'b' }),
        group('storage', 'sto-60', 2, { rack: 'r3', namePrefix: 'c' }),
      ],
      'host',
      10,
    );
    const r = analyze(s);
    const ceph = (rack: string) => impactOf(r, `rack:${rack}`, 'ceph')!.ceph!;
    expect(ceph('r1')).toMatchObject({ hostsLost: 2, rawBytesLost: 60 * TB, domainsAffected: 2 });
    expect(ceph('r1').survivorFillMonth0).toBeCloseTo(1 / 6, 12);
    expect(ceph('r2')).toEqual(ceph('r1'));
    expect(ceph('r3')).toMatchObject({ hostsLost: 2, rawBytesLost: 120 * TB, domainsAffected: 2 });
    expect(ceph('r3').survivorFillMonth0).toBeCloseTo(0.25, 12);
  });

  it('two hosts of one CRUSH rack and two hosts of two CRUSH racks keep their own domains affected', () => {
    // Failure domain rack: r1 holds a-01, a-02, a-03, r2 holds b-01..03, r3 holds c-01..03, all
    // sto-30: three CRUSH racks of 90 TB. Losing a-01 and a-02 touches 1 CRUSH rack (30 TB left
    // of it); losing a-01 and b-01 touches 2 (60 TB left of each). The same models, raw and
    // CRUSH rack sizes, in the same order: only the grouping differs.
    const s = storageScenario(
      [
        group('storage', 'sto-30', 3, { rack: 'r1', namePrefix: 'a' }),
        group('storage', 'sto-30', 3, { rack: 'r2', namePrefix: 'b' }),
        group('storage', 'sto-30', 3, { rack: 'r3', namePrefix: 'c' }),
      ],
      'rack',
      10,
    );
    const hosts = expandHosts(s).hosts;
    const storage = storageHostsRaw(s, hosts);
    const ctx = cephContext(s, failureDomains(storage, 'rack', s.racks), new Map(storage.map((h) => [h.host, h.rawBytes])), {}, new Map(hosts.map((h) => [h.name, h.hardware])));
    const loss = (name: string, lost: string[]): FailureDomain => ({
      id: `feed:${name}`,
      kind: 'feed',
      name,
      tolerated: true,
      hostsLost: lost,
      hostsDrained: [],
      hostsDegraded: [],
    });
    const one = cephImpact(ctx, loss('x', ['a-01', 'a-02']))!;
    const two = cephImpact(ctx, loss('y', ['a-01', 'b-01']))!;
    const oneAgain = cephImpact(ctx, loss('z', ['b-02', 'b-03']))!;
    expect(one.detail).toMatchObject({ hostsLost: 2, rawBytesLost: 60 * TB, domainsAffected: 1 });
    expect(two.detail).toMatchObject({ hostsLost: 2, rawBytesLost: 60 * TB, domainsAffected: 2 });
    expect(oneAgain).toBe(one);
  });
});
