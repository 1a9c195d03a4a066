/**
 * The Ceph settings of a scenario with every default filled in: what normalize stores in
 * the Scenario, and what the storage code reads (a hand-built Scenario may leave the
 * optional Ceph fields out; the same defaults apply).
 */
import type { CephPolicy, CephPool, CephRecoverySettings, CephRule, DiskKind } from '../model/scenario.js';
import { CEPH_DEFAULTS } from './defaults.js';

/** Every Ceph setting, resolved. */
export interface CephSettings {
  failureDomain: 'host' | 'rack';
  ratios: CephPolicy['ratios'];
  /** Pools with `rule` and `bulk` set. */
  pools: (CephPool & { rule: string; bulk: boolean })[];
  rules: CephRule[];
  fillOverrides: { osd: number; utilisation: number }[];
  osdMemoryTargetBytes: number;
  hostMemoryBytes: number;
  cpuThreadsPerOsd: Record<DiskKind, number>;
  pgs: { targetPerOsd: number; maxPerOsd: number };
  recovery: CephRecoverySettings;
}

/**
 * The rule a pool uses when it names none: the default replicated rule
 * (`replicated_rule`), or, for an erasure pool, a rule named after the pool (what
 * `ceph osd pool create <pool> erasure` creates).
 */
export function impliedRuleName(pool: { name: string; type: 'replicated' | 'erasure' }): string {
  return pool.type === 'replicated' ? CEPH_DEFAULTS.replicatedRuleName : pool.name;
}

/**
 * The rules of a scenario: the declared ones, then one implied rule per name that a pool
 * uses without declaring it (failure domain `failureDomain`, no device class, the pool's
 * type). Declared rules keep their order; implied ones follow in pool order.
 */
export function resolveRules(
  declared: readonly CephRule[],
  pools: readonly { name: string; type: 'replicated' | 'erasure'; rule?: string }[],
  failureDomain: 'host' | 'rack',
): CephRule[] {
  const rules = declared.map((r) => ({ ...r }));
  for (const p of pools) {
    const name = p.rule ?? impliedRuleName(p);
    if (rules.some((r) => r.name === name)) continue;
    rules.push({ name, type: p.type, failureDomain, implied: true });
  }
  return rules;
}

/**
 * Shares of the raw capacity, per set of OSDs: pools without a share split what the pools
 * with one left, evenly, among the pools whose rules take the same OSDs (same device class,
 * or no class). Like target_size_ratio, which the pg_autoscaler normalises per CRUSH root.
 */
export function resolveShares<P extends { share?: number | undefined }>(pools: readonly P[], subtreeOf: (p: P) => string): number[] {
  const given = new Map<string, number>();
  const without = new Map<string, number>();
  for (const p of pools) {
    const k = subtreeOf(p);
    if (p.share === undefined) without.set(k, (without.get(k) ?? 0) + 1);
    else given.set(k, (given.get(k) ?? 0) + p.share);
  }
  return pools.map((p) => {
    if (p.share !== undefined) return p.share;
    const k = subtreeOf(p);
    return Math.max(0, 1 - (given.get(k) ?? 0)) / (without.get(k) ?? 1);
  });
}

/** The key of the set of OSDs a rule takes: its device class, or `*` for every OSD. */
export function subtreeKey(rule: Pick<CephRule, 'deviceClass'> | undefined): string {
  return rule?.deviceClass ?? '*';
}

/** Every Ceph setting with its default (see CEPH_DEFAULTS for the sources). */
export function resolveCephSettings(ceph: CephPolicy): CephSettings {
  // normalize lists every rule; a hand-built Scenario may not: the pools' implied rules are added.
  const rules = resolveRules(ceph.rules ?? [], ceph.pools, ceph.failureDomain);
  const pools = ceph.pools.map((p) => ({ ...p, rule: p.rule ?? impliedRuleName(p), bulk: p.bulk ?? false }));
  return {
    failureDomain: ceph.failureDomain,
    ratios: ceph.ratios,
    pools,
    rules,
    fillOverrides: ceph.fill?.osds ?? [],
    osdMemoryTargetBytes: ceph.osdMemoryTargetBytes ?? CEPH_DEFAULTS.osdMemoryTargetBytes,
    hostMemoryBytes: ceph.hostMemoryBytes ?? CEPH_DEFAULTS.hostMemoryBytes,
    cpuThreadsPerOsd: ceph.cpuThreadsPerOsd ?? { ...CEPH_DEFAULTS.cpuThreadsPerOsd },
    pgs: ceph.pgs ?? { targetPerOsd: CEPH_DEFAULTS.targetPgPerOsd, maxPerOsd: CEPH_DEFAULTS.maxPgPerOsd },
    recovery: ceph.recovery ?? {
      backfillBytesPerSecond: CEPH_DEFAULTS.backfillBytesPerSecond,
      maxBackfills: CEPH_DEFAULTS.maxBackfills,
      downOutIntervalSeconds: CEPH_DEFAULTS.downOutIntervalSeconds,
      detectionSeconds: CEPH_DEFAULTS.detectionSeconds,
    },
  };
}
