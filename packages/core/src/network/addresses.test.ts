import { describe, expect, it } from 'vitest';
import { assignHostAddresses, networkAddresses, planAddresses, planFloatingIps } from './addresses.js';
import type { NetworkConfig, NetworkDef } from '../model/network-config.js';
import { parseIp } from './ip.js';

const mgmt = (over: Partial<NetworkDef> = {}): NetworkDef => ({
  name: 'mgmt',
  purpose: 'management',
  cidr: '10.1.0.0/24',
  family: 4,
  mtuBytes: 1500,
  reserved: [],
  allocationPools: [],
  defaultRoute: true,
  ...over,
});
const config = (n: NetworkDef, vips: NetworkConfig['vips'] = {}): NetworkConfig => ({
  networks: [n],
  vips,
  switches: [],
  roles: {
    control: { ports: {}, bonds: [], attachments: [{ network: n.name, on: 'nic0p0', tagged: false, addressed: true }] },
    compute: { ports: {}, bonds: [], attachments: [{ network: n.name, on: 'nic0p0', tagged: false, addressed: true }] },
  },
  traffic: { cephClientWriteBitsPerSecond: 0, cephClientReadBitsPerSecond: 0 },
  bandwidthThreshold: 0.8,
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
    expect([...got]).toEqual([
      ['a', '10.1.0.4'],
      ['b', '10.1.0.6'],
      ['c', '10.1.0.7'],
    ]);
  });
});

describe("the external network's allocation pools: floating IPs, router gateways, DVR agent gateways", () => {
  // provider 198.51.100.0/24 with pool .20-.79: 60 addresses
  const ext = (dvr?: boolean): NetworkConfig => ({
    ...config(mgmt({ name: 'ext', purpose: 'provider', cidr: '198.51.100.0/24', allocationPools: ['198.51.100.20-198.51.100.79'], defaultRoute: false })),
    ...(dvr !== undefined ? { dvr } : {}),
  });
  const flat = { kind: 'compound', perMonth: 0 } as const;

  it('40 floating IPs + 10 routers + DVR on 6 compute hosts = 56 of 60 (fits)', () => {
    const r = planFloatingIps(ext(true), { floatingIps: 40, routers: 10 }, flat, 3, '2027-01', [6, 6, 6]);
    expect(r.plan).toMatchObject({
      poolAddresses: 60,
      floatingIpsByMonth: [40, 40, 40],
      routerGatewaysByMonth: [10, 10, 10],
      agentGatewaysByMonth: [6, 6, 6],
      demandByMonth: [56, 56, 56],
      exhaustedMonth: null,
    });
    expect(r.findings).toEqual([]);
  });

  it('the same with 8 compute hosts from month 2 (procurement): 40 + 10 + 8 = 58; with 12, 62 > 60 runs out', () => {
    const r = planFloatingIps(ext(true), { floatingIps: 40, routers: 10 }, flat, 3, '2027-01', [6, 8, 12]);
    expect(r.plan!.demandByMonth).toEqual([56, 58, 62]);
    expect(r.findings).toMatchObject([{ code: 'network.floating_ips.exhausted', month: 2, value: 62, limit: 60 }]);
    expect(r.findings[0]!.message).toContain('40 floating IPs + 10 router gateways + 12 DVR floating IP agent gateways');
  });

  it('floating IPs alone used to look fine: 55 of 60; 10 router gateways make it 65 > 60', () => {
    expect(planFloatingIps(ext(), { floatingIps: 55 }, flat, 1, '2027-01').findings).toEqual([]);
    expect(planFloatingIps(ext(), { floatingIps: 55, routers: 10 }, flat, 1, '2027-01').findings).toMatchObject([{ value: 65, limit: 60 }]);
  });

  it('routers grow with demand: 10 x 1.1^2 = 12.1 -> 13 in month 2', () => {
    expect(planFloatingIps(ext(), { routers: 10 }, { kind: 'compound', perMonth: 0.1 }, 3, '2027-01').plan!.routerGatewaysByMonth).toEqual([10, 11, 13]);
  });

  it('without DVR, compute hosts take no pool address', () => {
    expect(planFloatingIps(ext(false), { floatingIps: 1 }, flat, 1, '2027-01', [50]).plan!.agentGatewaysByMonth).toEqual([0]);
  });
});
