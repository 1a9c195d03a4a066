/**
 * evaluate(): the normalized Scenario in, the PlanResult out. Pure: reads no files, no clock,
 * no randomness; never throws for user data (shortfalls are findings); never mutates its input.
 */
import { planCompute } from '../compute/compute-plan.js';
import { planControlPlane } from '../control/quorum.js';
import { analyzeFailures } from '../failure/analyze.js';
import { failureHooks } from './failure-hooks.js';
import { projectHorizon } from '../forecast/horizon.js';
import { resourceSeries } from '../forecast/resources.js';
import { checkRoles } from '../hardware/requirements.js';
import { planNetwork } from '../network/plan.js';
import { cephRecoveryBandwidth } from '../network/traffic.js';
import type { Scenario } from '../model/scenario.js';
import { planStorage } from '../storage/storage-plan.js';
import { planProcurement } from '../procurement/schedule.js';
import { rackElevations, rackPowerFindings } from '../racks/elevation.js';
import { VERSION } from '../version.js';
import { explainPlan } from '../explain/explain.js';
import { sortFindings, summarize } from './findings.js';
import { expandHosts } from './hosts.js';
import { planHeadline } from './headline.js';
import { findUnresolvedReferences } from './references.js';
import { PLAN_SCHEMA_VERSION, type PlanResult } from './types.js';

/**
 * Evaluates a normalized scenario:
 * hosts (expandHosts) -> compute (planCompute: Placement inventories, flavor fit, tolerated
 * capacity) -> storage (planStorage: raw, failure domains, pools) -> control plane
 * (planControlPlane: quorum) -> role checks (checkRoles) -> horizon (projectHorizon over
 * resourceSeries: demand growth, runway, bottleneck).
 * With a `network:` section, planNetwork adds `network` (subnets, addresses, links, traffic)
 * and its `network.*` findings.
 * resourceSeries: demand growth, runway, bottleneck) -> failure domains (analyzeFailures:
 * what losing each host, rack, switch, power feed or zone does, month by month).
 * With a `procurement:` section, planProcurement adds `procurement` (purchase schedule, bill
 * of materials, racks) and its `procurement.*` findings.
 * rackElevations adds `racks` (every rack's hosts bottom-up, space and power at month 0 and
 * after the purchases) and rackPowerFindings its `rack.power_exceeded` findings.
 * Findings of every phase are sorted by severity, code, subject (sortFindings) and counted.
 * Last, explainPlan adds `explanations`: formula, inputs and source of every figure the report
 * shows, read from the finished plan.
 * The result holds `scenario` itself (same object, not copied) and is plain JSON: every
 * number is finite, missing values are null.
 */
export function evaluate(scenario: Scenario): PlanResult {
  const references = findUnresolvedReferences(scenario);
  const hosts = expandHosts(scenario);
  const compute = planCompute(scenario, hosts.hosts);
  // The network plan's replication link caps Ceph recovery (the slowest storage model's link,
  // for every storage host); without a network: section, each host's fastest NIC card does.
  const replication = cephRecoveryBandwidth(scenario, hosts.hosts);
  const storage = planStorage(scenario, hosts.hosts, replication ? {
    replicationBitsPerSecondByHost: new Map(hosts.hosts.filter((h) => h.role === 'storage').map((h) => [h.name, replication.perHostBitsPerSecond])),
    replicationSource: `the network plan: ${replication.network} on ${replication.link}, ${replication.perHostBitsPerSecond / 1e9} Gbit/s per storage host`,
  } : {});
  const control = planControlPlane(hosts.hosts);
  const roles = checkRoles(scenario, hosts.hosts);
  const network = planNetwork(scenario, hosts.hosts);
  const horizon = projectHorizon(
    resourceSeries(scenario, compute.plan, storage.plan),
    scenario.demand.growth,
    scenario.start,
    scenario.horizonMonths,
  );
  const failure = analyzeFailures(scenario, hosts.hosts, compute.plan, failureHooks(scenario, hosts.hosts, replication));
  const procurement = planProcurement(scenario);
  const racks = rackElevations(scenario, hosts.hosts, procurement);
  const findings = sortFindings([
    ...references,
    ...hosts.findings,
    ...compute.findings,
    ...storage.findings,
    ...control.findings,
    ...roles.findings,
    ...horizon.findings,
    ...(network?.findings ?? []),
    ...failure.findings,
    ...(procurement?.findings ?? []),
    ...rackPowerFindings(racks),
  ]);
  const summary = summarize(findings);
  const headline = planHeadline({
    horizonMonths: scenario.horizonMonths,
    resources: horizon.resources,
    months: horizon.months,
    bottleneck: horizon.bottleneck,
    errorFindings: summary.error,
    procurement: procurement ?? undefined,
    failure: failure.plan,
    racks: scenario.racks.map((r) => r.name),
  });
  const plan: PlanResult = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    generator: { name: 'headroom', version: VERSION },
    scenario,
    hosts: hosts.hosts,
    compute: compute.plan,
    storage: storage.plan,
    controlPlane: control.plan,
    roleChecks: roles.checks,
    resources: horizon.resources,
    months: horizon.months,
    bottleneck: horizon.bottleneck,
    findings,
    summary,
    headline,
    ...(network ? { network: network.plan } : {}),
    failure: failure.plan,
    ...(procurement ? { procurement } : {}),
    racks,
  };
  plan.explanations = explainPlan(plan);
  return plan;
}
