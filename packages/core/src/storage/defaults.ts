/**
 * Ceph's defaults that headroom plans with, each with where it comes from. Option files are
 * in ceph/ceph `src/common/options/`: global.yaml.in, mon.yaml.in, mgr.yaml.in, osd.yaml.in.
 * Values headroom chose itself (Ceph has no such option) say "headroom default".
 */
import type { DiskKind } from '../model/scenario.js';

const GIB = 2 ** 30;

/** Ceph's own defaults and headroom's planning defaults (units in the names). */
export const CEPH_DEFAULTS = {
  /** osd_memory_target 4_G (global.yaml.in). */
  osdMemoryTargetBytes: 4 * GIB,
  /** headroom default: memory a storage host keeps for the OS and its non-OSD daemons. */
  hostMemoryBytes: 16 * GIB,
  /** Logical CPUs per OSD: 1 core (2 threads) for HDD, 2 cores (4 threads) for SSD and NVMe; see SOURCES.cpu. */
  cpuThreadsPerOsd: { hdd: 2, ssd: 4, nvme: 4 } as Record<DiskKind, number>,
  /** mon_target_pg_per_osd 100 (mgr.yaml.in). */
  targetPgPerOsd: 100,
  /** mon_max_pg_per_osd 250 (global.yaml.in). */
  maxPgPerOsd: 250,
  /** PG_NUM_MIN = 32 (src/pybind/mgr/pg_autoscaler/module.py), unless pg_num_min is set per pool. */
  pgNumMin: 32,
  /** headroom default: one backfill moves 100 MB/s (Ceph gives limits, not throughput). */
  backfillBytesPerSecond: 100e6,
  /** osd_max_backfills 1 (osd.yaml.in). */
  maxBackfills: 1,
  /** mon_osd_down_out_interval 10_min = 600 s (mon.yaml.in). */
  downOutIntervalSeconds: 600,
  /** osd_heartbeat_grace 20 s (global.yaml.in): peers report a silent OSD down after it. */
  detectionSeconds: 20,
  /** osd_mclock_max_sequential_bandwidth_hdd 150_M = 150 MiB/s (src/common/options/osd.yaml.in): an HDD OSD's whole sequential capacity under mClock. */
  mclockHddBytesPerSecond: 150 * 2 ** 20,
  /** osd_mclock_max_sequential_bandwidth_ssd 1200_M = 1200 MiB/s (osd.yaml.in): the same for a non-rotational OSD (SSD, NVMe). */
  mclockSsdBytesPerSecond: 1200 * 2 ** 20,
  /**
   * Share of an OSD's bandwidth recovery may take while clients keep theirs: 1 - the client
   * reservation of osd_mclock_profile balanced (the default: client 50 %, background recovery
   * 50 %; high_recovery_ops 30 / 70), doc/rados/configuration/mclock-config-ref.rst.
   */
  mclockRecoveryShare: 0.5,
  /** upmap_max_deviation 5 (src/pybind/mgr/balancer/module.py): the balancer stops when every OSD is within 5 PGs of its target. */
  upmapMaxDeviationPgs: 5,
  /** BlueStore block.db: 1 % of block is the low end for RBD (bluestore-config-ref.rst, Sizing). */
  walDbMinFraction: 0.01,
  /** The name of the replicated rule a new cluster has (osd_pool_default_crush_rule picks it). */
  replicatedRuleName: 'replicated_rule',
} as const;

/** Where each rule of thumb comes from, quoted in findings. */
export const CEPH_SOURCES = {
  getRuleAvail: 'ceph src/mon/PGMap.cc PGMap::get_rule_avail (MAX AVAIL of ceph df = rule avail / pool_raw_used_rate)',
  rawUsedRate: 'ceph src/osd/OSDMap.cc OSDMap::pool_raw_used_rate',
  waterFill: 'headroom [model]: CRUSH puts at most one copy or shard of a PG per failure domain, so a domain holds at most one copy of the data: sum_i min(c_i, D) >= r x D',
  storageCapacity: 'ceph doc/rados/configuration/mon-config-ref.rst "Storage Capacity": plan for OSD failures so the cluster can recover to active+clean',
  ratios: 'mon_osd_nearfull_ratio 0.85, mon_osd_backfillfull_ratio 0.90, mon_osd_full_ratio 0.95 (src/common/options/global.yaml.in)',
  autoscaler: 'ceph src/pybind/mgr/pg_autoscaler/module.py (_calc_final_pg_target: three passes, nearest power of two, PG_NUM_MIN 32)',
  maxPgPerOsd: 'mon_max_pg_per_osd 250 (src/common/options/global.yaml.in): pool creation and pg_num increases fail above it',
  osdMemory: 'osd_memory_target 4_G (src/common/options/global.yaml.in); the OSD RSS can exceed it by up to 20 % (its fmt_desc)',
  cpu: 'ceph doc/start/hardware-recommendations.rst ("1 core per 200-500 MB/s", "two cores per OSD for heavy workloads such as RBD volumes attached to VMs"); ceph.io blog "Ceph OSD CPU Scaling - Part 1" (2022) for NVMe ("2 cores per OSD might be a good value proposition", "at 2-4 cores per OSD Ceph can mostly utilize all cores")',
  walDb: 'ceph doc/rados/configuration/bluestore-config-ref.rst, Sizing: block.db between 1 % and 4 % of block; RBD usually needs no more than 1-2 %, RGW at least 4 %',
  recovery:
    'headroom [model]: detection (osd_heartbeat_grace) + mon_osd_down_out_interval + data / the slowest of (parallel backfills x per-backfill throughput), disk work under mClock, the replication network; osd_max_backfills (src/common/options/osd.yaml.in)',
  mclock:
    'osd_mclock_max_sequential_bandwidth_hdd 150_M, _ssd 1200_M (ceph src/common/options/osd.yaml.in; mClock is the default osd_op_queue since Quincy); osd_mclock_profile balanced reserves 50 % for clients, 50 % for background recovery (doc/rados/configuration/mclock-config-ref.rst)',
  balancer:
    'mgr balancer, mode upmap: upmap_max_deviation 5, "if the number of PGs are within this count then no optimization is attempted" (ceph src/pybind/mgr/balancer/module.py)',
  quota:
    'pool quota max_bytes (ceph osd pool set-quota; doc/rados/operations/pools.rst "Setting Pool Quotas"); health POOL_FULL when a pool reaches it (doc/rados/operations/health-checks.rst)',
  sharedRaw:
    'ceph src/mon/PGMap.cc PGMap::get_rule_avail: one avail per CRUSH rule, every pool on the rule draws from the same OSDs; target_size_ratio only steers pg_num (src/pybind/mgr/pg_autoscaler/module.py)',
} as const;
