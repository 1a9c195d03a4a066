/**
 * PlanResult: everything `evaluate(scenario)` computes, as plain JSON-serialisable data.
 * The CLI and the report do no capacity arithmetic: every number they show is here.
 * It carries the normalized scenario, so a report can be rebuilt from the result alone.
 */
import type { DemandPercentiles } from './demand.js';
import type { Finding, Severity } from '../diagnostics/types.js';
import type { Role, Scenario } from './scenario.js';
import type { NetworkPlan } from './network.js';
import type { CephStoragePlan } from './ceph-plan.js';
import type { FailurePlan } from './failure.js';
import type { ProcurementPlan } from './procurement.js';
import type { PlanHeadline } from './headline.js';
import type { Explanation } from './explanation.js';
import type { RackElevation } from './racks.js';
import type { FleetHost } from './fleet.js';
import type { CostPlan } from './cost.js';
import type { RiskBand } from './risk.js';

/**
 * The shape of PlanResult. 2: each Ceph pool has one record, storage.ceph.pools[] (version 1
 * had storage.pools[] beside it, with the same figures under other names).
 */
export const PLAN_SCHEMA_VERSION = 2 as const;

/** Plan versions `headroom diff` and `report --previous` can compare: the fields they read are the same in 1 and 2. */
export const COMPARABLE_PLAN_SCHEMA_VERSIONS: readonly number[] = [1, 2];

/** One concrete server, expanded from a node group and placed in a rack. */
export interface Host {
  name: string;
  role: Role;
  hardware: string;
  rack: string;
  zone?: string;
  /** Host aggregates of the host's node group; absent: none. */
  aggregates?: string[];
}

/**
 * Placement resource classes headroom models (os-resource-classes): VCPU, MEMORY_MB, DISK_GB on
 * every compute node; PCPU with cpu_dedicated_set; VGPU, PGPU and CUSTOM_* classes on the
 * nested providers of GPUs and PCI devices, or asked for by `resources:<CLASS>` extra specs.
 */
export type ResourceClass = 'VCPU' | 'MEMORY_MB' | 'DISK_GB' | 'PCPU' | 'VGPU' | 'PGPU' | `CUSTOM_${string}`;

/**
 * One Placement inventory record of a compute host, as Nova's resource tracker reports it.
 * capacity = (total - reserved) x allocationRatio (placement/objects/resource_provider.py).
 * Units: VCPU count, MEMORY_MB in MiB, DISK_GB in GiB.
 */
export interface PlacementInventory {
  resourceClass: ResourceClass;
  total: number;
  reserved: number;
  allocationRatio: number;
  /** (total - reserved) x allocationRatio; not floored (Placement compares used + request <= capacity). */
  capacity: number;
  /** Largest single allocation; defaults to total (one instance never gets more vCPUs than the host has). */
  maxUnit: number;
}

export interface FlavorFit {
  flavor: string;
  /** How many instances of this flavor alone fit on the host: min over resources of floor(capacity / request), and over the NUMA cells for a flavor with a NUMA topology. 0 when a request exceeds max_unit, or the host lacks a required trait or aggregate. */
  instances: number;
  /** The resource class that limits `instances`; NUMA_CELL when the host's NUMA cells do (compute/numa.ts); TRAIT or AGGREGATE when the host is not a candidate at all. */
  limitedBy: ResourceClass | 'NUMA_CELL' | 'TRAIT' | 'AGGREGATE';
  /** Why the host is not a candidate (a missing or forbidden trait, no matching aggregate); absent when it is. */
  excludedBy?: string;
  /** True when one request exceeds max_unit: the flavor can never land on this host. */
  exceedsMaxUnit: boolean;
}

/** A nested resource provider under a compute node: one GPU or PCI device (libvirt `_get_gpu_inventories`, [pci] report_in_placement). */
export interface NestedProvider {
  /** `<host>_<device name>_<n>` (n from 0), like libvirt's `<nodename>_pci_0000_84_00_0`. */
  name: string;
  /** The hardware model's device entry it comes from. */
  device: string;
  inventory: PlacementInventory;
}

