/**
 * The normalized scenario: what `normalize` returns and what every later phase accepts.
 * Every quantity is a plain number in the canonical unit its name carries
 * (bytes, watts, bits per second); every default is filled in; every reference
 * (hardware, flavor, pool, rack) is known to resolve. Read-only by convention: no phase
 * mutates it.
 *
 * The YAML input format is defined by the zod schema in `schema.ts`; this file is the
 * shape after parsing units and applying defaults.
 */

import type { DemandCommitment, DemandEvent, DemandHistory, GrowthBy } from './demand.js';
import type { NetworkConfig } from './network-config.js';
import type { HardwareFacts, InventoryFormat } from './hardware-facts.js';
import type { ProcurementPolicy } from './procurement-rules.js';
import type { Aggregate, DeviceSpec, NovaHostConfig, NumaConfig } from './host-compute.js';
import type { CostPrices } from './cost.js';

export type Role = 'control' | 'compute' | 'storage' | 'deploy';
export const ROLES: readonly Role[] = ['control', 'compute', 'storage', 'deploy'];

/** Hardware virtualization extension: Intel VT-x (cpu flag vmx), AMD-V (svm). */
export type Virtualization = 'vt-x' | 'amd-v' | 'none' | 'unknown';
/** A tri-state fact: `unknown` is never treated as a pass. */
export type Tristate = true | false | 'unknown';
export type DiskKind = 'nvme' | 'ssd' | 'hdd';
/** What a disk is for: the OS, the control-plane database, a Ceph OSD, a BlueStore WAL/DB device, local instance disks (Nova ephemeral). */
export type DiskUse = 'os' | 'database' | 'osd' | 'wal-db' | 'ephemeral';

export interface CpuSpec {
  model: string;
  sockets: number;
  coresPerSocket: number;
  threadsPerCore: number;
  virtualization: Virtualization;
}

export interface DiskSpec {
  count: number;
  /** Size of one disk, bytes (a "3.84 TB" drive is 3.84e12 bytes). */
  sizeBytes: number;
  kind: DiskKind;
  use: DiskUse;
  /** CRUSH device class of the OSDs on these disks (use osd); absent means the disk kind (nvme, ssd, hdd), as Ceph detects it. */
  deviceClass?: string;
  /** CRUSH weight of each OSD on these disks, TiB; absent means sizeBytes / 2^40. */
  crushWeight?: number;
}

export interface NicSpec {
  ports: number;
  /** Line rate of one port, bits per second (25 Gbit/s = 25e9). */
  speedBitsPerSecond: number;
}

export interface HardwareModel {
  /** The key this model has in `hardware:`. */
  name: string;
  /** Vendor model name, e.g. "Dell PowerEdge R660". */
  model: string;
  /** Where the published specs come from (spec sheet URL or document). */
  source?: string;
  heightRu: number;
  cpu: CpuSpec;
  memory: { sizeBytes: number; ecc: Tristate };
  disks: DiskSpec[];
  nics: NicSpec[];
  power?: { typicalWatts: number; maxWatts: number };
  price?: { amount: number; currency: string };
  /** Set when the model comes from an inventory (`hardware.<key>.inventory`): the path as written and its format. */
  inventory?: { path: string; format: InventoryFormat };
  /**
   * The facts role checks run on, with their evidence (an inventory's fields, or the
   * scenario's overrides). Absent for a model written in the scenario: its facts are its
   * fields (hardware/facts-from-model.ts).
   */
  facts?: HardwareFacts;
  /** NUMA nodes and huge pages (`numa:`); absent: no NUMA topology given (Nova's default of one cell per socket applies where needed). */
  numa?: NumaConfig;
  /** Nova CPU sets and provider traits (`nova:`); absent: every logical CPU is VCPU. */
  nova?: NovaHostConfig;
  /** GPUs and PCI devices as nested resource providers (`devices:`); absent: none. */
  devices?: DeviceSpec[];
}

export interface Rack {
  name: string;
  zone?: string;
  heightRu: number;
  powerBudgetWatts?: number;
  /**
   * Top-of-rack switches the rack's servers are cabled to, each server to all of them.
   * normalize sets [`<rack>-tor-a`, `<rack>-tor-b`] by default; absent only in hand-built
   * scenarios, where the failure analysis applies the same default. Same name = same switch.
   */
  switches?: string[];
  /** Power feeds of the rack, each server corded to all of them. normalize sets ['A', 'B'] by default. Same name = same feed. */
  powerFeeds?: string[];
  /** The circuit of each of the rack's feeds (`racks[].feed`); absent: feed capacity not modelled. */
  feed?: FeedCircuit;
}

