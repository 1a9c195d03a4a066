/**
 * The ids of the explanations `explainPlan` writes, one builder per family, so that the
 * report (and any other reader) never types an id by hand. Names (hardware keys, pools,
 * racks, links) are inserted as they are; an id is an opaque key of `PlanResult.explanations`.
 */
import { purchaseKey } from '../model/procurement.js';
import type { ResourceClass } from '../model/plan.js';

/** Which month of the horizon a per-month explanation is about. */
export type HorizonEnd = 'first' | 'last';

/** Which load of a rack an explanation is about: month 0, or after every purchase of the horizon. */
export type RackPoint = 'month0' | 'after';

const RESOURCE_POOL_PREFIX = 'storage.pool.';
const RESOURCE_RULE_PREFIX = 'storage.rule.';

/** Id builders, one per explained figure family; each returns the key of `PlanResult.explanations` (the figure may still be absent: no pool, no purchase, unknown power). */
export const explainId = {
  /** Placement capacity of one inventory of one host of a hardware model (hosts of one model report the same inventory). */
  computeInventory: (hardware: string, rc: ResourceClass): string => `compute.inventory.${hardware}.${rc}`,
  /** Σ capacity over the compute hosts (ComputePlan.totalCapacity). */
  computeTotal: (rc: ResourceClass): string => `compute.total.${rc}`,
  /** Capacity without the tolerated hosts (ComputePlan.toleratedCapacity). */
  computeTolerated: (rc: ResourceClass): string => `compute.tolerated.${rc}`,
  /** Month-0 demand: Σ count × flavor request (ComputePlan.demandMonth0). */
  computeDemand: (rc: ResourceClass): string => `compute.demand.${rc}`,
  /** Copies of the month-0 instance mix that fit (ComputePlan.mixInstancesFit). */
  computeMixFit: (): string => 'compute.mixFit',

  /** Utilisation threshold of a planned resource (ResourceInfo.threshold). */
  resourceThreshold: (resource: string): string => `resource.${resource}.threshold`,
  /** Runway of a planned resource (ResourceInfo.runwayMonths). */
  resourceRunway: (resource: string): string => `resource.${resource}.runway`,
  /** Utilisation with the tolerated failures removed in the first or last month (ResourceMonth.utilisationTolerated). */
  resourceUtilisation: (resource: string, end: HorizonEnd): string => `resource.${resource}.utilisation.${end}`,
  /** The fullest OSD's factor of a rule set (CephRuleSetPlan.fullestOsd.factor); `resource` is the set's resource id. */
  ruleSetFullestFactor: (resource: string): string => `${resource}.fullestFactor`,
  /** The safe raw of a rule set (CephRuleSetPlan.safeRawBytes). */
  ruleSetSafeRaw: (resource: string): string => `${resource}.safeRaw`,
  /** The explanation of a resource's capacity with every host up: compute.total.<class> or storage.rule.<rules>.capacity. */
  resourceCapacity: (resource: string): string => resourceTarget(resource, 'capacity'),
  /** The explanation of a resource's capacity with the tolerated failures removed: compute.tolerated.<class> or storage.pool.<name>.toleratedUsable. */
  resourceCapacityTolerated: (resource: string): string => resourceTarget(resource, 'tolerated'),
  /** The explanation of a resource's month-0 demand: compute.demand.<class>, or the pool's stored bytes. */
  resourceDemand: (resource: string): string => resourceTarget(resource, 'demand'),

  /** Σ OSD device bytes (StoragePlan.rawBytes). */
  storageRaw: (): string => 'storage.raw',
  /** Raw left after the tolerated failures (StoragePlan.toleratedRawBytes). */
  storageToleratedRaw: (): string => 'storage.toleratedRaw',
  /** Raw of the OSDs a CRUSH rule takes (CephRulePlan.rawBytes). */
  ruleRaw: (rule: string): string => `storage.rule.${rule}.raw`,
  /** Per pool (CephPoolPlan fields, storage.ceph.pools). */
  poolRawUsedRate: (pool: string): string => `storage.pool.${pool}.rawUsedRate`,
  poolStored: (pool: string): string => `storage.pool.${pool}.stored`,
  poolUsable: (pool: string): string => `storage.pool.${pool}.usable`,
  poolNearfullUsable: (pool: string): string => `storage.pool.${pool}.nearfullUsable`,
  poolToleratedUsable: (pool: string): string => `storage.pool.${pool}.toleratedUsable`,
  poolToleratedNearfullUsable: (pool: string): string => `storage.pool.${pool}.toleratedNearfullUsable`,
  poolSafeUsable: (pool: string): string => `storage.pool.${pool}.safeUsable`,
  poolMaxAvail: (pool: string): string => `storage.pool.${pool}.maxAvail`,
  poolStillFits: (pool: string): string => `storage.pool.${pool}.stillFits`,
  poolPgNum: (pool: string): string => `storage.pool.${pool}.pgNum`,
  /** PG replicas on the fullest OSD (CephPgPlan.maxPgReplicasPerOsd). */
  pgReplicasPerOsd: (): string => 'storage.pgReplicasPerOsd',
  /** Time to re-protect a lost OSD or host (CephRecoveryCase.totalSeconds). */
  recoveryTime: (failure: 'osd' | 'host'): string => `storage.recovery.${failure}`,
  /** Durability of a pool (CephPoolDurability): λ, the annual loss probability, 1 in N years, the expected bytes lost per year. */
  poolFailureRate: (pool: string): string => `storage.pool.${pool}.durability.failureRate`,
  poolLossProbability: (pool: string): string => `storage.pool.${pool}.durability.annualLoss`,
  poolOneInYears: (pool: string): string => `storage.pool.${pool}.durability.oneInYears`,
  poolExpectedBytesLost: (pool: string): string => `storage.pool.${pool}.durability.expectedBytesLost`,
  /** Memory and CPU threads one storage host of a model needs (CephHostSizing). */
  hostMemoryNeeded: (hardware: string): string => `storage.hostSizing.${hardware}.memory`,
  hostThreadsNeeded: (hardware: string): string => `storage.hostSizing.${hardware}.cpu`,

  /** Members the control-plane quorum needs, and the controllers that may fail. */
  quorum: (): string => 'control.quorum',
  quorumToleratedFailures: (): string => 'control.toleratedFailures',

  /** The key of a purchase in the ids below: its role, or `compute.<aggregate>` for a per-aggregate rule (model/procurement.ts purchaseKey). */
  purchaseKey,
  /** Per purchase, keyed by purchaseKey and delivery month (`YYYY-MM`): one purchase per rule and month. */
  purchaseQuantity: (role: string, deliveryMonth: string): string => `procurement.purchase.${role}.${deliveryMonth}.quantity`,
  purchaseOrderBy: (role: string, deliveryMonth: string): string => `procurement.purchase.${role}.${deliveryMonth}.orderBy`,
  purchaseTotalPrice: (role: string, deliveryMonth: string): string => `procurement.purchase.${role}.${deliveryMonth}.totalPrice`,
  purchasePower: (role: string, deliveryMonth: string): string => `procurement.purchase.${role}.${deliveryMonth}.powerTypical`,
  purchaseHeat: (role: string, deliveryMonth: string): string => `procurement.purchase.${role}.${deliveryMonth}.heat`,
  /** Σ of the purchases' total prices in the plan's currency. */
  capexTotal: (): string => 'procurement.capexTotal',

  /** The whole bill (cost/cost.ts): a line's amount (servers: per model), CAPEX, OPEX and TCO over the horizon. */
  costLine: (item: string, subject?: string): string => `cost.line.${item}${subject === undefined ? '' : `.${subject}`}`,
  costCapex: (): string => 'cost.capexTotal',
  costOpex: (): string => 'cost.opexTotal',
  costTco: (): string => 'cost.tco',

  /** Power of a rack at typical or maximum draw, at the start (RackElevation.month0) or after every purchase (afterPurchases). */
  rackPower: (rack: string, point: RackPoint, kind: 'typical' | 'max'): string => `racks.${rack}.power.${point}.${kind}`,

  /** Effective bandwidth of a link (bond or port) of a role on a hardware model (LinkRow). */
  linkAggregate: (role: string, hardware: string, link: string): string => `network.link.${role}.${hardware}.${link}.aggregate`,
  linkSingleFlow: (role: string, hardware: string, link: string): string => `network.link.${role}.${hardware}.${link}.singleFlow`,
  linkAfterLoss: (role: string, hardware: string, link: string): string => `network.link.${role}.${hardware}.${link}.afterLinkLoss`,
  /** Ceph traffic per host on a link in the last month of the horizon (LinkTraffic.demandByMonthBitsPerSecond). */
  linkLoadLast: (role: string, hardware: string, link: string): string => `network.traffic.${role}.${hardware}.${link}.lastMonth`,
  /** Usable and host addresses of a subnet (NetworkRow). */
  subnetUsable: (network: string): string => `network.subnet.${network}.usable`,
  subnetHostAddresses: (network: string): string => `network.subnet.${network}.hostAddresses`,
  /** Replication fan-out and the recovery bandwidth after losing a storage host. */
  replicationFanOut: (): string => 'network.replicationFanOut',
  recoveryBandwidth: (): string => 'network.recoveryBandwidth',
} as const;

