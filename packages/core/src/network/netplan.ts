/**
 * netplan export: the interface configuration of every host, as netplan YAML (version 2,
 * networkd renderer; keys as documented in canonical/netplan doc/netplan-yaml.md):
 *   ethernets  every bond member and every port carrying a network, with the link's MTU
 *   bonds      interfaces, mtu, parameters (mode, transmit-hash-policy, lacp-rate,
 *              mii-monitor-interval, primary)
 *   vlans      one per tagged network with a host address (a dual-stack IPv4 + IPv6 pair on
 *              one VLAN shares it), named after the network: id, link, mtu, addresses
 *   addresses  from the node pool of each network, hosts in plan order (addresses.ts);
 *              routes: `to: default via <gateway>` on the default-route network.
 * Not in the files, said in their header comment: provider networks (their link is handed
 * to Open vSwitch as neutron_external_interface; Neutron tags the VLANs), the BMC address
 * (configured in the BMC). Ports are named by their kernel name when
 * network.roles.<role>.ports.<id>.name gives one, else by the headroom port id.
 * Pure: returns text, writes nothing.
 */
import { Document } from 'yaml';
import type { Role, Scenario } from '../model/scenario.js';
import { expandHosts } from '../fleet/hosts.js';
import type { Host } from '../model/plan.js';
import { assignHostAddresses, vipAddresses } from './addresses.js';
import { BMC_LINK, type NetworkConfig } from '../model/network-config.js';
import { networkByName, resolveLinks, type ResolvedLink } from './links.js';

/** One host's netplan file. */
export interface NetplanFile {
  host: string;
  role: Role;
  hardware: string;
  /** `<host>.yaml` */
  fileName: string;
  /** The YAML, with a header comment. */
  text: string;
  /** The same document as data (what `text` parses to). */
  document: Record<string, unknown>;
}

type Obj = Record<string, unknown>;

/** Every host's address on every addressed network: network -> host -> address. */
function hostAddresses(config: NetworkConfig, hosts: readonly Host[]): Map<string, Map<string, string>> {
  const vips = vipAddresses(config);
  const out = new Map<string, Map<string, string>>();
  for (const net of config.networks) {
    const names = hosts.filter((h) => config.roles[h.role]?.attachments.some((a) => a.network === net.name && a.addressed)).map((h) => h.name);
    out.set(net.name, assignHostAddresses(net, vips, names));
  }
  return out;
}

function bondParameters(link: ResolvedLink): Obj {
  const b = link.bond!;
  const p: Obj = { mode: b.mode };
  if (b.mode !== 'active-backup') p['transmit-hash-policy'] = b.hashPolicy ?? 'layer2';
  if (b.mode === '802.3ad') p['lacp-rate'] = b.lacpRate ?? 'slow';
  p['mii-monitor-interval'] = b.miimonMs;
  if (b.primary !== undefined) p.primary = b.primary;
  return p;
}

/** The netplan document of one host, and the notes for its header. */
function hostDocument(scenario: Scenario, host: Host, addresses: Map<string, Map<string, string>>): { doc: Obj; notes: string[] } {
  const config = scenario.network!;
  const role = config.roles[host.role]!;
  const links = resolveLinks(config, role, scenario.hardware[host.hardware]!);
  const ifname = (port: string) => role.ports[port]?.interfaceName ?? port;
  const ethernets: Obj = {};
  const bonds: Obj = {};
  const vlans: Obj = {};
  const notes: string[] = [];
  const prefix = (net: string) => networkByName(config, net)!.cidr.split('/')[1];

  for (const link of links) {
    if (link.kind === BMC_LINK) {
      for (const a of link.attachments) {
        const ip = addresses.get(a.network)?.get(host.name);
        notes.push(`BMC on ${a.network}: ${ip ? `${ip}/${prefix(a.network)}` : 'no address left'} (set in the BMC, not here)`);
      }
      continue;
    }
    const device: Obj = { mtu: link.mtuBytes };
    for (const m of link.members) ethernets[ifname(m.id)] = { mtu: link.mtuBytes };
    const name = link.kind === 'bond' ? link.name : ifname(link.name);
    for (const a of link.attachments) {
      const net = networkByName(config, a.network)!;
      if (!a.addressed) {
        notes.push(`${name} carries ${net.name}${a.tagged ? ` (VLAN ${net.vlan})` : ''} without a host address: give ${name} to Open vSwitch (neutron_external_interface)`);
        continue;
      }
      const ip = addresses.get(net.name)?.get(host.name);
      if (!ip) {
        notes.push(`no address left for this host on ${net.name} (${net.cidr})`);
        continue;
      }
      // a dual-stack pair (IPv4 + IPv6 on one VLAN) shares one VLAN device, named after the first
      const sibling = a.tagged ? Object.values(vlans).find((v) => (v as Obj).id === net.vlan && (v as Obj).link === name) : undefined;
      const target: Obj = a.tagged ? ((sibling as Obj | undefined) ?? { id: net.vlan, link: name, mtu: net.mtuBytes }) : device;
      target.addresses = [...((target.addresses as string[] | undefined) ?? []), `${ip}/${prefix(net.name)}`];
      if (net.defaultRoute && net.gateway !== undefined) target.routes = [...((target.routes as Obj[] | undefined) ?? []), { to: 'default', via: net.gateway }];
      if (a.tagged && !sibling) vlans[net.name] = target;
    }
    if (link.kind === 'bond') bonds[name] = { interfaces: link.members.map((m) => ifname(m.id)), ...device, parameters: bondParameters(link) };
    else ethernets[name] = { ...(ethernets[name] as Obj), ...device };
  }
  const network: Obj = { version: 2, renderer: 'networkd', ethernets };
  if (Object.keys(bonds).length > 0) network.bonds = bonds;
  if (Object.keys(vlans).length > 0) network.vlans = vlans;
  return { doc: { network }, notes };
}

/**
 * The netplan files of every host (of `role` only, when given) in a scenario with a
 * network section, in host order; hosts of roles without a network configuration are
 * skipped. Empty without a network section.
 */
export function netplanFiles(scenario: Scenario, options: { role?: Role } = {}): NetplanFile[] {
  const config = scenario.network;
  if (!config) return [];
  const hosts = expandHosts(scenario).hosts;
  const addresses = hostAddresses(config, hosts);
  const files: NetplanFile[] = [];
  for (const host of hosts) {
    if (options.role !== undefined && host.role !== options.role) continue;
    if (!config.roles[host.role] || !Object.hasOwn(scenario.hardware, host.hardware)) continue;
    const { doc, notes } = hostDocument(scenario, host, addresses);
    const ydoc = new Document(doc);
    const named = Object.values(config.roles[host.role]!.ports).some((p) => p.interfaceName !== undefined);
    ydoc.commentBefore = [
      ` netplan for ${host.name} (role ${host.role}, ${host.hardware}, rack ${host.rack}): scenario "${scenario.name}", written by headroom.`,
      ` Install as /etc/netplan/50-headroom.yaml (mode 600), then: netplan try.`,
      ...(named
        ? []
        : [' Ports are named nic<card>p<port> (from 0, in the order of the hardware\u2019s nics): rename them to the kernel names (or set network.roles.<role>.ports.<id>.name).']),
      ...notes.map((n) => ` ${n}`),
    ].join('\n');
    files.push({ host: host.name, role: host.role, hardware: host.hardware, fileName: `${host.name}.yaml`, text: ydoc.toString({ lineWidth: 0 }), document: doc });
  }
  return files;
}
