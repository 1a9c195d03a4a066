import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dominantShareOrder,
  emptyFree,
  firstFitByRuns,
  firstFitDecreasing,
  fitCount,
  hostRuns,
  hostsWithRoom,
  type PackingFlavors,
  type PackingHosts,
  runsWithRoom,
  spreadPlace,
  spreadPlaceByHeap,
} from './packing.js';

/** Hosts with two classes (0 = VCPU, 1 = MEMORY_MB); max_unit = capacity unless given. */
function hostsOf(caps: [vcpu: number, mem: number][], maxUnit?: [number, number][]): PackingHosts {
  return {
    names: caps.map((_, i) => `h${i + 1}`),
    classCount: 2,
    capacity: Float64Array.from(caps.flat()),
    maxUnit: Float64Array.from((maxUnit ?? caps).flat()),
  };
}
function flavorsOf(reqs: [name: string, vcpu: number, mem: number][]): PackingFlavors {
  return { names: reqs.map((r) => r[0]), request: Float64Array.from(reqs.flatMap((r) => [r[1], r[2]])) };
}
const VCPU = 0;
const MEM = 1;

describe('fitCount (Placement: used + request <= capacity, request <= max_unit)', () => {
  it('is the smallest quotient over the requested classes', () => {
    // 10 vCPU / 100 GiB free, flavor 4 vCPU / 30 GiB: min(floor(10/4) = 2, floor(100/30) = 3) = 2
    const h = hostsOf([[10, 100]]);
    expect(fitCount(h, emptyFree(h), 0, flavorsOf([['f', 4, 30]]), 0)).toBe(2);
  });
  it('is 0 when a request exceeds max_unit, whatever the free capacity', () => {
    // capacity 32 vCPU (8 threads x ratio 4) but max_unit 8: a 12-vCPU flavor never lands
    const h = hostsOf([[32, 100]], [[8, 100]]);
    expect(fitCount(h, emptyFree(h), 0, flavorsOf([['big', 12, 1]]), 0)).toBe(0);
  });
});

describe('dominantShareOrder (DRF, Ghodsi et al. 2011)', () => {
  it('orders by the largest share of any class of the total capacity, then vCPU, then name', () => {
    // totals 100 vCPU, 1,000 GiB. a: max(4/100, 64/1000) = 0.064; b: max(8/100, 16/1000) = 0.08;
    // c: max(2/100, 64/1000) = 0.064 (ties a on share; a asks more vCPU, so a first)
    const f = flavorsOf([
      ['a', 4, 64],
      ['b', 8, 16],
      ['c', 2, 64],
    ]);
    expect(dominantShareOrder(f.names, f.request, 2, [100, 1000])).toEqual([1, 0, 2]);
  });
});

describe('spreadPlace (Nova RAM/CPU weighers: most free RAM first)', () => {
  it('fills the host with the most free RAM until it ties, then alternates', () => {
    // h1 100 vCPU / 100 GiB, h2 60 / 60; six instances of 10 / 10, one at a time to the host
    // with the most free RAM (ties: more free vCPU, then the first host):
    //   1-4 -> h1 (100 -> 60); 5: tie 60/60 on both keys -> h1 (-> 50); 6 -> h2 (60 -> 50).
    const h = hostsOf([
      [100, 100],
      [60, 60],
    ]);
    const p = spreadPlace(h, flavorsOf([['f', 10, 10]]), Int32Array.of(6), MEM, VCPU);
    expect([...p.placed]).toEqual([5, 1]);
    expect([...p.free]).toEqual([50, 50, 50, 50]);
    expect([...p.unplaced]).toEqual([0]);
  });
  it('skips hosts the flavor does not fit (the filters) and counts what fits nowhere', () => {
    // h1 has the most free RAM but only 4 vCPU: an 8-vCPU flavor goes to h2 (16 vCPU) twice, then nowhere
    const h = hostsOf([
      [4, 100],
      [16, 50],
    ]);
    const p = spreadPlace(h, flavorsOf([['f', 8, 10]]), Int32Array.of(3), MEM, VCPU);
    expect([...p.placed]).toEqual([0, 2]);
    expect([...p.unplaced]).toEqual([1]);
  });
  it('adds to an earlier placement without changing it', () => {
    const h = hostsOf([
      [100, 100],
      [60, 60],
    ]);
    const f = flavorsOf([['f', 10, 10]]);
    const first = spreadPlace(h, f, Int32Array.of(4), MEM, VCPU); // all on h1: 100 -> 60
    const more = spreadPlace(h, f, Int32Array.of(2), MEM, VCPU, first); // tie -> h1, then h2
    expect([...first.placed]).toEqual([4, 0]);
    expect([...more.placed]).toEqual([5, 1]);
  });
  it("with takeFrom, adds in the earlier placement's own arrays: the same result, no copy", () => {
    const h = hostsOf([
      [100, 100],
      [60, 60],
    ]);
    const f = flavorsOf([['f', 10, 10]]);
    const first = spreadPlace(h, f, Int32Array.of(4), MEM, VCPU);
    const copied = spreadPlace(h, f, Int32Array.of(2), MEM, VCPU, first);
    const taken = spreadPlace(h, f, Int32Array.of(2), MEM, VCPU, first, { takeFrom: true });
    expect(taken.placed).toBe(first.placed);
    expect(taken.free).toBe(first.free);
    expect([...taken.placed]).toEqual([...copied.placed]); // 5, 1
    expect([...taken.free]).toEqual([...copied.free]); // h1 100 - 50, h2 60 - 10: 50, 50, 50, 50
    expect([...taken.free]).toEqual([50, 50, 50, 50]);
  });
});

