/**
 * The faster paths of compute-impact.ts against the straightforward computations they replace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCompute } from '../compute/compute-plan.js';
import { expandHosts } from '../fleet/hosts.js';
import type { FailureDomain } from '../model/failure.js';
import type { Flavor } from '../model/scenario.js';
import { computeModel, computeOutcomes, modelIndexOf, nameIndex, rankHosts, sameLoss, signatures } from './compute-impact.js';
import { group, handScenario } from './test-failure.js';

/** The host order by plain sorting: keys (most first), then hardware index, then host index. */
function rankBySort(free: Float64Array, C: number, keyClasses: number[], hardwareIndex: Int32Array): number[] {
  const H = hardwareIndex.length;
  return [...Array(H).keys()].sort((a, b) => {
    for (const c of keyClasses) {
      const d = free[b * C + c]! - free[a * C + c]!;
      if (d !== 0) return d;
    }
    return hardwareIndex[a]! - hardwareIndex[b]! || a - b;
  });
}

describe('rankHosts = sorting every host', () => {
  it('hand-worked: RAM first, then VCPU, then hardware, then host', () => {
    // classes [VCPU, RAM]; hosts (VCPU, RAM, hardware): 0 (4, 8, 0), 1 (6, 8, 0), 2 (4, 16, 0),
    // 3 (6, 8, 1), 4 (6, 8, 0). RAM 16 first: 2; RAM 8 and VCPU 6: 1, 4 (hardware 0), then 3; then 0.
    const free = Float64Array.of(4, 8, 6, 8, 4, 16, 6, 8, 6, 8);
    expect(Array.from(rankHosts(free, 2, [1, 0], Int32Array.of(0, 0, 0, 1, 0)))).toEqual([2, 1, 4, 3, 0]);
  });
  it('-0 and 0 free are equal keys: host order decides', () => {
    // one class; hosts 0-4 with free -0, 5, 0, 5, -0: the 5s (1, 3), then 0, 2, 4 (equal keys)
    expect(Array.from(rankHosts(Float64Array.of(-0, 5, 0, 5, -0), 1, [0], Int32Array.of(0, 0, 0, 0, 0)))).toEqual([1, 3, 0, 2, 4]);
  });
  it('gives the same order on fleets with many equal hosts, -0 and non-finite keys (seed 5)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(0, -0, 1, 2, 2.5, 8), fc.constantFrom(0, -0, 4, 16, 1024), fc.constantFrom(0, 3), fc.integer({ min: 0, max: 2 })), {
          minLength: 0,
          maxLength: 40,
        }),
        fc.boolean(),
        (rows, infinite) => {
          const free = Float64Array.from(rows.flatMap((r) => r.slice(0, 3)));
          if (infinite && rows.length > 0) free[0] = Number.POSITIVE_INFINITY;
          const hw = Int32Array.from(rows.map((r) => r[3]));
          expect(Array.from(rankHosts(free, 3, [1, 0, 2], hw))).toEqual(rankBySort(free, 3, [1, 0, 2], hw));
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});

describe('nameIndex = a Map from the names', () => {
  it('answers as new Map(names.map((n, i) => [n, i])) for any lookups, across calls that extend the list (seed 9)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'), { maxLength: 12 }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'), { maxLength: 12 }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'x'), { maxLength: 30 }),
        (first, more, lookups) => {
          // a list, the same list extended (deliveries), then the first list again
          for (const names of [first, [...first, ...more], first, more] as string[][]) {
            const index = nameIndex(names);
            const map = new Map<string, number>(names.map((n, i) => [n, i]));
            // lookups in order, strided and at random
            const asked = [...names, ...names.filter((_, i) => i % 3 === 0), ...lookups];
            for (const n of asked) expect(index.get(n)).toBe(map.get(n));
          }
        },
      ),
      { seed: 9, numRuns: 300 },
    );
  });
});

