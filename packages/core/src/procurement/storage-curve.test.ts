import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import type { HardwareModel, Rack, Scenario } from '../model/scenario.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { ruleSetCapacities } from '../storage/ceph-plan.js';
import { buildCrushTree } from '../storage/crush.js';
import { ruleView } from '../storage/rule-view.js';
import { resolveCephSettings } from '../storage/settings.js';
import { PrefixArrays, StorageCurveTree, withoutIndices } from './storage-curve.js';

/** sto-r760xd2 with other OSD disks: `ssd` hosts of 4 × 3.84 TB SSD + 6 × 8 TB HDD, `big` of 12 × 20 TB HDD. */
function hardware(): Record<string, HardwareModel> {
  const hw = baseHardware();
  const sto = hw['sto-r760xd2']!;
  hw.ssd = {
    ...sto,
    name: 'ssd',
    disks: [
      { count: 4, sizeBytes: 3.84e12, kind: 'ssd', use: 'osd' },
      { count: 6, sizeBytes: 8e12, kind: 'hdd', use: 'osd' },
    ],
  };
  hw.big = { ...sto, name: 'big', disks: [{ count: 12, sizeBytes: 20e12, kind: 'hdd', use: 'osd' }] };
  return hw;
}

const storage = (name: string, hardware: string, rack: string): Host => ({ name, role: 'storage', hardware, rack });

