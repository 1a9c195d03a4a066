/**
 * Oversubscription of the top-of-rack switches: in each rack, the line rate of the host
 * ports cabled to a switch against the switch's uplinks.
 *   ratio = sum of host port speeds on the switch in the rack / (uplinks x uplink speed)
 * `network.oversubscription.high` (warning) when ratio > the switch's maxOversubscription
 * (default 3: the usual ceiling of a leaf-spine design; storage replication and east-west
 * tenant traffic suffer above it). Worked example: 16 hosts x 2 x 25 Gbit/s = 800 Gbit/s on
 * a switch with 2 x 100 Gbit/s uplinks -> 4:1, above 3:1.
 */
import type { Finding } from '../diagnostics/types.js';
import type { Host } from '../model/plan.js';
import type { NetworkConfig } from '../model/network-config.js';
import type { RoleLinks } from './links.js';
import { resolvePorts } from './links.js';
import type { Scenario } from '../model/scenario.js';
import type { OversubscriptionRow } from '../model/network.js';

const SOURCE = 'headroom default: leaf-spine designs keep top-of-rack oversubscription at or below 3:1 (set switches[].maxOversubscription)';

/** One row per (switch, rack) with host ports cabled to it, and the findings. */
export function planOversubscription(
  scenario: Scenario,
  config: NetworkConfig,
  hosts: readonly Host[],
  roleLinks: readonly RoleLinks[],
): { rows: OversubscriptionRow[]; findings: Finding[] } {
  const rows: OversubscriptionRow[] = [];
  const findings: Finding[] = [];
  const configured = new Set(roleLinks.map((rl) => `${rl.role}|${rl.hardware}`));
  for (const sw of config.switches) {
    const downByRack = new Map<string, number>();
    // a host's port speed on the switch depends on its (role, hardware) only: worked out once per pair
    const speedOf = new Map<string, number>();
    for (const h of hosts) {
      const pair = `${h.role}|${h.hardware}`;
      let speed = speedOf.get(pair);
      if (speed === undefined) {
        const hw = Object.hasOwn(scenario.hardware, h.hardware) ? scenario.hardware[h.hardware] : undefined;
        speed =
          hw && configured.has(pair)
            ? resolvePorts(hw, config.roles[h.role])
                .filter((p) => p.switch === sw.name)
                .reduce((s, p) => s + p.speedBitsPerSecond, 0)
            : 0;
        speedOf.set(pair, speed);
      }
      if (speed > 0) downByRack.set(h.rack, (downByRack.get(h.rack) ?? 0) + speed);
    }
    const uplink = sw.uplinks * sw.uplinkSpeedBitsPerSecond;
    for (const [rack, down] of downByRack) {
      const ratio = uplink > 0 ? down / uplink : null;
      rows.push({ switch: sw.name, rack, downlinkBitsPerSecond: down, uplinkBitsPerSecond: uplink, ratio, limit: sw.maxOversubscription });
      if (ratio !== null && ratio > sw.maxOversubscription) {
        findings.push({
          code: 'network.oversubscription.high',
          severity: 'warning',
          subject: `switch ${sw.name} / rack ${rack}`,
          message: `${sw.name} in rack ${rack} has ${down / 1e9} Gbit/s of host ports on ${uplink / 1e9} Gbit/s of uplinks: ${Math.round(ratio * 100) / 100}:1, above ${sw.maxOversubscription}:1`,
          value: ratio,
          limit: sw.maxOversubscription,
          unit: 'ratio',
          source: SOURCE,
        });
      }
    }
  }
  return { rows, findings };
}
