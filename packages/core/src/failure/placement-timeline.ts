/**
 * One placement of the instances across the fleet timeline, shared by the failure analysis of
 * every epoch: instances stay where the scheduler put them when the fleet changes.
 *
 * [model] Month by month over the horizon, each epoch (a run of months with the same hosts,
 * fleet/timeline.ts) on its own compute hosts:
 *   - month 0: the demand is spread over the empty hosts as Nova's default weighers do
 *     (packing.ts `spreadPlace`, most free RAM first);
 *   - a later month of the same epoch: the new instances are spread onto the previous month's
 *     placement (a cloud is not re-scheduled every month);
 *   - the first month of a later epoch: the hosts that stay keep their instances; delivered
 *     hosts arrive empty; the instances of retired hosts (migrated away before the host leaves
 *     service), the instances that found no host before, and the month's new instances are
 *     spread onto that fleet: the RAM weigher sends them to the emptiest hosts, the new ones
 *     first. Nova does not rebalance running instances onto new hosts (no Watcher here).
 *   - a month whose demand shrinks for some flavor: spread from empty hosts again (which
 *     instances leave is not known).
 * Instances are matched across epochs by host name and flavor name (the flavor order of the
 * packing model depends on each epoch's capacities).
 * Cost: one spread of the whole demand, then one spread per month of the instances that move
 * or arrive, plus O(hosts x flavors) per epoch change; the failure analysis of each epoch
 * reads only its own months.
 */
import type { ComputeModel } from './compute-impact.js';
import { emptyFree, type Placement, spreadPlace } from './packing.js';

/** One epoch's packing model (built for the months 0..toMonth - 1) and its month window. */
export interface PlacementEpochInput {
  model: ComputeModel;
  fromMonth: number;
  toMonth: number;
}

/**
 * The placement of every month of `epochs` (in timeline order): out[e][t] for fromMonth <= t < toMonth, undefined before.
 * `options.keepRows` false recomputes every kept host's free amounts at an epoch change (the
 * reference the copied rows must equal, in tests: carryOver).
 */
export function placementTimeline(epochs: readonly PlacementEpochInput[], options: { keepRows?: boolean } = {}): (Placement | undefined)[][] {
  const out: (Placement | undefined)[][] = [];
  let prev: { model: ComputeModel; placement: Placement; counts: Int32Array } | null = null;
  for (const e of epochs) {
    const m = e.model;
    const memClass = m.classes.indexOf('MEMORY_MB');
    const cpuClass = m.classes.indexOf('VCPU');
    const months: (Placement | undefined)[] = [];
    for (let t = e.fromMonth; t < e.toMonth && t < m.countsByMonth.length; t++) {
      const counts = m.countsByMonth[t]!;
      const carried = t === e.fromMonth && prev !== null; // carryOver's placement: used here only
      const before = t > e.fromMonth ? { placement: months[t - 1]!, counts: m.countsByMonth[t - 1]! } : prev ? carryOver(prev, m, options.keepRows !== false) : null;
      if (!before) months[t] = spreadPlace(m.hosts, m.flavors, counts, memClass, cpuClass);
      else if (before.counts === counts || sameCounts(before.counts, counts)) months[t] = before.placement;
      else if (counts.every((n, f) => n >= before.counts[f]!)) {
        months[t] = spreadPlace(
          m.hosts,
          m.flavors,
          counts.map((n, f) => n - before.counts[f]!),
          memClass,
          cpuClass,
          before.placement,
          { takeFrom: carried },
        );
      } else months[t] = spreadPlace(m.hosts, m.flavors, counts, memClass, cpuClass);
    }
    out.push(months);
    const last = e.toMonth - 1;
    if (last >= e.fromMonth && months[last]) prev = { model: m, placement: months[last]!, counts: m.countsByMonth[last]! };
  }
  return out;
}

/**
 * The previous epoch's last placement on the next epoch's hosts, with the instances to spread
 * again: the kept hosts' instances stay; the retired hosts' instances and the unplaced ones
 * are moved back to "to place" (counts lowered by them, so the next spread places them with
 * the month's new ones). Returns the placement and the counts it stands for, in the next
 * model's flavor order; null when the two cannot be matched (a kept host's capacity changed),
 * and the next month spreads from empty hosts.
 */
