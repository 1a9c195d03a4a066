/** OSD fill: uniform per rule (Ceph's proportional assumption) and per-OSD overrides, by hand. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { osdFill, uniformFill } from './fill.js';

const TB = 1e12;

describe('uniformFill', () => {
  it('spreads each rule in proportion to CRUSH weight', () => {
    // OSDs of 8, 8 and 16 TB (weights 1, 1, 2) under one rule holding 16 TB raw: 4, 4, 8 TB (all 50 %)
    expect(uniformFill([1, 1, 2], [{ osdIndices: [0, 1, 2] }], [16 * TB])).toEqual([4 * TB, 4 * TB, 8 * TB]);
  });
  it('an OSD under two rules carries data of both', () => {
    // rule A takes OSDs 0, 1 (6 TB); rule B takes OSDs 1, 2 (4 TB); equal weights: 3, 3 + 2, 2 TB
    expect(uniformFill([1, 1, 1], [{ osdIndices: [0, 1] }, { osdIndices: [1, 2] }], [6 * TB, 4 * TB])).toEqual([3 * TB, 5 * TB, 2 * TB]);
  });
});

describe('osdFill with overrides', () => {
  it('a hot OSD holds its utilisation; the others share the rest', () => {
    // 3 x 10 TB, 15 TB raw: uniform 5 TB each. OSD 0 at 0.8 -> 8 TB; the two others share 15 - 8 = 7 TB: 3.5 TB each
    const used = osdFill([10 * TB, 10 * TB, 10 * TB], [1, 1, 1], [{ osdIndices: [0, 1, 2] }], [15 * TB], [15 * TB], new Map([[0, 0.8]]));
    expect(used.map((x) => x / TB)).toEqual([8, 3.5, 3.5]);
  });
  it('it grows with its rule (constant VAR)', () => {
    // month-0 raw 15 TB, now 30 TB (x 2): OSD 0 at 8 TB x 2 = 16 TB; others share 30 - 16 = 14 TB: 7 TB each
    const used = osdFill([10 * TB, 10 * TB, 10 * TB], [1, 1, 1], [{ osdIndices: [0, 1, 2] }], [30 * TB], [15 * TB], new Map([[0, 0.8]]));
    expect(used.map((x) => x / TB)).toEqual([16, 7, 7]);
  });
  it('property: the rule total is kept while the override is not more than the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (n, u, fillRatio) => {
        const sizes = Array(n).fill(10 * TB);
        const raw = fillRatio * n * 10 * TB;
        const used = osdFill(sizes, Array(n).fill(1), [{ osdIndices: sizes.map((_, i) => i) }], [raw], [raw], new Map([[0, u]]));
        const total = used.reduce((s, x) => s + x, 0);
        if (u * 10 * TB <= raw) expect(total).toBeCloseTo(raw, -3);
        for (const x of used) expect(x).toBeGreaterThanOrEqual(0);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