/**
 * The circuit behind one power feed: its usable continuous power, and the breaker it comes
 * from when the scenario gives one (racks/feeds.ts `feedUsableWatts`).
 */
export interface FeedCircuit {
  /** Continuous power one feed may carry, watts: V × A (× √3 three-phase) × continuousRatio, or `usable` as given. */
  usableWatts: number;
  /** Present when the scenario gives the breaker: volts (line to line for three-phase), amperes, phases, continuous ratio (default 0.8). */
  breaker?: { voltageVolts: number; amps: number; phases: 1 | 3; continuousRatio: number };
}

export type Placement = 'spread' | 'pack';

export interface NodeGroup {
  role: Role;
  /** Key into `hardware`. */
  hardware: string;
  count: number;
  /** `spread`: round-robin across racks; `pack`: fill racks in order. Ignored when `rack` is set. */
  placement: Placement;
  rack?: string;
  /** Host name prefix; hosts are named `${prefix}-01`, `${prefix}-02`, ... Default: the role. */
  namePrefix: string;
  /** First month (YYYY-MM) the group is out of service; absent: in service for the whole horizon. */
  retire?: string;
  /** Host aggregates the group's hosts belong to; absent: none. */
  aggregates?: string[];
}

/** A Nova flavor. Placement requests: VCPU = vcpus, MEMORY_MB = ramBytes / 2^20, DISK_GB = ceil(diskBytes / 2^30) (Nova root_gb is GiB). */
export interface Flavor {
  name: string;
  vcpus: number;
  ramBytes: number;
  diskBytes: number;
  /** Flavor extra specs as strings (Nova stores them so); absent: none. Read by compute/extra-specs.ts. */
  extraSpecs?: Record<string, string>;
}

export interface OpenStackPolicy {
  /** Nova cpu_allocation_ratio / ram_allocation_ratio / disk_allocation_ratio. */
  allocationRatio: { cpu: number; ram: number; disk: number };
  /** Nova reserved_host_memory_mb (as bytes), reserved_host_cpus, reserved_host_disk_mb (as bytes). */
  reserved: { hostMemoryBytes: number; hostCpus: number; hostDiskBytes: number };
  /** Memory a running instance costs its host beyond the flavor RAM (QEMU/libvirt), bytes; not counted by Placement (compute/memory-overhead.ts). */
  instanceMemoryOverheadBytes: number;
  /** Where instance disks live: `local` disks (use: ephemeral) or `ceph` (RBD images_type=rbd). */
  ephemeralStorage: 'local' | 'ceph';
  flavors: Record<string, Flavor>;
  /** Host aggregates with metadata (`openstack.aggregates`, plus every aggregate a node group names); absent: none. */
  aggregates?: Record<string, Aggregate>;
}

/**
 * A Ceph pool. `rule` names its CRUSH rule (normalize always sets it: the default
 * replicated rule, or an erasure rule named after the pool, as `ceph osd pool create
 * <pool> erasure` does); `bulk` is the pool's bulk flag for the pg_autoscaler; `maxBytes` its
 * quota (Ceph's max_bytes, stored bytes), absent when the scenario sets none.
 */
export type CephPool =
  | {
      name: string;
      type: 'replicated';
      size: number;
      minSize: number;
      share: number;
      rule?: string;
      bulk?: boolean;
      application?: PoolApplication;
      maxBytes?: number;
      averageObjectBytes?: number;
    }
  | {
      name: string;
      type: 'erasure';
      k: number;
      m: number;
      minSize: number;
      share: number;
      rule?: string;
      bulk?: boolean;
      application?: PoolApplication;
      allowEcOverwrites?: boolean;
      maxBytes?: number;
      averageObjectBytes?: number;
    };

/** What uses a pool (`ceph osd pool application enable <pool> rbd|cephfs|rgw`). */
export type PoolApplication = 'rbd' | 'cephfs' | 'rgw';

/**
 * A CRUSH rule: `step take default[~class]`, `step chooseleaf firstn|indep 0 type <failureDomain>`.
 * Replicated rules place with `firstn`, erasure rules with `indep` (doc/rados/operations/crush-map-edits.rst).
 */
export interface CephRule {
  name: string;
  type: 'replicated' | 'erasure';
  failureDomain: 'host' | 'rack';
  /** Only OSDs of this device class (the shadow tree `default~<class>`); absent: every OSD. */
  deviceClass?: string;
  /** True when headroom created the rule because a pool did not name one. */
  implied?: boolean;
}

