/**
 * MAX AVAIL per pool from a real cluster's outputs, side by side with what `ceph df` printed.
 *
 * For each pool of `osd dump`: its rule (rule dump) -> the bucket it takes and the device
 * class -> the OSDs under that bucket of that class (osd df tree, or the crush tree) ->
 * storage/max-avail.ts ruleAvailBytes at the osd dump's full_ratio -> / raw used rate.
 * This is PGMap::get_rule_avail + dump_object_stat_sum (src/mon/PGMap.cc).
 *
 * What is inferred when an output is missing is said in `inferred` (never silent):
 *  - no rule dump (`osd crush dump`'s rules are used when present): a rule is matched to a
 *    device class when its name, read from a replicated pool's erasure_code_profile
 *    (Luminous's `osd pool create ... replicated <rule>`), contains a class name the OSDs
 *    carry as a word (`metadata_ssd` -> ssd); with one class or none it takes every OSD; with
 *    several, the outputs must single out one OSD set (ruleFor), else MAX AVAIL is unknown.
 *  - no tree (`osd df` without `tree`, no crush tree): every OSD is under the rule's root.
 *  - no full_ratio in osd dump: 0.95 (mon_osd_full_ratio's default).
 * "Storable" is the water-fill bound (storage/water-fill.ts): client bytes that fit if data
 * were placed perfectly across the rule's failure domains up to the full ratio, where the
 * tree gives them; MAX AVAIL is lower when CRUSH placement is uneven.
 */
import { CEPH_RATIO_DEFAULTS } from '../model/scenario.js';
import { maxAvailBytes, ruleAvailBytes, type OsdStat } from '../storage/max-avail.js';
import { placeableRawBytes } from '../storage/water-fill.js';
import type { CephDf } from './df.js';
import type { CephBucket, CephOsd, CephOsdTree } from './osd-df.js';
import type { CephOsdDump, CephStatePool } from './osd-dump.js';
import type { CephAutoscaleRow, CephPoolCopies, CephStateRule, CephStateRuleTake } from './crush-rules.js';

export interface CephClusterState {
  osdDf: CephOsdTree;
  /** `osd crush tree`, when `osd df` has no tree. */
  crushTree?: CephOsdTree;
  osdDump: CephOsdDump;
  rules?: CephStateRule[];
  df?: CephDf;
  /** `osd pool autoscale-status`: each pool's CRUSH root and its capacity. */
  autoscale?: CephAutoscaleRow[];
  /** `pg dump pools`: object copies and degraded copies per pool. */
  copies?: CephPoolCopies[];
}

export interface PoolMaxAvail {
  poolId: number;
  pool: string;
  ruleId: number;
  root: string;
  deviceClass?: string;
  osdCount: number;
  rawUsedRate: number;
  fullRatio: number;
  /** headroom's MAX AVAIL, bytes of client data; undefined when the rule's OSDs are unknown. */
  maxAvailBytes?: number;
  /** Why there is no figure: the rule's OSD set cannot be decided from the outputs. */
  unknown?: string;
  /** (object copies - degraded copies) / object copies, when PGs were degraded (< 1). */
  copiesRate?: number;
  /** MAX AVAIL once the pool is clean again (the rate not scaled), when copiesRate is set. */
  cleanMaxAvailBytes?: number;
  /** What `ceph df` printed, bytes; undefined without df or the pool in it. */
  cephMaxAvailBytes?: number;
  /** headroom - ceph, bytes. */
  differenceBytes?: number;
  /** |headroom - ceph| / ceph (0 when both are 0). */
  relativeDifference?: number;
  /** MAX AVAIL computed at the backfillfull ratio instead of full, bytes: what can be added
   * while recovery can still move data onto every OSD (backfill stops at backfillfull). */
  safeMaxAvailBytes?: number;
  backfillfullRatio: number;
  /** Water-fill bound, client bytes; undefined without failure domains. */
  storableBytes?: number;
  inferred: string[];
}

