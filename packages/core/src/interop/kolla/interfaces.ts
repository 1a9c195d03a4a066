/**
 * Which Linux interface carries which network on a host of a role, as headroom's netplan
 * export names them (network/netplan.ts): a tagged network with host addresses is a VLAN
 * device named after the network (`mgmt`), an untagged one sits on its link (the bond name,
 * or the port's kernel name), and a network without host addresses (a provider network) is
 * handed to Open vSwitch as its link (Neutron tags the VLANs itself).
 *
 * The Kolla-Ansible variables the plan decides, and the hosts they matter on (ansible/group_vars/all/
 * common.yml, neutron.yml, openvswitch.yml; etc/kolla/globals.yml):
 *   network_interface            every host ("all services ... will be bound to this interface")
 *   api_interface                every host (default: network_interface); must carry an address
 *                                (ansible/roles/prechecks/tasks/port_checks.yml)
 *   tunnel_interface             network and compute hosts (Open vSwitch / OVN); "must contain
 *                                an IP address" (globals.yml)
 *   neutron_external_interface   network hosts (the control hosts in headroom's mapping)
 *   kolla_external_vip_interface loadbalancer hosts (= the network group)
 */
import type { NetworkConfig, NetworkDef, RoleNetworkConfig } from '../../model/network-config.js';
import type { Role } from '../../model/scenario.js';
import { inRange, parseCidr, parseIp, usableRange } from '../../network/ip.js';
import { apiNetwork } from '../../network/vips.js';

export type KollaInterfaceKey = 'network_interface' | 'api_interface' | 'tunnel_interface' | 'neutron_external_interface' | 'kolla_external_vip_interface';
export const KOLLA_INTERFACE_KEYS: readonly KollaInterfaceKey[] = [
  'network_interface',
  'api_interface',
  'kolla_external_vip_interface',
  'tunnel_interface',
  'neutron_external_interface',
];

/** The interface carrying `network` on hosts of `role`, or undefined when the role is not on it (or only through the BMC). */
export function interfaceFor(config: NetworkConfig, role: RoleNetworkConfig, network: string): { name: string; addressed: boolean } | undefined {
  const a = role.attachments.find((x) => x.network === network);
  if (!a || a.on === 'bmc') return undefined;
  const link = role.bonds.some((b) => b.name === a.on) ? a.on : (role.ports[a.on]?.interfaceName ?? a.on);
  if (!a.tagged || !a.addressed) return { name: link, addressed: a.addressed };
  // a dual-stack pair on one VLAN shares the VLAN device of the first (netplan.ts)
  const vlan = config.networks.find((n) => n.name === network)?.vlan;
  const first = role.attachments.find((x) => x.on === a.on && x.tagged && x.addressed && config.networks.find((n) => n.name === x.network)?.vlan === vlan);
  return { name: first?.network ?? network, addressed: true };
}

/** The roles on which a key matters (headroom maps Kolla's network and loadbalancer groups to the control hosts). */
export function rolesOf(key: KollaInterfaceKey, config: NetworkConfig): Role[] {
  switch (key) {
    case 'network_interface':
    case 'api_interface':
      return ['control', 'compute', 'storage'];
    case 'tunnel_interface':
      return ['control', 'compute'];
    case 'neutron_external_interface':
      return config.dvr ? ['control', 'compute'] : ['control'];
    case 'kolla_external_vip_interface':
      return ['control'];
  }
}

/** The networks a key names: management, the API network, tunnel, provider(s), the external VIP's network. */
export function networksOf(key: KollaInterfaceKey, config: NetworkConfig): NetworkDef[] {
  const by = (purpose: NetworkDef['purpose']) => config.networks.filter((n) => n.purpose === purpose);
  switch (key) {
    case 'network_interface':
      return by('management').slice(0, 1);
    case 'api_interface': {
      const api = apiNetwork(config);
      return api ? [api] : [];
    }
    case 'tunnel_interface':
      return by('tunnel').slice(0, 1);
    case 'neutron_external_interface':
      return by('provider');
    case 'kolla_external_vip_interface': {
      const ext = config.vips.external;
      if (ext === undefined || ext === config.vips.internal) return [];
      const home = config.networks.find((n) => config.roles.control?.attachments.some((a) => a.network === n.name) && containsAddress(n, ext));
      return home ? [home] : [];
    }
  }
}

function containsAddress(n: NetworkDef, address: string): boolean {
  const c = parseCidr(n.cidr);
  const ip = parseIp(address);
  return c.ok && ip !== undefined && inRange(usableRange(c.cidr), ip);
}

/**
 * The value of a key on hosts of a role: one interface, or for neutron_external_interface
 * the comma-separated interfaces of every provider network the role carries (Kolla pairs
 * them with neutron_bridge_name, ansible/roles/neutron/tasks/precheck.yml). Undefined when
 * the role is not on the network.
 */
export function keyValue(config: NetworkConfig, role: Role, key: KollaInterfaceKey): { value: string; addressed: boolean } | undefined {
  const rc = config.roles[role];
  if (!rc) return undefined;
  const found = networksOf(key, config)
    .map((n) => interfaceFor(config, rc, n.name))
    .filter((x): x is { name: string; addressed: boolean } => x !== undefined);
  if (found.length === 0) return undefined;
  const names = [...new Set(found.map((f) => f.name))];
  return { value: key === 'neutron_external_interface' ? names.join(',') : names[0]!, addressed: found.every((f) => f.addressed) };
}
