/**
 * What CRUSH can really place when failure domains are unequal [model]. A rule with
 * `chooseleaf ... type <domain>` puts at most one copy (or shard) of each PG in a domain, so
 * a domain holds at most one copy's worth of the data, whatever its size.
 */
import { addRepeated } from './repeated-sum.js';

/**
 * The largest per-copy amount D (bytes) that fits in failure domains of capacities c_i
 * (bytes) with r copies or shards of every object, one per domain:
 *
 *   sum_i min(c_i, D) >= r x D
 *
 * Closed form: with the capacities sorted largest first and S_j the sum of all but the j
 * largest, D* = min over j = 0..r-1 of S_j / (r - j). (For any j, the j largest domains hold
 * at most D each and the rest at most their capacity, so rD <= jD + S_j; the minimum is
 * attained.) Fewer than r domains with room: D* = 0, nothing can be placed clean.
 * Examples: [76, 76, 152] TB, r = 3 -> min(304/3, 152/2, 76/1) = 76 TB;
 * N equal domains of c with N >= r -> N c / r (everything is usable).
 * Units: bytes in, bytes out. Source: headroom [model] (formulas.md, "Unequal domains").
 */
export function waterFillPerCopyBytes(capacitiesBytes: readonly number[], r: number): number {
  if (!(r >= 1)) return 0;
  // ascending (a numeric typed-array sort); c[j], the j-th largest, is a[N-1-j]
  const N = capacitiesBytes.length;
  const a = new Float64Array(N);
  for (let i = 0; i < N; i++) a[i] = Math.max(0, capacitiesBytes[i]!);
  a.sort();
  // prefix[i] = a[0] + ... + a[i-1], summed from the smallest (no cancellation dust): S_j = prefix[N - j]
  const prefix = new Float64Array(N + 1);
  for (let i = 0; i < N; i++) prefix[i + 1] = prefix[i]! + a[i]!;
  let best = Number.POSITIVE_INFINITY;
  for (let j = 0; j < r; j++) best = Math.min(best, (j <= N ? prefix[N - j]! : 0) / (r - j));
  return Math.max(0, best);
}

/**
 * Raw bytes CRUSH can place with r copies or shards in domains of the given capacities:
 * r x D* (see waterFillPerCopyBytes). Divide by the raw used rate (size, or (k+m)/k) for
 * client bytes: replicated r x D* / size = D*; EC (k+m) x D* / ((k+m)/k) = k x D*.
 */
export function placeableRawBytes(capacitiesBytes: readonly number[], r: number): number {
  return r * waterFillPerCopyBytes(capacitiesBytes, r);
}

/**
 * Capacities as a multiset: the distinct values (each max(0, c), as waterFillPerCopyBytes
 * takes them) ascending, with how many domains have each; `positive` = domains with c > 0.
 * A fleet of a few host models has a few values for thousands of domains.
 */
export interface CapacityRuns {
  values: number[];
  counts: number[];
  positive: number;
}

/** The capacities as runs; null when one is NaN (waterFillPerCopyBytes then decides, as before). */
export function capacityRuns(capacitiesBytes: readonly number[]): CapacityRuns | null {
  return runsOf(capacitiesBytes.length, (i) => capacitiesBytes[i]!);
}

/** capacityRuns of the domains' rawBytes (no list of them made). */
export function domainCapacityRuns(domains: readonly { rawBytes: number }[]): CapacityRuns | null {
  return runsOf(domains.length, (i) => domains[i]!.rawBytes);
}

function runsOf(n: number, at: (i: number) => number): CapacityRuns | null {
  const byValue = new Map<number, number>();
  let last = Number.NaN;
  let lastCount = 0;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const c = at(i);
    if (Number.isNaN(c)) return null;
    if (c > 0) positive += 1;
    const v = Math.max(0, c);
    if (v === last) {
      lastCount += 1;
      continue;
    }
    if (lastCount > 0) byValue.set(last, (byValue.get(last) ?? 0) + lastCount);
    last = v;
    lastCount = 1;
  }
  if (lastCount > 0) byValue.set(last, (byValue.get(last) ?? 0) + lastCount);
  const values = [...byValue.keys()].sort((a, b) => a - b);
  return { values, counts: values.map((v) => byValue.get(v)!), positive };
}

/** The runs with one domain of capacity `from` changed to `to` (both as given, before max(0, ·)); `from` must be one of them. */
export function replaceCapacity(runs: CapacityRuns, from: number, to: number): CapacityRuns {
  const values = runs.values.slice();
  const counts = runs.counts.slice();
  const a = values.indexOf(Math.max(0, from));
  counts[a]! -= 1;
  if (counts[a] === 0) {
    values.splice(a, 1);
    counts.splice(a, 1);
  }
  const v = Math.max(0, to);
  let b = 0;
  while (b < values.length && values[b]! < v) b += 1;
  if (values[b] === v) counts[b]! += 1;
  else {
    values.splice(b, 0, v);
    counts.splice(b, 0, 1);
  }
  return { values, counts, positive: runs.positive - (from > 0 ? 1 : 0) + (to > 0 ? 1 : 0) };
}

/**
 * waterFillPerCopyBytes of the capacities the runs hold, the same double: the ascending prefix
 * sums S_j = Σ of the N - j smallest are taken run by run with addRepeated (the loop's sum; equal
 * terms in any order give the same sum), the last r - 1 terms one by one.
 */
export function waterFillRuns(runs: CapacityRuns, r: number): number {
  if (!(r >= 1)) return 0;
  let N = 0;
  for (const c of runs.counts) N += c;
  // prefix[t] for t = N - jMax .. N (the cut points S_j reads)
  const jMax = Math.min(Math.ceil(r) - 1, N);
  const from = N - jMax;
  const tail = new Float64Array(jMax + 1);
  let sum = 0;
  let taken = 0;
  let k = 0;
  // rest: the terms of run k not added yet
  let rest = 0;
  for (; k < runs.values.length; k++) {
    const c = runs.counts[k]!;
    const n = Math.min(c, from - taken);
    sum = addRepeated(sum, runs.values[k]!, n);
    taken += n;
    if (n < c) {
      rest = c - n;
      break;
    }
  }
  tail[0] = sum;
  for (let t = 1; t <= jMax; t++) {
    while (rest === 0) {
      k += 1;
      rest = runs.counts[k]!;
    }
    sum += runs.values[k]!;
    rest -= 1;
    tail[t] = sum;
  }
  let best = Number.POSITIVE_INFINITY;
  for (let j = 0; j < r; j++) best = Math.min(best, (j <= N ? tail[N - j - from]! : 0) / (r - j));
  return Math.max(0, best);
}
