/**
 * Findings about heterogeneous compute: a flavor no compute host can take, and a flavor
 * whose NUMA topology fits no cell of a hardware model that has room for it in Placement's
 * totals.
 */
import type { Finding } from '../diagnostics/types.js';
import type { ComputeHostPlan } from '../model/plan.js';
import type { Scenario } from '../model/scenario.js';
import { fmtNumber } from '../units/format.js';
import { growthFactor } from '../forecast/growth.js';
import type { FlavorPlacementRequest } from './extra-specs.js';

/**
 * - `compute.flavor.no_candidate_host` (error when the flavor is demanded, else warning): on
 *   every compute host the flavor fits 0 times for a reason other than max_unit (reported by
 *   compute.flavor.exceeds_max_unit): a missing or forbidden trait, no matching aggregate, a
 *   resource class no host has, NUMA cells too small. Nova: "No valid host was found".
 * - `compute.numa.flavor_exceeds_cell` (warning), per flavor and hardware model: Placement's
 *   totals hold the flavor but no NUMA cell (or not enough distinct cells) does: a pinned or
 *   huge-page guest cell larger than the host's cells (nova/virt/hardware.py
 *   _numa_fit_instance_cell).
 * Hosts that share one flavorFit array and model (compute-plan.ts shares it per model and
 * aggregate list) give the same answers: each pair is read once, at its first host (`firsts`:
 * those first hosts in host order, when the caller knows them).
 * O(hosts + such pairs × flavors²).
 */
export function heterogeneousFindings(
  scenario: Scenario,
  hostPlans: readonly ComputeHostPlan[],
  requests: ReadonlyMap<string, FlavorPlacementRequest>,
  zoneOf: ReadonlyMap<string, string | undefined> = new Map(),
  firsts?: readonly ComputeHostPlan[],
): Finding[] {
  const out: Finding[] = [];
  if (hostPlans.length === 0) return out;
  const demanded = new Set(scenario.demand.instances.filter((i) => i.count > 0).map((i) => i.flavor));
  // the first host of each flavorFit array and hardware model, in host order
  const seenFits = new Map<ComputeHostPlan['flavorFit'], Set<string>>();
  const distinct =
    firsts ??
    hostPlans.filter((hp) => {
      const models = seenFits.get(hp.flavorFit);
      if (!models) seenFits.set(hp.flavorFit, new Set([hp.hardware]));
      else if (models.has(hp.hardware)) return false;
      else models.add(hp.hardware);
      return true;
    });
  for (const f of Object.values(scenario.openstack.flavors)) {
    const fits = distinct.map((hp) => hp.flavorFit.find((x) => x.flavor === f.name)).filter((x) => x !== undefined);
    if (fits.some((x) => x.instances > 0) || fits.every((x) => x.exceedsMaxUnit)) continue;
    const why = [
      ...new Set(fits.filter((x) => !x.exceedsMaxUnit).map((x) => x.excludedBy ?? (x.limitedBy === 'NUMA_CELL' ? 'its NUMA topology fits no cell' : `not enough ${x.limitedBy}`))),
    ];
    out.push({
      code: 'compute.flavor.no_candidate_host',
      severity: demanded.has(f.name) ? 'error' : 'warning',
      subject: `flavor ${f.name}`,
      message: `flavor ${f.name} fits on no compute host (${why.join('; ')}): Nova would answer "No valid host was found"`,
      value: 0,
      limit: 1,
      unit: 'hosts',
      source: 'Placement allocation candidates (resource classes, required/forbidden traits), nova/scheduler/filters (AggregateInstanceExtraSpecsFilter, NUMATopologyFilter)',
    });
  }
  const seen = new Set<string>();
  for (const hp of distinct) {
    for (const fit of hp.flavorFit) {
      const key = `${fit.flavor}\u0000${hp.hardware}`;
      if (fit.limitedBy !== 'NUMA_CELL' || fit.instances > 0 || seen.has(key)) continue;
      seen.add(key);
      const numa = requests.get(fit.flavor)?.numa;
      if (!numa) continue;
      const cells = hp.numaCells ?? [];
      const largest = cells.reduce((m, c) => Math.max(m, numa.policy === 'shared' ? c.sharedCpus : c.dedicatedCpus), 0);
      out.push({
        code: 'compute.numa.flavor_exceeds_cell',
        severity: 'warning',
        subject: `flavor ${fit.flavor} / hardware ${hp.hardware}`,
        message:
          `flavor ${fit.flavor} needs ${numa.nodes} guest NUMA cell${numa.nodes === 1 ? '' : 's'} of ${fmtNumber(numa.cellPcpus + numa.emulatorPcpus + numa.cellVcpus)} CPUs and ${fmtNumber(numa.cellMemoryMib)} MiB` +
          `${numa.pageSize !== null ? ` (hw:mem_page_size ${typeof numa.pageSize === 'number' ? `${fmtNumber(numa.pageSize)} KiB` : numa.pageSize})` : ''}; the ${fmtNumber(cells.length)} cells of one ${hp.hardware} host have at most ${fmtNumber(largest)} ${numa.policy === 'shared' ? 'shared' : 'dedicated'} CPUs each: it never schedules there`,
        value: numa.cellPcpus + numa.emulatorPcpus + numa.cellVcpus,
        limit: largest,
        unit: 'CPUs',
        source: 'nova/virt/hardware.py _numa_fit_instance_cell, numa_fit_instance_to_host (NUMATopologyFilter)',
      });
    }
  }
  out.push(...serverGroupFindings(scenario, hostPlans, zoneOf));
  return out;
}

