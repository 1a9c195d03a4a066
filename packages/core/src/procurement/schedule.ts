/**
 * The purchase schedule: month by month, when a resource would cross its threshold, buy
 * enough units of the role that supplies it that it does not, deliver them that month and
 * order them a lead time earlier. Pure: dates derive from the scenario's start.
 */
import { planCompute } from '../compute/compute-plan.js';
import type { Finding } from '../diagnostics/types.js';
import { growthFactor, monthLabel } from '../forecast/growth.js';
import { isOver, utilisation, type ResourceSeries } from '../forecast/horizon.js';
import { resourceSeries } from '../forecast/resources.js';
import type { NodeGroup, Rack, Scenario } from '../model/scenario.js';
import { expandHosts, UNRACKED } from '../plan/hosts.js';
import type { Host } from '../plan/types.js';
import { feedLimitWatts } from '../racks/feeds.js';
import { planStorage } from '../storage/storage-plan.js';
import { billOfMaterials } from './bom.js';
import { orderByDate } from './dates.js';
import type { ProcurementRole, PurchaseRule } from './rules.js';
import type { ProcurementPlan, Purchase } from './types.js';

/** Order units one purchase may hold before headroom gives up on a resource (a model that does not supply it). */
export const MAX_UNITS_PER_PURCHASE = 64;

/** Name prefix of purchased hosts: `compute-new-01`, ... (existing hosts keep their names). */
export const purchasedPrefix = (role: ProcurementRole): string => `${role}-new`;

/** The role that supplies a resource: `compute.*` -> compute, `storage.*` -> storage. */
export function supplyingRole(resourceId: string): ProcurementRole | null {
  if (resourceId.startsWith('compute.')) return 'compute';
  if (resourceId.startsWith('storage.')) return 'storage';
  return null;
}

/** The horizon's resource series for a fleet (the capacity arithmetic of evaluate, without the horizon). */
export function fleetSeries(scenario: Scenario): { series: ResourceSeries[]; hosts: Host[] } {
  const hosts = expandHosts(scenario).hosts;
  const compute = planCompute(scenario, hosts).plan;
  const storage = planStorage(scenario, hosts).plan;
  return { series: resourceSeries(scenario, compute, storage), hosts };
}

/**
 * The scenario's node groups with every host pinned to the rack expandHosts gives it (one
 * group per host, same order and prefix, so the same names): `spread` and `pack` would move
 * existing hosts once a rack is added.
 */
export function pinnedNodes(scenario: Scenario): NodeGroup[] {
  const hosts = expandHosts(scenario).hosts;
  let i = 0;
  const out: NodeGroup[] = [];
  for (const g of scenario.nodes) {
    for (let k = 0; k < g.count; k++) {
      const h = hosts[i++];
      out.push({ ...g, count: 1, ...(h && h.rack !== UNRACKED ? { rack: h.rack } : {}) });
    }
  }
  return out;
}

interface Fleet {
  racks: Rack[];
  nodes: NodeGroup[];
  added: Set<string>;
}

const withFleet = (scenario: Scenario, fleet: Fleet): Scenario => ({ ...scenario, racks: fleet.racks, nodes: fleet.nodes });

/**
 * Places one host of `hardware` for `role`: into `target` when given (a failure domain), else
 * into the rack holding the fewest hosts of the role among the racks that hold the role (then
 * racks added by earlier orders), the first that has the rack units (rack heightRu minus the
 * heightRu of its hosts) and the power (its hosts' maximum draw + this one's <= its budget).
 * When none fits, a new rack is added (the `newRack` template, else a copy of the last rack)
 * and the reason (`power` when some candidate had the space) returned.
 */
