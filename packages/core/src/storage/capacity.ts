/**
 * The storage capacity of a fleet, for the procurement capacity curves: the figures the horizon
 * reads (storageSeries: the rule sets' raw, re-protectable raw and fullest-OSD factor). Pools on
 * one rule share its raw space and the fullest-OSD factor depends on the PG plan, so this is the
 * capacity part of planCeph (cephCapacity: CRUSH tree, rule views, re-protectable raw, PG plan,
 * rule sets) without the fill by month, recovery or host sizing: the same figures by construction.
 */
import type { Scenario } from '../model/scenario.js';
import type { Host } from '../model/plan.js';
import type { RuleSetCapacity } from '../model/ceph-plan.js';
import { ruleSetCapacities } from './ceph-plan.js';

/** What storageSeries reads, for `hosts` (the scenario's storage hosts and any added ones). Never throws for user data. */
export function storageCapacity(scenario: Scenario, hosts: readonly Host[]): { ceph: { ruleSets: RuleSetCapacity[] } } {
  return { ceph: { ruleSets: ruleSetCapacities(scenario, hosts) } };
}
