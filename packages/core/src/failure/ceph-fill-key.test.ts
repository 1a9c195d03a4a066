import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countKey } from './ceph-impact.js';

/** The former key: sort the numbers, map each to `${n}x${count}`, join with commas. */
function countKeyPlain(counts: ReadonlyMap<number, number>): string {
  return [...counts.keys()]
    .sort((a, b) => a - b)
    .map((n) => `${n}x${counts.get(n)}`)
    .join(',');
}

describe('countKey (the fill cache key of a Ceph loss)', () => {
  it('hand-worked: numbers ascending (numeric, not text order), each with its count', () => {
    // 10 after 7 and 2 (a text sort would put 10 first); counts as inserted
    expect(
      countKey(
        new Map([
          [10, 1],
          [2, 3],
          [7, 2],
        ]),
      ),
    ).toBe('2x3,7x2,10x1');
    expect(countKey(new Map([[0, 1]]))).toBe('0x1');
    expect(countKey(new Map())).toBe('');
  });

  it('equals the map/join form on any counts', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5000), fc.integer({ min: 1, max: 40 })), { maxLength: 30 }), (pairs) => {
        const counts = new Map(pairs);
        expect(countKey(counts)).toBe(countKeyPlain(counts));
      }),
      { seed: 61, numRuns: 500 },
    );
  });
});
