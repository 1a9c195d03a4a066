/**
 * The purchase schedule: month by month, when a resource would cross its threshold, buy
 * enough units of the role that supplies it that it does not, deliver them that month and
 * order them a lead time earlier. Pure: dates derive from the scenario's start.
 */
import { type DemandModel, demandModel } from '../forecast/demand.js';
import { seriesDemand } from '../forecast/demand-series.js';
import { planCompute } from '../compute/compute-plan.js';
import type { Finding } from '../diagnostics/types.js';
import { buildFleetTimeline, epochAt, type FleetEpoch, type FleetTimeline } from '../fleet/timeline.js';
import { monthLabel } from '../forecast/growth.js';
import { isOver, utilisation, type ResourceSeries } from '../forecast/horizon.js';
import { resourceSeries, storageSeries } from '../forecast/resources.js';
import type { NodeGroup, Rack, Scenario } from '../model/scenario.js';
import { expandHosts, hostName, UNRACKED } from '../fleet/hosts.js';
import { sameList } from '../fleet/prefix.js';
import { RoleHosts } from '../fleet/role-hosts.js';
import type { Host } from '../model/plan.js';
import type { FleetHost } from '../model/fleet.js';
import { planStorage } from '../storage/storage-plan.js';
import { billOfMaterials } from './bom.js';
import { CapacityCurves, roleSeries, unitTargets } from './curves.js';
import { ComputeCurveSums } from './compute-curve.js';
import { StorageCurveTree } from './storage-curve.js';
import { orderByDate } from './dates.js';
import { PROCUREMENT_ROLES, purchaseRule, slotRule, type ProcurementRole, type PurchaseRule } from '../model/procurement-rules.js';
import { cannotMeetFinding, ruledResources, searchUnits } from './search.js';
import { purchaseKey, type ProcurementPlan, type Purchase } from '../model/procurement.js';

/** Name prefix of purchased hosts: `compute-new-01`, ... (existing hosts keep their names). */
export const purchasedPrefix = (role: ProcurementRole): string => `${role}-new`;

/**
 * True when the names scheduleProcurement gives purchased hosts (`<role>-new-NN`, numbered per
 * role with one width per role: unique among them) cannot be any initial host's: no initial
 * host's name begins with a purchased prefix.
 */
export function purchasedNamesFresh(initial: readonly Host[]): boolean {
  const prefixes = PROCUREMENT_ROLES.map(purchasedPrefix);
  return !initial.some((h) => prefixes.some((p) => h.name.startsWith(p)));
}

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

/** A purchase of `role` delivered in month m, with no hosts yet (billOfMaterials fills the money and power). */
function emptyPurchase(scenario: Scenario, role: ProcurementRole, rule: PurchaseRule, m: number, aggregate?: string): Purchase {
  const hw = scenario.hardware[rule.hardware];
  const order = orderByDate(scenario.start, m, rule.leadTimeWeeks);
  return {
    role,
    ...(aggregate !== undefined ? { aggregate } : {}),
    hardware: rule.hardware,
    model: hw?.model ?? rule.hardware,
    quantity: 0,
    deliveryMonthIndex: m,
    deliveryMonth: monthLabel(scenario.start, m),
    orderBy: order?.date ?? `${monthLabel(scenario.start, m)} - ${rule.leadTimeWeeks} weeks`,
    leadTimeWeeks: rule.leadTimeWeeks,
    late: order?.beforeStart ?? false,
    reasons: [],
    placement: {},
    hosts: [],
    racksAdded: [],
    unitPriceAmount: null,
    totalPriceAmount: null,
    currency: null,
    heightRuTotal: 0,
    powerTypicalWatts: null,
    powerMaxWatts: null,
    heatTypicalBtuPerHour: null,
    cumulativePriceAmount: null,
    cumulativePowerTypicalWatts: null,
  };
}

/**
 * The resource series of every epoch of a timeline, its racks in scope: the figures of
 * resourceSeries in evaluate (computeSeries over planCompute, storageSeries over the pool
 * figures of planStorage: storageCapacity), in resourceSeries order. `storageKnown` may give an
 * epoch's storage series already computed (the capacity curves' point of the same figures), or
 * null. `purchasedNamesUnique`: the caller vouches that the names of the timeline's purchased
 * hosts differ from each other and from every other host's (then they are not looked up).
 */
