import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CephPool, NodeGroup, Scenario } from '../model/scenario.js';
import { expandHosts } from '../fleet/hosts.js';
import { makeScenario } from '../model/test-scenario.js';
import { failureDomainsNeeded, rawUsedRate } from './pools.js';
import { planStorage } from './storage-plan.js';

// Every storage host in the test scenario: sto-r760xd2 with 10 OSDs × 8 TB = 80e12 bytes raw.
const storage = (count: number, placement: NodeGroup['placement'] = 'spread'): NodeGroup => ({
  role: 'storage',
  hardware: 'sto-r760xd2',
  count,
  placement,
  namePrefix: 'storage',
});
const replicated3: CephPool = { name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 1 };
const ec42: CephPool = { name: 'backups', type: 'erasure', k: 4, m: 2, minSize: 5, share: 1 };

function scenario(nodes: NodeGroup[], pools: CephPool[], opts: { failureDomain?: 'host' | 'rack'; hosts?: number; racks?: number; racksCount?: number } = {}): Scenario {
  const base = makeScenario();
  return makeScenario({
    nodes,
    racks: base.racks.slice(0, opts.racksCount ?? 3),
    ceph: { ...base.ceph, failureDomain: opts.failureDomain ?? 'host', pools },
    policy: { tolerate: { hosts: opts.hosts ?? 0, racks: opts.racks ?? 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
  });
}
const run = (s: Scenario) => planStorage(s, expandHosts(s).hosts);

describe('raw used rate (src/osd/OSDMap.cc pool_raw_used_rate)', () => {
  it('replicated: size; erasure: (k + m) / k', () => {
    expect(rawUsedRate(replicated3)).toBe(3);
    expect(rawUsedRate(ec42)).toBe(1.5); // (4 + 2) / 4
    expect(failureDomainsNeeded(replicated3)).toBe(3);
    expect(failureDomainsNeeded(ec42)).toBe(6); // k + m
  });
});

describe('pool capacity', () => {
  it('3 hosts × 10 × 8 TB, replicated size 3, share 1', () => {
    const r = run(scenario([storage(3)], [replicated3]));
    // raw = 3 × 10 × 8e12 = 240e12 bytes; 30 OSDs
    expect(r.plan.rawBytes).toBe(240e12);
    expect(r.plan.osdCount).toBe(30);
    expect(r.plan.failureDomains).toEqual([
      { name: 'storage-01', rawBytes: 80e12, osdCount: 10 },
      { name: 'storage-02', rawBytes: 80e12, osdCount: 10 },
      { name: 'storage-03', rawBytes: 80e12, osdCount: 10 },
    ]);
    const pool = r.plan.ceph!.pools[0]!;
    // usable = 240e12 × 1 / 3 = 80e12; nearfull = 80e12 × 0.85 = 68e12
    expect(pool.usableBytes).toBe(80e12);
    expect(pool.nearfullUsableBytes).toBe(68e12);
    expect(pool.copies).toBe(3);
    expect(pool.failureDomainCount).toBe(3);
    // exactly 3 hosts for 3 copies: clean, but cannot re-protect after losing one host
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['ceph.pool.cannot_self_heal', 'warning']]);
  });

  it('EC 4+2: usable = raw / 1.5, whatever the share (the pools on a rule share its raw space)', () => {
    // 7 hosts: raw 7 × 80e12 = 560e12; EC 4+2: 560e12 / 1.5 = 373.333e12 (share 0.3 only sizes PGs); nearfull × 0.85 = 317.333e12
    const r = run(scenario([storage(7)], [{ ...ec42, share: 0.3 }]));
    const pool = r.plan.ceph!.pools[0]!;
    expect(pool.rawUsedRate).toBe(1.5);
    expect(pool.usableBytes).toBe(Math.round(560e12 / 1.5)); // rounded to a whole byte
    expect(pool.nearfullUsableBytes).toBe(Math.round((560e12 / 1.5) * 0.85));
    expect(r.findings).toEqual([]); // 7 hosts >= 6 + 1
  });

  it('EC 4+2 on 3 hosts: too few failure domains, and below min_size even with every host up', () => {
    const r = run(scenario([storage(3)], [ec42], { hosts: 1 }));
    // needs k + m = 6 hosts, has 3; min_size 5 > 3: PGs inactive. usable is still 240e12 / 1.5 = 160e12 on paper.
    expect(r.plan.ceph!.pools[0]!.usableBytes).toBe(160e12);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ code: 'ceph.pool.too_few_failure_domains', severity: 'error', subject: 'pool backups', value: 3, limit: 6 });
    expect(r.findings[0]!.message).toContain('inactive');
  });

  it('ceph.no_osds when pools exist but no host has OSD devices', () => {
    const r = run(scenario([{ role: 'control', hardware: 'ctl-r660', count: 3, placement: 'spread', namePrefix: 'control' }], [replicated3]));
    expect(r.plan.rawBytes).toBe(0);
    expect(r.plan.ceph!.pools[0]!.usableBytes).toBe(0);
    expect(r.findings.map((f) => f.code)).toEqual(['ceph.no_osds', 'ceph.pool.too_few_failure_domains']);
  });
});

