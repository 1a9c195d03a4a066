/**
 * The water fill on runs of equal capacities (water-fill.ts waterFillRuns, capacityRuns,
 * replaceCapacity) and reprotectableRaw built on it, against the sorted-copy forms they replace
 * (waterFillPerCopyBytes, reprotect.ts reprotectablePlain): the same doubles (Object.is), on
 * capacities drawn from a few values repeated many times (long runs: addRepeated's jumps),
 * zeros, negatives, -0 and sums that round.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DomainCapacity, reprotectablePlain, reprotectableRaw } from './reprotect.js';
import { capacityRuns, replaceCapacity, waterFillPerCopyBytes, waterFillRuns } from './water-fill.js';

const TB = 1e12;
const capArb = fc.constantFrom(61.44 * TB, 61.44 * TB, 61.44 * TB, 122.88 * TB, TB / 3, 0.1, 0, -0, -5, 7.68 * TB * 7, 1e-300, 3);
const capsArb = fc.oneof(
  fc.array(capArb, { maxLength: 12 }),
  // long runs: a few values, each many times
  fc.array(fc.tuple(capArb, fc.integer({ min: 1, max: 400 })), { maxLength: 4 }).map((xs) => xs.flatMap(([c, n]) => Array.from({ length: n }, () => c))),
);
const shuffled = (xs: number[], seed: number): number[] => {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = (seed * (i + 7)) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe('water fill on capacity runs', () => {
  it('property: waterFillRuns(capacityRuns(c), r) = waterFillPerCopyBytes(c, r)', () => {
    fc.assert(
      fc.property(capsArb, fc.nat(), fc.integer({ min: 0, max: 9 }), (caps, seed, r) => {
        const c = shuffled(caps, seed);
        const runs = capacityRuns(c)!;
        expect(runs.positive).toBe(c.filter((x) => x > 0).length);
        expect(waterFillRuns(runs, r)).toEqual(waterFillPerCopyBytes(c, r));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: replaceCapacity = the runs of the capacities with one changed', () => {
    fc.assert(
      fc.property(capsArb, fc.nat(), capArb, (caps, at, to) => {
        fc.pre(caps.length > 0);
        const i = at % caps.length;
        const changed = caps.map((c, j) => (j === i ? to : c));
        expect(replaceCapacity(capacityRuns(caps)!, caps[i]!, to)).toEqual(capacityRuns(changed));
      }),
      { numRuns: 500 },
    );
  });

  it('a NaN capacity: no runs (the sorted form decides)', () => {
    expect(capacityRuns([1, Number.NaN])).toBeNull();
  });

  it('property: reprotectableRaw = the sorted-copy form (with and without tolerated losses, up to and above 64 domains)', () => {
    const osdArb = fc.constantFrom(7.68 * TB, 15.36 * TB, 0, TB / 3, Number.NaN);
    fc.assert(
      fc.property(capsArb, fc.nat(), osdArb, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 8 }), fc.boolean(), (caps, seed, osd, lose, r, odd) => {
        const c = shuffled(caps, seed);
        const domains: DomainCapacity[] = c.map((x, i) => ({ name: `d${i}`, rawBytes: x, largestOsdBytes: odd && i % 5 === 2 ? osd * 2 : osd }));
        const tolerated = lose > 0 ? { survivors: domains.slice(lose), lost: domains.slice(0, lose).map((d) => d.name) } : null;
        expect(reprotectableRaw(domains, r, tolerated)).toEqual(reprotectablePlain(domains, r, tolerated));
      }),
      { numRuns: 1000 },
    );
  });
});
