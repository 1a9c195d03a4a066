import { describe, expect, it } from 'vitest';
import type { ComputeModel } from './compute-impact.js';
import { placementTimeline } from './placement-timeline.js';

/**
 * A packing model: hosts with 10 VCPU and 10,240 MiB each (classes VCPU, MEMORY_MB), one
 * flavor of 1 VCPU / 1,024 MiB, and the instances of each month.
 */
function modelOf(hostNames: string[], counts: number[]): ComputeModel {
  return {
    hosts: {
      names: hostNames,
      classCount: 2,
      capacity: Float64Array.from(hostNames.flatMap(() => [10, 10_240])),
      maxUnit: Float64Array.from(hostNames.flatMap(() => [10, 10_240])),
    },
    hardware: hostNames.map(() => 'hw'),
    classes: ['VCPU', 'MEMORY_MB'],
    flavors: { names: ['f1'], request: Float64Array.from([1, 1024]) },
    countsByMonth: counts.map((n) => Int32Array.from([n])),
  };
}
/** Instances of the one flavor on each host of `names` in a placement. */
const perHost = (p: { placed: Int32Array } | undefined): number[] => [...(p?.placed ?? [])];

describe('placementTimeline (instances stay where they were scheduled)', () => {
  it('sends the new instances of a delivery month to the delivered (empty) host; the old hosts keep theirs', () => {
    // months 0-1 on a, b: month 0 spreads 4 instances over two equal hosts, 2 + 2; month 1
    // adds 2 more, one each: 3 + 3 (free RAM 7,168 MiB on each).
    // Month 2: host c is delivered empty (10,240 MiB free) and demand is 8: the 2 new instances
    // go to c, the host with the most free RAM (it stays ahead of a and b for
    // ceil((10,240 - 7,168) / 1,024) = 3 instances): a 3, b 3, c 2.
    // (Spread from month 0 on a, b, c, as if c had always been there, month 0 would be 2 + 1 + 1.)
    const counts = [4, 6, 8, 8];
    const out = placementTimeline([
      { model: modelOf(['a', 'b'], counts), fromMonth: 0, toMonth: 2 },
      { model: modelOf(['a', 'b', 'c'], counts), fromMonth: 2, toMonth: 4 },
    ]);
    expect(perHost(out[0]![0])).toEqual([2, 2]);
    expect(perHost(out[0]![1])).toEqual([3, 3]);
    expect(out[1]![0]).toBeUndefined(); // months before the epoch are not placed on its fleet
    expect(perHost(out[1]![2])).toEqual([3, 3, 2]);
    // month 3: no new demand, the same placement
    expect(out[1]![3]).toBe(out[1]![2]);
  });

  it('moves the instances of a retired host onto the fleet that stays, with the new ones', () => {
    // months 0-1 on a, b, c: 9 instances over three equal hosts, 3 + 3 + 3 (free 7 VCPU each).
    // Month 2: a retires, d is delivered; demand 10. b and c keep 3 each; a's 3 and the 1 new
    // instance (4) are spread: d (10,240 MiB free) stays ahead of b, c (7,168) for 3 instances,
    // then the three are equal at 7,168 and the last one goes to one of b and c: 4 + 3, d 3 (sum 10).
    const counts = [9, 9, 10];
    const out = placementTimeline([
      { model: modelOf(['a', 'b', 'c'], counts), fromMonth: 0, toMonth: 2 },
      { model: modelOf(['b', 'c', 'd'], counts), fromMonth: 2, toMonth: 3 },
    ]);
    expect(perHost(out[0]![1])).toEqual([3, 3, 3]);
    const month2 = out[1]![2]!;
    expect(perHost(month2).reduce((a, b) => a + b, 0)).toBe(10);
    expect(perHost(month2)[2]).toBe(3); // d: a's instances went to the empty host first
    expect(perHost(month2).slice(0, 2).sort()).toEqual([3, 4]);
    expect([...month2.unplaced]).toEqual([0]);
  });

  it('keeps the instances that found no host and places them when capacity arrives', () => {
    // month 0: 25 instances on one host with room for 10 (10 VCPU): 15 unplaced.
    // month 1: host b is delivered: the 15 are spread with no new demand; b takes 10, 5 stay unplaced.
    const counts = [25, 25];
    const out = placementTimeline([
      { model: modelOf(['a'], counts), fromMonth: 0, toMonth: 1 },
      { model: modelOf(['a', 'b'], counts), fromMonth: 1, toMonth: 2 },
    ]);
    expect([...out[0]![0]!.unplaced]).toEqual([15]);
    expect(perHost(out[1]![1])).toEqual([10, 10]);
    expect([...out[1]![1]!.unplaced]).toEqual([5]);
  });
});