function placeHost(
  scenario: Scenario, fleet: Fleet, hosts: readonly Host[], role: ProcurementRole, hardware: string, target: string | undefined,
): { rack: string; added?: { name: string; reason: 'space' | 'power' } } {
  const hw = scenario.hardware[hardware];
  const ru = hw?.heightRu ?? 0;
  const maxW = hw?.power?.maxWatts ?? 0;
  const usedRu = new Map<string, number>();
  const powerMax = new Map<string, number>();
  const roleCount = new Map<string, number>();
  for (const h of hosts) {
    const m = scenario.hardware[h.hardware];
    usedRu.set(h.rack, (usedRu.get(h.rack) ?? 0) + (m?.heightRu ?? 0));
    powerMax.set(h.rack, (powerMax.get(h.rack) ?? 0) + (m?.power?.maxWatts ?? 0));
    if (h.role === role) roleCount.set(h.rack, (roleCount.get(h.rack) ?? 0) + 1);
  }
  const byName = new Map(fleet.racks.map((r) => [r.name, r]));
  let candidates: Rack[];
  if (target !== undefined) {
    candidates = [byName.get(target)].filter((r): r is Rack => r !== undefined);
  } else {
    const holding = fleet.racks.filter((r) => (roleCount.get(r.name) ?? 0) > 0 || fleet.added.has(r.name));
    candidates = (holding.length > 0 ? holding : fleet.racks)
      .map((r, i) => ({ r, i }))
      .sort((a, b) => (roleCount.get(a.r.name) ?? 0) - (roleCount.get(b.r.name) ?? 0) || a.i - b.i)
      .map((x) => x.r);
  }
  const hasSpace = (r: Rack): boolean => r.heightRu - (usedRu.get(r.name) ?? 0) >= ru;
  // the budget, and the feeds left after losing one (racks[].feed, racks/feeds.ts)
  const hasPower = (r: Rack): boolean => {
    const after = (powerMax.get(r.name) ?? 0) + maxW;
    const feed = feedLimitWatts(r);
    return (r.powerBudgetWatts === undefined || after <= r.powerBudgetWatts) && (feed === undefined || after <= feed);
  };
  const fit = candidates.find((r) => hasSpace(r) && hasPower(r));
  if (fit) return { rack: fit.name };
  // An added rack of an earlier unit of this order or an earlier order may still fit (same domain rule aside).
  const addedFit = target === undefined ? undefined : fleet.racks.find((r) => fleet.added.has(r.name) && roleCount.get(r.name) === undefined && hasSpace(r) && hasPower(r));
  if (addedFit) return { rack: addedFit.name };
  const reason: 'space' | 'power' = candidates.some(hasSpace) ? 'power' : 'space';
  const template = scenario.procurement?.newRack;
  const last = scenario.racks[scenario.racks.length - 1];
  const prefix = template?.namePrefix ?? 'new-rack';
  let n = 1;
  while (byName.has(`${prefix}-${String(n).padStart(2, '0')}`)) n++;
  const rack: Rack = { name: `${prefix}-${String(n).padStart(2, '0')}`, heightRu: template?.heightRu ?? last?.heightRu ?? 42 };
  const budget = template ? template.powerBudgetWatts : last?.powerBudgetWatts;
  if (budget !== undefined) rack.powerBudgetWatts = budget;
  const zone = template ? template.zone : last?.zone;
  if (zone !== undefined) rack.zone = zone;
  if (last?.switches) rack.switches = [`${rack.name}-tor-a`, `${rack.name}-tor-b`];
  if (last?.powerFeeds) rack.powerFeeds = [...last.powerFeeds];
  if (last?.feed) rack.feed = { ...last.feed };
  fleet.racks = [...fleet.racks, rack];
  fleet.added.add(rack.name);
  return { rack: rack.name, added: { name: rack.name, reason } };
}

/**
 * Adds one order unit: `batch` hosts, or with `ceph.failureDomain: rack` for storage `batch`
 * hosts in each rack that held storage hosts at the start (the failure domains grow together).
 */
function addUnit(
  scenario: Scenario, fleet: Fleet, role: ProcurementRole, rule: PurchaseRule, domains: readonly string[], purchase: Purchase,
  bought: { name: string; rack: string }[],
): void {
  const targets: (string | undefined)[] = role === 'storage' && scenario.ceph.failureDomain === 'rack' && domains.length > 0 ? [...domains] : [undefined];
  for (const target of targets) {
    for (let b = 0; b < rule.batch; b++) {
      const hosts = expandHosts(withFleet(scenario, fleet)).hosts;
      const placed = placeHost(scenario, fleet, hosts, role, rule.hardware, target);
      if (placed.added) purchase.racksAdded.push(placed.added);
      fleet.nodes = [...fleet.nodes, { role, hardware: rule.hardware, count: 1, placement: 'spread', rack: placed.rack, namePrefix: purchasedPrefix(role) }];
      purchase.placement[placed.rack] = (purchase.placement[placed.rack] ?? 0) + 1;
      // named once the fleet is final (the width of the number depends on how many are bought)
      const host = { name: '', rack: placed.rack };
      purchase.hosts.push(host);
      bought.push(host);
      purchase.quantity += 1;
    }
  }
}

/** The months an order delivered in month m must keep under the trigger: m .. m + coverMonths, within the horizon. */
const coveredMonths = (m: number, coverMonths: number, count: number): number[] =>
  Array.from({ length: Math.max(1, Math.min(coverMonths, count - 1 - m) + 1) }, (_, i) => m + i);

