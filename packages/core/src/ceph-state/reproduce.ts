/**
 * MAX AVAIL per pool from a real cluster's outputs, side by side with what `ceph df` printed.
 *
 * For each pool of `osd dump`: its rule (rule dump) -> the bucket it takes and the device
 * class -> the OSDs under that bucket of that class (osd df tree, or the crush tree) ->
 * storage/max-avail.ts ruleAvailBytes at the osd dump's full_ratio -> / raw used rate.
 * This is PGMap::get_rule_avail + dump_object_stat_sum (src/mon/PGMap.cc).
 *
 * What is inferred when an output is missing is said in `inferred` (never silent):
 *  - no rule dump: a rule is matched to a device class when its name, read from a replicated
 *    pool's erasure_code_profile (Luminous's `osd pool create ... replicated <rule>`), contains
 *    a class name the OSDs carry as a word (`metadata_ssd` -> ssd); otherwise it takes every OSD.
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
import type { CephStateRule, CephStateRuleTake } from './crush-rules.js';

export interface CephClusterState {
  osdDf: CephOsdTree;
  /** `osd crush tree`, when `osd df` has no tree. */
  crushTree?: CephOsdTree;
  osdDump: CephOsdDump;
  rules?: CephStateRule[];
  df?: CephDf;
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
  /** headroom's MAX AVAIL, bytes of client data. */
  maxAvailBytes: number;
  /** What `ceph df` printed, bytes; undefined without df or the pool in it. */
  cephMaxAvailBytes?: number;
  /** headroom - ceph, bytes. */
  differenceBytes?: number;
  /** |headroom - ceph| / ceph (0 when both are 0). */
  relativeDifference?: number;
  /** MAX AVAIL computed at the backfillfull ratio instead of full, bytes: what can be added
   * while recovery can still move data onto every OSD (backfill stops at backfillfull). */
  safeMaxAvailBytes: number;
  backfillfullRatio: number;
  /** Water-fill bound, client bytes; undefined without failure domains. */
  storableBytes?: number;
  inferred: string[];
}


function ruleFor(pool: CephStatePool, state: CephClusterState, classes: Set<string>, inferred: string[]): { take: CephStateRuleTake; failureDomain?: string } {
  const rule = state.rules?.find((r) => r.id === pool.ruleId);
  if (rule?.takes[0]) {
    const out: { take: CephStateRuleTake; failureDomain?: string } = { take: rule.takes[0] };
    if (rule.failureDomain) out.failureDomain = rule.failureDomain;
    if (rule.takes.length > 1) inferred.push(`rule ${rule.name} has ${rule.takes.length} take steps: only the first is used`);
    return out;
  }
  const root = state.osdDf.buckets.find((b) => b.type === 'root')?.name ?? state.crushTree?.buckets.find((b) => b.type === 'root')?.name ?? 'default';
  const ruleName = state.osdDump.pools.find((p) => p.ruleId === pool.ruleId && p.type === 'replicated' && p.profileName !== '')?.profileName;
  const words = (ruleName ?? '').toLowerCase().split(/[^a-z0-9]+/);
  const cls = [...classes].find((c) => words.includes(c.toLowerCase()));
  if (cls) {
    inferred.push(`rule ${pool.ruleId} is not in a rule dump: read as root ${root}, class ${cls}, from its name "${ruleName}" (the pool's erasure_code_profile, where Luminous stored a replicated pool's rule name)`);
    return { take: { root, deviceClass: cls } };
  }
  inferred.push(`rule ${pool.ruleId} is not in a rule dump: read as taking every OSD under ${root} (no device class)`);
  return { take: { root } };
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
    const { take, failureDomain } = ruleFor(pool, state, classes, inferred);
    let under = buckets.length > 0 ? osdsUnder(buckets, take.root) : undefined;
    if (!under) {
      inferred.push(buckets.length > 0 ? `bucket ${take.root} is not in the tree: every OSD is used` : 'no CRUSH tree (osd df without tree, no crush tree): every OSD is read as under the rule\'s root');
      under = new Set(state.osdDf.osds.map((o) => o.id));
    }
    const osds = state.osdDf.osds.filter((o) => under.has(o.id) && (take.deviceClass === undefined || o.deviceClass === take.deviceClass));
    const stats = osds.map(toStat);
    const mine = maxAvailBytes(ruleAvailBytes(stats, fullRatio), pool.rawUsedRate);
    const backfillfullRatio = state.osdDump.backfillfullRatio ?? CEPH_RATIO_DEFAULTS.backfillfull;
    const safeMaxAvail = maxAvailBytes(ruleAvailBytes(stats, backfillfullRatio), pool.rawUsedRate);
    const row: PoolMaxAvail = { poolId: pool.id, pool: pool.name, ruleId: pool.ruleId, root: take.root, osdCount: osds.length, rawUsedRate: pool.rawUsedRate, fullRatio, maxAvailBytes: mine, backfillfullRatio, safeMaxAvailBytes: safeMaxAvail, inferred };
    if (take.deviceClass) row.deviceClass = take.deviceClass;
    const printed = state.df?.pools.find((p) => p.id === pool.id)?.maxAvailBytes;
    if (printed !== undefined) {
      row.cephMaxAvailBytes = printed;
      row.differenceBytes = mine - printed;
      row.relativeDifference = printed === 0 ? (mine === 0 ? 0 : 1) : Math.abs(mine - printed) / printed;
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
