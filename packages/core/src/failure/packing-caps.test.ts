/**
 * Per-host caps of the packing (heterogeneous compute): a host that is no candidate for a
 * flavor (trait, aggregate, a class it lacks) takes none of it, and a flavor with a NUMA
 * topology takes at most its NUMA fit on the host (compute/numa.ts), counting the instances
 * already there.
 */
import { describe, expect, it } from 'vitest';
import { emptyFree, firstFitDecreasing, fitCount, type PackingFlavors, type PackingHosts, spreadPlace } from './packing.js';

/** Two hosts, one class (VCPU) of 100 each. */
const hosts: PackingHosts = { names: ['h1', 'h2'], classCount: 1, capacity: Float64Array.of(100, 100), maxUnit: Float64Array.of(100, 100) };
/** One flavor of 10 VCPU; host h1 is no candidate (cap 0), h2 holds at most 3 (its NUMA fit). */
const flavors: PackingFlavors = { names: ['pinned'], request: Float64Array.of(10), hostCap: Int32Array.of(0, 3) };

describe('packing with per-host caps', () => {
  it('fitCount: 0 on a host that is no candidate; the NUMA cap less what is already there', () => {
    // h2: Placement alone 100 / 10 = 10; cap 3, 2 already there -> 1
    expect(fitCount(hosts, emptyFree(hosts), 0, flavors, 0)).toBe(0);
    expect(fitCount(hosts, emptyFree(hosts), 1, flavors, 0, 2)).toBe(1);
  });

  it('spreads no more than the caps allow: 5 wanted, 3 placed on h2, 2 unplaced', () => {
    const p = spreadPlace(hosts, flavors, Int32Array.of(5), -1, 0);
    expect([...p.placed]).toEqual([0, 3]);
    expect([...p.unplaced]).toEqual([2]);
  });

  it('re-placement counts the instances a survivor already holds', () => {
    // h2 holds 2 before the loss of h1 (which held 2 by some other path): cap 3 -> 1 more, 1 unplaced
    const placedBefore = Int32Array.of(2, 2);
    const free = Float64Array.of(80, 80);
    const unplaced = firstFitDecreasing(hosts, flavors, free, [0, 1], Uint8Array.of(1, 0), Int32Array.of(2), undefined, placedBefore);
    expect([...unplaced]).toEqual([1]);
    expect([...free]).toEqual([80, 80]);
  });
});
