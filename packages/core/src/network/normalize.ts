/**
 * normalizeNetwork: zod's output of the `network:` section -> NetworkConfig. Canonical
 * address text (RFC 5952 for IPv6), MTUs as `mtuBytes`, speeds in bits/s, the defaults that
 * depend on other fields (overlay overhead from protocol and address family, tagging from
 * the VLAN, addressing from the purpose, the default-route network). Called only on a file
 * without errors (network/references.ts has checked every address and reference), so it is
 * total: text that does not parse is kept as written.
 */
import type { Role } from '../model/scenario.js';
import type { BondDef, NetworkAttachment, NetworkConfig, NetworkDef, PortDef, RoleNetworkConfig } from '../model/network-config.js';
import { formatCidr, formatIp, formatRange, parseCidr, parseIp, parseRange } from './ip.js';
import { overlayOverheadBytes } from './mtu.js';
import type { NetworkFileOutput } from '../model/network-schema.js';

type FileNetwork = NetworkFileOutput['networks'][number];
type FileRole = NonNullable<NetworkFileOutput['roles']['control']>;

const canonicalIp = (t: string): string => {
  const ip = parseIp(t);
  return ip ? formatIp(ip) : t;
};
const canonicalRange = (t: string): string => {
  const r = parseRange(t);
  return r ? formatRange(r) : t;
};

function normalizeNetworkDef(n: FileNetwork, defaultRoute: boolean): NetworkDef {
  const parsed = parseCidr(n.cidr);
  const family = parsed.ok ? parsed.cidr.family : 4;
  const def: NetworkDef = {
    name: n.name,
    purpose: n.purpose,
    cidr: parsed.ok ? formatCidr(parsed.cidr) : n.cidr,
    family,
    mtuBytes: n.mtu,
    reserved: n.reserved.map(canonicalRange),
    allocationPools: n.allocationPools.map(canonicalRange),
    defaultRoute,
  };
  if (n.vlan !== undefined) def.vlan = n.vlan;
  if (n.gateway !== undefined) def.gateway = canonicalIp(n.gateway);
  if (n.nodeRange !== undefined) def.nodeRange = canonicalRange(n.nodeRange);
  if (n.overlay) {
    def.overlay = {
      protocol: n.overlay.protocol,
      overheadBytes: n.overlay.overheadBytes ?? overlayOverheadBytes(n.overlay.protocol, family),
      tenantMtuBytes: n.overlay.tenantMtu,
    };
  }
  return def;
}

function normalizeRole(r: FileRole, networks: readonly NetworkDef[]): RoleNetworkConfig {
  const ports: Record<string, PortDef> = {};
  for (const [id, p] of Object.entries(r.ports)) {
    const port: PortDef = {};
    if (p.switch !== undefined) port.switch = p.switch;
    if (p.name !== undefined) port.interfaceName = p.name;
    if (p.mtu !== undefined) port.mtuBytes = p.mtu;
    ports[id] = port;
  }
  const bonds = r.bonds.map((b) => {
    const bond: BondDef = { name: b.name, members: [...b.members], mode: b.mode, miimonMs: b.miimonMs };
    if (b.hashPolicy !== undefined) bond.hashPolicy = b.hashPolicy;
    if (b.lacpRate !== undefined) bond.lacpRate = b.lacpRate;
    if (b.primary !== undefined) bond.primary = b.primary;
    if (b.mtu !== undefined) bond.mtuBytes = b.mtu;
    return bond;
  });
  const attachments = r.networks.map((a): NetworkAttachment => {
    const net = networks.find((n) => n.name === a.network);
    return {
      network: a.network,
      on: a.on,
      tagged: a.untagged === true ? false : net?.vlan !== undefined,
      addressed: a.address ?? net?.purpose !== 'provider',
    };
  });
  return { ports, bonds, attachments };
}

/**
 * The normalized network layout. Defaults: MTU 1500; overlay overhead by protocol and
 * family (overlayOverheadBytes); attachments tagged when the network has a VLAN and
 * `untagged` is not set; hosts addressed on every network but provider networks; the
 * default route through the first management network with a gateway unless a network
 * says `defaultRoute: true`; Ceph traffic 0 bit/s; bandwidth threshold 0.8; switch
 * oversubscription limit 3.
 */
export function normalizeNetwork(f: NetworkFileOutput): NetworkConfig {
  const explicitRoute = f.networks.some((n) => n.defaultRoute === true);
  const implicitRoute = explicitRoute ? undefined : f.networks.find((n) => n.purpose === 'management' && n.gateway !== undefined);
  const networks = f.networks.map((n) => normalizeNetworkDef(n, explicitRoute ? n.defaultRoute === true : n === implicitRoute));

  const roles: NetworkConfig['roles'] = {};
  for (const role of ['control', 'compute', 'storage', 'deploy'] as const satisfies readonly Role[]) {
    const r = f.roles[role];
    if (r) roles[role] = normalizeRole(r, networks);
  }

  const vips: NetworkConfig['vips'] = {};
  if (f.vips.internal !== undefined) vips.internal = canonicalIp(f.vips.internal);
  if (f.vips.external !== undefined) vips.external = canonicalIp(f.vips.external);
  if (f.vips.apiNetwork !== undefined) vips.apiNetwork = f.vips.apiNetwork;

  return {
    networks,
    vips,
    switches: f.switches.map((s) => ({
      name: s.name,
      uplinks: s.uplinks ?? 0,
      uplinkSpeedBitsPerSecond: s.uplinkSpeed ?? 0,
      maxOversubscription: s.maxOversubscription,
    })),
    roles,
    traffic: {
      cephClientWriteBitsPerSecond: f.traffic.cephClientWrite ?? 0,
      cephClientReadBitsPerSecond: f.traffic.cephClientRead ?? 0,
    },
    bandwidthThreshold: f.bandwidthThreshold,
    ...(f.dvr !== undefined ? { dvr: f.dvr } : {}),
  };
}
