/**
 * The Ceph fill over the horizon: stored data per pool grows with demand; every month the
 * OSDs fill (uniform, or with overrides), Ceph's MAX AVAIL shrinks, and each rule set's runway
 * (the pools on the same OSDs together) ends when its fullest OSD passes nearfull or its
 * pools' raw data passes the safe raw. Source: ceph src/mon/PGMap.cc PGMap::get_rule_avail
 * (one avail per rule: every pool on the rule's OSDs draws from it).
 */
import type { Finding } from '../diagnostics/types.js';
import { growthFactor, monthLabel } from '../forecast/growth.js';
import { isOver, runwayMonths } from '../forecast/horizon.js';
import type { CephRatios, Growth } from '../model/scenario.js';
import type { CephMonth, CephPoolMonth } from '../model/ceph-plan.js';
import { fmtPercent } from '../units/format.js';
import type { CrushTree } from './crush.js';
import { CEPH_SOURCES } from './defaults.js';
import { osdFill } from './fill.js';
import { addRepeated } from './repeated-sum.js';
import { type OsdRuns, osdCountOfClass, runsBefore, runTaken } from './osd-runs.js';
import { maxAvailBytes, ruleAvailBytes } from './max-avail.js';
import { sumOverRuns } from './ceph-pgs.js';
import type { RuleView } from './rule-view.js';

/** A pool as the horizon needs it. */
export interface HorizonPool {
  name: string;
  ruleIndex: number;
  /** Index of its rule set (rules taking the same OSDs). */
  setIndex: number;
  rawUsedRate: number;
  storedBytesMonth0: number;
}

/** Rules that take the same OSDs: their pools share the raw space. */
export interface HorizonSet {
  ruleIndices: readonly number[];
  /** Re-protectable raw of the set (every pool's data counts against it), bytes. */
  reprotectableRawBytes: number;
  /** The fullest OSD / the mean (fullest-osd.ts). */
  fullestFactor: number;
  /** True when the fill does not model the spread (no `ceph osd df` overrides): the fullest OSD is the mean x factor. */
  spreadNotInFill: boolean;
}

/** The inputs of one horizon run. */
export interface HorizonInput {
  tree: CrushTree;
  views: readonly RuleView[];
  pools: readonly HorizonPool[];
  sets: readonly HorizonSet[];
  ratios: CephRatios;
  /** policy.thresholds.storage: fraction of the re-protectable capacity that ends the runway. */
  threshold: number;
  growth: Growth;
  /** Stored bytes of a pool in month t when pools grow apart (forecast/demand.ts storedBytes); absent: stored(0) × growthFactor(growth, t). */
  storedAt?: (pool: string, t: number) => number;
  start: string;
  horizonMonths: number;
  overrides: ReadonlyMap<number, number>;
  /** tree.osds' sizes and CRUSH weights (tree order), when the caller has them (ceph-plan.ts CephCarry): not read again from the tree. */
  sizes?: readonly number[];
  weights?: readonly number[];
  /** osd-runs.ts runs of tree.osds (views from rule-view.ts ruleView): the uniform fill's OSD classes are then found run by run (the same figures). */
  runs?: OsdRuns;
}

export interface HorizonOutput {
  months: CephMonth[];
  /** Per set. */
  runwayToNearfull: (number | null)[];
  runwayToSafeUsable: (number | null)[];
  findings: Finding[];
}

/** Stored bytes: month-0 stored × a factor common to every pool, or each pool's own figure. */
export type PoolStored = number | ((p: HorizonPool) => number);
const storedOf = (p: HorizonPool, stored: PoolStored): number => (typeof stored === 'number' ? p.storedBytesMonth0 * stored : stored(p));

/** Raw bytes used by each rule when the pools hold stored x factor (or each its own stored bytes). */
export function rawUsedByRule(views: readonly RuleView[], pools: readonly HorizonPool[], factor: PoolStored): number[] {
  const raw = views.map(() => 0);
  for (const p of pools) raw[p.ruleIndex]! += (typeof factor === 'number' ? p.storedBytesMonth0 * factor : factor(p)) * p.rawUsedRate;
  return raw;
}