/** One NUMA cell of a compute host as the NUMATopologyFilter sees it (nova/objects/numa.py NUMACell). */
export interface NumaCellPlan {
  id: number;
  /** Logical CPUs of cpu_shared_set (or every CPU) on this cell: `cpuset`. */
  sharedCpus: number;
  /** Logical CPUs of cpu_dedicated_set on this cell: `pcpuset`. */
  dedicatedCpus: number;
  /** Memory of the cell, MiB (the host's memory split evenly over its cells). */
  memoryMib: number;
  /** Huge pages of the cell: size KiB and count (the host's pages split evenly); absent: none. */
  hugePages?: { sizeKib: number; count: number };
}

export interface ComputeHostPlan {
  host: string;
  hardware: string;
  inventories: PlacementInventory[];
  flavorFit: FlavorFit[];
  /** GPU and PCI device providers nested under the host; absent when the model has no devices. */
  providers?: NestedProvider[];
  /** Traits of the compute node provider (reported by Nova and set by the operator); absent when the scenario uses no heterogeneous compute key. */
  traits?: string[];
  /** Host aggregates the host belongs to; absent: none. */
  aggregates?: string[];
  /** NUMA cells; absent when the scenario uses no heterogeneous compute key. */
  numaCells?: NumaCellPlan[];
}

/** One tolerated loss of compute capacity: the hosts, racks or zones lost, and what they held of one class. */
export interface ToleratedLoss {
  kind: 'hosts' | 'racks' | 'zones';
  /** The hosts, racks or zones lost (scenario order). */
  domains: string[];
  /** The compute hosts lost (host order). */
  hosts: string[];
  /** Capacity of the class they held (VCPU count, MiB, GiB). */
  capacity: number;
}

export interface ComputePlan {
  ephemeralStorage: 'local' | 'ceph';
  /** Said when DISK_GB is not planned from compute hosts (ephemeral on Ceph: every host reports the whole cluster). */
  diskNote?: string;
  hosts: ComputeHostPlan[];
  /** Sum of capacities over compute hosts, per resource class (DISK_GB absent when ephemeral is on Ceph). */
  totalCapacity: Partial<Record<ResourceClass, number>>;
  /** Capacity per class with that class's worst tolerated loss removed (headroom's N+1 policy, compute/tolerance.ts). */
  toleratedCapacity: Partial<Record<ResourceClass, number>>;
  /** The worst tolerated loss of each class, removed for `toleratedCapacity[rc]`. */
  toleratedLosses: Partial<Record<ResourceClass, ToleratedLoss>>;
  /** Every host some class's worst loss removes (union over classes, host order). */
  toleratedHostsRemoved: string[];
  /** Month-0 demand per resource class (VCPU count, MiB, GiB). */
  demandMonth0: Partial<Record<ResourceClass, number>>;
  /**
   * How many copies of the month-0 flavor mix fit, summed over hosts by the resource that
   * runs out first: min over resource classes of totalCapacity / (demand of one mix copy).
   * A mix copy is the month-0 instance list divided by its instance count.
   */
  mixInstancesFit: number;
  /** The resource class that limits the mix. */
  bottleneck: ResourceClass | null;
  /**
   * Host groups that part of the demand is confined to (an availability zone, an aggregate,
   * a trait, PCPU or device hosts), each with its own capacity, N+1 and demand
   * (compute/host-groups.ts); absent when every instance can run on every compute host.
   */
  groups?: ComputeGroupPlan[];
}