describe('spreadPlace by levels = one instance after another from the heap', () => {
  // Whole-number capacities and requests: spreadPlace takes its level path; the heap is the
  // straightforward simulation. Few distinct values, so ties (equal free RAM, equal free
  // VCPU) are frequent; caps (NUMA fit, no candidate) and an earlier placement included.
  const arbitraryCase = fc.record({
    caps: fc.array(fc.tuple(fc.integer({ min: 0, max: 24 }), fc.constantFrom(0, 8, 16, 24, 30, 32, 64)), { minLength: 1, maxLength: 12 }),
    items: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom(1, 2, 4, 8, 3), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 4 }),
    more: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 4, maxLength: 4 }),
    caps2: fc.option(fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 48, maxLength: 48 })),
    cpuClass: fc.constantFrom(VCPU, -1),
  });
  it('gives the same placement, free amounts and unplaced counts (seed 7)', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ caps, items, more, caps2, cpuClass }) => {
        const h = hostsOf(caps);
        const H = caps.length;
        const f: PackingFlavors = {
          ...flavorsOf(items.map(([v, m], i) => [`f${i}`, v, m])),
          ...(caps2 ? { hostCap: Int32Array.from({ length: items.length * H }, (_, i) => caps2[i % caps2.length]!) } : {}),
        };
        const counts = Int32Array.from(items.map((x) => x[2]));
        const fast = spreadPlace(h, f, counts, MEM, cpuClass);
        const heap = spreadPlaceByHeap(h, f, counts, MEM, cpuClass);
        expect([...fast.placed]).toEqual([...heap.placed]);
        expect([...fast.free]).toEqual([...heap.free]);
        expect([...fast.unplaced]).toEqual([...heap.unplaced]);
        // more instances onto that placement
        const extra = Int32Array.from(items.map((_, i) => more[i]!));
        const fast2 = spreadPlace(h, f, extra, MEM, cpuClass, fast);
        const heap2 = spreadPlaceByHeap(h, f, extra, MEM, cpuClass, heap);
        expect([...fast2.placed]).toEqual([...heap2.placed]);
        expect([...fast2.free]).toEqual([...heap2.free]);
        expect([...fast2.unplaced]).toEqual([...heap2.unplaced]);
      }),
      { seed: 7, numRuns: 400 },
    );
  });
  // Runs of alike hosts (the same free amounts, max_unit and caps, next to each other), as a
  // fleet of a few models gives: spreadPlace works per run and splits a run at the tie level.
  const runsCase = fc.record({
    rows: fc.array(fc.tuple(fc.constantFrom(4, 8, 16), fc.constantFrom(16, 24, 32, 64), fc.integer({ min: 1, max: 7 }), fc.integer({ min: -1, max: 3 })), {
      minLength: 1,
      maxLength: 6,
    }),
    items: fc.array(fc.tuple(fc.constantFrom(1, 2, 4), fc.constantFrom(2, 4, 8, 16), fc.integer({ min: 0, max: 60 })), { minLength: 1, maxLength: 4 }),
    more: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 }),
    withCaps: fc.boolean(),
    cpuClass: fc.constantFrom(VCPU, -1),
  });
  it("gives the heap's placement on runs of alike hosts, split at the tie level (seed 13)", () => {
    fc.assert(
      fc.property(runsCase, ({ rows, items, more, withCaps, cpuClass }) => {
        // each row repeated `times` hosts in a row; its cap (per flavor, the same along the run) when withCaps
        const caps = rows.flatMap(([v, m, times]) => Array.from({ length: times }, () => [v, m] as [number, number]));
        const capOf = rows.flatMap(([, , times, cap]) => Array.from({ length: times }, () => cap));
        const h = hostsOf(caps);
        const H = caps.length;
        const f: PackingFlavors = {
          ...flavorsOf(items.map(([v, m], i) => [`f${i}`, v, m])),
          ...(withCaps ? { hostCap: Int32Array.from({ length: items.length * H }, (_, i) => capOf[i % H]!) } : {}),
        };
        const counts = Int32Array.from(items.map((x) => x[2]));
        const fast = spreadPlace(h, f, counts, MEM, cpuClass);
        const heap = spreadPlaceByHeap(h, f, counts, MEM, cpuClass);
        expect([...fast.placed]).toEqual([...heap.placed]);
        expect([...fast.free]).toEqual([...heap.free]);
        expect([...fast.unplaced]).toEqual([...heap.unplaced]);
        const extra = Int32Array.from(items.map((_, i) => more[i]!));
        const fast2 = spreadPlace(h, f, extra, MEM, cpuClass, fast);
        const heap2 = spreadPlaceByHeap(h, f, extra, MEM, cpuClass, heap);
        expect([...fast2.placed]).toEqual([...heap2.placed]);
        expect([...fast2.free]).toEqual([...heap2.free]);
        expect([...fast2.unplaced]).toEqual([...heap2.unplaced]);
      }),
      { seed: 13, numRuns: 400 },
    );
  });
  it('hand-worked: a run of four alike hosts split at the tie level', () => {
    // 4 alike hosts (8 VCPU, 32 RAM), flavor 1 VCPU / 8 RAM, 6 instances: keys 32 (x4), 24
    // (x4), ...; level 24 (4 above it, 8 at or above >= 6): each host takes 1, and the 2 left
    // at 24 go to h1, h2 (same VCPU 7: host order). h1, h2: 32 - 16 = 16 RAM, 8 - 2 = 6 VCPU;
    // h3, h4: 24 RAM, 7 VCPU.
    const h = hostsOf([
      [8, 32],
      [8, 32],
      [8, 32],
      [8, 32],
    ]);
    const p = spreadPlace(h, flavorsOf([['f', 1, 8]]), Int32Array.of(6), MEM, VCPU);
    expect([...p.placed]).toEqual([2, 2, 1, 1]);
    expect([...p.free]).toEqual([6, 16, 6, 16, 7, 24, 7, 24]);
  });
  it('hand-worked: the level, then free VCPU, then host order at the level', () => {
    // RAM 32, 32, 24, 24 (VCPU 8, 4, 8, 8); flavor 1 VCPU / 8 RAM, 5 instances. Keys by RAM:
    // h1 32, 24, 16..; h2 32, 24, ..; h3 24, 16, ..; h4 24, 16, ... Level 24 is the highest
    // that 5 keys reach (32, 32 above it, then 24 four times: 6 >= 5; level 32 has 2 < 5).
    // Above: h1, h2 one each. At 24: h1 (VCPU 8 - 1 = 7), h2 (4 - 1 = 3), h3 (8), h4 (8): the
    // 3 left go by free VCPU: h3, h4 (8, host order), then h1 (7): h1 2, h2 1, h3 1, h4 1.
    const h = hostsOf([
      [8, 32],
      [4, 32],
      [8, 24],
      [8, 24],
    ]);
    const p = spreadPlace(h, flavorsOf([['f', 1, 8]]), Int32Array.of(5), MEM, VCPU);
    expect([...p.placed]).toEqual([2, 1, 1, 1]);
    expect([...p.placed]).toEqual([...spreadPlaceByHeap(h, flavorsOf([['f', 1, 8]]), Int32Array.of(5), MEM, VCPU).placed]);
  });
  it('falls back to the heap for fractional capacities (ratio 1.5 of 5 VCPU: 7.5)', () => {
    const h = hostsOf([
      [7.5, 30],
      [7.5, 30],
    ]);
    const p = spreadPlace(h, flavorsOf([['f', 1.5, 10]]), Int32Array.of(3), MEM, VCPU);
    // 10-RAM instances over 30 + 30: h1, h2, h1 (tie on RAM and VCPU: host order)
    expect([...p.placed]).toEqual([2, 1]);
    expect([...p.free]).toEqual([4.5, 10, 6, 20]);
  });
});