/** One OSD whose fill is given instead of derived: its utilisation (0..1, `ceph osd df` %USE / 100) at month 0. */
export interface CephFillOverride {
  /** OSD id, as headroom numbers them: storage hosts in order, then each host's OSD disks in order, from 0. */
  osd: number;
  utilisation: number;
}

/** Recovery inputs: Ceph gives limits, not throughput, so the throughput of one backfill is an input. */
export interface CephRecoverySettings {
  /** Throughput of one backfill (one PG being copied), bytes per second. */
  backfillBytesPerSecond: number;
  /** osd_max_backfills: concurrent backfills per OSD. */
  maxBackfills: number;
  /** mon_osd_down_out_interval: seconds a down OSD waits before it is marked out and recovery starts. */
  downOutIntervalSeconds: number;
  /** Seconds before peers report an OSD down (osd_heartbeat_grace). */
  detectionSeconds: number;
}

/**
 * Ceph's full-ratio defaults: mon_osd_nearfull_ratio 0.85, mon_osd_backfillfull_ratio 0.90,
 * mon_osd_full_ratio 0.95 (ceph src/common/options/global.yaml.in). The one place headroom
 * states them: the schema's defaults, the ratio-order check and the state importers read it.
 */
export const CEPH_RATIO_DEFAULTS: Readonly<CephRatios> = { nearfull: 0.85, backfillfull: 0.9, full: 0.95 };

export interface CephRatios {
  /** mon_osd_nearfull_ratio, default 0.85 */
  nearfull: number;
  /** mon_osd_backfillfull_ratio, default 0.90 */
  backfillfull: number;
  /** mon_osd_full_ratio, default 0.95 */
  full: number;
}

export interface CephPolicy {
  /** CRUSH failure domain of the rules headroom implies (and of the StoragePlan's global view): `step chooseleaf firstn 0 type <failureDomain>`. */
  failureDomain: 'host' | 'rack';
  ratios: CephRatios;
  /** `share` is the fraction of the raw capacity under the pool's rule planned for the pool (like target_size_ratio); the shares of the pools on one set of OSDs sum to <= 1. */
  pools: CephPool[];
  /** CRUSH rules, those the scenario names and those normalize implies. Absent: derived from the pools (see storage/settings.ts). */
  rules?: CephRule[];
  /** Fill state: uniform (every OSD of a rule at the same utilisation) except the OSDs listed. */
  fill?: { osds: CephFillOverride[] };
  /** osd_memory_target, bytes per OSD (Ceph default 4 GiB). */
  osdMemoryTargetBytes?: number;
  /** Memory a storage host needs besides its OSDs (OS, other daemons), bytes. */
  hostMemoryBytes?: number;
  /** Logical CPUs (threads) one OSD needs, by device kind. */
  cpuThreadsPerOsd?: Record<DiskKind, number>;
  /** mon_target_pg_per_osd and mon_max_pg_per_osd. */
  pgs?: { targetPerOsd: number; maxPerOsd: number };
  recovery?: CephRecoverySettings;
  /** bluestore_min_alloc_size per disk kind, bytes (storage/allocation.ts MIN_ALLOC_DEFAULTS). Absent in hand-built scenarios: the defaults apply. */
  bluestoreMinAllocBytes?: Record<DiskKind, number>;
  /** Durability inputs: annual failure rate (0..1) by device class or disk kind, defaults filled (storage/durability.ts AFR_DEFAULTS). Absent in hand-built scenarios: the defaults apply. */
  durability?: { afr: Record<string, number> };
  /** Where Ceph's own daemons run (`ceph.daemons`); normalize fills every kind. Absent in hand-built scenarios: control/ceph-daemons.ts applies the same defaults. */
  daemons?: CephDaemons;
}

/** Ceph daemons besides the OSDs: monitors, managers, CephFS metadata servers, RADOS gateways. */
export type CephDaemonKind = 'mon' | 'mgr' | 'mds' | 'rgw';

/** Where the daemons of one kind run and what each takes on its host. */
export interface CephDaemonPlacement {
  /** The role whose hosts run them: one daemon per host, on the first `count` hosts of the role (host order). */
  role: Role;
  count: number;
  /** Memory one daemon needs on its host, bytes. */
  memoryBytes: number;
  /** Physical cores one daemon needs on its host. */
  cores: number;
}

export type CephDaemons = Record<CephDaemonKind, CephDaemonPlacement>;

