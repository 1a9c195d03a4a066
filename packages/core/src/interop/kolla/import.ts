/**
 * Kolla-Ansible in: an inventory (INI `multinode` or `ansible-inventory --list` JSON) and,
 * optionally, globals.yml, mapped onto a scenario's node groups and network section.
 *
 * Roles from Kolla's host groups (children resolved, ansible/inventory/multinode):
 *   control -> control; compute -> compute; storage -> storage; deployment -> deploy (except
 *   `localhost`, the machine running kolla-ansible, which is not a server of the plan).
 *   A host in network or monitoring only has no headroom role: reported (kolla.unmapped_host).
 *   A host in two of control/compute/storage (hyperconverged) takes the first and is
 *   reported: headroom plans one role per server.
 * Node groups: hosts in inventory order, a new group where role, hardware or name prefix
 * changes. Hardware from `headroom_hardware` (written by kollaExport), else from the base
 * scenario when its role has one hardware model, else unknown (kolla.hardware_unknown).
 * Racks from `headroom_rack`: a group whose hosts all sit in one rack gets `rack:` when it
 * has one host or the scenario several racks; otherwise `placement: spread`. The caller
 * compares the racks the plan then gives with the inventory's (`rackMismatches`).
 * Interfaces: the keys of interfaces.ts read from globals.yml (and host variables), matched
 * against the interfaces the base scenario's network section gives each role.
 *
 * Codes: kolla.inventory.* (inventory.ts), kolla.globals.invalid, kolla.unmapped_host,
 * kolla.unmapped_group, kolla.role_conflict, kolla.hardware_unknown, kolla.interface_mismatch,
 * kolla.vip_mismatch, kolla.storage_interface (all warnings but the syntax errors).
 */
import { isMap, isPair, isScalar } from 'yaml';
import type { Diagnostic } from '../../diagnostics/types.js';
import { expandHosts } from '../../fleet/hosts.js';
import type { NodeGroup, Role, Scenario } from '../../model/scenario.js';
import { diagLine, parseYaml, yamlKeyPos, type YamlText } from '../common.js';
import { KOLLA_CEPH_POOLS } from './export.js';
import { KOLLA_INTERFACE_KEYS, keyValue, rolesOf, type KollaInterfaceKey } from './interfaces.js';
import { groupHosts, readAnsibleInventory, type AnsibleInventory } from './inventory.js';

/** A node group rebuilt from the inventory. */
export interface ImportedNodeGroup {
  role: Role;
  /** The hardware key, when the inventory or the base scenario says it. */
  hardware?: string;
  count: number;
  namePrefix: string;
  placement: 'spread' | 'pack';
  rack?: string;
  /** The hosts, in inventory order, with their rack when the inventory gives it. */
  hosts: { name: string; rack?: string }[];
}

export interface KollaInterfaceRead {
  key: KollaInterfaceKey;
  value: string;
  /** Where it was read: `globals.yml:12` or `multinode:8 (host compute-01)`. */
  from: string;
  /** What the base scenario's network gives the roles the key matters on (role -> interface). */
  expected?: Partial<Record<Role, string>>;
}

export interface KollaImport {
  groups: ImportedNodeGroup[];
  /** Every host with the role it got (undefined: unmapped) and its Kolla groups. */
  hosts: { name: string; role?: Role; groups: string[] }[];
  interfaces: KollaInterfaceRead[];
  vips: { internal?: string; external?: string };
  /** The external-Ceph switches globals.yml sets (glance_backend_ceph, ...). */
  cephSwitches: Record<string, string>;
  diagnostics: Diagnostic[];
}

export interface KollaImportInput {
  inventory: { text: string; file: string };
  globals?: { text: string; file: string };
  /** The scenario the inventory is read against (hardware, racks, network). */
  base?: Scenario;
}

const ROLE_GROUPS: readonly (readonly [string, Role])[] = [
  ['control', 'control'],
  ['compute', 'compute'],
  ['storage', 'storage'],
  ['deployment', 'deploy'],
];
const KNOWN_HOST_GROUPS = new Set(['control', 'network', 'compute', 'monitoring', 'storage', 'deployment']);

