/**
 * Sums of many equal terms, bit for bit as the loop that adds them one by one, in
 * O(log n) steps instead of n: the storage plan adds the same figure for every OSD of a run of
 * equal OSDs (sizes, CRUSH weights, fills), and a float sum depends on its order, so the loop's
 * result is the one the plan keeps.
 *
 * Why it is exact (IEEE 754 binary64, round to nearest, ties to even, as JavaScript numbers):
 * let s > 0 lie in the binade [2^e, 2^(e+1)), where every double is a multiple of
 * g = 2^(e-52), and u > 0. While the real s + u stays below B = 2^(e+1), fl(s + u) is the
 * multiple of g nearest s + u, that is s + d with d = round(u / g) x g, the same d at every
 * step, unless u / g lies exactly halfway between two integers (a tie, decided by the parity of
 * s / g): then the steps are taken one by one. So t safe steps from s give s + t x d exactly
 * (a multiple of g below B, representable), where a step from x is safe when x + d <= B - g
 * (then x + u < x + d + g / 2 < B). Near B, and wherever the conditions fail (u <= 0, s <= 0,
 * tiny or huge magnitudes, non-finite values), the terms are added one by one.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high 32-bit word of a double in u32 (1 on little-endian machines). */
const HI = (() => {
  f64[0] = 1;
  return u32[1] === 0x3ff00000 ? 1 : 0;
})();

/** The unbiased binary exponent e of a positive normal double x: 2^e <= x < 2^(e+1). */
function exponentOf(x: number): number {
  f64[0] = x;
  return ((u32[HI]! >>> 20) & 0x7ff) - 1023;
}

/** 2^k for an integer k with -1022 <= k <= 1023, built from its bits (exact). */
function pow2(k: number): number {
  u32[HI] = (k + 1023) << 20;
  u32[1 - HI] = 0;
  return f64[0]!;
}

/**
 * The result of `for (let j = 0; j < n; j++) s += u;` (n >= 0 whole), the same double, in
 * O(log n) steps when s and u are positive (see the module comment).
 */
export function addRepeated(s: number, u: number, n: number): number {
  if (n <= 32) {
    // a few terms: the loop itself is quicker than the binade arithmetic
    for (let j = 0; j < n; j++) s += u;
    return s;
  }
  let k = n;
  while (k > 0) {
    if (!(u > 0) || !(s > 0) || !(u < 2 ** 1000) || !(s < 2 ** 1000) || k < 4) {
      s += u;
      k -= 1;
      continue;
    }
    const e = exponentOf(s);
    if (e < -960) {
      s += u;
      k -= 1;
      continue;
    }
    const g = pow2(e - 52);
    const B = pow2(e + 1);
    const r = u / g; // exact: a power-of-two scaling in the normal range
    if (!(r < 2 ** 52)) {
      // u is not small against the binade: s leaves it within a step
      s += u;
      k -= 1;
      continue;
    }
    const fl = Math.floor(r);
    if (r - fl === 0.5) {
      // a tie: the rounding depends on the parity of s / g
      s += u;
      k -= 1;
      continue;
    }
    const q = r - fl < 0.5 ? fl : fl + 1; // d / g
    if (q === 0) return s; // s + u rounds to s at every step
    const d = q * g;
    // safe steps from s: t with s + (t - 1) x d + d <= B - g, in units of g (whole numbers below 2^53, exact)
    const m = (B - g - d - s) / g;
    // the float quotient may be 1 above the whole one: one step less keeps it safe
    const t = Math.min(k, Math.floor(m / q));
    if (t < 1) {
      s += u;
      k -= 1;
      continue;
    }
    s += t * d;
    k -= t;
  }
  return s;
}

/**
 * Σ values[i] over i = indices[0], indices[1], ... in that order (without `indices`: over
 * values in order), a missing value counting 0: the loop's double, with each run of equal
 * consecutive terms (Object.is) added at once by addRepeated. The storage plan's per-OSD figures
 * (sizes, PG replicas per OSD) come in long runs of equal OSDs, so this is O(runs × log n).
 */
export function sumInOrder(values: readonly number[], indices?: readonly number[]): number {
  const n = indices ? indices.length : values.length;
  let sum = 0;
  let term = 0;
  let run = 0;
  for (let j = 0; j < n; j++) {
    const x = (indices ? values[indices[j]!] : values[j]) ?? 0;
    if (run > 0 && Object.is(x, term)) {
      run += 1;
      continue;
    }
    sum = addRepeated(sum, term, run);
    term = x;
    run = 1;
  }
  return addRepeated(sum, term, run);
}
