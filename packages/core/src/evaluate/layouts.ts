/**
 * evaluateLayouts: the layout comparison of a scenario (storage/layouts.ts) on its month-0
 * fleet (expandHosts), with the replication bandwidth the plan itself uses for recovery (the
 * network plan's replication link, or each storage host's fastest NIC card).
 */
import { expandHosts } from '../fleet/hosts.js';
import type { CephLayoutComparison } from '../model/layouts.js';
import type { Scenario } from '../model/scenario.js';
import { cephRecoveryBandwidth } from '../network/traffic.js';
import { compareLayouts } from '../storage/layouts.js';

/** Compares the Ceph layouts of `scenario` (see compareLayouts); `deviceClass` picks the OSDs (default: the class whose pools store the most). */
export function evaluateLayouts(scenario: Scenario, options: { deviceClass?: string | null } = {}): CephLayoutComparison {
  const hosts = expandHosts(scenario).hosts;
  const replication = cephRecoveryBandwidth(scenario, hosts);
  return compareLayouts(scenario, hosts, {
    ...options,
    ...(replication ? {
      replicationBitsPerSecondByHost: new Map(hosts.filter((h) => h.role === 'storage').map((h) => [h.name, replication.perHostBitsPerSecond])),
      replicationSource: `the network plan: ${replication.network} on ${replication.link}`,
    } : {}),
  });
}
