/**
 * MAX AVAIL exactly as `ceph df` computes it: PGMap::get_rule_avail over the OSDs a CRUSH
 * rule takes, divided by the pool's raw used rate. The input is a generic OSD list, so the
 * same function serves a planned cluster and a real one (`ceph osd df -f json`: kb, kb_avail,
 * crush_weight, reweight, status).
 */

/** One OSD as get_rule_avail sees it. Sizes in bytes; give availBytes or usedBytes. */
export interface OsdStat {
  id: number;
  /** CRUSH weight (any unit: only the weight share under the rule counts). Out OSDs keep theirs. */
  crushWeight: number;
  /** statfs total, bytes; 0 for an OSD that is down and out (its stats are zeroed). */
  totalBytes: number;
  /** statfs available, bytes. Default totalBytes - usedBytes. */
  availBytes?: number;
  /** Used bytes (raw), when availBytes is not given. */
  usedBytes?: number;
  up?: boolean;
  in?: boolean;
  /** Override reweight 0..1: get_rule_avail does not use it (it uses CRUSH weights). */
  reweight?: number;
}

/**
 * Raw bytes that can still be written under a rule before its fullest OSD reaches the full
 * ratio, assuming new data lands in proportion to CRUSH weight (PGMap::get_rule_avail,
 * src/mon/PGMap.cc):
 *
 *   f_i        = crushWeight_i / sum of crushWeight over all the rule's OSDs (out OSDs stay in the sum)
 *   headroom_i = max(0, avail_i - total_i x (1 - fullRatio))      bytes
 *   proj_i     = headroom_i / f_i                                  bytes of raw data
 *   ruleAvail  = min over OSDs of proj_i, skipping OSDs with zero total (out) or zero weight
 *
 * Returns 0 when no OSD counts (Ceph returns -1 or 0 and `ceph df` prints 0), else the
 * minimum truncated to a whole byte (Ceph's int64 cast). Ceph computes in KiB with float
 * weights and a float full ratio; the difference is below 1e-6 relative. Example: 30 OSDs of
 * 8 TB, 50 % used, full 0.95: headroom 8e12 x 0.45 = 3.6e12, f = 1/30, ruleAvail = 108e12.
 */
export function ruleAvailBytes(osds: readonly OsdStat[], fullRatio: number): number {
  const totalWeight = osds.reduce((s, o) => s + Math.max(0, o.crushWeight), 0);
  if (!(totalWeight > 0)) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const o of osds) {
    if (!(o.totalBytes > 0) || !(o.crushWeight > 0)) continue;
    const avail = o.availBytes ?? o.totalBytes - (o.usedBytes ?? 0);
    const headroom = Math.max(0, avail - o.totalBytes * (1 - fullRatio));
    const proj = headroom / (o.crushWeight / totalWeight);
    if (proj < min) min = proj;
  }
  return Number.isFinite(min) ? Math.floor(min) : 0;
}

/**
 * MAX AVAIL of a pool, bytes of client data: ruleAvail / rawUsedRate, truncated
 * (PGMapDigest::dump_object_stat_sum; rawUsedRate from OSDMap::pool_raw_used_rate: size, or
 * (k+m)/k). Pools on one rule see the same ruleAvail: their MAX AVAILs are alternatives,
 * never to be added up. Example: ruleAvail 108e12, size 3 -> 36e12; EC 4+2 -> 108e12 / 1.5
 * = 72e12. A clean pool is assumed (Ceph scales the rate down while objects are degraded).
 */
export function maxAvailBytes(ruleAvail: number, rawUsedRate: number): number {
  return rawUsedRate > 0 ? Math.floor(Math.max(0, ruleAvail) / rawUsedRate) : 0;
}