/**
 * A function giving the bytes used on every OSD of the tree when the pools hold stored x factor
 * (fill.ts osdFill). Without overrides and with the tree's runs (`runs`, views taking the OSDs of
 * their class: runsFitViews), the uniform fill run by run (uniformFillByRuns), the same doubles.
 */
export function filler(input: Pick<HorizonInput, 'tree' | 'views' | 'pools' | 'overrides' | 'sizes' | 'weights' | 'runs'>): (factor: PoolStored) => number[] {
  const runs = input.runs;
  if (runs && input.overrides.size === 0 && runsFitViews(input.views, runs, input.tree.osds.length)) {
    const totals = input.views.map((v) => sumOverRuns(runs, runsBefore(runs, input.tree.osds.length), input.tree.osds.length, v.rule.deviceClass, runs.crushWeight));
    return (factor) => uniformFillByRuns(runs, input.tree.osds.length, input.views, totals, rawUsedByRule(input.views, input.pools, factor));
  }
  const sizes = input.sizes ?? input.tree.osds.map((o) => o.sizeBytes);
  const weights = input.weights ?? input.tree.osds.map((o) => o.crushWeight);
  const rules = input.views.map((v) => ({ osdIndices: v.osdIndices }));
  const month0 = rawUsedByRule(input.views, input.pools, 1);
  return (factor) => osdFill(sizes, weights, rules, rawUsedByRule(input.views, input.pools, factor), month0, input.overrides);
}

/**
 * fill.ts uniformFill on a tree of `n` OSDs given as runs of equal OSDs (osd-runs.ts), the views
 * taking the OSDs of their class (runsFitViews): an OSD of run j holds Σ over the views r taking
 * its class, in view order, of rawUsed_r x w_j / W_r (W_r = totals[r], Σ w over the view's OSDs
 * in tree order; views with no raw or no weight add nothing), the same operations as
 * uniformFill, once per run and copied to its OSDs.
 */
function uniformFillByRuns(runs: OsdRuns, n: number, views: readonly RuleView[], totals: readonly number[], rawUsed: readonly number[]): number[] {
  const R = runsBefore(runs, n);
  const used = new Array<number>(n);
  for (let j = 0; j < R; j++) {
    const w = runs.crushWeight[j]!;
    let u = 0;
    for (let r = 0; r < views.length; r++) {
      const raw = rawUsed[r] ?? 0;
      const total = totals[r]!;
      if (!(raw > 0) || !(total > 0) || !runTaken(runs, j, views[r]!.rule.deviceClass)) continue;
      u += (raw * w) / total;
    }
    used.fill(u, runs.start[j]!, j + 1 < R ? runs.start[j + 1]! : n);
  }
  return used;
}

/** True when runs (of a tree of n OSDs) describe the views: each takes as many OSDs as its class has in the runs (views take the OSDs of their class in tree order, rule-view.ts). */
function runsFitViews(views: readonly RuleView[], runs: OsdRuns, n: number): boolean {
  const R = runsBefore(runs, n);
  return views.every((v) => v.osdIndices.length === osdCountOfClass(runs, R, n, v.rule.deviceClass));
}

/** One month of the fill, per rule: get_rule_avail (raw bytes), Σ used over the rule's OSDs, and the fullest OSD's utilisation x spread. */
interface RuleMonth {
  ruleAvail: number[];
  ruleUsed: number[];
  ruleFullest: number[];
}

/**
 * The month's rule figures with `ceph osd df` overrides: the fill OSD by OSD (fill.ts osdFill),
 * then per rule get_rule_avail (max-avail.ts ruleAvailBytes), Σ used and max used / size.
 */