/** True when resource `s` is above `threshold` × its tolerated capacity at month t. */
const overAt = (scenario: Scenario, s: ResourceSeries, t: number, threshold: number): boolean =>
  isOver(s.demandMonth0 * growthFactor(scenario.demand.growth, t), s.capacityTolerated, threshold);
const utilAt = (scenario: Scenario, s: ResourceSeries, t: number): number | null =>
  utilisation(s.demandMonth0 * growthFactor(scenario.demand.growth, t), s.capacityTolerated);

/**
 * planProcurement: null without a `procurement:` section. Otherwise, from month 0:
 * 1. with every host bought so far, find the earliest month m (not before the last delivery)
 *    in which a resource whose role has a rule is above its trigger (the rule's threshold,
 *    else the policy threshold: compute 0.80 of the capacity with the tolerated failures
 *    removed, N+1; Ceph pools their safe usable limit);
 * 2. add order units of that role (re-evaluating Placement and Ceph capacity with the new
 *    hosts each time) until the resource is at or below its trigger in month m and the
 *    rule's `coverMonths` months after it (within the horizon); the hosts are
 *    delivered in month m, ordered by orderByDate(start, m, leadTimeWeeks);
 * 3. repeat until no resource with a rule crosses within the horizon.
 * Units bought for the same role and month are one purchase. Source: headroom [model].
 */
export function planProcurement(scenario: Scenario): ProcurementPlan | null {
  const policy = scenario.procurement;
  if (!policy) return null;
  const count = Math.max(0, Math.floor(scenario.horizonMonths));
  const fleet: Fleet = { racks: [...scenario.racks], nodes: pinnedNodes(scenario), added: new Set() };
  const startHosts = expandHosts(scenario).hosts;
  const storageDomains = scenario.racks.map((r) => r.name).filter((r) => startHosts.some((h) => h.role === 'storage' && h.rack === r));
  const purchases: Purchase[] = [];
  /** Every bought host, in the order its node group was appended to fleet.nodes. */
  const bought: { name: string; rack: string }[] = [];
  const givenUp = new Set<string>();
  const findings: Finding[] = [];
  let cursor = 0;

  for (let guard = 0; guard < 10 * count + 10; guard++) {
    const { series } = fleetSeries(withFleet(scenario, fleet));
    let next: { s: ResourceSeries; m: number; role: ProcurementRole; rule: PurchaseRule; threshold: number } | null = null;
    for (const s of series) {
      const role = supplyingRole(s.id);
      const rule = role ? policy.roles[role] : undefined;
      if (!role || !rule || givenUp.has(s.id)) continue;
      const threshold = rule.threshold ?? s.threshold;
      for (let m = cursor; m < count && (next === null || m < next.m); m++) {
        if (overAt(scenario, s, m, threshold)) {
          next = { s, m, role, rule, threshold };
          break;
        }
      }
    }
    if (!next) break;
    const { s, m, role, rule, threshold } = next;
    let purchase = purchases.find((p) => p.role === role && p.deliveryMonthIndex === m);
    if (!purchase) {
      const hw = scenario.hardware[rule.hardware];
      const order = orderByDate(scenario.start, m, rule.leadTimeWeeks);
      purchase = {
        role, hardware: rule.hardware, model: hw?.model ?? rule.hardware, quantity: 0,
        deliveryMonthIndex: m, deliveryMonth: monthLabel(scenario.start, m),
        orderBy: order?.date ?? `${monthLabel(scenario.start, m)} - ${rule.leadTimeWeeks} weeks`,
        leadTimeWeeks: rule.leadTimeWeeks, late: order?.beforeStart ?? false,
        reasons: [], placement: {}, hosts: [], racksAdded: [],
        unitPriceAmount: null, totalPriceAmount: null, currency: null, heightRuTotal: 0,
        powerTypicalWatts: null, powerMaxWatts: null, heatTypicalBtuPerHour: null,
        cumulativePriceAmount: null, cumulativePowerTypicalWatts: null,
      };
      purchases.push(purchase);
    }
    const before = utilAt(scenario, s, m);
    let after: ResourceSeries | undefined;
    for (let unit = 0; unit < MAX_UNITS_PER_PURCHASE; unit++) {
      addUnit(scenario, fleet, role, rule, storageDomains, purchase, bought);
      after = fleetSeries(withFleet(scenario, fleet)).series.find((x) => x.id === s.id);
      if (!after || !coveredMonths(m, rule.coverMonths, count).some((t) => overAt(scenario, after!, t, threshold))) break;
    }
    purchase.reasons.push({ resource: s.id, threshold, utilisationBefore: before, utilisationAfter: after ? utilAt(scenario, after, m) : null });
    if (after && coveredMonths(m, rule.coverMonths, count).some((t) => overAt(scenario, after!, t, threshold))) {
      givenUp.add(s.id);
      findings.push({
        code: 'procurement.no_fit', severity: 'warning', subject: `resource ${s.id}`, month: m,
        message: `${s.label}: ${MAX_UNITS_PER_PURCHASE} order units of ${rule.hardware} do not bring it under ${(threshold * 100).toFixed(0)} % in ${monthLabel(scenario.start, m)}: does this model supply it?`,
        source: 'headroom [model]: procurement schedule',
      });
    }
    cursor = m;
  }

  const final = fleetSeries(withFleet(scenario, fleet)).series;
  const uncovered = final
    .filter((s) => {
      const role = supplyingRole(s.id);
      const threshold = (role ? policy.roles[role]?.threshold : undefined) ?? s.threshold;
      return Array.from({ length: count }, (_, t) => t).some((t) => overAt(scenario, s, t, threshold));
    })
    .map((s) => s.id);
  for (const id of uncovered) {
    if (givenUp.has(id)) continue;
    findings.push({
      code: 'procurement.uncovered', severity: 'warning', subject: `resource ${id}`,
      message: `${id} still crosses its threshold within the horizon: procurement has no rule for the role that supplies it`,
      source: 'headroom [model]: procurement schedule',
    });
  }
  // The fleet lists the pinned existing hosts (same names, same order) then one group per bought host.
  const finalHosts = expandHosts(withFleet(scenario, fleet)).hosts;
  bought.forEach((b, i) => {
    const h = finalHosts[startHosts.length + i];
    if (!h || h.rack !== b.rack) throw new Error(`procurement: bought host ${i} is not where the schedule placed it`);
    b.name = h.name;
  });
  const plan = billOfMaterials(scenario, purchases, fleet.racks, startHosts, uncovered, findings);
  plan.utilisation = utilisationTimeline(scenario, plan, fleet.racks);
  plan.addedRacks = fleet.racks.filter((r) => fleet.added.has(r.name));
  return plan;
}

