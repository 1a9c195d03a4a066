/**
 * Every network check with a failing case: the base scenario (test-network.ts) passes with
 * no finding at all, and each case changes one thing and asserts the codes it causes.
 */
import { describe, expect, it } from 'vitest';
import { baseNetworkScenario, net, netDef, networkCodes, planOf, roleDef } from './test-network.js';

type Obj = Record<string, unknown>;
const finding = (plan: ReturnType<typeof planOf>, code: string) => plan.findings.find((f) => f.code === code)!;

describe('the base scenario', () => {
  it('passes: no network finding (other subsystems, e.g. failure domains, may have their own)', () => {
    expect(planOf(baseNetworkScenario()).findings.filter((f) => f.code.startsWith('network.'))).toEqual([]);
  });
});

describe('address space', () => {
  it('a node range of 4 addresses for 10 hosts: exhausted in month 0', () => {
    const s = baseNetworkScenario();
    Object.assign(netDef(s, 'mgmt'), { cidr: '10.10.0.0/28', reserved: [], nodeRange: '10.10.0.2-10.10.0.5' });
    net(s).vips = { internal: '10.10.0.14' };
    const plan = planOf(s);
    expect(networkCodes(plan)).toEqual(['network.addresses.exhausted']);
    // 3 control + 3 compute + 4 storage = 10 hosts on mgmt; the node range .2-.5 holds 4
    expect(finding(plan, 'network.addresses.exhausted')).toMatchObject({ month: 0, value: 10, limit: 4, unit: 'addresses', severity: 'error' });
  });

  it('floating IPs run out in month 3: 8 growing 10 %/month against a pool of 10', () => {
    const s = baseNetworkScenario();
    netDef(s, 'provider').allocationPools = ['198.51.100.20-198.51.100.29']; // 29 - 20 + 1 = 10
    s.demand = { floatingIps: 8, growth: { kind: 'compound', perMonth: 0.1 } };
    const plan = planOf(s);
    // ceil(8 x 1.1^t): t=0 8, t=1 ceil(8.8) = 9, t=2 ceil(9.68) = 10, t=3 ceil(10.648) = 11 > 10
    expect(plan.network!.floatingIps!.demandByMonth.slice(0, 4)).toEqual([8, 9, 10, 11]);
    expect(networkCodes(plan)).toEqual(['network.floating_ips.exhausted']);
    expect(finding(plan, 'network.floating_ips.exhausted')).toMatchObject({ month: 3, value: 11, limit: 10 });
  });
});

describe('VIPs (Kolla-Ansible loadbalancer prechecks)', () => {
  const withVips = (vips: Obj, edit?: (s: Obj) => void) => {
    const s = baseNetworkScenario();
    net(s).vips = vips;
    edit?.(s);
    return networkCodes(planOf(s));
  };

  it('internal VIP outside the API network', () => {
    expect(withVips({ internal: '10.99.0.5' })).toEqual(['network.vip.outside_network']);
  });

  it('external VIP in no network of the control role', () => {
    expect(withVips({ internal: '10.10.0.250', external: '10.13.0.5' })).toEqual(['network.vip.outside_network']); // ceph-cluster: storage only
  });

  it('a VIP in an allocation pool', () => {
    expect(withVips({ internal: '10.10.0.250', external: '198.51.100.30' })).toEqual(['network.vip.in_pool']);
  });

  it('a VIP in the node range (a host will get it)', () => {
    expect(withVips({ internal: '10.10.0.100' })).toEqual(['network.vip.on_node_address']);
  });

  it('a VIP on the gateway', () => {
    expect(withVips({ internal: '10.10.0.1' })).toEqual(['network.vip.is_gateway']);
  });

  it('controllers not on the API network', () => {
    // ceph-cluster is on the storage hosts only; the VIP 10.10.0.250 is not in it either
    expect(withVips({ internal: '10.10.0.250', apiNetwork: 'ceph-cluster' })).toEqual(['network.vip.not_on_controllers', 'network.vip.outside_network']);
  });
});

