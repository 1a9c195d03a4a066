/**
 * The Ceph plan end to end on hand-built scenarios (test-scenario.ts: sto-r760xd2 = 10 x 8 TB
 * HDD OSDs + one 1.6 TB NVMe WAL/DB), every expected number worked by hand from
 * formulas.md section 2 and the upstream code each module names.
 */
import { describe, expect, it } from 'vitest';
import type { CephPolicy, CephPool, HardwareModel, NodeGroup, Scenario } from '../model/scenario.js';
import { expandHosts } from '../fleet/hosts.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { planStorage } from './storage-plan.js';

const TB = 1e12;
const storage = (count: number, hardware = 'sto-r760xd2', namePrefix = 'storage'): NodeGroup => ({ role: 'storage', hardware, count, placement: 'spread', namePrefix });
const rep3 = (over: Partial<CephPool> = {}): CephPool => ({ name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 1, ...over }) as CephPool;
const ec42 = (over: Partial<CephPool> = {}): CephPool => ({ name: 'backups', type: 'erasure', k: 4, m: 2, minSize: 5, share: 1, ...over }) as CephPool;

function scenario(opts: {
  nodes: NodeGroup[];
  pools: CephPool[];
  stored?: Record<string, number>;
  ceph?: Partial<CephPolicy>;
  hosts?: number;
  hardware?: Record<string, HardwareModel>;
  perMonth?: number;
}): Scenario {
  const base = makeScenario();
  return makeScenario({
    hardware: opts.hardware ?? baseHardware(),
    nodes: opts.nodes,
    ceph: { ...base.ceph, pools: opts.pools, ...opts.ceph },
    demand: { instances: [], storageBytes: opts.stored ?? {}, growth: { kind: 'compound', perMonth: opts.perMonth ?? 0 } },
    policy: { tolerate: { hosts: opts.hosts ?? 0, racks: 0 }, thresholds: { compute: 0.8, storage: 0.9 } },
  });
}
const run = (s: Scenario) => planStorage(s, expandHosts(s).hosts);
const pool = (r: ReturnType<typeof run>, name: string) => r.plan.ceph!.pools.find((p) => p.name === name)!;

