/**
 * The net.* diagnostics not covered by the invalid fixtures (test/fixtures/invalid/network-*.yaml),
 * each from one change to the passing base scenario; the path says where line:col points.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../diagnostics/codes.js';
import { baseNetworkScenario, diagnosticsOf, net, netDef, roleDef } from './test-network.js';

type Obj = Record<string, unknown>;
const codesAndPaths = (data: Obj) => diagnosticsOf(data).map((d) => [d.code, d.path.join('.')]);

describe('net.* diagnostics', () => {
  it('the base scenario has none', () => {
    expect(diagnosticsOf(baseNetworkScenario())).toEqual([]);
  });

  it('two networks, or two switches, with one name', () => {
    const s = baseNetworkScenario();
    netDef(s, 'tunnel').name = 'mgmt';
    net(s).switches = [{ name: 'tor-a' }, { name: 'tor-a' }];
    expect(codesAndPaths(s)).toContainEqual(['net.duplicate_name', 'network.networks.2.name']);
    expect(codesAndPaths(s)).toContainEqual(['net.duplicate_name', 'network.switches.1.name']);
  });

  it('a range that is not one, and a pool overlapping the node range', () => {
    const s = baseNetworkScenario();
    netDef(s, 'mgmt').reserved = ['10.10.0.9-10.10.0.2'];
    netDef(s, 'mgmt').allocationPools = ['10.10.0.150-10.10.0.220']; // node range .11-.200
    expect(codesAndPaths(s)).toEqual([
      ['net.range.invalid', 'network.networks.1.reserved.0'],
      ['net.range.overlap', 'network.networks.1.nodeRange'],
    ]);
  });

  it('an overlay on a network that is not a tunnel', () => {
    const s = baseNetworkScenario();
    netDef(s, 'ceph-public').overlay = { protocol: 'vxlan' };
    expect(codesAndPaths(s)).toEqual([['net.overlay.not_tunnel', 'network.networks.4.overlay']]);
  });

  it('two default routes; a default route without a gateway', () => {
    const s = baseNetworkScenario();
    netDef(s, 'mgmt').defaultRoute = true;
    netDef(s, 'tunnel').defaultRoute = true;
    expect(codesAndPaths(s)).toEqual([
      ['net.default_route.multiple', 'network.networks.2.defaultRoute'],
      ['net.default_route.no_gateway', 'network.networks.2.defaultRoute'],
    ]);
  });

  it('a port cabled to an undefined switch', () => {
    const s = baseNetworkScenario();
    (roleDef(s, 'compute').ports as Obj).nic0p0 = { switch: 'tor-c' };
    expect(codesAndPaths(s)).toEqual([['net.ref.unknown_switch', 'network.roles.compute.ports.nic0p0.switch']]);
  });

  it('a network attached twice to a role; a network without a VLAN attached tagged', () => {
    const s = baseNetworkScenario();
    delete netDef(s, 'tunnel').vlan;
    roleDef(s, 'compute').networks = [
      { network: 'mgmt', on: 'bond0' },
      { network: 'mgmt', on: 'bond1' },
      { network: 'tunnel', on: 'bond1', untagged: false },
    ];
    expect(codesAndPaths(s)).toEqual([
      ['net.attach.duplicate', 'network.roles.compute.networks.1.network'],
      ['net.attach.tagged_without_vlan', 'network.roles.compute.networks.2.untagged'],
    ]);
  });

  it('a port directly on a network while it is a bond member; a bond member a second hardware model lacks', () => {
    const s = baseNetworkScenario();
    (roleDef(s, 'compute').networks as Obj[]).push({ network: 'provider', on: 'nic0p0' });
    const hw = s.hardware as Obj;
    hw.small = { ...(hw.srv as Obj), nics: [{ ports: 2, speed: '25 Gbit/s' }] };
    (s.nodes as Obj[]).push({ role: 'storage', hardware: 'small', count: 1 });
    const got = codesAndPaths(s);
    expect(got).toContainEqual(['net.port.reused', 'network.roles.compute.networks.4.on']);
    // storage bonds use nic1p0 and nic1p1, which the one-card model does not have
    expect(got).toContainEqual(['net.ref.unknown_port', 'network.roles.storage.bonds.0.members.1']);
    expect(got).toContainEqual(['net.ref.unknown_port', 'network.roles.storage.bonds.1.members.1']);
  });

  it('every net.* code the checks can emit is registered in diagnostics/codes.ts', () => {
    const source = readFileSync(join(import.meta.dirname, 'references.ts'), 'utf8');
    const emitted = [...new Set([...source.matchAll(/'(net\.[a-z_.]+)'/g)].map((m) => m[1]!))];
    expect(emitted.length).toBeGreaterThanOrEqual(20);
    for (const code of emitted) expect(Object.keys(DIAGNOSTIC_CODES), code).toContain(code);
  });
});
