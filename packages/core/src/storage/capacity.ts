/**
 * The storage capacity of a fleet without the rest of the Ceph plan: per pool, the figures the
 * horizon reads (usable, tolerated usable, stored at month 0), computed exactly as planStorage
 * computes them (CRUSH tree -> rule view -> re-protectable raw -> planPool), but without the
 * fill over the horizon, the PG plan, host sizing and recovery. For the procurement capacity
 * curves, which evaluate many fleets. Source: storage-plan.ts, ceph-plan.ts (same calls).
 */
import type { Scenario } from '../model/scenario.js';
import type { Host, PoolPlan } from '../model/plan.js';
import { buildCrushTree, type CrushTree } from './crush.js';
import { failureDomainsNeeded, planPool } from './pools.js';
import { failureDomains, storageHostsRaw } from './raw.js';
import { reprotectableRaw } from './reprotect.js';
import { ruleView } from './rule-view.js';
import { resolveCephSettings } from './settings.js';
import { storageRemoval } from './tolerance.js';

/**
 * StoragePlan's `pools` and `toleratedRawBytes` (what resourceSeries reads), for `hosts`.
 * `tree`, when given, must be buildCrushTree(scenario, hosts) (a caller that grows a fleet keeps
 * it with appendCrushHost instead of rebuilding it).
 */
export function storageCapacity(scenario: Scenario, hosts: readonly Host[], tree: CrushTree = buildCrushTree(scenario, hosts)): { pools: PoolPlan[]; toleratedRawBytes: number } {
  const { ceph, policy } = scenario;
  const hostRaw = storageHostsRaw(scenario, hosts);
  const removal = storageRemoval(hostRaw, failureDomains(hostRaw, ceph.failureDomain, scenario.racks), ceph.failureDomain, policy.tolerate);
  const settings = resolveCephSettings(ceph);
  const views = settings.rules.map((rule) => ruleView(tree, rule, scenario.racks, policy.tolerate));
  const ruleIndex = new Map(settings.rules.map((r, i) => [r.name, i]));
  const pools = ceph.pools.map((pool, i) => {
    const p = settings.pools[i]!;
    const view = views[ruleIndex.get(p.rule) ?? -1];
    const rep = view ? reprotectableRaw(view.capacities, failureDomainsNeeded(p), view.tolerated).reprotectableRawBytes : 0;
    return planPool(pool, {
      rawBytes: view?.rawBytes ?? 0,
      toleratedRawBytes: rep,
      ratios: ceph.ratios,
      domainsAvailable: view?.domains.length ?? 0,
      domainsAfterFailure: view?.tolerated ? view.tolerated.domainsRemaining : (view?.domains.length ?? 0),
      storedBytesMonth0: Object.hasOwn(scenario.demand.storageBytes, pool.name) ? (scenario.demand.storageBytes[pool.name] ?? 0) : 0,
    });
  });
  return { pools, toleratedRawBytes: removal.toleratedRawBytes };
}
