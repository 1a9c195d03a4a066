/**
 * The Ceph part of a PlanResult (`storage.ceph`): the CRUSH tree summarised, the rules, every
 * pool with Ceph's own MAX AVAIL next to what really fits and what is safe, the PG plan, the
 * storage host sizing, recovery times and the fill month by month. Plain JSON: bytes, seconds,
 * ratios 0..1; null where a value does not exist. A pool's capacities are rounded to whole
 * bytes (from unrounded products); the month-by-month series are not.
 */
import type { DiskKind } from './scenario.js';
import type { CephPoolAllocation } from './allocation.js';
import type { CephPoolDurability } from './durability.js';

export interface CephStoragePlan {
  crush: CephCrushSummary;
  rules: CephRulePlan[];
  /** The rules grouped by the OSDs they take: the pools of a group share one raw space and are planned together (one resource each). */
  ruleSets: CephRuleSetPlan[];
  /** The one record of each pool: one per scenario pool (ceph.pools), in scenario order. */
  pools: CephPoolPlan[];
  pgs: CephPgPlan;
  /** One entry per storage hardware model. */
  hosts: CephHostSizing[];
  recovery: CephRecoveryPlan;
  /** The fill of every pool, month by month (same months as PlanResult.months). */
  months: CephMonth[];
  /** Each pool's durability against device failures, and whole racks or zones lost (storage/durability.ts). Absent in plans made before it existed. */
  durability?: CephPoolDurability[];
  /** BlueStore allocation padding of the pools with an averageObjectSize (storage/allocation.ts). Absent in plans made before it existed. */
  allocation?: CephPoolAllocation[];
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
    /** mClock: osd_mclock_max_sequential_bandwidth_hdd and _ssd, bytes/s, and the share recovery takes (1 - the client reservation). */
    mclockHddBytesPerSecond: number;
    mclockSsdBytesPerSecond: number;
    mclockRecoveryShare: number;
    /** upmap_max_deviation of the balancer estimate of the fullest OSD. */
    upmapMaxDeviationPgs: number;
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

/**
 * Rules that take the same OSDs (the same device class, or every OSD) and their pools. Ceph
 * gives one avail per rule over its OSDs (PGMap::get_rule_avail) and every pool on those OSDs
 * draws from it: the group is planned as one resource, `resource`, in raw bytes.
 */
export interface CephRuleSetPlan {
  /** The planned resource: `storage.rule.<rule>`, rules sharing the OSDs joined by `+`. */
  resource: string;
  rules: string[];
  deviceClass: string | null;
  osdCount: number;
  rawBytes: number;
  /** The most raw data whose copies can be re-created after the worst tolerated failure, survivors at 100 % (the least over the pools' copies and failure domains). */
  reprotectableRawBytes: number;
  /** The failure that limits it, in words. */
  limitedBy: string;
  /** The fullest OSD as a multiple of the mean fill, and where the multiple comes from. */
  fullestOsd: {
    factor: number;
    source: 'ceph osd df' | 'upmap balancer';
    /** PG replicas per OSD (the mean over the OSDs), the P of 1 + deviation / P. */
    pgReplicasPerOsd: number;
    /** upmap_max_deviation for the balancer estimate; null when measured. */
    maxDeviationPgs: number | null;
  };
  /** reprotectable raw x backfillfull / factor: the raw data the pools may hold together so that the fullest survivor stays under backfillfull. */
  safeRawBytes: number;
  /** reprotectable raw x nearfull / factor. */
  safeRawNearfullBytes: number;
  rawUsedBytesMonth0: number;
  /**
   * Each pool's part of the set at month 0: its raw used (CephPoolPlan.rawUsedBytesMonth0, the
   * pool's one record) as a fraction of the set's raw used and of the set's safe raw.
   */
  pools: { name: string; partOfRawUsed: number | null; partOfSafeRaw: number | null }[];
  /** Months until the pools' raw data passes policy.thresholds.storage x reprotectable / factor; null beyond the horizon. */
  runwayToSafeRawMonths: number | null;
  /** Months until the fullest OSD passes nearfull; null beyond the horizon. */
  runwayToNearfullMonths: number | null;
}

/**
 * One Ceph pool's plan: the one record of the pool in a PlanResult (`storage.ceph.pools`, in
 * scenario order, one per scenario pool). Bytes are client data as `ceph df` STORED counts them
 * unless the name says raw; the capacities are rounded to whole bytes (from unrounded products);
 * counts are plain numbers.
 */
export interface CephPoolPlan {
  name: string;
  rule: string;
  type: 'replicated' | 'erasure';
  /** Copies or shards, one per failure domain: size, or k + m (`ceph osd pool get <pool> size` prints k + m for an EC pool). The failure domains the pool needs to go active+clean. */
  copies: number;
  /** The erasure-code profile's data and coding chunks; null for a replicated pool. */
  k: number | null;
  m: number | null;
  minSize: number;
  /** Raw bytes written per stored byte: size, or (k + m) / k (OSDMap::pool_raw_used_rate). */
  rawUsedRate: number;
  /** target_size_ratio: it sizes the pool's PGs only (pg_autoscaler), it partitions nothing. */
  share: number;
  bulk: boolean;
  /** Failure domains with OSDs under the pool's rule. */
  failureDomainCount: number;
  /** Failure domains under the pool's rule that still hold OSDs after removing the tolerated failures. */
  failureDomainCountAfterFailure: number;
  /** Domains >= copies: PGs can go active+clean. */
  clean: boolean;
  /** Domains >= min_size: PGs are active and serve I/O. */
  servesIo: boolean;
  /** Domains >= copies + 1: a lost domain can be re-protected elsewhere. */
  selfHealing: boolean;
  /** Domains left after the tolerated failures minus min_size (negative: I/O blocks during the failure). */
  minSizeMargin: number;
  /** Stored bytes at month 0 (demand.storageBytes of the pool, 0 when absent). */
  storedBytesMonth0: number;
  /** Where storedBytesMonth0 came from, when the scenario has demand.storageFrom (e.g. `ceph df: <file> pools[name=rbd].stats.stored`). */
  storedSource?: string;
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
  /** Raw of the pool's OSDs / raw used rate: the whole rule's space, shared with the other pools on it (never add). */
  usableBytes: number;
  /** usableBytes x nearfull ratio (mon_osd_nearfull_ratio), from the unrounded usable. */
  nearfullUsableBytes: number;
  /**
   * The pool's own re-protectable raw / raw used rate (the whole rule's, shared; other pools and
   * the fullest OSD not counted): the client bytes whose copies can all be re-created after the
   * worst tolerated failure (the tolerated hosts or racks, or any one OSD), survivors filled to
   * 100 % (storage/reprotect.ts). The horizon plans the rule set instead (reprotectableBytes,
   * safeUsableBytes, CephRuleSetPlan).
   */
  toleratedUsableBytes: number;
  /** toleratedUsableBytes x nearfull ratio, from the unrounded value. */
  toleratedNearfullUsableBytes: number;
  /** The resource of the pool's rule set (CephRuleSetPlan.resource). */
  ruleSet: string;
  /** stored x raw used rate at month 0. */
  rawUsedBytesMonth0: number;
  /** What the pool could hold if the other pools on its OSDs kept their month-0 data: (set reprotectable raw / fullest factor - the others' raw) / raw used rate (bytes of client data). */
  reprotectableBytes: number;
  /** The same at backfillfull: (set safe raw - the others' raw) / raw used rate. An alternative, like MAX AVAIL: never add it over pools. */
  safeUsableBytes: number;
  /** The same at nearfull. */
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
  /** The pool's quota (max_bytes, stored bytes), null without one; then the pool also has a limit of its own. */
  maxBytes: number | null;
  /** Months until stored passes the quota (POOL_FULL: writes to the pool stop); null without a quota or beyond the horizon. */
  runwayToQuotaMonths: number | null;
  /** Months until the raw data of every pool on the pool's OSDs passes its rule set's safe raw (policy.thresholds.storage x reprotectable raw / fullest factor); null beyond the horizon. */
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
  /** Bytes read and written to re-create the data: data x (amplification + 1) (replicated: read one copy, write one; EC: read k shards, write one). */
  diskWorkBytes: number;
  /** Disk bandwidth recovery gets on the OSDs that read and write (mClock max sequential bandwidth of their class x recovery share), in bytes/s of re-created data = bandwidth / (amplification + 1); null when not bounded. */
  diskBytesPerSecond: number | null;
  /** Σ over the participating OSDs of the mClock bandwidth recovery may use, bytes/s (before dividing by amplification + 1). */
  diskBandwidthBytesPerSecond: number | null;
  rateBytesPerSecond: number;
  limitedBy: 'backfills' | 'network' | 'disks';
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
  /** Fill of the fullest survivor after the limiting failure and re-protection (raw on the pool's OSDs x fullest factor / the set's re-protectable raw), 0..1+. */
  survivorUtilisation: number | null;
  /** The rule set's raw used (every pool on the OSDs) / its safe raw; null when the safe raw is 0. */
  utilisation: number | null;
}

export interface CephMonth {
  index: number;
  month: string;
  pools: Record<string, CephPoolMonth>;
}

/** A rule set's capacity as the horizon reads it (storageSeries): the fields of CephRuleSetPlan it needs. */
export type RuleSetCapacity = Pick<CephRuleSetPlan, 'resource' | 'rules' | 'deviceClass' | 'rawBytes' | 'reprotectableRawBytes' | 'rawUsedBytesMonth0'> & {
  fullestOsd: Pick<CephRuleSetPlan['fullestOsd'], 'factor'>;
  /** The set's pools, by name. */
  pools: { name: string }[];
};