export function epochSeries(
  scenario: Scenario,
  timeline: FleetTimeline,
  seed?: { hosts: readonly Host[]; compute?: ComputeCurveSums; storage?: () => StorageCurveTree },
  storageKnown?: (epoch: FleetEpoch) => ResourceSeries[] | null,
  purchasedNamesUnique = false,
): ResourceSeries[][] {
  const withRacks = { ...scenario, racks: timeline.racks };
  // A role's figures change only in an epoch where a host of that role arrives or leaves.
  const changes = roleChanges(timeline.hosts);
  // Without retirements each epoch's hosts extend the previous epoch's (timeline order: the
  // initial fleet, then purchases in delivery order): the curves' sums and growing CRUSH tree
  // give the same figures as roleSeries without rebuilding the plan per epoch.
  const growing = timeline.epochs.length > 1 && timeline.hosts.every((h) => h.untilMonth === null);
  const first = timeline.epochs[0]?.hosts ?? [];
  const last = timeline.epochs[timeline.epochs.length - 1]?.hosts ?? [];
  // the curves' figures of the fleet without purchases, when it begins every epoch's hosts
  const seeded = growing && seed !== undefined && seed.hosts.length <= first.length && seed.hosts.every((h, i) => sameHost(h, first[i]!));
  // each evaluator: its base, then every later host of the last epoch appended in order
  let sums: ComputeCurveSums | null = null;
  let computeBase = first.length;
  if (growing && seeded && seed.compute) {
    sums = seed.compute;
    computeBase = seed.hosts.length;
  } else if (growing) sums = new ComputeCurveSums(withRacks, first);
  if (sums) {
    // the last epoch of a growing timeline holds every host, in timeline order: host i is timeline.hosts[i]
    const fleet = purchasedNamesUnique && last.length === timeline.hosts.length ? timeline.hosts : null;
    appendCompute(sums, last, computeBase, fleet);
  }
  // the CRUSH tree only when an epoch's storage series are not known already
  let tree: StorageCurveTree | null | undefined;
  const treeOf = (): StorageCurveTree | null => {
    if (tree !== undefined) return tree;
    tree = null;
    if (growing && seeded && seed.storage) {
      tree = seed.storage();
      appendStorage(tree, last, seed.hosts.length);
    } else if (growing) tree = new StorageCurveTree(withRacks, last);
    return tree;
  };
  const computeOf = (hosts: readonly Host[]): ResourceSeries[] => sums?.series(hosts.length - computeBase) ?? roleSeries(withRacks, 'compute', hosts);
  const storageOf = (e: FleetEpoch): ResourceSeries[] => {
    const known = storageKnown?.(e);
    if (known) return known;
    const hosts = e.hosts;
    const ruleSets = treeOf()?.ruleSets(hosts.length, timeline.racks);
    return ruleSets ? storageSeries(withRacks, { ceph: { ruleSets } }) : roleSeries(withRacks, 'storage', hosts);
  };
  let compute: ResourceSeries[] = [];
  let storage: ResourceSeries[] = [];
  return timeline.epochs.map((e, i) => {
    const roles = changes.get(e.fromMonth);
    if (i === 0 || roles?.has('compute')) compute = computeOf(e.hosts);
    if (i === 0 || roles?.has('storage')) storage = storageOf(e);
    return [...compute, ...storage];
  });
}

// epochSeries' loops over the fleet, each a small function of its own (optimised alone, not the
// whole of epochSeries on the stack): indexed loops (no iterator result per host while the code
// is not optimised yet)

/** Per month, the roles of the hosts arriving or leaving in it (the Sets filled in host order). */
function roleChanges(hosts: readonly FleetHost[]): Map<number, Set<string>> {
  const changes = new Map<number, Set<string>>();
  // the last (month, role) recorded: hosts come in runs of one role and month, and a repeat adds nothing
  const last = { month: Number.NaN, role: '' };
  for (let i = 0; i < hosts.length; i++) {
    const h = hosts[i]!;
    change(changes, last, h.fromMonth, h.role);
    if (h.untilMonth !== null) change(changes, last, h.untilMonth, h.role);
  }
  return changes;
}

