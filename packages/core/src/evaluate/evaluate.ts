/**
 * evaluate(): the normalized Scenario in, the PlanResult out. Pure: reads no files, no clock,
 * no randomness; never throws for user data (shortfalls are findings); never mutates its input.
 */
import { reservedMemoryAtHorizonEnd } from '../compute/memory-overhead.js';
import { epochCaches, planEpochs, stitchFindings, stitchSeries, stitchStorage } from './epochs.js';
import { buildFleetTimeline, type FleetTimeline } from '../fleet/timeline.js';
import { projectHorizon } from '../forecast/horizon.js';
import { withDemandPaths } from '../forecast/demand-series.js';
import { planPercentiles } from '../forecast/percentiles.js';
import { checkRoles } from '../hardware/requirements.js';
import { planNetwork } from '../network/plan.js';
import type { Role, Scenario } from '../model/scenario.js';
import { scheduleProcurement } from '../procurement/schedule.js';
import { planCost } from '../cost/cost.js';
import { planRiskBand } from '../procurement/risk.js';
import { rackElevations, rackPowerFindings } from '../racks/elevation.js';
import { rackFeedFindings } from '../racks/feeds.js';
import { VERSION } from '../version.js';
import { explainPlan } from '../explain/explain.js';
import { sortFindings, summarize } from './findings.js';
import { expandHosts } from '../fleet/hosts.js';
import { planHeadline } from './headline.js';
import { poolApplicationFindings } from './pool-applications.js';
import { findUnresolvedReferences } from './references.js';
import { roleCounts } from './role-counts.js';
import { PLAN_SCHEMA_VERSION, type FleetSummary, type PlanResult, type Provenance } from '../model/plan.js';

/** Options of evaluate. */
export interface EvaluateOptions {
  /**
   * Evaluate the cloud as it is: the purchase schedule is still computed and returned
   * (`procurement`), but no analysis sees its hosts; the findings, the verdict and the exit
   * code then describe the cloud without them. Default false: the plan as scheduled.
   */
  withoutPurchases?: boolean;
  /** Content hashes of the scenario and the files it read, computed by the caller that read them; copied to the plan. */
  provenance?: Provenance;
}

/** Hosts per role per month of the timeline (address space is counted from these); `counts` from roleCounts. */
function hostsPerMonth(timeline: FleetTimeline, counts: readonly Partial<Record<Role, number>>[]): Partial<Record<Role, number[]>> {
  const out: Partial<Record<Role, number[]>> = { control: [], compute: [], storage: [], deploy: [] };
  timeline.epochs.forEach((e, i) => {
    const byRole = counts[i]!;
    for (let t = e.fromMonth; t < Math.min(e.toMonth, timeline.horizonMonths); t++) {
      for (const role of ['control', 'compute', 'storage', 'deploy'] as const) out[role]![t] = byRole[role] ?? 0;
    }
  });
  return out;
}

/** The timeline as the plan reports it: every host with its months, and the epochs with their host counts (`counts` from roleCounts). */
function fleetSummary(timeline: FleetTimeline, withoutPurchases: boolean, counts: readonly Partial<Record<Role, number>>[]): FleetSummary {
  return {
    shows: withoutPurchases ? 'without-purchases' : 'with-purchases',
    hosts: timeline.hosts,
    epochs: timeline.epochs.map((e, i) => ({ fromMonth: e.fromMonth, toMonth: e.toMonth, from: e.from, hosts: e.hosts.length, byRole: { ...counts[i]! } })),
  };
}

/**
 * Evaluates a normalized scenario over its fleet timeline:
 * 1. hosts (expandHosts: the initial fleet) and, with a `procurement:` section, the purchase
 *    schedule (planProcurement);
 * 2. the fleet timeline (buildFleetTimeline): the initial fleet less retired node groups, plus
 *    the purchased hosts from their delivery month (unless `withoutPurchases`; the timeline the
 *    schedule was checked on, scheduleProcurement, not built a second time);
 * 3. per epoch of the timeline (evaluate/epochs.ts): compute (planCompute), storage
 *    (planStorage: raw, failure domains, pools, Ceph), control plane (planControlPlane) and
 *    the failure domains (analyzeFailures), stitched into one month-by-month answer;
 * 4. the horizon (projectHorizon) over the stitched capacity: runway and bottleneck with the
 *    purchases; a second horizon without them for the headline's "without the purchases";
 * 5. role checks of every hardware model in service at any month (purchased models too); the
 *    reserved host memory against the instances' QEMU overhead at the horizon's end
 *    (reservedMemoryAtHorizonEnd);
 * 6. with a `network:` section, planNetwork with the hosts per month of the timeline;
 * 7. rackElevations (space and power at month 0 and after the purchases);
 * 8. findings of every phase, sorted (sortFindings) and counted; the headline; explanations.
 * `plan.compute`, `plan.storage` and `plan.controlPlane` describe the fleet at month 0 (the
 * Ceph fill month by month and the pools' runways follow the timeline: stitchStorage);
 * `plan.months` the capacity of each month's fleet; `plan.fleet` the timeline itself.
 * The result holds `scenario` itself (same object, not copied) and is plain JSON: every
 * number is finite, missing values are null.
 */