/**
 * The scenario with the purchases delivered by month t: the existing hosts pinned to their
 * racks, each purchase's hosts in the racks it placed them in, every added rack present.
 */
export function fleetDeliveredBy(scenario: Scenario, purchases: readonly Purchase[], racks: readonly Rack[], t: number): Scenario {
  const nodes = pinnedNodes(scenario);
  for (const p of purchases.filter((x) => x.deliveryMonthIndex <= t)) {
    for (const [rack, count] of Object.entries(p.placement)) {
      nodes.push({ role: p.role, hardware: p.hardware, count, placement: 'spread', rack, namePrefix: purchasedPrefix(p.role) });
    }
  }
  return { ...scenario, racks: [...racks], nodes };
}

/** Utilisation (tolerated failures removed) per month of every resource with a rule, without and with the purchases delivered by then. */
function utilisationTimeline(scenario: Scenario, plan: ProcurementPlan, racks: readonly Rack[]): ProcurementPlan['utilisation'] {
  const policy = scenario.procurement!;
  const count = Math.max(0, Math.floor(scenario.horizonMonths));
  const without = fleetSeries(scenario).series;
  const byDelivery = new Map<number, ResourceSeries[]>();
  const seriesAt = (t: number): ResourceSeries[] => {
    // the last delivery month at or before t: the fleet only changes in delivery months
    const d = Math.max(-1, ...plan.purchases.map((p) => p.deliveryMonthIndex).filter((m) => m <= t));
    if (d < 0) return without;
    if (!byDelivery.has(d)) byDelivery.set(d, fleetSeries(fleetDeliveredBy(scenario, plan.purchases, racks, d)).series);
    return byDelivery.get(d)!;
  };
  const out: ProcurementPlan['utilisation'] = [];
  for (const s of without) {
    const role = supplyingRole(s.id);
    const rule = role ? policy.roles[role] : undefined;
    if (!rule) continue;
    for (let t = 0; t < count; t++) {
      const w = seriesAt(t).find((x) => x.id === s.id);
      out.push({
        resource: s.id, index: t, month: monthLabel(scenario.start, t), threshold: rule.threshold ?? s.threshold,
        without: utilAt(scenario, s, t), with: w ? utilAt(scenario, w, t) : null,
        capacityToleratedWithout: s.capacityTolerated, capacityToleratedWith: w ? w.capacityTolerated : null,
      });
    }
  }
  return out;
}
