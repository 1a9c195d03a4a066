/**
 * FailureStitch.add skips merging an impact without harm into a cell that took that very
 * object in the previous epoch (a switch's or feed's impact the FailureCarry keeps): the
 * stitched plan and findings must be those of merging every epoch's impact, which a stitch
 * given fresh copies of the same impacts does (a copy is never the object it took before).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeImpact } from '../failure/harm.js';
import { failurePolicy } from '../failure/topology.js';
import type { FailureDomain, FailureHarm, FailureImpact, FailureSubsystem } from '../model/failure.js';
import { makeScenario } from '../model/test-scenario.js';
import { FailureStitch } from './epochs.js';

const DOMAINS: FailureDomain[] = ['switch:s1', 'switch:s2', 'feed:A', 'rack:r1'].map((id) => ({
  id,
  kind: 'switch',
  name: id,
  tolerated: true,
  hostsLost: [],
  hostsDrained: [],
  hostsDegraded: [],
}));

/** Per epoch and domain: keep the previous epoch's impact object, or a new one (its subsystem, and a harm or none). */
const cellArb = fc.record({
  keep: fc.boolean(),
  subsystem: fc.constantFrom<FailureSubsystem>('network', 'power', 'compute'),
  harm: fc.option(fc.record({ month: fc.integer({ min: 0, max: 11 }), outage: fc.boolean() }), { nil: undefined }),
});

describe('FailureStitch: the very impact a cell took last epoch', () => {
  it('stitches what merging fresh copies stitches (fast-check, seed 17)', () => {
    const sc = makeScenario();
    fc.assert(
      fc.property(fc.array(fc.array(cellArb, { minLength: DOMAINS.length, maxLength: DOMAINS.length }), { minLength: 1, maxLength: 6 }), (epochs) => {
        const same = new FailureStitch(sc);
        const copies = new FailureStitch(sc);
        const last = new Map<string, FailureImpact>();
        epochs.forEach((cells, e) => {
          const impacts: FailureImpact[] = [];
          DOMAINS.forEach((d, k) => {
            const x = cells[k]!;
            let impact = x.keep ? last.get(d.id) : undefined;
            if (!impact) {
              const harms: FailureHarm[] = x.harm
                ? [
                    {
                      code: 'failure.x',
                      harm: x.harm.outage ? 'outage' : 'degraded',
                      month: x.harm.month,
                      severity: 'warning',
                      message: `${d.id} from 2027-0${1 + (x.harm.month % 9)}.`,
                    },
                  ]
                : [];
              impact = makeImpact(d, x.subsystem, `${d.id} in epoch ${e}.`, harms, {});
              last.set(d.id, impact);
            }
            impacts.push(impact);
          });
          const epoch = { fromMonth: 2 * e, toMonth: 2 * e + 2, from: '', hosts: [] };
          const hosts = { names: [], cls: new Int32Array(0), classes: [], tolerated: true };
          const plan = { policy: failurePolicy(sc), assumptions: [], domains: DOMAINS };
          same.add(epoch, { plan: { ...plan, impacts }, findings: [], hosts });
          copies.add(epoch, { plan: { ...plan, impacts: impacts.map((i) => ({ ...i })) }, findings: [], hosts });
        });
        expect(JSON.stringify(same.result(new Map()))).toBe(JSON.stringify(copies.result(new Map())));
      }),
      { numRuns: 400, seed: 17 },
    );
  });
});
