/**
 * placementTimeline's carry-over at an epoch change: the hosts that stay keep their rows of
 * the previous placement (copied when every amount is whole: carryOver's wholeRows) exactly
 * as recomputing them from their instances gives (`keepRows: false`, the reference).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComputeModel } from './compute-impact.js';
import { placementTimeline } from './placement-timeline.js';

/** A model over hosts given by (VCPU, MiB) capacity, flavors by (VCPU, MiB) request, and the demand per month (one count per flavor). */
function modelOf(names: string[], caps: [number, number][], requests: [number, number][], counts: number[][]): ComputeModel {
  return {
    hosts: { names, classCount: 2, capacity: Float64Array.from(caps.flat()), maxUnit: Float64Array.from(caps.flat()) },
    hardware: names.map(() => 'hw'),
    classes: ['VCPU', 'MEMORY_MB'],
    flavors: { names: requests.map((_, f) => `f${f}`), request: Float64Array.from(requests.flat()) },
    countsByMonth: counts.map((c) => Int32Array.from(c)),
  };
}

/** Every month's placement as plain arrays (undefined months kept). */
const plain = (out: ReturnType<typeof placementTimeline>) =>
  out.map((months) => [...months].map((p) => p && { placed: [...p.placed], free: [...p.free], unplaced: [...p.unplaced] }));

describe('placementTimeline: kept rows copied = recomputed', () => {
  const arb = fc.record({
    // hosts of the first epoch, then hosts delivered at each later epoch
    first: fc.array(fc.tuple(fc.constantFrom(8, 16, 24), fc.constantFrom(16_384, 32_768, 65_536)), { minLength: 1, maxLength: 8 }),
    delivered: fc.array(fc.array(fc.tuple(fc.constantFrom(8, 16), fc.constantFrom(32_768, 65_536)), { maxLength: 4 }), { minLength: 1, maxLength: 3 }),
    requests: fc.array(fc.tuple(fc.constantFrom(1, 2, 4), fc.constantFrom(1024, 2048, 4096, 8192)), { minLength: 1, maxLength: 3 }),
    // demand growth per month and flavor (whole months: one month per later epoch)
    growth: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 3, maxLength: 3 }),
    // a kept host whose capacity changes at the second epoch (by +1 VCPU, or to a ratio's fraction), a request that changes
    capChange: fc.option(fc.tuple(fc.nat(), fc.constantFrom(1, 0.5))),
    requestChange: fc.boolean(),
  });
  it('gives the same placement, free amounts and unplaced counts every month (seed 5)', () => {
    fc.assert(
      fc.property(arb, ({ first, delivered, requests, growth, capChange, requestChange }) => {
        const months = 2 + delivered.length;
        const counts = Array.from({ length: months }, (_, t) => requests.map((_, f) => (t + 1) * growth[f]!));
        const epochs: { model: ComputeModel; fromMonth: number; toMonth: number }[] = [];
        let caps: [number, number][] = first;
        let names = first.map((_, i) => `h${i}`);
        epochs.push({ model: modelOf(names, caps, requests, counts), fromMonth: 0, toMonth: 2 });
        delivered.forEach((more, e) => {
          caps = [...caps, ...more];
          names = [...names, ...more.map((_, i) => `h${names.length + i}`)];
          let epochCaps: [number, number][] = caps;
          let epochRequests: [number, number][] = requests;
          if (e === 0 && capChange) {
            const [i, by] = capChange;
            epochCaps = caps.map((c, h) => (h === i % first.length ? [c[0] + by, c[1]] : c));
          }
          if (e === 0 && requestChange) epochRequests = requests.map((r, f) => (f === 0 ? [r[0], r[1] * 2] : r));
          epochs.push({ model: modelOf(names, epochCaps, epochRequests, counts), fromMonth: 2 + e, toMonth: 3 + e });
        });
        expect(plain(placementTimeline(epochs))).toEqual(plain(placementTimeline(epochs, { keepRows: false })));
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});
