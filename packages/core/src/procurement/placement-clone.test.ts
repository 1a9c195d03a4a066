import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import type { Rack, Scenario } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import { RackPlacer } from './placement.js';

describe('RackPlacer.clone', () => {
  it('places as a placer made anew on the same racks and hosts, and independently of the original', () => {
    const b = makeScenario();
    const hardware = ['cmp-r760', 'sto-r760xd2', 'small-r250'];
    const roles = ['compute', 'storage', 'compute'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ heightRu: fc.integer({ min: 2, max: 12 }), budget: fc.option(fc.integer({ min: 500, max: 4000 }), { nil: undefined }) }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.array(fc.record({ hw: fc.integer({ min: 0, max: 2 }), rack: fc.integer({ min: 0, max: 5 }) }), { maxLength: 8 }),
        fc.array(fc.record({ hw: fc.integer({ min: 0, max: 2 }), target: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }) }), { maxLength: 25 }),
        (rackSpec, hostSpec, places) => {
          const racks: Rack[] = rackSpec.map((r, i) => ({ name: `r${i}`, heightRu: r.heightRu, ...(r.budget !== undefined ? { powerBudgetWatts: r.budget } : {}) }));
          const s: Scenario = { ...b, racks };
          const hosts: Host[] = hostSpec.map((h, i) => ({ name: `h${i}`, role: roles[h.hw]!, hardware: hardware[h.hw]!, rack: `r${h.rack}` }));
          const original = new RackPlacer(s, racks, hosts);
          const clone = original.clone();
          const fresh = new RackPlacer(s, racks, hosts);
          const run = (p: RackPlacer) => places.map((x) => p.place(roles[x.hw]!, hardware[x.hw]!, x.target === undefined ? undefined : `r${x.target}`));
          const expected = run(fresh);
          expect(run(clone)).toEqual(expected);
          expect(clone.racks).toEqual(fresh.racks);
          expect(clone.added).toEqual(fresh.added);
          // the clone's places left the original as it was
          expect(run(original)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