describe('tolerated failures', () => {
  it('N+1 hosts: removes one host domain', () => {
    const r = run(scenario([storage(4)], [replicated3], { hosts: 1 }));
    // raw 4 × 80e12 = 320e12; minus one host: 240e12; tolerated nearfull = 240e12 / 3 × 0.85 = 68e12
    expect(r.plan.toleratedRawBytes).toBe(240e12);
    expect(r.plan.toleratedDomainsRemoved).toEqual(['storage-01']);
    expect(r.plan.ceph!.pools[0]!.toleratedNearfullUsableBytes).toBe(68e12);
    expect(r.plan.ceph!.pools[0]!.toleratedUsableBytes).toBe(80e12);
    expect(r.findings).toEqual([]); // 4 hosts >= 3 + 1; 3 left >= min_size 2
  });

  it('failure domain rack: a tolerated rack removes the largest rack', () => {
    // 6 hosts spread over 3 racks: r1 = storage-01, -04; r2 = -02, -05; r3 = -03, -06; 160e12 each.
    const r = run(scenario([storage(6)], [replicated3], { failureDomain: 'rack', racks: 1 }));
    expect(r.plan.failureDomains).toEqual([
      { name: 'r1', rawBytes: 160e12, osdCount: 20 },
      { name: 'r2', rawBytes: 160e12, osdCount: 20 },
      { name: 'r3', rawBytes: 160e12, osdCount: 20 },
    ]);
    // 480e12 − 160e12 = 320e12
    expect(r.plan.toleratedRawBytes).toBe(320e12);
    expect(r.plan.toleratedDomainsRemoved).toEqual(['r1']);
    expect(r.plan.toleratedHostsRemoved).toEqual(['storage-01', 'storage-04']);
    expect(r.findings.map((f) => f.code)).toEqual(['ceph.pool.cannot_self_heal']); // 3 racks for 3 copies
  });

  it('failure domain rack with tolerate.hosts: the host goes, its rack stays a domain', () => {
    const r = run(scenario([storage(6)], [replicated3], { failureDomain: 'rack', hosts: 1 }));
    expect(r.plan.toleratedRawBytes).toBe(400e12); // 480e12 − 80e12
    expect(r.plan.toleratedDomainsRemoved).toEqual([]);
    expect(r.plan.toleratedHostsRemoved).toEqual(['storage-01']);
    expect(r.plan.ceph!.pools[0]!.failureDomainCountAfterFailure).toBe(3);
  });

  it('failure domain host with a tolerated rack removes every host of the rack', () => {
    // EC 4+2 (min_size 5) on 6 hosts in 2 racks: r1 = storage-01, -03, -05; r2 = -02, -04, -06.
    // Losing r1 leaves 3 hosts < min_size 5: I/O blocks. 6 hosts = k + m exactly: cannot self-heal.
    const r = run(scenario([storage(6)], [ec42], { racks: 1, racksCount: 2 }));
    expect(r.plan.toleratedDomainsRemoved).toEqual(['storage-01', 'storage-03', 'storage-05']);
    expect(r.plan.toleratedRawBytes).toBe(240e12); // 480e12 − 3 × 80e12
    expect(r.findings.map((f) => [f.code, f.severity, f.value, f.limit])).toEqual([
      ['ceph.pool.cannot_self_heal', 'warning', 6, 7],
      ['ceph.pool.below_min_size_after_failure', 'error', 3, 5],
    ]);
  });

  it('property: 0 <= tolerated <= usable <= raw, and losing a host never adds capacity nor safe usable', () => {
    const arbPool: fc.Arbitrary<CephPool> = fc.oneof(
      fc
        .record({ size: fc.integer({ min: 1, max: 4 }), share: fc.double({ min: 0.01, max: 1, noNaN: true }) })
        .map(({ size, share }) => ({ name: 'p', type: 'replicated' as const, size, minSize: size - Math.floor(size / 2), share })),
      fc
        .record({ k: fc.integer({ min: 2, max: 8 }), m: fc.integer({ min: 1, max: 4 }), share: fc.double({ min: 0.01, max: 1, noNaN: true }) })
        .map(({ k, m, share }) => ({ name: 'p', type: 'erasure' as const, k, m, minSize: k + Math.min(1, m - 1), share })),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom<'host' | 'rack'>('host', 'rack'),
        arbPool,
        (n, th, tr, fd, pool) => {
          const a = run(scenario([storage(n)], [pool], { failureDomain: fd, hosts: th, racks: tr }));
          const b = run(scenario([storage(n)], [pool], { failureDomain: fd, hosts: th + 1, racks: tr }));
          const p = a.plan.ceph!.pools[0]!;
          expect(p.usableBytes).toBeGreaterThanOrEqual(0);
          expect(p.usableBytes).toBeLessThanOrEqual(a.plan.rawBytes);
          expect(a.plan.toleratedRawBytes).toBeLessThanOrEqual(a.plan.rawBytes);
          expect(p.toleratedNearfullUsableBytes).toBeLessThanOrEqual(p.nearfullUsableBytes);
          expect(b.plan.toleratedRawBytes).toBeLessThanOrEqual(a.plan.toleratedRawBytes);
          // Ceph's view: tolerating one more host never raises safe usable; safe <= usable <= raw;
          // MAX AVAIL <= raw x full / rate (nothing stored: max avail = 0.95 x raw / rate at most)
          const ca = a.plan.ceph!.pools[0]!;
          expect(b.plan.ceph!.pools[0]!.safeUsableBytes).toBeLessThanOrEqual(ca.safeUsableBytes);
          expect(ca.safeUsableBytes).toBeGreaterThanOrEqual(0);
          expect(ca.safeUsableBytes).toBeLessThanOrEqual(ca.usableBytes + 1);
          expect(ca.maxAvailBytes).toBeLessThanOrEqual((a.plan.rawBytes * 0.95) / p.rawUsedRate + 1);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});
