/**
 * One record per Ceph pool: the StoragePlan holds each pool's figures once, in
 * storage.ceph.pools (CephPoolPlan), one per scenario pool in scenario order. Before, a second
 * record (StoragePlan.pools, PoolPlan) held the same figures under other names.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { expandHosts } from '../fleet/hosts.js';
import type { CephPoolPlan } from '../model/ceph-plan.js';
import type { StoragePlan } from '../model/plan.js';
import type { CephPool, NodeGroup, Scenario } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import { planStorage } from './storage-plan.js';

// Every storage host of the test scenario: sto-r760xd2 with 10 OSDs × 8 TB = 80e12 bytes raw.
const storage = (count: number): NodeGroup => ({ role: 'storage', hardware: 'sto-r760xd2', count, placement: 'spread', namePrefix: 'storage' });
const volumes: CephPool = { name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 0.7 };
const backups: CephPool = { name: 'backups', type: 'erasure', k: 4, m: 2, minSize: 5, share: 0.3 };

function scenario(hosts: number, pools: CephPool[], tolerateHosts: number, extra: Partial<Scenario['demand']> = {}): Scenario {
  const base = makeScenario();
  return makeScenario({
    nodes: [storage(hosts)],
    ceph: { ...base.ceph, failureDomain: 'host', pools },
    demand: { ...base.demand, ...extra },
    policy: { tolerate: { hosts: tolerateHosts, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
  });
}
const run = (s: Scenario) => planStorage(s, expandHosts(s).hosts);

describe('one record per Ceph pool', () => {
  it('the StoragePlan has no second pool list; the record is CephPoolPlan', () => {
    expectTypeOf<StoragePlan>().not.toHaveProperty('pools');
    expectTypeOf<NonNullable<StoragePlan['ceph']>['pools']>().toEqualTypeOf<CephPoolPlan[]>();
    const r = run(scenario(7, [volumes, backups], 1));
    expect(Object.keys(r.plan)).not.toContain('pools');
    expect(r.plan.ceph!.pools.map((p) => p.name)).toEqual(['volumes', 'backups']);
  });

  it('EC 4+2 on 7 hosts, one host tolerated: every figure of the record, worked by hand', () => {
    const s = scenario(7, [backups], 1, {
      storageBytes: { backups: 100e12 },
      storageSource: { backups: 'ceph df: state/df.json pools[name=backups].stats.stored' },
    });
    const p = run(s).plan.ceph!.pools[0]!;
    // layout: k + m = 6 shards, one per host; raw used rate (k + m) / k = 6 / 4 = 1.5
    expect(p).toMatchObject({ name: 'backups', type: 'erasure', copies: 6, k: 4, m: 2, minSize: 5, rawUsedRate: 1.5, share: 0.3 });
    // 7 hosts with OSDs; the tolerated host leaves 6: clean (7 >= 6), self-healing (7 >= 6 + 1), margin 6 - 5 = +1
    expect(p).toMatchObject({ failureDomainCount: 7, failureDomainCountAfterFailure: 6, clean: true, servesIo: true, selfHealing: true, minSizeMargin: 1 });
    // usable = raw / rate = 7 × 80e12 / 1.5 = 560e12 / 1.5 = 373,333,333,333,333.33 -> 373,333,333,333,333
    expect(p.usableBytes).toBe(373_333_333_333_333);
    // nearfull usable = 373,333,333,333,333.33 × 0.85 = 317,333,333,333,333.33 -> 317,333,333,333,333
    expect(p.nearfullUsableBytes).toBe(317_333_333_333_333);
    // re-protectable raw (reprotect.ts), the least of: intact 560e12; one 8 TB OSD lost: domains
    // 6 × 80 + 72 TB, D* = 552 / 6 = 92 TB (every domain under D* holds all of it), 6 × 92 = 552e12;
    // one host lost: 6 × 80 TB for 6 shards, D* = 80 TB, 6 × 80 = 480e12. So 480e12.
    // tolerated usable = 480e12 / 1.5 = 320e12; × 0.85 = 272e12
    expect(p.toleratedUsableBytes).toBe(320e12);
    expect(p.toleratedNearfullUsableBytes).toBe(272e12);
    expect(p.limitedBy).toBe('host storage-01');
    // stored at month 0, and where it came from
    expect(p.storedBytesMonth0).toBe(100e12);
    expect(p.storedSource).toBe('ceph df: state/df.json pools[name=backups].stats.stored');
    // raw used = 100e12 × 1.5 = 150e12
    expect(p.rawUsedBytesMonth0).toBe(150e12);
  });

  it('a replicated pool has no k and m, and no storedSource without demand.storageFrom', () => {
    const p = run(scenario(4, [volumes], 0)).plan.ceph!.pools[0]!;
    expect(p).toMatchObject({ copies: 3, k: null, m: null, rawUsedRate: 3 });
    expect(p).not.toHaveProperty('storedSource');
  });

  it('the failure-domain findings read the record: "size 3" and "EC 4+2" from copies, k and m', () => {
    // 3 hosts: volumes has exactly 3 domains for 3 copies (cannot self-heal); backups needs 6, has 3
    const r = run(scenario(3, [volumes, backups], 0));
    const msg = (code: string, subject: string) => r.findings.find((f) => f.code === code && f.subject === subject)?.message ?? '';
    expect(msg('ceph.pool.cannot_self_heal', 'pool volumes')).toContain('pool volumes (size 3) has exactly 3 hosts for 3 copies');
    expect(msg('ceph.pool.too_few_failure_domains', 'pool backups')).toContain('pool backups (EC 4+2) needs 6 hosts for its 6 shards but has 3');
  });
});
