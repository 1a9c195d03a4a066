/**
 * projectCeph without overrides groups equal OSDs (same weight, size and rules) and computes
 * each group once: its figures must be the per-OSD formulas bit for bit (ceph df MAX AVAIL is
 * compared to the byte). The reference below is the per-OSD computation: fill.ts osdFill, then
 * per rule max-avail.ts ruleAvailBytes on min(size, used x spread), Σ used and max used / size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { growthFactor } from '../forecast/growth.js';
import type { CephRule } from '../model/scenario.js';
import { filler, type HorizonInput, type HorizonPool, projectCeph, rawUsedByRule } from './ceph-horizon.js';
import type { CrushOsd, CrushTree } from './crush.js';
import { osdFill } from './fill.js';
import { maxAvailBytes, ruleAvailBytes } from './max-avail.js';
import { osdRunsOf } from './osd-runs.js';
import type { RuleView } from './rule-view.js';

const TB = 1e12;

function treeOf(osds: { sizeBytes: number; crushWeight: number; deviceClass: string }[]): CrushTree {
  const list: CrushOsd[] = osds.map((o, id) => ({ id, host: `h${Math.floor(id / 3)}`, rack: 'r1', kind: 'hdd', ...o }));
  return { hosts: [], osds: list };
}

const viewOf = (name: string, osdIndices: number[]): RuleView => ({ rule: { name } as CephRule, osdIndices }) as unknown as RuleView;

/** The per-OSD reference of one month: MAX AVAIL, fullest OSD and Σ used per rule. */
function reference(input: HorizonInput, t: number, spread: number[]) {
  const sizes = input.tree.osds.map((o) => o.sizeBytes);
  const weights = input.tree.osds.map((o) => o.crushWeight);
  const rules = input.views.map((v) => ({ osdIndices: v.osdIndices }));
  const f = growthFactor(input.growth, t);
  const used = osdFill(sizes, weights, rules, rawUsedByRule(input.views, input.pools, f), rawUsedByRule(input.views, input.pools, 1), new Map());
  return input.views.map((v, r) => ({
    avail: ruleAvailBytes(
      v.osdIndices.map((i) => ({ id: i, crushWeight: weights[i]!, totalBytes: sizes[i]!, usedBytes: Math.min(sizes[i]!, used[i]! * spread[r]!) })),
      input.ratios.full,
    ),
    fullest: v.osdIndices.reduce((m, i) => Math.max(m, used[i]! / sizes[i]!), 0) * spread[r]!,
    used: v.osdIndices.reduce((s, i) => s + used[i]!, 0),
  }));
}

