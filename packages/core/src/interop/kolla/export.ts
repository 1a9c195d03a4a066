/**
 * Kolla-Ansible out: a scenario's hosts as a `multinode` inventory and the `globals.yml`
 * keys the plan decides. Pure: text out, with findings for what Kolla-Ansible's prechecks
 * would refuse.
 *
 * Inventory (template: Kolla-Ansible's own ansible/inventory/multinode, whose [*:children]
 * groups are kept verbatim): the six host groups are filled from the node roles,
 *   control    <- control hosts          network     <- control hosts ("This can be the same
 *   compute    <- compute hosts                         as a host in the control group")
 *   monitoring <- control hosts          storage     <- storage hosts
 *   deployment <- deploy hosts (`localhost ansible_connection=local` when the plan has none)
 * host names as the plan names them (fleet/hosts.ts), in plan order. On a host's first line:
 * `ansible_host=<management address>` (the address the netplan export gives it), and
 * `headroom_role`, `headroom_hardware`, `headroom_rack`, which Ansible ignores and
 * `importKolla` reads back. When the hosts a key matters on disagree (compute hosts on
 * another interface than the controllers), the key is not written to globals.yml but on each
 * host's line: Kolla passes globals.yml as extra vars, which beat inventory variables (the
 * multinode comment "you need to comment out api_interface and other interfaces from the
 * globals.yml and specify like below").
 *
 * globals.yml: kolla_internal_vip_address, kolla_external_vip_address, network_interface,
 * api_interface, kolla_external_vip_interface, tunnel_interface, neutron_external_interface
 * (+ neutron_bridge_name when there are several), and the external Ceph switches for the
 * pools that carry Kolla's default names (ansible/group_vars/all/ceph.yml: volumes, backups,
 * images, vms; glance.yml, cinder.yml, nova.yml): glance_backend_ceph, cinder_backend_ceph,
 * cinder_backup_driver "ceph", nova_backend_ceph (only when root disks are on Ceph).
 * storage_interface is not written: Kolla-Ansible deprecated it (releasenotes/notes/
 * deprecate-storage-interface-8e82d446baff4da8.yaml, "only sets the default for
 * swift_storage_interface") and cephadm, not Kolla, runs Ceph here.
 */
import type { Finding } from '../../diagnostics/types.js';
import { expandHosts } from '../../fleet/hosts.js';
import type { Host } from '../../model/plan.js';
import type { Role, Scenario } from '../../model/scenario.js';
import { assignHostAddresses, vipAddresses } from '../../network/addresses.js';
import { apiNetwork, checkVips } from '../../network/vips.js';
import { KOLLA_INTERFACE_KEYS, keyValue, rolesOf } from './interfaces.js';
import { KOLLA_MULTINODE_TEMPLATE } from './multinode-template.js';

/** Kolla-Ansible's six host groups, and the headroom roles whose hosts fill each. */
export const KOLLA_HOST_GROUPS: readonly (readonly [string, readonly Role[]])[] = [
  ['control', ['control']],
  ['network', ['control']],
  ['compute', ['compute']],
  ['monitoring', ['control']],
  ['storage', ['storage']],
  ['deployment', ['deploy']],
];

/** Kolla-Ansible's default Ceph pool names (ansible/group_vars/all/ceph.yml) and the switch each one turns on. */
export const KOLLA_CEPH_POOLS = {
  images: { poolKey: 'ceph_glance_pool_name', switch: ['glance_backend_ceph', 'yes'] },
  volumes: { poolKey: 'ceph_cinder_pool_name', switch: ['cinder_backend_ceph', 'yes'] },
  backups: { poolKey: 'ceph_cinder_backup_pool_name', switch: ['cinder_backup_driver', 'ceph'] },
  vms: { poolKey: 'ceph_nova_pool_name', switch: ['nova_backend_ceph', 'yes'] },
} as const;

const SOURCE = {
  loadbalancer: 'Kolla-Ansible ansible/roles/prechecks/tasks/inventory_checks.yml: "Checking loadbalancer group" (loadbalancer:children = network)',
  address:
    'Kolla-Ansible ansible/roles/prechecks/tasks/port_checks.yml: "Checking the api_interface ip address configuration"; etc/kolla/globals.yml: "These interfaces must contain an IP address"',
  vip: 'Kolla-Ansible etc/kolla/globals.yml kolla_internal_vip_address; ansible/roles/loadbalancer/tasks/precheck.yml',
  missing: 'Kolla-Ansible ansible/group_vars/all/common.yml: network_interface "eth0" is the default every service binds to',
} as const;

/** One host line of the inventory. */
export interface KollaHost {
  name: string;
  role: Role;
  hardware: string;
  rack: string;
  /** The host's address on the management network, when the plan gives it one. */
  address?: string;
  /** Interface variables that differ between roles, set on the host's line. */
  vars: Record<string, string>;
}

