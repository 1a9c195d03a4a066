/**
 * evaluateLayouts: the layout comparison of a scenario (storage/layouts.ts) on its month-0
 * fleet (expandHosts), with the replication bandwidth the plan itself uses for recovery (the
 * network plan's replication link, or each storage host's fastest NIC card); optionally on
 * another storage model of the catalogue; and each layout sized for the horizon.
 */
import { expandHosts } from '../fleet/hosts.js';
import type { CephLayoutComparison, CephLayoutRow } from '../model/layouts.js';
import type { Host } from '../model/plan.js';
import type { Scenario } from '../model/scenario.js';
import { cephRecoveryBandwidth } from '../network/traffic.js';
import type { CephPlanOptions } from '../storage/ceph-plan.js';
import { compareLayouts, layoutContext, planLayout } from '../storage/layouts.js';

/** Options of evaluateLayouts. */
export interface EvaluateLayoutsOptions {
  /** Compare on the OSDs of this device class (default: the class whose pools store the most). */
  deviceClass?: string | null;
  /** Compare on this storage model of `hardware:` instead: every storage group takes it, with the same host counts. */
  hardware?: string;
}

/** The hosts of a scenario and the replication bandwidth its plan would use. */
function fleet(scenario: Scenario): { hosts: Host[]; options: CephPlanOptions } {
  const hosts = expandHosts(scenario).hosts;
  const replication = cephRecoveryBandwidth(scenario, hosts);
  return {
    hosts,
    options: replication
      ? {
          replicationBitsPerSecondByHost: new Map(hosts.filter((h) => h.role === 'storage').map((h) => [h.name, replication.perHostBitsPerSecond])),
          replicationSource: `the network plan: ${replication.network} on ${replication.link}`,
        }
      : {},
  };
}

/** A row fits the horizon: clean, clean again after the tolerated loss, and under its safe usable limit to the end. */
const fits = (r: CephLayoutRow): boolean => r.clean && r.healthyAfterLoss && r.runwayMonths === null && r.storedBytesMonth0 > 0;

/**
 * Compares the Ceph layouts of `scenario` (compareLayouts), then sizes each for the horizon when
 * the storage role is one node group: the smallest count N of its hosts (placed as the group
 * places them) with which the layout fits (clean, heals after the tolerated loss, runway to safe
 * usable beyond the horizon), by bisection over [1, max(4 x the group's count, fewest hosts + 4)]
 * (fitting grows with N); its CAPEX = N x the model's price, per usable and per safe usable TB at N.
 */
export function evaluateLayouts(scenario: Scenario, options: EvaluateLayoutsOptions = {}): CephLayoutComparison {
  const hw = options.hardware;
  const s: Scenario = hw === undefined ? scenario : { ...scenario, nodes: scenario.nodes.map((g) => (g.role === 'storage' ? { ...g, hardware: hw } : g)) };
  const base = fleet(s);
  const cmpOptions = options.deviceClass === undefined ? base.options : { ...base.options, deviceClass: options.deviceClass };
  const comparison = { ...compareLayouts(s, base.hosts, cmpOptions), hardware: hw ?? null };
  const groups = s.nodes.filter((g) => g.role === 'storage');
  if (groups.length !== 1) {
    return { ...comparison, horizonSizing: `not sized: ${groups.length} storage node groups (sizing adds hosts to a single group)` };
  }
  const group = groups[0]!;
  const hi = Math.max(4 * group.count, ...comparison.rows.map((r) => r.fewestHosts + 4));
  const cache = new Map<number, ReturnType<typeof fleet> & { ctx: ReturnType<typeof layoutContext> }>();
  const at = (n: number) => {
    let f = cache.get(n);
    if (!f) {
      const sized: Scenario = { ...s, nodes: s.nodes.map((g) => (g === group ? { ...g, count: n } : g)) };
      const fl = fleet(sized);
      f = { ...fl, ctx: layoutContext(sized, fl.hosts, cmpOptions) };
      cache.set(n, f);
    }
    return f;
  };
  const rows = comparison.rows.map((row): CephLayoutRow => {
    const planAt = (n: number) => planLayout(s, at(n).hosts, row, { ...at(n).ctx, options: at(n).options });
    if (!fits(planAt(hi))) return row;
    let [lo, top] = [1, hi];
    while (lo < top) {
      const mid = Math.floor((lo + top) / 2);
      if (fits(planAt(mid))) top = mid;
      else lo = mid + 1;
    }
    const sized = planAt(lo);
    return {
      ...row,
      horizon: { hosts: lo, capex: at(lo).ctx.capex?.amount ?? null, capexPerUsableTb: sized.capexPerUsableTb, capexPerSafeUsableTb: sized.capexPerSafeUsableTb },
    };
  });
  return {
    ...comparison,
    rows,
    horizonSizing: `${group.hardware} hosts of the storage group, bisected over 1..${hi}: the fewest with which the layout is clean, heals after the tolerated loss and stays under safe usable to the end of the horizon`,
  };
}
