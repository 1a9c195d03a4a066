import { describe, expect, it } from 'vitest';
import { expandHosts } from '../fleet/hosts.js';
import { FailureHooksCarry, failureHooks } from './failure-hooks.js';
import { makeScenario } from '../model/test-scenario.js';

describe('failureHooks: Ceph re-protection time for the failure analysis', () => {
  // test scenario: 4 storage hosts (sto-r760xd2: 10 x 8 TB HDD OSDs, one 2 x 25 Gbit/s card),
  // recovery defaults: 100 MB/s per backfill, osd_max_backfills 1, 20 s detection + 600 s down-out
  const s = makeScenario();
  const hosts = expandHosts(s).hosts;

  it('without a network plan: the fastest NIC card of a storage host (2 x 25 = 50 Gbit/s)', () => {
    const h = failureHooks(s, hosts, null);
    expect(h.network!.replicationBitsPerSecond!('storage-02')).toBe(50e9);
  });

  it('a lost host: the 30 receiving HDD OSDs bind under mClock, before the backfills (3 GB/s) and 150 Gbit/s', () => {
    const h = failureHooks(s, hosts, null);
    // backfills 30 x 100 MB/s = 3 GB/s; network 150e9 / 8 = 18.75 GB/s; disks: 30 x 150 MiB/s x 0.5
    // (osd_mclock_max_sequential_bandwidth_hdd, balanced profile) = 30 x 78,643,200 = 2,359,296,000 B/s
    // of disk work, replicated (amplification 1): read + write = 2 bytes per byte: 1,179,648,000 B/s.
    // 30 TB: 30e12 / 1,179,648,000 = 25,431.5 s; + 20 + 600 = 26,051.5 s
    expect(
      h.ceph!.reprotectSeconds!({
        failureDomain: 'host',
        domains: [],
        lostHosts: ['storage-01'],
        drainedHosts: [],
        storedBytesMonth0: {},
        rebuildBytes: 30e12,
        replicationBitsPerSecond: 150e9,
      }),
    ).toBeCloseTo(620 + 30e12 / 1_179_648_000, 6);
  });

  it('the network binds when it is slower: 5 Gbit/s = 0.625 GB/s for 30 TB (disks 1.18 GB/s)', () => {
    const h = failureHooks(s, hosts, null);
    // 30e12 / 0.625e9 = 48,000 s; + 620 = 48,620 s
    expect(
      h.ceph!.reprotectSeconds!({
        failureDomain: 'host',
        domains: [],
        lostHosts: ['storage-01'],
        drainedHosts: [],
        storedBytesMonth0: {},
        rebuildBytes: 30e12,
        replicationBitsPerSecond: 5e9,
      }),
    ).toBe(48_620);
  });

  it('nothing to rebuild: no time', () => {
    const h = failureHooks(s, hosts, null);
    expect(
      h.ceph!.reprotectSeconds!({ failureDomain: 'host', domains: [], lostHosts: [], drainedHosts: [], storedBytesMonth0: {}, rebuildBytes: 0, replicationBitsPerSecond: 1e9 }),
    ).toBeNull();
  });
});

describe('FailureHooksCarry: the hooks of a timeline’s epochs', () => {
  const s = makeScenario();
  const hosts = expandHosts(s).hosts;
  const storage = hosts.filter((h) => h.role === 'storage');
  const ask = (h: ReturnType<typeof failureHooks>, lost: string[]) => [
    h.network!.replicationBitsPerSecond!('storage-02'),
    h.ceph!.reprotectSeconds!({
      failureDomain: 'host',
      domains: [],
      lostHosts: lost,
      drainedHosts: [],
      storedBytesMonth0: {},
      rebuildBytes: 30e12,
      replicationBitsPerSecond: 150e9,
    }),
  ];

  it('keeps the hooks while the storage hosts are the same objects, and builds those failureHooks gives when they change', () => {
    const carry = new FailureHooksCarry();
    const first = carry.hooks(s, hosts, null);
    // a compute host delivered: the same storage hosts, the same hooks
    const grown = [...hosts, { ...hosts.find((h) => h.role === 'compute')!, name: 'compute-99' }];
    expect(carry.hooks(s, grown, null)).toBe(first);
    // storage-04 retired: 3 storage hosts, 30 receiving OSDs less for a loss of storage-01
    const fewer = grown.filter((h) => h.name !== 'storage-04');
    const third = carry.hooks(s, fewer, null);
    expect(third).not.toBe(first);
    expect(ask(third, ['storage-01'])).toEqual(ask(failureHooks(s, fewer, null), ['storage-01']));
    expect(ask(third, ['storage-01'])).not.toEqual(ask(first, ['storage-01']));
    // the same storage hosts again, but as new objects: built anew (equal figures)
    const copies = fewer.map((h) => ({ ...h }));
    const fourth = carry.hooks(s, copies, null);
    expect(fourth).not.toBe(third);
    expect(ask(fourth, ['storage-02'])).toEqual(ask(third, ['storage-02']));
    expect(storage.length).toBe(4);
  });
});