function overrideMonth(input: HorizonInput, spread: readonly number[]): (factor: PoolStored) => RuleMonth {
  const fill = filler(input);
  const stats = input.views.map((v) => v.osdIndices.map((i) => ({ id: i, crushWeight: input.tree.osds[i]!.crushWeight, totalBytes: input.tree.osds[i]!.sizeBytes, usedBytes: 0 })));
  return (factor) => {
    const used = fill(factor);
    const ruleAvail = input.views.map((v, r) => {
      const osds = stats[r]!;
      v.osdIndices.forEach((i, j) => (osds[j]!.usedBytes = Math.min(osds[j]!.totalBytes, used[i]! * spread[r]!)));
      return ruleAvailBytes(osds, input.ratios.full);
    });
    const ruleUsed = input.views.map((v) => v.osdIndices.reduce((s, i) => s + used[i]!, 0));
    const ruleFullest = input.views.map((v, r) => v.osdIndices.reduce((m, i) => Math.max(m, used[i]! / input.tree.osds[i]!.sizeBytes), 0) * spread[r]!);
    return { ruleAvail, ruleUsed, ruleFullest };
  };
}

/**
 * The OSDs of a tree grouped for the uniform fill: OSDs of one class have the same CRUSH weight,
 * size and rules (in view order), so the same fill. Classes are numbered in first-appearance
 * order; per rule, its distinct classes (first-appearance order) and its OSDs as runs of one
 * class in OSD order (`len` OSDs of class `cls`).
 */
interface FillClasses {
  classWeight: number[];
  classSize: number[];
  classRules: number[][];
  ruleDistinct: number[][];
  ruleRuns: { cls: number[]; len: number[] }[];
}

// -0 and 0 apart, as Object.is (x / -0 is -Infinity)
const num = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

/** FillClasses OSD by OSD (any views: each rule's osdIndices in its own order). */
function classesByOsd(input: HorizonInput): FillClasses {
  const { tree, views } = input;
  const n = tree.osds.length;
  // The rules taking each OSD, in the order uniformFill adds their data: a node of a trie of
  // rule sequences per OSD (node 0: no rule), so no list per OSD.
  const nodeRules: number[][] = [[]];
  const child = new Map<number, number>();
  const seqOf = new Int32Array(n);
  views.forEach((v, r) => {
    let lastParent = -1;
    let lastNode = 0;
    for (const i of v.osdIndices) {
      const parent = seqOf[i]!;
      if (parent !== lastParent) {
        const key = parent * (views.length + 1) + r;
        let node = child.get(key);
        if (node === undefined) {
          node = nodeRules.length;
          nodeRules.push([...nodeRules[parent]!, r]);
          child.set(key, node);
        }
        lastParent = parent;
        lastNode = node;
      }
      seqOf[i] = lastNode;
    }
  });
  const classIndex = new Map<string, number>();
  const classOf = new Int32Array(n);
  const classWeight: number[] = [];
  const classSize: number[] = [];
  const classRules: number[][] = [];
  // the OSDs' weights and sizes: the caller's arrays (HorizonInput.weights / sizes), else read from the tree
  const weightOf = input.weights ?? tree.osds.map((o) => o.crushWeight);
  const sizeOf = input.sizes ?? tree.osds.map((o) => o.sizeBytes);
  for (let i = 0; i < n; i++) {
    const w = weightOf[i]!;
    const size = sizeOf[i]!;
    // most OSDs are like the one before them (a host's disks): no key to build
    if (i > 0 && Object.is(weightOf[i - 1], w) && Object.is(sizeOf[i - 1], size) && seqOf[i - 1] === seqOf[i]) {
      classOf[i] = classOf[i - 1]!;
      continue;
    }
    const key = `${num(w)}|${num(size)}|${seqOf[i]}`;
    let c = classIndex.get(key);
    if (c === undefined) {
      c = classWeight.length;
      classIndex.set(key, c);
      classWeight.push(w);
      classSize.push(size);
      classRules.push(nodeRules[seqOf[i]!]!);
    }
    classOf[i] = c;
  }
  const classCount = classWeight.length;
  // per rule: its OSDs' classes in OSD order, its distinct classes, and the two weight totals
  const ruleClasses = views.map((v) => {
    const cs = new Int32Array(v.osdIndices.length);
    for (let j = 0; j < cs.length; j++) cs[j] = classOf[v.osdIndices[j]!]!;
    return cs;
  });
  const ruleDistinct = ruleClasses.map((cs) => {
    const seen = new Uint8Array(classCount);
    const out: number[] = [];
    for (const c of cs) {
      if (seen[c] === 1) continue;
      seen[c] = 1;
      out.push(c);
    }
    return out;
  });
  // per rule, its OSDs' classes as runs of one class (OSD order): Σ over the OSDs of a class figure
  // is the run by run addition of equal terms (repeated-sum.ts addRepeated, the loop's result)
  const ruleRuns = ruleClasses.map((cs) => {
    const cls: number[] = [];
    const len: number[] = [];
    for (let j = 0; j < cs.length; j++) {
      const c = cs[j]!;
      if (cls.length > 0 && cls[cls.length - 1] === c) len[len.length - 1]! += 1;
      else {
        cls.push(c);
        len.push(1);
      }
    }
    return { cls, len };
  });
  return { classWeight, classSize, classRules, ruleDistinct, ruleRuns };
}