export interface KollaExport {
  /** The `multinode` inventory text. */
  inventory: string;
  /** The globals.yml keys, as YAML text with comments. */
  globals: string;
  /** The same keys as data. */
  globalsValues: Record<string, string>;
  hosts: KollaHost[];
  /** What Kolla-Ansible's prechecks would refuse (errors) or note (warnings and info). */
  findings: Finding[];
}

export interface KollaExportOptions {
  /** A `multinode` text to fill instead of the built-in one (your Kolla-Ansible release's). */
  template?: string;
}

/** Management addresses of the hosts, as the netplan export assigns them (network/netplan.ts). */
export function managementAddresses(scenario: Scenario, hosts: readonly Host[]): Map<string, string> {
  const config = scenario.network;
  const mgmt = config?.networks.find((n) => n.purpose === 'management');
  if (!config || !mgmt) return new Map();
  const names = hosts.filter((h) => config.roles[h.role]?.attachments.some((a) => a.network === mgmt.name && a.addressed)).map((h) => h.name);
  return assignHostAddresses(mgmt, vipAddresses(config), names);
}

/** `"value"` quoted for YAML (interface names and addresses never hold a quote). */
const q = (v: string): string => JSON.stringify(v);

/**
 * The inventory and globals of a scenario.
 * @returns texts, the hosts, and findings; an error finding means Kolla-Ansible's prechecks
 *   (or the kernel) would refuse the result: the CLI then writes nothing
 */
export function kollaExport(scenario: Scenario, options: KollaExportOptions = {}): KollaExport {
  const findings: Finding[] = [];
  const hosts = expandHosts(scenario).hosts;
  const rolesPresent = new Set(hosts.map((h) => h.role));
  const config = scenario.network;
  const addresses = managementAddresses(scenario, hosts);
  const globalsValues: Record<string, string> = {};
  const globalsLines: string[] = [];
  const hostVars = new Map<string, Record<string, string>>();

  if (!rolesPresent.has('control')) {
    findings.push({
      code: 'kolla.loadbalancer.empty',
      severity: 'error',
      subject: 'group network',
      message: "the plan has no control host: Kolla-Ansible's network and loadbalancer groups would be empty",
      source: SOURCE.loadbalancer,
    });
  }

  if (config) {
    findings.push(...checkVips(config));
    if (config.vips.internal === undefined) {
      findings.push({
        code: 'kolla.vip.missing',
        severity: 'error',
        subject: 'kolla_internal_vip_address',
        message: 'the network section gives no internal VIP (network.vips.internal): Kolla-Ansible needs kolla_internal_vip_address',
        source: SOURCE.vip,
      });
    } else {
      globalsValues.kolla_internal_vip_address = config.vips.internal;
      globalsLines.push(
        `# the API VIP, free and in the API network ${apiNetwork(config)?.name ?? '?'} (checked as Kolla's loadbalancer prechecks do)`,
        `kolla_internal_vip_address: ${q(config.vips.internal)}`,
      );
      if (config.vips.external !== undefined && config.vips.external !== config.vips.internal) {
        globalsValues.kolla_external_vip_address = config.vips.external;
        globalsLines.push(`kolla_external_vip_address: ${q(config.vips.external)}`);
      }
    }
    for (const key of KOLLA_INTERFACE_KEYS) {
      const roles = rolesOf(key, config).filter((r) => rolesPresent.has(r));
      const perRole = new Map<Role, { value: string; addressed: boolean } | undefined>(roles.map((r) => [r, keyValue(config, r, key)]));
      for (const [role, v] of perRole) {
        if (v === undefined) {
          if (key === 'network_interface') {
            findings.push({
              code: 'kolla.interface.missing',
              severity: 'error',
              subject: `role ${role}`,
              message: `hosts of role ${role} are not on the management network: network_interface has no value for them`,
              source: SOURCE.missing,
            });
          }
          continue;
        }
        if (!v.addressed && (key === 'api_interface' || key === 'network_interface' || key === 'tunnel_interface')) {
          findings.push({
            code: 'kolla.interface.no_address',
            severity: 'error',
            subject: `role ${role} ${key}`,
            message: `${key} "${v.value}" carries no host address on role ${role}: Kolla binds services to that address`,
            source: SOURCE.address,
          });
        }
      }
      const values = [...new Set([...perRole.values()].filter((v) => v !== undefined).map((v) => v.value))];
      if (values.length === 0) continue;
      if (values.length === 1) {
        globalsValues[key] = values[0]!;
        globalsLines.push(`${key}: ${q(values[0]!)}`);
        if (key === 'neutron_external_interface' && values[0]!.includes(',')) {
          const bridges = values[0]!
            .split(',')
            .map((_, i) => (i === 0 ? 'br-ex' : `br-ex${i + 1}`))
            .join(',');
          globalsValues.neutron_bridge_name = bridges;
          globalsLines.push(`neutron_bridge_name: ${q(bridges)}   # one bridge per external interface (neutron precheck)`);
        }
        continue;
      }
      globalsLines.push(
        `# ${key}: differs between roles (${[...perRole]
          .filter(([, v]) => v)
          .map(([r, v]) => `${r} ${v!.value}`)
          .join(', ')}): set on each host in the inventory`,
      );
      for (const h of hosts) {
        const v = perRole.get(h.role);
        if (v) hostVars.set(h.name, { ...(hostVars.get(h.name) ?? {}), [key]: v.value });
      }
    }
  } else {
    findings.push({
      code: 'kolla.no_network',
      severity: 'info',
      subject: 'globals.yml',
      message: 'the scenario has no network section: globals.yml gets no VIP and no interfaces',
      source: SOURCE.vip,
    });
  }

  const pools = new Set(scenario.ceph?.pools.map((p) => p.name) ?? []);
  const cephLines: string[] = [];
  for (const [pool, k] of Object.entries(KOLLA_CEPH_POOLS)) {
    if (!pools.has(pool)) continue;
    if (pool === 'vms' && scenario.openstack.ephemeralStorage !== 'ceph') continue;
    globalsValues[k.switch[0]] = k.switch[1];
    globalsValues[k.poolKey] = pool;
    cephLines.push(`${k.switch[0]}: ${q(k.switch[1])}`, `${k.poolKey}: ${q(pool)}`);
  }
  if (cephLines.length > 0) globalsLines.push('# external Ceph (deployed with cephadm): the pools the plan sizes', ...cephLines);

  const kollaHosts: KollaHost[] = hosts.map((h) => ({
    name: h.name,
    role: h.role,
    hardware: h.hardware,
    rack: h.rack,
    ...(addresses.has(h.name) ? { address: addresses.get(h.name)! } : {}),
    vars: hostVars.get(h.name) ?? {},
  }));
  const inventory = fillTemplate(options.template ?? KOLLA_MULTINODE_TEMPLATE, kollaHosts, scenario.name);
  const globals = [
    `# globals.yml keys decided by the headroom plan "${scenario.name}": merge them into /etc/kolla/globals.yml.`,
    '# Variable names: openstack/kolla-ansible etc/kolla/globals.yml and ansible/group_vars/all/*.yml.',
    "# Interfaces are named as headroom's netplan export names them (a VLAN device after its network).",
    '# storage_interface is not set: deprecated by Kolla-Ansible; Ceph is deployed by cephadm.',
    ...globalsLines,
    '',
  ].join('\n');
  return { inventory, globals, globalsValues, hosts: kollaHosts, findings };
}

