/** BlueStore allocation padding and the workload pools, hand-worked (bluestore-config-ref.rst, createfs.rst). */
import { describe, expect, it } from 'vitest';
import { allocatedBytesPerObject, allocationFactor, allocationFindings, poolAllocation } from './allocation.js';
import { workloadPoolFindings } from './workload-pools.js';

const KiB = 1024;

describe('allocation per object', () => {
  it('replicated 3, 16 KiB objects: min_alloc 64 KiB (HDD OSDs made before Pacific) -> 3 x 64 = 192 KiB, 4 x; 4 KiB -> none', () => {
    expect(allocatedBytesPerObject(16 * KiB, 64 * KiB, { type: 'replicated', size: 3 })).toBe(192 * KiB);
    expect(allocationFactor(16 * KiB, 64 * KiB, { type: 'replicated', size: 3 })).toBe(4);
    expect(allocationFactor(16 * KiB, 4 * KiB, { type: 'replicated', size: 3 })).toBe(1);
    // 10 KiB on 4 KiB units: 12 KiB per copy, 1.2 x.
    expect(allocationFactor(10 * KiB, 4 * KiB, { type: 'replicated', size: 3 })).toBeCloseTo(1.2, 12);
  });
  it('EC 4+2 (stripe unit 4 KiB): 16 KiB fits one stripe of 4 x 4 KiB; on 64 KiB units each shard takes 64 KiB', () => {
    // a 4 KiB: 6 shards x 4 KiB = 24 KiB = 16 KiB x 1.5: factor 1.
    expect(allocatedBytesPerObject(16 * KiB, 4 * KiB, { type: 'erasure', k: 4, m: 2 })).toBe(24 * KiB);
    // a 64 KiB: 6 x 64 KiB = 384 KiB against 24 KiB: 16 x.
    expect(allocationFactor(16 * KiB, 64 * KiB, { type: 'erasure', k: 4, m: 2 })).toBe(16);
    // 10 KiB: padded to one 16 KiB stripe, chunk 4 KiB, 24 KiB for 10 x 1.5 = 15 KiB: 1.6 x.
    expect(allocationFactor(10 * KiB, 4 * KiB, { type: 'erasure', k: 4, m: 2 })).toBeCloseTo(1.6, 12);
    // 4 MiB RBD objects: 1 MiB chunks, whole units: no padding.
    expect(allocationFactor(4 * 1024 * KiB, 64 * KiB, { type: 'erasure', k: 4, m: 2 })).toBe(1);
  });
  it('a pool: padding = stored x raw used rate x (factor − 1), and its warning from 1.10 on', () => {
    // 10 TB stored, size 3, factor 4: 10 x 3 x 3 = 90 TB of padding; at the peak (20 TB) 180 TB.
    const a = poolAllocation({
      pool: 'objects',
      layout: { type: 'replicated', size: 3 },
      averageObjectBytes: 16 * KiB,
      minAllocBytes: 64 * KiB,
      storedBytesMonth0: 10e12,
      storedBytesPeak: 20e12,
    });
    expect([a.factor, a.paddingRawBytesMonth0, a.paddingRawBytesPeak, a.stripeUnitBytes]).toEqual([4, 90e12, 180e12, null]);
    const f = allocationFindings([a]);
    expect(f.map((x) => [x.code, x.subject, x.value])).toEqual([['ceph.pool.allocation_padding', 'pool objects', 4]]);
    expect(f[0]!.message).toContain(
      'objects of 16 KiB on OSDs with bluestore_min_alloc_size 64 KiB: each takes 192 KiB of raw, 4 x stored x raw used rate, so 90 TB of raw is padding at month 0 (180 TB at the peak)',
    );
    const small = poolAllocation({
      pool: 'rbd',
      layout: { type: 'replicated', size: 3 },
      averageObjectBytes: 4 * 1024 * KiB,
      minAllocBytes: 4 * KiB,
      storedBytesMonth0: 1e12,
      storedBytesPeak: 1e12,
    });
    expect(allocationFindings([small])).toEqual([]);
  });
});

describe('pools a workload needs', () => {
  const codes = (pools: Parameters<typeof workloadPoolFindings>[0]) => workloadPoolFindings(pools).map((f) => `${f.code} ${f.subject}`);
  it('CephFS without a metadata pool; RGW without a bucket index pool', () => {
    expect(
      codes([
        { name: 'cephfs_data', application: 'cephfs', rule: 'r', kinds: ['hdd'] },
        { name: 'objects', application: 'rgw', rule: 'r', kinds: ['hdd'] },
      ]),
    ).toEqual(['ceph.pool.cephfs_metadata_missing pool cephfs_data', 'ceph.pool.rgw_index_missing pool objects']);
  });
  it('metadata and index pools on HDD-only rules are flagged; on NVMe, or on mixed rules, not', () => {
    expect(
      codes([
        { name: 'cephfs.fs.meta', application: 'cephfs', rule: 'slow', kinds: ['hdd'] },
        { name: 'cephfs.fs.data', application: 'cephfs', rule: 'slow', kinds: ['hdd'] },
        { name: 'default.rgw.buckets.index', application: 'rgw', rule: 'fast', kinds: ['nvme'] },
        { name: 'default.rgw.buckets.data', application: 'rgw', rule: 'slow', kinds: ['hdd'] },
        { name: 'volumes', application: 'rbd', rule: 'slow', kinds: ['hdd'] },
      ]),
    ).toEqual(['ceph.pool.metadata_on_hdd pool cephfs.fs.meta']);
    expect(codes([{ name: 'default.rgw.buckets.index', application: 'rgw', rule: 'any', kinds: ['hdd', 'nvme'] }])).toEqual([]);
  });
});