/**
 * While a pool has degraded objects, `ceph df` divides by a smaller rate: src/mon/PGMap.cc
 * PGMapDigest::dump_object_stat_sum scales raw_used_rate by curr_object_copies_rate =
 * (num_object_copies - num_objects_degraded) / num_object_copies (float), so MAX AVAIL
 * rises. Lab capture (ceph-lab-pacific-degraded, osd.11 down): volumes 120 copies, 16
 * degraded -> 104/120 = 0.86667; 24,913,454,659 / 0.86667 = 28,746,293,837, ceph df
 * printed 28,746,295,296 (5e-8). Undefined when clean or without objects.
 */
export function copiesRate(c: CephPoolCopies): number | undefined {
  if (!(c.objectCopies > 0) || !(c.degradedCopies > 0)) return undefined;
  return Math.fround((c.objectCopies - c.degradedCopies) / c.objectCopies);
}

/** What a rule takes, or why it cannot be known. */
interface RuleChoice {
  take: CephStateRuleTake;
  failureDomain?: string;
  unknown?: string;
}

const MATCH = 1e-4; // Ceph computes get_rule_avail in float32: 1.7e-5 is the worst seen

/**
 * A rule without a rule dump (nor `osd crush dump`). A CRUSH rule takes one root, whole or
 * one device class of it (`step take default` / `default~ssd`), so the candidates are each
 * class the OSDs carry and "every OSD". With one class (or none) they are all the same set.
 * Otherwise the outputs decide, and each kept candidate must agree with all of them:
 *  - the rule's name, when a Luminous replicated pool kept it in erasure_code_profile;
 *  - `osd pool autoscale-status`: subtree_capacity = sum of kb x 1024 over the root's OSDs;
 *  - `ceph df`: the max_avail of every pool on the rule, within 1e-4 (get_rule_avail over
 *    the candidate's OSDs / raw used rate).
 * Exactly one candidate left: it is used, and said so. None or several: unknown.
 */
function ruleFor(pool: CephStatePool, state: CephClusterState, classes: Set<string>, under: (root: string) => CephOsd[], inferred: string[]): RuleChoice {
  const rule = state.rules?.find((r) => r.id === pool.ruleId);
  if (rule?.takes[0]) {
    const out: RuleChoice = { take: rule.takes[0] };
    if (rule.failureDomain) out.failureDomain = rule.failureDomain;
    if (rule.takes.length > 1) inferred.push(`rule ${rule.name} has ${rule.takes.length} take steps: only the first is used`);
    return out;
  }
  const root = state.osdDf.buckets.find((b) => b.type === 'root')?.name ?? state.crushTree?.buckets.find((b) => b.type === 'root')?.name ?? 'default';
  const ruleName = state.osdDump.pools.find((p) => p.ruleId === pool.ruleId && p.type === 'replicated' && p.profileName !== '')?.profileName;
  const words = (ruleName ?? '').toLowerCase().split(/[^a-z0-9]+/);
  const cls = [...classes].find((c) => words.includes(c.toLowerCase()));
  if (cls) {
    inferred.push(
      `rule ${pool.ruleId} is not in a rule dump: read as root ${root}, class ${cls}, from its name "${ruleName}" (the pool's erasure_code_profile, where Luminous stored a replicated pool's rule name)`,
    );
    return { take: { root, deviceClass: cls } };
  }
  if (classes.size <= 1) {
    inferred.push(
      `rule ${pool.ruleId} is not in a rule dump: read as taking every OSD under ${root} (${classes.size === 1 ? `one device class, ${[...classes][0]}: the same OSDs` : 'no device class'})`,
    );
    return { take: { root } };
  }
  const all = under(root);
  const candidates: { take: CephStateRuleTake; osds: CephOsd[] }[] = [
    ...[...classes].sort().map((c) => ({ take: { root, deviceClass: c }, osds: all.filter((o) => o.deviceClass === c) })),
    { take: { root }, osds: all },
  ];
  const label = (t: CephStateRuleTake): string => (t.deviceClass ? `class ${t.deviceClass}` : 'every OSD');
  const fullRatio = state.osdDump.fullRatio ?? CEPH_RATIO_DEFAULTS.full;
  const onRule = state.osdDump.pools.filter((p) => p.ruleId === pool.ruleId);
  const evidence: string[] = [];
  let kept = candidates;
  for (const p of onRule) {
    const a = state.autoscale?.find((r) => r.poolId === p.id);
    if (a) {
      evidence.push(`autoscale-status subtree_capacity ${a.subtreeCapacityBytes} B of pool ${p.name}`);
      kept = kept.filter((c) => c.osds.reduce((s, o) => s + o.totalBytes, 0) === a.subtreeCapacityBytes);
    }
    const printed = state.df?.pools.find((d) => d.id === p.id)?.maxAvailBytes;
    if (printed !== undefined && printed > 0 && p.rawUsedRate > 0) {
      evidence.push(`ceph df max_avail ${printed} B of pool ${p.name}`);
      kept = kept.filter((c) => Math.abs(maxAvailBytes(ruleAvailBytes(c.osds.map(toStat), fullRatio), p.rawUsedRate) - printed) <= MATCH * printed);
    }
  }
  if (kept.length === 1) {
    inferred.push(`rule ${pool.ruleId} is not in a rule dump: ${label(kept[0]!.take)} under ${root} is the only OSD set that agrees with ${evidence.join(', ')}`);
    return { take: kept[0]!.take };
  }
  const why =
    evidence.length === 0
      ? `rule ${pool.ruleId} is not in a rule dump and the OSDs have ${classes.size} device classes (${[...classes].sort().join(', ')}); no output tells which it takes`
      : `rule ${pool.ruleId} is not in a rule dump; ${kept.length === 0 ? 'no OSD set' : `${kept.map((c) => label(c.take)).join(' and ')} all`} agree${kept.length === 0 ? 's' : ''} with ${evidence.join(', ')}`;
  return { take: { root }, unknown: `${why}: MAX AVAIL unknown (give \`${'ceph osd crush rule dump -f json'}\`)` };
}

