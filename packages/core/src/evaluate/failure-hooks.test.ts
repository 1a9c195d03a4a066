import { describe, expect, it } from 'vitest';
import { expandHosts } from '../fleet/hosts.js';
import { failureHooks } from './failure-hooks.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';

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

  it("two storage models: each host counts its own model's OSDs and mClock bandwidth (worked out once per model)", () => {
    // + 2 hosts fast-01, fast-02 of a model with 4 SSD OSDs (1200 MiB/s x 0.5 = 629,145,600 B/s each)
    const hw = baseHardware();
    const ssd = { ...hw['sto-r760xd2']!, name: 'sto-ssd', disks: [{ count: 4, sizeBytes: 3.84e12, kind: 'ssd' as const, use: 'osd' as const }] };
    const base = makeScenario();
    const two = makeScenario({
      hardware: { ...base.hardware, 'sto-ssd': ssd },
      nodes: [...base.nodes, { role: 'storage', hardware: 'sto-ssd', count: 2, placement: 'spread', namePrefix: 'fast' }],
    });
    const h = failureHooks(two, expandHosts(two).hosts, null);
    const lose = (host: string) =>
      h.ceph!.reprotectSeconds!({
        failureDomain: 'host',
        domains: [],
        lostHosts: [host],
        drainedHosts: [],
        storedBytesMonth0: {},
        rebuildBytes: 30e12,
        replicationBitsPerSecond: 150e9,
      });
    // storage-01 lost: 30 HDD + 8 SSD OSDs receive (backfills 38 x 100 MB/s = 3.8 GB/s);
    // disks 30 x 78,643,200 + 8 x 629,145,600 = 7,392,460,800 B/s of work, / 2 = 3,696,230,400 B/s bind
    expect(lose('storage-01')).toBe(620 + 30e12 / 3_696_230_400);
    // fast-01 lost: 40 HDD + 4 SSD OSDs (backfills 4.4 GB/s); disks 40 x 78,643,200 + 4 x 629,145,600
    // = 5,662,310,400 B/s, / 2 = 2,831,155,200 B/s bind
    expect(lose('fast-01')).toBe(620 + 30e12 / 2_831_155_200);
  });
  it('a lost host named twice counts once, an unknown one not at all, and each call subtracts afresh', () => {
    // 4 hosts x 10 HDD OSDs; disks per host 10 x 78,643,200 = 786,432,000 B/s of work.
    // storage-01 (twice) + storage-02 + a compute host + an unknown name lost: 20 OSDs receive,
    // backfills 20 x 100 MB/s = 2 GB/s; disks 2 x 786,432,000 = 1,572,864,000 B/s, / 2 = 786,432,000 B/s
    // bind; 30 TB: 30e12 / 786,432,000 + 620 s. (Counting storage-01 twice: 10 OSDs, 393,216,000 B/s.)
    const h = failureHooks(s, hosts, null);
    const lose = (lostHosts: string[]) =>
      h.ceph!.reprotectSeconds!({ failureDomain: 'host', domains: [], lostHosts, drainedHosts: [], storedBytesMonth0: {}, rebuildBytes: 30e12, replicationBitsPerSecond: 150e9 });
    const two = 620 + 30e12 / 786_432_000;
    expect(lose(['storage-01', 'storage-02', 'storage-01', hosts.find((x) => x.role === 'compute')!.name, 'nowhere'])).toBe(two);
    // the same hosts again (a second call: its own count), then one of them alone (30 OSDs: 1,179,648,000 B/s)
    expect(lose(['storage-02', 'storage-01', 'storage-02'])).toBe(two);
    expect(lose(['storage-01'])).toBe(620 + 30e12 / 1_179_648_000);
    expect(lose(['storage-01'])).toBe(620 + 30e12 / 1_179_648_000);
  });
});
