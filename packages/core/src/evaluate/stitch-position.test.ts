/**
 * FailureStitch.add matches the other domains (racks, zones, switches, feeds) and their cells
 * along the previous epoch's list instead of looking each up by id: the stitched plan and
 * findings must be those of the lookup by id (`byPosition: false`), whatever the epochs
 * add, drop, reorder or rebuild (a new object under the same id). The stitched findings
 * (failureFindings told each impact's domain by position) must be failureFindings' lookup by id.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failureFindings } from '../failure/findings.js';
import { makeImpact } from '../failure/harm.js';
import { failurePolicy } from '../failure/topology.js';
import type { FailureDomain, FailureImpact, FailureSubsystem } from '../model/failure.js';
import { makeScenario } from '../model/test-scenario.js';
import { FailureStitch } from './epochs.js';

const SUBSYSTEMS: FailureSubsystem[] = ['compute', 'control', 'ceph', 'network', 'power'];
/** The stitched result, its findings checked against failureFindings looking each impact's domain up by id. */
function checkedResult(stitch: FailureStitch, start: string): string {
  const r = stitch.result(new Map());
  expect(r.findings).toEqual(failureFindings(r.plan.domains, r.plan.impacts, r.plan.policy, start, new Map()));
  return JSON.stringify(r);
}

const IDS = ['rack:r1', 'rack:r2', 'rack:r3', 'zone:z1', 'switch:s1', 'switch:s2', 'feed:A'];

/** One epoch of the other domains: which of IDS (in the order given), rebuilt or not, their subsystems and harms. */
const epochArb = fc.array(
  fc.record({
    id: fc.integer({ min: 0, max: IDS.length - 1 }),
    rebuilt: fc.boolean(),
    subsystems: fc.subarray(SUBSYSTEMS, { minLength: 1 }),
    harm: fc.option(fc.record({ month: fc.integer({ min: 0, max: 11 }), code: fc.constantFrom('failure.x', 'failure.y'), outage: fc.boolean() }), { nil: undefined }),
  }),
  { maxLength: 9 },
);

