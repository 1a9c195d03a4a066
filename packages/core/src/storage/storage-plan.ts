/**
 * The storage plan: raw capacity, failure domains, tolerated failures, and every pool.
 */
import type { Finding } from '../diagnostics/types.js';
import type { Scenario } from '../model/scenario.js';
import type { Host, StoragePlan } from '../model/plan.js';
import { type CephCarry, type CephPlanOptions, planCeph } from './ceph-plan.js';
import { poolFindings } from './pools.js';
import { failureDomains, storageHostsRaw } from './raw.js';
import type { StorageRaw } from './raw-carry.js';
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
 *   ceph = planCeph (CRUSH tree, rules, every pool's one record: layout, capacity, MAX AVAIL,
 *   safe usable; fill by month, PGs, host sizing, recovery), and each pool's failure-domain findings.
 * options.replicationBitsPerSecondByHost: the network plan's replication bandwidth per host.
 * Findings: `ceph.no_osds` (error) when pools exist but no storage host has an OSD device,
 * plus `poolFindings` per pool. Units: bytes.
 * carry: give the same CephCarry to the calls of a fleet that grows (the epochs of a timeline):
 * each call builds on what the previous one built; the result is the same as without it.
 */
export function planStorage(scenario: Scenario, hosts: readonly Host[], options: CephPlanOptions = {}, carry?: CephCarry): StorageResult {
  const { ceph, policy } = scenario;
  // with a carry, the raw part continued from the last call (raw-carry.ts), when it applies
  const { rawBytes, osdCount, failureDomains: domainRows, removal } = carry?.raw.of(scenario, hosts, ceph.failureDomain, policy.tolerate) ?? rawPart(scenario, hosts);
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

  // Ceph's own view (ceph-plan.ts): each pool is planned on the OSDs and failure domains of its
  // rule; its record (cephPlan.plan.pools[i], scenario order) is the one record of the pool.
  const cephPlan = planCeph(scenario, hosts, options, carry);
  for (const [i, pool] of cephPlan.plan.pools.entries()) {
    const view = cephPlan.pools[i]?.view;
    findings.push(...poolFindings(pool, view?.rule.failureDomain ?? ceph.failureDomain, view?.tolerated != null));
  }
  findings.push(...cephPlan.findings);

  return {
    plan: {
      rawBytes,
      osdCount,
      failureDomain: ceph.failureDomain,
      failureDomains: domainRows,
      toleratedRawBytes: removal.toleratedRawBytes,
      toleratedDomainsRemoved: removal.removedDomains,
      toleratedHostsRemoved: removal.removedHosts,
      ceph: cephPlan.plan,
    },
    findings,
  };
}

/** planStorage's raw part: Σ raw and OSDs of storageHostsRaw, the failure domains' rows, storageRemoval. */
export function rawPart(scenario: Scenario, hosts: readonly Host[]): StorageRaw {
  const { ceph, policy } = scenario;
  const hostRaw = storageHostsRaw(scenario, hosts);
  const domains = failureDomains(hostRaw, ceph.failureDomain, scenario.racks);
  return {
    rawBytes: hostRaw.reduce((s, h) => s + h.rawBytes, 0),
    osdCount: hostRaw.reduce((s, h) => s + h.osdCount, 0),
    failureDomains: domains.map((d) => ({ name: d.name, rawBytes: d.rawBytes, osdCount: d.osdCount })),
    removal: storageRemoval(hostRaw, domains, ceph.failureDomain, policy.tolerate),
  };
}
