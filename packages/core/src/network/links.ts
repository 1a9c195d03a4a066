/**
 * Links: a role's ports and bonds resolved on one hardware model, with the networks each
 * carries, its MTU and its effective bandwidth.
 *
 * Effective bandwidth of a bond, by mode (Linux bonding driver,
 * Documentation/networking/bonding.rst "Bonding Modes"; IEEE 802.1AX for LACP):
 *   single port     aggregate = single flow = the port speed; after a link loss: 0.
 *   active-backup   one member carries everything: aggregate = single flow = the active
 *                   member's speed (the primary, else the first); after its loss: the
 *                   slowest other member.
 *   802.3ad,        the transmit hash puts each flow on one member: aggregate = the sum of
 *   balance-xor     the members (many flows), single flow = one member (the slowest, the
 *                   worst case of the hash); after a link loss: the sum less the fastest.
 * Worked example: 2 x 25 Gbit/s in 802.3ad -> 50 Gbit/s aggregate, 25 Gbit/s for one
 * flow, 25 Gbit/s after losing a link. Links are full duplex: the figures hold per direction.
 */
import { type HardwareModel, type Role, ROLES, type Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';
import {
  BMC_LINK,
  type BondDef,
  type BondMode,
  type NetworkAttachment,
  type NetworkConfig,
  type NetworkDef,
  parsePortId,
  type RoleNetworkConfig,
} from '../model/network-config.js';

export interface EffectiveBandwidth {
  aggregateBitsPerSecond: number;
  singleFlowBitsPerSecond: number;
  afterLinkLossBitsPerSecond: number;
}

/** A physical port of a host: card and port from 0, its line rate, where it is cabled. */
export interface ResolvedPort {
  id: string;
  card: number;
  port: number;
  speedBitsPerSecond: number;
  switch?: string;
  interfaceName?: string;
}

/** A link a network can ride on: a bond, an unbonded port, or the BMC port. */
export interface ResolvedLink {
  name: string;
  kind: 'bond' | 'port' | 'bmc';
  bond?: BondDef;
  members: ResolvedPort[];
  attachments: NetworkAttachment[];
  /** Explicit MTU (bond.mtu or port.mtu), if any. */
  explicitMtuBytes?: number;
  /** The MTU the link gets: explicit, else the largest MTU of its networks (1500 when none). */
  mtuBytes: number;
  bandwidth: EffectiveBandwidth;
}

/**
 * Effective bandwidth of `speeds` (bits/s, one per member, in member order) bonded in
 * `mode` (or a single port for 'port'); `primaryIndex` is the active-backup primary.
 * Rules and worked example in the file comment. Empty `speeds` give zeros.
 */
export function bondBandwidth(mode: BondMode | 'port', speeds: readonly number[], primaryIndex = 0): EffectiveBandwidth {
  if (speeds.length === 0) return { aggregateBitsPerSecond: 0, singleFlowBitsPerSecond: 0, afterLinkLossBitsPerSecond: 0 };
  if (mode === 'port' || speeds.length === 1) {
    const s = speeds[0]!;
    return { aggregateBitsPerSecond: s, singleFlowBitsPerSecond: s, afterLinkLossBitsPerSecond: 0 };
  }
  if (mode === 'active-backup') {
    const active = speeds[primaryIndex] ?? speeds[0]!;
    const others = speeds.filter((_, i) => i !== primaryIndex);
    return { aggregateBitsPerSecond: active, singleFlowBitsPerSecond: active, afterLinkLossBitsPerSecond: Math.min(...others) };
  }
  const sum = speeds.reduce((a, b) => a + b, 0);
  return { aggregateBitsPerSecond: sum, singleFlowBitsPerSecond: Math.min(...speeds), afterLinkLossBitsPerSecond: sum - Math.max(...speeds) };
}

/** The ports of a hardware model, nic<card>p<port> from 0 in nics order, with the role's per-port settings. */
export function resolvePorts(hw: HardwareModel, role: RoleNetworkConfig | undefined): ResolvedPort[] {
  const out: ResolvedPort[] = [];
  hw.nics.forEach((nic, card) => {
    for (let port = 0; port < nic.ports; port++) {
      const id = `nic${card}p${port}`;
      const p: ResolvedPort = { id, card, port, speedBitsPerSecond: nic.speedBitsPerSecond };
      const def = role?.ports[id];
      if (def?.switch !== undefined) p.switch = def.switch;
      if (def?.interfaceName !== undefined) p.interfaceName = def.interfaceName;
      out.push(p);
    }
  });
  return out;
}

/** The network named `name`, if defined. */
export function networkByName(config: NetworkConfig, name: string): NetworkDef | undefined {
  return config.networks.find((n) => n.name === name);
}

/**
 * Every link of `role` on hardware `hw`: its bonds (in order), then the unbonded ports and
 * the BMC that carry a network. Members or ports the model does not have are left out
 * (normalize guarantees they exist for a parsed scenario).
 */
export function resolveLinks(config: NetworkConfig, role: RoleNetworkConfig, hw: HardwareModel): ResolvedLink[] {
  const ports = resolvePorts(hw, role);
  const portById = new Map(ports.map((p) => [p.id, p]));
  const mtuOf = (attachments: NetworkAttachment[], explicit: number | undefined): number =>
    explicit ?? Math.max(1500, ...attachments.map((a) => networkByName(config, a.network)?.mtuBytes ?? 1500));
  const links: ResolvedLink[] = [];
  for (const bond of role.bonds) {
    const members = bond.members.map((m) => portById.get(m)).filter((p): p is ResolvedPort => p !== undefined);
    const attachments = role.attachments.filter((a) => a.on === bond.name);
    const primaryIndex =
      bond.primary === undefined
        ? 0
        : Math.max(
            0,
            members.findIndex((m) => m.id === bond.primary),
          );
    const link: ResolvedLink = {
      name: bond.name,
      kind: 'bond',
      bond,
      members,
      attachments,
      mtuBytes: mtuOf(attachments, bond.mtuBytes),
      bandwidth: bondBandwidth(
        bond.mode,
        members.map((m) => m.speedBitsPerSecond),
        primaryIndex,
      ),
    };
    if (bond.mtuBytes !== undefined) link.explicitMtuBytes = bond.mtuBytes;
    links.push(link);
  }
  const direct = [...new Set(role.attachments.map((a) => a.on))].filter((on) => parsePortId(on) && portById.has(on));
  for (const id of direct) {
    const port = portById.get(id)!;
    const attachments = role.attachments.filter((a) => a.on === id);
    const explicit = role.ports[id]?.mtuBytes;
    const link: ResolvedLink = {
      name: id,
      kind: 'port',
      members: [port],
      attachments,
      mtuBytes: mtuOf(attachments, explicit),
      bandwidth: bondBandwidth('port', [port.speedBitsPerSecond]),
    };
    if (explicit !== undefined) link.explicitMtuBytes = explicit;
    links.push(link);
  }
  const bmc = role.attachments.filter((a) => a.on === BMC_LINK);
  if (bmc.length > 0) {
    links.push({
      name: BMC_LINK,
      kind: 'bmc',
      members: [],
      attachments: bmc,
      mtuBytes: 1500,
      bandwidth: { aggregateBitsPerSecond: 0, singleFlowBitsPerSecond: 0, afterLinkLossBitsPerSecond: 0 },
    });
  }
  return links;
}

/** The link of `links` that carries `network`, if any. */
export function linkOf(links: readonly ResolvedLink[], network: string): ResolvedLink | undefined {
  return links.find((l) => l.attachments.some((a) => a.network === network));
}

/** Hardware models used by `role`'s hosts, in host order, with their host names. */
export function roleHardware(hosts: readonly { name: string; role: string; hardware: string }[], role: string): { hardware: string; hosts: string[] }[] {
  const out: { hardware: string; hosts: string[] }[] = [];
  for (const h of hosts) {
    if (h.role !== role) continue;
    const entry = out.find((e) => e.hardware === h.hardware);
    if (entry) entry.hosts.push(h.name);
    else out.push({ hardware: h.hardware, hosts: [h.name] });
  }
  return out;
}

/** A role's links on one of its hardware models, with the hosts that have them. */
export interface RoleLinks {
  role: Role;
  hardware: string;
  hosts: string[];
  links: ResolvedLink[];
}

/**
 * The links of every role that has a network configuration, per hardware model used by
 * its hosts, in ROLES order then host order. Roles without hosts are left out.
 */
export function allRoleLinks(scenario: Scenario, hosts: readonly Host[]): RoleLinks[] {
  const config = scenario.network;
  if (!config) return [];
  const out: RoleLinks[] = [];
  for (const role of ROLES) {
    const rc = config.roles[role];
    if (!rc) continue;
    for (const { hardware, hosts: names } of roleHardware(hosts, role)) {
      const hw = Object.hasOwn(scenario.hardware, hardware) ? scenario.hardware[hardware] : undefined;
      if (hw) out.push({ role, hardware, hosts: names, links: resolveLinks(config, rc, hw) });
    }
  }
  return out;
}
