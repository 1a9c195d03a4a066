/**
 * The water-fill bound [model] (formulas.md, "Unequal domains"): the largest per-copy amount
 * D with sum_i min(c_i, D) >= r x D, worked by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeableRawBytes, waterFillPerCopyBytes } from './water-fill.js';

const TB = 1e12;

describe('waterFillPerCopyBytes', () => {
  it('unequal hosts: 80, 80, 160 TB at full 0.95, size 3 -> 76 TB, not the 101.3 TB Ceph assumes', () => {
    // c = 76, 76, 152 TB. D <= 76: 3D >= 3D holds; D in (76, 152]: 76 + 76 + D >= 3D <=> D <= 76.
    // Closed form: min(304 / 3, (76 + 76) / 2, 76 / 1) = min(101.33, 76, 76) = 76 TB per copy.
    // Ceph's proportional MAX AVAIL on the empty cluster: 0.95 x 320 / 3 = 101.33 TB.
    expect(waterFillPerCopyBytes([76 * TB, 76 * TB, 152 * TB], 3) / TB).toBeCloseTo(76, 9);
    expect(placeableRawBytes([76 * TB, 76 * TB, 152 * TB], 3) / TB).toBeCloseTo(228, 9); // 3 x 76
  });

  it('equal domains, N >= r: everything is placeable (N c / r per copy)', () => {
    // 4 hosts of 80 TB, size 3: 4 x 80 / 3 = 106.67 TB per copy, 320 TB raw
    expect(
      waterFillPerCopyBytes(
        [80, 80, 80, 80].map((x) => x * TB),
        3,
      ) / TB,
    ).toBeCloseTo(106.6667, 3);
    expect(
      placeableRawBytes(
        [80, 80, 80, 80].map((x) => x * TB),
        3,
      ) / TB,
    ).toBeCloseTo(320, 9);
    // EC 4+2 on 8 hosts of 480 TB: 8 x 480 / 6 = 640 TB per shard, all 3,840 TB raw
    expect(placeableRawBytes(Array(8).fill(480 * TB), 6) / TB).toBeCloseTo(3840, 9);
  });

  it('fewer domains than copies: nothing is placed clean', () => {
    // EC 4+2 (6 shards) on 3 hosts: S_3 = 0 -> D = 0, however large the hosts
    expect(waterFillPerCopyBytes([80 * TB, 80 * TB, 80 * TB], 6)).toBe(0);
    expect(waterFillPerCopyBytes([], 3)).toBe(0);
    expect(waterFillPerCopyBytes([10, 0, 0], 2)).toBe(0); // empty domains hold nothing
  });

  it('exactly r domains: the smallest limits', () => {
    // 3 racks of 100, 200, 300 TB, size 3: min(600/3, 300/2, 100/1) = 100 TB
    expect(waterFillPerCopyBytes([300 * TB, 100 * TB, 200 * TB], 3) / TB).toBeCloseTo(100, 9);
  });

  it('properties: D* satisfies its inequality; placeable <= sum; removing a domain never adds room', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e6, max: 1e15, noNaN: true })), { minLength: 0, maxLength: 12 }), fc.integer({ min: 1, max: 8 }), (c, r) => {
        const d = waterFillPerCopyBytes(c, r);
        const sum = c.reduce((s, x) => s + x, 0);
        expect(c.reduce((s, x) => s + Math.min(x, d), 0)).toBeGreaterThanOrEqual(r * d * (1 - 1e-9));
        expect(placeableRawBytes(c, r)).toBeLessThanOrEqual(sum * (1 + 1e-9));
        if (c.length > 0) expect(waterFillPerCopyBytes(c.slice(1), r)).toBeLessThanOrEqual(d * (1 + 1e-9));
        // maximality: a little more per copy no longer fits (when anything fits at all)
        if (d > 0) expect(c.reduce((s, x) => s + Math.min(x, d * 1.001), 0)).toBeLessThan(r * d * 1.001);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
