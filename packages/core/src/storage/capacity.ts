/**
 * The storage capacity of a fleet, for the procurement capacity curves: the figures the horizon
 * reads (storageSeries: the rule sets' raw, re-protectable raw and fullest-OSD factor). Pools on
 * one rule share its raw space (storage/ceph-plan.ts ruleSets), and the fullest-OSD factor
 * depends on the PG plan, so this is planStorage itself: the same figures by construction.
 */
import type { Scenario } from '../model/scenario.js';
import type { Host, StoragePlan } from '../model/plan.js';
import { planStorage } from './storage-plan.js';

/** StoragePlan (what resourceSeries reads), for `hosts` (the scenario's storage hosts and any added ones). Never throws for user data. */
export function storageCapacity(scenario: Scenario, hosts: readonly Host[]): StoragePlan {
  return planStorage(scenario, hosts).plan;
}