function hostLine(h: KollaHost, first: boolean): string {
  if (!first) return h.name;
  const vars: [string, string][] = [
    ...(h.address ? ([['ansible_host', h.address]] as [string, string][]) : []),
    ...Object.entries(h.vars),
    ['headroom_role', h.role],
    ['headroom_hardware', h.hardware],
    ['headroom_rack', h.rack],
  ];
  return [h.name, ...vars.map(([k, v]) => `${k}=${/[\s"'#;]/.test(v) ? JSON.stringify(v) : v}`)].join(' ');
}

/**
 * The template with the bodies of the six host groups replaced (their comment lines kept);
 * a group missing from the template is added at the top.
 */
function fillTemplate(template: string, hosts: readonly KollaHost[], scenarioName: string): string {
  const written = new Set<string>();
  const body = (group: string): string[] => {
    const roles = KOLLA_HOST_GROUPS.find(([g]) => g === group)![1];
    const members = hosts.filter((h) => roles.includes(h.role));
    if (group === 'deployment' && members.length === 0) return ['localhost       ansible_connection=local'];
    return members.map((h) => {
      const first = !written.has(h.name);
      written.add(h.name);
      return hostLine(h, first);
    });
  };
  const groups = new Set(KOLLA_HOST_GROUPS.map(([g]) => g));
  const out: string[] = [
    `# Kolla-Ansible inventory for the headroom plan "${scenarioName.replace(/\n/g, ' ')}" (written by headroom).`,
    '# headroom_* variables are for `headroom import kolla`; Ansible ignores them.',
  ];
  const seen = new Set<string>();
  let inHostGroup = false;
  const lines = template.replace(/\r\n/g, '\n').split('\n');
  const pending: string[] = [];
  for (const g of KOLLA_HOST_GROUPS.map(([name]) => name)) if (!lines.some((l) => l.trim() === `[${g}]`)) pending.push(g);
  for (const g of pending) out.push(`[${g}]`, ...body(g), '');
  for (const line of lines) {
    const header = /^\[([^\]:\s]+)\]\s*$/.exec(line.trim());
    if (header || /^\[/.test(line.trim())) {
      inHostGroup = header !== null && groups.has(header[1]!) && !seen.has(header[1]!);
      out.push(line);
      if (inHostGroup) {
        seen.add(header![1]!);
        out.push(...body(header![1]!));
      }
      continue;
    }
    if (inHostGroup && line.trim() !== '' && !line.trim().startsWith('#') && !line.trim().startsWith(';')) continue;
    out.push(line);
  }
  return `${out.join('\n').replace(/\n*$/, '')}\n`;
}
