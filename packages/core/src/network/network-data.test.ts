/**
 * Import of the real config-drive sample (test/fixtures/real/network/ironic-network_data.json,
 * openstack/ironic ironic/tests/json_samples/network_data.json, Apache-2.0): an 802.3ad bond
 * (layer3+4, miimon 100) of two 9000-byte ports, VLAN 101 on the bond, an IPv4 and an IPv6
 * network on a bond member, DNS services. Expected values read off the file by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importNetworkData } from './network-data.js';
import { jsonErrorOffset } from './json-position.js';
import { baseNetworkScenario, diagnosticsOf, net, planOf } from './test-network.js';

type Obj = Record<string, unknown>;
const fixture = readFileSync(join(import.meta.dirname, '../../../../test/fixtures/real/network/ironic-network_data.json'), 'utf8');

describe('network_data.json import, on the real Ironic sample', () => {
  const r = importNetworkData(fixture, { role: 'compute', portMap: { interface0: 'nic0p0', interface1: 'nic1p0' } });
  const network = r.snippet!.network as { networks: Obj[]; roles: { compute: { bonds: Obj[]; networks: Obj[] } } };

  it('the bond: 802.3ad, layer3+4, miimon 100, members mapped to ports, MTU 9000 from its members', () => {
    expect(r.diagnostics).toEqual([]);
    expect(network.roles.compute.bonds).toEqual([{ name: 'bond0', members: ['nic0p0', 'nic1p0'], mode: '802.3ad', hashPolicy: 'layer3+4', miimonMs: 100, mtu: 9000 }]);
  });

  it('the networks: 10.184.0.244/255.255.240.0 -> 10.184.0.0/20; the IPv6 /24; VLAN 101 with its gateway 23.253.157.1', () => {
    expect(network.networks).toEqual([
      { name: 'private-ipv4', purpose: 'other', cidr: '10.184.0.0/20', mtu: 9000 },
      { name: 'private-ipv4-2', purpose: 'other', cidr: '2001:cd00::/24', mtu: 9000 },
      { name: 'publicnet-ipv4', purpose: 'other', cidr: '23.253.157.0/24', vlan: 101, mtu: 9000, gateway: '23.253.157.1', defaultRoute: true },
    ]);
    // all three ride on the bond (two of them were on interface0, a bond member)
    expect(network.roles.compute.networks.map((a) => a.on)).toEqual(['bond0', 'bond0', 'bond0']);
  });

  it('says what it could not import', () => {
    const notes = r.notes.join('\n');
    expect(notes).toContain('link interface2 (vif, a0:36:9f:2c:e8:70) carries no network');
    expect(notes).toContain('route 10.0.0.0/255.0.0.0 via 11.0.0.1 not imported');
    expect(notes).toContain('gateway is outside 10.184.0.0/20'); // its default route goes via 23.253.157.1
    expect(notes).toContain('a member of bond0: attached to bond0');
    expect(notes).toContain('DNS servers 8.8.8.8, 8.8.4.4');
    expect(r.text).toMatch(/^# Imported from network_data.json by headroom, for role compute\./);
  });

  it('the snippet drops into a scenario and plans: the dual-stack pair shares bond0, the bond is cross-card', () => {
    const s = baseNetworkScenario();
    (net(s).networks as Obj[]).push(...network.networks);
    (net(s).roles as Obj).compute = network.roles.compute;
    expect(diagnosticsOf(s)).toEqual([]);
    const plan = planOf(s);
    const compute = plan.network!.roles.find((x) => x.role === 'compute')!;
    expect(compute.links[0]).toMatchObject({ name: 'bond0', aggregateBitsPerSecond: 50e9, singleFlowBitsPerSecond: 25e9 });
    // the imported role has no management network: the plan says so
    expect(plan.findings.filter((f) => f.subject === 'role compute').map((f) => f.code)).toEqual(['network.role.missing_network']);
  });

  it('the printed YAML is the snippet', () => {
    const r = importNetworkData(fixture);
    expect(parse(r.text!)).toEqual(r.snippet);
  });

  it('without a port map the links go to nic0p0, nic0p1 in order, and the note says so', () => {
    const plain = importNetworkData(fixture);
    expect(((plain.snippet!.network.roles as Obj).compute as Obj).bonds).toMatchObject([{ members: ['nic0p0', 'nic0p1'] }]);
    expect(plain.notes.join('\n')).toContain('interface0 (a0:36:9f:2c:e8:80) -> nic0p0');
  });
});

describe('bad input', () => {
  it('JSON with a trailing comma: netdata.invalid_json at the offending character', () => {
    const text = '{\n  "links": [\n    {"id": "eth0"},\n  ],\n  "networks": []\n}';
    const r = importNetworkData(text, { fileName: 'nd.json' });
    // line 4 is "  ]," : after the trailing comma of line 3 the next value starts at "]", column 3
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([['netdata.invalid_json', 4, 3]]);
    expect(r.snippet).toBeUndefined();
  });

  it('JSON without links and networks: netdata.invalid', () => {
    expect(importNetworkData('{"links": {}}').diagnostics.map((d) => d.code)).toEqual(['netdata.invalid']);
  });

  it('the JSON scanner agrees with JSON.parse on what is valid', () => {
    for (const ok of ['{}', '[1, -2.5e3, "a\\u00e9\\n", true, null, {"x": [false]}]', ' "s" ']) expect(jsonErrorOffset(ok), ok).toBe(-1);
    expect(jsonErrorOffset('[1, 2')).toBe(5); // ends too early: the offset is the length
    expect(jsonErrorOffset('{"a": 01}')).toBe(7); // a leading zero ends the number at "0"; "1" is where it breaks
    expect(jsonErrorOffset('"tab\there"')).toBe(4);
  });

  it('3,000 networks whose ids share a prefix get unique names of at most 15 characters', () => {
    // ids "storage-network-1" .. "storage-network-3000": the first is cut to "storage-network"
    // (15 characters); the others collide with it and take a suffix: "-2" leaves 15 - 2 = 13
    // characters of the id ("storage-netwo-2"), "-3000" leaves 10 ("storage-ne-3000").
    const networks = Array.from({ length: 3000 }, (_, i) => ({
      id: `storage-network-${i + 1}`,
      type: 'ipv4',
      link: 'eth0',
      ip_address: `10.${Math.floor(i / 250)}.${i % 250}.5`,
      netmask: '255.255.255.0',
    }));
    const r = importNetworkData(JSON.stringify({ links: [{ id: 'eth0', type: 'phy' }], networks }));
    const names = (r.snippet!.network.networks as { name: string }[]).map((n) => n.name);
    expect(names.length).toBe(3000);
    expect(new Set(names).size).toBe(3000);
    expect(Math.max(...names.map((n) => n.length))).toBe(15);
    expect(names.slice(0, 2)).toEqual(['storage-network', 'storage-netwo-2']);
    expect(names[2999]).toBe('storage-ne-3000');
  });
});