describe('projectCeph, uniform fill', () => {
  it('property: equal to the per-OSD computation bit for bit (overlapping rules, mixed sizes and weights)', () => {
    const osd = fc.record({
      sizeBytes: fc.constantFrom(3.84 * TB, 7.68 * TB, 8 * TB, 16 * TB),
      // most OSDs weigh their size in TiB; some carry a weight set by hand
      crushWeight: fc.option(fc.double({ min: 0.5, max: 20, noNaN: true }), { nil: undefined }),
      deviceClass: fc.constantFrom('hdd', 'ssd'),
    });
    fc.assert(
      fc.property(
        fc.array(osd, { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: 0, max: 40 * TB, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.double({ min: 1, max: 1.3, noNaN: true }),
        (osds, stored, factor) => {
          const tree = treeOf(osds.map((o) => ({ sizeBytes: o.sizeBytes, crushWeight: o.crushWeight ?? o.sizeBytes / 2 ** 40, deviceClass: o.deviceClass })));
          const all = tree.osds.map((_, i) => i);
          const views = [
            viewOf('all', all),
            viewOf(
              'hdd',
              all.filter((i) => tree.osds[i]!.deviceClass === 'hdd'),
            ),
            viewOf(
              'ssd',
              all.filter((i) => tree.osds[i]!.deviceClass === 'ssd'),
            ),
          ];
          const pools: HorizonPool[] = [
            { name: 'a', ruleIndex: 0, setIndex: 0, rawUsedRate: 3, storedBytesMonth0: stored[0]! },
            { name: 'b', ruleIndex: 1, setIndex: 1, rawUsedRate: 1.5, storedBytesMonth0: stored[1]! },
            { name: 'c', ruleIndex: 2, setIndex: 2, rawUsedRate: 2, storedBytesMonth0: stored[2]! },
          ];
          const sets = [0, 1, 2].map((r) => ({ ruleIndices: [r], reprotectableRawBytes: 100 * TB, fullestFactor: factor, spreadNotInFill: r !== 2 }));
          const input: HorizonInput = {
            tree,
            views,
            pools,
            sets,
            ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 },
            threshold: 0.8,
            growth: { kind: 'compound', perMonth: 0.07 },
            start: '2027-01',
            horizonMonths: 6,
            overrides: new Map(),
          };
          const spread = [factor, factor, 1];
          const out = projectCeph(input);
          out.months.forEach((m, t) => {
            const ref = reference(input, t, spread);
            for (const p of pools) {
              const got = m.pools[p.name]!;
              const r = ref[p.ruleIndex]!;
              expect(got.maxAvailBytes).toBe(maxAvailBytes(r.avail, p.rawUsedRate));
              expect(got.fullestOsdUtilisation).toBe(r.fullest);
              expect(got.survivorUtilisation).toBe((r.used * factor) / (100 * TB));
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("property: with the tree's runs of equal OSDs (osd-runs.ts) = OSD by OSD (long runs, overlapping and class rules, -0 and hand weights)", () => {
    const run = fc.record({
      sizeBytes: fc.constantFrom(3.84 * TB, 7.68 * TB, 16 * TB, TB / 3),
      crushWeight: fc.option(fc.constantFrom(0.1, 7, 0, -0, 1 / 3), { nil: undefined }),
      deviceClass: fc.constantFrom('hdd', 'ssd', 'fast'),
      // past 32 equal terms addRepeated jumps instead of looping
      count: fc.integer({ min: 1, max: 120 }),
    });
    fc.assert(
      fc.property(
        fc.array(run, { minLength: 0, maxLength: 12 }),
        // rules may repeat a class: three or more rules on one OSD add their data in view order
        fc.array(fc.constantFrom(undefined, 'hdd', 'ssd', 'fast', 'none'), { minLength: 1, maxLength: 5 }),
        // stored bytes spread evenly over 0 .. 400 TB (fc.double favours tiny values, whose sums do not round)
        fc.array(
          fc.integer({ min: 0, max: 2 ** 30 }).map((x) => (x / 2 ** 30) * 400 * TB),
          { minLength: 5, maxLength: 5 },
        ),
        fc.double({ min: 1, max: 1.3, noNaN: true }),
        fc.boolean(),
        (runs, classes, stored, factor, grown) => {
          const tree = treeOf(
            runs.flatMap((r) =>
              Array.from({ length: r.count }, () => ({ sizeBytes: r.sizeBytes, crushWeight: r.crushWeight ?? r.sizeBytes / 2 ** 40, deviceClass: r.deviceClass })),
            ),
          );
          const views = classes.map((cls) => ({
            rule: { name: cls ?? 'all', ...(cls === undefined ? {} : { deviceClass: cls }) } as CephRule,
            osdIndices: tree.osds.flatMap((o, i) => (cls === undefined || o.deviceClass === cls ? [i] : [])),
          })) as unknown as RuleView[];
          const pools: HorizonPool[] = views.map((_, r) => ({ name: `p${r}`, ruleIndex: r, setIndex: r, rawUsedRate: 1 + r / 2, storedBytesMonth0: stored[r]! }));
          const sets = views.map((_, r) => ({ ruleIndices: [r], reprotectableRawBytes: 100 * TB, fullestFactor: factor, spreadNotInFill: r !== 1 }));
          const input: HorizonInput = {
            tree,
            views,
            pools,
            sets,
            ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 },
            threshold: 0.8,
            growth: { kind: 'compound', perMonth: 0.07 },
            start: '2027-01',
            horizonMonths: 4,
            overrides: new Map(),
          };
          // the runs of a larger tree (as CephCarry keeps them while the fleet grows) describe this one as their prefix
          const more = grown ? [...tree.osds, { ...tree.osds[0]!, id: tree.osds.length, sizeBytes: 99 * TB }] : tree.osds;
          const treeRuns = osdRunsOf(more as CrushOsd[]);
          expect(projectCeph({ ...input, runs: treeRuns })).toEqual(projectCeph(input));
          // the fill of every OSD (the recovery month's), run by run = fill.ts osdFill OSD by OSD
          for (const f of [1, factor, (p: HorizonPool) => p.storedBytesMonth0 * (1 + p.ruleIndex / 10)]) expect(filler({ ...input, runs: treeRuns })(f)).toEqual(filler(input)(f));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('runs that do not describe the views are not used (a view taking part of its class): = OSD by OSD', () => {
    const tree = treeOf(Array.from({ length: 40 }, (_, i) => ({ sizeBytes: i < 20 ? 8 * TB : 16 * TB, crushWeight: i < 20 ? 7 : 14, deviceClass: 'hdd' })));
    // the rule takes 30 of the 40 hdd OSDs: its classes cannot come from the runs
    const views = [{ rule: { name: 'h', deviceClass: 'hdd' } as CephRule, osdIndices: Array.from({ length: 30 }, (_, i) => i + 5) }] as unknown as RuleView[];
    const input: HorizonInput = {
      tree,
      views,
      pools: [{ name: 'a', ruleIndex: 0, setIndex: 0, rawUsedRate: 3, storedBytesMonth0: 50 * TB }],
      sets: [{ ruleIndices: [0], reprotectableRawBytes: 100 * TB, fullestFactor: 1.1, spreadNotInFill: true }],
      ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 },
      threshold: 0.8,
      growth: { kind: 'compound', perMonth: 0.07 },
      start: '2027-01',
      horizonMonths: 3,
      overrides: new Map(),
    };
    const withRuns = projectCeph({ ...input, runs: osdRunsOf(tree.osds) });
    expect(withRuns).toEqual(projectCeph(input));
    expect(filler({ ...input, runs: osdRunsOf(tree.osds) })(1.2)).toEqual(filler(input)(1.2));
    // hand-worked month 0: Σ w over the rule = 15 x 7 + 15 x 14 = 315; raw 150 TB; an 8 TB OSD holds 150e12 x 7 / 315
    // = 3.3333e12, a 16 TB one 6.6667e12: both 41.67 % full, the fullest x 1.1 spread = 0.458333
    expect(withRuns.months[0]!.pools.a!.fullestOsdUtilisation).toBeCloseTo((150 / 315) * (7 / 8) * 1.1, 12);
  });
});