/** A set of compute hosts that part of the demand can only run on (compute/host-groups.ts). */
export interface ComputeGroupPlan {
  /** Slug of the label, unique in the plan; the group's resources are `compute.group.<id>.<class>`. */
  id: string;
  /** What confines the demand: "zone az1", "aggregate gpu, VGPU hosts", "PCPU hosts"... */
  label: string;
  /** The compute hosts of the group (host order). */
  hosts: string[];
  /** The demanded flavors whose candidate hosts all lie in the group. */
  flavors: string[];
  /** The indices in demand.instances of the lines confined to the group. */
  demandLines: number[];
  /** Sum of the group hosts' capacities per class (root and nested providers). */
  totalCapacity: Partial<Record<ResourceClass, number>>;
  /** Capacity per class with that class's worst tolerated loss inside the group removed. */
  toleratedCapacity: Partial<Record<ResourceClass, number>>;
  toleratedLosses: Partial<Record<ResourceClass, ToleratedLoss>>;
  /** Month-0 demand of the flavors confined to the group, per class. */
  demandMonth0: Partial<Record<ResourceClass, number>>;
}

export interface StoragePlan {
  /** Sum of OSD device sizes over storage hosts, bytes. */
  rawBytes: number;
  osdCount: number;
  failureDomain: 'host' | 'rack';
  /** Raw bytes per failure domain (host or rack name). */
  failureDomains: { name: string; rawBytes: number; osdCount: number }[];
  /** Raw bytes left after removing the tolerated failure domains (the largest first). */
  toleratedRawBytes: number;
  /** Failure domains left without any OSD by the tolerated failures. */
  toleratedDomainsRemoved: string[];
  /** Storage hosts removed for `toleratedRawBytes` (with failureDomain rack and tolerate.hosts, hosts go but their rack stays). */
  toleratedHostsRemoved?: string[];
  /** Ceph's own view: CRUSH tree, rules, every pool (`ceph.pools`, the one record per pool: layout, capacity, MAX AVAIL, safe usable, PGs), host sizing, recovery, fill by month (model/ceph-plan.ts). */
  ceph?: CephStoragePlan;
}

export interface ControlPlanePlan {
  controllers: number;
  /** floor(n/2) + 1: members a Galera primary component / RabbitMQ quorum needs. */
  quorum: number;
  /** n - quorum. */
  toleratedFailures: number;
  /** Ceph monitors (control/ceph-daemons.ts): the hosts that run them and their Paxos quorum floor(n/2) + 1. Absent without monitors. */
  monitors?: { role: Role; hosts: string[]; quorum: number; toleratedFailures: number };
}

export type CheckStatus = 'pass' | 'fail' | 'unknown';

/** One role requirement checked against one hardware model used in that role. */
export interface RoleCheck {
  role: Role;
  hardware: string;
  hosts: string[];
  /** Requirement key, as in `requirements.<role>` (`minPhysicalCores`, `requireEcc`, ...). */
  requirement: string;
  /** Human-readable name of the requirement ("Physical cores", "ECC memory"). */
  label: string;
  status: CheckStatus;
  /** What the role needs, human-readable with units ("64 GiB", "vmx or svm"). */
  expected: string;
  /** What the hardware has, human-readable with units, or "unknown". */
  actual: string;
  /** Which field said so (`hardware.cmp-r760.memory.ecc`). */
  evidence: string;
  source: string;
}

/** A planned resource over the horizon. */
export interface ResourceInfo {
  /** `compute.vcpu`, `compute.memory`, `compute.disk`, `storage.rule.<rule>[+<rule>...]` (older plans: `storage.pool.<name>`) */
  id: string;
  label: string;
  /** Unit of demand and capacity values: `vCPU`, `MiB`, `GiB`, `bytes`. */
  unit: string;
  /** Utilisation threshold (0..1) that ends the runway. */
  threshold: number;
  /** Months from the start until the first month whose utilisation with the tolerated failures removed exceeds the threshold; null when it never does within the horizon. */
  runwayMonths: number | null;
  /** Same, with all hosts up. */
  runwayMonthsAllHosts: number | null;
}

export interface ResourceMonth {
  demand: number;
  capacity: number;
  capacityTolerated: number;
  /** capacityTolerated x threshold: the level demand must stay under (same unit as demand). */
  thresholdLevel: number;
  /** demand / capacity; Infinity is never stored: null when capacity is 0. */
  utilisation: number | null;
  utilisationTolerated: number | null;
}

