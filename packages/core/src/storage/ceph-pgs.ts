/**
 * The PG plan of the scenario's pools, per CRUSH subtree (the OSDs of a device class, or
 * every OSD), with the PG replicas each OSD carries checked against mon_max_pg_per_osd.
 */
import type { Finding } from '../diagnostics/types.js';
import type { CephPgPlan } from '../model/ceph-plan.js';
import { fmtNumber } from '../units/format.js';
import type { CrushTree } from './crush.js';
import { CEPH_SOURCES } from './defaults.js';
import { type AutoscaleResult, autoscalePgs, capacityRatio } from './pg-autoscaler.js';
import type { RuleView } from './rule-view.js';
import { type OsdRuns, osdCountOfClass, runsBefore, runTaken } from './osd-runs.js';
import { addRepeated, sumInOrder } from './repeated-sum.js';
import { subtreeKey } from './settings.js';

/** A pool as the PG plan needs it. */
export interface PgPool {
  name: string;
  ruleIndex: number;
  copies: number;
  share: number;
  bulk: boolean;
  rawUsedBytesMonth0: number;
}

export interface PgPlanResult {
  plan: CephPgPlan;
  /** Per pool (same order as the input); null for pools on overlapping roots. */
  results: (AutoscaleResult | null)[];
  /** PG replicas on each OSD of the tree (index as tree.osds). */
  readonly pgReplicasPerOsd: number[];
  /**
   * With planPgs' `runs`: the PG replicas of every OSD of run j are `values[j]` (j < count, the
   * runs of the tree), what pgReplicasPerOsd holds OSD by OSD (built from them when read).
   */
  byRun?: { runs: OsdRuns; count: number; values: Float64Array };
  findings: Finding[];
}

/**
 * PG plan:
 * - pools are grouped by the OSDs their rule takes (device class, or every OSD); a
 *   classless rule next to class rules overlaps them, and the autoscaler does not scale
 *   pools on overlapping roots (module.py identify_subtrees_and_overlaps): their pg_num is null;
 * - per group: capacity ratio = max(raw used at month 0 / raw of the group, share / sum of
 *   the group's shares), then autoscalePgs() with OSDs x mon_target_pg_per_osd;
 * - PG replicas on OSD i = sum over the pools whose rule takes it of pg_num x copies x
 *   w_i / W_rule (CRUSH spreads PGs in proportion to weight).
 * Findings: `ceph.pg.overlapping_roots` (warning), `ceph.pg.too_many_per_osd` (error: above
 * mon_max_pg_per_osd, pool creation and pg_num increases fail).
 * `runs` (osd-runs.ts, of a tree whose views' osdIndices are the OSDs of their rule's class in
 * tree order, as ruleView makes on a regular tree): every per-OSD figure is computed once per
 * run of equal OSDs, its sums by addRepeated (the same doubles as OSD by OSD).
 */
export function planPgs(
  tree: CrushTree,
  views: readonly RuleView[],
  pools: readonly PgPool[],
  targetPerOsd: number,
  maxPerOsd: number,
  osdArrays?: { sizes: readonly number[]; weights: readonly number[] },
  runs?: OsdRuns,
): PgPlanResult {
  const R = runs ? runsBefore(runs, tree.osds.length) : 0;
  // the runs hold for these views when each takes as many OSDs as its class has in the runs (a cheap check; else OSD by OSD)
  const byRuns =
    runs !== undefined &&
    pools.every(
      (p) => views[p.ruleIndex] === undefined || views[p.ruleIndex]!.osdIndices.length === osdCountOfClass(runs, R, tree.osds.length, views[p.ruleIndex]!.rule.deviceClass),
    );
  const keys = [...new Set(pools.map((p) => subtreeKey(views[p.ruleIndex]?.rule)))];
  const overlapping = keys.includes('*') && keys.length > 1;
  const results: (AutoscaleResult | null)[] = pools.map(() => null);
  const subtrees: CephPgPlan['subtrees'] = [];
  for (const key of keys) {
    const members = pools.flatMap((p, i) => (subtreeKey(views[p.ruleIndex]?.rule) === key ? [i] : []));
    const cls = key === '*' ? undefined : key;
    let count: number;
    let capacity: number;
    if (byRuns) {
      count = osdCountOfClass(runs!, R, tree.osds.length, cls);
      capacity = sumOverRuns(runs!, R, tree.osds.length, cls, runs!.sizeBytes);
    } else {
      const osds = key === '*' ? tree.osds : tree.osds.filter((o) => o.deviceClass === key);
      count = osds.length;
      // Σ size in tree order; every OSD's from the given sizes by runs of equal sizes (the same sum)
      capacity = key === '*' && osdArrays ? sumInOrder(osdArrays.sizes) : osds.reduce((s, o) => s + o.sizeBytes, 0);
    }
    const totalShares = members.reduce((s, i) => s + pools[i]!.share, 0);
    let replicas = 0;
    if (!overlapping && count > 0) {
      const scaled = autoscalePgs(
        count,
        targetPerOsd,
        members.map((i) => {
          const p = pools[i]!;
          return { name: p.name, size: p.copies, bulk: p.bulk, capacityRatio: capacityRatio(p.rawUsedBytesMonth0, capacity, p.share, totalShares) };
        }),
      );
      members.forEach((i, j) => {
        results[i] = scaled[j]!;
        replicas += scaled[j]!.pgNum * pools[i]!.copies;
      });
    }
    subtrees.push({
      deviceClass: key === '*' ? null : key,
      osdCount: count,
      pgBudget: count * targetPerOsd,
      pools: members.map((i) => pools[i]!.name),
      overlapping,
      pgReplicasPerOsd: count > 0 ? replicas / count : 0,
    });
  }

  if (byRuns) return finishByRuns(runs!, R, tree.osds.length, views, pools, results, subtrees, keys, overlapping, targetPerOsd, maxPerOsd);
  // the same sums in the same order, on a weight array and one rule total per view (pools share views)
  let weights: ArrayLike<number>;
  if (osdArrays) weights = osdArrays.weights;
  else {
    const w = new Float64Array(tree.osds.length);
    for (let k = 0; k < tree.osds.length; k++) w[k] = tree.osds[k]!.crushWeight;
    weights = w;
  }
  const totals = new Map<RuleView, number>();
  const perOsd = new Array<number>(tree.osds.length).fill(0);
  pools.forEach((p, i) => {
    const r = results[i];
    const v = views[p.ruleIndex];
    if (!r || !v) return;
    let total = totals.get(v);
    if (total === undefined) {
      total = 0;
      for (const k of v.osdIndices) total += weights[k]!;
      totals.set(v, total);
    }
    if (!(total > 0)) return;
    const replicas = r.pgNum * p.copies;
    for (const k of v.osdIndices) perOsd[k]! += (replicas * weights[k]!) / total;
  });
  const maxReplicas = perOsd.reduce((m, x) => Math.max(m, x), 0);
  return {
    plan: { targetPerOsd, maxPerOsd, subtrees, maxPgReplicasPerOsd: maxReplicas },
    results,
    pgReplicasPerOsd: perOsd,
    findings: pgFindings(keys, overlapping, maxReplicas, maxPerOsd),
  };
}

