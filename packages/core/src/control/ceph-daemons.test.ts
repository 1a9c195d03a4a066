import { describe, expect, it } from 'vitest';
import { expandHosts } from '../fleet/hosts.js';
import { makeScenario } from '../model/test-scenario.js';
import { cephDaemons, daemonHosts, defaultMonCount, monQuorum, resolveCephDaemons } from './ceph-daemons.js';

const GIB = 2 ** 30;

describe('Ceph monitors', () => {
  it('default count: the largest odd number ≤ min(hosts, 5) (cephadm deploys 5)', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 9].map(defaultMonCount)).toEqual([0, 1, 1, 3, 3, 5, 5, 5]);
  });
  it('quorum floor(n/2) + 1 (Paxos majority): 3 -> 2, 5 -> 3; a drained monitor counts as down', () => {
    expect(monQuorum(3, 1)).toEqual({ monitors: 3, quorum: 2, up: 2, toleratedFailures: 1, ok: true }); // 3 − 1 = 2 ≥ 2
    expect(monQuorum(3, 2)).toMatchObject({ up: 1, ok: false }); // 1 < 2
    expect(monQuorum(5, 2)).toMatchObject({ quorum: 3, up: 3, toleratedFailures: 2, ok: true }); // 5 − 2 = 3 ≥ 3
    expect(monQuorum(4, 2)).toMatchObject({ quorum: 3, up: 2, toleratedFailures: 1, ok: false }); // 4 tolerate 1, like 3
    expect(monQuorum(0, 0).ok).toBe(false);
  });
});

describe('resolveCephDaemons', () => {
  it('defaults: 3 mons and 2 mgrs on 3 controllers, no MDS or RGW; sizes from the Ceph docs and cephadm', () => {
    const d = resolveCephDaemons({}, { control: 3, compute: 10, storage: 4, deploy: 1 }, true);
    expect(d.mon).toEqual({ role: 'control', count: 3, memoryBytes: 2 * GIB, cores: 1 });
    expect(d.mgr).toEqual({ role: 'control', count: 2, memoryBytes: 4 * GIB, cores: 1 });
    expect(d.mds).toMatchObject({ role: 'control', count: 0, memoryBytes: 8 * GIB, cores: 2 });
    expect(d.rgw).toMatchObject({ count: 0, memoryBytes: 4 * GIB });
  });
  it('monitors on storage hosts follow their role; without Ceph the defaults are 0', () => {
    const d = resolveCephDaemons({ mon: { role: 'storage' }, rgw: { count: 2, memory: 8 * GIB } }, { control: 3, compute: 0, storage: 7, deploy: 0 }, true);
    expect([d.mon.role, d.mon.count, d.mgr.role, d.mgr.count, d.rgw.role, d.rgw.count, d.rgw.memoryBytes]).toEqual(['storage', 5, 'storage', 2, 'storage', 2, 8 * GIB]);
    expect(resolveCephDaemons({}, { control: 3, compute: 0, storage: 0, deploy: 0 }, false).mon.count).toBe(0);
  });
  it('daemonHosts: the first count hosts of the role, in host order', () => {
    const s = makeScenario();
    const placed = daemonHosts(cephDaemons(s), expandHosts(s).hosts);
    expect(placed).toEqual({ mon: ['control-01', 'control-02', 'control-03'], mgr: ['control-01', 'control-02'], mds: [], rgw: [] });
  });
});