/** Records `role` under `month` unless it is the last pair recorded. */
function change(changes: Map<number, Set<string>>, last: { month: number; role: string }, month: number, role: string): void {
  if (month === last.month && role === last.role) return;
  last.month = month;
  last.role = role;
  let roles = changes.get(month);
  if (!roles) {
    roles = new Set();
    changes.set(month, roles);
  }
  roles.add(role);
}

/** Appends hosts[from..] to `sums`, each marked fresh when `fleet` (the timeline's hosts, index for index) says it is purchased under the same name. */
function appendCompute(sums: ComputeCurveSums, hosts: readonly Host[], from: number, fleet: readonly FleetHost[] | null): void {
  for (let i = from; i < hosts.length; i++) {
    const h = hosts[i]!;
    const f = fleet?.[i];
    sums.append(h, f?.purchased === true && f.name === h.name);
  }
}

/** Appends hosts[from..] to `tree`, in order. */
function appendStorage(tree: StorageCurveTree, hosts: readonly Host[], from: number): void {
  for (let i = from; i < hosts.length; i++) tree.append(hosts[i]!);
}

/** The same host as far as any figure goes: name, role, model, rack, zone and aggregates. */
function sameHost(a: Host, b: Host): boolean {
  return a.name === b.name && a.role === b.role && a.hardware === b.hardware && a.rack === b.rack && a.zone === b.zone && sameList(a.aggregates ?? [], b.aggregates ?? []);
}

/**
 * planProcurement: null without a `procurement:` section. Otherwise the purchase schedule of
 * the fleet `base` (the timeline without purchases; default: the initial fleet with its
 * retirements, buildFleetTimeline(scenario, expandHosts(scenario).hosts)):
 * 1. capacity curves (curves.ts): per epoch of `base` and role with a rule, f(n) = the tolerated
 *    capacity of the epoch's hosts plus n order units, evaluated lazily;
 * 2. the search (search.ts searchUnits): the earliest month m (not before the last delivery) in
 *    which a resource whose role has a rule is above its trigger (the rule's threshold, else
 *    the policy threshold: compute 0.80 of the capacity with the tolerated failures removed;
 *    Ceph pools their safe usable limit), with f(units bought so far) of m's epoch; buy the
 *    fewest units that keep it at or under its trigger in months m .. m + coverMonths;
 *    delivered in month m, ordered by orderByDate(start, m, leadTimeWeeks); repeat. A retired
 *    node group lowers f from its retire month, so replacements are bought then;
 * 3. the units are placed in racks (placement.ts) in the order found, on the fleet in service
 *    in their delivery month; hosts are named `<role>-new-NN` (numbered per role in delivery
 *    order, the width from the total bought, as expandHosts names a node group);
 * 4. the whole schedule is checked once on the timeline with the purchases: a resource still
 *    over in some month is `uncovered`. A resource no number of units brings under its trigger
 *    is `procurement.cannot_meet` (warning, and uncovered).
 * Units bought for the same role and month are one purchase. Source: headroom [model].
 */
export function planProcurement(scenario: Scenario, base?: FleetTimeline, model: DemandModel = demandModel(scenario)): ProcurementPlan | null {
  return scheduleProcurement(scenario, base, model)?.plan ?? null;
}

/** planProcurement's plan and the fleet timeline it was checked on. */
export interface ScheduledProcurement {
  plan: ProcurementPlan;
  /**
   * buildFleetTimeline(scenario, expandHosts(scenario).hosts, plan.purchases, plan.addedRacks):
   * the timeline the schedule was checked on, when it is that one (the same hosts in the same
   * order), else null (then build it).
   */
  timeline: FleetTimeline | null;
}

/**
 * planProcurement, with the timeline with the purchases it built for its check (step 4), so
 * that evaluate does not build it again. Same plan as planProcurement; null without a
 * `procurement:` section. `hosts`: expandHosts(scenario).hosts when the caller has them
 * (evaluate), read only.
 */