describe('MTU', () => {
  it('Geneve over a 1500-byte underlay: needs 1500 + 38 + 20 = 1558', () => {
    const s = baseNetworkScenario();
    netDef(s, 'tunnel').mtu = 1500;
    const plan = planOf(s);
    expect(networkCodes(plan)).toEqual(['network.mtu.overlay_too_small']);
    expect(finding(plan, 'network.mtu.overlay_too_small')).toMatchObject({ value: 1500, limit: 1558, unit: 'bytes' });
  });

  it('VXLAN over IPv4 needs 50 bytes, over IPv6 70', () => {
    const s = baseNetworkScenario();
    Object.assign(netDef(s, 'tunnel'), { mtu: 1549, overlay: { protocol: 'vxlan' } });
    expect(finding(planOf(s), 'network.mtu.overlay_too_small')).toMatchObject({ value: 1549, limit: 1550 });
    Object.assign(netDef(s, 'tunnel'), { mtu: 1569, cidr: '2001:db8:11::/64' });
    expect(finding(planOf(s), 'network.mtu.overlay_too_small')).toMatchObject({ value: 1569, limit: 1570 }); // 1500 + 30 + 40
  });

  it('a bond with MTU 1500 under a 9000-byte network', () => {
    const s = baseNetworkScenario();
    (roleDef(s, 'storage').bonds as Obj[])[1]!.mtu = 1500; // bond1 carries ceph-cluster (9000)
    const plan = planOf(s);
    expect(networkCodes(plan)).toEqual(['network.mtu.link_too_small']);
    expect(finding(plan, 'network.mtu.link_too_small')).toMatchObject({ subject: 'role storage / hardware srv / bond1', value: 1500, limit: 9000 });
  });
});

describe('redundancy', () => {
  it('a bond on one NIC card', () => {
    const s = baseNetworkScenario();
    roleDef(s, 'compute').bonds = [
      { name: 'bond0', members: ['nic0p0', 'nic0p1'], mode: '802.3ad' },
      { name: 'bond1', members: ['nic1p0', 'nic1p1'], mode: '802.3ad' },
    ];
    roleDef(s, 'compute').ports = { nic0p0: { switch: 'tor-a' }, nic0p1: { switch: 'tor-b' }, nic1p0: { switch: 'tor-a' }, nic1p1: { switch: 'tor-b' } };
    expect(networkCodes(planOf(s))).toEqual(['network.redundancy.bond_single_card', 'network.redundancy.bond_single_card']);
  });

  it('a bond on one switch', () => {
    const s = baseNetworkScenario();
    roleDef(s, 'storage').ports = { nic0p0: { switch: 'tor-a' }, nic1p0: { switch: 'tor-a' }, nic0p1: { switch: 'tor-a' }, nic1p1: { switch: 'tor-b' } };
    const plan = planOf(s);
    expect(networkCodes(plan)).toEqual(['network.redundancy.bond_single_switch']);
    expect(finding(plan, 'network.redundancy.bond_single_switch').subject).toBe('role storage / hardware srv / bond0');
  });

  it('a network on a single port', () => {
    const s = baseNetworkScenario();
    const r = roleDef(s, 'compute');
    r.bonds = [{ name: 'bond0', members: ['nic0p0', 'nic1p0'], mode: '802.3ad' }];
    r.networks = [
      { network: 'mgmt', on: 'bond0' },
      { network: 'ceph-public', on: 'bond0' },
      { network: 'tunnel', on: 'nic0p1' },
      { network: 'oob', on: 'bmc', untagged: true },
    ];
    expect(networkCodes(planOf(s))).toEqual(['network.redundancy.single_link']);
  });

  it('802.3ad across 25 and 10 Gbit/s ports', () => {
    const s = baseNetworkScenario();
    const hw = (s.hardware as Obj).srv as Obj;
    hw.nics = [
      { ports: 2, speed: '25 Gbit/s' },
      { ports: 2, speed: '10 Gbit/s' },
    ];
    expect(networkCodes(planOf(s))).toEqual(Array(6).fill('network.bond.mixed_speeds')); // 2 bonds x 3 roles
  });
});

describe('what rides where', () => {
  it('management and tenant traffic on the same links', () => {
    const s = baseNetworkScenario();
    const r = roleDef(s, 'compute');
    r.networks = [
      { network: 'mgmt', on: 'bond0' },
      { network: 'tunnel', on: 'bond0' },
      { network: 'ceph-public', on: 'bond1' },
      { network: 'oob', on: 'bmc', untagged: true },
    ];
    expect(networkCodes(planOf(s))).toEqual(['network.separation.management_tenant']);
  });

  it('Ceph replication sharing links, or missing', () => {
    const s = baseNetworkScenario();
    const r = roleDef(s, 'storage');
    r.networks = [
      { network: 'mgmt', on: 'bond0' },
      { network: 'ceph-public', on: 'bond1' },
      { network: 'ceph-cluster', on: 'bond1' },
      { network: 'oob', on: 'bmc', untagged: true },
    ];
    expect(networkCodes(planOf(s))).toEqual(['network.separation.ceph_replication']);
    r.networks = [
      { network: 'mgmt', on: 'bond0' },
      { network: 'ceph-public', on: 'bond1' },
      { network: 'oob', on: 'bmc', untagged: true },
    ];
    expect(networkCodes(planOf(s))).toEqual(['network.role.missing_network', 'network.separation.ceph_replication']);
  });

  it('a role with hosts and no interfaces', () => {
    const s = baseNetworkScenario();
    delete (net(s).roles as Obj).compute;
    expect(networkCodes(planOf(s))).toEqual(['network.role.no_interfaces']);
  });
});

