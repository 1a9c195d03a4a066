/**
 * The storage plan: raw capacity, failure domains, tolerated failures, and every pool.
 */
import type { Finding } from '../diagnostics/types.js';
import type { Scenario } from '../model/scenario.js';
import type { Host, StoragePlan } from '../model/plan.js';
import { type CephPlanOptions, planCeph } from './ceph-plan.js';
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
 *   pools = `planPool` for every pool on the OSDs and failure domains of its CRUSH rule, with
 *   toleratedRawBytes = the rule's re-protectable raw (reprotect.ts), and its failure-domain findings;
 *   ceph = planCeph (CRUSH tree, MAX AVAIL, safe usable, fill by month, PGs, host sizing, recovery).
 * options.replicationBitsPerSecondByHost: the network plan's replication bandwidth per host.
 * Findings: `ceph.no_osds` (error) when pools exist but no storage host has an OSD device,
 * plus `poolFindings` per pool. Units: bytes.
 */
export function planStorage(scenario: Scenario, hosts: readonly Host[], options: CephPlanOptions = {}): StorageResult {
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

  // Ceph's own view (ceph-plan.ts): each pool is planned on the OSDs and failure domains of its rule.
  const cephPlan = planCeph(scenario, hosts, options);
  const pools = ceph.pools.map((pool, i) => {
    const c = cephPlan.pools[i];
    const view = c?.view;
    const plan = planPool(pool, {
      rawBytes: view?.rawBytes ?? 0,
      toleratedRawBytes: c?.reprotectableRawBytes ?? 0,
      ratios: ceph.ratios,
      domainsAvailable: view?.domains.length ?? 0,
      domainsAfterFailure: view?.tolerated ? view.tolerated.domainsRemaining : (view?.domains.length ?? 0),
      storedBytesMonth0: Object.hasOwn(scenario.demand.storageBytes, pool.name) ? (scenario.demand.storageBytes[pool.name] ?? 0) : 0,
    });
    const source = scenario.demand.storageSource;
    if (source && Object.hasOwn(source, pool.name)) plan.storedSource = source[pool.name]!;
    findings.push(...poolFindings(plan, view?.rule.failureDomain ?? ceph.failureDomain, view?.tolerated != null));
    return plan;
  });
  findings.push(...cephPlan.findings);

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
      ceph: cephPlan.plan,
    },
    findings,
  };
}