describe('MAX AVAIL in the plan (formulas.md worked example)', () => {
  it('3 hosts x 10 x 8 TB, size 3, 50 % used: MAX AVAIL 36 TB; EC 4+2 on the same OSDs 72 TB but never clean', () => {
    // volumes stores 40 TB x 3 = 120 TB raw of 240 TB: every OSD 50 % used on average (uniform fill).
    // Balanced (formulas.md): rule avail = 8 TB x (0.95 - 0.5) x 30 = 108 TB -> 36 TB, backups 72 TB.
    // The plan puts the fullest OSD where the upmap balancer stops: PGs (512 x 3 + 128 x 6) / 30 =
    // 76.8 per OSD, factor 1 + 5 / 76.8 = 1.0651042, fullest 0.5 x 1.0651042 = 0.5325521;
    // rule avail = 8 x (0.95 - 0.5325521) x 30 = 100.1875 TB -> volumes 33.395833 TB, backups 66.791667 TB.
    const r = run(scenario({ nodes: [storage(3)], pools: [rep3({ share: 0.5 }), ec42({ share: 0.5 })], stored: { volumes: 40 * TB } }));
    expect(pool(r, 'volumes').maxAvailBytes / TB).toBeCloseTo(100.1875 / 3, 6);
    expect(pool(r, 'backups').maxAvailBytes / TB).toBeCloseTo(100.1875 / 1.5, 6);
    expect(r.plan.ceph!.months[0]!.pools.volumes!.fullestOsdUtilisation).toBeCloseTo(0.5 * (1 + 5 / 76.8), 12);
    expect(r.plan.ceph!.ruleSets[0]!.fullestOsd).toEqual({ factor: 1 + 5 / 76.8, source: 'upmap balancer', pgReplicasPerOsd: expect.closeTo(76.8, 9), maxDeviationPgs: 5 });
    // Both rules take every OSD: one rule set, one resource; backups cannot go clean, so volumes' re-protectable raw binds.
    expect(r.plan.ceph!.ruleSets.map((x) => [x.resource, x.rules])).toEqual([['storage.rule.replicated_rule+backups', ['replicated_rule', 'backups']]]);
    // 3 hosts for 6 shards: never clean, and fewer than min_size 5: inactive. Ceph still prints 72 TB.
    expect(pool(r, 'backups')).toMatchObject({ clean: false, servesIo: false, selfHealing: false, failureDomainCount: 3, storableBytes: 0, availBytes: 0 });
    expect(r.findings.filter((f) => f.subject === 'pool backups').map((f) => f.code)).toEqual(['ceph.pool.too_few_failure_domains']);
    // the implied rules: replicated_rule (firstn) and backups (indep), every OSD, failure domain host
    expect(r.plan.ceph!.rules.map((x) => [x.name, x.steps[1], x.osdCount, x.implied])).toEqual([
      ['replicated_rule', 'chooseleaf firstn 0 type host', 30, true],
      ['backups', 'chooseleaf indep 0 type host', 30, true],
    ]);
  });

  it('a hot OSD (fill override) lowers MAX AVAIL: osd.7 at 80 % -> 12 TB', () => {
    // osd.7 holds 0.8 x 8 = 6.4 TB; the other 29 share 120 - 6.4 = 113.6 TB (3.92 TB each, below 50 %).
    // osd.7: headroom 8 x (0.95 - 0.8) = 1.2 TB, f = 1/30 -> 36 TB raw; the others project more -> 36 / 3 = 12 TB.
    const r = run(scenario({ nodes: [storage(3)], pools: [rep3()], stored: { volumes: 40 * TB }, ceph: { fill: { osds: [{ osd: 7, utilisation: 0.8 }] } } }));
    expect(pool(r, 'volumes').maxAvailBytes / TB).toBeCloseTo(12, 6);
    expect(r.plan.ceph!.months[0]!.pools.volumes!.fullestOsdUtilisation).toBeCloseTo(0.8, 12);
    // The fullest OSD comes from ceph osd df: 0.8 / (120 / 240) = 1.6 (MAX VAR); the fill already holds it.
    expect(r.plan.ceph!.ruleSets[0]!.fullestOsd).toMatchObject({ factor: expect.closeTo(1.6, 12), source: 'ceph osd df', maxDeviationPgs: null });
    // what still fits is the smaller of Ceph's 12 TB and the water-fill's (0.95 x 240 - 120) / 3 = 36 TB
    expect(pool(r, 'volumes').availBytes / TB).toBeCloseTo(12, 6);
    expect(r.findings.map((f) => f.code)).not.toContain('ceph.pool.max_avail_overstates');
  });

  it('unequal hosts: Ceph overstates, and says so with both numbers', () => {
    // hosts of 80, 80 and 160 TB (the last has 20 OSDs), size 3, empty.
    // Ceph: 0.95 x 320 / 3 = 101.33 TB. CRUSH: one copy per host, the 160 TB host can hold one copy
    // only: water-fill at full, c = 76, 76, 152 -> D = 76 TB (water-fill.test.ts).
    const hw = baseHardware();
    hw.big = {
      ...hw['sto-r760xd2']!,
      name: 'big',
      disks: [
        { count: 20, sizeBytes: 8 * TB, kind: 'hdd', use: 'osd' },
        { count: 2, sizeBytes: 1.6 * TB, kind: 'nvme', use: 'wal-db' },
      ],
    };
    const r = run(scenario({ hardware: hw, nodes: [storage(2), storage(1, 'big', 'big')], pools: [rep3()] }));
    const p = pool(r, 'volumes');
    expect(p.maxAvailBytes / TB).toBeCloseTo(101.3333, 3);
    expect(p.storableBytes / TB).toBeCloseTo(76, 6);
    const f = r.findings.find((x) => x.code === 'ceph.pool.max_avail_overstates')!;
    expect(f).toMatchObject({ severity: 'warning', subject: 'pool volumes', unit: 'bytes' });
    expect(f.value! / TB).toBeCloseTo(101.3333, 3);
    expect(f.limit! / TB).toBeCloseTo(76, 6);
    expect(f.message).toContain('101.33 TB');
    expect(f.message).toContain('76 TB');
  });
});

