/**
 * The storage plan's fast paths against the straightforward computations they replace, on
 * random CRUSH trees (hosts of alike and of mixed OSDs, hand CRUSH weights, device classes,
 * repeated host names, racks with and without zones) and growing fleets. Every figure must be
 * the same double: ceph df MAX AVAIL and the sums are compared with toEqual (Object.is).
 * - ruleView host by host (regular tree, uniformHosts) = ruleViewByOsd, OSD by OSD;
 * - crushSummary host by host = OSD by OSD;
 * - CrushCarry (the tree extended epoch after epoch) = buildCrushTree; CephCarry's rule views, CRUSH summary and
 *   recovery index, extended by the new hosts = ruleViewByOsd, crushSummary OSD by OSD and recoveryIndex;
 * - durabilityView with uniformHosts = without; the correlated cases = the former per-pool scan;
 * - recoveryCases on typed indices = the former OSD-by-OSD form (kept below as the reference);
 * - planStorage with a CephCarry over a growing fleet = planStorage of each fleet alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandHosts } from '../fleet/hosts.js';
import type { CephCorrelatedLoss } from '../model/durability.js';
import type { CephRecoveryCase } from '../model/ceph-plan.js';
import type { Host } from '../model/plan.js';
import type { CephPool, CephRule, Rack } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import { CephCarry } from './ceph-plan.js';
import { storageTestHardware } from './test-storage-models.js';
import { sumInOrder } from './repeated-sum.js';
import { buildCrushTree, CrushCarry, type CrushTree, uniformHosts } from './crush.js';
import { crushSummary } from './crush-summary.js';
import { CEPH_DEFAULTS } from './defaults.js';
import { domainLossShares, durabilityView, hostRacks, poolDurability } from './durability.js';
import { type DurabilityPlanInput, fullestOf, planDurability } from './durability-plan.js';
import { osdRecoveryBytesPerSecond, recoveryTiming, type RecoveryWork } from './recovery.js';
import { argmax, type RecoveryIndex, type RecoveryInput, type RecoveryPool, recoveryCases, recoveryIndex } from './recovery-cases.js';
import { crushTreeIsRegular, type RuleView, ruleView, ruleViewByOsd } from './rule-view.js';
import { planStorage } from './storage-plan.js';

const TB = 1e12;

const RACKS: Rack[] = [
  { name: 'r1', zone: 'az1', heightRu: 42 },
  { name: 'r2', zone: 'az1', heightRu: 42 },
  { name: 'r3', zone: 'az2', heightRu: 42 },
  { name: 'r4', zone: 'az3', heightRu: 42 },
];

const hostArb = fc.record({
  name: fc.integer({ min: 0, max: 40 }),
  hardware: fc.constantFrom('sto-a', 'sto-a', 'sto-b', 'sto-c', 'sto-d', 'sto-e', 'sto-f', 'sto-f', 'nope'),
  rack: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r9'),
  compute: fc.boolean(),
});
const toHosts = (xs: { name: number; hardware: string; rack: string; compute: boolean }[], uniqueNames: boolean): Host[] =>
  xs.map((x, i) => ({
    name: uniqueNames ? `s${i}` : `s${x.name}`,
    role: x.compute && i % 3 === 0 ? 'compute' : 'storage',
    hardware: x.compute && i % 3 === 0 ? 'cmp-r760' : x.hardware,
    rack: x.rack,
    ...(x.rack === 'r9' ? {} : { zone: RACKS.find((r) => r.name === x.rack)!.zone! }),
  }));
const racksArb = fc.constantFrom(
  RACKS,
  RACKS.slice(0, 3),
  RACKS.map(({ zone: _zone, ...r }) => r),
);
const ruleArb = fc.record({
  failureDomain: fc.constantFrom<'host' | 'rack'>('host', 'rack'),
  deviceClass: fc.constantFrom(undefined, 'hdd', 'fast', 'nvme'),
});
const tolerateArb = fc.record({ hosts: fc.integer({ min: 0, max: 2 }), racks: fc.integer({ min: 0, max: 1 }) });
const ruleOf = (r: { failureDomain: 'host' | 'rack'; deviceClass: string | undefined }): CephRule => ({
  name: 'r',
  type: 'replicated',
  failureDomain: r.failureDomain,
  ...(r.deviceClass === undefined ? {} : { deviceClass: r.deviceClass }),
});

describe('CRUSH tree and rule views host by host', () => {
  it('property: ruleView on a regular tree = ruleViewByOsd; crushSummary host by host = OSD by OSD', () => {
    const s = makeScenario({ hardware: storageTestHardware() });
    fc.assert(
      fc.property(fc.array(hostArb, { maxLength: 30 }), fc.boolean(), ruleArb, racksArb, tolerateArb, (xs, unique, r, racks, tolerate) => {
        const tree = buildCrushTree(s, toHosts(xs, unique));
        expect(crushTreeIsRegular(tree)).toBe(true);
        const uniform = uniformHosts(tree);
        const rule = ruleOf(r);
        expect(ruleView(tree, rule, racks, tolerate, uniform)).toEqual(ruleViewByOsd(tree, rule, racks, tolerate));
        expect(crushSummary(tree, racks, uniform)).toEqual(crushSummary(tree, racks));
      }),
      { numRuns: 300 },
    );
  });

  it('a tree not built by buildCrushTree (ids not indices) is not regular: ruleView takes it OSD by OSD', () => {
    const tree = buildCrushTree(makeScenario({ hardware: storageTestHardware() }), toHosts([{ name: 0, hardware: 'sto-a', rack: 'r1', compute: false }], true));
    const moved: CrushTree = { hosts: tree.hosts, osds: [...tree.osds].reverse() };
    expect(crushTreeIsRegular(moved)).toBe(false);
  });

  it('property: CrushCarry extends the last tree as the fleet grows, and rebuilds when it does not: = buildCrushTree', () => {
    const s = makeScenario({ hardware: storageTestHardware() });
    fc.assert(
      fc.property(fc.array(hostArb, { maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 6 }), (xs, cuts) => {
        const all = toHosts(xs, true);
        const carry = new CrushCarry();
        // growing prefixes, then whatever order the cuts give (a shorter fleet rebuilds)
        for (const k of [...cuts].sort((a, b) => a - b).concat(cuts)) {
          const hosts = all.slice(0, Math.min(k, all.length));
          const tree = carry.tree(s, hosts);
          expect(tree).toEqual(buildCrushTree(s, hosts));
          expect(carry.uniform(tree)).toEqual(uniformHosts(tree));
        }
        // a changed host (same object list, another rack) is not taken from the carry
        if (all.length > 0) {
          const changed = all.map((h, i) => (i === 0 ? { ...h, rack: 'r4', zone: 'az3' } : h));
          expect(carry.tree(s, changed)).toEqual(buildCrushTree(s, changed));
          // the same Host object changed in place: its fields are compared too
          changed[0]!.zone = 'az9';
          expect(carry.tree(s, changed)).toEqual(buildCrushTree(s, changed));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('rule views and CRUSH summary carried across a growing fleet (CephCarry)', () => {
  it("property: each tree's views and CRUSH summary, extended from the last ones, = ruleViewByOsd and crushSummary OSD by OSD (repeated names, host and rack domains, tolerated hosts and racks, rules and racks that change)", () => {
    const s = makeScenario({ hardware: storageTestHardware() });
    fc.assert(
      fc.property(
        fc.array(hostArb, { minLength: 6, maxLength: 30, size: 'max' }),
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 6 }),
        fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
        fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
        racksArb,
        tolerateArb,
        (xs, unique, cuts, rs, other, racks, tolerate) => {
          // few names when they repeat: a host added later often meets the name of a carried one
          const all = toHosts(xs, unique).map((h) => (unique ? h : { ...h, name: `s${Number(h.name.slice(1)) % 6}` }));
          const carry = new CephCarry();
          let summary: { plan: unknown; json: string } | undefined;
          // growing prefixes (the carried part is extended), then the cuts in their own order (a shorter fleet starts anew); the
          // second rule list at every third step (a rule of another class or failure domain starts anew), fewer racks at every other
          [...cuts]
            .sort((a, b) => a - b)
            .concat(cuts)
            .forEach((k, step) => {
              const rules = (step % 3 === 2 ? other : rs).map(ruleOf);
              // a rack named twice at every fourth step (listed once, at its first place)
              const inView = step % 2 === 1 ? racks.slice(1) : step % 4 === 2 ? [...racks, racks[0]!] : racks;
              const hosts = all.slice(0, Math.min(k, all.length));
              const tree = carry.crush.tree(s, hosts);
              const uniform = carry.crush.uniform(tree);
              const views = carry.ruleViews(tree, rules, inView, tolerate, uniform);
              // read now: the next call extends these views' arrays
              expect(views).toEqual(rules.map((rule) => ruleViewByOsd(tree, rule, inView, tolerate)));
              // the CRUSH summary from the carried sums = OSD by OSD; the last call's summary (in the last plan) is unchanged
              const plan = carry.crushSummary(tree, inView, uniform);
              expect(plan).toEqual(crushSummary(tree, inView));
              if (summary) expect(JSON.stringify(summary.plan)).toBe(summary.json);
              // per host name, its rack and hardware (the last host of a name wins), extended by the new hosts
              const names = carry.hostsByName(tree);
              expect([...names.rack]).toEqual([...hostRacks(tree)]);
              expect([...names.hardware]).toEqual([...new Map(tree.hosts.map((h) => [h.name, h.hardware]))]);
              summary = { plan, json: JSON.stringify(plan) };
              // the plan's domain rows per rule and host names per hardware model, continued = built from the view and tree
              views.forEach((v, ri) => expect(carry.domainRowsOf(ri, v)).toEqual(v.domains.map((d) => ({ name: d.name, rawBytes: d.rawBytes, osdCount: d.osdCount }))));
              expect(carry.hostsByHardware(tree)).toEqual(
                [...new Set(tree.hosts.map((x) => x.hardware))].map((hw) => [hw, tree.hosts.filter((x) => x.hardware === hw).map((x) => x.name)]),
              );
              // the recovery index, extended in the carry's store (arrays with room) = built anew
              const index = carry.recoveryIndex(tree);
              expect(unpackIndex(index)).toEqual(unpackIndex(recoveryIndex(tree)));
              expect(carry.recoveryIndex(tree)).toBe(index);
            });
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** A RecoveryIndex as plain lists (typed arrays compared by their entries up to their length). */
function unpackIndex(x: RecoveryIndex): unknown {
  return { id: [...x.id], host: [...x.host], kind: [...x.kind], hostNames: [...x.hostNames], kinds: [...x.kinds] };
}

