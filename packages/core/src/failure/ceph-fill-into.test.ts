/**
 * fillInto (the survivors' fill after a loss, every pool in one pass over the fill order, the
 * fill order's Σ summed once) against survivorFill (waterFill pool by pool): the same bytes held
 * per domain and the same fullest fill, bit for bit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillInto, liveLargestFirst, survivorFill } from './ceph-impact.js';

const TB = 1e12;

describe('fillInto', () => {
  it('= survivorFill, bit for bit (fast-check, seed 43)', () => {
    // capacities with odd fractions (the sums round), ties, zeros and sub-byte ones; pools that
    // fill every domain to its cap (few domains), cap the largest first (unequal ones) or hold nothing
    const arb = fc.record({
      capacities: fc.array(
        fc.oneof(
          fc.constant(0),
          fc.constant(0.5),
          fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 999 })).map(([t, f]) => t * TB * (1 + f / 997)),
          fc.constantFrom(10 * TB, 400 * TB),
        ),
        { maxLength: 16 },
      ),
      pools: fc.array(fc.record({ load: fc.integer({ min: 0, max: 900 }), frac: fc.integer({ min: 0, max: 99 }), width: fc.integer({ min: 0, max: 6 }) }), {
        maxLength: 5,
      }),
    });
    fc.assert(
      fc.property(arb, ({ capacities, pools }) => {
        const loads = pools.map((p) => ({ loadBytes: p.load * TB * (1 + p.frac / 101), width: p.width }));
        const expected = survivorFill(capacities, loads);
        const held = new Float64Array(capacities.length);
        const maxFill = fillInto(liveLargestFirst(capacities), loads, held);
        expect(Object.is(maxFill, expected.maxFill)).toBe(true);
        expect([...held].every((x, i) => Object.is(x, expected.held[i]))).toBe(true);
      }),
      { seed: 43, numRuns: 3000 },
    );
  });

  it('the fill of three domains of 10, 10 and 40 TB under 30 TB in two copies: 7.5, 7.5 and 15 TB', () => {
    // a = 30 / 2 = 15 TB per domain at most; λ = 30 / 60 = 0.5: 40 × 0.5 = 20 > 15, so the
    // 40 TB domain holds 15; the rest, 15 TB over 20 TB: λ = 0.75, 10 × 0.75 = 7.5 each.
    // Fullest: 7.5 / 10 = 0.75 (the 40 TB one: 15 / 40 = 0.375)
    const held = new Float64Array(3);
    expect(fillInto(liveLargestFirst([10 * TB, 10 * TB, 40 * TB]), [{ loadBytes: 30 * TB, width: 2 }], held)).toBe(0.75);
    expect([...held]).toEqual([7.5 * TB, 7.5 * TB, 15 * TB]);
  });
});