describe('safe usable and the horizon', () => {
  it('4 hosts, one tolerated, size 3: re-protectable 240 TB raw on the fullest OSD; safe usable, runways', () => {
    // raw 320 TB; a host lost leaves 3 x 80 TB for 3 copies: 240 TB raw (reprotect.test.ts).
    // PGs: 1024 x 3 / 40 = 76.8 per OSD; fullest factor 1 + 5 / 76.8 = 1.0651042.
    // reprotectable = 240 / 1.0651042 / 3 = 75.110 TB stored; safe = x 0.90 = 67.599 TB; nearfull x 0.85 = 63.843 TB.
    // 50 TB (150 TB raw) growing 3 %/month: safe raw 240 x 0.9 / 1.0651042 = 202.797 TB:
    //   1.03^t > 202.797 / 150 = 1.35198 <=> t > ln 1.35198 / ln 1.03 = 0.30158 / 0.029559 = 10.20 -> 11;
    // nearfull, all hosts up, fullest = mean x factor: 150 x 1.03^t / 320 x 1.0651042 > 0.85
    //   <=> 1.03^t > 272 / 159.7656 = 1.702493; 1.03^18 = 1.702433 (not yet), 1.03^19 = 1.753506 -> 19.
    const f = 1 + 5 / 76.8;
    const r = run(scenario({ nodes: [storage(4)], pools: [rep3()], stored: { volumes: 50 * TB }, hosts: 1, perMonth: 0.03 }));
    const p = pool(r, 'volumes');
    expect(p.reprotectableBytes / TB).toBeCloseTo(240 / f / 3, 6);
    expect(p.safeUsableBytes / TB).toBeCloseTo((240 * 0.9) / f / 3, 6);
    expect(p.safeUsableNearfullBytes / TB).toBeCloseTo((240 * 0.85) / f / 3, 6);
    expect(p.limitedBy).toBe('host storage-01');
    expect(p).toMatchObject({ failureDomainCount: 4, failureDomainCountAfterFailure: 3, clean: true, servesIo: true, selfHealing: true, minSizeMargin: 1 });
    expect(p.runwayToSafeUsableMonths).toBe(11);
    expect(p.runwayToNearfullMonths).toBe(19);
    const set = r.plan.ceph!.ruleSets[0]!;
    expect(set).toMatchObject({ resource: 'storage.rule.replicated_rule', reprotectableRawBytes: 240 * TB, runwayToSafeRawMonths: 11, runwayToNearfullMonths: 19 });
    expect(set.safeRawBytes / TB).toBeCloseTo(202.797066, 5);
    // the set's part of each pool; the pool's own figures are on its one record
    expect(set.pools).toEqual([{ name: 'volumes', partOfRawUsed: 1, partOfSafeRaw: expect.closeTo(150 / 202.797066, 6) }]);
    expect(p).toMatchObject({ storedBytesMonth0: 50 * TB, rawUsedRate: 3, rawUsedBytesMonth0: 150 * TB });
    expect(r.plan.ceph!.bottleneck).toEqual({ pool: 'volumes', limit: 'safe usable', runwayMonths: 11, month: '2027-12' });
    // the pool's own re-protectable raw / 3: the whole rule's, shared by the pools on it
    expect(r.plan.ceph!.pools[0]!.toleratedUsableBytes).toBe(80 * TB);
    // month 11: utilisation = 150 x 1.03^11 / 202.797 = 1.0238; fullest survivor: 150 x 1.03^11 x 1.0651042 / 240 = 0.9214
    const m11 = r.plan.ceph!.months[11]!.pools.volumes!;
    expect(m11.utilisation).toBeCloseTo((150 * 1.03 ** 11) / ((240 * 0.9) / f), 9);
    expect(m11.survivorUtilisation).toBeCloseTo((150 * 1.03 ** 11 * f) / 240, 9);
  });

  it('pools on one rule share its raw space: shares only size PGs', () => {
    // 4 hosts, one tolerated: 240 TB re-protectable raw, safe raw 240 x 0.9 / f. Two pools on
    // replicated_rule, shares 0.9 and 0.1, 30 TB + 30 TB stored = 180 TB raw. Partitioned by share,
    // the small pool would pass 0.1 x 216 / 3 = 7.2 TB at once; shared, nothing ends within 24 months
    // at 0 % growth. PGs as the pg_autoscaler sets them (pg-autoscaler.test.ts): a 1024, b 32:
    // (1024 + 32) x 3 / 40 = 79.2 per OSD, factor 1 + 5 / 79.2 = 1.063131; safe raw 216 / 1.063131
    // = 203.17 TB > 180 TB (88.6 %).
    const r = run(scenario({ nodes: [storage(4)], pools: [rep3({ name: 'a', share: 0.9 }), rep3({ name: 'b', share: 0.1 })], stored: { a: 30 * TB, b: 30 * TB }, hosts: 1 }));
    const pgs = r.plan.ceph!.pools.map((p) => p.pgNum);
    expect(pgs).toEqual([1024, 32]);
    const perOsd = ((pgs[0]! + pgs[1]!) * 3) / 40;
    expect(perOsd).toBeCloseTo(79.2, 9);
    const f = 1 + 5 / 79.2;
    const set = r.plan.ceph!.ruleSets[0]!;
    expect(set.rawUsedBytesMonth0).toBe(180 * TB);
    expect(set.safeRawBytes / TB).toBeCloseTo((240 * 0.9) / f, 6);
    expect(set.runwayToSafeRawMonths).toBeNull();
    expect(r.plan.ceph!.pools.map((p) => [p.name, p.runwayToSafeUsableMonths, p.ruleSet])).toEqual([
      ['a', null, 'storage.rule.replicated_rule'],
      ['b', null, 'storage.rule.replicated_rule'],
    ]);
    // each pool's part: 90 / 180 = 0.5 of the raw used
    expect(set.pools.map((p) => p.partOfRawUsed)).toEqual([0.5, 0.5]);
    // b alone could take (safe raw - a's 90 TB) / 3
    expect(r.plan.ceph!.pools[1]!.safeUsableBytes / TB).toBeCloseTo(((240 * 0.9) / f - 90) / 3, 5);
  });

  it('a pool quota (max_bytes) is a limit of its own: POOL_FULL when stored passes it', () => {
    // volumes 10 TB growing 3 %/month, quota 13 TB: 10 x 1.03^t > 13 <=> t > ln 1.3 / ln 1.03 = 8.88 -> 9
    // (1.03^8 = 1.2668: 12.67 TB; 1.03^9 = 1.3048: 13.05 TB). The rule's raw is far from full.
    const r = run(scenario({ nodes: [storage(4)], pools: [rep3({ maxBytes: 13 * TB })], stored: { volumes: 10 * TB }, hosts: 1, perMonth: 0.03 }));
    expect(pool(r, 'volumes')).toMatchObject({ maxBytes: 13 * TB, runwayToQuotaMonths: 9, runwayToSafeUsableMonths: null });
    const f = r.findings.find((x) => x.code === 'ceph.pool.quota_full')!;
    expect(f).toMatchObject({ severity: 'error', subject: 'pool volumes', month: 9, limit: 13 * TB });
    expect(f.value! / TB).toBeCloseTo(10 * 1.03 ** 9, 9);
    // no quota: none
    expect(pool(run(scenario({ nodes: [storage(4)], pools: [rep3()], stored: { volumes: 10 * TB } })), 'volumes')).toMatchObject({ maxBytes: null, runwayToQuotaMonths: null });
  });

  it('3 hosts, size 3: a lost OSD binds at 9/10 of raw, a lost host moves nothing', () => {
    // 10 OSDs per host: one 8 TB OSD lost leaves 72 TB in its host, which still holds a full copy:
    // re-protectable = 3 x 72 = 216 TB raw. PGs 1024 x 3 / 30 = 102.4 per OSD: factor 1 + 5 / 102.4
    // = 1.0488281; 216 / 1.0488281 / 3 = 68.648 TB stored; safe usable x 0.9 = 61.783 TB.
    const f = 1 + 5 / 102.4;
    const r = run(scenario({ nodes: [storage(3)], pools: [rep3()], hosts: 1 }));
    expect(pool(r, 'volumes').reprotectableBytes / TB).toBeCloseTo(216 / f / 3, 6);
    expect(pool(r, 'volumes').safeUsableBytes / TB).toBeCloseTo((216 * 0.9) / f / 3, 6);
    expect(pool(r, 'volumes').limitedBy).toBe('one 8 TB OSD of storage-01');
  });
});

