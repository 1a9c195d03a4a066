/**
 * Kolla-Ansible round trip: the upstream multinode inventory read by hand, the INI and JSON
 * grammars, the export of scenarios/regional-cloud.yaml (addresses hand-worked from its
 * network section), the findings Kolla's prechecks would raise, and export -> import -> the
 * same node groups and the same plan.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate/evaluate.js';
import type { Scenario } from '../../model/scenario.js';
import { parseScenario } from '../../scenario/parse.js';
import { replaceScenarioSections } from '../scenario-edit.js';
import { kollaExport } from './export.js';
import { importedNodeGroups, importKolla, namePrefixOf, rackMismatches } from './import.js';
import { expandHostPattern, groupHosts, readAnsibleInventory } from './inventory.js';

const root = join(import.meta.dirname, '../../../../..');
const real = (f: string) => readFileSync(join(root, 'test/fixtures/real/kolla', f), 'utf8');
const regionalText = readFileSync(join(root, 'scenarios/regional-cloud.yaml'), 'utf8');
const load = (text: string): Scenario => {
  const p = parseScenario(text, { fileName: 'scenario.yaml' });
  expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return p.scenario!;
};
const regional = load(regionalText);

describe('Ansible inventory (test/fixtures/real/kolla/multinode, kolla-ansible 1a681814)', () => {
  const inv = readAnsibleInventory(real('multinode'), 'multinode');

  it('reads without diagnostics', () => expect(inv.diagnostics).toEqual([]));

  it('the six host groups hold the hosts the file lists (lines 5-7, 15-16, 19, 22, 30, 33)', () => {
    const i = inv.inventory!;
    expect(i.groups.get('control')!.hosts).toEqual(['control01', 'control02', 'control03']);
    expect(i.groups.get('network')!.hosts).toEqual(['network01', 'network02']);
    expect(i.groups.get('compute')!.hosts).toEqual(['compute01']);
    expect(i.groups.get('monitoring')!.hosts).toEqual(['monitoring01']);
    expect(i.groups.get('storage')!.hosts).toEqual(['storage01']);
    expect(i.groups.get('deployment')!.hosts).toEqual(['localhost']);
    expect(i.hostVars.get('localhost')).toEqual({ ansible_connection: 'local' });
    expect(i.hostLine.get('network01')).toBe(15);
  });

  it('children resolve: baremetal = control, network, compute, storage, monitoring (8 hosts); loadbalancer = network', () => {
    const i = inv.inventory!;
    expect(groupHosts(i, 'baremetal')).toEqual(['control01', 'control02', 'control03', 'network01', 'network02', 'compute01', 'storage01', 'monitoring01']);
    expect(groupHosts(i, 'loadbalancer')).toEqual(['network01', 'network02']);
    // openvswitch:children = network, compute, manila-share; manila-share:children = network (line 326)
    expect(groupHosts(i, 'openvswitch')).toEqual(['network01', 'network02', 'compute01']);
  });

  it('imports: 3 control, 1 compute, 1 storage; network and monitoring hosts and localhost are reported', () => {
    const r = importKolla({ inventory: { text: real('multinode'), file: 'multinode' }, globals: { text: real('globals.yml'), file: 'globals.yml' } });
    expect(r.groups.map((g) => [g.role, g.count, g.namePrefix])).toEqual([
      ['control', 3, 'control'],
      ['compute', 1, 'compute'],
      ['storage', 1, 'storage'],
    ]);
    const codes = r.diagnostics.map((d) => [d.code, d.location.line]);
    expect(codes).toContainEqual(['kolla.unmapped_host', 15]);
    expect(codes).toContainEqual(['kolla.unmapped_host', 16]);
    expect(codes).toContainEqual(['kolla.unmapped_host', 22]);
    expect(codes).toContainEqual(['kolla.unmapped_host', 33]);
    expect(codes.filter(([c]) => c === 'kolla.hardware_unknown')).toHaveLength(3);
    // the upstream globals.yml sets nothing (every line is a comment)
    expect(r.interfaces).toEqual([]);
    expect(r.vips).toEqual({});
  });
});

describe('INI and JSON grammar', () => {
  it('expands host ranges as Ansible does', () => {
    expect(expandHostPattern('control[01:03]')).toEqual(['control01', 'control02', 'control03']);
    expect(expandHostPattern('db-[a:c]')).toEqual(['db-a', 'db-b', 'db-c']);
    expect(expandHostPattern('n[1:10:3]')).toEqual(['n1', 'n4', 'n7', 'n10']);
    expect(expandHostPattern('r[1:2]-n[1:2]')).toEqual(['r1-n1', 'r1-n2', 'r2-n1', 'r2-n2']);
    expect(expandHostPattern('x[3:1]')).toBeUndefined();
    expect(expandHostPattern('x[1:2:0]')).toBeUndefined();
  });

  it('positions every malformed line', () => {
    const text = '[control\nctl01\n[compute]\ncmp[05:01]\ncmp01 foo\n  [storage:vars]\nnot a var\n';
    const r = readAnsibleInventory(text, 'inv');
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.col])).toEqual([
      ['kolla.inventory.syntax', 1, 1],
      ['kolla.inventory.syntax', 4, 1],
      ['kolla.inventory.syntax', 5, 7],
      ['kolla.inventory.syntax', 7, 1],
    ]);
  });

  it('reads `ansible-inventory --list` JSON', () => {
    const json = JSON.stringify({
      _meta: { hostvars: { 'ctl-01': { ansible_host: '10.0.0.11' }, 'cmp-01': {} } },
      all: { children: ['ungrouped', 'control', 'compute', 'baremetal'] },
      control: { hosts: ['ctl-01'] },
      compute: { hosts: ['cmp-01', 'cmp-02'] },
      baremetal: { children: ['control', 'compute'] },
    });
    const r = readAnsibleInventory(json, 'inv.json');
    expect(r.diagnostics).toEqual([]);
    expect(groupHosts(r.inventory!, 'baremetal')).toEqual(['ctl-01', 'cmp-01', 'cmp-02']);
    expect(r.inventory!.hostVars.get('ctl-01')).toEqual({ ansible_host: '10.0.0.11' });
    expect(readAnsibleInventory('{"a": 1}', 'x.json').diagnostics[0]!.code).toBe('kolla.inventory.unknown_format');
    expect(readAnsibleInventory('{"control": {"hosts": [', 'x.json').diagnostics[0]).toMatchObject({ code: 'interop.json.truncated', location: { line: 1, col: 24 } });
  });

  it('name prefixes', () => {
    expect(namePrefixOf('compute-07')).toBe('compute');
    expect(namePrefixOf('ctl01')).toBe('ctl');
    expect(namePrefixOf('bastion')).toBe('bastion');
  });
});

describe('kollaExport(regional-cloud)', () => {
  const out = kollaExport(regional);
  const line = (name: string) => out.inventory.split('\n').find((l) => l.startsWith(`${name} `));

  it('no error findings', () => expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]));

  it('52 hosts: 3 control + 24 + 16 compute + 8 storage + 1 deploy', () => {
    expect(out.hosts).toHaveLength(52);
    expect(out.hosts.filter((h) => h.role === 'compute')).toHaveLength(40);
  });

  it('management addresses as the netplan export gives them: 10.20.0.0/23, gateway .1, reserved .2-.9, so from .10 in plan order', () => {
    // control-01..03 -> .10 .. .12; compute-01 -> .13; compute-40 -> .13 + 39 = .52;
    // storage-01 -> .53; deploy-01 (the 52nd host) -> .10 + 51 = .61
    expect(line('control-01')).toBe('control-01 ansible_host=10.20.0.10 headroom_role=control headroom_hardware=ctl-dl360g11 headroom_rack=r1');
    expect(line('compute-01')).toContain('ansible_host=10.20.0.13');
    expect(line('compute-40')).toContain('ansible_host=10.20.0.52');
    expect(line('storage-01')).toContain('ansible_host=10.20.0.53');
    expect(line('deploy-01')).toContain('ansible_host=10.20.0.61');
  });

  it("control hosts are also the network and monitoring hosts; the template's [*:children] groups are kept", () => {
    const inv = readAnsibleInventory(out.inventory, 'multinode').inventory!;
    expect(inv.groups.get('network')!.hosts).toEqual(['control-01', 'control-02', 'control-03']);
    expect(inv.groups.get('monitoring')!.hosts).toEqual(['control-01', 'control-02', 'control-03']);
    expect(groupHosts(inv, 'loadbalancer')).toEqual(['control-01', 'control-02', 'control-03']);
    expect(inv.groups.get('deployment')!.hosts).toEqual(['deploy-01']);
    expect(inv.groups.get('nova')!.children).toEqual(['control']);
  });

  it('globals: VIPs, interfaces named as netplan names them, external Ceph switches', () => {
    expect(out.globalsValues).toEqual({
      kolla_internal_vip_address: '10.20.1.250',
      kolla_external_vip_address: '203.0.113.10',
      network_interface: 'mgmt', // mgmt is VLAN 100 tagged on bond0: the VLAN device is named after the network
      api_interface: 'mgmt',
      kolla_external_vip_interface: 'public', // 203.0.113.10 lies in public 203.0.113.0/26, VLAN 150 on bond0
      tunnel_interface: 'tunnel',
      neutron_external_interface: 'bond1', // provider carries no host address: its link goes to Open vSwitch
      glance_backend_ceph: 'yes',
      ceph_glance_pool_name: 'images',
      cinder_backend_ceph: 'yes',
      ceph_cinder_pool_name: 'volumes',
      cinder_backup_driver: 'ceph',
      ceph_cinder_backup_pool_name: 'backups',
      nova_backend_ceph: 'yes',
      ceph_nova_pool_name: 'vms',
    });
  });

  it("writes only Kolla-Ansible's own variable names: each is in its etc/kolla/globals.yml", () => {
    const upstream = real('globals.yml');
    // neutron_bridge_name (several external interfaces only) is in ansible/group_vars/all/neutron.yml:33, not in globals.yml
    const keys = Object.keys(out.globalsValues);
    expect(keys.length).toBe(15);
    for (const k of keys) expect(new RegExp(`^#?${k}:`, 'm').test(upstream), k).toBe(true);
    const hostVars = out.inventory
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .flatMap((l) => [...l.matchAll(/ ([a-z_]+)=/g)].map((m) => m[1]!));
    for (const k of new Set(hostVars)) expect(k === 'ansible_host' || k.startsWith('headroom_') || new RegExp(`^#?${k}:`, 'm').test(upstream), k).toBe(true);
  });

  it('reads back to the same node groups, and the rewritten scenario plans to the same result', () => {
    const back = importKolla({ inventory: { text: out.inventory, file: 'multinode' }, globals: { text: out.globals, file: 'globals.yml' }, base: regional });
    expect(back.diagnostics).toEqual([]);
    const nodes = importedNodeGroups(back.groups);
    expect(nodes.map((g) => [g.role, g.hardware, g.count, g.rack ?? g.placement])).toEqual([
      ['control', 'ctl-dl360g11', 3, 'spread'],
      ['compute', 'cmp-sr650v3', 24, 'spread'],
      ['compute', 'cmp-dl380g11', 16, 'spread'],
      ['storage', 'sto-r760xd2', 8, 'spread'],
      ['deploy', 'dep-r360', 1, 'r6'],
    ]);
    const rewritten = load(replaceScenarioSections(regionalText, nodes, 'from kolla'));
    expect(rackMismatches(rewritten, back.groups)).toEqual([]);
    const a = evaluate(regional);
    const b = evaluate(rewritten);
    expect(b.hosts).toEqual(a.hosts);
    expect(b.bottleneck).toEqual(a.bottleneck);
    expect(b.findings).toEqual(a.findings);
    expect(b.procurement?.purchases).toEqual(a.procurement?.purchases);
  });

  it('an interface renamed in globals.yml, and a moved rack, are reported', () => {
    const globals = out.globals.replace('tunnel_interface: "tunnel"', 'tunnel_interface: "ens2f1"');
    const inventory = out.inventory.replace(
      'compute-02 ansible_host=10.20.0.14 headroom_role=compute headroom_hardware=cmp-sr650v3 headroom_rack=r2',
      'compute-02 ansible_host=10.20.0.14 headroom_role=compute headroom_hardware=cmp-sr650v3 headroom_rack=r5',
    );
    const back = importKolla({ inventory: { text: inventory, file: 'multinode' }, globals: { text: globals, file: 'globals.yml' }, base: regional });
    const tunnelLine = globals.split('\n').findIndex((l) => l.startsWith('tunnel_interface')) + 1;
    expect(back.diagnostics.map((d) => [d.code, d.location.file, d.location.line])).toEqual([['kolla.interface_mismatch', 'globals.yml', tunnelLine]]);
    expect(rackMismatches(regional, back.groups)).toEqual([{ host: 'compute-02', inventory: 'r5', planned: 'r2' }]);
  });
});

describe("kollaExport with your release's template", () => {
  it('fills the groups the template has, adds the missing ones at the top, keeps the rest verbatim', () => {
    const template = '# mine\n[control]\nold01\n\n[compute]\n# a comment kept\nold02\n\n[nova:children]\ncontrol\n';
    const out = kollaExport(regional, { template });
    const inv = readAnsibleInventory(out.inventory, 'multinode');
    expect(inv.diagnostics).toEqual([]);
    expect(inv.inventory!.groups.get('control')!.hosts).toEqual(['control-01', 'control-02', 'control-03']);
    expect(inv.inventory!.groups.get('compute')!.hosts).toHaveLength(40);
    expect(inv.inventory!.groups.get('deployment')!.hosts).toEqual(['deploy-01']);
    expect(inv.inventory!.groups.get('nova')!.children).toEqual(['control']);
    expect(out.inventory).toContain('# a comment kept');
    expect(out.inventory).not.toContain('old01');
    // network, monitoring, storage and deployment were not in the template: added before it
    expect(out.inventory.indexOf('[network]')).toBeLessThan(out.inventory.indexOf('# mine'));
  });
});

describe('kollaExport findings (Kolla-Ansible prechecks)', () => {
  const edit = (from: string, to: string) => load(regionalText.replace(from, to));

  it('internal VIP inside the provider pool is outside the API network; a VIP in the node range; no VIP', () => {
    const s = edit('internal: 10.20.1.250', 'internal: 10.200.0.50');
    expect(kollaExport(s).findings.map((f) => f.code)).toContain('network.vip.outside_network');
    const none = edit('    internal: 10.20.1.250\n', '');
    expect(kollaExport(none).findings.map((f) => f.code)).toContain('kolla.vip.missing');
  });

  it('api_interface without a host address; a role off the management network', () => {
    const s = load(
      regionalText.replace(
        '    compute:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n        - { network: mgmt, on: bond0 }',
        '    compute:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n        - { network: mgmt, on: bond0, address: false }',
      ),
    );
    expect(
      kollaExport(s)
        .findings.filter((f) => f.code === 'kolla.interface.no_address')
        .map((f) => f.subject),
    ).toEqual(['role compute network_interface', 'role compute api_interface']);
    const off = load(
      regionalText.replace(
        '    storage:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n        - { network: mgmt, on: bond0 }\n',
        '    storage:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n',
      ),
    );
    expect(
      kollaExport(off)
        .findings.filter((f) => f.code === 'kolla.interface.missing')
        .map((f) => f.subject),
    ).toEqual(['role storage']);
  });

  it('roles on different interfaces: the key moves from globals.yml to the host lines', () => {
    // compute carries mgmt untagged on bond0 (no VLAN device): network_interface bond0 on compute, mgmt elsewhere
    const s = load(
      regionalText.replace(
        '    compute:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n        - { network: mgmt, on: bond0 }',
        '    compute:\n      ports: *two-cards\n      bonds: *two-bonds\n      networks:\n        - { network: mgmt, on: bond0, untagged: true }',
      ),
    );
    const out = kollaExport(s);
    expect(out.globalsValues.network_interface).toBeUndefined();
    expect(out.globals).toContain('# network_interface: differs between roles (control mgmt, compute bond0, storage mgmt)');
    expect(out.inventory).toContain('compute-01 ansible_host=10.20.0.13 network_interface=bond0 api_interface=bond0 headroom_role=compute');
    expect(out.inventory).toContain('control-01 ansible_host=10.20.0.10 network_interface=mgmt api_interface=mgmt headroom_role=control');
    const back = importKolla({ inventory: { text: out.inventory, file: 'multinode' }, globals: { text: out.globals, file: 'globals.yml' }, base: s });
    expect(back.diagnostics).toEqual([]);
  });

  it('a role off the management network, a control-less plan, no network section', () => {
    const noCtl = load(regionalText.replace('  - { role: control, hardware: ctl-dl360g11, count: 3, placement: spread }\n', ''));
    expect(kollaExport(noCtl).findings.map((f) => f.code)).toContain('kolla.loadbalancer.empty');
    const noNet = load(regionalText.slice(0, regionalText.indexOf('\nnetwork:\n')));
    expect(kollaExport(noNet).findings.map((f) => [f.code, f.severity])).toEqual([['kolla.no_network', 'info']]);
  });
});