/** The correlated cases as poolDurability computed them per pool before durabilityView. */
function correlatedReference(
  tree: CrushTree,
  view: RuleView,
  racks: readonly Rack[],
  x: { width: number; tolerated: number; minSize: number; storedBytes: number },
  pgs: number,
): CephCorrelatedLoss[] {
  const H = view.domains.length;
  if (H === 0) return [];
  const hostRack = new Map(tree.hosts.map((h) => [h.name, h.rack]));
  const rackZone = new Map(racks.map((r) => [r.name, r.zone]));
  const out: CephCorrelatedLoss[] = [];
  const kinds: [string, (host: string) => string | undefined][] = [['rack', (h) => hostRack.get(h)]];
  if (racks.some((r) => r.zone !== undefined)) kinds.push(['zone', (h) => rackZone.get(hostRack.get(h) ?? '')]);
  for (const [kind, groupOf] of kinds) {
    const count = new Map<string, number>();
    for (const d of view.domains) {
      const groups = new Set(d.hosts.map(groupOf));
      const g = [...groups][0];
      if (groups.size === 1 && g !== undefined) count.set(g, (count.get(g) ?? 0) + 1);
    }
    let worst: [string, number] | null = null;
    for (const [g, l] of count) if (worst === null || l > worst[1]) worst = [g, l];
    if (worst === null || (count.size === 1 && worst[1] === H)) continue;
    const shares = domainLossShares(H, worst[1], x.width, x.tolerated, x.minSize);
    out.push({
      subject: `${kind} ${worst[0]}`,
      domainsLost: worst[1],
      domains: H,
      pgFractionLost: shares.lost,
      pgFractionInactive: shares.inactive,
      expectedPgsLost: pgs * shares.lost,
      bytesLost: x.storedBytes * shares.lost,
    });
  }
  return out;
}

