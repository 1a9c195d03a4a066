/**
 * What CRUSH can really place when failure domains are unequal [model]. A rule with
 * `chooseleaf ... type <domain>` puts at most one copy (or shard) of each PG in a domain, so
 * a domain holds at most one copy's worth of the data, whatever its size.
 */

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
