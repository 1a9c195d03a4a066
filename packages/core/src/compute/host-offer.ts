/**
 * What one compute host offers the scheduler, gathered once per (hardware model, aggregates)
 * pair: root inventories (placement.ts), nested device providers, traits and NUMA cells
 * (host-model.ts), and the capacity vector headroom adds up (root capacities plus the
 * providers' capacities by class).
 */
import type { Host, NestedProvider, PlacementInventory } from '../model/plan.js';
import type { Scenario } from '../model/scenario.js';
import type { HostOffer } from './fit.js';
import { deviceProviders, hasHostCompute, hostTraits, numaCells } from './host-model.js';
import { computeInventories } from './placement.js';
import type { CapacityVector } from './tolerance.js';

/**
 * True when the scenario uses any heterogeneous compute key: a hardware model with `numa`,
 * `nova` or `devices`, a flavor with extra specs, an aggregate, or demand in a named zone.
 * Without any, the compute plan is the three-class plan (no providers, traits or cells in it).
 */
export function usesHeterogeneousCompute(scenario: Scenario): boolean {
  return (
    Object.values(scenario.hardware).some(hasHostCompute) ||
    Object.values(scenario.openstack.flavors).some((f) => f.extraSpecs !== undefined && Object.keys(f.extraSpecs).length > 0) ||
    Object.keys(scenario.openstack.aggregates ?? {}).length > 0 ||
    scenario.demand.instances.some((i) => i.availabilityZone !== undefined || i.serverGroupPolicy !== undefined)
  );
}

/** Root capacities plus the nested providers' capacities, per class (units of each class). */
export function capacityVector(inventories: readonly PlacementInventory[], providers: readonly NestedProvider[] = []): CapacityVector {
  const v: CapacityVector = {};
  for (const inv of inventories) v[inv.resourceClass] = inv.capacity;
  for (const p of providers) v[p.inventory.resourceClass] = (v[p.inventory.resourceClass] ?? 0) + p.inventory.capacity;
  return v;
}

/** A host's offer (inventories, providers named after the host, traits, aggregates, NUMA cells) and its capacity vector. */
export interface HostOfferFull extends HostOffer {
  inventories: PlacementInventory[];
  providers: NestedProvider[];
  capacity: CapacityVector;
}

/**
 * The offer of `host` (a compute host of a known model). Inventories, traits and cells are
 * computed once per hardware model (`cache`); providers are renamed per host. The capacity
 * vector of a host without providers is the model's, one object shared by its hosts (read only).
 */
export function hostOffer(
  scenario: Scenario,
  host: Host,
  cache: Map<string, { inventories: PlacementInventory[]; traits: string[]; cells: ReturnType<typeof numaCells>; capacity?: CapacityVector }>,
): HostOfferFull {
  const hw = scenario.hardware[host.hardware]!;
  let m = cache.get(host.hardware);
  if (!m) {
    m = { inventories: computeInventories(hw, scenario.openstack), traits: hostTraits(hw), cells: numaCells(hw) };
    cache.set(host.hardware, m);
  }
  const providers = deviceProviders(hw, host.name);
  let capacity: CapacityVector;
  if (providers.length > 0) capacity = capacityVector(m.inventories, providers);
  else {
    m.capacity ??= capacityVector(m.inventories);
    capacity = m.capacity;
  }
  return {
    inventories: m.inventories,
    providers,
    traits: m.traits,
    aggregates: host.aggregates ?? [],
    cells: m.cells,
    capacity,
  };
}