describe('durability per rule view', () => {
  it('property: durabilityView with uniformHosts = without; the correlated cases = the per-pool scan', () => {
    const s = makeScenario({ hardware: storageTestHardware() });
    fc.assert(
      fc.property(fc.array(hostArb, { maxLength: 30 }), ruleArb, racksArb, fc.constantFrom(2, 3, 6), (xs, r, racks, width) => {
        const tree = buildCrushTree(s, toHosts(xs, false));
        const view = ruleViewByOsd(tree, ruleOf(r), racks, { hosts: 0, racks: 0 });
        const dv = durabilityView(tree, view, racks, undefined, uniformHosts(tree));
        const plain = durabilityView(tree, view, racks);
        expect({ ...dv, placementSets: null }).toEqual({ ...plain, placementSets: null });
        if (view.osds.length === 0) return;
        const x = {
          pool: 'p',
          rule: 'r',
          width,
          tolerated: width - 1,
          minSize: width - 1,
          pgNum: 64,
          targetPgPerOsd: 100,
          storedBytes: 5 * TB,
          recoverySeconds: 3600,
          recoverySubject: 'osd.0',
          afr: { hdd: 0.0157, ssd: 0.0098, nvme: 0.0098 },
          afrSources: {},
        };
        const d = poolDurability(tree, view, racks, x, dv);
        expect(d).toEqual(poolDurability(tree, view, racks, x));
        expect(d.correlated).toEqual(correlatedReference(tree, view, racks, x, 64));
      }),
      { numRuns: 300 },
    );
  });

  it('fullestOf = argmax of used with the OSDs outside the rule at -1 (first on a tie)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<number>(0, 1, 2, 2.5, 7), { minLength: 1, maxLength: 30 }), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), (used, take) => {
        const inRule = used.flatMap((_, i) => (take[i] ? [i] : []));
        const mapped = used.map((u, i) => (take[i] ? u : -1));
        const osd = mapped.reduce((best, x, i) => (x > mapped[best]! ? i : best), 0);
        expect(fullestOf(used, inRule)).toEqual({ osd, bytes: mapped[osd] });
      }),
    );
  });
});