export interface MonthRecord {
  /** 0-based month index within the horizon. */
  index: number;
  /** `YYYY-MM` */
  month: string;
  resources: Record<string, ResourceMonth>;
}

/** The fleet timeline as the plan reports it (fleet/timeline.ts). */
export interface FleetSummary {
  /** Which cloud the findings, months and verdict describe: the plan as scheduled (`with-purchases`, the default) or the cloud as it is (`without-purchases`: evaluate's withoutPurchases, the CLI's --without-purchases). */
  shows: 'with-purchases' | 'without-purchases';
  /** Every host in service in some month: the initial fleet (less retired groups) and, with purchases, the purchased hosts from their delivery month. */
  hosts: FleetHost[];
  /** Runs of months with the same hosts, and how many hosts (per role) serve in them. */
  epochs: { fromMonth: number; toMonth: number; from: string; hosts: number; byRole: Partial<Record<Role, number>> }[];
}

export interface PlanResult {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  generator: { name: 'headroom'; version: string };
  scenario: Scenario;
  /** The initial fleet: every node group's hosts at month 0 (retired groups included). */
  hosts: Host[];
  /** The fleet month by month: what every analysis read. Always set by evaluate; optional so that hand-built plans may omit it. */
  fleet?: FleetSummary;
  compute: ComputePlan;
  storage: StoragePlan;
  controlPlane: ControlPlanePlan;
  roleChecks: RoleCheck[];
  resources: ResourceInfo[];
  months: MonthRecord[];
  /** The resource with the shortest runway (ties: the first in `resources`), null when none runs out. */
  bottleneck: { resource: string; runwayMonths: number; month: string } | null;
  findings: Finding[];
  /** Count of findings per severity. */
  summary: Record<Severity, number>;
  /** The first screen's four answers (holds? runs out first? orders? a rack fails?), picked from the phases above. Always set by evaluate; optional so that hand-built plans may omit it. */
  headline?: PlanHeadline;
  /** The network layout, checked and sized (present when the scenario has a `network:` section). */
  network?: NetworkPlan;
  /** What losing each failure domain (host, rack, switch, power feed, zone) does, from which month. Always set by evaluate; optional so that hand-built plans may omit it. */
  failure?: FailurePlan;
  /** The purchase schedule and bill of materials; set only when the scenario has a `procurement:` section. */
  procurement?: ProcurementPlan;
  /** Runways and purchases per percentile demand path; set only when a growth has p10 and p90 (fitted: forecast/percentiles.ts). */
  demandPercentiles?: DemandPercentiles;
  /**
   * How the figures the report shows were obtained: formula, inputs with units and where they
   * come from, upstream source (explain/explain.ts explainPlan; ids from `explainId`). Always
   * set by evaluate; optional so that hand-built plans may omit it.
   */
  explanations?: Record<string, Explanation>;
  /** Every rack's elevation (hosts bottom-up) and its space and power at month 0 and after the purchases. Always set by evaluate; optional so that hand-built plans may omit it. */
  racks?: RackElevation[];
  /** The whole bill (servers, racks, PDUs, switches, optics, cables, spares), the running cost (support, energy, colocation) by month and the TCO over the horizon (cost/cost.ts). Always set by evaluate; optional so that hand-built plans may omit it. */
  cost?: CostPlan;
  /** The plan under uncertain growth (procurement.simulation): P10-P90 of demand and of the first order-by date; absent without it. */
  risk?: RiskBand;
  /** Where the plan came from: content hashes of the scenario and the files it read (set by the caller that read them; core reads no files). */
  provenance?: Provenance;
}

/** The scenario and every file it read, by content hash (SHA-256, hex), and the headroom version: no clock. */
export interface Provenance {
  scenario: { file: string; sha256: string };
  /** Every other file the scenario read (inventories, storageFrom, state), path as written. */
  inputs: { file: string; sha256: string }[];
}