/**
 * FillClasses from the tree's runs of equal OSDs (osd-runs.ts: same size, CRUSH weight and device
 * class), O(runs x rules): the rules taking an OSD are those of its device class (or of every
 * OSD), the same for the whole run. Only when each view takes as many OSDs as its class has in
 * the runs (a view takes the OSDs of its class in tree order, rule-view.ts); else undefined and
 * classesByOsd is used. Runs of one class that follow each other are merged: addRepeated over
 * a then b terms is the loop over a + b terms, the same double.
 */
function classesByRuns(input: HorizonInput, runs: OsdRuns): FillClasses | undefined {
  const { tree, views } = input;
  const n = tree.osds.length;
  const R = runsBefore(runs, n);
  if (!runsFitViews(views, runs, n)) return undefined;
  const classIndex = new Map<string, number>();
  const classWeight: number[] = [];
  const classSize: number[] = [];
  const classRules: number[][] = [];
  const ruleDistinct: number[][] = views.map(() => []);
  const ruleSeen = views.map(() => new Set<number>());
  const ruleRuns = views.map(() => ({ cls: [] as number[], len: [] as number[] }));
  for (let j = 0; j < R; j++) {
    const len = (j + 1 < R ? runs.start[j + 1]! : n) - runs.start[j]!;
    const w = runs.crushWeight[j]!;
    const size = runs.sizeBytes[j]!;
    const seq: number[] = [];
    for (let r = 0; r < views.length; r++) if (runTaken(runs, j, views[r]!.rule.deviceClass)) seq.push(r);
    const key = `${num(w)}|${num(size)}|${seq.join(',')}`;
    let c = classIndex.get(key);
    if (c === undefined) {
      c = classWeight.length;
      classIndex.set(key, c);
      classWeight.push(w);
      classSize.push(size);
      classRules.push(seq);
    }
    for (const r of seq) {
      const seen = ruleSeen[r]!;
      if (!seen.has(c)) {
        seen.add(c);
        ruleDistinct[r]!.push(c);
      }
      const { cls, len: lens } = ruleRuns[r]!;
      if (cls.length > 0 && cls[cls.length - 1] === c) lens[lens.length - 1]! += len;
      else {
        cls.push(c);
        lens.push(len);
      }
    }
  }
  return { classWeight, classSize, classRules, ruleDistinct, ruleRuns };
}

/**
 * The same figures for the uniform fill (no overrides), bit for bit, without the per-OSD work
 * that gives equal results: under the uniform fill (fill.ts uniformFill) two OSDs with the same
 * CRUSH weight, size and rules (in the same order) hold the same bytes, computed by the same
 * operations. So the OSDs are grouped into such classes; each class's fill, get_rule_avail
 * projection and used / size are computed once per month (min and max do not depend on the
 * order), the rules' weight totals once per run, and Σ used over a rule's OSDs is the sum in
 * OSD order (a float sum depends on its order) taken run by run: a run of OSDs of one class adds
 * the same term again and again, which repeated-sum.ts addRepeated gives bit for bit as the loop.
 */