export type Growth =
  /** demand(t) = demand(0) x (1 + perMonth)^t */
  | { kind: 'compound'; perMonth: number }
  /** demand(t) = demand(0) x (1 + perMonth x t) */
  | { kind: 'linear'; perMonth: number };

export interface Demand {
  /** `availabilityZone`: the zone the instances are booted in (a rack zone); absent: any zone. `serverGroupPolicy`: the line is one server group with that policy. */
  instances: { flavor: string; count: number; availabilityZone?: string; serverGroupPolicy?: 'anti-affinity' }[];
  /** Stored (client) bytes per pool at month 0, as `ceph df` STORED counts them. */
  storageBytes: Record<string, number>;
  /**
   * Where each month-0 stored figure came from, by pool, when `demand.storageFrom` is given:
   * `ceph df: <file> pools[name=<pool>].stats.stored`, or `demand.storage` for an explicit entry.
   */
  storageSource?: Record<string, string>;
  growth: Growth;
  /** Floating IPs in use at month 0 (grows with `growth`); absent when not planned. */
  floatingIps?: number;
  /** Routers with an external gateway at month 0 (grows with `growth`): one pool address each. */
  routers?: number;
  /** Growth per resource (model/demand.ts); a resource not named grows with `growth`. */
  growthBy?: GrowthBy;
  /** Flavor groups by name (demand.flavorGroups). */
  flavorGroups?: Record<string, string[]>;
  events?: DemandEvent[];
  commitments?: DemandCommitment[];
  /** The histories fitted from demand.historyFrom (samples and fits), for reports. */
  history?: DemandHistory[];
}

/** Minimum hardware per role; `undefined` means no requirement. */
export interface RoleRequirements {
  minPhysicalCores?: number;
  minMemoryBytes?: number;
  minNicPorts?: number;
  /** Memory per OSD (osd_memory_target, default 4 GiB) for storage nodes. */
  memoryPerOsdBytes?: number;
  requireVirtualization?: boolean;
  requireEcc?: boolean;
  requireNvmeDatabase?: boolean;
  /** Memory per physical core, bytes (installed memory / (sockets × cores per socket)). */
  minMemoryPerCoreBytes?: number;
  /** Line rate, bits per second, that at least `minNicPorts` ports (1 when unset) must reach. */
  minNicSpeedBitsPerSecond?: number;
  /** Memory for the OS and the other daemons of an OSD host, added to OSDs × `memoryPerOsdBytes`. */
  osdMemoryBaseBytes?: number;
  /** Physical cores per Ceph OSD. */
  minCoresPerOsd?: number;
  /** Flash (ssd/nvme) `wal-db` capacity as a fraction of the HDD OSD capacity (BlueStore block.db), when OSDs are HDD. */
  minWalDbFlashRatio?: number;
}

export interface Policy {
  /**
   * Failures the plan must survive: N+hosts per role, or whole racks; zones, switches and
   * feeds (power) for the failure analysis. normalize fills zones 0, switches 1, feeds 1;
   * absent only in hand-built scenarios, where the failure analysis uses the same defaults.
   */
  tolerate: { hosts: number; racks: number; zones?: number; switches?: number; feeds?: number };
  /**
   * Maintenance allowance: `hosts` hosts of each role in `roles` drained for a rolling upgrade
   * while a failure happens. normalize fills { hosts: 0, roles: [control, compute, storage] }.
   */
  maintenance?: { hosts: number; roles: Role[] };
  /** Utilisation thresholds (0..1). Storage: the fill of the surviving OSDs after the tolerated failures and re-protection; defaults to Ceph's backfillfull ratio. */
  thresholds: { compute: number; storage: number };
}

export interface Scenario {
  schemaVersion: 1;
  name: string;
  description?: string;
  /** First month of the horizon, `YYYY-MM`. */
  start: string;
  horizonMonths: number;
  hardware: Record<string, HardwareModel>;
  racks: Rack[];
  nodes: NodeGroup[];
  openstack: OpenStackPolicy;
  ceph: CephPolicy;
  demand: Demand;
  policy: Policy;
  requirements: Record<Role, RoleRequirements>;
  /** The network layout (model/network-config.ts); absent when the scenario has no `network:` section. */
  network?: NetworkConfig;
  /** Purchase rules (model/procurement-rules.ts); absent when the scenario has no `procurement:` section. */
  procurement?: ProcurementPolicy;
  /** Prices of the whole bill and of running it (model/cost.ts); absent when the scenario has no `costs:` section. */
  costs?: CostPrices;
}
