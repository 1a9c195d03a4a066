/**
 * CephCarry.durabilityView (durability.ts durabilityViewFrom): the rule views' durability part
 * continued epoch after epoch = durabilityView of each tree alone, on growing fleets whose racks
 * grow too (new racks, a rack name again, the first zone), with repeated host names (counted
 * anew), rules that change, and placementSets asked for some r and not others.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import type { CephRule, Rack } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import { CephCarry } from './ceph-plan.js';
import { type DurabilityView, durabilityView } from './durability.js';
import { storageTestHardware } from './test-storage-models.js';

/** Racks r0..r7: zones az0..az2 on some, none on r6 and r7 (added late: the zone test). */
const ALL_RACKS: Rack[] = Array.from({ length: 8 }, (_, i) => ({ name: `r${i}`, heightRu: 42, ...(i < 6 ? { zone: `az${i % 3}` } : {}) }));

/** What a DurabilityView answers: its lists and placementSets for r = 1 .. 4. */
const answer = (dv: DurabilityView, asked: readonly number[]) => ({
  firsts: dv.firsts.map((o) => o.id),
  classes: dv.classes,
  worst: dv.worst,
  sets: asked.map((r) => dv.placementSets(r)),
});

describe('CephCarry.durabilityView', () => {
  it('property: continued over growing fleets and racks = durabilityView of each tree alone', () => {
    const s = makeScenario({ hardware: storageTestHardware() });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.integer({ min: 0, max: 200 }),
            hardware: fc.constantFrom('sto-a', 'sto-a', 'sto-b', 'sto-c', 'sto-d', 'sto-e', 'sto-f'),
            rack: fc.integer({ min: 0, max: 7 }),
          }),
          { minLength: 4, maxLength: 40 },
        ),
        fc.boolean(),
        fc.array(fc.record({ hosts: fc.integer({ min: 0, max: 40 }), racks: fc.integer({ min: 0, max: 9 }), rules: fc.nat({ max: 5 }), ask: fc.subarray([1, 2, 3, 4]) }), {
          minLength: 1,
          maxLength: 8,
        }),
        (xs, unique, steps) => {
          // few names when they repeat: a later host often meets a carried name
          const all: Host[] = xs.map((x, i) => ({
            name: unique ? `s${i}` : `s${x.name % 7}`,
            role: 'storage',
            hardware: x.hardware,
            rack: `r${x.rack}`,
            ...(x.rack < 6 ? { zone: `az${x.rack % 3}` } : {}),
          }));
          const ruleSets: CephRule[][] = [
            [{ name: 'a', type: 'replicated', failureDomain: 'host' }],
            [
              { name: 'a', type: 'replicated', failureDomain: 'host', deviceClass: 'hdd' },
              { name: 'b', type: 'replicated', failureDomain: 'host' },
            ],
            [{ name: 'a', type: 'replicated', failureDomain: 'rack' }],
          ];
          const carry = new CephCarry();
          // mostly growing (sorted), then the steps in their own order (shrinking fleets and racks start anew)
          const ordered = [...steps].sort((a, b) => a.hosts - b.hosts || a.racks - b.racks);
          for (const [k, step] of [...ordered, ...steps].entries()) {
            // racks: a prefix of ALL_RACKS (new names), at racks 9 the first rack's name again
            const racks = step.racks === 9 ? [...ALL_RACKS, { name: 'r0', zone: 'az2', heightRu: 42 }] : ALL_RACKS.slice(0, Math.max(1, step.racks));
            const rules = k >= ordered.length && step.rules === 5 ? ruleSets[2]! : ruleSets[step.rules % 2]!;
            const hosts = all.slice(0, step.hosts);
            const tree = carry.crush.tree(s, hosts);
            const uniform = carry.crush.uniform(tree);
            const views = carry.ruleViews(tree, rules, racks, { hosts: 1, racks: 0 }, uniform);
            const rackOf = carry.hostsByName(tree).rack;
            views.forEach((view, ri) => {
              const carried = carry.durabilityView(ri, tree, view, racks, rackOf, uniform);
              expect(answer(carried, step.ask)).toEqual(answer(durabilityView(tree, view, racks, rackOf, uniform), step.ask));
            });
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("a host name met again outside the rule's class moves a counted domain's rack: counted anew", () => {
    const s = makeScenario({ hardware: storageTestHardware() });
    const racks = ALL_RACKS.slice(0, 3);
    const carry = new CephCarry();
    const rules: CephRule[] = [{ name: 'a', type: 'replicated', failureDomain: 'host', deviceClass: 'hdd' }];
    const plan = (hosts: Host[]) => {
      const tree = carry.crush.tree(s, hosts);
      const uniform = carry.crush.uniform(tree);
      const [view] = carry.ruleViews(tree, rules, racks, { hosts: 1, racks: 0 }, uniform);
      const rackOf = carry.hostsByName(tree).rack;
      return { carried: carry.durabilityView(0, tree, view!, racks, rackOf, uniform), plain: durabilityView(tree, view!, racks, rackOf, uniform) };
    };
    // hdd hosts s0 (r0), s1 (r1), s2 (r0): the worst rack r0 (2 of 3)
    const first: Host[] = [
      { name: 's0', role: 'storage', hardware: 'sto-b', rack: 'r0', zone: 'az0' },
      { name: 's1', role: 'storage', hardware: 'sto-b', rack: 'r1', zone: 'az1' },
      { name: 's2', role: 'storage', hardware: 'sto-b', rack: 'r0', zone: 'az0' },
    ];
    expect(plan(first).carried.worst[0]).toEqual({ kind: 'rack', group: 'r0', domainsLost: 2 });
    // a second s0, of NVMe OSDs only (not in the hdd rule) in r2: the last host of the name wins, s0's domain is in r2 now
    const { carried, plain } = plan([...first, { name: 's0', role: 'storage', hardware: 'sto-a', rack: 'r2', zone: 'az2' }]);
    // one domain per rack now: r2, s0's, first in domain order
    expect(plain.worst[0]).toEqual({ kind: 'rack', group: 'r2', domainsLost: 1 });
    expect(carried.worst).toEqual(plain.worst);
  });

  it('hand-worked: the worst rack counted on, across a tree that grows by one host per rack', () => {
    const s = makeScenario({ hardware: storageTestHardware() });
    const racks = ALL_RACKS.slice(0, 2);
    const host = (i: number, rack: string): Host => ({ name: `s${i}`, role: 'storage', hardware: 'sto-a', rack, zone: rack === 'r0' ? 'az0' : 'az1' });
    const carry = new CephCarry();
    const rules: CephRule[] = [{ name: 'a', type: 'replicated', failureDomain: 'host' }];
    const plan = (hosts: Host[]) => {
      const tree = carry.crush.tree(s, hosts);
      const uniform = carry.crush.uniform(tree);
      const [view] = carry.ruleViews(tree, rules, racks, { hosts: 1, racks: 0 }, uniform);
      return carry.durabilityView(0, tree, view!, racks, carry.hostsByName(tree).rack, uniform);
    };
    // r0: s0, s2; r1: s1 -> the worst rack r0 with 2 of 3 host domains; zones az0 (2) and az1 (1)
    const first = [host(0, 'r0'), host(1, 'r1'), host(2, 'r0')];
    const a = plan(first);
    expect(a.worst).toEqual([
      { kind: 'rack', group: 'r0', domainsLost: 2 },
      { kind: 'zone', group: 'az0', domainsLost: 2 },
    ]);
    // 3 hosts of 8 OSDs, r = 2: C(3,2) x 8 x 8 = 192 sets
    expect(a.placementSets(2)).toBe(192);
    // s3, s4 in r1: r1 has 3 of 5, ahead of r0's 2; 5 hosts: C(5,2) x 64 = 640
    const b = plan([...first, host(3, 'r1'), host(4, 'r1')]);
    expect(b.worst).toEqual([
      { kind: 'rack', group: 'r1', domainsLost: 3 },
      { kind: 'zone', group: 'az1', domainsLost: 3 },
    ]);
    expect(b.placementSets(2)).toBe(640);
    // r = 3 asked of the later view first, then of the earlier one: each its own fleet's count,
    // C(5,3) x 8^3 = 10 x 512 = 5,120 and C(3,3) x 8^3 = 512 (the polynomial b continued must
    // not answer for a)
    expect(b.placementSets(3)).toBe(5120);
    expect(a.placementSets(3)).toBe(512);
  });
});
