import { describe, expect, it } from 'vitest';
import { expandHosts } from '../fleet/hosts.js';
import { stringify } from 'yaml';
import { parseScenario } from '../scenario/parse.js';
import { allRoleLinks } from './links.js';
import { cephRecoveryBandwidth, recoveryFrom } from './traffic.js';
import { baseNetworkScenario, net, planOf } from './test-network.js';

describe('Ceph traffic per host', () => {
  it('writes 10 Gbit/s, reads 20: storage public in 10/3, out 20/3; replication 10 x 2 / 3 each way; compute out 10/2, in 20/2', () => {
    const s = baseNetworkScenario();
    net(s).traffic = { cephClientWrite: '10 Gbit/s', cephClientRead: '20 Gbit/s' };
    const t = planOf(s).network!.traffic;
    const row = (role: string, link: string) => t.find((x) => x.role === role && x.link === link)!.perNetwork[0]!;
    // 4 storage hosts - 1 tolerated = 3; 3 compute hosts - 1 = 2
    expect(row('storage', 'bond0').inBitsPerSecond).toBeCloseTo(10e9 / 3, 0);
    expect(row('storage', 'bond0').outBitsPerSecond).toBeCloseTo(20e9 / 3, 0);
    expect(row('storage', 'bond1').inBitsPerSecond).toBeCloseTo(20e9 / 3, 0); // 10 x (3 - 1) / 3 = 6.67 Gbit/s
    expect(row('compute', 'bond0')).toEqual({ network: 'ceph-public', inBitsPerSecond: 10e9, outBitsPerSecond: 5e9 });
    expect(t.some((x) => x.role === 'control')).toBe(false);
  });

  it('without a ceph-cluster network replication rides on ceph-public with the client traffic', () => {
    const s = baseNetworkScenario();
    net(s).traffic = { cephClientWrite: '9 Gbit/s' };
    const roles = net(s).roles as Record<string, Record<string, unknown>>;
    roles.storage!.networks = [
      { network: 'mgmt', on: 'bond0' },
      { network: 'ceph-public', on: 'bond1' },
      { network: 'oob', on: 'bmc', untagged: true },
    ];
    const row = planOf(s).network!.traffic.find((x) => x.role === 'storage' && x.link === 'bond1')!;
    // in = writes 9/3 + replication 9 x 2 / 3 = 3 + 6 = 9 Gbit/s; out = replication 6 Gbit/s
    expect(row.perNetwork).toEqual([{ network: 'ceph-public', inBitsPerSecond: 9e9, outBitsPerSecond: 6e9 }]);
    expect(row.demandByMonthBitsPerSecond[0]).toBe(9e9);
  });
});

describe('recovery bandwidth for the Ceph model', () => {
  it('4 storage hosts, ceph-cluster on 2 x 25 Gbit/s 802.3ad: 50 Gbit/s per survivor, 3 survivors, 150 Gbit/s', () => {
    const scenario = parseScenario(stringify(baseNetworkScenario())).scenario!;
    expect(cephRecoveryBandwidth(scenario, expandHosts(scenario).hosts)).toEqual({
      network: 'ceph-cluster',
      link: 'bond1',
      perHostBitsPerSecond: 50e9,
      survivingHosts: 3,
      totalBitsPerSecond: 150e9,
    });
  });

  it('null without a network section', () => {
    const data = baseNetworkScenario();
    delete data.network;
    const scenario = parseScenario(stringify(data)).scenario!;
    expect(cephRecoveryBandwidth(scenario, expandHosts(scenario).hosts)).toBeNull();
  });

  it("reads the storage role alone: the same as recoveryFrom over every role's links (the straightforward path)", () => {
    const scenario = parseScenario(stringify(baseNetworkScenario())).scenario!;
    const hosts = expandHosts(scenario).hosts;
    const full = (hs: typeof hosts) => recoveryFrom(scenario, allRoleLinks(scenario, hs), hs.filter((h) => h.role === 'storage').length);
    expect(cephRecoveryBandwidth(scenario, hosts)).toEqual(full(hosts));
    // hosts reordered, one storage host of unknown hardware, and no storage host at all
    const mixed = [...hosts].reverse().map((h, i) => (h.role === 'storage' && i % 2 === 0 ? { ...h, hardware: 'nope' } : h));
    expect(cephRecoveryBandwidth(scenario, mixed)).toEqual(full(mixed));
    const none = hosts.filter((h) => h.role !== 'storage');
    expect(cephRecoveryBandwidth(scenario, none)).toBeNull();
    expect(full(none)).toBeNull();
  });
});
