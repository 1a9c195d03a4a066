/**
 * Ceph pools: raw used rate, copies, usable bytes, failure-domain sufficiency. The pool's record
 * (CephPoolPlan) is built by planCeph (ceph-plan.ts) from these.
 */
import type { Finding } from '../diagnostics/types.js';
import type { CephPool, CephRatios } from '../model/scenario.js';
import type { CephPoolPlan } from '../model/ceph-plan.js';

const CRUSH_SOURCE = 'CRUSH puts one copy or shard per failure domain (step chooseleaf firstn 0 type host|rack) — ceph doc/rados/operations/crush-map-edits.rst';
const MIN_SIZE_SOURCE = 'Ceph pool min_size: a PG with fewer than min_size copies/shards up is inactive and blocks I/O — ceph doc/rados/operations/pools.rst';

/**
 * Raw bytes written per stored byte (dimensionless):
 * replicated: size; erasure: (k + m) / k.
 * Source: ceph src/osd/OSDMap.cc `OSDMap::pool_raw_used_rate`.
 * Examples: size 3 -> 3; EC 4+2 -> 6/4 = 1.5.
 */
export function rawUsedRate(pool: CephPool): number {
  return pool.type === 'replicated' ? pool.size : (pool.k + pool.m) / pool.k;
}

/**
 * A pool's copies or shards, the failure domains it needs to go active+clean: size (replicated)
 * or k + m (erasure), one copy or shard per domain (doc/rados/operations/crush-map-edits.rst).
 */
export function failureDomainsNeeded(pool: CephPool): number {
  return pool.type === 'replicated' ? pool.size : pool.k + pool.m;
}

/** A pool's capacities in bytes of stored data (poolCapacities). */
export interface PoolCapacities {
  usableBytes: number;
  nearfullUsableBytes: number;
  toleratedUsableBytes: number;
  toleratedNearfullUsableBytes: number;
}

/**
 * One pool's capacity (bytes of stored data), each the whole rule's: the pools on a rule share
 * its raw space (PGMap::get_rule_avail), so these are alternatives, never to be added:
 *   usableBytes                   = rawBytes / rawUsedRate
 *   nearfullUsableBytes           = usableBytes × mon_osd_nearfull_ratio
 *   toleratedUsableBytes          = reprotectableRawBytes / rawUsedRate
 *   toleratedNearfullUsableBytes  = toleratedUsableBytes × mon_osd_nearfull_ratio
 * rawBytes: the raw of the OSDs under the pool's rule; reprotectableRawBytes: the raw whose
 * copies can be re-created after the worst tolerated failure (reprotect.ts). Each is rounded to a
 * whole byte (from the unrounded products), so 0.55 × ... / 3 prints no floating-point dust.
 * Example: 3 hosts × 10 × 8 TB = 240e12 raw, size 3 (any share): usable 80e12, nearfull (0.85) 68e12.
 * Sources: src/osd/OSDMap.cc pool_raw_used_rate; mon_osd_nearfull_ratio (src/common/options/global.yaml.in);
 * `share` is target_size_ratio: it steers pg_num only (pg_autoscaler), it partitions nothing.
 */
export function poolCapacities(rawBytes: number, reprotectableRawBytes: number, rawUsedRate: number, ratios: Pick<CephRatios, 'nearfull'>): PoolCapacities {
  const usable = rawBytes / rawUsedRate;
  const toleratedUsable = reprotectableRawBytes / rawUsedRate;
  return {
    usableBytes: Math.round(usable),
    nearfullUsableBytes: Math.round(usable * ratios.nearfull),
    toleratedUsableBytes: Math.round(toleratedUsable),
    toleratedNearfullUsableBytes: Math.round(toleratedUsable * ratios.nearfull),
  };
}

/**
 * Failure-domain findings for one pool (N = domains with OSDs, need = copies: size or k+m):
 * - `ceph.pool.too_few_failure_domains` (error) when N < need: PGs never go active+clean
 *   (and when N < min_size they are inactive: I/O blocks with every host up).
 * - `ceph.pool.cannot_self_heal` (warning) when N = need: after losing one domain CRUSH has
 *   nowhere to re-create the missing copy; PGs stay degraded (healing needs need + 1).
 *   Not repeated when the pool already has too few domains.
 * - `ceph.pool.below_min_size_after_failure` (error) when N >= min_size but the domains left
 *   after removing the tolerated failures are fewer than min_size: I/O blocks during the failure.
 * Sources: doc/rados/operations/crush-map-edits.rst, doc/rados/operations/pools.rst (min_size).
 */
export function poolFindings(plan: CephPoolPlan, failureDomain: 'host' | 'rack', toleratedRemoved: boolean): Finding[] {
  const out: Finding[] = [];
  const n = plan.failureDomainCount;
  const need = plan.copies;
  const after = plan.failureDomainCountAfterFailure;
  const what = plan.type === 'replicated' ? `size ${plan.copies}` : `EC ${plan.k}+${plan.m}`;
  const copies = plan.type === 'replicated' ? 'copies' : 'shards';
  const subject = `pool ${plan.name}`;
  const unit = `${failureDomain}s`;
  if (n < need) {
    const inactive = n < plan.minSize ? `; fewer than min_size ${plan.minSize}, so its PGs are inactive and I/O blocks even with every ${failureDomain} up` : '';
    out.push({
      code: 'ceph.pool.too_few_failure_domains',
      severity: 'error',
      subject,
      message: `pool ${plan.name} (${what}) needs ${need} ${unit} for its ${need} ${copies} but has ${n}: it never goes active+clean${inactive}`,
      value: n,
      limit: need,
      unit,
      source: CRUSH_SOURCE,
    });
  } else if (n < need + 1) {
    out.push({
      code: 'ceph.pool.cannot_self_heal',
      severity: 'warning',
      subject,
      message: `pool ${plan.name} (${what}) has exactly ${n} ${unit} for ${need} ${copies}: after losing one ${failureDomain} Ceph has nowhere to re-create the missing ${copies} and the PGs stay degraded (self-healing needs ${need + 1})`,
      value: n,
      limit: need + 1,
      unit,
      source: CRUSH_SOURCE,
    });
  }
  if (toleratedRemoved && n >= plan.minSize && after < plan.minSize) {
    out.push({
      code: 'ceph.pool.below_min_size_after_failure',
      severity: 'error',
      subject,
      message: `pool ${plan.name} (${what}, min_size ${plan.minSize}) keeps ${copies} on only ${after} ${unit} after the tolerated failures: below min_size its PGs are inactive and I/O blocks`,
      value: after,
      limit: plan.minSize,
      unit,
      source: MIN_SIZE_SOURCE,
    });
  }
  return out;
}
