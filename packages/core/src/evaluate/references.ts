/**
 * Defensive reference check. `normalize` guarantees that every reference resolves; if a
 * hand-built Scenario breaks that promise, evaluate must still not throw: the broken
 * reference becomes a finding and the evaluation skips what it cannot resolve.
 */
import type { Finding } from '../diagnostics/types.js';
import type { Scenario } from '../model/scenario.js';

const SOURCE = 'headroom: normalize resolves every reference; this Scenario was not normalized';

/**
 * Every unresolved reference in a Scenario: node group hardware and rack, demand flavors,
 * demand storage pools. Emits `scenario.unresolved_reference` (error), one per reference.
 */
export function findUnresolvedReferences(scenario: Scenario): Finding[] {
  const findings: Finding[] = [];
  const racks = new Set(scenario.racks.map((r) => r.name));
  const pools = new Set(scenario.ceph.pools.map((p) => p.name));
  const add = (subject: string, message: string): void => {
    findings.push({ code: 'scenario.unresolved_reference', severity: 'error', subject, message, source: SOURCE });
  };
  scenario.nodes.forEach((group, i) => {
    if (!Object.hasOwn(scenario.hardware, group.hardware)) {
      add(`nodes[${i}]`, `node group ${i} (${group.role}) references unknown hardware "${group.hardware}": its hosts are not evaluated`);
    }
    if (group.rack !== undefined && !racks.has(group.rack)) {
      add(`nodes[${i}]`, `node group ${i} (${group.role}) references unknown rack "${group.rack}"`);
    }
  });
  scenario.demand.instances.forEach((inst, i) => {
    if (!Object.hasOwn(scenario.openstack.flavors, inst.flavor)) {
      add(`demand.instances[${i}]`, `demand references unknown flavor "${inst.flavor}": it is not counted`);
    }
  });
  for (const pool of Object.keys(scenario.demand.storageBytes)) {
    if (!pools.has(pool)) {
      add(`demand.storage.${pool}`, `storage demand references unknown pool "${pool}": it is not counted`);
    }
  }
  return findings;
}