/** recoveryCases OSD by OSD, as it was before the typed indices (the reference). */
function recoveryReference(input: RecoveryInput): CephRecoveryCase[] {
  const { tree, views } = input;
  if (tree.osds.length === 0) return [];
  const diskBandwidthOf = (idx: readonly number[]): number => idx.reduce((s, i) => s + osdRecoveryBytesPerSecond(tree.osds[i]!.kind, input.recoveryShare), 0);
  const unionOf = (lists: readonly (readonly number[])[], drop: (i: number) => boolean): number[] => [...new Set(lists.flat())].filter((i) => !drop(i));
  const argmax = (xs: readonly number[]): number => xs.reduce((best, x, i) => (x > xs[best]! ? i : best), 0);
  const bandwidthOf = (idx: readonly number[]): number | null => {
    let sum = 0;
    for (const host of new Set(idx.map((i) => tree.osds[i]!.host))) {
      const b = input.bandwidth(host);
      if (b === null) return null;
      sum += b;
    }
    return sum;
  };
  const amplification = (pools: readonly RecoveryPool[]): number => {
    const raw = pools.reduce((s, p) => s + p.rawUsedBytes, 0);
    return raw > 0 ? pools.reduce((s, p) => s + p.rawUsedBytes * (p.k ?? 1), 0) / raw : 1;
  };
  const makeCase = (base: Pick<CephRecoveryCase, 'failure' | 'subject' | 'reprotectable' | 'note'>, work: RecoveryWork): CephRecoveryCase => {
    const timing = recoveryTiming(work, input.settings);
    return {
      ...base,
      ...work,
      diskBandwidthBytesPerSecond: work.diskBandwidthBytesPerSecond ?? null,
      ...timing,
      totalSeconds: base.reprotectable && timing.rateBytesPerSecond > 0 ? timing.totalSeconds : null,
    };
  };
  const cases: CephRecoveryCase[] = [];
  const osd = argmax(input.used);
  const o = tree.osds[osd]!;
  const osdViews = views.flatMap((v, r) => (v.osdIndices.includes(osd) ? [r] : []));
  const osdPools = input.pools.filter((p) => osdViews.includes(p.ruleIndex));
  const confined = osdPools.find((p) => views[p.ruleIndex]!.domains.length <= p.copies);
  let targets: number[];
  let note: string;
  if (confined) {
    const v = views[confined.ruleIndex]!;
    const domain = v.domains.find((d) => d.hosts.includes(o.host));
    const inDomain = new Set(domain?.hosts ?? []);
    targets = v.osdIndices.filter((i) => i !== osd && inDomain.has(tree.osds[i]!.host));
    note = `every ${v.rule.failureDomain} already holds a copy of its PGs: the other OSDs of ${domain?.name ?? o.host} take all of it`;
  } else {
    targets = unionOf(
      osdViews.map((r) => views[r]!.osdIndices),
      (i) => i === osd,
    );
    note = 'spread over the other OSDs of its rules';
  }
  cases.push(
    makeCase(
      {
        failure: 'osd',
        subject: `osd.${o.id} (${o.host})`,
        reprotectable: targets.length > 0,
        note: targets.length > 0 ? note : 'the only OSD of its failure domain: nowhere to re-create its copies',
      },
      {
        dataBytes: input.used[osd]!,
        networkAmplification: amplification(osdPools),
        pgCount: Math.max(1, Math.round(input.pgReplicasPerOsd[osd] ?? 0)),
        targetOsdCount: targets.length,
        networkBitsPerSecond: bandwidthOf(targets),
        diskBandwidthBytesPerSecond: diskBandwidthOf(targets),
      },
    ),
  );
  const hostUsed = tree.hosts.map((h) => h.osds.reduce((s, x) => s + input.used[x.id]!, 0));
  const host = tree.hosts[argmax(hostUsed)]!;
  const onHost = new Set(host.osds.map((x) => x.id));
  const hostViews = views.flatMap((v, r) => (v.osdIndices.some((i) => onHost.has(tree.osds[i]!.id)) ? [r] : []));
  const hostPools = input.pools.filter((p) => hostViews.includes(p.ruleIndex));
  const stuck = hostPools.find((p) => views[p.ruleIndex]!.domains.filter((d) => d.hosts.some((h) => h !== host.name)).length < p.copies);
  const hostTargets = unionOf(
    hostViews.map((r) => views[r]!.osdIndices),
    (i) => onHost.has(tree.osds[i]!.id),
  );
  cases.push(
    makeCase(
      {
        failure: 'host',
        subject: host.name,
        reprotectable: !stuck && hostTargets.length > 0,
        note: stuck
          ? `${views[stuck.ruleIndex]!.domains.length} failure domains for ${stuck.copies} copies or shards: the other domains already hold them, so the PGs stay degraded (serving I/O while min_size copies are up) until the host returns`
          : 'marked out automatically (a host is below mon_osd_down_out_subtree_limit, rack); re-created on the other hosts',
      },
      {
        dataBytes: hostUsed[tree.hosts.indexOf(host)]!,
        networkAmplification: amplification(hostPools),
        pgCount: Math.max(1, Math.round(host.osds.reduce((s, x) => s + (input.pgReplicasPerOsd[x.id] ?? 0), 0))),
        targetOsdCount: hostTargets.length,
        networkBitsPerSecond: bandwidthOf(hostTargets),
        diskBandwidthBytesPerSecond: diskBandwidthOf(hostTargets),
      },
    ),
  );
  return cases;
}

