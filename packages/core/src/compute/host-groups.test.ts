/**
 * computeGroups finds each demand line's candidate hosts without joining their indices into a
 * string per line and epoch: the same groups as the straightforward form (a string key per
 * candidate set, compared with the whole fleet's), here `groupsByKey`, its former code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComputeGroupPlan } from '../model/plan.js';
import type { Scenario } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import type { FlavorPlacementRequest } from './extra-specs.js';
import { computeGroups, type GroupHost } from './host-groups.js';

const request = (vcpus: number): FlavorPlacementRequest => ({
  resources: { VCPU: vcpus, MEMORY_MB: 1024 },
  requiredTraits: [],
  forbiddenTraits: [],
  aggregateMetadata: {},
  numa: null,
});

/** The candidate sets of computeGroups keyed by their joined indices (the code before), labels and figures by computeGroups itself. */
function groupsByKey(scenario: Scenario, hosts: readonly GroupHost[], requests: ReadonlyMap<string, FlavorPlacementRequest>): string[][] {
  const lines = new Map<string, { flavor: string; zone?: string }>();
  for (const inst of scenario.demand.instances) {
    if (!requests.has(inst.flavor)) continue;
    const key = `${inst.flavor}\u0000${inst.availabilityZone ?? ''}`;
    if (!lines.has(key)) lines.set(key, { flavor: inst.flavor, ...(inst.availabilityZone !== undefined ? { zone: inst.availabilityZone } : {}) });
  }
  const all = hosts.map((_, i) => i).join(',');
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const l of lines.values()) {
    const set = hosts.flatMap((h, i) => ((h.fits.get(l.flavor) ?? 0) > 0 && (l.zone === undefined || h.zone === l.zone) ? [i] : []));
    const key = set.join(',');
    if (set.length === 0 || key === all || seen.has(key)) continue;
    seen.add(key);
    out.push(set.map((i) => hosts[i]!.host));
  }
  return out;
}

describe('computeGroups', () => {
  it('hand-worked: a zone line makes a group, a line fitting everywhere none, a second line with the same hosts none', () => {
    const base = makeScenario();
    const scenario: Scenario = {
      ...base,
      demand: {
        ...base.demand,
        instances: [
          { flavor: 'small', count: 10 },
          { flavor: 'small', count: 4, availabilityZone: 'az1' },
          { flavor: 'big', count: 2, availabilityZone: 'az1' },
        ],
      },
    };
    const fits = new Map([
      ['small', 8],
      ['big', 1],
    ]);
    const hosts: GroupHost[] = [
      { host: 'c1', rack: 'r1', zone: 'az1', capacity: { VCPU: 64, MEMORY_MB: 1000 }, fits },
      { host: 'c2', rack: 'r2', zone: 'az2', capacity: { VCPU: 64, MEMORY_MB: 1000 }, fits },
    ];
    const requests = new Map([
      ['small', request(2)],
      ['big', request(32)],
    ]);
    const groups = computeGroups(scenario, hosts, requests);
    // small anywhere: both hosts, no group; small and big in az1: c1 alone, one group holding both lines
    expect(groups.map((g) => [g.label, g.hosts, g.demandLines])).toEqual([['zone az1', ['c1'], [1, 2]]]);
    // demand of the group: small 4 x 2 + big 2 x 32 = 72 VCPU, memory 6 x 1024 = 6,144 MiB
    expect(groups[0]!.demandMonth0).toEqual({ VCPU: 72, MEMORY_MB: 6144 });
  });

  it('the same candidate sets as keying them by their joined indices', () => {
    const base = makeScenario();
    const flavors = ['f1', 'f2', 'f3'];
    const requests = new Map(flavors.map((f, i) => [f, request(i + 1)]));
    fc.assert(
      fc.property(
        fc.array(fc.record({ zone: fc.option(fc.constantFrom('az1', 'az2'), { nil: undefined }), fit: fc.array(fc.nat(2), { minLength: 3, maxLength: 3 }) }), { maxLength: 12 }),
        fc.array(fc.record({ flavor: fc.constantFrom(...flavors, 'unknown'), zone: fc.option(fc.constantFrom('az1', 'az2', 'az3'), { nil: undefined }), count: fc.nat(5) }), {
          maxLength: 6,
        }),
        (hostList, lines) => {
          const hosts: GroupHost[] = hostList.map((h, i) => ({
            host: `c${i}`,
            rack: `r${i % 3}`,
            ...(h.zone !== undefined ? { zone: h.zone } : {}),
            capacity: { VCPU: 64, MEMORY_MB: 4096 },
            fits: new Map(flavors.map((f, k) => [f, h.fit[k]!])),
          }));
          const scenario: Scenario = {
            ...base,
            demand: {
              ...base.demand,
              instances: lines.map((l) => ({ flavor: l.flavor, count: l.count, ...(l.zone !== undefined ? { availabilityZone: l.zone } : {}) })),
            },
          };
          const groups: ComputeGroupPlan[] = computeGroups(scenario, hosts, requests);
          expect(groups.map((g) => g.hosts)).toEqual(groupsByKey(scenario, hosts, requests));
        },
      ),
    );
  });
});
