/**
 * Import of a config-drive `network_data.json` (OpenStack metadata format, as Nova and Ironic
 * write it: `links`, `networks`, `services`) into headroom's network model: the networks
 * with their subnet, gateway and MTU, and one role's bonds and attachments.
 *
 * Mapping:
 *   links type bond          -> a bond: bond_links members, bond_mode, bond_xmit_hash_policy,
 *                               bond_miimon, mtu
 *   links type vlan          -> the VLAN of the networks on it (vlan_id), ridden on vlan_link
 *   other links (phy, vif..) -> ports, in order of appearance: nic0p0, nic0p1, ... unless a
 *                               port map is given (config-drive does not say which card a
 *                               port is on: check the ids against the hardware's nics)
 *   networks ipv4 / ipv6     -> a network: ip_address + netmask (or ip_address/prefix) ->
 *                               the CIDR; the default route's gateway when it lies inside;
 *                               the MTU of its link (a VLAN inherits its parent's, a bond
 *                               without one its members' common MTU, else 1500)
 * What the model has no place for is said in notes: other routes, DNS services, the node's
 * own address, DHCP networks, links no network uses, a network on a bond member (attached to
 * the bond instead). Purposes are unknown: every network is `other` until the user says.
 * Pure; never throws for user input: bad JSON is a diagnostic with line:col.
 */
import { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Role } from '../model/scenario.js';
import { formatCidr, formatIp, inRange, parseCidr, parseIp, usableRange } from './ip.js';
import { jsonErrorOffset, lineCol } from './json-position.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export interface NetworkDataImport {
  /** The scenario snippet: `{ network: { networks, roles: { <role>: {...} } } }`; absent on errors. */
  snippet?: { network: Obj };
  /** The snippet as YAML with the notes as a header comment. */
  text?: string;
  notes: string[];
  diagnostics: Diagnostic[];
}

export interface NetworkDataOptions {
  fileName?: string;
  /** Role the host plays (default compute). */
  role?: Role;
  /** Link id -> port id (nic<card>p<port>), e.g. {interface0: 'nic0p0', interface1: 'nic1p0'}. */
  portMap?: Record<string, string>;
}

const BOND_MODES = ['active-backup', '802.3ad', 'balance-xor'];
const HASH_POLICIES = ['layer2', 'layer2+3', 'layer3+4', 'encap2+3', 'encap3+4'];

function jsonError(text: string, error: Error, file: string): Diagnostic {
  const offset = jsonErrorOffset(text);
  const { line, col } = lineCol(text, Math.max(0, offset));
  const message = error.message.replace(/ in JSON at position.*$/, '').replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
  return { code: 'netdata.invalid_json', severity: 'error', message: `not JSON: ${message}`, path: [], location: { file, line, col } };
}

/** Prefix length of a dotted netmask ("255.255.240.0" -> 20), or undefined if not contiguous. */
function prefixOf(netmask: string): number | undefined {
  const ip = parseIp(netmask);
  if (!ip) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  const s = ip.value.toString(2).padStart(bits, '0');
  return /^1*0*$/.test(s) ? (s.indexOf('0') === -1 ? bits : s.indexOf('0')) : undefined;
}

/** The CIDR, node address and parse problems of one network_data network. */
function cidrOf(n: Obj): { cidr?: string; address?: string } {
  const ipText = str(n.ip_address);
  if (!ipText) return {};
  const [addr, pfx] = ipText.split('/');
  const prefix = pfx !== undefined ? Number(pfx) : str(n.netmask) !== undefined ? prefixOf(str(n.netmask)!) : undefined;
  const parsed = prefix === undefined ? undefined : parseCidr(`${addr}/${prefix}`);
  return parsed?.ok ? { cidr: formatCidr(parsed.cidr), address: addr! } : { address: addr! };
}

/**
 * Parses `network_data.json` text into a headroom network snippet for one role (see the
 * file comment for the mapping). Errors (not JSON, no `links`/`networks` lists) are
 * diagnostics; everything the model cannot hold is a note.
 */
