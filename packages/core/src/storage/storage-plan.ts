/**
 * The storage plan: raw capacity, failure domains, tolerated failures, and every pool.
 */
import type { Finding } from '../diagnostics/types.js';
import type { Scenario } from '../model/scenario.js';
import type { Host, StoragePlan } from '../plan/types.js';
import { planPool, poolFindings } from './pools.js';
import { failureDomains, storageHostsRaw } from './raw.js';
import { storageRemoval } from './tolerance.js';

export interface StorageResult {
  plan: StoragePlan;
  findings: Finding[];
}

/**
 * Builds the StoragePlan:
 *   rawBytes = Σ over storage hosts of OSD device bytes; osdCount = Σ OSD devices;
 *   failureDomains = hosts or racks with OSDs (ceph.failureDomain);
 *   toleratedRawBytes = raw of the storage hosts left by `storageRemoval`;
 *   pools = `planPool` for every pool, with its failure-domain findings.
 * Findings: `ceph.no_osds` (error) when pools exist but no storage host has an OSD device,
 * plus `poolFindings` per pool. Units: bytes.
 */
export function planStorage(scenario: Scenario, hosts: readonly Host[]): StorageResult {
  const { ceph, policy } = scenario;
  const hostRaw = storageHostsRaw(scenario, hosts);
  const domains = failureDomains(hostRaw, ceph.failureDomain, scenario.racks);
  const removal = storageRemoval(hostRaw, domains, ceph.failureDomain, policy.tolerate);
  const rawBytes = hostRaw.reduce((s, h) => s + h.rawBytes, 0);
  const osdCount = hostRaw.reduce((s, h) => s + h.osdCount, 0);
  const findings: Finding[] = [];

  if (ceph.pools.length > 0 && (osdCount === 0 || rawBytes === 0)) {
    findings.push({
      code: 'ceph.no_osds',
      severity: 'error',
      subject: 'role storage',
      message: `${ceph.pools.length} Ceph pool(s) are planned but no storage host has an OSD device (a disk with use: osd): every pool has 0 bytes of capacity`,
      value: 0,
      unit: 'OSDs',
      source: 'Ceph stores pool data on OSDs only — doc/rados/operations/data-placement.rst',
    });
  }

  const toleratedRemoved = removal.removedHosts.length > 0;
  const pools = ceph.pools.map((pool) => {
    const plan = planPool(pool, {
      rawBytes,
      toleratedRawBytes: removal.toleratedRawBytes,
      ratios: ceph.ratios,
      domainsAvailable: domains.length,
      domainsAfterFailure: removal.domainsRemaining,
      storedBytesMonth0: Object.hasOwn(scenario.demand.storageBytes, pool.name) ? (scenario.demand.storageBytes[pool.name] ?? 0) : 0,
    });
    findings.push(...poolFindings(plan, ceph.failureDomain, toleratedRemoved));
    return plan;
  });

  return {
    plan: {
      rawBytes,
      osdCount,
      failureDomain: ceph.failureDomain,
      failureDomains: domains.map((d) => ({ name: d.name, rawBytes: d.rawBytes, osdCount: d.osdCount })),
      toleratedRawBytes: removal.toleratedRawBytes,
      toleratedDomainsRemoved: removal.removedDomains,
      toleratedHostsRemoved: removal.removedHosts,
      pools,
    },
    findings,
  };
}