const COMPUTE_CLASS: Record<string, ResourceClass> = { 'compute.vcpu': 'VCPU', 'compute.memory': 'MEMORY_MB', 'compute.disk': 'DISK_GB' };

/** The explanation behind a planned resource's capacity, tolerated capacity or month-0 demand. */
function resourceTarget(resource: string, what: 'capacity' | 'tolerated' | 'demand'): string {
  // compute.pcpu, compute.vgpu, compute.custom_*: the class's totals; compute.group.<id>.<class>: its own explanations
  if (resource.startsWith('compute.group.')) return `${resource}.${what}`;
  const rc = COMPUTE_CLASS[resource] ?? (resource.startsWith('compute.') ? (resource.slice('compute.'.length).toUpperCase() as ResourceClass) : undefined);
  if (rc) return what === 'capacity' ? explainId.computeTotal(rc) : what === 'tolerated' ? explainId.computeTolerated(rc) : explainId.computeDemand(rc);
  // A rule set's resource (storage.rule.<rules>): its own explanations, <resource>.capacity|tolerated|demand.
  if (resource.startsWith(RESOURCE_RULE_PREFIX)) return `${resource}.${what}`;
  const pool = resource.startsWith(RESOURCE_POOL_PREFIX) ? resource.slice(RESOURCE_POOL_PREFIX.length) : resource;
  return what === 'capacity' ? explainId.poolUsable(pool) : what === 'tolerated' ? explainId.poolToleratedUsable(pool) : explainId.poolStored(pool);
}