describe('storage curve tree', () => {
  it('the rule set of k more identical hosts: raw = Σ of their OSDs, the same figures as ruleSetCapacities', () => {
    // 3 base hosts + k added, each 10 × 8 TB HDD OSDs = 80 TB: raw = (3 + k) × 80e12 bytes
    const s = makeScenario({ policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } } });
    const base = ['r1', 'r2', 'r3'].map((r, i) => storage(`s${i}`, 'sto-r760xd2', r));
    const tree = new StorageCurveTree(s, base);
    const added = ['r1', 'r2', 'r3', 'r1'].map((r, i) => storage(`n${i}`, 'sto-r760xd2', r));
    for (const h of added) tree.append(h);
    for (let k = 0; k <= added.length; k++) {
      const sets = tree.ruleSets(base.length + k, s.racks)!;
      expect(sets[0]!.rawBytes).toBe((3 + k) * 80e12);
      expect(sets).toEqual(ruleSetCapacities(s, [...base, ...added.slice(0, k)]));
    }
  });

  it('PrefixArrays: each call is the slice of the list, whatever the calls before', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { maxLength: 20 }), (ns) => {
        const list: number[] = [];
        const prefixes = new PrefixArrays();
        for (const n of ns) {
          // the list only grows between calls
          while (list.length < n) list.push(list.length * 7 + 1);
          const a = prefixes.of(0, list, n);
          expect(a).toEqual(list.slice(0, n));
          // another slot is another array
          expect(prefixes.of(1, list, Math.floor(n / 2))).toEqual(list.slice(0, Math.floor(n / 2)));
          expect(a).toEqual(list.slice(0, n));
        }
      }),
    );
  });

  it('PrefixArrays.without: each call is withoutIndices of the list, whatever the calls before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ n: fc.nat({ max: 30 }), removed: fc.uniqueArray(fc.nat({ max: 12 }), { maxLength: 2 }), same: fc.boolean() }), { maxLength: 20 }),
        (calls) => {
          const list: number[] = [];
          const prefixes = new PrefixArrays();
          let removed: number[] = [];
          for (const c of calls) {
            while (list.length < c.n) list.push(list.length * 7 + 1);
            // often the removed indices of the call before (the curve's points: the same largest host)
            if (!c.same) removed = [...c.removed].sort((a, b) => a - b);
            const a = prefixes.without(0, list, c.n, removed);
            expect(a).toEqual(withoutIndices(list, c.n, removed));
            expect(a).toEqual(list.slice(0, c.n).filter((_, i) => !removed.includes(i)));
          }
        },
      ),
    );
  });

  it('returns null for a prefix where two storage hosts share a name', () => {
    const s = makeScenario();
    const tree = new StorageCurveTree(s, [storage('a', 'sto-r760xd2', 'r1'), storage('b', 'sto-r760xd2', 'r2'), storage('a', 'sto-r760xd2', 'r3')]);
    expect(tree.ruleSets(2, s.racks)).not.toBeNull();
    expect(tree.ruleSets(3, s.racks)).toBeNull();
  });

  it('equals ruleSetCapacities on random fleets: models, racks, host and rack domains, device-class rules, tolerances', () => {
    const hw = hardware();
    const models = ['sto-r760xd2', 'ssd', 'big', 'cmp-r760'];
    // now and then a compute host: it counts in the list but takes no part in the tree
    const hostArb = fc.record({ hw: fc.integer({ min: 0, max: 3 }), rack: fc.integer({ min: 0, max: 4 }), compute: fc.integer({ min: 0, max: 4 }).map((x) => x === 0) });
    fc.assert(
      fc.property(
        fc.array(hostArb, { maxLength: 10 }),
        fc.array(hostArb, { maxLength: 8 }),
        fc.constantFrom<'host' | 'rack'>('host', 'rack'),
        fc.record({ hosts: fc.integer({ min: 0, max: 2 }), racks: fc.integer({ min: 0, max: 2 }) }),
        fc.boolean(),
        fc.integer({ min: 3, max: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (baseSpec, addedSpec, failureDomain, tolerate, classes, racksCount, probes) => {
          const b = makeScenario();
          const racks: Rack[] = Array.from({ length: racksCount }, (_, i) => ({ name: `r${i}`, zone: `az${i % 3}`, heightRu: 42 }));
          const s: Scenario = {
            ...b,
            hardware: hw,
            racks,
            policy: { ...b.policy, tolerate },
            ceph: {
              ...b.ceph,
              failureDomain,
              ...(classes
                ? {
                    rules: [
                      { name: 'fast', type: 'replicated', failureDomain, deviceClass: 'ssd' },
                      { name: 'slow', type: 'erasure', failureDomain: 'host', deviceClass: 'hdd' },
                    ],
                  }
                : {}),
              pools: classes
                ? [
                    { name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 0.6, rule: 'fast' },
                    { name: 'vms', type: 'replicated', size: 2, minSize: 1, share: 0.4, rule: 'fast' },
                    { name: 'backups', type: 'erasure', k: 2, m: 1, minSize: 3, share: 1, rule: 'slow' },
                  ]
                : [
                    { name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 0.7 },
                    { name: 'images', type: 'replicated', size: 3, minSize: 2, share: 0.3 },
                  ],
            },
            demand: { ...b.demand, storageBytes: { volumes: 30e12, vms: 5e12, images: 2e12, backups: 8e12 } },
          };
          // racks past the scenario's (r5..) are not in its list: failureDomains puts them last
          const toHost = (x: (typeof baseSpec)[number], i: number): Host =>
            x.compute ? { name: `h${i}`, role: 'compute', hardware: models[x.hw]!, rack: `r${x.rack + 1}` } : storage(`h${i}`, models[x.hw]!, `r${x.rack + 1}`);
          const base = baseSpec.map(toHost);
          const added = addedSpec.map((x, i) => toHost(x, base.length + i));
          const tree = new StorageCurveTree(s, base);
          for (const h of added) tree.append(h);
          const settings = resolveCephSettings(s.ceph);
          for (let k = 0; k <= added.length; k++) {
            const hosts = [...base, ...added.slice(0, k)];
            expect(tree.ruleSets(hosts.length, s.racks)).toEqual(ruleSetCapacities(s, hosts));
            // the views themselves (host domains without rack loss are kept per host): ruleView's
            const crush = buildCrushTree(s, hosts);
            expect(tree.views(hosts.length, s.racks)).toEqual({ tree: crush, views: settings.rules.map((rule) => ruleView(crush, rule, s.racks, s.policy.tolerate)) });
          }
          // points in any order (the search probes up, then down, then bisects): ruleSets hands out
          // prefix arrays kept from the call before (PrefixArrays), which must be each point's own prefix
          for (const p of probes) {
            const k = p % (added.length + 1);
            const hosts = [...base, ...added.slice(0, k)];
            expect(tree.ruleSets(hosts.length, s.racks)).toEqual(ruleSetCapacities(s, hosts));
          }
          // a fork at the base grows along another list: the added hosts in reverse
          const forked = tree.fork(base.length);
          const reversed = [...added].reverse();
          for (const h of reversed) forked.append(h);
          for (let k = 0; k <= reversed.length; k++) {
            expect(forked.ruleSets(base.length + k, s.racks)).toEqual(ruleSetCapacities(s, [...base, ...reversed.slice(0, k)]));
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});