/** OSD ids under bucket `name` (depth first), or undefined when the tree does not have it. */
function osdsUnder(buckets: readonly CephBucket[], name: string): Set<number> | undefined {
  const byId = new Map(buckets.map((b) => [b.id, b]));
  const start = buckets.find((b) => b.name === name);
  if (!start) return undefined;
  const out = new Set<number>();
  const walk = (b: CephBucket, seen: Set<number>): void => {
    for (const c of b.children) {
      if (c >= 0) out.add(c);
      else if (!seen.has(c)) {
        seen.add(c);
        const child = byId.get(c);
        if (child) walk(child, seen);
      }
    }
  };
  walk(start, new Set([start.id]));
  return out;
}

/** The bucket of type `domain` above each OSD (OSD id -> bucket name). */
function domainOf(buckets: readonly CephBucket[], domain: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const b of buckets) if (b.type === domain) for (const id of osdsUnder(buckets, b.name) ?? []) out.set(id, b.name);
  return out;
}

const toStat = (o: CephOsd): OsdStat => ({ id: o.id, crushWeight: o.crushWeight, totalBytes: o.totalBytes, availBytes: o.availBytes, reweight: o.reweight });

/** MAX AVAIL of every pool of the osd dump, with Ceph's printed value when `df` is given. */
export function reproduceMaxAvail(state: CephClusterState): PoolMaxAvail[] {
  const buckets = state.osdDf.buckets.length > 0 ? state.osdDf.buckets : (state.crushTree?.buckets ?? []);
  const classes = new Set(state.osdDf.osds.map((o) => o.deviceClass).filter((c): c is string => c !== undefined));
  const fullRatio = state.osdDump.fullRatio ?? CEPH_RATIO_DEFAULTS.full;
  return state.osdDump.pools.map((pool) => {
    const inferred: string[] = [];
    if (state.osdDump.fullRatio === undefined) inferred.push(`osd dump has no full_ratio: ${CEPH_RATIO_DEFAULTS.full} (the default) is used`);
    const under = (root: string): CephOsd[] => {
      let ids = buckets.length > 0 ? osdsUnder(buckets, root) : undefined;
      if (!ids) {
        const note =
          buckets.length > 0
            ? `bucket ${root} is not in the tree: every OSD is used`
            : "no CRUSH tree (osd df without tree, no crush tree): every OSD is read as under the rule's root";
        if (!inferred.includes(note)) inferred.push(note);
        ids = new Set(state.osdDf.osds.map((o) => o.id));
      }
      return state.osdDf.osds.filter((o) => ids.has(o.id));
    };
    const { take, failureDomain, unknown } = ruleFor(pool, state, classes, under, inferred);
    const osds = under(take.root).filter((o) => take.deviceClass === undefined || o.deviceClass === take.deviceClass);
    const stats = osds.map(toStat);
    const backfillfullRatio = state.osdDump.backfillfullRatio ?? CEPH_RATIO_DEFAULTS.backfillfull;
    const row: PoolMaxAvail = {
      poolId: pool.id,
      pool: pool.name,
      ruleId: pool.ruleId,
      root: take.root,
      osdCount: osds.length,
      rawUsedRate: pool.rawUsedRate,
      fullRatio,
      backfillfullRatio,
      inferred,
    };
    const printed = state.df?.pools.find((p) => p.id === pool.id)?.maxAvailBytes;
    if (printed !== undefined) row.cephMaxAvailBytes = printed;
    if (unknown !== undefined) {
      row.unknown = unknown;
      inferred.push(unknown);
      return row;
    }
    const ruleAvail = ruleAvailBytes(stats, fullRatio);
    let mine = maxAvailBytes(ruleAvail, pool.rawUsedRate);
    const copies = state.copies?.find((c) => c.poolId === pool.id);
    const rate = copies ? copiesRate(copies) : undefined;
    if (rate !== undefined) {
      row.copiesRate = rate;
      row.cleanMaxAvailBytes = mine;
      mine = maxAvailBytes(ruleAvail, Math.fround(Math.fround(pool.rawUsedRate) * rate));
      inferred.push(
        `pool ${pool.name} was degraded (pg dump pools: ${copies!.degradedCopies} of ${copies!.objectCopies} object copies): MAX AVAIL = avail / (raw used rate x ${rate.toPrecision(6)}), ${row.cleanMaxAvailBytes} B once clean`,
      );
    } else if (!state.copies) {
      const detail = state.df?.pools.find((p) => p.id === pool.id);
      const effective = detail?.availRawBytes !== undefined && detail.maxAvailBytes ? detail.availRawBytes / detail.maxAvailBytes : undefined;
      if (effective !== undefined && effective < pool.rawUsedRate * (1 - MATCH)) {
        inferred.push(
          `pool ${pool.name}: ceph df detail's avail_raw / max_avail is ${effective.toPrecision(6)}, below the raw used rate ${pool.rawUsedRate}: PGs were degraded (give \`ceph pg dump pools -f json\` to reproduce it)`,
        );
      }
    }
    row.maxAvailBytes = mine;
    row.safeMaxAvailBytes = maxAvailBytes(ruleAvailBytes(stats, backfillfullRatio), pool.rawUsedRate);
    if (take.deviceClass) row.deviceClass = take.deviceClass;
    if (printed !== undefined) {
      // finite only: a printed value of a few bytes (or a fuzzed one) can overflow the ratio
      const difference = mine - printed;
      const relative = printed === 0 ? (mine === 0 ? 0 : 1) : Math.abs(difference) / printed;
      if (Number.isFinite(difference)) row.differenceBytes = difference;
      if (Number.isFinite(relative)) row.relativeDifference = relative;
    }
    const domain = failureDomain ?? 'host';
    const domains = domainOf(buckets, domain);
    if (domains.size > 0 && pool.rawUsedRate > 0) {
      const free = new Map<string, number>();
      for (const o of osds) {
        const d = domains.get(o.id);
        if (d === undefined || !(o.totalBytes > 0)) continue;
        free.set(d, (free.get(d) ?? 0) + Math.max(0, o.availBytes - o.totalBytes * (1 - fullRatio)));
      }
      row.storableBytes = Math.floor(placeableRawBytes([...free.values()], pool.size) / pool.rawUsedRate);
      if (!failureDomain) inferred.push('failure domain read as host (no rule dump)');
    }
    return row;
  });
}
