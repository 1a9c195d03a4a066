/**
 * The netplan export, parsed back and checked against netplan's documented schema
 * (canonical/netplan doc/netplan-yaml.md @ 01c7597eac53ebc179b6e7ef106ad43fa529a77d:
 * "Properties for device type bonds:", "vlans:", "Common properties for all device types").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseScenario } from '../scenario/parse.js';
import { parseCidr, parseIp } from './ip.js';
import { netplanFiles } from './netplan.js';
import { baseNetworkScenario, roleDef } from './test-network.js';

type Obj = Record<string, unknown>;

// Keys netplan documents (the subset a server's interface file uses, plus their neighbours).
const NETWORK_KEYS = ['version', 'renderer', 'ethernets', 'bonds', 'vlans', 'bridges'];
const COMMON_KEYS = [
  'addresses',
  'mtu',
  'routes',
  'nameservers',
  'dhcp4',
  'dhcp6',
  'match',
  'set-name',
  'optional',
  'macaddress',
  'link-local',
  'critical',
  'accept-ra',
  'routing-policy',
];
const BOND_KEYS = [...COMMON_KEYS, 'interfaces', 'parameters'];
const VLAN_KEYS = [...COMMON_KEYS, 'id', 'link'];
const BOND_PARAMETERS = [
  'mode',
  'lacp-rate',
  'mii-monitor-interval',
  'min-links',
  'transmit-hash-policy',
  'ad-select',
  'all-slaves-active',
  'arp-interval',
  'arp-ip-targets',
  'arp-validate',
  'arp-all-targets',
  'up-delay',
  'down-delay',
  'fail-over-mac-policy',
  'gratuitous-arp',
  'packets-per-slave',
  'primary-reselect-policy',
  'resend-igmp',
  'learn-packet-interval',
  'primary',
];
const BOND_MODES = ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'];
const HASH_POLICIES = ['layer2', 'layer3+4', 'layer2+3', 'encap2+3', 'encap3+4'];
const ROUTE_KEYS = ['from', 'to', 'via', 'on-link', 'metric', 'type', 'scope', 'table', 'mtu'];

/** Every problem of one parsed netplan document against the documented schema. */
function netplanProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const keysIn = (o: unknown, allowed: string[], where: string) => {
    if (!o || typeof o !== 'object') return problems.push(`${where} is not a mapping`);
    for (const k of Object.keys(o)) if (!allowed.includes(k)) problems.push(`${where}: undocumented key ${k}`);
  };
  keysIn(doc, ['network'], 'top level');
  const n = (doc as Obj).network as Obj;
  keysIn(n, NETWORK_KEYS, 'network');
  if (n.version !== 2) problems.push('network.version is not 2');
  const ethernets = (n.ethernets ?? {}) as Record<string, Obj>;
  const bonds = (n.bonds ?? {}) as Record<string, Obj>;
  const vlans = (n.vlans ?? {}) as Record<string, Obj>;
  const ids = [...Object.keys(ethernets), ...Object.keys(bonds), ...Object.keys(vlans)];
  if (new Set(ids).size !== ids.length) problems.push('an ID is defined twice');
  const device = (d: Obj, where: string) => {
    if (d.mtu !== undefined && !(Number.isInteger(d.mtu) && (d.mtu as number) >= 576 && (d.mtu as number) <= 9216)) problems.push(`${where}: mtu ${String(d.mtu)}`);
    for (const a of (d.addresses ?? []) as string[]) {
      const c = parseCidr(a);
      if (!c.ok || !c.hostBitsSet) problems.push(`${where}: address ${a} is not addr/prefixlen of a host`);
    }
    for (const r of (d.routes ?? []) as Obj[]) {
      keysIn(r, ROUTE_KEYS, `${where}.routes`);
      if (r.to === undefined) problems.push(`${where}: a route without to`);
      if (r.via !== undefined && !parseIp(String(r.via))) problems.push(`${where}: via ${String(r.via)}`);
    }
  };
  for (const [id, e] of Object.entries(ethernets)) {
    keysIn(e, COMMON_KEYS, `ethernets.${id}`);
    device(e, `ethernets.${id}`);
  }
  for (const [id, b] of Object.entries(bonds)) {
    keysIn(b, BOND_KEYS, `bonds.${id}`);
    device(b, `bonds.${id}`);
    for (const i of (b.interfaces ?? []) as string[]) if (!(i in ethernets)) problems.push(`bonds.${id}: interface ${i} is not an ethernet`);
    const p = (b.parameters ?? {}) as Obj;
    keysIn(p, BOND_PARAMETERS, `bonds.${id}.parameters`);
    if (!BOND_MODES.includes(String(p.mode))) problems.push(`bonds.${id}: mode ${String(p.mode)}`);
    if (p['transmit-hash-policy'] !== undefined && !HASH_POLICIES.includes(String(p['transmit-hash-policy']))) problems.push(`bonds.${id}: transmit-hash-policy`);
    if (p['lacp-rate'] !== undefined && !['slow', 'fast'].includes(String(p['lacp-rate']))) problems.push(`bonds.${id}: lacp-rate`);
    if (p.primary !== undefined && !((b.interfaces ?? []) as string[]).includes(String(p.primary))) problems.push(`bonds.${id}: primary is not a member`);
  }
  for (const [id, v] of Object.entries(vlans)) {
    keysIn(v, VLAN_KEYS, `vlans.${id}`);
    device(v, `vlans.${id}`);
    if (!(Number.isInteger(v.id) && (v.id as number) >= 0 && (v.id as number) <= 4094)) problems.push(`vlans.${id}: id ${String(v.id)}`);
    if (!(String(v.link) in ethernets) && !(String(v.link) in bonds)) problems.push(`vlans.${id}: link ${String(v.link)} is not defined`);
    if (id.length > 15) problems.push(`vlans.${id}: longer than a Linux interface name`);
  }
  const routes = Object.values({ ...ethernets, ...bonds, ...vlans }).flatMap((d) => ((d.routes ?? []) as Obj[]).filter((r) => r.to === 'default'));
  if (routes.length > 1) problems.push('more than one default route');
  return problems;
}