describe('signatures = equal kind and instances', () => {
  it('two hosts share a number exactly when they are of one kind and hold the same instances; numbers in order of first host (seed 3)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { maxLength: 30 }), (rows) => {
        const kind = Int32Array.from(rows.map((r) => r[0]));
        const placed = Int32Array.from(rows.flatMap((r) => [r[1], r[2]]));
        const sig = signatures(kind, placed, 2);
        const seen: string[] = [];
        rows.forEach((r, h) => {
          const key = r.join();
          if (!seen.includes(key)) seen.push(key);
          expect(sig[h]).toBe(seen.indexOf(key));
        });
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});

describe('computeOutcomes: one-host losses named first = the same hosts after a domain', () => {
  // The quick path (host names before any domain, demand growing) against the general loop
  // (the same names after a domain that loses nothing, which ends the quick path).
  const GIB = 2 ** 30;
  const flavor = (name: string, vcpus: number, ramGib: number): Flavor => ({ name, vcpus, ramBytes: ramGib * GIB, diskBytes: 0 });
  it('same outcomes and the same sharing, with and without harm, over growing months (seed 13)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 20 }), fc.constantFrom(0, 0.05, 0.2), (n, large, small, growth) => {
        const base = handScenario();
        const s = handScenario({
          nodes: [group('compute', 'cmp-20', n, { namePrefix: 'a' })],
          openstack: { ...base.openstack, flavors: { small: flavor('small', 1, 1), large: flavor('large', 4, 4) } },
          demand: {
            instances: [
              { flavor: 'large', count: large },
              { flavor: 'small', count: small },
            ],
            storageBytes: {},
            growth: { kind: 'compound', perMonth: growth },
          },
          ceph: { ...base.ceph, pools: [] },
          horizonMonths: 6,
        });
        const hosts = expandHosts(s).hosts;
        const model = computeModel(s, planCompute(s, hosts).plan, hosts);
        const names = hosts.map((h) => h.name);
        const single: FailureDomain = { id: '', kind: 'host', name: '', tolerated: true, hostsLost: [], hostsDrained: [], hostsDegraded: [] };
        const nothing: FailureDomain = { ...single, id: 'rack:none', kind: 'rack', name: 'none' };
        const quick = computeOutcomes(model, names, s.start, {}, single);
        const loop = computeOutcomes(model, [nothing, ...names], s.start, {}, single).slice(1);
        expect(quick).toEqual(loop);
        const shape = (outs: unknown[]): number[] => outs.map((o) => outs.indexOf(o));
        expect(shape(quick)).toEqual(shape(loop));
      }),
      { seed: 13, numRuns: 60 },
    );
  });
});

describe('modelIndexOf = a Map of the model names, read per host number', () => {
  it('hand-worked: model [b, d] among hosts [a, b, c, d]: -1, 0, -1, 1; not a subsequence: null', () => {
    const hosts = ['a', 'b', 'c', 'd'];
    expect(Array.from(modelIndexOf(hosts, ['b', 'd'])!)).toEqual([-1, 0, -1, 1]);
    expect(modelIndexOf(hosts, ['d', 'b'])).toBeNull();
    expect(modelIndexOf(hosts, ['b', 'e'])).toBeNull();
  });
  it('equals the Map for any subsequence of unique names (seed 17)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 20 }), fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), (names, keep) => {
        const model = names.filter((_, i) => keep[i]);
        const map = new Map(model.map((n, i) => [n, i]));
        const of = modelIndexOf(names, model);
        expect(Array.from(of!)).toEqual(names.map((n) => map.get(n) ?? -1));
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});

describe('computeOutcomes: hosts by number = hosts by name', () => {
  const GIB = 2 ** 30;
  const flavor = (name: string, vcpus: number, ramGib: number): Flavor => ({ name, vcpus, ramBytes: ramGib * GIB, diskBytes: 0 });
  it('same outcomes and sharing with right, wrong and missing numbers, names of other roles among the hosts (seed 19)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 5 }), fc.array(fc.nat(), { maxLength: 2 }), fc.constantFrom('right', 'wrong', 'none')), { maxLength: 6 }),
        fc.boolean(),
        (n, large, losses, namesFirst) => {
          const base = handScenario();
          const s = handScenario({
            nodes: [group('compute', 'cmp-20', n, { namePrefix: 'a' }), group('storage', 'cmp-20', 2, { namePrefix: 's' }), group('compute', 'cmp-20', 2, { namePrefix: 'b' })],
            openstack: { ...base.openstack, flavors: { large: flavor('large', 4, 4) } },
            demand: { instances: [{ flavor: 'large', count: large }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0.1 } },
            ceph: { ...base.ceph, pools: [] },
            horizonMonths: 4,
          });
          const hosts = expandHosts(s).hosts;
          const computeHosts = hosts.filter((h) => h.role === 'compute');
          const model = computeModel(s, planCompute(s, computeHosts).plan, computeHosts);
          const single: FailureDomain = { id: '', kind: 'host', name: '', tolerated: true, hostsLost: [], hostsDrained: [], hostsDegraded: [] };
          const pick = (k: number): number => k % hosts.length;
          const domains = losses.map(
            ([lost, drained], j): FailureDomain => ({
              ...single,
              id: `rack:${j}`,
              kind: 'rack',
              name: `${j}`,
              hostsLost: lost.map((k) => hosts[pick(k)]!.name),
              hostsDrained: drained.map((k) => hosts[pick(k)]!.name),
            }),
          );
          const names = hosts.map((h) => h.name);
          const items: (FailureDomain | string)[] = namesFirst ? [...names, ...domains] : [...domains, ...names];
          const numbersOf = (item: number): number | readonly number[] | undefined => {
            const d = items[item]!;
            if (typeof d === 'string') return names.indexOf(d);
            const [lost, drained, how] = losses[domains.indexOf(d)]!;
            const nums = [...lost, ...drained].map(pick);
            return how === 'right' ? nums : how === 'wrong' ? nums.map((k) => (k + 1) % hosts.length) : undefined;
          };
          const byName = computeOutcomes(model, items, s.start, {}, single);
          const byNumber = computeOutcomes(model, items, s.start, {}, single, { names, numbersOf });
          expect(byNumber).toEqual(byName);
          const shape = (outs: unknown[]): number[] => outs.map((o) => outs.indexOf(o));
          expect(shape(byNumber)).toEqual(shape(byName));
        },
      ),
      { seed: 19, numRuns: 80 },
    );
  });
});

