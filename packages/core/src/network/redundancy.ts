/**
 * Redundancy of the links: a bond protects against a failed port, cable or switch only if
 * its members do not share what fails.
 * - `network.redundancy.bond_single_card` (warning): every member on one NIC card — the
 *   card (or its PCIe slot, firmware, driver) is a single point of failure.
 * - `network.redundancy.bond_single_switch` (warning): every member cabled to one switch —
 *   a switch reboot or failure takes the bond down (LACP across two switches needs MLAG).
 * - `network.redundancy.single_link` (warning): a network rides on one unbonded port (or a
 *   one-member bond); the BMC port is exempt.
 * - `network.bond.mixed_speeds` (warning): 802.3ad/balance-xor members of different speeds
 *   (IEEE 802.1AX aggregates only links of one speed; the hash ignores speed).
 */
import type { Finding } from '../diagnostics/types.js';
import type { RoleLinks } from './links.js';

const SPOF = 'Production guidance: bond members on two NIC cards and two top-of-rack switches, so that no single card, cable or switch cuts a host off';
const LACP = 'IEEE 802.1AX (LACP): an aggregator bundles links of the same speed; Linux bonding puts each flow on one member regardless of its speed';

/** Redundancy findings for every role and hardware model (rules in the file comment). */
export function checkRedundancy(roleLinks: readonly RoleLinks[]): Finding[] {
  const findings: Finding[] = [];
  for (const rl of roleLinks) {
    const where = `role ${rl.role} / hardware ${rl.hardware}`;
    for (const link of rl.links) {
      if (link.kind === 'bmc' || link.attachments.length === 0) continue;
      const subject = `${where} / ${link.name}`;
      const nets = link.attachments.map((a) => a.network).join(', ');
      if (link.members.length <= 1) {
        findings.push({
          code: 'network.redundancy.single_link',
          severity: 'warning',
          subject,
          message: `${nets} on ${rl.role} (${rl.hardware}) ride${link.attachments.length === 1 ? 's' : ''} on the single port ${link.members[0]?.id ?? link.name}: one cable or switch port cuts the host off`,
          source: SPOF,
        });
        continue;
      }
      const cards = new Set(link.members.map((m) => m.card));
      if (cards.size === 1) {
        findings.push({
          code: 'network.redundancy.bond_single_card',
          severity: 'warning',
          subject,
          message: `every member of ${link.name} (${link.members.map((m) => m.id).join(', ')}) is on NIC card ${link.members[0]!.card}: the card is a single point of failure for ${nets}`,
          source: SPOF,
        });
      }
      const switches = link.members.map((m) => m.switch);
      if (switches.every((s) => s !== undefined) && new Set(switches).size === 1) {
        findings.push({
          code: 'network.redundancy.bond_single_switch',
          severity: 'warning',
          subject,
          message: `every member of ${link.name} is cabled to switch ${switches[0]}: a switch failure or reboot takes ${nets} down`,
          source: SPOF,
        });
      }
      const mode = link.bond?.mode;
      const speeds = new Set(link.members.map((m) => m.speedBitsPerSecond));
      if ((mode === '802.3ad' || mode === 'balance-xor') && speeds.size > 1) {
        findings.push({
          code: 'network.bond.mixed_speeds',
          severity: 'warning',
          subject,
          message: `${link.name} (${mode}) bonds ports of different speeds (${[...speeds].map((s) => `${s / 1e9} Gbit/s`).join(', ')}): flows hashed to the slower port get less`,
          source: LACP,
        });
      }
    }
  }
  return findings;
}