describe('bandwidth', () => {
  it('Ceph writes of 60 Gbit/s: replication 60 x 2 / 3 = 40 Gbit/s per storage host, exactly 80 % of 50: not over', () => {
    const s = baseNetworkScenario();
    net(s).traffic = { cephClientWrite: '60 Gbit/s' };
    const plan = planOf(s);
    const repl = plan.network!.traffic.find((t) => t.role === 'storage' && t.link === 'bond1')!;
    // size 3 -> fan-out 2; 4 storage hosts less 1 tolerated = 3 carry it
    expect(repl.perNetwork).toEqual([{ network: 'ceph-cluster', inBitsPerSecond: 40e9, outBitsPerSecond: 40e9 }]);
    expect(repl).toMatchObject({ aggregateBitsPerSecond: 50e9, thresholdBitsPerSecond: 40e9, peakUtilisation: 0.8, thresholdMonth: null });
    expect(networkCodes(plan)).toEqual([]);
  });

  it('Ceph writes of 66 Gbit/s: replication 44 Gbit/s per storage host crosses 80 % of 50 in month 0', () => {
    const s = baseNetworkScenario();
    net(s).traffic = { cephClientWrite: '66 Gbit/s' };
    const plan = planOf(s);
    // storage bond0 takes writes 66 / 3 = 22 Gbit/s (44 %), compute bond0 66 / 2 = 33 Gbit/s (66 %): both fine
    expect(networkCodes(plan)).toEqual(['network.bandwidth.threshold_crossed']);
    expect(finding(plan, 'network.bandwidth.threshold_crossed')).toMatchObject({ month: 0, severity: 'error', value: 44e9, limit: 40e9, unit: 'bit/s' });
  });

  it('growth carries a link over its aggregate: 30 Gbit/s growing 10 %/month passes 40 at month 4 and 50 at month 6', () => {
    const s = baseNetworkScenario();
    // replication per storage host = W x 2 / 3; W = 45 Gbit/s -> 30 Gbit/s at month 0
    net(s).traffic = { cephClientWrite: '45 Gbit/s' };
    s.demand = { growth: { kind: 'compound', perMonth: 0.1 } };
    const plan = planOf(s);
    // 30 x 1.1^t > 40 <=> t > ln(4/3) / ln 1.1 = 3.02 -> 4; > 50 <=> t > ln(5/3) / ln 1.1 = 5.36 -> 6
    const repl = plan.network!.traffic.find((t) => t.role === 'storage' && t.link === 'bond1')!;
    expect([repl.thresholdMonth, repl.exceededMonth]).toEqual([4, 6]);
    expect(plan.findings.filter((f) => f.code.startsWith('network.bandwidth') && f.subject.endsWith('bond1')).map((f) => [f.code, f.month, f.severity])).toEqual([
      ['network.bandwidth.exceeded', 6, 'error'],
      ['network.bandwidth.threshold_crossed', 4, 'warning'],
    ]);
  });

  it('oversubscription: 1 uplink of 10 Gbit/s under 4 hosts x 50 Gbit/s in a rack', () => {
    const s = baseNetworkScenario();
    net(s).switches = [
      { name: 'tor-a', uplinks: 1, uplinkSpeed: '10 Gbit/s' },
      { name: 'tor-b', uplinks: 2, uplinkSpeed: '100 Gbit/s' },
    ];
    const plan = planOf(s);
    // r1 holds control-01, compute-01, storage-01, storage-04 (spread): 4 hosts x 2 ports x 25 Gbit/s on tor-a = 200 Gbit/s
    const r1 = plan.network!.oversubscription.find((o) => o.switch === 'tor-a' && o.rack === 'r1')!;
    expect(r1).toMatchObject({ downlinkBitsPerSecond: 200e9, uplinkBitsPerSecond: 10e9, ratio: 20, limit: 3 });
    expect(networkCodes(plan)).toEqual(Array(3).fill('network.oversubscription.high')); // r1, r2, r3 of tor-a
  });
});
