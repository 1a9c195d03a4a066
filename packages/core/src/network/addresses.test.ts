import { describe, expect, it } from 'vitest';
import { assignHostAddresses, networkAddresses, planAddresses } from './addresses.js';
import type { NetworkConfig, NetworkDef } from '../model/network-config.js';
import { parseIp } from './ip.js';

const mgmt = (over: Partial<NetworkDef> = {}): NetworkDef => ({
  name: 'mgmt', purpose: 'management', cidr: '10.1.0.0/24', family: 4, mtuBytes: 1500,
  reserved: [], allocationPools: [], defaultRoute: true, ...over,
});
const config = (n: NetworkDef, vips: NetworkConfig['vips'] = {}): NetworkConfig => ({
  networks: [n], vips, switches: [],
  roles: {
    control: { ports: {}, bonds: [], attachments: [{ network: n.name, on: 'nic0p0', tagged: false, addressed: true }] },
    compute: { ports: {}, bonds: [], attachments: [{ network: n.name, on: 'nic0p0', tagged: false, addressed: true }] },
  },
  traffic: { cephClientWriteBitsPerSecond: 0, cephClientReadBitsPerSecond: 0 }, bandwidthThreshold: 0.8,
});

describe('address budget of a subnet', () => {
  it('10.1.0.0/24, gateway .1, reserved .2-.9, VIP .250: 254 - 1 - 8 - 1 = 244 host addresses', () => {
    const a = networkAddresses(mgmt({ gateway: '10.1.0.1', reserved: ['10.1.0.2-10.1.0.9'] }), [parseIp('10.1.0.250')!])!;
    expect(a.nodeCapacity).toBe(244n);
  });

  it('a VIP inside a reserved range is counted once: 254 - 1 - 8 = 245', () => {
    const a = networkAddresses(mgmt({ gateway: '10.1.0.1', reserved: ['10.1.0.2-10.1.0.9'] }), [parseIp('10.1.0.5')!])!;
    expect(a.nodeCapacity).toBe(245n);
  });

  it('a node range .11-.200 holds 200 - 11 + 1 = 190', () => {
    expect(networkAddresses(mgmt({ nodeRange: '10.1.0.11-10.1.0.200' }), [])!.nodeCapacity).toBe(190n); // 200 - 11 + 1
  });

  it('a /26 runs out in month 3 when hosts grow 40, 50, 58, 63: 62 usable - gateway = 61', () => {
    const n = mgmt({ cidr: '10.1.0.0/26', gateway: '10.1.0.1' });
    // control 3 + compute [37, 47, 55, 60] -> 40, 50, 58, 63 hosts; 63 > 61 in month 3
    const r = planAddresses(config(n), { control: [3, 3, 3, 3], compute: [37, 47, 55, 60] }, 4, '2027-01');
    expect(r.rows[0]).toMatchObject({ usableAddresses: 62, nodeCapacity: 61, roles: ['control', 'compute'] });
    expect(r.usage[0]).toMatchObject({ nodesByMonth: [40, 50, 58, 63], exhaustedMonth: 3 });
    expect(r.findings.map((f) => [f.code, f.month, f.value, f.limit])).toEqual([['network.addresses.exhausted', 3, 63, 61]]);
    expect(r.findings[0]!.message).toContain('2027-04');
  });

  it('an IPv6 /64 is never counted as exhausted (its size does not fit a JS number)', () => {
    const n = mgmt({ cidr: '2001:db8::/64', family: 6 });
    const r = planAddresses(config(n), { control: [3], compute: [1000] }, 1, '2027-01');
    expect(r.usage[0]).toMatchObject({ nodeCapacity: null, exhaustedMonth: null });
    expect(r.findings).toEqual([]);
  });
});

describe('host addresses for the netplan export', () => {
  it('the first free addresses of the node pool, skipping gateway, reserved and the VIP', () => {
    const n = mgmt({ gateway: '10.1.0.1', reserved: ['10.1.0.2-10.1.0.3'] });
    const got = assignHostAddresses(n, [parseIp('10.1.0.5')!], ['a', 'b', 'c']);
    expect([...got]).toEqual([['a', '10.1.0.4'], ['b', '10.1.0.6'], ['c', '10.1.0.7']]);
  });
});