export function importNetworkData(text: string, options: NetworkDataOptions = {}): NetworkDataImport {
  const file = options.fileName ?? 'network_data.json';
  const role = options.role ?? 'compute';
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { notes: [], diagnostics: [jsonError(text, e as Error, file)] };
  }
  if (!isObj(data) || !Array.isArray(data.links) || !Array.isArray(data.networks)) {
    return {
      notes: [],
      diagnostics: [
        {
          code: 'netdata.invalid',
          severity: 'error',
          message: 'a network_data.json is an object with "links" and "networks" lists',
          path: [],
          location: { file, line: 1, col: 1 },
        },
      ],
    };
  }
  const notes: string[] = [];
  const links = data.links.filter(isObj);
  const linkById = new Map(links.map((l) => [str(l.id) ?? '', l]));
  const bondOf = new Map<string, string>();
  for (const l of links) if (l.type === 'bond') for (const m of (Array.isArray(l.bond_links) ? l.bond_links : []).map(str)) if (m) bondOf.set(m, str(l.id)!);

  // Ports: the links that are neither bonds nor VLANs and that something uses (a bond, a
  // network, a VLAN on them), in order of appearance.
  const used = new Set<string>(bondOf.keys());
  for (const n of data.networks.filter(isObj)) {
    const l = linkById.get(str(n.link) ?? '');
    used.add(str(l?.type === 'vlan' ? l.vlan_link : n.link) ?? '');
  }
  const portOf = new Map<string, string>();
  let next = 0;
  for (const l of links) {
    const id = str(l.id);
    if (!id || l.type === 'bond' || l.type === 'vlan') continue;
    if (!used.has(id)) {
      notes.push(`link ${id} (${String(l.type)}, ${str(l.ethernet_mac_address) ?? 'no MAC'}) carries no network: left out`);
      continue;
    }
    portOf.set(id, options.portMap?.[id] ?? `nic0p${next++}`);
  }
  if (!options.portMap && portOf.size > 0) {
    notes.push(
      `links mapped to ports in order (config-drive does not say which card a port is on): ${[...portOf].map(([l, p]) => `${l} (${str(linkById.get(l)?.ethernet_mac_address) ?? 'no MAC'}) -> ${p}`).join(', ')}`,
    );
  }

  const mtuOf = (id: string | undefined, depth = 0): number => {
    const l = id === undefined ? undefined : linkById.get(id);
    if (!l || depth > 5) return 1500;
    const own = num(l.mtu);
    if (own !== undefined) return own;
    if (l.type === 'vlan') return mtuOf(str(l.vlan_link), depth + 1);
    if (l.type === 'bond') {
      const ms = (Array.isArray(l.bond_links) ? l.bond_links : []).map((m) => mtuOf(str(m), depth + 1));
      return ms.length > 0 && ms.every((m) => m === ms[0]) ? ms[0]! : 1500;
    }
    return 1500;
  };

  const bonds = links
    .filter((l) => l.type === 'bond')
    .map((l) => {
      const mode = str(l.bond_mode) ?? 'active-backup';
      const bond: Obj = { name: str(l.id), members: (Array.isArray(l.bond_links) ? l.bond_links : []).map((m) => portOf.get(str(m) ?? '') ?? str(m)), mode };
      if (!BOND_MODES.includes(mode)) notes.push(`bond ${String(l.id)}: mode ${mode} is not modelled (active-backup, 802.3ad, balance-xor): change it before use`);
      const hash = str(l.bond_xmit_hash_policy);
      if (hash !== undefined && mode !== 'active-backup' && HASH_POLICIES.includes(hash)) bond.hashPolicy = hash;
      if (num(l.bond_miimon) !== undefined) bond.miimonMs = num(l.bond_miimon);
      bond.mtu = mtuOf(str(l.id));
      if (num(l.mtu) === undefined) notes.push(`bond ${String(l.id)} has no mtu: ${String(bond.mtu)} from its members`);
      return bond;
    });

  const networks: Obj[] = [];
  const names = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const attachments: Obj[] = [];
  let defaultRoute = false;
  for (const n of data.networks.filter(isObj)) {
    const type = str(n.type) ?? '';
    const id = str(n.id) ?? `net${networks.length}`;
    if (type !== 'ipv4' && type !== 'ipv6') {
      notes.push(`network ${id} (${type}) is not static: headroom plans subnets, not DHCP`);
      continue;
    }
    const { cidr, address } = cidrOf(n);
    if (!cidr) {
      notes.push(`network ${id}: no subnet in ip_address/netmask`);
      continue;
    }
    // a unique name of at most 15 characters: the id's, else cut to make room for "-2", "-3", ...
    const base = id.replace(/[^A-Za-z0-9._-]/g, '-');
    let name = base.slice(0, 15);
    // the next suffix to try per cut name: ids that cut to the same name resume where the last stopped (linear in networks)
    const cut = name;
    let i = nextSuffix.get(cut) ?? 2;
    for (; names.has(name); i++) name = `${base.slice(0, 15 - String(i).length - 1)}-${i}`;
    nextSuffix.set(cut, i);
    names.add(name);
    const net: Obj = { name, purpose: 'other', cidr };
    let on = str(n.link) ?? '';
    const link = linkById.get(on);
    if (link?.type === 'vlan') {
      net.vlan = num(link.vlan_id);
      on = str(link.vlan_link) ?? on;
    }
    net.mtu = mtuOf(str(n.link));
    const routes = (Array.isArray(n.routes) ? n.routes : []).filter(isObj);
    const c = parseCidr(cidr);
    for (const r of routes) {
      const isDefault = (str(r.network) === '0.0.0.0' || str(r.network) === '::') && (str(r.netmask) === '0.0.0.0' || str(r.netmask) === '::');
      const gw = str(r.gateway);
      const gwIp = gw === undefined ? undefined : parseIp(gw);
      if (isDefault && gwIp && c.ok && inRange(usableRange(c.cidr), gwIp) && net.gateway === undefined) {
        net.gateway = formatIp(gwIp);
        if (!defaultRoute) net.defaultRoute = defaultRoute = true;
      } else
        notes.push(
          `network ${name}: route ${String(r.network)}/${String(r.netmask)} via ${String(gw)} not imported${isDefault ? ` (the gateway is outside ${cidr})` : ' (headroom models one gateway per network)'}`,
        );
    }
    if (address) notes.push(`network ${name}: this node's address was ${address} (headroom assigns host addresses from the node range)`);
    const bond = bondOf.get(on);
    if (bond !== undefined) notes.push(`network ${name} is on ${on}, a member of ${bond}: attached to ${bond} (an address on a bond member stops working once the bond takes it)`);
    const target = bond ?? portOf.get(on) ?? on;
    attachments.push({ network: name, on: target });
    networks.push(net);
  }
  const dns = (Array.isArray(data.services) ? data.services : [])
    .filter(isObj)
    .filter((s) => s.type === 'dns')
    .map((s) => str(s.address));
  if (dns.length > 0) notes.push(`DNS servers ${dns.join(', ')} are not modelled`);
  if (networks.length > 0) notes.push('set each network\u2019s purpose (management, tunnel, provider, ceph-public, ceph-cluster, oob) and its VIPs before planning');

  const roleConfig: Obj = bonds.length > 0 ? { bonds, networks: attachments } : { networks: attachments };
  const snippet = { network: { networks, roles: { [role]: roleConfig } } };
  const doc = new Document(snippet);
  doc.commentBefore = [` Imported from ${file} by headroom, for role ${role}.`, ...notes.map((n) => ` - ${n}`)].join('\n');
  return { snippet, text: doc.toString({ lineWidth: 0, flowCollectionPadding: true }), notes, diagnostics: [] };
}