function uniformMonth(input: HorizonInput, spread: readonly number[]): (factor: PoolStored) => RuleMonth {
  const { views } = input;
  const { classWeight, classSize, classRules, ruleDistinct, ruleRuns } = (input.runs && classesByRuns(input, input.runs)) || classesByOsd(input);
  const classCount = classWeight.length;
  const sumRuns = (r: number, value: (c: number) => number): number => {
    const { cls, len } = ruleRuns[r]!;
    let sum = 0;
    for (let j = 0; j < cls.length; j++) sum = addRepeated(sum, value(cls[j]!), len[j]!);
    return sum;
  };
  // Σ w and Σ max(0, w) over the rule's OSDs in OSD order (the class weight is the OSD's)
  const fillTotal = views.map((_, r) => sumRuns(r, (c) => classWeight[c]!));
  const availTotal = views.map((_, r) => sumRuns(r, (c) => Math.max(0, classWeight[c]!)));
  const fullRatio = input.ratios.full;
  const used = new Float64Array(classCount);
  const usedOf = (c: number): number => used[c]!;
  return (factor) => {
    const rawR = rawUsedByRule(views, input.pools, factor);
    for (let c = 0; c < classCount; c++) {
      const w = classWeight[c]!;
      let u = 0;
      for (const r of classRules[c]!) {
        const raw = rawR[r] ?? 0;
        const total = fillTotal[r]!;
        if (!(raw > 0) || !(total > 0)) continue;
        u += (raw * w) / total;
      }
      used[c] = u;
    }
    const ruleAvail: number[] = [];
    const ruleUsed: number[] = [];
    const ruleFullest: number[] = [];
    for (let r = 0; r < views.length; r++) {
      const sp = spread[r]!;
      const totalWeight = availTotal[r]!;
      let min = Number.POSITIVE_INFINITY;
      let max = 0;
      for (const c of ruleDistinct[r]!) {
        const size = classSize[c]!;
        const w = classWeight[c]!;
        const u = used[c]!;
        max = Math.max(max, u / size);
        if (!(totalWeight > 0) || !(size > 0) || !(w > 0)) continue;
        const avail = size - Math.min(size, u * sp);
        const headroom = Math.max(0, avail - size * (1 - fullRatio));
        const proj = headroom / (w / totalWeight);
        if (proj < min) min = proj;
      }
      ruleAvail.push(totalWeight > 0 && Number.isFinite(min) ? Math.floor(min) : 0);
      ruleFullest.push(max * sp);
      ruleUsed.push(sumRuns(r, usedOf));
    }
    return { ruleAvail, ruleUsed, ruleFullest };
  };
}

/**
 * Month by month, for t = 0 .. horizon - 1, every rule set S (rules on the same OSDs) and pool p on rule R in S:
 *   stored_p(t)   = stored_p(0) x growthFactor(t)                  bytes
 *                   (storedAt(p, t) when pools grow apart: growthBy, events, commitments)
 *   rawUsed_p(t)  = stored_p(t) x raw used rate;  rawUsed_S(t) = Σ over S's pools
 *   used_i(t)     = the OSD fill (uniform per rule, or with `ceph osd df` overrides)
 *   spread        = S's fullest factor when the fill does not model it (fullest-osd.ts), else 1
 *   MAX AVAIL     = get_rule_avail(R's OSDs at min(size, used x spread), full ratio) / raw used rate
 *   fullest       = max over R's OSDs of used_i / size_i x spread
 *   survivor fill = Σ used_i over R's OSDs x factor / S's re-protectable raw
 *   utilisation   = rawUsed_S(t) / (S's re-protectable raw x backfillfull / factor)
 * Runways, per set: to nearfull, the first month the fullest OSD is above the nearfull ratio; to
 * the safe raw, the first month rawUsed_S > threshold x re-protectable_S / factor (the same test
 * as the horizon's capacity.threshold_crossed on the set's resource). Pools on the same OSDs
 * share the raw space: no pool has a limit of its own (PGMap::get_rule_avail).
 * Findings, per rule: `ceph.rule.nearfull` (warning, error from month 0) and `ceph.rule.full`
 * (error: writes stop) at the first month.
 */
