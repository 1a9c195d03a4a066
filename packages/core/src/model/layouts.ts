/**
 * The layout comparison (`headroom ceph layouts`, storage/layouts.ts): on the scenario's storage
 * hardware and stored data, what each Ceph layout (replicated 2/3/4, erasure-coded profiles,
 * host or rack failure domain) gives and costs. Plain JSON: bytes, seconds, hours, ratios,
 * prices in the scenario's currency; null where a value does not exist.
 */

/** One layout: a data pool's redundancy and its CRUSH failure domain. */
export interface CephLayout {
  /** "replicated 3, host", "EC 4+2, rack". */
  label: string;
  type: 'replicated' | 'erasure';
  /** size for replicated; k and m for erasure (null otherwise). */
  size: number | null;
  k: number | null;
  m: number | null;
  failureDomain: 'host' | 'rack';
}

/** What one layout gives on the scenario's hardware. */
export interface CephLayoutRow extends CephLayout {
  /** n = size or k + m; m = the copies or shards a PG may lose; min_size (Ceph's default for the layout). */
  width: number;
  tolerated: number;
  minSize: number;
  /** Raw bytes written per client byte: size, or (k + m) / k (OSDMap::pool_raw_used_rate); full-stripe writes for EC. */
  writeAmplification: number;
  /** Failure domains under the rule, and after the policy's tolerated failures. */
  domains: number;
  domainsAfterFailure: number;
  /** The smallest cluster (one host per rack) that is active+clean again after the tolerated loss: n + max(tolerated hosts, tolerated racks) failure domains, and as many hosts. */
  fewestDomains: number;
  fewestHosts: number;
  /** Active+clean with every domain up; clean again (re-protected) after the tolerated loss; serving I/O during it. */
  clean: boolean;
  healthyAfterLoss: boolean;
  servesIoAfterLoss: boolean;
  /** Why the layout is not healthy, in words; null when it is. */
  reason: string | null;
  usableBytes: number;
  /** What may be stored so that the fullest survivor stays under backfillfull after the tolerated loss (CephPoolPlan.safeUsableBytes). */
  safeUsableBytes: number;
  /** Stored bytes at month 0 and at the month with the most data. */
  storedBytesMonth0: number;
  storedBytesPeak: number;
  /** Months until the stored data passes the safe usable limit; null beyond the horizon. */
  runwayMonths: number | null;
  /** Durability against independent device failures (CephPoolDurability): P(year), 1 in N years, nines, expected bytes lost per year; null when the PGs cannot go clean. */
  annualLossProbability: number | null;
  oneInYears: number | null;
  nines: number | null;
  expectedBytesLostPerYear: number | null;
  /** The worst rack lost at once: share of PGs losing data, and of PGs inactive; null without racks to compare. */
  worstRack: { subject: string; pgFractionLost: number; pgFractionInactive: number } | null;
  /** Re-protecting the fullest OSD (T of the durability) and the fullest host, seconds; null when it never completes. */
  osdRecoverySeconds: number | null;
  hostRecoverySeconds: number | null;
  /** Price of the storage hosts divided by usable and by safe usable TB (10^12 bytes); null without prices or capacity. */
  capexPerUsableTb: number | null;
  capexPerSafeUsableTb: number | null;
  /**
   * Sized for the horizon: the fewest storage hosts (of the compared model, placed like the
   * scenario's) with which the layout is clean, heals after the tolerated loss and keeps the
   * stored data under its safe usable limit to the end of the horizon; their price, and the
   * price per usable and per safe usable TB. Null when not sized (CephLayoutComparison.horizonSizing says why) or not found up to the search limit.
   */
  horizon: { hosts: number; capex: number | null; capexPerUsableTb: number | null; capexPerSafeUsableTb: number | null } | null;
}

export interface CephLayoutComparison {
  /** The OSDs compared on: a device class, or every OSD (null). */
  deviceClass: string | null;
  /** The storage hardware model compared on instead of the scenario's (`--hardware`), null for the scenario's own. */
  hardware: string | null;
  /** The pools whose data is compared (those on the OSDs of that class), and their stored bytes at month 0. */
  pools: string[];
  storedBytesMonth0: number;
  storageHosts: number;
  racks: number;
  osdCount: number;
  rawBytes: number;
  /** The policy's tolerated failures. */
  tolerate: { hosts: number; racks: number };
  /** Σ of the storage hosts' prices, and its currency; null when a storage model has no price. */
  capex: { amount: number; currency: string } | null;
  /** How the rows' `horizon` was found ("1 storage group of sto-r760xd2, searched 3..32 hosts"), or why it was not (several storage groups). */
  horizonSizing: string | null;
  rows: CephLayoutRow[];
}
