/**
 * addRepeated(s, u, n) must be the loop `s += u` n times, bit for bit: checked against the loop
 * itself on sizes, weights and fills like the plan's, on ties (u an odd multiple of half an ulp
 * of s) and on random doubles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRepeated } from './repeated-sum.js';

const loop = (s: number, u: number, n: number): number => {
  for (let j = 0; j < n; j++) s += u;
  return s;
};

describe('addRepeated', () => {
  it('hand-worked: 0.1 ten times is 0.9999999999999999, not 1; 7.68e12 x 19,040 OSDs as the loop gives', () => {
    // 0.1 + 0.1 + ... (10 terms) = 0.9999999999999999 in binary64 (the classic rounding drift)
    expect(addRepeated(0, 0.1, 10)).toBe(0.9999999999999999);
    expect(addRepeated(0, 0.1, 10)).not.toBe(1);
    expect(addRepeated(0, 7.68e12, 19_040)).toBe(loop(0, 7.68e12, 19_040));
    expect(addRepeated(0, 7.68e12 / 2 ** 40, 19_040)).toBe(loop(0, 7.68e12 / 2 ** 40, 19_040));
    // u far below half an ulp of s: every step rounds back to s
    expect(addRepeated(1, 1e-17, 1_000_000)).toBe(1);
    expect(addRepeated(5, 0, 7)).toBe(5);
    expect(addRepeated(0, 3, 0)).toBe(0);
  });

  it('ties: u exactly half an ulp of s (round half to even decides each step)', () => {
    const ulp1 = 2 ** -52; // ulp of [1, 2)
    for (const n of [1, 2, 3, 10, 101]) {
      expect(addRepeated(1, ulp1 / 2, n)).toBe(loop(1, ulp1 / 2, n));
      expect(addRepeated(1 + ulp1, ulp1 / 2, n)).toBe(loop(1 + ulp1, ulp1 / 2, n));
      expect(addRepeated(1, 1.5 * ulp1, n)).toBe(loop(1, 1.5 * ulp1, n));
      expect(addRepeated(1, 2.5 * ulp1, n)).toBe(loop(1, 2.5 * ulp1, n));
    }
  });

  it('property: the same double as the loop (random start, term and count)', () => {
    const term = fc.oneof(
      fc.double({ min: 0, max: 1e16, noNaN: true }),
      fc.constantFrom(7.68e12, 3.84e12, 16e12, 8e12 / 2 ** 40, 0.1, 1 / 3, 2 ** -52, 1.5 * 2 ** -52),
      fc.double({ noNaN: false }),
    );
    const start = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e18, noNaN: true }), fc.double({ noNaN: false }));
    fc.assert(
      fc.property(start, term, fc.integer({ min: 0, max: 3000 }), (s, u, n) => {
        expect(Object.is(addRepeated(s, u, n), loop(s, u, n))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: ties and near-ties at every binade (u = (j + 1/2) ulp of s, and one ulp of u either side)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -900, max: 900 }),
        fc.integer({ min: 0, max: 2 ** 20 }),
        fc.integer({ min: 0, max: 64 }),
        fc.integer({ min: -1, max: 1 }),
        fc.integer({ min: 0, max: 4000 }),
        (e, frac, j, nudge, n) => {
          const s = 2 ** e * (1 + frac / 2 ** 20);
          const g = 2 ** (e - 52);
          let u = (j + 0.5) * g;
          if (nudge !== 0) u = nudge > 0 ? u * (1 + 2 ** -52) : u * (1 - 2 ** -53);
          expect(Object.is(addRepeated(s, u, n), loop(s, u, n))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
