/** withBit (failure/host-bits.ts) picks what filtering picks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withBit } from './host-bits.js';

describe('withBit', () => {
  it('gives the numbers whose host has the bit, in order, and the list itself when all have it (fast-check, seed 5)', () => {
    const arb = fc.record({
      member: fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 30 }),
      picks: fc.array(fc.nat(), { maxLength: 40 }),
      bit: fc.constantFrom(1, 2, 4, 8, 16),
    });
    fc.assert(
      fc.property(arb, ({ member, picks, bit }) => {
        const bits = Uint8Array.from(member);
        const all = picks.map((p) => p % member.length);
        const out = withBit(all, bits, bit);
        const expected = all.filter((h) => (bits[h]! & bit) !== 0);
        expect(Array.from(out)).toEqual(expected);
        if (expected.length === all.length) expect(out).toBe(all);
      }),
      { seed: 5, numRuns: 500 },
    );
  });

  it('hand-worked: hosts 0-3 with bits 1, 3, 2, 1; bit 1 of [2, 0, 1, 2, 3] keeps [0, 1, 3]', () => {
    // host 2 has bits 2 only: both of its entries are dropped
    expect(Array.from(withBit([2, 0, 1, 2, 3], Uint8Array.from([1, 3, 2, 1]), 1))).toEqual([0, 1, 3]);
    const all = [0, 1, 3];
    expect(withBit(all, Uint8Array.from([1, 3, 2, 1]), 1)).toBe(all);
  });
});
