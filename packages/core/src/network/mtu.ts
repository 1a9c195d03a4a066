/**
 * MTU: the underlay of an overlay must carry the encapsulation, and every link a network
 * rides on must carry the network's MTU (jumbo frames end to end, or fragments and drops).
 *
 * Encapsulation overhead, bytes, outer IP header included (Neutron's arithmetic: tenant
 * network MTU = underlay MTU - overhead):
 *   VXLAN  = 30 (neutron_lib/constants.py VXLAN_ENCAP_OVERHEAD: outer Ethernet 14 + UDP 8
 *            + VXLAN 8) + IP header (neutron_lib IP_HEADER_LENGTH: IPv4 20, IPv6 40)
 *          = 50 over IPv4, 70 over IPv6;
 *   Geneve = 38 (neutron ML2/OVN mech_driver OVN_MIN_GENEVE_MAX_HEADER_SIZE; OVN needs
 *            [ml2_type_geneve] max_header_size >= 38) + IP header = 58 over IPv4, 78 over IPv6.
 * Worked example: Geneve tenant networks of 1500 bytes need an underlay of 1500 + 58 = 1558
 * bytes; a 1500-byte underlay gives tenants 1442.
 */
import type { Finding } from '../diagnostics/types.js';
import type { NetworkConfig, OverlayProtocol } from '../model/network-config.js';
import { networkByName, type RoleLinks } from './links.js';

export const VXLAN_ENCAP_OVERHEAD_BYTES = 30;
export const GENEVE_OVN_MAX_HEADER_BYTES = 38;
export const IP_HEADER_BYTES: Record<4 | 6, number> = { 4: 20, 6: 40 };

const OVERLAY_SOURCE =
  'Neutron: tenant MTU = underlay MTU - encapsulation overhead (neutron_lib/constants.py VXLAN_ENCAP_OVERHEAD 30, IP_HEADER_LENGTH 20/40; ML2/OVN Geneve max_header_size 38)';
const LINK_SOURCE = 'A VLAN or network cannot exceed the MTU of the link under it; frames larger than a link\u2019s MTU are dropped, not fragmented, at layer 2';

/** Overlay overhead in bytes for `protocol` over an underlay of IP `family` (see the file comment). */
export function overlayOverheadBytes(protocol: OverlayProtocol, family: 4 | 6): number {
  return (protocol === 'vxlan' ? VXLAN_ENCAP_OVERHEAD_BYTES : GENEVE_OVN_MAX_HEADER_BYTES) + IP_HEADER_BYTES[family];
}

/**
 * MTU findings:
 * - `network.mtu.overlay_too_small` (error): a tunnel network's MTU < tenant MTU +
 *   overhead (value = the network's MTU, limit = the MTU it needs, bytes);
 * - `network.mtu.link_too_small` (error): a bond or port with an explicit MTU smaller than
 *   a network riding on it, per role and hardware model (value = link MTU, limit = network MTU).
 */
export function checkMtu(config: NetworkConfig, roleLinks: readonly RoleLinks[]): Finding[] {
  const findings: Finding[] = [];
  for (const n of config.networks) {
    if (!n.overlay) continue;
    const needed = n.overlay.tenantMtuBytes + n.overlay.overheadBytes;
    if (n.mtuBytes >= needed) continue;
    findings.push({
      code: 'network.mtu.overlay_too_small',
      severity: 'error',
      subject: `network ${n.name}`,
      message:
        `${n.name} carries ${n.overlay.protocol} tenant networks of ${n.overlay.tenantMtuBytes} bytes: the underlay needs ` +
        `${n.overlay.tenantMtuBytes} + ${n.overlay.overheadBytes} = ${needed} bytes but has ${n.mtuBytes} ` +
        `(tenants would get ${n.mtuBytes - n.overlay.overheadBytes})`,
      value: n.mtuBytes,
      limit: needed,
      unit: 'bytes',
      source: OVERLAY_SOURCE,
    });
  }
  for (const rl of roleLinks) {
    for (const link of rl.links) {
      if (link.explicitMtuBytes === undefined) continue;
      for (const a of link.attachments) {
        const net = networkByName(config, a.network);
        if (!net || net.mtuBytes <= link.explicitMtuBytes) continue;
        findings.push({
          code: 'network.mtu.link_too_small',
          severity: 'error',
          subject: `role ${rl.role} / hardware ${rl.hardware} / ${link.name}`,
          message: `${link.name} of role ${rl.role} has MTU ${link.explicitMtuBytes} but carries ${net.name} with MTU ${net.mtuBytes}: jumbo frames stop at this link`,
          value: link.explicitMtuBytes,
          limit: net.mtuBytes,
          unit: 'bytes',
          source: LINK_SOURCE,
        });
      }
    }
  }
  return findings;
}
