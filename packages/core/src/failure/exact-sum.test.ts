import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum, exactSum } from './exact-sum.js';

/** Left to right, as a loop adding from 0 would. */
const naive = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

describe('exactSum', () => {
  it('gives the exact sum rounded once where a left-to-right sum loses it', () => {
    // 1e16 + 1 = 10000000000000001 is not a double (the spacing at 1e16 is 2): the loop keeps
    // 1e16, then 1e16 - 1e16 = 0. The exact sum is 1.
    expect(naive([1e16, 1, -1e16])).toBe(0);
    expect(exactSum([1e16, 1, -1e16])).toBe(1);
    // the doubles nearest 0.1, 0.2, 0.3 are 0.1000000000000000055511151231257827,
    // 0.2000000000000000111022302462515654 and 0.2999999999999999888977697537484346: their exact
    // sum 0.6000000000000000055511151231257827 lies 2.8e-17 above the double 0.6
    // (0.5999999999999999777955395074968692) and 8.3e-17 below the next one
    // (0.6000000000000000888178419700125232): 0.6. The loop gives 0.30000000000000004 + 0.3.
    expect(naive([0.1, 0.2, 0.3])).toBe(0.6000000000000001);
    expect(exactSum([0.1, 0.2, 0.3])).toBe(0.6);
  });

  it('rounds half to even, and a tiny remainder past the half-way point up', () => {
    // 1 + 2^-53 lies half-way between 1 and 1 + 2^-52: ties to even give 1 (mantissa even)
    expect(exactSum([1, 2 ** -53])).toBe(1);
    // 1 + 2^-53 + 2^-100 is past half-way: 1 + 2^-52. The loop loses both small terms.
    expect(naive([1, 2 ** -53, 2 ** -100])).toBe(1);
    expect(exactSum([1, 2 ** -53, 2 ** -100])).toBe(1 + 2 ** -52);
    // 1 + 2^-52 + 2^-53 is half-way between 1 + 2^-52 (odd) and 1 + 2^-51 (even): up
    expect(exactSum([1, 2 ** -52, 2 ** -53])).toBe(1 + 2 ** -51);
    expect(exactSum([])).toBe(0);
    // 1, 2^-60, 2^-120 ... 2^-900 (16 terms that share no bit: 16 partials, more than the first
    // room of 8), then -1: the exact sum is 2^-60 + 2^-120 + ..., whose tail lies below half the
    // spacing of doubles at 2^-60 (2^-113): 2^-60. The loop keeps 1 at every step, then 0.
    const spread = [...Array.from({ length: 16 }, (_, i) => 2 ** (-60 * i)), -1];
    expect(naive(spread)).toBe(0);
    expect(exactSum(spread)).toBe(2 ** -60);
    const s = new ExactSum();
    s.add(5);
    expect(s.value()).toBe(5);
  });

  it('= the exact rational sum rounded to nearest, in any order of the terms (fast-check, seed 53)', () => {
    // terms k × 2^-20 with integer k (|k| < 2^53): exact doubles whose exact sum is (Σ k) × 2^-20;
    // Number(bigint) rounds to nearest, ties to even (ECMA-262 Number ( value )), and the
    // division by 2^20 is exact
    const terms = fc.array(
      fc.maxSafeInteger().map((k) => k * 2 ** -20),
      { minLength: 1, maxLength: 60 },
    );
    fc.assert(
      fc.property(terms, fc.integer(), (xs, seed) => {
        const exact = Number(xs.reduce((s, x) => s + BigInt(x * 2 ** 20), 0n)) / 2 ** 20;
        expect(exactSum(xs)).toBe(exact);
        // a shuffle (seeded): the same bits
        const shuffled = xs
          .map((x, i) => [x, Math.sin(seed + i)] as const)
          .sort((a, b) => a[1] - b[1])
          .map(([x]) => x);
        expect(exactSum(shuffled)).toBe(exact);
      }),
      { seed: 53, numRuns: 2000 },
    );
  });
});