describe('FailureStitch: other domains matched by position', () => {
  it('stitches what the lookup by id stitches', () => {
    const sc = makeScenario();
    fc.assert(
      fc.property(fc.array(epochArb, { minLength: 1, maxLength: 5 }), (epochs) => {
        const fast = new FailureStitch(sc);
        const byId = new FailureStitch(sc, { byPosition: false });
        const objects = new Map<string, FailureDomain>(); // the last object of each id: kept unless rebuilt
        epochs.forEach((list, e) => {
          const seen = new Set<string>();
          const domains: FailureDomain[] = [];
          const impacts: FailureImpact[] = [];
          for (const x of list) {
            const id = IDS[x.id]!;
            if (seen.has(id)) continue; // an id once per epoch
            seen.add(id);
            let d = objects.get(id);
            if (!d || x.rebuilt) {
              d = { id, kind: 'rack', name: id, tolerated: true, hostsLost: [`host-${e}`], hostsDrained: [], hostsDegraded: [] }; // a rebuilt domain differs
              objects.set(id, d);
            }
            domains.push(d);
            for (const sub of x.subsystems) {
              const harms = x.harm
                ? [
                    {
                      code: x.harm.code,
                      harm: x.harm.outage ? ('outage' as const) : ('degraded' as const),
                      month: x.harm.month,
                      severity: 'warning' as const,
                      message: `${sub} of ${id}, epoch ${e}.`,
                    },
                  ]
                : [];
              impacts.push(makeImpact(d, sub, `${sub} of ${id} in epoch ${e}.`, harms, {}));
            }
          }
          const plan = { policy: failurePolicy(sc), assumptions: [], domains, impacts };
          const epoch = { fromMonth: 2 * e, toMonth: 2 * e + 2, from: '', hosts: [] };
          const hosts = { names: [], cls: new Int32Array(0), classes: [], tolerated: true };
          fast.add(epoch, { plan, findings: [], hosts });
          byId.add(epoch, { plan, findings: [], hosts });
        });
        expect(checkedResult(fast, sc.start)).toBe(JSON.stringify(byId.result(new Map())));
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});

describe('FailureStitch: hosts matched by position', () => {
  // Each epoch's hosts: the previous epoch's, maybe one dropped or two swapped, then some
  // delivered (a fleet that only grows keeps every host at its position: their numbers are the
  // previous epoch's list, extended in place). Each host a class (0..2) or built (-1, with a
  // domain of its own and a compute impact). The stitched plan must be the lookup by name's.
  const stepArb = fc.record({
    drop: fc.option(fc.nat(), { nil: undefined }),
    swap: fc.option(fc.nat(), { nil: undefined }),
    add: fc.integer({ min: 0, max: 3 }),
    cls: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 12, maxLength: 12 }),
    harmMonth: fc.option(fc.integer({ min: 0, max: 11 }), { nil: undefined }),
  });
  it('stitches what the lookup by name stitches (fast-check, seed 29)', () => {
    const sc = makeScenario();
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 6 }), (steps) => {
        const fast = new FailureStitch(sc);
        const byName = new FailureStitch(sc, { byPosition: false });
        let names: string[] = [];
        let n = 0;
        steps.forEach((step, e) => {
          names = [...names];
          if (step.drop !== undefined && names.length > 0) names.splice(step.drop % names.length, 1);
          if (step.swap !== undefined && names.length > 1) {
            const i = step.swap % (names.length - 1);
            [names[i], names[i + 1]] = [names[i + 1]!, names[i]!];
          }
          for (let a = 0; a < step.add; a++) names.push(`h${n++}`);
          const harms = (sub: FailureSubsystem) =>
            step.harmMonth === undefined
              ? []
              : [{ code: `failure.${sub}`, harm: 'outage' as const, month: step.harmMonth, severity: 'warning' as const, message: `${sub}, epoch ${e}.` }];
          const single: FailureDomain = { id: '', kind: 'host', name: '', tolerated: true, hostsLost: [], hostsDrained: [], hostsDegraded: [] };
          const classes = [
            [makeImpact(single, 'compute', `class 0, epoch ${e}.`, harms('compute'), {})],
            [makeImpact(single, 'ceph', `class 1, epoch ${e}.`, [], {})],
            [makeImpact(single, 'compute', `class 2, epoch ${e}.`, [], {}), makeImpact(single, 'ceph', `class 2, epoch ${e}.`, harms('ceph'), {})],
          ];
          const cls = new Int32Array(names.map((_, i) => step.cls[i % step.cls.length]!));
          const domains: FailureDomain[] = [];
          const impacts: FailureImpact[] = [];
          names.forEach((name, i) => {
            if (cls[i]! >= 0) return;
            // a built domain unlike the plain one-host domain (as with maintenance: it drains a host)
            const d: FailureDomain = { id: `host:${name}`, kind: 'host', name, tolerated: true, hostsLost: [name], hostsDrained: [`${name}-drained`], hostsDegraded: [] };
            domains.push(d);
            impacts.push(makeImpact(d, 'compute', `built ${name}, epoch ${e}.`, harms('compute'), {}));
          });
          const plan = { policy: failurePolicy(sc), assumptions: [], domains, impacts };
          const epoch = { fromMonth: 2 * e, toMonth: 2 * e + 2, from: '', hosts: [] };
          const hosts = { names, cls, classes, tolerated: true };
          fast.add(epoch, { plan, findings: [], hosts });
          byName.add(epoch, { plan, findings: [], hosts });
        });
        expect(checkedResult(fast, sc.start)).toBe(JSON.stringify(byName.result(new Map())));
      }),
      { numRuns: 400, seed: 29 },
    );
  });
});
