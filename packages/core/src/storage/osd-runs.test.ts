/**
 * Runs of equal OSDs (osd-runs.ts) and the PG plan taken run by run (ceph-pgs.ts planPgs with
 * `runs`, ceph-plan.ts cephCapacityOfViews' PG replicas per OSD of a rule set) against the
 * OSD-by-OSD computation, on random regular CRUSH trees: every figure the same double.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import type { CephRule } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import { type PgPool, planPgs } from './ceph-pgs.js';
import { storageTestHardware } from './test-storage-models.js';
import { cephCapacityOfViews } from './ceph-plan.js';
import { buildCrushTree, uniformHosts } from './crush.js';
import { appendOsdRuns, emptyOsdRuns, osdRunsOf, runsBefore, truncateOsdRuns } from './osd-runs.js';
import { ruleView } from './rule-view.js';
import { resolveCephSettings } from './settings.js';

const TB = 1e12;
const hostsArb = fc.array(fc.constantFrom('sto-a', 'sto-a', 'sto-a', 'sto-b', 'sto-c', 'sto-d', 'sto-f'), { maxLength: 40 });
const toHosts = (models: string[]): Host[] => models.map((m, i) => ({ name: `s${i}`, role: 'storage', hardware: m, rack: `r${i % 3}` }));
const RULES: CephRule[] = [
  { name: 'all', type: 'replicated', failureDomain: 'host' },
  { name: 'hdd', type: 'replicated', failureDomain: 'host', deviceClass: 'hdd' },
  { name: 'nvme', type: 'replicated', failureDomain: 'host', deviceClass: 'nvme' },
  { name: 'fast', type: 'replicated', failureDomain: 'host', deviceClass: 'fast' },
];
const poolsArb = fc.array(
  fc.record({
    rule: fc.integer({ min: 0, max: 3 }),
    copies: fc.integer({ min: 2, max: 6 }),
    share: fc.constantFrom(0.1, 0.25, 0.55, 1 / 3, 0),
    bulk: fc.boolean(),
    usedTB: fc.constantFrom(0, 1, 7.3, 150, 900),
  }),
  { minLength: 1, maxLength: 5 },
);

describe('runs of equal OSDs', () => {
  it('cover the tree in order, and a prefix of the OSDs is described by the runs starting in it', () => {
    const s = makeScenario({ hardware: storageTestHardware() });
    fc.assert(
      fc.property(hostsArb, fc.nat(), (models, cut) => {
        const tree = buildCrushTree(s, toHosts(models));
        const runs = osdRunsOf(tree.osds);
        const R = runsBefore(runs, tree.osds.length);
        expect(R).toBe(runs.start.length);
        // every OSD equals its run's figures, and two neighbouring runs differ
        for (let j = 0; j < R; j++) {
          const end = j + 1 < R ? runs.start[j + 1]! : tree.osds.length;
          for (let i = runs.start[j]!; i < end; i++) {
            const o = tree.osds[i]!;
            expect([o.sizeBytes, o.crushWeight, o.deviceClass]).toEqual([runs.sizeBytes[j], runs.crushWeight[j], runs.deviceClass[j]]);
          }
        }
        // the runs of the first `k` OSDs, built alone = truncated, and extended = built at once
        const k = tree.osds.length === 0 ? 0 : cut % (tree.osds.length + 1);
        const alone = osdRunsOf(tree.osds.slice(0, k));
        const cutRuns = osdRunsOf(tree.osds);
        truncateOsdRuns(cutRuns, k);
        expect(cutRuns).toEqual(alone);
        expect(runsBefore(runs, k)).toBe(alone.start.length);
        appendOsdRuns(cutRuns, tree.osds, k);
        expect(cutRuns).toEqual(runs);
        expect(emptyOsdRuns().start).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('PG plan run by run', () => {
  it('property: planPgs with runs = OSD by OSD (class and classless rules, overlapping roots, the mon_max_pg_per_osd finding)', () => {
    const s = makeScenario({ hardware: storageTestHardware() });
    fc.assert(
      fc.property(hostsArb, poolsArb, fc.constantFrom(100, 250), fc.constantFrom(50, 250, 500), (models, ps, target, max) => {
        const tree = buildCrushTree(s, toHosts(models));
        const uniform = uniformHosts(tree);
        const views = RULES.map((r) => ruleView(tree, r, [], { hosts: 0, racks: 0 }, uniform));
        const pools: PgPool[] = ps.map((p, i) => ({ name: `p${i}`, ruleIndex: p.rule, copies: p.copies, share: p.share, bulk: p.bulk, rawUsedBytesMonth0: p.usedTB * TB }));
        const plain = planPgs(tree, views, pools, target, max);
        const byRuns = planPgs(tree, views, pools, target, max, undefined, osdRunsOf(tree.osds));
        expect(byRuns.byRun).toBeDefined();
        expect(byRuns.plan).toEqual(plain.plan);
        expect(byRuns.results).toEqual(plain.results);
        expect(byRuns.findings).toEqual(plain.findings);
        expect(byRuns.pgReplicasPerOsd).toEqual(plain.pgReplicasPerOsd);
      }),
      { numRuns: 300 },
    );
  });

  it('runs that do not match the views (a view with another OSD count) are not used', () => {
    const s = makeScenario({ hardware: storageTestHardware() });
    const tree = buildCrushTree(s, toHosts(['sto-a', 'sto-b']));
    const views = RULES.map((r) => ruleView(tree, r, [], { hosts: 0, racks: 0 }));
    const pools: PgPool[] = [{ name: 'p', ruleIndex: 1, copies: 3, share: 1, bulk: false, rawUsedBytesMonth0: 0 }];
    // the runs of the first host only: 8 nvme OSDs, none of the 6 hdd OSDs the hdd rule takes
    const r = planPgs(tree, views, pools, 100, 250, undefined, osdRunsOf(tree.osds.slice(0, 8)));
    expect(r.byRun).toBeUndefined();
    expect(r.pgReplicasPerOsd).toEqual(planPgs(tree, views, pools, 100, 250).pgReplicasPerOsd);
  });

  it('property: cephCapacityOfViews with runs = without (rule sets: PG replicas per OSD, fullest OSD factor)', () => {
    fc.assert(
      fc.property(hostsArb, poolsArb, (models, ps) => {
        const base = makeScenario({ hardware: storageTestHardware() });
        const s = makeScenario({
          hardware: storageTestHardware(),
          ceph: {
            ...base.ceph,
            rules: RULES.slice(1),
            pools: ps.map((p, i) => ({ name: `p${i}`, type: 'replicated', size: p.copies, minSize: 1, share: p.share, bulk: p.bulk, rule: RULES[p.rule]!.name })),
          },
          demand: { ...base.demand, storageBytes: Object.fromEntries(ps.map((p, i) => [`p${i}`, p.usedTB * TB])) },
        });
        const settings = resolveCephSettings(s.ceph);
        const tree = buildCrushTree(s, toHosts(models));
        const views = settings.rules.map((r) => ruleView(tree, r, s.racks, s.policy.tolerate));
        const plain = cephCapacityOfViews(s, settings, tree, views);
        const byRuns = cephCapacityOfViews(s, settings, tree, views, undefined, undefined, osdRunsOf(tree.osds));
        expect(byRuns.sets).toEqual(plain.sets);
        expect(byRuns.findings).toEqual(plain.findings);
        expect(byRuns.pgs.pgReplicasPerOsd).toEqual(plain.pgs.pgReplicasPerOsd);
      }),
      { numRuns: 150 },
    );
  });
});
