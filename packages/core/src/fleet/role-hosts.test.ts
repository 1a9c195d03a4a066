/**
 * planEpochs gives its compute and storage analyses their role's hosts (RoleHosts, carried from
 * epoch to epoch): every answer equals filtering the epoch's hosts by role, no answer changes
 * later, and each analysis answers the same on its role's hosts as on the whole fleet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCompute } from '../compute/compute-plan.js';
import { CEPH_DAEMON_KINDS, cephDaemons } from '../control/ceph-daemons.js';
import { planControlPlane } from '../control/quorum.js';
import { buildFleetTimeline } from '../fleet/timeline.js';
import { expandHosts } from '../fleet/hosts.js';
import type { Host } from '../model/plan.js';
import type { Role } from '../model/scenario.js';
import { cephRecoveryBandwidth } from '../network/traffic.js';
import { planProcurement } from '../procurement/schedule.js';
import { parseScenario } from '../scenario/parse.js';
import { planStorage } from '../storage/storage-plan.js';
import { RoleHosts } from './role-hosts.js';

const host = (name: string, role: Role): Host => ({ name, role, hardware: 'x', rack: 'r1' });

describe('RoleHosts', () => {
  it('hand-worked: a fleet that grows, then one that shrinks, then another list', () => {
    const c1 = host('c1', 'compute');
    const s1 = host('s1', 'storage');
    const k1 = host('k1', 'control');
    const c2 = host('c2', 'compute');
    const s2 = host('s2', 'storage');
    const roles = new RoleHosts(['compute', 'storage']);
    const a = roles.of([k1, c1, s1]);
    expect(a).toEqual([[c1], [s1]]);
    // grows: c1, s1 kept, c2 and s2 read
    expect(roles.of([k1, c1, s1, c2, s2])).toEqual([
      [c1, c2],
      [s1, s2],
    ]);
    // shrinks to its first three hosts, then c2 comes back before s1
    expect(roles.of([k1, c1, s1])).toEqual([[c1], [s1]]);
    expect(roles.of([k1, c1, c2, s1])).toEqual([[c1, c2], [s1]]);
    // the first answer is unchanged by the later calls
    expect(a).toEqual([[c1], [s1]]);
  });

  it('equals filtering by role, for lists sharing prefixes of Host objects, and no answer changes later', () => {
    const pool = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((n) => (['compute', 'storage', 'control'] as Role[]).map((r) => host(`${n}-${r}`, r)));
    fc.assert(
      fc.property(
        fc.array(fc.record({ keep: fc.nat({ max: 12 }), add: fc.array(fc.nat({ max: pool.length - 1 }), { maxLength: 6 }) }), { maxLength: 10 }),
        fc.constantFrom<Role[]>(['compute', 'storage'], ['storage'], ['control', 'compute', 'storage']),
        (steps, wanted) => {
          const roles = new RoleHosts(wanted);
          let last: Host[] = [];
          const answers: { got: Host[][]; copy: Host[][] }[] = [];
          for (const s of steps) {
            // the previous list's first `keep` hosts (a prefix: the same objects), then others (repeats allowed)
            const all = [...last.slice(0, s.keep), ...s.add.map((i) => pool[i]!)];
            const got = roles.of(all);
            const expected = wanted.map((r) => all.filter((h) => h.role === r));
            expect(got.length).toBe(expected.length);
            got.forEach((list, i) => {
              expect(list.length).toBe(expected[i]!.length);
              list.forEach((h, j) => expect(h).toBe(expected[i]![j]));
            });
            answers.push({ got, copy: got.map((l) => [...l]) });
            last = all;
          }
          for (const { got, copy } of answers) got.forEach((l, i) => expect(l).toEqual(copy[i]));
        },
      ),
    );
  });
});

describe("the analyses on their role's hosts", () => {
  for (const name of ['regional-cloud.yaml', 'reference-pilot.yaml', 'nfv-gpu-cloud.yaml']) {
    it(`${name}: planCompute, planStorage, cephRecoveryBandwidth and planControlPlane give the same answer as on every host`, () => {
      const text = readFileSync(join(import.meta.dirname, '../../../../scenarios', name), 'utf8');
      const scenario = parseScenario(text, { fileName: name }).scenario!;
      const hosts = expandHosts(scenario).hosts;
      const base = buildFleetTimeline(scenario, hosts);
      const procurement = planProcurement(scenario, base);
      const timeline = procurement ? buildFleetTimeline(scenario, hosts, procurement.purchases, procurement.addedRacks) : base;
      const view = { ...scenario, racks: timeline.racks };
      const roles = new RoleHosts(['compute', 'storage', 'control']);
      for (const e of timeline.epochs) {
        const [compute, storage, control] = roles.of(e.hosts) as [Host[], Host[], Host[]];
        // each role list is strictly smaller than the fleet here: the test compares something
        expect(Math.max(compute.length, storage.length, control.length)).toBeLessThan(e.hosts.length);
        expect(JSON.stringify(planCompute(view, compute))).toBe(JSON.stringify(planCompute(view, e.hosts)));
        expect(JSON.stringify(planStorage(view, storage))).toBe(JSON.stringify(planStorage(view, e.hosts)));
        expect(JSON.stringify(cephRecoveryBandwidth(view, storage))).toBe(JSON.stringify(cephRecoveryBandwidth(view, e.hosts)));
        // the control plane on the controllers alone, when every Ceph daemon runs on them (these scenarios' daemons do)
        const daemons = cephDaemons(view);
        expect(CEPH_DAEMON_KINDS.every((k) => daemons[k].role === 'control')).toBe(true);
        expect(JSON.stringify(planControlPlane(control, daemons))).toBe(JSON.stringify(planControlPlane(e.hosts, daemons)));
      }
    });
  }
});