const scenarioOf = (file: string) => parseScenario(readFileSync(join(import.meta.dirname, '../../../../scenarios', file), 'utf8')).scenario!;

describe('netplan export', () => {
  for (const file of ['reference-pilot.yaml', 'regional-cloud.yaml']) {
    it(`${file}: one file per host; each parses back to its document and follows netplan's documented schema`, () => {
      const scenario = scenarioOf(file);
      const files = netplanFiles(scenario);
      expect(files.length).toBe(scenario.nodes.reduce((s, g) => s + g.count, 0));
      for (const f of files) {
        const back = parse(f.text);
        expect(back, f.host).toEqual(f.document);
        expect(netplanProblems(back), f.host).toEqual([]);
      }
    });
  }

  it('the pilot controller: bonds with their parameters, VLANs with MTU, addresses and the one default route', () => {
    const f = netplanFiles(scenarioOf('reference-pilot.yaml'), { role: 'control' });
    expect(f.map((x) => x.fileName)).toEqual(['control-01.yaml', 'control-02.yaml', 'control-03.yaml']);
    const n = (f[0]!.document as Obj).network as Obj;
    expect((n.bonds as Obj).bond0).toEqual({
      interfaces: ['nic0p0', 'nic1p0'],
      mtu: 9000,
      parameters: { mode: '802.3ad', 'transmit-hash-policy': 'layer3+4', 'lacp-rate': 'fast', 'mii-monitor-interval': 100 },
    });
    // first host on mgmt: the node range starts at .11; the default route is mgmt's gateway
    expect((n.vlans as Obj).mgmt).toEqual({ id: 100, link: 'bond0', mtu: 1500, addresses: ['10.10.0.11/24'], routes: [{ to: 'default', via: '10.10.0.1' }] });
    // control-02 is the second host on mgmt
    expect((((f[1]!.document as Obj).network as Obj).vlans as Obj).mgmt).toMatchObject({ addresses: ['10.10.0.12/24'] });
    // the provider network is not configured on the host: bond1 goes to Open vSwitch
    expect(Object.keys(n.vlans as Obj)).not.toContain('provider');
    expect(f[0]!.text).toContain('give bond1 to Open vSwitch (neutron_external_interface)');
  });

  it('kernel interface names replace the port ids when given; untagged networks sit on the link itself', () => {
    const s = baseNetworkScenario();
    const r = roleDef(s, 'compute');
    r.ports = { nic0p0: { switch: 'tor-a', name: 'ens1f0np0' }, nic1p0: { switch: 'tor-b', name: 'ens2f0np0' }, nic0p1: { switch: 'tor-a' }, nic1p1: { switch: 'tor-b' } };
    r.networks = [
      { network: 'mgmt', on: 'bond0', untagged: true },
      { network: 'ceph-public', on: 'bond0' },
      { network: 'tunnel', on: 'bond1' },
      { network: 'oob', on: 'bmc', untagged: true },
    ];
    const f = netplanFiles(parseScenario(stringify(s)).scenario!, { role: 'compute' });
    const n = (f[0]!.document as Obj).network as Obj;
    expect(Object.keys(n.ethernets as Obj)).toEqual(['ens1f0np0', 'ens2f0np0', 'nic0p1', 'nic1p1']);
    // compute-01 is the 4th host on mgmt (after 3 controllers): .11 + 3 = .14
    expect((n.bonds as Obj).bond0).toMatchObject({ interfaces: ['ens1f0np0', 'ens2f0np0'], addresses: ['10.10.0.14/24'], routes: [{ to: 'default', via: '10.10.0.1' }] });
    expect(netplanProblems(parse(f[0]!.text))).toEqual([]);
  });

  it('the validator catches what netplan would refuse (it is not a test that cannot fail)', () => {
    expect(
      netplanProblems({ network: { version: 2, bonds: { bond0: { interfaces: ['eth9'], parameters: { mode: 'lacp' } } }, vlans: { v: { id: 4095, link: 'nope' } } } }),
    ).toEqual(['bonds.bond0: interface eth9 is not an ethernet', 'bonds.bond0: mode lacp', 'vlans.v: id 4095', 'vlans.v: link nope is not defined']);
  });
});
