/**
 * Ceph after a loss, worked by hand. Sources: one copy or shard per CRUSH failure domain
 * (ceph doc/rados/operations/crush-map-edits.rst); min_size (doc/rados/operations/pools.rst:
 * replicated default size − floor(size/2), EC k + 1); backfillfull 0.90 / full 0.95
 * (mon_osd_backfillfull_ratio, mon_osd_full_ratio); survivors at u × N/(N−1) after losing one
 * of N equal domains (reference formulas §2, from mon-config-ref "Storage Capacity").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CephPool } from '../model/scenario.js';
import { poolAfterLoss, survivorFill, waterFill } from './ceph-impact.js';
import { failureHooks } from '../evaluate/failure-hooks.js';
import { expandHosts } from '../fleet/hosts.js';
import { analyze, group, handScenario, impactOf } from './test-failure.js';

const TB = 1e12;
const size3: CephPool = { name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 1 };
const ec42: CephPool = { name: 'backups', type: 'erasure', k: 4, m: 2, minSize: 5, share: 1 };

/** n storage hosts of 30 TB raw (3 x 10 TB OSDs), failure domain host, one pool. */
function cephScenario(n: number, pool: CephPool, storedBytes: number, extra: Parameters<typeof handScenario>[0] = {}) {
  return handScenario({
    nodes: [group('storage', 'sto-30', n)],
    ceph: { failureDomain: 'host', ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 }, pools: [pool] },
    demand: { instances: [], storageBytes: { [pool.name]: storedBytes }, growth: { kind: 'compound', perMonth: 0 } },
    ...extra,
  });
}