describe('computeOutcomes: items in any order = each item alone', () => {
  const GIB = 2 ** 30;
  const flavor = (name: string, vcpus: number, ramGib: number): Flavor => ({ name, vcpus, ramBytes: ramGib * GIB, diskBytes: 0 });
  // itemHosts resolves the items in runs (names, domains), the leading names take the quick
  // path until the first domain (one that loses no compute host included), the rest become
  // subjects with the domains' host lists taken in order: any mix-up shows against the oracle
  it('names and domains interleaved, domains of storage hosts only, by number or by name (seed 29)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 4 }), fc.array(fc.nat(), { maxLength: 2 }), fc.constantFrom('rack', 'maintenance')), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        (n, large, losses, order, numbered) => {
          const base = handScenario();
          const s = handScenario({
            nodes: [group('compute', 'cmp-20', n, { namePrefix: 'a' }), group('storage', 'cmp-20', 2, { namePrefix: 's' })],
            openstack: { ...base.openstack, flavors: { large: flavor('large', 4, 4) } },
            demand: { instances: [{ flavor: 'large', count: large }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0.1 } },
            ceph: { ...base.ceph, pools: [] },
            horizonMonths: 3,
          });
          const hosts = expandHosts(s).hosts;
          const computeHosts = hosts.filter((h) => h.role === 'compute');
          const model = computeModel(s, planCompute(s, computeHosts).plan, computeHosts);
          const single: FailureDomain = { id: '', kind: 'host', name: '', tolerated: true, hostsLost: [], hostsDrained: [], hostsDegraded: [] };
          const pick = (k: number): number => k % hosts.length;
          const domains = losses.map(
            ([lost, drained, kind], j): FailureDomain => ({
              ...single,
              id: `${kind}:${j}`,
              kind: kind as FailureDomain['kind'],
              name: `${j}`,
              hostsLost: lost.map((k) => hosts[pick(k)]!.name),
              hostsDrained: drained.map((k) => hosts[pick(k)]!.name),
            }),
          );
          // (a domain draining exactly one compute host and losing none is included: it must not take
          // the record of that host's one-host loss, which re-places alike but says hostsLost 1)
          const names = hosts.map((h) => h.name);
          // names and domains mixed: each step takes the next of one list or the other
          const items: (FailureDomain | string)[] = [];
          let a = 0;
          let b = 0;
          for (const o of order) {
            if (o % 2 === 0 && a < names.length) items.push(names[a++]!);
            else if (b < domains.length) items.push(domains[b++]!);
          }
          items.push(...names.slice(a), ...domains.slice(b));
          const numbersOf = (item: number): number | readonly number[] | undefined => {
            const d = items[item]!;
            if (typeof d === 'string') return names.indexOf(d);
            const [lost, drained] = losses[domains.indexOf(d)]!;
            return [...lost, ...drained].map(pick);
          };
          const all = computeOutcomes(model, items, s.start, {}, single, numbered ? { names, numbersOf } : undefined);
          const alone = items.map((d) => computeOutcomes(model, [d], s.start, {}, single)[0]);
          expect(all).toEqual(alone);
        },
      ),
      { seed: 29, numRuns: 150 },
    );
  });
});

describe('sameLoss: the equality behind a loss signature hit (blocksOf)', () => {
  // blocks per host: 0 -> 0, 1 -> 0, 2 -> 2, 3 -> 2, 4 -> -1 (impure); an earlier loss of hosts
  // [0, 2], none drained, displacing 3 and 1 instances of two flavors
  const block = Int32Array.of(0, 0, 2, 2, -1);
  const e = { lost: [0, 2], drained: 0, packed: { displaced: Int32Array.of(3, 1), unplaced: Int32Array.of(0, 0) } };
  it('hand-worked: [1, 3] is the same loss (blocks 0, 2); [3, 1] (blocks 2, 0), another drained count or other instances are not', () => {
    expect(sameLoss(e, block, [1, 3], 0, Int32Array.of(3, 1))).toBe(true);
    expect(sameLoss(e, block, [3, 1], 0, Int32Array.of(3, 1))).toBe(false);
    expect(sameLoss(e, block, [1, 3], 1, Int32Array.of(3, 1))).toBe(false);
    expect(sameLoss(e, block, [1, 3], 0, Int32Array.of(3, 2))).toBe(false);
    expect(sameLoss(e, block, [1, 3], 0, Int32Array.of(2, 1))).toBe(false);
    expect(sameLoss(e, block, [1], 0, Int32Array.of(3, 1))).toBe(false);
  });
});