describe('rules, PGs, host sizing and recovery', () => {
  it('a device-class rule without OSDs of the class: ceph.rule.no_osds', () => {
    const r = run(
      scenario({
        nodes: [storage(4)],
        pools: [rep3({ rule: 'fast' })],
        ceph: { rules: [{ name: 'fast', type: 'replicated', failureDomain: 'host', deviceClass: 'ssd' }] },
      }),
    );
    expect(r.findings.map((f) => f.code)).toContain('ceph.rule.no_osds');
    expect(pool(r, 'volumes')).toMatchObject({ failureDomainCount: 0, usableBytes: 0, safeUsableBytes: 0, maxAvailBytes: 0 });
  });

  it('a classless rule next to a class rule: the autoscaler does not scale them (overlapping roots)', () => {
    const r = run(
      scenario({
        nodes: [storage(4)],
        pools: [rep3(), rep3({ name: 'vms', rule: 'hdd' })],
        ceph: { rules: [{ name: 'hdd', type: 'replicated', failureDomain: 'host', deviceClass: 'hdd' }] },
      }),
    );
    expect(r.findings.map((f) => f.code)).toContain('ceph.pg.overlapping_roots');
    expect(pool(r, 'vms').pgNum).toBeNull();
  });

  it('PG plan and the per-OSD limit', () => {
    // 40 OSDs x 100 = 4,000 PGs; one pool, ratio 1: 4000 / 3 = 1,333.3 -> 1024 (2048 - 1333 = 715 > 309);
    // replicas per OSD: 1024 x 3 / 40 = 76.8. With mon_target_pg_per_osd 1000: 13,333 -> 16384: 1228.8 per OSD > 250.
    const r = run(scenario({ nodes: [storage(4)], pools: [rep3()] }));
    expect(pool(r, 'volumes').pgNum).toBe(1024);
    expect(r.plan.ceph!.pgs.maxPgReplicasPerOsd).toBeCloseTo(76.8, 9);
    const big = run(scenario({ nodes: [storage(4)], pools: [rep3()], ceph: { pgs: { targetPerOsd: 1000, maxPerOsd: 250 } } }));
    expect(big.findings.find((f) => f.code === 'ceph.pg.too_many_per_osd')).toMatchObject({ severity: 'error', limit: 250 });
    expect(big.plan.ceph!.pgs.maxPgReplicasPerOsd).toBeCloseTo(1228.8, 9);
  });

  it('recovery on 3 hosts: an OSD refills its own host; a host cannot be re-protected', () => {
    // 40 TB stored (50 %): osd.0 holds 4 TB; its 9 host-mates take it. Backfills: 9 x 100 MB/s = 900 MB/s.
    // Disks (mClock): 9 HDD OSDs x 150 MiB/s x 0.5 (balanced: clients keep 50 %) = 9 x 78,643,200 =
    // 707,788,800 B/s of disk work; replicated: read one copy + write one = 2 bytes per byte re-created:
    // 353,894,400 B/s < 900 MB/s, the disks bind: 4e12 / 353,894,400 = 11,302.8 s + 620 s = 11,922.8 s.
    const r = run(scenario({ nodes: [storage(3)], pools: [rep3()], stored: { volumes: 40 * TB } }));
    const [osd, host] = r.plan.ceph!.recovery.cases;
    expect(osd).toMatchObject({
      failure: 'osd',
      subject: 'osd.0 (storage-01)',
      reprotectable: true,
      targetOsdCount: 9,
      parallelBackfills: 9,
      networkBitsPerSecond: 50e9,
      limitedBy: 'disks',
    });
    expect(osd!.dataBytes / TB).toBeCloseTo(4, 9);
    expect(osd!.diskBandwidthBytesPerSecond).toBe(707_788_800);
    expect(osd!.diskWorkBytes / TB).toBeCloseTo(8, 9);
    expect(osd!.totalSeconds).toBeCloseTo(620 + 4e12 / 353_894_400, 6);
    expect(host).toMatchObject({ failure: 'host', reprotectable: false, totalSeconds: null });
  });

  it('the CRUSH summary: weights in TiB, raw per class and rack', () => {
    const r = run(scenario({ nodes: [storage(3)], pools: [rep3()] }));
    const c = r.plan.ceph!.crush;
    // 30 OSDs x 8e12 / 2^40 = 30 x 7.27596 = 218.279 TiB
    expect(c.crushWeight).toBeCloseTo((30 * 8e12) / 2 ** 40, 9);
    expect(c.classes).toEqual([{ deviceClass: 'hdd', osdCount: 30, rawBytes: 240 * TB, crushWeight: c.crushWeight }]);
    expect(c.racks.map((x) => [x.name, x.zone, x.hosts, x.osdCount])).toEqual([
      ['r1', 'az1', 1, 10],
      ['r2', 'az2', 1, 10],
      ['r3', 'az3', 1, 10],
    ]);
    expect(r.plan.ceph!.hosts.map((h) => [h.hardware, h.memory.ok, h.cpu.ok, h.walDb?.ok])).toEqual([['sto-r760xd2', true, true, true]]);
    expect(JSON.parse(JSON.stringify(r.plan))).toStrictEqual(r.plan);
  });
});