export function evaluate(scenario: Scenario, options: EvaluateOptions = {}): PlanResult {
  const withoutPurchases = options.withoutPurchases ?? false;
  const references = findUnresolvedReferences(scenario);
  const hosts = expandHosts(scenario);
  const base = buildFleetTimeline(scenario, hosts.hosts);
  const scheduled = scheduleProcurement(scenario, base, undefined, hosts.hosts);
  const procurement = scheduled?.plan ?? null;
  // the timeline with the purchases: the one planProcurement checked its schedule on, when it is that one
  const timeline =
    withoutPurchases || !procurement || procurement.purchases.length === 0
      ? base
      : (scheduled?.timeline ?? buildFleetTimeline(scenario, hosts.hosts, procurement.purchases, procurement.addedRacks));
  // one set of caches for both timelines: the month-0 fleet is planned once
  const caches = epochCaches(scenario);
  const { epochs, failure: stitchedFailure } = planEpochs(scenario, timeline, { caches });
  const first = epochs[0]!;
  const stitched = stitchSeries(epochs, scenario.horizonMonths);
  const horizon = projectHorizon(withDemandPaths(scenario, stitched), scenario.demand.growth, scenario.start, scenario.horizonMonths);
  // The cloud without the purchases, for the headline's "without them, X runs out in M".
  const baseSeries = timeline === base ? stitched : stitchSeries(planEpochs(scenario, base, { failure: false, caches }).epochs, scenario.horizonMonths);
  const baseHorizon = timeline === base ? horizon : projectHorizon(withDemandPaths(scenario, baseSeries), scenario.demand.growth, scenario.start, scenario.horizonMonths);
  // With fitted growths (p10 / p90): runways and purchases per percentile path (forecast/percentiles.ts).
  const demandPercentiles = planPercentiles(scenario, baseSeries, base, procurement);
  const failure = stitchedFailure!;
  const roles = checkRoles(scenario, timeline.hosts);
  // Addresses are counted per month from the timeline; traffic and oversubscription are sized on
  // the month-0 fleet (per-host load with the month-0 host count errs high as hosts are added).
  const counts = roleCounts(timeline.epochs);
  const network = planNetwork(scenario, first.epoch.hosts, { hostsPerMonth: hostsPerMonth(timeline, counts) });
  const retiring = new Map<string, number>();
  for (const h of timeline.hosts) if (h.untilMonth !== null) retiring.set(h.name, h.untilMonth);
  const racks = rackElevations(scenario, hosts.hosts, withoutPurchases ? null : procurement, retiring);
  const findings = sortFindings([
    ...references,
    ...poolApplicationFindings(scenario),
    ...hosts.findings,
    ...stitchFindings(
      epochs.map((e) => ({ epoch: e.epoch, findings: e.findings })),
      scenario.start,
    ),
    ...roles.findings,
    ...reservedMemoryAtHorizonEnd(scenario, epochs[epochs.length - 1]!.compute.hosts.length),
    ...horizon.findings,
    ...(network?.findings ?? []),
    ...failure.findings,
    ...(procurement?.findings ?? []),
    ...rackPowerFindings(racks),
    ...rackFeedFindings(racks, timeline.racks),
  ]);
  const summary = summarize(findings);
  const headline = planHeadline({
    horizonMonths: scenario.horizonMonths,
    shows: withoutPurchases ? 'without-purchases' : 'with-purchases',
    resources: baseHorizon.resources,
    months: baseHorizon.months,
    bottleneck: baseHorizon.bottleneck,
    bottleneckWithPurchases: procurement && !withoutPurchases ? horizon.bottleneck : null,
    errorFindings: summary.error,
    procurement: procurement ?? undefined,
    failure: failure.plan,
    racks: timeline.racks.map((r) => r.name),
  });
  const plan: PlanResult = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    generator: { name: 'headroom', version: VERSION },
    scenario,
    hosts: hosts.hosts,
    fleet: fleetSummary(timeline, withoutPurchases, counts),
    compute: first.compute,
    storage: stitchStorage(epochs, scenario.start),
    controlPlane: first.control,
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
    ...(demandPercentiles ? { demandPercentiles } : {}),
    racks,
    ...(options.provenance ? { provenance: options.provenance } : {}),
  };
  const cost = planCost(scenario, {
    hosts: timeline.hosts,
    racks: timeline.racks,
    months: horizon.months,
    ...(network ? { network: network.plan } : {}),
    pools: plan.storage.ceph?.pools.map((p) => ({ ruleSet: p.ruleSet, share: p.share, rawUsedRate: p.rawUsedRate })) ?? [],
  });
  plan.cost = cost.plan;
  const risk = planRiskBand(scenario, base, headline, horizon.resources, horizon.months);
  if (risk) plan.risk = risk;
  if (cost.findings.length > 0) {
    plan.findings = sortFindings([...findings, ...cost.findings]);
    plan.summary = summarize(plan.findings);
  }
  plan.explanations = explainPlan(plan);
  return plan;
}
