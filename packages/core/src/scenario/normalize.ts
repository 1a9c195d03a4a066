/**
 * normalize: zod's output -> the normalized Scenario. Fills the defaults zod cannot
 * express (they depend on other fields), names every quantity with its unit, and resolves
 * pool shares. Called only on a file without errors; pure and total.
 */
import { normalizeDemandExtras } from './normalize-demand.js';
import type { CephPool, HardwareModel, Role, RoleRequirements, Scenario } from '../model/scenario.js';
import { ROLES } from '../model/scenario.js';
import { DEFAULT_REQUIREMENTS } from '../model/requirements.js';
import type { StateStored } from './state-dirs.js';
import type { ScenarioFileOutput } from '../model/schema.js';
import { normalizeNetwork } from '../network/normalize.js';
import { normalizeProcurement } from '../procurement/normalize.js';
import { normalizeCosts } from '../cost/normalize.js';
import { resolveCephDaemons, roleHostCounts } from '../control/ceph-daemons.js';
import { feedCircuit } from '../racks/feeds.js';
import { applyDeviceClasses, normalizeCeph } from './ceph-normalize.js';
import { DEFAULT_POWER_FEEDS, defaultRackSwitches } from '../failure/topology.js';
import { DEFAULT_INSTANCE_MEMORY_OVERHEAD_BYTES } from '../compute/memory-overhead.js';
import { applyHostCompute, extraSpecStrings, normalizeAggregates } from './compute-normalize.js';

/** Nova reserved_host_memory_mb default: 512 MiB (nova/conf/compute.py). */
export const NOVA_DEFAULT_RESERVED_HOST_MEMORY_BYTES = 512 * 2 ** 20;

/**
 * Replicated min_size default: size - floor(size/2) (osd_pool_default_min_size 0 means this;
 * src/osd/OSDMap.cc get_osd_pool_default_min_size). Erasure: k + min(1, m - 1)
 * (src/mon/OSDMonitor.cc, the EC pool default).
 */
export function defaultMinSize(pool: { type: 'replicated'; size: number } | { type: 'erasure'; k: number; m: number }): number {
  return pool.type === 'replicated' ? pool.size - Math.floor(pool.size / 2) : pool.k + Math.min(1, pool.m - 1);
}

/**
 * Normalizes a validated scenario file. Hardware entries imported from an inventory
 * (`inventory:`) are taken from `inventoryModels` (built by scenario/inventories.ts).
 */
