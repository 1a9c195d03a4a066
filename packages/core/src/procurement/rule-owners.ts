/**
 * Which purchase rule buys for which compute resource, when procurement has rules per host
 * aggregate (procurement.aggregates): a resource is bought by the rule of aggregate A when
 * every host that supplies it at the start lies in A (the first such aggregate in file order):
 *   - a class of the whole fleet (`compute.pcpu`, `compute.vgpu`, ...): the hosts with some
 *     capacity of that class;
 *   - a host group's class (`compute.group.<id>.<class>`, compute/host-groups.ts): the
 *     group's hosts.
 * Every other compute resource is bought by roles.compute, storage ones by roles.storage.
 * So in an NFV + GPU cloud a PCPU shortfall (only nfv hosts offer PCPU) buys the nfv rule's
 * model and a VGPU shortfall the gpu rule's. Source: headroom [model].
 */
import { computeCapacity } from '../compute/capacity.js';
import { hostOffer } from '../compute/host-offer.js';
import { COMPUTE_SERIES, extraClassSeries } from '../forecast/resources.js';
import type { Host, ResourceClass } from '../model/plan.js';
import { slotKey } from '../model/procurement-rules.js';
import type { Scenario } from '../model/scenario.js';

/** Resource id -> slot key (`compute.<aggregate>`) of the resources a per-aggregate rule buys; empty without such rules. */
export function ruleOwners(scenario: Scenario, hosts: readonly Host[]): Map<string, string> {
  const out = new Map<string, string>();
  const aggregates = Object.keys(scenario.procurement?.aggregates ?? {});
  if (aggregates.length === 0) return out;
  const compute = hosts.filter((h) => h.role === 'compute' && Object.hasOwn(scenario.hardware, h.hardware));
  const byName = new Map(compute.map((h) => [h.name, h]));
  const owner = (suppliers: readonly Host[]): string | undefined => {
    if (suppliers.length === 0) return undefined;
    const a = aggregates.find((agg) => suppliers.every((h) => h.aggregates?.includes(agg)));
    return a === undefined ? undefined : slotKey('compute', a);
  };
  const cache = new Map();
  const offers = compute.map((h) => ({ h, capacity: hostOffer(scenario, h, cache).capacity }));
  const classes = new Set<ResourceClass>(offers.flatMap((o) => Object.keys(o.capacity) as ResourceClass[]));
  for (const rc of classes) {
    const id = COMPUTE_SERIES.find((c) => c.rc === rc)?.id ?? extraClassSeries(rc).id;
    const o = owner(offers.filter((x) => (x.capacity[rc] ?? 0) > 0).map((x) => x.h));
    if (o !== undefined) out.set(id, o);
  }
  for (const g of computeCapacity(scenario, hosts).groups ?? []) {
    const o = owner(g.hosts.map((n) => byName.get(n)).filter((h): h is Host => h !== undefined));
    if (o === undefined) continue;
    for (const rc of Object.keys(g.totalCapacity)) out.set(`compute.group.${g.id}.${rc.toLowerCase()}`, o);
    for (const rc of Object.keys(g.demandMonth0)) out.set(`compute.group.${g.id}.${rc.toLowerCase()}`, o);
  }
  return out;
}
