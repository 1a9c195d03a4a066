/**
 * The network section of a PlanResult (`plan.network`), plain JSON: absent values are null,
 * IPv6 address counts that do not fit a JS number are null. Units are in the names.
 */
import type { Role } from './scenario.js';
import type { BondMode, HashPolicy, NetworkPurpose, OverlayProtocol } from './network-config.js';

/** One row of the VLAN/subnet table, with its address budget. */
export interface NetworkRow {
  name: string;
  purpose: NetworkPurpose;
  vlan: number | null;
  cidr: string;
  family: 4 | 6;
  gateway: string | null;
  mtuBytes: number;
  overlay: { protocol: OverlayProtocol; overheadBytes: number; tenantMtuBytes: number } | null;
  defaultRoute: boolean;
  /** Usable host addresses of the subnet (ip.ts usableRange). */
  usableAddresses: number | null;
  /** Addresses set aside, each counted once: gateway, VIPs, reserved ranges, allocation pools. */
  fixedAddresses: { gateway: number; vips: number; reserved: number | null; pools: number | null };
  nodeRange: string | null;
  /** Addresses left for hosts: the node range (or every usable address) less the fixed ones in it. */
  nodeCapacity: number | null;
  /** Roles attached to the network, and those whose hosts take an address on it. */
  roles: Role[];
  addressedRoles: Role[];
}

/** Host addresses a network needs month by month, against what it has. */
export interface AddressUsage {
  network: string;
  nodeCapacity: number | null;
  /** Hosts with an address on the network, per horizon month. */
  nodesByMonth: number[];
  /** First month (0-based) with more hosts than addresses; null when it never runs out. */
  exhaustedMonth: number | null;
  /** Largest nodes / capacity over the horizon; null when the capacity is not counted. */
  peakUtilisation: number | null;
}

/** Floating IPs against the provider networks' allocation pools. */
export interface FloatingIpPlan {
  /** Addresses in the allocation pools of provider networks. */
  poolAddresses: number | null;
  /** Addresses needed per horizon month: floating IPs + router gateways + FIP agent gateways. */
  demandByMonth: number[];
  /** ceil(floatingIps x growth factor), per month. */
  floatingIpsByMonth: number[];
  /** ceil(routers x growth factor), per month: one router gateway port each. */
  routerGatewaysByMonth: number[];
  /** Compute hosts per month with DVR (one floating IP agent gateway each), else 0. */
  agentGatewaysByMonth: number[];
  exhaustedMonth: number | null;
}

export interface PortRow {
  id: string;
  card: number;
  port: number;
  speedBitsPerSecond: number;
  switch: string | null;
  interfaceName: string | null;
  /** The bond it is a member of, or the port itself when it carries networks directly; null when unused. */
  link: string | null;
}

export interface LinkNetworkRow {
  network: string;
  vlan: number | null;
  tagged: boolean;
  addressed: boolean;
  mtuBytes: number;
}

export interface LinkRow {
  name: string;
  kind: 'bond' | 'port' | 'bmc';
  mode: BondMode | null;
  hashPolicy: HashPolicy | null;
  lacpRate: 'slow' | 'fast' | null;
  primary: string | null;
  miimonMs: number | null;
  members: string[];
  mtuBytes: number;
  aggregateBitsPerSecond: number;
  singleFlowBitsPerSecond: number;
  afterLinkLossBitsPerSecond: number;
  networks: LinkNetworkRow[];
}

/** The port and bond map of one role on one hardware model. */
export interface RoleInterfaces {
  role: Role;
  hardware: string;
  hosts: string[];
  ports: PortRow[];
  links: LinkRow[];
}

/** Traffic on one link of one role and hardware model, per host. */
export interface LinkTraffic {
  role: Role;
  hardware: string;
  link: string;
  aggregateBitsPerSecond: number;
  /** aggregate x bandwidth threshold. */
  thresholdBitsPerSecond: number;
  /** Month-0 traffic per network on the link, per host, each direction. */
  perNetwork: { network: string; inBitsPerSecond: number; outBitsPerSecond: number }[];
  /** Per month: the busier direction, summed over the link's networks, per host. */
  demandByMonthBitsPerSecond: number[];
  peakUtilisation: number | null;
  /** First month above the threshold / above the aggregate; null when never. */
  thresholdMonth: number | null;
  exceededMonth: number | null;
}

/** The replication bandwidth a Ceph recovery can use after a storage host is lost. */
export interface CephRecoveryBandwidth {
  /** The network replication rides on: the ceph-cluster network, else ceph-public. */
  network: string;
  link: string;
  /** Aggregate bandwidth of that link per surviving storage host (the slowest hardware model), bits/s per direction. */
  perHostBitsPerSecond: number;
  survivingHosts: number;
  /** perHostBitsPerSecond x survivingHosts. */
  totalBitsPerSecond: number;
}

export interface OversubscriptionRow {
  switch: string;
  rack: string;
  /** Sum of the line rates of the host ports cabled to this switch in this rack. */
  downlinkBitsPerSecond: number;
  uplinkBitsPerSecond: number;
  /** downlink / uplink (null without uplinks). */
  ratio: number | null;
  limit: number;
}

export interface NetworkPlan {
  networks: NetworkRow[];
  vips: { internal: string | null; external: string | null; apiNetwork: string | null };
  addressUsage: AddressUsage[];
  floatingIps: FloatingIpPlan | null;
  roles: RoleInterfaces[];
  /** Extra bytes sent on the replication network per client byte written (worst pool), and that pool. */
  replicationFanOut: { factor: number; pool: string } | null;
  traffic: LinkTraffic[];
  cephRecovery: CephRecoveryBandwidth | null;
  oversubscription: OversubscriptionRow[];
}