export function scheduleProcurement(scenario: Scenario, base?: FleetTimeline, model: DemandModel = demandModel(scenario), hosts?: readonly Host[]): ScheduledProcurement | null {
  const policy = scenario.procurement;
  if (!policy) return null;
  const count = Math.max(0, Math.floor(scenario.horizonMonths));
  const startHosts = hosts ?? expandHosts(scenario).hosts;
  const timeline = base ?? buildFleetTimeline(scenario, startHosts);
  const curves = new CapacityCurves(scenario, timeline, startHosts);
  const resources = ruledResources(scenario, curves);
  const search = searchUnits(scenario, curves, resources, model);
  const findings: Finding[] = search.cannotMeet.map((c) => cannotMeetFinding(scenario, c));
  const givenUp = new Set(search.cannotMeet.map((c) => c.resource.id));

  // Place the units in the order the search found them, on the fleet in service at delivery.
  const placer = curves.placerAt(curves.epochIndex(0)); // new RackPlacer(scenario, scenario.racks, hostsInService(timeline, 0))
  const retiring = timeline.hosts.filter((h) => !h.purchased && h.untilMonth !== null).sort((a, b) => a.untilMonth! - b.untilMonth!);
  let retired = 0;
  const purchases: Purchase[] = [];
  const bought: Record<ProcurementRole, { name: string; rack: string }[]> = { compute: [], storage: [] };
  // each purchase's hosts per rack, counted in a Map (a rack-keyed object is slow to update per host) and
  // copied into `placement` at the end in the same first-placed order: the same object
  const perRack = new Map<Purchase, Map<string, number>>();
  for (const o of search.orders) {
    for (; retired < retiring.length && retiring[retired]!.untilMonth! <= o.m; retired++) {
      const h = retiring[retired]!;
      placer.account(h.role, h.hardware, h.rack, -1);
    }
    const rule = slotRule(policy, o.slot)!.rule;
    let purchase = purchases.find((p) => purchaseKey(p) === o.slot && p.deliveryMonthIndex === o.m);
    if (!purchase) {
      purchase = emptyPurchase(scenario, o.role, rule, o.m, o.aggregate);
      purchases.push(purchase);
    }
    purchase.reasons.push(o.reason);
    let placement = perRack.get(purchase);
    if (!placement) {
      placement = new Map();
      perRack.set(purchase, placement);
    }
    const targets = unitTargets(scenario, o.role, curves.domains);
    placing: for (let u = 0; u < o.units; u++) {
      for (const target of targets) {
        for (let b = 0; b < rule.batch; b++) {
          const placed = placer.place(o.role, rule.hardware, target);
          if (placed.rack === null) {
            findings.push(cannotMeetFinding(scenario, { resource: resources.find((r) => r.id === o.reason.resource)!, m: o.m, short: { kind: placed.reason, units: u } }));
            givenUp.add(o.reason.resource);
            break placing;
          }
          if (placed.added) purchase.racksAdded.push(placed.added);
          placement.set(placed.rack, (placement.get(placed.rack) ?? 0) + 1);
          const host = { name: '', rack: placed.rack };
          purchase.hosts.push(host);
          bought[o.role].push(host);
          purchase.quantity += 1;
        }
      }
    }
  }
  for (const [purchase, placement] of perRack) for (const [rack, n] of placement) purchase.placement[rack] = n;
  // Names as expandHosts gives them to the fleet with one node group per bought host after the scenario's groups.
  for (const role of PROCUREMENT_ROLES) {
    const prefix = purchasedPrefix(role);
    const existing = scenario.nodes.filter((g) => g.namePrefix === prefix).reduce((a, g) => a + g.count, 0);
    bought[role].forEach((h, i) => {
      h.name = hostName(prefix, existing + i + 1, existing + bought[role].length);
    });
  }
  const nonEmpty = purchases.filter((p) => p.quantity > 0);
  const addedRacks = placer.added.map((a) => a.rack);

  // The whole schedule, checked once on the timeline with the purchases.
  const withPurchases = buildFleetTimeline(scenario, startHosts, nonEmpty, addedRacks);
  // the storage series of an epoch read off the storage curve when they are one of its points (CapacityCurves.storageSeriesOf)
  const storageHosts = new RoleHosts(['storage']);
  const withSeries = epochSeries(
    scenario,
    withPurchases,
    curves.firstEpochFigures(),
    (e) => curves.storageSeriesOf(e.fromMonth, storageHosts.of(e.hosts)[0]!),
    purchasedNamesFresh(startHosts),
  );
  const seriesAt = (t: number): ResourceSeries[] => withSeries[withPurchases.epochs.indexOf(epochAt(withPurchases, t))]!;
  const demandAt = (s: ResourceSeries, t: number): number => seriesDemand(scenario, model, s, t);
  const ruled = new Map(resources.map((r) => [r.id, r]));
  const thresholdOf = (s: ResourceSeries): number => {
    const role = supplyingRole(s.id);
    return ruled.get(s.id)?.rule.threshold ?? (role ? policy.roles[role]?.threshold : undefined) ?? s.threshold;
  };
  const ids = (withSeries[0] ?? []).map((s) => s.id);
  const uncovered = ids.filter((id) =>
    Array.from({ length: count }, (_, t) => t).some((t) => {
      const s = seriesAt(t).find((x) => x.id === id);
      return s !== undefined && isOver(demandAt(s, t), s.capacityTolerated, thresholdOf(s));
    }),
  );
  for (const id of uncovered) {
    if (givenUp.has(id)) continue;
    const role = supplyingRole(id);
    findings.push({
      code: 'procurement.uncovered',
      severity: 'warning',
      subject: `resource ${id}`,
      message:
        ruled.has(id) || (role && policy.roles[role])
          ? `${id} still crosses its threshold within the horizon with the purchases placed in their racks`
          : `${id} still crosses its threshold within the horizon: procurement has no rule for the role that supplies it`,
      source: 'headroom [model]: procurement schedule',
    });
  }
  // the order buildFleetTimeline delivers the purchases in (stable by delivery month), before billOfMaterials sorts them by month and role
  const delivered = byDelivery(nonEmpty);
  const plan = billOfMaterials(scenario, nonEmpty, placer.racks, startHosts, uncovered, findings);
  plan.addedRacks = addedRacks;
  plan.utilisation = [];
  for (const r of resources) {
    for (let t = 0; t < count; t++) {
      const without = curves.seriesAt(t, r.slot, 0)?.get(r.id);
      const w = seriesAt(t).find((x) => x.id === r.id);
      if (!without) continue;
      const d = demandAt(without, t);
      plan.utilisation.push({
        resource: r.id,
        index: t,
        month: monthLabel(scenario.start, t),
        threshold: r.threshold,
        without: utilisation(d, without.capacityTolerated),
        with: w ? utilisation(d, w.capacityTolerated) : null,
        capacityToleratedWithout: without.capacityTolerated,
        capacityToleratedWith: w ? w.capacityTolerated : null,
      });
    }
  }
  // the plan's purchases give the same timeline when buildFleetTimeline delivers them in the same order
  const after = byDelivery(plan.purchases);
  const same = after.length === delivered.length && after.every((p, i) => p === delivered[i]);
  return { plan, timeline: same ? withPurchases : null };
}

/** Purchases in the order buildFleetTimeline adds their hosts: by delivery month, stable. */
const byDelivery = (purchases: readonly Purchase[]): Purchase[] => [...purchases].sort((a, b) => a.deliveryMonthIndex - b.deliveryMonthIndex);

/**
 * The scenario with the purchases delivered by month t: the existing hosts pinned to their
 * racks, each purchase's hosts in the racks it placed them in, every added rack present.
 */
export function fleetDeliveredBy(scenario: Scenario, purchases: readonly Purchase[], racks: readonly Rack[], t: number): Scenario {
  const nodes = pinnedNodes(scenario);
  for (const p of purchases.filter((x) => x.deliveryMonthIndex <= t)) {
    for (const [rack, count] of Object.entries(p.placement)) {
      const aggregates = purchaseRule(scenario.procurement, p)?.aggregates;
      nodes.push({
        role: p.role,
        hardware: p.hardware,
        count,
        placement: 'spread',
        rack,
        namePrefix: purchasedPrefix(p.role),
        ...(aggregates ? { aggregates: [...aggregates] } : {}),
      });
    }
  }
  return { ...scenario, racks: [...racks], nodes };
}
