/**
 * The Ceph part of a PlanResult (`storage.ceph`): the CRUSH tree summarised, the rules, every
 * pool with Ceph's own MAX AVAIL next to what really fits and what is safe, the PG plan, the
 * storage host sizing, recovery times and the fill month by month. Plain JSON: bytes, seconds,
 * ratios 0..1; null where a value does not exist. A pool's capacities are rounded to whole
 * bytes (from unrounded products); the month-by-month series are not.
 */
import type { DiskKind } from './scenario.js';

export interface CephStoragePlan {
  crush: CephCrushSummary;
  rules: CephRulePlan[];
  pools: CephPoolPlan[];
  pgs: CephPgPlan;
  /** One entry per storage hardware model. */
  hosts: CephHostSizing[];
  recovery: CephRecoveryPlan;
  /** The fill of every pool, month by month (same months as PlanResult.months). */
  months: CephMonth[];
  /** The pool whose runway ends first (to its safe usable limit or to nearfull), null when none ends in the horizon. */
  bottleneck: { pool: string; limit: 'safe usable' | 'nearfull'; runwayMonths: number; month: string } | null;
  /** The settings used, defaults filled in. */
  settings: {
    osdMemoryTargetBytes: number;
    hostMemoryBytes: number;
    cpuThreadsPerOsd: Record<DiskKind, number>;
    targetPgPerOsd: number;
    maxPgPerOsd: number;
    backfillBytesPerSecond: number;
    maxBackfills: number;
    downOutIntervalSeconds: number;
    detectionSeconds: number;
  };
}

/** root `default` -> zone -> rack -> host -> OSD, summarised. CRUSH weights are TiB (bytes / 2^40). */
export interface CephCrushSummary {
  osdCount: number;
  rawBytes: number;
  crushWeight: number;
  /** Racks holding storage hosts, in scenario order, with their zone. */
  racks: { name: string; zone?: string; hosts: number; osdCount: number; rawBytes: number }[];
  hosts: { name: string; rack: string; zone?: string; osdCount: number; rawBytes: number; crushWeight: number }[];
  /** Raw bytes per device class. */
  classes: { deviceClass: string; osdCount: number; rawBytes: number; crushWeight: number }[];
}

export interface CephRulePlan {
  name: string;
  type: 'replicated' | 'erasure';
  failureDomain: 'host' | 'rack';
  deviceClass: string | null;
  /** Created by headroom because a pool named no rule. */
  implied: boolean;
  /** The rule's steps, as `ceph osd crush rule dump` would show them. */
  steps: string[];
  osdCount: number;
  rawBytes: number;
  /** Failure domains with OSDs under the rule. */
  domains: { name: string; rawBytes: number; osdCount: number }[];
  pools: string[];
}

export interface CephPoolPlan {
  name: string;
  rule: string;
  type: 'replicated' | 'erasure';
  /** Copies or shards: size, or k + m. */
  copies: number;
  minSize: number;
  rawUsedRate: number;
  share: number;
  bulk: boolean;
  /** Failure domains under the pool's rule: all, and left after the tolerated failures. */
  failureDomains: number;
  failureDomainsAfterFailure: number;
  /** Domains >= copies: PGs can go active+clean. */
  clean: boolean;
  /** Domains >= min_size: PGs are active and serve I/O. */
  servesIo: boolean;
  /** Domains >= copies + 1: a lost domain can be re-protected elsewhere. */
  selfHealing: boolean;
  /** Domains left after the tolerated failures minus min_size (negative: I/O blocks during the failure). */
  minSizeMargin: number;
  storedBytesMonth0: number;
  /** Ceph's MAX AVAIL at month 0 (`ceph df`, with the planned fill): rule avail / raw used rate. */
  maxAvailBytes: number;
  /**
   * What the pool can hold in all, all domains up, at month 0: the water-fill bound (one copy or
   * shard per failure domain, domains at the full ratio) less the other pools' raw data, and never
   * more than stored + MAX AVAIL (a hot OSD reaches full first).
   */
  storableBytes: number;
  /** storableBytes - stored: what really still fits at month 0 (compare with maxAvailBytes). */
  availBytes: number;
  /** Raw of the pool's OSDs x share / raw used rate (the textbook usable). */
  usableBytes: number;
  /** The share of what can be re-protected after the worst tolerated failure, survivors at 100 % (bytes of client data). */
  reprotectableBytes: number;
  /** reprotectableBytes x backfillfull ratio: the most that can be stored safely; the horizon plans against it. */
  safeUsableBytes: number;
  /** reprotectableBytes x nearfull ratio: above it the survivors warn nearfull after the failure. */
  safeUsableNearfullBytes: number;
  /** The failure that limits reprotectableBytes, in words ("one 7.68 TB OSD of storage-01", "host storage-01", "none"). */
  limitedBy: string;
  /** pg_autoscaler's pg_num at month 0; null when the pool's root overlaps another (the autoscaler does not scale it). */
  pgNum: number | null;
  /** The autoscaler pass that sized it (1, 2, 3) and its unrounded target. */
  pgPass: 1 | 2 | 3 | null;
  pgTarget: number | null;
  /** Months until the fullest OSD under the rule passes the nearfull ratio; null beyond the horizon. */
  runwayToNearfullMonths: number | null;
  /** Months until stored data passes the safe usable limit (policy.thresholds.storage x reprotectable); null beyond the horizon. */
  runwayToSafeUsableMonths: number | null;
}

