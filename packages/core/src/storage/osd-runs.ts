/**
 * A CRUSH tree's OSDs as runs of equal OSDs (same size, CRUSH weight and device class), in tree
 * order: a fleet bought by whole hosts of a few models has a few runs for thousands of OSDs,
 * and the PG plan's per-OSD figures (ceph-pgs.ts) are the same on every OSD of a run, so they
 * are computed once per run and summed with repeated-sum.ts addRepeated (the loop's result).
 * Runs only grow at the end: one list serves every prefix of a growing tree (the procurement
 * curve points, the epochs of a timeline). Source: headroom [model] (speed only, no figure).
 */
import type { CrushOsd } from './crush.js';

/** Run j covers tree.osds[start[j] .. start[j + 1]) (the last: up to the tree's OSD count). */
export interface OsdRuns {
  start: number[];
  sizeBytes: number[];
  crushWeight: number[];
  deviceClass: string[];
}

/** No runs (an empty tree). */
export function emptyOsdRuns(): OsdRuns {
  return { start: [], sizeBytes: [], crushWeight: [], deviceClass: [] };
}

/** Adds osds[from ..] (the tree's OSDs from index `from` on) to runs describing osds[0 .. from). */
export function appendOsdRuns(runs: OsdRuns, osds: readonly CrushOsd[], from: number): void {
  const last = runs.start.length - 1;
  let size = last >= 0 ? runs.sizeBytes[last]! : Number.NaN;
  let weight = last >= 0 ? runs.crushWeight[last]! : Number.NaN;
  let cls = last >= 0 ? runs.deviceClass[last]! : '';
  for (let i = from; i < osds.length; i++) {
    const o = osds[i]!;
    // Object.is: equal bits only (a run's terms are one value); NaN never matches the empty list's start
    if (Object.is(o.sizeBytes, size) && Object.is(o.crushWeight, weight) && o.deviceClass === cls && runs.start.length > 0) continue;
    size = o.sizeBytes;
    weight = o.crushWeight;
    cls = o.deviceClass;
    runs.start.push(i);
    runs.sizeBytes.push(size);
    runs.crushWeight.push(weight);
    runs.deviceClass.push(cls);
  }
}

/** The runs of a list of OSDs (a tree's, in tree order). */
export function osdRunsOf(osds: readonly CrushOsd[]): OsdRuns {
  const runs = emptyOsdRuns();
  appendOsdRuns(runs, osds, 0);
  return runs;
}

/** Drops the runs that start at or after `count` (the runs of the first `count` OSDs). */
export function truncateOsdRuns(runs: OsdRuns, count: number): void {
  let n = runs.start.length;
  while (n > 0 && runs.start[n - 1]! >= count) n -= 1;
  runs.start.length = n;
  runs.sizeBytes.length = n;
  runs.crushWeight.length = n;
  runs.deviceClass.length = n;
}

/** How many runs start before `count` (the runs of a tree of its first `count` OSDs): binary search. */
export function runsBefore(runs: OsdRuns, count: number): number {
  let lo = 0;
  let hi = runs.start.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (runs.start[mid]! < count) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when run j's OSDs are taken by a rule of this device class (undefined: every OSD). */
export function runTaken(runs: OsdRuns, j: number, deviceClass: string | undefined): boolean {
  return deviceClass === undefined || runs.deviceClass[j] === deviceClass;
}

/** OSDs of the first R runs (of a tree of osdCount OSDs) taken by a rule of this class (undefined: every OSD). */
export function osdCountOfClass(runs: OsdRuns, R: number, osdCount: number, deviceClass: string | undefined): number {
  let n = 0;
  for (let j = 0; j < R; j++) if (runTaken(runs, j, deviceClass)) n += (j + 1 < R ? runs.start[j + 1]! : osdCount) - runs.start[j]!;
  return n;
}