describe('recovery cases on typed indices', () => {
  it('property: = the OSD-by-OSD form (overlapping rules, repeated host names, unknown bandwidths, ties)', () => {
    const s = makeScenario({ hardware: storageTestHardware() });
    fc.assert(
      fc.property(
        fc.array(hostArb, { minLength: 1, maxLength: 25 }),
        fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.constantFrom(0, 1e12, 2e12, 3.5e12), { minLength: 200, maxLength: 200 }),
        fc.integer({ min: 2, max: 4 }),
        fc.boolean(),
        (xs, rs, usedPool, copies, unknown) => {
          const tree = buildCrushTree(s, toHosts(xs, false));
          if (tree.osds.length === 0) return;
          const views = rs.map((r) => ruleViewByOsd(tree, ruleOf(r), RACKS, { hosts: 0, racks: 0 }));
          const input: RecoveryInput = {
            tree,
            views,
            pools: views.map((_, r) => ({ ruleIndex: r, copies, k: r === 1 ? 2 : null, rawUsedBytes: (r + 1) * 1e12 })),
            used: tree.osds.map((_, i) => usedPool[i % usedPool.length]!),
            pgReplicasPerOsd: tree.osds.map((_, i) => (i % 7) * 10.5),
            settings: { backfillBytesPerSecond: 100e6, maxBackfills: 1, downOutIntervalSeconds: 600, detectionSeconds: 20 },
            bandwidth: (host) => (unknown && host === 's3' ? null : 25e9),
            recoveryShare: 1 / 7, // a disk figure whose sums round (1200 MiB/s / 7 is no whole number)
          };
          const reference = recoveryReference(input);
          expect(recoveryCases(input)).toEqual(reference);
          expect(recoveryCases({ ...input, regular: true })).toEqual(reference);
          expect(recoveryCases({ ...input, regular: true, fullest: argmax(input.used) })).toEqual(reference);
          // host by host (a regular tree, ruleView's views): hosts of alike OSDs at once
          const uniform = uniformHosts(tree);
          expect(recoveryCases({ ...input, regular: true, uniform })).toEqual(reference);
          // bytes alike on alike OSDs (a uniform fill): a host's bytes as one repeated term
          const alike = tree.osds.map((o) => (o.sizeBytes / 3) * (o.deviceClass === 'hdd' ? 0.61 : 0.37) + o.crushWeight);
          expect(recoveryCases({ ...input, used: alike, regular: true, uniform, usedAlike: true })).toEqual(recoveryReference({ ...input, used: alike }));

          // planDurability given the fullest OSD's case (planCeph: recoveryCases' first) = timing each rule's fullest OSD itself
          const durabilityInput: DurabilityPlanInput = {
            tree,
            views,
            racks: RACKS,
            used: input.used,
            pgReplicasPerOsd: input.pgReplicasPerOsd,
            settings: input.settings,
            bandwidth: input.bandwidth,
            targetPgPerOsd: 100,
            durability: undefined,
            pools: input.pools.map((p, i) => ({
              name: `p${i}`,
              rule: views[p.ruleIndex]!.rule.name,
              ruleIndex: p.ruleIndex,
              width: p.copies,
              tolerated: p.k === null ? p.copies - 1 : p.copies - p.k,
              minSize: 2,
              k: p.k,
              pgNum: 256,
              storedBytes: 1e12,
              rawUsedBytes: p.rawUsedBytes,
            })),
          };
          const alone = planDurability(durabilityInput);
          expect(planDurability({ ...durabilityInput, uniform })).toEqual(alone);
          const osd = argmax(input.used);
          // timed as planDurability times it (the default mClock recovery share)
          const osdCase = recoveryCases({ ...input, recoveryShare: CEPH_DEFAULTS.mclockRecoveryShare }, { hostCase: false })[0]!;
          const known = { osd, dataBytes: input.used[osd]!, pools: input.pools, osdCase };
          expect(planDurability({ ...durabilityInput, known })).toEqual(alone);
          // a case timed with other pools, or for an OSD that is no rule's fullest, is not taken
          const fake = { ...osdCase, totalSeconds: 1, subject: 'fake' };
          const otherPools = input.pools.map((p) => ({ ...p, rawUsedBytes: p.rawUsedBytes * 2 }));
          expect(planDurability({ ...durabilityInput, known: { ...known, osdCase: fake, pools: otherPools } })).toEqual(alone);
          expect(planDurability({ ...durabilityInput, known: { ...known, osdCase: fake, osd: tree.osds.length } })).toEqual(alone);
          // the same OSD, bytes and pools: the case given is the one used (for the rules whose fullest OSD it is)
          const taken = planDurability({ ...durabilityInput, known: { ...known, osdCase: fake } });
          const fullestRules = views.flatMap((v, r) => (v.osds.length > 0 && fullestOf(input.used, v.osdIndices).osd === osd ? [r] : []));
          for (const d of taken) expect(d.recoverySubject === 'fake').toBe(fullestRules.includes(durabilityInput.pools.find((p) => p.name === d.pool)!.ruleIndex));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('sums in order by runs', () => {
  it('property: sumInOrder = Σ (values[i] ?? 0) over the indices, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<number>(0, -0, 0.1, 1 / 3, 76.8, 76.8, 76.8, 1e-300), { maxLength: 300 }),
        fc.array(fc.integer({ min: 0, max: 320 }), { maxLength: 400 }),
        (values, indices) => {
          const loop = indices.reduce((sum, i) => sum + (values[i] ?? 0), 0);
          expect(Object.is(sumInOrder(values, indices), loop)).toBe(true);
          // without indices: the values themselves, in order
          expect(
            Object.is(
              sumInOrder(values),
              values.reduce((sum, x) => sum + x, 0),
            ),
          ).toBe(true);
        },
      ),
    );
    // 19,040 OSDs of 76.8 PG replicas, as the loop adds them
    const many = Array.from({ length: 19_040 }, (_, i) => i);
    const pgs = many.map(() => 76.8);
    expect(sumInOrder(pgs, many)).toBe(many.reduce((s, i) => s + pgs[i]!, 0));
  });
});

describe('planStorage with a CephCarry over a growing fleet', () => {
  it('each fleet planned with the carry = planned alone (storage hosts added epoch after epoch, then a smaller fleet)', () => {
    const pools: CephPool[] = [
      { name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 0.6, rule: 'fast-rule' } as CephPool,
      { name: 'backups', type: 'erasure', k: 2, m: 1, minSize: 2, share: 0.4 } as CephPool,
      { name: 'images', type: 'replicated', size: 3, minSize: 2, share: 0.4 } as CephPool,
    ];
    const base = makeScenario();
    const s = makeScenario({
      hardware: storageTestHardware(),
      nodes: [
        { role: 'storage', hardware: 'sto-a', count: 5, placement: 'spread', namePrefix: 'a' },
        { role: 'compute', hardware: 'cmp-r760', count: 2, placement: 'spread', namePrefix: 'compute' },
        { role: 'storage', hardware: 'sto-b', count: 4, placement: 'spread', namePrefix: 'b' },
        { role: 'storage', hardware: 'sto-d', count: 3, placement: 'spread', namePrefix: 'd' },
      ],
      ceph: { ...base.ceph, pools, rules: [{ name: 'fast-rule', type: 'replicated', failureDomain: 'host', deviceClass: 'hdd' }] },
      demand: { instances: [], storageBytes: { volumes: 20 * TB, backups: 10 * TB, images: 2 * TB }, growth: { kind: 'compound', perMonth: 0.03 } },
      policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
    const hosts = expandHosts(s).hosts;
    const carry = new CephCarry();
    for (const k of [4, 4, 8, 11, hosts.length, 6, hosts.length]) {
      const fleet = hosts.slice(0, k);
      expect(planStorage(s, fleet, {}, carry)).toEqual(planStorage(s, fleet));
    }
  });
});