export interface CephPgPlan {
  targetPerOsd: number;
  maxPerOsd: number;
  /** The sets of OSDs the rules take (a device class, or every OSD), with their PG budget. */
  subtrees: { deviceClass: string | null; osdCount: number; pgBudget: number; pools: string[]; overlapping: boolean; pgReplicasPerOsd: number }[];
  /** The most PG replicas (pg_num x size / OSDs, summed over the pools on an OSD) any OSD carries. */
  maxPgReplicasPerOsd: number;
}

export interface CephHostSizing {
  hardware: string;
  hosts: string[];
  osds: Record<DiskKind, number>;
  memory: { installedBytes: number; neededBytes: number; osdMemoryTargetBytes: number; hostMemoryBytes: number; ok: boolean };
  cpu: { threads: number; neededThreads: number; ok: boolean };
  /** BlueStore WAL/DB flash for HDD OSDs; null without HDD OSDs. */
  walDb: { hddOsds: number; devices: number; totalBytes: number; perOsdBytes: number; fractionOfOsd: number; minFraction: number; ok: boolean } | null;
}

export interface CephRecoveryPlan {
  /** The month the cases are computed at: the one with the most raw data (0-based), and its label. */
  monthIndex: number;
  month: string;
  cases: CephRecoveryCase[];
  /** Where the replication bandwidth that caps recovery comes from: the network plan's replication link, or each host's fastest NIC card. */
  bandwidthSource: string;
}

export interface CephRecoveryCase {
  failure: 'osd' | 'host';
  /** `osd.12 (storage-02)` or `storage-02`. */
  subject: string;
  /** False when Ceph has nowhere to re-create the data (every other domain already holds a copy): PGs stay degraded until the failure is repaired. */
  reprotectable: boolean;
  note: string;
  dataBytes: number;
  networkAmplification: number;
  pgCount: number;
  targetOsdCount: number;
  networkBitsPerSecond: number | null;
  parallelBackfills: number;
  backfillBytesPerSecond: number;
  networkBytesPerSecond: number | null;
  rateBytesPerSecond: number;
  limitedBy: 'backfills' | 'network';
  waitSeconds: number;
  transferSeconds: number;
  /** wait + transfer; null when the data cannot be re-protected (or the per-backfill throughput is 0). */
  totalSeconds: number | null;
}

export interface CephPoolMonth {
  storedBytes: number;
  /** stored x raw used rate. */
  rawUsedBytes: number;
  /** Ceph's MAX AVAIL this month. */
  maxAvailBytes: number;
  /** Utilisation of the fullest OSD under the pool's rule (all pools' data), 0..1+. */
  fullestOsdUtilisation: number;
  /** Fill of the survivors after the limiting failure and re-protection (raw on the pool's OSDs / re-protectable raw), 0..1+. */
  survivorUtilisation: number | null;
  /** stored / safe usable; null when the safe usable is 0. */
  utilisation: number | null;
}

export interface CephMonth {
  index: number;
  month: string;
  pools: Record<string, CephPoolMonth>;
}
