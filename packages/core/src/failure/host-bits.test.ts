/** withBit (failure/host-bits.ts) picks what filtering picks; aloneWithBit tells what withBit's list tells by its length and first entry. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aloneWithBit, withBit } from './host-bits.js';

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

describe('aloneWithBit', () => {
  it("is -1 for withBit's empty list, its one entry for a list of one, -2 for longer lists (fast-check, seed 7)", () => {
    const arb = fc.record({
      member: fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 12 }),
      picks: fc.array(fc.nat(), { maxLength: 6 }),
      bit: fc.constantFrom(1, 2, 4, 8, 16),
    });
    fc.assert(
      fc.property(arb, ({ member, picks, bit }) => {
        const bits = Uint8Array.from(member);
        const all = picks.map((p) => p % member.length);
        const list = Array.from(withBit(all, bits, bit));
        expect(aloneWithBit(all, bits, bit)).toBe(list.length === 0 ? -1 : list.length === 1 ? list[0]! : -2);
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  it('hand-worked: hosts 0-3 with bits 1, 3, 2, 1', () => {
    const member = Uint8Array.from([1, 3, 2, 1]);
    expect(aloneWithBit([2, 0], member, 1)).toBe(0); // host 2 lacks bit 1: host 0 alone
    expect(aloneWithBit([2], member, 1)).toBe(-1); // none
    expect(aloneWithBit([3, 2, 1], member, 1)).toBe(-2); // hosts 3 and 1
    expect(aloneWithBit([1, 1], member, 2)).toBe(-2); // a repeated host counts twice, as in withBit's list
  });
});