/** `compute-07` -> `compute`; `ctl01` -> `ctl`; a name without a number is its own prefix. */
export function namePrefixOf(host: string): string {
  const m = /^(.*?)-?(\d+)$/.exec(host);
  return m?.[1] ? m[1] : host;
}

function scalarString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Reads an inventory (and globals.yml) against an optional base scenario. Never throws. */
export function importKolla(input: KollaImportInput): KollaImport {
  const diagnostics: Diagnostic[] = [];
  const file = input.inventory.file;
  const read = readAnsibleInventory(input.inventory.text, file);
  diagnostics.push(...read.diagnostics);
  const empty: KollaImport = { groups: [], hosts: [], interfaces: [], vips: {}, cephSwitches: {}, diagnostics };
  const inv = read.inventory;
  if (!inv) return empty;
  const at = (host: string) => ({ line: inv.hostLine.get(host) ?? 1 });

  // roles
  const members = new Map(ROLE_GROUPS.map(([g]) => [g, new Set(groupHosts(inv, g))]));
  const allGroups = (host: string): string[] => [...inv.groups.values()].filter((g) => groupHosts(inv, g.name).includes(host)).map((g) => g.name);
  const hosts: KollaImport['hosts'] = [];
  for (const h of inv.hosts) {
    const groups = allGroups(h);
    const roles = ROLE_GROUPS.filter(([g]) => members.get(g)!.has(h)).map(([, r]) => r);
    const vars = inv.hostVars.get(h) ?? {};
    const declared = vars.headroom_role as Role | undefined;
    let role: Role | undefined = declared && roles.includes(declared) ? declared : roles[0];
    if (role === 'deploy' && (h === 'localhost' || vars.ansible_connection === 'local')) {
      diagnostics.push(
        diagLine(
          'kolla.unmapped_host',
          'info',
          file,
          at(h).line,
          1,
          `${h} in [deployment] is the machine running kolla-ansible (ansible_connection=local), not a server of the plan`,
        ),
      );
      role = undefined;
    } else if (roles.length > 1 && !(declared && roles.includes(declared))) {
      diagnostics.push(
        diagLine(
          'kolla.role_conflict',
          'warning',
          file,
          at(h).line,
          1,
          `${h} is in ${roles.map((r) => ROLE_GROUPS.find(([, x]) => x === r)![0]).join(' and ')}: headroom plans one role per server, it is counted as ${role}`,
          'give it headroom_role=<role> to choose',
        ),
      );
    } else if (roles.length === 0 && groups.some((g) => KNOWN_HOST_GROUPS.has(g))) {
      diagnostics.push(
        diagLine(
          'kolla.unmapped_host',
          'warning',
          file,
          at(h).line,
          1,
          `${h} is only in ${groups.filter((g) => KNOWN_HOST_GROUPS.has(g)).join(', ')}: headroom has no such role (network and monitoring services run on the control hosts in a plan)`,
          'add it to [control], or plan it outside headroom',
        ),
      );
    }
    hosts.push({ name: h, ...(role ? { role } : {}), groups });
  }
  for (const g of inv.groups.values()) {
    if (g.hosts.length > 0 && !KNOWN_HOST_GROUPS.has(g.name) && g.name !== 'ungrouped') {
      diagnostics.push(
        diagLine(
          'kolla.unmapped_group',
          'warning',
          file,
          g.line,
          1,
          `group [${g.name}] lists hosts directly: headroom maps only control, network, compute, monitoring, storage and deployment`,
          'its hosts count only where they are also in one of those groups',
        ),
      );
    }
  }

  // node groups
  const base = input.base;
  const groups: ImportedNodeGroup[] = [];
  const warnedHardware = new Set<Role>();
  for (const h of hosts) {
    if (!h.role) continue;
    const vars = inv.hostVars.get(h.name) ?? {};
    let hardware = vars.headroom_hardware;
    if (hardware === undefined && base) {
      const models = [...new Set(base.nodes.filter((n) => n.role === h.role).map((n) => n.hardware))];
      if (models.length >= 1) hardware = models[0];
      if (models.length !== 1 && !warnedHardware.has(h.role)) {
        warnedHardware.add(h.role);
        diagnostics.push(
          diagLine(
            'kolla.hardware_unknown',
            'warning',
            file,
            at(h.name).line,
            1,
            models.length === 0
              ? `no hardware for role ${h.role}: neither the inventory (headroom_hardware) nor the base scenario says`
              : `role ${h.role} has ${models.length} hardware models in the base scenario and the inventory does not say which: ${models[0]} is assumed`,
            'set headroom_hardware=<key> on the host lines',
          ),
        );
      }
    } else if (hardware === undefined && !warnedHardware.has(h.role)) {
      warnedHardware.add(h.role);
      diagnostics.push(
        diagLine(
          'kolla.hardware_unknown',
          'warning',
          file,
          at(h.name).line,
          1,
          `no hardware for role ${h.role}: the inventory has no headroom_hardware and no base scenario was given`,
          'pass --scenario, or set headroom_hardware=<key>',
        ),
      );
    }
    const prefix = namePrefixOf(h.name);
    const rack = vars.headroom_rack;
    const last = groups[groups.length - 1];
    if (last && last.role === h.role && last.hardware === hardware && last.namePrefix === prefix) {
      last.count++;
      last.hosts.push({ name: h.name, ...(rack ? { rack } : {}) });
    } else {
      groups.push({
        role: h.role,
        ...(hardware !== undefined ? { hardware } : {}),
        count: 1,
        namePrefix: prefix,
        placement: 'spread',
        hosts: [{ name: h.name, ...(rack ? { rack } : {}) }],
      });
    }
  }
  const rackCount = base?.racks.length ?? new Set(Object.values(Object.fromEntries([...inv.hostVars].map(([k, v]) => [k, v.headroom_rack]))).filter(Boolean)).size;
  for (const g of groups) {
    const racks = new Set(g.hosts.map((x) => x.rack));
    const only = [...racks][0];
    if (racks.size === 1 && only !== undefined && (g.count === 1 || rackCount > 1)) g.rack = only;
  }

  // globals.yml
  const interfaces: KollaInterfaceRead[] = [];
  const vips: KollaImport['vips'] = {};
  const cephSwitches: Record<string, string> = {};
  let globals: YamlText | undefined;
  if (input.globals) {
    const parsed = parseYaml(input.globals.text, input.globals.file);
    if (!parsed.ok) diagnostics.push(parsed.diagnostic);
    else if (parsed.value.doc.contents !== null && !isMap(parsed.value.doc.contents)) {
      diagnostics.push(diagLine('kolla.globals.invalid', 'error', input.globals.file, 1, 1, 'globals.yml is not a mapping of variables'));
    } else globals = parsed.value;
  }
  const gfile = input.globals?.file ?? 'globals.yml';
  const gval = (key: string): string | undefined => {
    if (!globals || !isMap(globals.doc.contents)) return undefined;
    const pair = globals.doc.contents.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    return pair && isScalar(pair.value) ? scalarString(pair.value.value) : undefined;
  };
  if (globals) {
    const internal = gval('kolla_internal_vip_address');
    const external = gval('kolla_external_vip_address');
    if (internal !== undefined) vips.internal = internal;
    if (external !== undefined && !external.includes('{{')) vips.external = external;
    for (const [, k] of Object.entries(KOLLA_CEPH_POOLS)) {
      const v = gval(k.switch[0]);
      if (v !== undefined) cephSwitches[k.switch[0]] = v;
    }
    if (gval('storage_interface') !== undefined) {
      const pos = yamlKeyPos(globals, 'storage_interface');
      diagnostics.push(
        diagLine(
          'kolla.storage_interface',
          'info',
          gfile,
          pos.line,
          pos.col,
          'storage_interface is deprecated by Kolla-Ansible (it only set swift_storage_interface): not mapped to the Ceph networks',
        ),
      );
    }
    const config = base?.network;
    if (config && vips.internal !== undefined && config.vips.internal !== undefined && vips.internal !== config.vips.internal) {
      const pos = yamlKeyPos(globals, 'kolla_internal_vip_address', true);
      diagnostics.push(
        diagLine(
          'kolla.vip_mismatch',
          'warning',
          gfile,
          pos.line,
          pos.col,
          `kolla_internal_vip_address ${vips.internal} is not the scenario's network.vips.internal ${config.vips.internal}`,
        ),
      );
    }
  }
  const config = base?.network;
  for (const key of KOLLA_INTERFACE_KEYS) {
    const fromGlobals = gval(key);
    const expected: Partial<Record<Role, string>> = {};
    if (config)
      for (const r of rolesOf(key, config)) {
        const v = keyValue(config, r, key);
        if (v) expected[r] = v.value;
      }
    const reads: KollaInterfaceRead[] = [];
    if (fromGlobals !== undefined && !fromGlobals.includes('{{')) {
      const pos = globals ? yamlKeyPos(globals, key, true) : { line: 1 };
      reads.push({ key, value: fromGlobals, from: `${gfile}:${pos.line}`, ...(config ? { expected } : {}) });
    }
    for (const h of hosts) {
      const v = inv.hostVars.get(h.name)?.[key];
      if (v !== undefined) reads.push({ key, value: v, from: `${file}:${at(h.name).line} (host ${h.name})`, ...(config ? { expected } : {}) });
    }
    interfaces.push(...reads);
    if (!config) continue;
    // every host a key matters on: its own variable, else globals.yml, else Kolla's default (network_interface)
    for (const h of hosts) {
      if (!h.role || !rolesOf(key, config).includes(h.role)) continue;
      const want = expected[h.role];
      const got = inv.hostVars.get(h.name)?.[key] ?? fromGlobals;
      if (want === undefined || got === undefined || got.includes('{{') || got === want) continue;
      const own = inv.hostVars.get(h.name)?.[key] !== undefined;
      const pos = own || !globals ? { line: at(h.name).line, col: 1 } : yamlKeyPos(globals, key, true);
      diagnostics.push(
        diagLine(
          'kolla.interface_mismatch',
          'warning',
          own || !globals ? file : gfile,
          pos.line,
          pos.col,
          `${key} is "${got}" on ${h.name} (role ${h.role}), the scenario's network puts it on "${want}"`,
          'rename the interface in the scenario (network.roles.<role>.ports.<id>.name) or in Kolla',
        ),
      );
      break; // once per key: the same value repeats on every host
    }
  }
  return { groups, hosts, interfaces, vips, cephSwitches, diagnostics };
}

/** The scenario node groups of an import (hosts without hardware are left out). */
export function importedNodeGroups(groups: readonly ImportedNodeGroup[]): NodeGroup[] {
  return groups
    .filter((g) => g.hardware !== undefined)
    .map((g) => ({
      role: g.role,
      hardware: g.hardware!,
      count: g.count,
      placement: g.placement,
      namePrefix: g.namePrefix,
      ...(g.rack !== undefined ? { rack: g.rack } : {}),
    }));
}

/**
 * Hosts whose rack in the inventory differs from the rack the scenario (with the imported
 * node groups) places them in: host -> [inventory rack, planned rack].
 */
export function rackMismatches(scenario: Scenario, groups: readonly ImportedNodeGroup[]): { host: string; inventory: string; planned: string }[] {
  const planned = new Map(expandHosts(scenario).hosts.map((h) => [h.name, h.rack]));
  const out: { host: string; inventory: string; planned: string }[] = [];
  for (const g of groups)
    for (const h of g.hosts) {
      const p = planned.get(h.name);
      if (h.rack !== undefined && p !== undefined && p !== h.rack) out.push({ host: h.name, inventory: h.rack, planned: p });
    }
  return out;
}

export type { AnsibleInventory };