function carryOver(
  prev: { model: ComputeModel; placement: Placement; counts: Int32Array },
  next: ComputeModel,
  keepRows: boolean,
): { placement: Placement; counts: Int32Array } | null {
  const { hosts, flavors } = next;
  const H = hosts.names.length;
  const F = flavors.names.length;
  const C = hosts.classCount;
  const pF = prev.model.flavors.names.length;
  const flavorOf = new Map(flavors.names.map((n, f) => [n, f]));
  const mapF = Int32Array.from(prev.model.flavors.names, (n) => flavorOf.get(n) ?? -1);
  if (prev.model.classes.join() !== next.classes.join()) return null;
  // the hosts both lists open with (every kept host when hosts are only delivered, at the
  // end) match by position; the others by name
  const prevNames = prev.model.hosts.names;
  let same = 0;
  while (same < prevNames.length && same < H && prevNames[same] === hosts.names[same]) same++;
  const hostOf = new Map<string, number>();
  for (let h = same; h < H; h++) hostOf.set(hosts.names[h]!, h);
  const placed = new Int32Array(H * F);
  const free = emptyFree(hosts);
  const counts = new Int32Array(F);
  for (let f = 0; f < pF; f++) if (mapF[f]! >= 0) counts[mapF[f]!] = prev.counts[f]! - prev.placement.unplaced[f]!;
  const prevPlaced = prev.placement.placed;
  const { request } = flavors;
  // the hosts matched by position keep their rows as they are, when that is exactly what the
  // loop below computes (wholeRows)
  const kept = keepRows && wholeRows(prev, next, same, mapF) ? same : 0;
  if (kept > 0) {
    placed.set(prevPlaced.subarray(0, kept * F));
    free.set(prev.placement.free.subarray(0, kept * C));
  }
  for (let ph = kept; ph < prevNames.length; ph++) {
    const h = ph < same ? ph : hostOf.get(prevNames[ph]!);
    for (let f = 0; f < pF; f++) {
      const k = prevPlaced[ph * pF + f]!;
      const nf = mapF[f]!;
      if (k === 0 || nf < 0) continue;
      if (h === undefined) {
        counts[nf] = counts[nf]! - k; // retired: placed again with the month's new instances
        continue;
      }
      placed[h * F + nf] = k;
      for (let c = 0; c < C; c++) free[h * C + c] = free[h * C + c]! - k * request[nf * C + c]!;
    }
  }
  if (anyBelow(free, -1e-6)) return null;
  return { placement: { placed, free, unplaced: new Int32Array(F) }, counts };
}

/** 2^50: whole amounts within ±2^50 keep every sum and product below in the exact range of doubles (2^53). */
const WHOLE = 2 ** 50;

/** Whether v is a whole number within ±2^50. */
function whole(v: number): boolean {
  return Math.floor(v) === v && v <= WHOLE && v >= -WHOLE;
}

/**
 * Whether carryOver may copy the first `same` hosts' rows of the previous placement (placed
 * and free) instead of recomputing them, because they are equal: the flavors are the same in
 * the same order with the same requests, and each of those hosts has the same capacity, every
 * request, capacity and free amount being whole within ±2^50 (requests >= 0).
 *
 * Why equal: a host's free amount in any placement is its capacity minus, one step after the
 * other, k × request for whole k >= 0 (spreads, carryOver; the instances of flavor f summing
 * to placed[f]). With whole inputs no step rounds unless a value leaves ±2^53; the values fall
 * from the capacity (<= 2^50) step by step, and a rounded step would leave one at or below
 * −7 × 2^50, which no later step raises: a free amount within ±2^50 means no step rounded, so
 * it is exactly capacity − Σ_f placed[f] × request[f]. carryOver's loop computes that same
 * value from the same capacity, counts and requests, its steps staying within ±2^51 (exact).
 * O(same × classes + flavors × classes).
 */
function wholeRows(prev: { model: ComputeModel; placement: Placement }, next: ComputeModel, same: number, mapF: Int32Array): boolean {
  const C = next.hosts.classCount;
  const F = next.flavors.names.length;
  if (prev.model.hosts.classCount !== C || prev.model.flavors.names.length !== F) return false;
  for (let f = 0; f < F; f++) if (mapF[f] !== f) return false;
  const a = prev.model.flavors.request;
  const b = next.flavors.request;
  for (let i = 0; i < F * C; i++) if (a[i] !== b[i] || !whole(b[i]!) || b[i]! < 0) return false;
  return sameWholeRows(prev.model.hosts.capacity, next.hosts.capacity, prev.placement.free, same * C);
}

/** Whether capA[i] = capB[i] and capB[i], free[i] are whole within ±2^50 for every i < n (wholeRows' per-host part, a loop of its own so V8 optimises it early). */
function sameWholeRows(capA: Float64Array, capB: Float64Array, free: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (capA[i] !== capB[i] || !whole(capB[i]!) || !whole(free[i]!)) return false;
  return true;
}

/** Whether some value of `values` is below `limit`. */
function anyBelow(values: Float64Array, limit: number): boolean {
  for (let i = 0; i < values.length; i++) if (values[i]! < limit) return true;
  return false;
}

function sameCounts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
