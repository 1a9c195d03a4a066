/**
 * The normalized network section of a Scenario (`scenario.network`): what `normalize`
 * makes of the YAML `network:` mapping. Addresses are canonical strings ("10.1.0.0/24",
 * RFC 5952 for IPv6); MTUs are whole bytes (`mtuBytes`); speeds are bits per second.
 *
 * Ports are named `nic<card>p<port>`, both counted from 0 in the order of the hardware
 * model's `nics` list: a model with nics [2 x 25G, 2 x 25G] has nic0p0, nic0p1, nic1p0,
 * nic1p1. `bmc` names the baseboard management controller's own port (the oob network).
 */
import type { Role } from './scenario.js';

/**
 * What a network carries:
 * management  the management/API network (Kolla network_interface / api_interface)
 * tunnel      the tenant overlay underlay (tunnel_interface; VXLAN or Geneve)
 * provider    provider/external networks and floating IPs (neutron_external_interface)
 * ceph-public Ceph public network (clients, MONs; Kolla storage_interface)
 * ceph-cluster Ceph cluster network (OSD replication and recovery)
 * oob         out-of-band management (BMC: iDRAC, iLO, XCC)
 * other       anything else (not used by the checks)
 */
export type NetworkPurpose = 'management' | 'tunnel' | 'provider' | 'ceph-public' | 'ceph-cluster' | 'oob' | 'other';
export const NETWORK_PURPOSES: readonly NetworkPurpose[] = ['management', 'tunnel', 'provider', 'ceph-public', 'ceph-cluster', 'oob', 'other'];

export type OverlayProtocol = 'vxlan' | 'geneve';

export interface NetworkOverlay {
  protocol: OverlayProtocol;
  /** Bytes the encapsulation adds (outer IP header included): VXLAN 50, Geneve (OVN) 58 over IPv4. */
  overheadBytes: number;
  /** The MTU tenant networks must get (default 1500: what instance images assume). */
  tenantMtuBytes: number;
}

export interface NetworkDef {
  name: string;
  purpose: NetworkPurpose;
  /** 802.1Q VLAN ID 1-4094; absent for a network that is only ever untagged. */
  vlan?: number;
  /** Canonical CIDR, e.g. "10.1.0.0/24". */
  cidr: string;
  family: 4 | 6;
  gateway?: string;
  mtuBytes: number;
  /** Ranges kept out of every automatic use ("10.1.0.2-10.1.0.9"). */
  reserved: string[];
  /** Neutron allocation pools (provider networks: floating IPs and router gateways). */
  allocationPools: string[];
  /** Where node addresses come from; default: every free usable address. */
  nodeRange?: string;
  /** Tunnel networks: the overlay carried on top. */
  overlay?: NetworkOverlay;
  /** This network's gateway is the hosts' default route (default: the management network). */
  defaultRoute: boolean;
}

export type BondMode = 'active-backup' | '802.3ad' | 'balance-xor';
export type HashPolicy = 'layer2' | 'layer2+3' | 'layer3+4' | 'encap2+3' | 'encap3+4';

export interface BondDef {
  name: string;
  /** Port ids, at least one. */
  members: string[];
  mode: BondMode;
  /** xmit_hash_policy (802.3ad and balance-xor; the kernel default is layer2). */
  hashPolicy?: HashPolicy;
  /** LACPDU rate (802.3ad): slow (30 s, kernel default) or fast (1 s). */
  lacpRate?: 'slow' | 'fast';
  /** active-backup: the member used while it is up. */
  primary?: string;
  /** MII link monitoring interval, milliseconds (kernel default 0 = off; 100 recommended). */
  miimonMs: number;
  /** Explicit MTU of the bond; default: the largest MTU of the networks on it. */
  mtuBytes?: number;
}

export interface PortDef {
  /** Switch (one per rack, see `switches`) the port is cabled to. */
  switch?: string;
  /** Kernel interface name for the netplan export, e.g. "ens1f0np0"; default: the port id. */
  interfaceName?: string;
  /** Explicit MTU of an unbonded port; default: the largest MTU of the networks on it. */
  mtuBytes?: number;
}

export interface NetworkAttachment {
  network: string;
  /** A bond name, a port id, or `bmc`. */
  on: string;
  /** 802.1Q-tagged (a VLAN interface on the link) or untagged (on the link itself). */
  tagged: boolean;
  /** Whether the hosts get an address on it (default: every purpose but provider). */
  addressed: boolean;
}

export interface RoleNetworkConfig {
  ports: Record<string, PortDef>;
  bonds: BondDef[];
  attachments: NetworkAttachment[];
}

/** A top-of-rack switch model: one instance of it per rack. */
export interface SwitchDef {
  name: string;
  /** Uplink ports to the spine/aggregation layer. */
  uplinks: number;
  uplinkSpeedBitsPerSecond: number;
  /** Highest acceptable downlink : uplink ratio (default 3). */
  maxOversubscription: number;
}

export interface NetworkTraffic {
  /** Cluster-wide Ceph client write throughput at month 0, bits/s (grows with demand.growth). */
  cephClientWriteBitsPerSecond: number;
  /** Cluster-wide Ceph client read throughput at month 0, bits/s. */
  cephClientReadBitsPerSecond: number;
}

export interface NetworkConfig {
  networks: NetworkDef[];
  vips: {
    /** kolla_internal_vip_address */
    internal?: string;
    /** kolla_external_vip_address (Kolla's default: the internal VIP). */
    external?: string;
    /** The API network the internal VIP must lie in (default: the management network). */
    apiNetwork?: string;
  };
  switches: SwitchDef[];
  roles: Partial<Record<Role, RoleNetworkConfig>>;
  traffic: NetworkTraffic;
  /** Link utilisation (0..1) that ends a bandwidth runway (default 0.8). */
  bandwidthThreshold: number;
  /** ML2/OVS DVR: one floating IP agent gateway port per compute host on the external network. */
  dvr?: boolean;
}

/** The special link name of the BMC port. */
export const BMC_LINK = 'bmc';

/** `nic<card>p<port>` -> {card, port}, both from 0; undefined for other names. */
export function parsePortId(id: string): { card: number; port: number } | undefined {
  const m = /^nic(\d+)p(\d+)$/.exec(id);
  return m ? { card: Number(m[1]), port: Number(m[2]) } : undefined;
}

/** The port id of card `card`, port `port` (both from 0): portId(1, 0) = "nic1p0". */
export function portId(card: number, port: number): string {
  return `nic${card}p${port}`;
}
