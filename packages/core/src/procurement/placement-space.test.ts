import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyWithSpace, RackHeap } from './placement.js';

describe('anyWithSpace', () => {
  it('hand-worked: skips the racks found without space once, and finds a rack with space anywhere past them', () => {
    // free rack units of the discarded racks; a host needs 2
    const free = [1, 0, 3, 1];
    const c = { discarded: [0, 1, 2, 3], noSpaceUpTo: 0 };
    const hasSpace = (i: number): boolean => free[i]! >= 2;
    expect(anyWithSpace(c, hasSpace)).toBe(true); // rack 2 (3 >= 2)
    expect(c.noSpaceUpTo).toBe(2); // racks 0 and 1 have none, for good
    free[2] = 1; // rack 2 filled by another model's host
    expect(anyWithSpace(c, hasSpace)).toBe(false);
    expect(c.noSpaceUpTo).toBe(4);
    c.discarded.push(4);
    free[4] = 2;
    expect(anyWithSpace(c, hasSpace)).toBe(true);
  });

  it('equals discarded.some(hasSpace) while space only shrinks and racks are appended', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), free: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ kind: fc.constant('fill' as const), at: fc.nat(), ru: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ kind: fc.constant('ask' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 60 }), (ru, ops) => {
        const racks: { free: number }[] = [];
        const c = { discarded: racks, noSpaceUpTo: 0 };
        const hasSpace = (r: { free: number }): boolean => r.free >= ru;
        for (const o of ops) {
          if (o.kind === 'push') racks.push({ free: o.free });
          else if (o.kind === 'fill') {
            if (racks.length > 0) racks[o.at % racks.length]!.free -= o.ru;
          } else expect(anyWithSpace(c, hasSpace)).toBe(racks.some(hasSpace));
        }
        expect(anyWithSpace(c, hasSpace)).toBe(racks.some(hasSpace));
      }),
      { numRuns: 500 },
    );
  });
});

describe('RackHeap.replaceTop', () => {
  it('gives the same racks in the same order as pop() then push(key, that rack)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), key: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
      fc.record({ kind: fc.constant('rekey' as const), key: fc.integer({ min: 0, max: 8 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const a = new RackHeap<{ index: number }>();
        const b = new RackHeap<{ index: number }>();
        let next = 0;
        const outA: (number | undefined)[] = [];
        const outB: (number | undefined)[] = [];
        for (const o of ops) {
          if (o.kind === 'push') {
            // each rack at most once in a heap, as the placer keeps them
            const rack = { index: next++ };
            a.push(o.key, rack);
            b.push(o.key, rack);
          } else if (o.kind === 'pop') {
            outA.push(a.pop()?.index);
            outB.push(b.pop()?.index);
          } else {
            a.replaceTop(o.key);
            const top = b.pop();
            if (top) b.push(o.key, top);
          }
          outA.push(a.peek()?.index);
          outB.push(b.peek()?.index);
        }
        while (a.size > 0 || b.size > 0) {
          outA.push(a.pop()?.index);
          outB.push(b.pop()?.index);
        }
        expect(outA).toEqual(outB);
      }),
      { numRuns: 500 },
    );
  });
});
