import { describe, expect, it } from 'vitest';
import { expandHosts } from '../fleet/hosts.js';
import { failureHooks } from './failure-hooks.js';
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

  it('a lost host: 30 receiving OSDs at 100 MB/s = 3 GB/s, under 150 Gbit/s / 8 = 18.75 GB/s', () => {
    const h = failureHooks(s, hosts, null);
    // 30 TB to rebuild: 30e12 / 3e9 = 10,000 s; + 20 + 600 = 10,620 s
    expect(h.ceph!.reprotectSeconds!({
      failureDomain: 'host', domains: [], lostHosts: ['storage-01'], drainedHosts: [], storedBytesMonth0: {},
      rebuildBytes: 30e12, replicationBitsPerSecond: 150e9,
    })).toBe(10_620);
  });

  it('the network binds when it is slower: 10 Gbit/s = 1.25 GB/s for 30 TB', () => {
    const h = failureHooks(s, hosts, null);
    // 30e12 / 1.25e9 = 24,000 s; + 620 = 24,620 s
    expect(h.ceph!.reprotectSeconds!({
      failureDomain: 'host', domains: [], lostHosts: ['storage-01'], drainedHosts: [], storedBytesMonth0: {},
      rebuildBytes: 30e12, replicationBitsPerSecond: 10e9,
    })).toBe(24_620);
  });

  it('nothing to rebuild: no time', () => {
    const h = failureHooks(s, hosts, null);
    expect(h.ceph!.reprotectSeconds!({ failureDomain: 'host', domains: [], lostHosts: [], drainedHosts: [], storedBytesMonth0: {}, rebuildBytes: 0, replicationBitsPerSecond: 1e9 })).toBeNull();
  });
});
