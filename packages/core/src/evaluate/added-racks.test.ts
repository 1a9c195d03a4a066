import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import type { Rack } from '../model/scenario.js';
import { AddedRacksInUse } from './added-racks.js';
import { addedRacksInUse } from './epochs.js';

const rack = (name: string): Rack => ({ name, heightRu: 42 }) as Rack;
const host = (name: string, r: string): Host => ({ name, role: 'compute', hardware: 'x', rack: r });

describe('the added racks an epoch uses', () => {
  it('hand-worked: of the added racks n1, n2, n3 only n1 and n3 hold hosts', () => {
    const racks = ['r1', 'r2', 'n1', 'n2', 'n3'].map(rack);
    const hosts = [host('a', 'r1'), host('b', 'n3'), host('c', 'r2'), host('d', 'n1')];
    expect([...addedRacksInUse(2, racks, hosts)].sort()).toEqual(['n1', 'n3']);
    expect(addedRacksInUse(5, racks, hosts).size).toBe(0);
  });

  it("equals the added racks among every host's rack", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 20 }),
        (names, initial, at) => {
          const racks = names.map((n) => rack(`r${n}`));
          const hosts = at.map((n, i) => host(`h${i}`, `r${n}`));
          const all = new Set(hosts.map((h) => h.rack));
          const expected = new Set(
            racks
              .slice(initial)
              .map((r) => r.name)
              .filter((n) => all.has(n)),
          );
          expect([...addedRacksInUse(initial, racks, hosts)].sort()).toEqual([...expected].sort());
        },
      ),
    );
  });

  it('carried from list to list (AddedRacksInUse): equals addedRacksInUse on each, extensions or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.record({ keep: fc.nat(12), add: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 6 }), fresh: fc.boolean() }), { maxLength: 8 }),
        (names, initial, steps) => {
          const racks = names.map((n) => rack(`r${n}`));
          const carried = new AddedRacksInUse(initial, racks);
          let last: Host[] = [];
          const seen: [Set<string>, string[]][] = [];
          steps.forEach((s, k) => {
            // a prefix of the last list (its own objects, or copies), then new hosts
            const kept = last.slice(0, s.keep).map((h) => (s.fresh ? { ...h } : h));
            const hosts = [...kept, ...s.add.map((n, i) => host(`h${k}-${i}`, `r${n}`))];
            const got = carried.of(hosts);
            const expected = [...addedRacksInUse(initial, racks, hosts)].sort();
            expect([...got].sort()).toEqual(expected);
            seen.push([got, expected]);
            last = hosts;
          });
          // no later call changed a set handed out
          for (const [got, expected] of seen) expect([...got].sort()).toEqual(expected);
        },
      ),
    );
  });
});
