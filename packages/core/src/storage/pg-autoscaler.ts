/**
 * The PG plan of the pools on one CRUSH subtree, as the pg_autoscaler computes it
 * (src/pybind/mgr/pg_autoscaler/module.py, `_get_pool_status` and `_calc_final_pg_target`),
 * and the PG replicas each OSD carries against mon_max_pg_per_osd.
 */
import { CEPH_DEFAULTS } from './defaults.js';

/**
 * The power of two nearest to n, ties upwards, as the autoscaler's nearest_power_of_two:
 * v = int(n) rounded up to a power of two, x = v / 2, answer x if v - n > n - x else v.
 * Examples: 80 -> 64 (128 - 80 = 48 > 80 - 64 = 16); 106.67 -> 128; 48 -> 64 (tie);
 * 0.5 -> 0 (the caller's floor of 32 applies).
 */
export function nearestPowerOfTwo(n: number): number {
  let v = Math.trunc(n);
  if (v <= 0) return 0;
  let up = 1;
  while (up < v) up *= 2;
  v = up;
  const x = Math.floor(v / 2);
  return v - n > n - x ? x : v;
}

/** One pool as the autoscaler sees it. */
export interface AutoscalePool {
  name: string;
  /** Replicas, or k + m for an erasure pool (the pool's `size`). */
  size: number;
  /** max(raw used / subtree capacity, effective target ratio), 0..1. */
  capacityRatio: number;
  bulk: boolean;
  /** pg_num_min; default PG_NUM_MIN = 32. */
  pgNumMin?: number;
  /** pg_autoscale_bias; default 1. */
  bias?: number;
}

export interface AutoscaleResult {
  name: string;
  /** 1: non-bulk pools by capacity ratio; 2: bulk pools above an even share; 3: the rest, evenly. */
  pass: 1 | 2 | 3;
  /** The ratio of the subtree's PG budget the pool was given. */
  finalRatio: number;
  /** final_ratio x PGs left / size x bias, before rounding. */
  pgTarget: number;
  /** max(pg_num_min, nearest power of two of pgTarget). */
  pgNum: number;
}

/**
 * The autoscaler's three passes over the pools of one subtree (pools in creation order):
 *   PG budget    = OSDs x mon_target_pg_per_osd, and PGs left starts there;
 *   pass 1       every non-bulk pool: used = capacityRatio x PGs left; PGs left -= int(used);
 *                target = used / size x bias;
 *   pass 2       every bulk pool, even = 1 / (pools - pools used): if capacityRatio > even, it
 *                takes capacityRatio x PGs left as in pass 1; otherwise it waits for pass 3;
 *   pass 3       the waiting pools share what is left evenly: target = PGs left / (pools - pools used) / size x bias;
 *   pg_num       = max(pg_num_min (32), nearest power of two of target).
 * pg_num_max and the 3x change threshold are left out: headroom plans the target pg_num.
 * Upstream test vector (src/pybind/mgr/pg_autoscaler/tests/test_cal_final_pg_target.py,
 * test_even_pools_one_meta_three_bulk): budget 400, meta 0.2 non-bulk, three bulk pools
 * 0.2, 0.2, 0.1, size 1 -> 64, 128, 128, 128.
 */
export function autoscalePgs(osdCount: number, targetPgPerOsd: number, pools: readonly AutoscalePool[]): AutoscaleResult[] {
  const poolCount = pools.length;
  let pgLeft = osdCount * targetPgPerOsd;
  let poolUsed = 0;
  const out = new Map<string, AutoscaleResult>();
  const finish = (p: AutoscalePool, pass: 1 | 2 | 3, finalRatio: number, pgTarget: number): void => {
    const pgNum = Math.max(p.pgNumMin ?? CEPH_DEFAULTS.pgNumMin, nearestPowerOfTwo(pgTarget));
    out.set(p.name, { name: p.name, pass, finalRatio, pgTarget, pgNum });
  };
  const bulk: AutoscalePool[] = [];
  for (const p of pools) {
    if (p.bulk) {
      bulk.push(p);
      continue;
    }
    const used = p.capacityRatio * pgLeft;
    pgLeft -= Math.trunc(used);
    poolUsed += 1;
    finish(p, 1, p.capacityRatio, (used / p.size) * (p.bias ?? 1));
  }
  const even: AutoscalePool[] = [];
  for (const p of bulk) {
    const evenRatio = 1 / (poolCount - poolUsed);
    if (!(p.capacityRatio > evenRatio)) {
      even.push(p);
      continue;
    }
    poolUsed += 1;
    const used = p.capacityRatio * pgLeft;
    pgLeft -= Math.trunc(used);
    finish(p, 2, p.capacityRatio, (used / p.size) * (p.bias ?? 1));
  }
  for (const p of even) {
    const finalRatio = 1 / (poolCount - poolUsed);
    finish(p, 3, finalRatio, ((finalRatio * pgLeft) / p.size) * (p.bias ?? 1));
  }
  return pools.map((p) => out.get(p.name)!);
}

/**
 * The autoscaler's capacity ratio of a pool: max(raw used / capacity, effective target
 * ratio), with effective target ratio = target_size_ratio / sum of the target ratios on the
 * subtree (effective_target_ratio, no target_size_bytes). headroom's pool `share` is the
 * target ratio. Example: shares 0.55, 0.25, 0.1, 0.1 -> 0.55, 0.25, 0.1, 0.1.
 */
export function capacityRatio(rawUsedBytes: number, capacityBytes: number, share: number, totalShares: number): number {
  const actual = capacityBytes > 0 ? rawUsedBytes / capacityBytes : 0;
  const target = totalShares > 0 ? share / totalShares : 0;
  return Math.max(actual, target);
}