describe('waterFill: one copy per domain, spread by weight', () => {
  it('4 equal domains at 70 %: 93.3 % after losing one (70 % x 4/3), above backfillfull 90 %', () => {
    // 4 x 30 TB, size 3, 28 TB stored -> 84 TB raw used = 70 % of 120 TB. One copy per domain at
    // most: a = 84 / 3 = 28 TB. Before: λ = 84 / 120 = 0.7, each holds 21 TB (< 28).
    expect(
      waterFill(
        [30, 30, 30, 30].map((x) => x * TB),
        84 * TB,
        3,
      ),
    ).toEqual([21, 21, 21, 21].map((x) => x * TB));
    // After: 3 domains x a = 84 TB = the load: each holds a full copy, 28 / 30 = 93.33 %.
    const after = survivorFill(
      [30, 30, 30, 0].map((x) => x * TB),
      [{ loadBytes: 84 * TB, width: 3 }],
    );
    expect(after.maxFill).toBeCloseTo(28 / 30, 12);
    expect(after.maxFill!).toBeGreaterThan(0.9);
    expect(after.maxFill!).toBeCloseTo(0.7 * (4 / 3), 12);
  });
  it('a domain larger than the others can mirror holds one copy only', () => {
    // [10, 10, 40] TB, size 2, 30 TB raw used (15 TB stored): a = 15. Proportional would put
    // 40 x 30/60 = 20 > 15 on the big one: capped at 15; the other copy (15) goes to the two
    // small ones: λ = 15 / 20 = 0.75 -> 7.5 each. Fills 75 %, 75 %, 37.5 %.
    expect(waterFill([10 * TB, 10 * TB, 40 * TB], 30 * TB, 2)).toEqual([7.5 * TB, 7.5 * TB, 15 * TB]);
  });
  it('fewer domains than copies: each holds one copy, the rest is missing', () => {
    // [10, 10] TB, size 3, 30 TB raw: a = 10 each; 20 of 30 placed (degraded).
    expect(waterFill([10 * TB, 10 * TB], 30 * TB, 3)).toEqual([10 * TB, 10 * TB]);
  });
  it('property: removing capacity from one domain never lowers the fill of another (seed 42)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (caps, width, used, pick, cut) => {
          const total = caps.reduce((a, b) => a + b, 0);
          const load = used * total;
          const j = pick % caps.length;
          const smaller = caps.map((c, i) => (i === j ? c * cut : c));
          const before = waterFill(caps, load, width);
          const after = waterFill(smaller, load, width);
          caps.forEach((c, i) => {
            if (i !== j) expect(after[i]! / c).toBeGreaterThanOrEqual(before[i]! / c - 1e-9);
          });
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('PGs after a loss: active (>= min_size) and re-protection (>= size or k+m domains)', () => {
  it('3 hosts, size 3: I/O continues after one host, blocks after two', () => {
    // one host: worst PG keeps 3 - 1 = 2 >= min_size 2; 2 hosts left < 3: cannot re-protect.
    expect(poolAfterLoss(size3, 1, 2)).toMatchObject({ copiesLeftWorstPg: 2, active: true, canReprotect: false, dataAvailable: true });
    // two hosts: 3 - 2 = 1 < 2: inactive, I/O blocks; 1 copy left: the data is still there.
    expect(poolAfterLoss(size3, 2, 1)).toMatchObject({ copiesLeftWorstPg: 1, active: false, canReprotect: false, dataAvailable: true });
  });
  it('EC 4+2 on 6 hosts: one host keeps I/O (5 >= k+1 = 5) and cannot re-protect (5 < 6)', () => {
    expect(poolAfterLoss(ec42, 1, 5)).toMatchObject({ width: 6, copiesLeftWorstPg: 5, active: true, canReprotect: false, dataAvailable: true });
    // two hosts: 4 < 5 inactive, but 4 >= k: readable once I/O resumes
    expect(poolAfterLoss(ec42, 2, 4)).toMatchObject({ copiesLeftWorstPg: 4, active: false, dataAvailable: true });
    // three: 3 < k = 4: the data is not readable until hosts come back
    expect(poolAfterLoss(ec42, 3, 3)).toMatchObject({ copiesLeftWorstPg: 3, dataAvailable: false });
  });
  it('10 domains, size 3, two lost: domains left (8) >= min_size, but the worst PG keeps 1 copy: inactive', () => {
    // "domains left >= min_size" is not enough: a PG with copies on both lost domains keeps 3 - 2 = 1.
    expect(poolAfterLoss(size3, 2, 8)).toMatchObject({ copiesLeftWorstPg: 1, active: false, canReprotect: true });
  });
});

describe('cephImpact through the failure analysis', () => {
  it('3-host size-3 cluster: one host -> cannot re-protect (warning); two hosts at once -> inactive PGs (error)', () => {
    // policy.tolerate.hosts 2: each host, and the 2 largest storage hosts at once, are tolerated.
    const r = analyze(cephScenario(3, size3, 10 * TB, { policy: { tolerate: { hosts: 2, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } } }));
    const one = impactOf(r, 'host:storage-01', 'ceph')!;
    expect(one.harms.map((h) => [h.code, h.harm, h.month, h.severity])).toEqual([['failure.ceph.cannot_reprotect', 'degraded', 0, 'warning']]);
    expect(one.ceph!.pools[0]).toMatchObject({ copiesLeftWorstPg: 2, active: true, canReprotect: false });
    const two = impactOf(r, 'hosts:2 storage hosts', 'ceph')!;
    expect(r.plan.domains.find((d) => d.id === 'hosts:2 storage hosts')!.hostsLost).toEqual(['storage-01', 'storage-02']);
    expect(two.harms.map((h) => [h.code, h.harm, h.severity])).toEqual([['failure.ceph.inactive_pgs', 'outage', 'error']]);
    expect(two.ceph!.pools[0]).toMatchObject({ copiesLeftWorstPg: 1, active: false });
  });
  it('EC 4+2 on 6 hosts: one host keeps I/O and cannot re-protect', () => {
    const r = analyze(cephScenario(6, ec42, 10 * TB, { policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } } }));
    const one = impactOf(r, 'host:storage-01', 'ceph')!;
    expect(one.harm).toBe('degraded');
    expect(one.harms.map((h) => h.code)).toEqual(['failure.ceph.cannot_reprotect']);
    expect(one.ceph!.pools[0]).toMatchObject({ width: 6, copiesLeftWorstPg: 5, minSize: 5, active: true, domainsLeft: 5, canReprotect: false });
  });
  it('4 equal hosts at 70 %: losing one exceeds backfillfull from month 0 (93.3 % > 90 %), not full (< 95 %)', () => {
    // 4 x 30 TB = 120 TB raw; 28 TB stored x 3 = 84 TB = 70 %. After: 84 / 90 = 93.33 %.
    const r = analyze(cephScenario(4, size3, 28 * TB, { policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } } }));
    const c = impactOf(r, 'host:storage-01', 'ceph')!;
    expect(c.ceph!.fillBeforeMonth0).toBeCloseTo(0.7, 12);
    expect(c.ceph!.survivorFillMonth0).toBeCloseTo(28 / 30, 12);
    expect(c.ceph!.backfillfullMonth).toBe(0);
    expect(c.ceph!.fullMonth).toBeNull();
    // backfill re-creates the lost host's 21 TB: each survivor goes from 21 to 28 TB
    expect(c.ceph!.rebuildBytesMonth0).toBe(21e12);
    expect(c.ceph!.reprotectSeconds).toBeNull();
    expect(c.harms.map((h) => [h.code, h.harm, h.month, h.severity])).toEqual([['failure.ceph.backfillfull', 'degraded', 0, 'warning']]);
    expect(c.harms[0]!.value).toBeCloseTo(28 / 30, 12);
    expect(c.harms[0]!.limit).toBe(0.9);
  });
  it('with growth, the months backfillfull and full are crossed', () => {
    // 24 TB stored x 3 = 72 TB: 60 % before, 72 / 90 = 80 % after; growth 5 %/month compound.
    // backfillfull: 0.8 x 1.05^t > 0.9 <=> t > ln 1.125 / ln 1.05 = 0.11778 / 0.04879 = 2.41 -> month 3
    //   (before the loss: 0.6 x 1.05^3 = 69.5 %, under 90 %);
    // full: 0.8 x 1.05^t > 0.95 <=> t > ln 1.1875 / ln 1.05 = 0.17185 / 0.04879 = 3.52 -> month 4.
    const s = cephScenario(4, size3, 24 * TB);
    s.demand.growth = { kind: 'compound', perMonth: 0.05 };
    s.policy.tolerate = { hosts: 1, racks: 0 };
    const c = impactOf(analyze(s), 'host:storage-02', 'ceph')!;
    expect(c.ceph!.backfillfullMonth).toBe(3);
    expect(c.ceph!.fullMonth).toBe(4);
    expect(c.harms.map((h) => [h.code, h.month, h.severity])).toEqual([
      ['failure.ceph.backfillfull', 3, 'warning'],
      ['failure.ceph.full', 4, 'error'],
    ]);
    expect(c.firstHarmMonth).toBe(3);
    expect(c.harm).toBe('outage');
  });
  it('two storage models: each host loss is its own model, equal hosts share the outcome', () => {
    // 2 hosts of sto-30 (30 TB raw) + 2 of sto-60 (6 x 10 TB = 60 TB raw), failure domain host,
    // size 3: 180 TB raw; 12 TB stored x 3 = 36 TB raw used = 20 %.
    // Losing a 30 TB host: 150 TB left, rawBytesLost 30 TB; a 60 TB host: 120 TB left, 60 TB lost.
    // Survivor fill: water fill of 36 TB, one copy per domain (a = 12 TB per domain at most).
    //   without a 30 TB host: [30, 60, 60], λ = 36 / 150 = 0.24 -> 7.2, 14.4, 14.4; the 60s are
    //   capped at 12, the rest 36 - 24 = 12 on the 30 TB host: 12 / 30 = 40 % -> max 40 %;
    //   without a 60 TB host: [30, 30, 60], λ = 36 / 120 = 0.3 -> 9, 9, 18 capped at 12, the other
    //   24 on the two 30s: 12 each = 40 % -> max 40 % too, but 60 TB lost, not 30.
    const base = cephScenario(4, size3, 12 * TB, { policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } } });
    const sto60 = { ...base.hardware['sto-30']!, name: 'sto-60', disks: [{ count: 6, sizeBytes: 10e12, kind: 'hdd' as const, use: 'osd' as const }] };
    const s = { ...base, hardware: { ...base.hardware, 'sto-60': sto60 }, nodes: [group('storage', 'sto-30', 2), group('storage', 'sto-60', 2, { namePrefix: 'big' })] };
    const r = analyze(s);
    const small = impactOf(r, 'host:storage-01', 'ceph')!;
    const big = impactOf(r, 'host:big-01', 'ceph')!;
    expect(small.ceph!.rawBytesLost).toBe(30e12);
    expect(big.ceph!.rawBytesLost).toBe(60e12);
    expect(small.ceph!.survivorFillMonth0).toBeCloseTo(0.4, 12);
    expect(big.ceph!.survivorFillMonth0).toBeCloseTo(0.4, 12);
    expect(small.message).toContain(', 30 TB raw,');
    expect(big.message).toContain(', 60 TB raw,');
    // equal hosts: the same outcome, each under its own domain
    const small2 = impactOf(r, 'host:storage-02', 'ceph')!;
    expect(small2.domain).toBe('host:storage-02');
    expect(small2.ceph).toEqual(small.ceph);
  });
  it('two models of equal raw: each has its own re-protection time (OSD count and disks)', () => {
    // sto-30: 3 HDD OSDs of 10 TB; sto-30n: 6 NVMe OSDs of 5 TB: both 30 TB raw, so the fill after
    // losing either is the same; the survivors' OSDs and disk bandwidth differ (losing an NVMe
    // host leaves fewer and slower receiving disks), so the time to re-protect must differ.
    const base = cephScenario(4, size3, 12 * TB, { policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } } });
    const nvme = { ...base.hardware['sto-30']!, name: 'sto-30n', disks: [{ count: 6, sizeBytes: 5e12, kind: 'nvme' as const, use: 'osd' as const }] };
    const s = { ...base, hardware: { ...base.hardware, 'sto-30n': nvme }, nodes: [group('storage', 'sto-30', 2), group('storage', 'sto-30n', 2, { namePrefix: 'fast' })] };
    const r = analyze(s, failureHooks(s, expandHosts(s).hosts, null));
    const hdd = impactOf(r, 'host:storage-01', 'ceph')!.ceph!;
    const fast = impactOf(r, 'host:fast-01', 'ceph')!.ceph!;
    expect(hdd.survivorFillMonth0).toBeCloseTo(fast.survivorFillMonth0!, 12);
    expect(hdd.reprotectSeconds).not.toBeNull();
    expect(fast.reprotectSeconds).not.toBeNull();
    expect(hdd.reprotectSeconds).not.toBe(fast.reprotectSeconds);
  });
  it('a host drained for maintenance (noout) plus a lost host: the worst PG keeps 1 of 3 copies: inactive', () => {
    // 3 hosts, size 3, min_size 2; maintenance drains 1 storage host: losing another leaves
    // 3 - 2 = 1 copy to a PG with copies on both. The drained host stays in (noout), so 2 hosts
    // keep OSDs in: still < 3, cannot re-protect, but inactive is what matters.
    const s = cephScenario(3, size3, 10 * TB);
    s.policy.tolerate = { hosts: 1, racks: 0 };
    s.policy.maintenance = { hosts: 1, roles: ['storage'] };
    const r = analyze(s);
    const d = r.plan.domains.find((x) => x.id === 'host:storage-02')!;
    expect(d.hostsDrained).toEqual(['storage-01']); // the largest storage host not lost (all equal: the first)
    const c = impactOf(r, 'host:storage-02', 'ceph')!;
    expect(c.ceph).toMatchObject({ hostsLost: 1, hostsDrained: 1, domainsAffected: 2 });
    expect(c.harms.map((h) => [h.code, h.severity])).toEqual([['failure.ceph.inactive_pgs', 'error']]);
    // the maintenance alone: 2 of 3 copies, active
    expect(impactOf(r, 'maintenance:maintenance', 'ceph')!.harms).toEqual([]);
  });
});