export function normalize(f: ScenarioFileOutput, inventoryModels: Record<string, HardwareModel> = {}, stateStored?: Record<string, StateStored>): Scenario {
  const hardware: Record<string, HardwareModel> = {};
  for (const [name, h] of Object.entries(f.hardware)) {
    if ('inventory' in h) {
      // built from the inventory's facts by scenario/inventories.ts; kept in the file's order
      if (Object.hasOwn(inventoryModels, name)) hardware[name] = inventoryModels[name]!;
      continue;
    }
    const model: HardwareModel = {
      name,
      model: h.model,
      heightRu: h.heightRu,
      cpu: { ...h.cpu },
      memory: { sizeBytes: h.memory.size, ecc: h.memory.ecc },
      disks: h.disks.map((d) => ({ count: d.count, sizeBytes: d.size, kind: d.kind, use: d.use })),
      nics: h.nics.map((n) => ({ ports: n.ports, speedBitsPerSecond: n.speed })),
    };
    if (h.source !== undefined) model.source = h.source;
    if (h.power) model.power = { typicalWatts: h.power.typical, maxWatts: h.power.max };
    if (h.price) model.price = { ...h.price };
    applyHostCompute(model, h);
    hardware[name] = model;
  }

  // CRUSH device classes of OSD disks (scenario/ceph-normalize.ts)
  applyDeviceClasses(hardware, f.hardware);

  const racks =
    f.racks.length > 0
      ? f.racks.map((r) => {
          const rack: Scenario['racks'][number] = { name: r.name, heightRu: r.heightRu };
          if (r.zone !== undefined) rack.zone = r.zone;
          if (r.powerBudget !== undefined) rack.powerBudgetWatts = r.powerBudget;
          rack.switches = r.switches ? [...r.switches] : defaultRackSwitches(r.name);
          rack.powerFeeds = r.powerFeeds ? [...r.powerFeeds] : [...DEFAULT_POWER_FEEDS];
          const feed = r.feed ? feedCircuit(r.feed) : undefined;
          if (feed) rack.feed = feed;
          return rack;
        })
      : [{ name: 'rack-1', heightRu: 42, switches: defaultRackSwitches('rack-1'), powerFeeds: [...DEFAULT_POWER_FEEDS] }];

  const nodes = f.nodes.map((g) => {
    const group: Scenario['nodes'][number] = {
      role: g.role,
      hardware: g.hardware,
      count: g.count,
      placement: g.placement,
      namePrefix: g.name ?? g.role,
    };
    if (g.rack !== undefined) group.rack = g.rack;
    if (g.retire !== undefined) group.retire = g.retire;
    if (g.aggregates !== undefined && g.aggregates.length > 0) group.aggregates = [...g.aggregates];
    return group;
  });

  const flavors: Scenario['openstack']['flavors'] = {};
  for (const [name, fl] of Object.entries(f.openstack.flavors)) {
    flavors[name] = { name, vcpus: fl.vcpus, ramBytes: fl.ram, diskBytes: fl.disk ?? 0 };
    if (fl.extraSpecs !== undefined) flavors[name].extraSpecs = extraSpecStrings(fl.extraSpecs);
  }

  // Pools, rules and every Ceph default: scenario/ceph-normalize.ts (shares per set of OSDs).
  const ceph = normalizeCeph(f.ceph);
  const pools: CephPool[] = ceph.pools;
  // Ceph's daemons besides the OSDs (control/ceph-daemons.ts): monitors on the controllers by default.
  ceph.daemons = resolveCephDaemons(f.ceph.daemons, roleHostCounts(nodes), pools.length > 0 || nodes.some((g) => g.role === 'storage' && g.count > 0));

  const storageBytes: Record<string, number> = {};
  // Explicit demand.storage wins over the state directory (demand.storageFrom, scenario/state-dirs.ts).
  const storageSource: Record<string, string> = {};
  for (const p of pools) {
    const explicit = Object.hasOwn(f.demand.storage, p.name) ? f.demand.storage[p.name] : undefined;
    const fromState = stateStored && Object.hasOwn(stateStored, p.name) ? stateStored[p.name] : undefined;
    storageBytes[p.name] = explicit ?? fromState?.bytes ?? 0;
    if (explicit !== undefined) storageSource[p.name] = 'demand.storage';
    else if (fromState) storageSource[p.name] = fromState.source;
  }

  const requirements = {} as Record<Role, RoleRequirements>;
  for (const role of ROLES) {
    const o = f.requirements[role] ?? {};
    const r: RoleRequirements = { ...DEFAULT_REQUIREMENTS[role] };
    if (o.minPhysicalCores !== undefined) r.minPhysicalCores = o.minPhysicalCores;
    if (o.minMemory !== undefined) r.minMemoryBytes = o.minMemory;
    if (o.minNicPorts !== undefined) r.minNicPorts = o.minNicPorts;
    if (o.memoryPerOsd !== undefined) r.memoryPerOsdBytes = o.memoryPerOsd;
    if (o.requireVirtualization !== undefined) r.requireVirtualization = o.requireVirtualization;
    if (o.requireEcc !== undefined) r.requireEcc = o.requireEcc;
    if (o.requireNvmeDatabase !== undefined) r.requireNvmeDatabase = o.requireNvmeDatabase;
    if (o.minMemoryPerCore !== undefined) r.minMemoryPerCoreBytes = o.minMemoryPerCore;
    if (o.minNicSpeed !== undefined) r.minNicSpeedBitsPerSecond = o.minNicSpeed;
    if (o.osdMemoryBase !== undefined) r.osdMemoryBaseBytes = o.osdMemoryBase;
    if (o.minCoresPerOsd !== undefined) r.minCoresPerOsd = o.minCoresPerOsd;
    if (o.minWalDbFlashRatio !== undefined) r.minWalDbFlashRatio = o.minWalDbFlashRatio;
    requirements[role] = r;
  }

  const scenario: Scenario = {
    schemaVersion: 1,
    name: f.name,
    start: f.start,
    horizonMonths: f.horizonMonths,
    hardware,
    racks,
    nodes,
    openstack: {
      allocationRatio: { ...f.openstack.allocationRatio },
      reserved: {
        hostMemoryBytes: f.openstack.reserved.hostMemory ?? NOVA_DEFAULT_RESERVED_HOST_MEMORY_BYTES,
        hostCpus: f.openstack.reserved.hostCpus,
        hostDiskBytes: f.openstack.reserved.hostDisk ?? 0,
      },
      instanceMemoryOverheadBytes: f.openstack.instanceMemoryOverhead ?? DEFAULT_INSTANCE_MEMORY_OVERHEAD_BYTES,
      ephemeralStorage: f.openstack.ephemeralStorage,
      flavors,
      ...normalizeAggregates(f.openstack.aggregates, nodes, f.procurement?.roles.compute?.aggregates),
    },
    ceph,
    demand: {
      instances: f.demand.instances.map((d) => ({
        flavor: d.flavor,
        count: d.count,
        ...(d.availabilityZone !== undefined ? { availabilityZone: d.availabilityZone } : {}),
        ...(d.serverGroupPolicy !== undefined ? { serverGroupPolicy: d.serverGroupPolicy } : {}),
      })),
      storageBytes,
      growth: { ...f.demand.growth },
    },
    policy: {
      tolerate: { ...f.policy.tolerate },
      maintenance: { hosts: f.policy.maintenance.hosts, roles: [...f.policy.maintenance.roles] },
      thresholds: { compute: f.policy.thresholds.compute, storage: f.policy.thresholds.storage ?? f.ceph.ratios.backfillfull },
    },
    requirements,
  };
  if (f.description !== undefined) scenario.description = f.description;
  if (f.demand.storageFrom !== undefined) scenario.demand.storageSource = storageSource;
  if (f.demand.floatingIps !== undefined) scenario.demand.floatingIps = f.demand.floatingIps;
  if (f.demand.routers !== undefined) scenario.demand.routers = f.demand.routers;
  Object.assign(scenario.demand, normalizeDemandExtras(f.demand, f.start));
  if (f.network !== undefined) scenario.network = normalizeNetwork(f.network);
  if (f.procurement !== undefined) scenario.procurement = normalizeProcurement(f.procurement);
  if (f.costs !== undefined) scenario.costs = normalizeCosts(f.costs);
  return scenario;
}