export function projectCeph(input: HorizonInput): HorizonOutput {
  const count = Math.max(0, Math.floor(input.horizonMonths));
  const months: CephMonth[] = [];
  const fullest: number[][] = input.views.map(() => []);
  const setRaw: number[][] = input.sets.map(() => []);
  const setOfRule = input.views.map(() => -1);
  input.sets.forEach((s, k) => {
    for (const r of s.ruleIndices) setOfRule[r] = k;
  });
  const spread = input.views.map((_, r) => {
    const set = input.sets[setOfRule[r]!];
    return set?.spreadNotInFill ? set.fullestFactor : 1;
  });
  const perMonth = input.overrides.size === 0 ? uniformMonth(input, spread) : overrideMonth(input, spread);
  for (let t = 0; t < count; t++) {
    const storedAt = input.storedAt;
    const factor: PoolStored = storedAt ? (p) => storedAt(p.name, t) : growthFactor(input.growth, t);
    const { ruleAvail, ruleUsed, ruleFullest } = perMonth(factor);
    input.views.forEach((_, r) => {
      fullest[r]!.push(ruleFullest[r]!);
    });
    const raw = input.sets.map(() => 0);
    for (const p of input.pools) raw[p.setIndex]! += storedOf(p, factor) * p.rawUsedRate;
    raw.forEach((x, k) => setRaw[k]!.push(x));
    const pools: Record<string, CephPoolMonth> = {};
    for (const p of input.pools) {
      const stored = storedOf(p, factor);
      const set = input.sets[p.setIndex]!;
      const safeRaw = (set.reprotectableRawBytes * input.ratios.backfillfull) / set.fullestFactor;
      pools[p.name] = {
        storedBytes: stored,
        rawUsedBytes: stored * p.rawUsedRate,
        maxAvailBytes: maxAvailBytes(ruleAvail[p.ruleIndex]!, p.rawUsedRate),
        fullestOsdUtilisation: fullest[p.ruleIndex]![t]!,
        survivorUtilisation: set.reprotectableRawBytes > 0 ? (ruleUsed[p.ruleIndex]! * set.fullestFactor) / set.reprotectableRawBytes : null,
        utilisation: safeRaw > 0 ? raw[p.setIndex]! / safeRaw : null,
      };
    }
    months.push({ index: t, month: monthLabel(input.start, t), pools });
  }

  const findings: Finding[] = [];
  input.views.forEach((v, r) => {
    const names = input.pools.filter((p) => p.ruleIndex === r).map((p) => p.name);
    if (names.length === 0) return;
    for (const [code, ratio, what] of [
      ['ceph.rule.nearfull', input.ratios.nearfull, 'the nearfull ratio (HEALTH_WARN OSD_NEARFULL)'],
      ['ceph.rule.full', input.ratios.full, 'the full ratio: Ceph stops writes to the pools on it (OSD_FULL)'],
    ] as const) {
      const month = runwayMonths(fullest[r]!.map((u) => u > ratio));
      if (month === null) continue;
      const u = fullest[r]![month]!;
      findings.push({
        code,
        severity: code === 'ceph.rule.full' || month === 0 ? 'error' : 'warning',
        subject: `rule ${v.rule.name}`,
        message: `the fullest OSD under rule ${v.rule.name} (pools ${names.join(', ')}) is ${fmtPercent(u)} full in ${monthLabel(input.start, month)} (month ${month}), above ${fmtPercent(ratio)}, ${what}`,
        month,
        value: u,
        limit: ratio,
        unit: 'ratio',
        source: CEPH_SOURCES.ratios,
      });
    }
  });

  const runwayToNearfull = input.sets.map((s) => {
    const runs = s.ruleIndices.map((r) => runwayMonths((fullest[r] ?? []).map((u) => u > input.ratios.nearfull))).filter((x): x is number => x !== null);
    return runs.length > 0 ? Math.min(...runs) : null;
  });
  const runwayToSafeUsable = input.sets.map((s, k) => runwayMonths(setRaw[k]!.map((x) => isOver(x, s.reprotectableRawBytes / s.fullestFactor, input.threshold))));
  return { months, runwayToNearfull, runwayToSafeUsable, findings };
}