/**
 * planPgs' per-OSD part on runs of equal OSDs: a rule's CRUSH weight total is Σ weight over its
 * runs (addRepeated per run, the loop's sum in tree order); the PG replicas of an OSD of run j
 * are Σ over the pools in order of pg_num x copies x w_j / W_rule, the same on every OSD of the
 * run; the fullest OSD is the largest run value.
 */
function finishByRuns(
  runs: OsdRuns,
  R: number,
  osdCount: number,
  views: readonly RuleView[],
  pools: readonly PgPool[],
  results: (AutoscaleResult | null)[],
  subtrees: CephPgPlan['subtrees'],
  keys: readonly string[],
  overlapping: boolean,
  targetPerOsd: number,
  maxPerOsd: number,
): PgPlanResult {
  const totals = new Map<RuleView, number>();
  const values = new Float64Array(R);
  pools.forEach((p, i) => {
    const r = results[i];
    const v = views[p.ruleIndex];
    if (!r || !v) return;
    const cls = v.rule.deviceClass;
    let total = totals.get(v);
    if (total === undefined) {
      total = sumOverRuns(runs, R, osdCount, cls, runs.crushWeight);
      totals.set(v, total);
    }
    if (!(total > 0)) return;
    const replicas = r.pgNum * p.copies;
    for (let j = 0; j < R; j++) if (runTaken(runs, j, cls)) values[j]! += (replicas * runs.crushWeight[j]!) / total;
  });
  let maxReplicas = 0;
  for (let j = 0; j < R; j++) maxReplicas = Math.max(maxReplicas, values[j]!);
  let perOsd: number[] | undefined;
  return {
    plan: { targetPerOsd, maxPerOsd, subtrees, maxPgReplicasPerOsd: maxReplicas },
    results,
    get pgReplicasPerOsd(): number[] {
      if (!perOsd) {
        perOsd = new Array<number>(osdCount);
        for (let j = 0; j < R; j++) {
          const end = j + 1 < R ? runs.start[j + 1]! : osdCount;
          perOsd.fill(values[j]!, runs.start[j]!, end);
        }
      }
      return perOsd;
    },
    byRun: { runs, count: R, values },
    findings: pgFindings(keys, overlapping, maxReplicas, maxPerOsd),
  };
}

/** Σ of a per-run figure over the OSDs of a class, in tree order (addRepeated per run: the loop's sum). */
export function sumOverRuns(runs: OsdRuns, R: number, osdCount: number, deviceClass: string | undefined, perRun: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < R; j++) if (runTaken(runs, j, deviceClass)) sum = addRepeated(sum, perRun[j]!, (j + 1 < R ? runs.start[j + 1]! : osdCount) - runs.start[j]!);
  return sum;
}

function pgFindings(keys: readonly string[], overlapping: boolean, maxReplicas: number, maxPerOsd: number): Finding[] {
  const findings: Finding[] = [];
  if (overlapping) {
    findings.push({
      code: 'ceph.pg.overlapping_roots',
      severity: 'warning',
      subject: 'ceph rules',
      message: `pools on a rule without a device class share OSDs with pools on device-class rules (${keys.filter((k) => k !== '*').join(', ')}): the pg_autoscaler does not scale pools on overlapping roots; give every rule a device class`,
      source: CEPH_SOURCES.autoscaler,
    });
  }
  if (maxReplicas > maxPerOsd) {
    findings.push({
      code: 'ceph.pg.too_many_per_osd',
      severity: 'error',
      subject: 'ceph pgs',
      message: `the planned pg_num values put ${fmtNumber(maxReplicas, 1)} PG replicas on the fullest OSD, above mon_max_pg_per_osd ${maxPerOsd}: creating the pools or raising pg_num fails`,
      value: maxReplicas,
      limit: maxPerOsd,
      unit: 'PGs per OSD',
      source: CEPH_SOURCES.maxPgPerOsd,
    });
  }
  return findings;
}