describe('firstFitDecreasing: re-placing displaced instances', () => {
  it('a mix that fits by total vCPU but not by packing is short (hand-worked)', () => {
    // Survivors: two hosts with 10 free vCPU each (RAM plenty): 20 free vCPU in total.
    // Displaced: one 8-vCPU and two 6-vCPU instances: 8 + 6 + 6 = 20 <= 20, so a naive sum
    // of free vCPUs says they fit. Packing: 8 + 6 = 14 > 10 and 6 + 6 = 12 > 10, so a host
    // holds one of them at most: 3 instances, 2 hosts, one is left over whatever the order.
    // FFD: f8 -> h1 (10 -> 2); f6 -> h1? 2 < 6, -> h2 (10 -> 4); f6 -> h1 2, h2 4: nowhere.
    const h = hostsOf([
      [10, 1000],
      [10, 1000],
    ]);
    const f = flavorsOf([
      ['f8', 8, 8],
      ['f6', 6, 6],
    ]);
    const free = emptyFree(h);
    const unplaced = firstFitDecreasing(h, f, free, [0, 1], new Uint8Array(2), Int32Array.of(1, 2));
    expect([...unplaced]).toEqual([0, 1]);
    expect([...free]).toEqual([10, 1000, 10, 1000]); // restored
  });
  it('skips lost hosts and follows the given host order', () => {
    const h = hostsOf([
      [10, 100],
      [10, 100],
      [10, 100],
    ]);
    const f = flavorsOf([['f', 4, 4]]);
    // h1 lost; order h3, h2: 2 fit on h3 (10 / 4 = 2), the third on h2
    const free = emptyFree(h);
    const lost = Uint8Array.of(1, 0, 0);
    expect([...firstFitDecreasing(h, f, free, [0, 2, 1], lost, Int32Array.of(3))]).toEqual([0]);
  });
  it('properties: never exceeds capacity, never places more than displaced, restores free (seed 42)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 512 })), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 128 }), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 4 }),
        (caps, items) => {
          const h = hostsOf(caps);
          const f = flavorsOf(items.map(([v, m], i) => [`f${i}`, v, m]));
          const counts = Int32Array.from(items.map((x) => x[2]));
          const p = spreadPlace(h, f, counts, MEM, VCPU);
          for (let i = 0; i < p.free.length; i++) expect(p.free[i]!).toBeGreaterThanOrEqual(-1e-9);
          items.forEach((_, fi) => {
            let placed = 0;
            for (let hi = 0; hi < caps.length; hi++) placed += p.placed[hi * items.length + fi]!;
            expect(placed + p.unplaced[fi]!).toBe(counts[fi]);
          });
          // lose host 0: re-place its instances
          const displaced = Int32Array.from(items.map((_, fi) => p.placed[fi]!));
          const before = Float64Array.from(p.free);
          const lost = new Uint8Array(caps.length);
          lost[0] = 1;
          const order = [...caps.keys()];
          const unplaced = firstFitDecreasing(h, f, p.free, order, lost, displaced);
          expect([...p.free]).toEqual([...before]);
          // visiting only the hosts with room before the loss gives the same answer
          const room = items.map((_, fi) => hostsWithRoom(h, f, p.free, order, fi));
          expect([...firstFitDecreasing(h, f, p.free, order, lost, displaced, (fi) => room[fi]!)]).toEqual([...unplaced]);
          expect([...p.free]).toEqual([...before]);
          unplaced.forEach((u, fi) => {
            expect(u).toBeGreaterThanOrEqual(0);
            expect(u).toBeLessThanOrEqual(displaced[fi]!);
          });
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('firstFitByRuns = firstFitDecreasing host by host', () => {
  it('hand-worked: three alike survivors of room 2 each', () => {
    // four hosts of 10 vCPU / 100 GiB, none used: one run. h1 lost; instances of 4 vCPU / 4 GiB,
    // floor(10 / 4) = 2 per host. 5 displaced: h2 2, h3 2, h4 the last 1, none unplaced.
    // 7 displaced: 2 + 2 + 2 land, 1 unplaced.
    const h = hostsOf([
      [10, 100],
      [10, 100],
      [10, 100],
      [10, 100],
    ]);
    const f = flavorsOf([['f', 4, 4]]);
    const free = emptyFree(h);
    const runs = hostRuns(h, f, free, [0, 1, 2, 3]);
    expect([...runs.start]).toEqual([0, 4]); // one run of 4
    expect([...firstFitByRuns(h, f, free, runs, [0], Int32Array.of(5))]).toEqual([0]);
    expect([...firstFitByRuns(h, f, free, runs, [0], Int32Array.of(7))]).toEqual([1]);
    // a lost host named twice counts once
    expect([...firstFitByRuns(h, f, free, runs, [0, 0], Int32Array.of(6))]).toEqual([0]);
    expect([...free]).toEqual([10, 100, 10, 100, 10, 100, 10, 100]);
  });
  it('gives the same unplaced counts on spread fleets, any loss, with and without room lists and caps (seed 11)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(8, 16, 32), fc.constantFrom(32, 64, 128), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 5 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom(2, 4, 8, 16), fc.integer({ min: 0, max: 30 })), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.option(fc.array(fc.integer({ min: -1, max: 4 }), { minLength: 7, maxLength: 7 })),
        fc.boolean(),
        (kinds, items, lostPick, capPick, fractional) => {
          // hosts: each kind repeated, so runs of alike hosts form; a ratio of 1.5 makes capacities fractional
          const caps = kinds.flatMap(([v, m, n]) => Array.from({ length: n * 3 }, (): [number, number] => [fractional ? v * 1.5 : v, m]));
          const h = hostsOf(caps);
          const H = caps.length;
          const f: PackingFlavors = {
            ...flavorsOf(items.map(([v, m], i) => [`f${i}`, v, m])),
            ...(capPick ? { hostCap: Int32Array.from({ length: items.length * H }, (_, i) => capPick[i % capPick.length]!) } : {}),
          };
          const F = items.length;
          const p = spreadPlace(h, f, Int32Array.from(items.map((x) => x[2])), MEM, VCPU);
          // host order: most free RAM, then VCPU, then index (as computeOutcomes ranks them)
          const order = [...Array(H).keys()].sort((a, b) => p.free[b * 2 + 1]! - p.free[a * 2 + 1]! || p.free[b * 2]! - p.free[a * 2]! || a - b);
          const lost = [...new Set(lostPick.map((x) => x % H))];
          const mask = new Uint8Array(H);
          for (const x of lost) mask[x] = 1;
          const displaced = new Int32Array(F);
          for (const x of lost) for (let fi = 0; fi < F; fi++) displaced[fi] = displaced[fi]! + p.placed[x * F + fi]! + 1;
          const expected = firstFitDecreasing(h, f, p.free, order, mask, displaced, undefined, p.placed);
          const runs = hostRuns(h, f, p.free, order, p.placed);
          const before = Float64Array.from(p.free);
          expect([...firstFitByRuns(h, f, p.free, runs, lost, displaced, undefined, p.placed)]).toEqual([...expected]);
          const room = items.map((_, fi) => runsWithRoom(h, f, p.free, runs, fi, p.placed));
          expect([...firstFitByRuns(h, f, p.free, runs, lost, displaced, (fi) => room[fi]!, p.placed)]).toEqual([...expected]);
          expect([...p.free]).toEqual([...before]);
          expect([...runs.lostIn].every((x) => x === 0)).toBe(true);
        },
      ),
      { seed: 11, numRuns: 400 },
    );
  });
});
