/**
 * The correctly rounded sum of finite doubles, whatever their order: the exact real sum of the
 * terms rounded once to the nearest double (ties to even). A float sum added term by term
 * depends on the order of the additions; this one does not, so two computations that add the
 * same terms in different orders give the same figure bit for bit.
 *
 * Algorithm: Shewchuk's non-overlapping partials (J. R. Shewchuk, "Adaptive Precision
 * Floating-Point Arithmetic and Fast Robust Geometric Predicates", Discrete & Computational
 * Geometry 18, 1997), as CPython's math.fsum implements it (Modules/mathmodule.c, math_fsum),
 * with its final half-even correction. Every partial is exact (TwoSum), so the partials sum to
 * the exact sum; the last step rounds that sum once. O(n × p) for n terms and p partials (p is
 * small: at most about 40 for doubles of any spread, a handful for terms of similar size).
 * Terms must be finite (no NaN or infinity; not checked) and the sum must not overflow.
 */
export class ExactSum {
  /** The non-overlapping partials, smallest magnitude first: partials[0 .. count). */
  private partials = new Float64Array(8);
  private count = 0;

  /** Adds one finite term. */
  add(term: number): void {
    let p = this.partials;
    const n = this.count;
    let x = term;
    let i = 0;
    for (let j = 0; j < n; j++) {
      let y = p[j]!;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    if (i === p.length) {
      // more partials than room (at most about 40 for doubles): twice the room
      const grown = new Float64Array(p.length * 2);
      grown.set(p);
      this.partials = p = grown;
    }
    p[i] = x;
    this.count = i + 1;
  }

  /** The exact sum of the terms added so far, rounded once to the nearest double (0 with none). */
  value(): number {
    const p = this.partials;
    let n = this.count;
    if (n === 0) return 0;
    let hi = p[--n]!;
    let lo = 0;
    // add the partials from the largest down until the sum is inexact
    while (n > 0) {
      const x = hi;
      const y = p[--n]!;
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    // half-way cases: make the rounding of hi + lo + the rest correct (round half to even)
    if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
    return hi;
  }
}

/** The correctly rounded sum of `terms` (ExactSum), the same in any order of the terms. */
export function exactSum(terms: Iterable<number>): number {
  const s = new ExactSum();
  for (const t of terms) s.add(t);
  return s.value();
}