/**
 * `compute.server_group.too_few_hosts`: a demand line with serverGroupPolicy anti-affinity is
 * one server group, each instance on a different host (nova ServerGroupAntiAffinityFilter). In
 * month t it holds n(t) = ceil(count × growth(t)) instances; it needs n(t) candidate hosts (those
 * where its flavor fits at all, in its zone), and n(t) + tolerate.hosts to re-place the
 * instances of a lost host on hosts the group does not use yet. Reported at the first month
 * where candidates − tolerated hosts < n(t): an error when the candidates alone are too few
 * (instances cannot even boot), else a warning (a loss leaves instances without a host).
 * Example: 3 candidate hosts, N+1, a group of 3: 3 − 1 = 2 < 3 from month 0, a warning.
 */
function serverGroupFindings(scenario: Scenario, hostPlans: readonly ComputeHostPlan[], zoneOf: ReadonlyMap<string, string | undefined>): Finding[] {
  const out: Finding[] = [];
  const tolerate = scenario.policy.tolerate.hosts;
  scenario.demand.instances.forEach((inst, i) => {
    if (inst.serverGroupPolicy !== 'anti-affinity' || inst.count <= 0) return;
    const candidates = hostPlans.filter(
      (hp) => (hp.flavorFit.find((f) => f.flavor === inst.flavor)?.instances ?? 0) > 0 && (inst.availabilityZone === undefined || zoneOf.get(hp.host) === inst.availabilityZone),
    ).length;
    for (let t = 0; t < scenario.horizonMonths; t++) {
      const n = Math.ceil(inst.count * growthFactor(scenario.demand.growth, t) - 1e-9);
      if (candidates - tolerate >= n) continue;
      const boot = candidates < n;
      out.push({
        code: 'compute.server_group.too_few_hosts',
        severity: boot ? 'error' : 'warning',
        subject: `demand.instances[${i}] (${inst.flavor}${inst.availabilityZone !== undefined ? ` in ${inst.availabilityZone}` : ''})`,
        message: boot
          ? `the anti-affinity server group of ${fmtNumber(n)} ${inst.flavor} instances needs ${fmtNumber(n)} different hosts but only ${fmtNumber(candidates)} can take the flavor: the last ones do not boot`
          : `the anti-affinity server group of ${fmtNumber(n)} ${inst.flavor} instances has ${fmtNumber(candidates)} hosts that can take the flavor: after losing ${fmtNumber(tolerate)} (policy.tolerate.hosts) the group's lost instances find no host it does not use yet`,
        month: t,
        value: n,
        limit: boot ? candidates : candidates - tolerate,
        unit: 'hosts',
        source: 'nova/scheduler/filters/affinity_filter.py ServerGroupAntiAffinityFilter: one instance of the group per host',
      });
      break;
    }
  });
  return out;
}
