/**
 * Findings about heterogeneous compute: a flavor no compute host can take, and a flavor
 * whose NUMA topology fits no cell of a hardware model that has room for it in Placement's
 * totals.
 */
import type { Finding } from '../diagnostics/types.js';
import type { ComputeHostPlan } from '../model/plan.js';
import type { Scenario } from '../model/scenario.js';
import { fmtNumber } from '../units/format.js';
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
 */
export function heterogeneousFindings(scenario: Scenario, hostPlans: readonly ComputeHostPlan[], requests: ReadonlyMap<string, FlavorPlacementRequest>): Finding[] {
  const out: Finding[] = [];
  if (hostPlans.length === 0) return out;
  const demanded = new Set(scenario.demand.instances.filter((i) => i.count > 0).map((i) => i.flavor));
  for (const f of Object.values(scenario.openstack.flavors)) {
    const fits = hostPlans.map((hp) => hp.flavorFit.find((x) => x.flavor === f.name)).filter((x) => x !== undefined);
    if (fits.some((x) => x.instances > 0) || fits.every((x) => x.exceedsMaxUnit)) continue;
    const why = [...new Set(fits.filter((x) => !x.exceedsMaxUnit).map((x) => x.excludedBy ?? (x.limitedBy === 'NUMA_CELL' ? 'its NUMA topology fits no cell' : `not enough ${x.limitedBy}`)))];
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
  for (const hp of hostPlans) {
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
          `${numa.pageSize !== null ? ` (hw:mem_page_size ${typeof numa.pageSize === "number" ? `${fmtNumber(numa.pageSize)} KiB` : numa.pageSize})` : ''}; the ${fmtNumber(cells.length)} cells of one ${hp.hardware} host have at most ${fmtNumber(largest)} ${numa.policy === 'shared' ? 'shared' : 'dedicated'} CPUs each: it never schedules there`,
        value: numa.cellPcpus + numa.emulatorPcpus + numa.cellVcpus,
        limit: largest,
        unit: 'CPUs',
        source: 'nova/virt/hardware.py _numa_fit_instance_cell, numa_fit_instance_to_host (NUMATopologyFilter)',
      });
    }
  }
  return out;
}
