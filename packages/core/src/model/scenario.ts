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
}

/** A Nova flavor. Placement requests: VCPU = vcpus, MEMORY_MB = ramBytes / 2^20, DISK_GB = ceil(diskBytes / 2^30) (Nova root_gb is GiB). */
export interface Flavor {
  name: string;
  vcpus: number;
  ramBytes: number;
  diskBytes: number;
}

export interface OpenStackPolicy {
  /** Nova cpu_allocation_ratio / ram_allocation_ratio / disk_allocation_ratio. */
  allocationRatio: { cpu: number; ram: number; disk: number };
  /** Nova reserved_host_memory_mb (as bytes), reserved_host_cpus, reserved_host_disk_mb (as bytes). */
  reserved: { hostMemoryBytes: number; hostCpus: number; hostDiskBytes: number };
  /** Where instance disks live: `local` disks (use: ephemeral) or `ceph` (RBD images_type=rbd). */
  ephemeralStorage: 'local' | 'ceph';
  flavors: Record<string, Flavor>;
}

export type CephPool =
  | { name: string; type: 'replicated'; size: number; minSize: number; share: number }
  | { name: string; type: 'erasure'; k: number; m: number; minSize: number; share: number };

export interface CephRatios {
  /** mon_osd_nearfull_ratio, default 0.85 */
  nearfull: number;
  /** mon_osd_backfillfull_ratio, default 0.90 */
  backfillfull: number;
  /** mon_osd_full_ratio, default 0.95 */
  full: number;
}

export interface CephPolicy {
  /** CRUSH failure domain of every pool's rule: `step chooseleaf firstn 0 type <failureDomain>`. */
  failureDomain: 'host' | 'rack';
  ratios: CephRatios;
  /** `share` is the fraction of the raw capacity planned for the pool (like target_size_ratio); shares sum to <= 1. */
  pools: CephPool[];
}

export type Growth =
  /** demand(t) = demand(0) x (1 + perMonth)^t */
  | { kind: 'compound'; perMonth: number }
  /** demand(t) = demand(0) x (1 + perMonth x t) */
  | { kind: 'linear'; perMonth: number };

export interface Demand {
  instances: { flavor: string; count: number }[];
  /** Stored (client) bytes per pool at month 0, as `ceph df` STORED counts them. */
  storageBytes: Record<string, number>;
  growth: Growth;
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
  /** Utilisation thresholds (0..1). Storage defaults to Ceph's nearfull ratio. */
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
}
