import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComputeHostCapacity } from './tolerance.js';
import { toleranceOf, toleranceOfPlain } from './tolerance-fast.js';

/** A host of `vcpu` VCPU and `mib` MiB of capacity. */
const host = (name: string, rack: string, vcpu: number, mib: number, zone?: string): ComputeHostCapacity => ({
  host: name,
  rack,
  ...(zone ? { zone } : {}),
  capacity: { VCPU: vcpu, MEMORY_MB: mib },
});

describe('toleranceOf: totals, losses, tolerated capacity and removed hosts in one pass', () => {
  it('hand-worked: a rack loss beats the largest host for VCPU, the largest host wins for memory', () => {
    // r1: a (512 VCPU, 1,000 MiB) + b (512, 1,000) = 1,024 VCPU, 2,000 MiB; r2: c (768, 3,000).
    // VCPU: largest host c 768 < rack r1 1,024 → loss r1 (a, b), tolerated 768.
    // MEMORY_MB: largest host c 3,000 > rack r1 2,000 → but rack r2 (c alone) is 3,000 too: the
    // earlier option (hosts) wins the tie → loss host c, tolerated 2,000.
    const fleet = [host('a', 'r1', 512, 1000), host('b', 'r1', 512, 1000), host('c', 'r2', 768, 3000)];
    const out = toleranceOf(fleet, { hosts: 1, racks: 1 });
    expect(out.total).toEqual({ VCPU: 1792, MEMORY_MB: 5000 });
    expect(out.losses.VCPU).toEqual({ kind: 'racks', domains: ['r1'], hosts: ['a', 'b'], capacity: 1024 });
    expect(out.losses.MEMORY_MB).toEqual({ kind: 'hosts', domains: ['c'], hosts: ['c'], capacity: 3000 });
    expect(out.tolerated).toEqual({ VCPU: 768, MEMORY_MB: 2000 });
    expect(out.removed).toEqual(['a', 'b', 'c']);
    expect(out).toEqual(toleranceOfPlain(fleet, { hosts: 1, racks: 1 }));
  });

  it('equals the tolerance.ts functions (random fleets, inexact capacities, repeated names)', () => {
    const figure = fc.oneof(
      fc.integer({ min: 0, max: 64 }).map((n) => n * 16),
      fc.double({ min: 0, max: 1000, noNaN: true }),
      fc.constantFrom(0.1, 0.2, 1.1, 333.3),
    );
    const fleet = fc.array(
      fc.record({
        name: fc.integer({ min: 0, max: 30 }),
        rack: fc.integer({ min: 0, max: 5 }),
        zone: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
        vcpu: figure,
        mib: fc.option(figure, { nil: undefined }),
        pcpu: fc.option(figure, { nil: undefined }),
      }),
      { maxLength: 30 },
    );
    const tolerate = fc.record({
      hosts: fc.integer({ min: 0, max: 3 }),
      racks: fc.integer({ min: 0, max: 2 }),
      zones: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fleet, tolerate, fc.boolean(), (specs, t, uniqueNames) => {
        const hosts: ComputeHostCapacity[] = specs.map((s, i) => ({
          host: `h${uniqueNames ? i : s.name}`,
          rack: `r${s.rack}`,
          ...(s.zone !== undefined ? { zone: `z${s.zone}` } : {}),
          capacity: { VCPU: s.vcpu, ...(s.mib !== undefined ? { MEMORY_MB: s.mib } : {}), ...(s.pcpu !== undefined ? { PCPU: s.pcpu } : {}) },
        }));
        const tol = { hosts: t.hosts, racks: t.racks, ...(t.zones !== undefined ? { zones: t.zones } : {}) };
        const fast = toleranceOf(hosts, tol);
        const plain = toleranceOfPlain(hosts, tol);
        expect(fast).toEqual(plain);
        // the same doubles, key order included
        expect(JSON.stringify(fast)).toBe(JSON.stringify(plain));
      }),
      { numRuns: 500 },
    );
  });
});
