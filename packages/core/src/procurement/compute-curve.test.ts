import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Host } from '../model/plan.js';
import type { Scenario } from '../model/scenario.js';
import { makeScenario } from '../model/test-scenario.js';
import { ComputeCurveSums } from './compute-curve.js';
import { roleSeries } from './curves.js';

const host = (i: number, rack: string, zone: string | undefined, hardware = 'cmp-r760'): Host => ({
  name: `c${i}`,
  role: 'compute',
  hardware,
  rack,
  ...(zone !== undefined ? { zone } : {}),
});

const tolerated = (sums: ComputeCurveSums, k: number, id: string): number | undefined => sums.series(k)?.find((s) => s.id === id)?.capacityTolerated;

describe('compute curve sums', () => {
  it('n identical hosts, tolerate one host: tolerated = (n - 1) × X; one rack: total − the fullest rack', () => {
    // cmp-r760: 2 sockets × 32 cores × 2 threads = 128 vCPU × cpu_allocation_ratio 4 = X = 512 VCPU;
    // memory 512 GiB = 524,288 MiB − 4,096 MiB reserved = 520,192 MiB (ratio 1).
    const s = makeScenario({ policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } } });
    const sums = new ComputeCurveSums(s, [host(0, 'r1', 'az1')]);
    const racks = ['r1', 'r2', 'r3', 'r1'];
    racks.forEach((r, i) => sums.append(host(i + 1, r, `az${r.slice(1)}`)));
    // base 1 host + k added: n = k + 1 hosts, tolerated VCPU = (n − 1) × 512
    expect(tolerated(sums, 0, 'compute.vcpu')).toBe(0);
    expect(tolerated(sums, 2, 'compute.vcpu')).toBe(2 * 512);
    expect(tolerated(sums, 4, 'compute.vcpu')).toBe(4 * 512);
    expect(tolerated(sums, 4, 'compute.memory')).toBe(4 * 520_192);
    expect(sums.series(4)?.find((x) => x.id === 'compute.vcpu')?.capacity).toBe(5 * 512);

    // tolerate one rack: 5 hosts, r1 holds 3 (base c0, c1, c4): 2,560 − 3 × 512 = 1,024 VCPU
    const byRack = { ...s, policy: { ...s.policy, tolerate: { hosts: 1, racks: 1 } } };
    const r = new ComputeCurveSums(byRack, [host(0, 'r1', 'az1')]);
    racks.forEach((x, i) => r.append(host(i + 1, x, `az${x.slice(1)}`)));
    expect(tolerated(r, 4, 'compute.vcpu')).toBe(2_560 - 3 * 512);
    // after 2 added hosts (r1: 2, r2: 1): the rack (1,024) takes more than one host (512): 1,536 − 1,024 = 512
    expect(tolerated(r, 2, 'compute.vcpu')).toBe(512);
  });

  it('returns null (the caller runs computeCapacity) when a sum is not exact in binary: cpu_allocation_ratio 1.2', () => {
    // 128 × 1.2 = 153.6 vCPU: not a multiple of any 2^-k, so the order of additions could matter
    const base = makeScenario();
    const s: Scenario = { ...base, openstack: { ...base.openstack, allocationRatio: { ...base.openstack.allocationRatio, cpu: 1.2 } } };
    const sums = new ComputeCurveSums(s, [host(0, 'r1', 'az1')]);
    expect(sums.series(0)).toBeNull();
  });

  it('returns null when two hosts share a name (computeCapacity removes both by name)', () => {
    const s = makeScenario({ policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } } });
    const sums = new ComputeCurveSums(s, [host(0, 'r1', 'az1')]);
    sums.append(host(1, 'r2', 'az2'));
    sums.append(host(0, 'r3', 'az3'));
    expect(sums.series(1)).not.toBeNull();
    expect(sums.series(2)).toBeNull();
  });

  it('equals roleSeries (computeCapacity) on random fleets, models, racks, zones and tolerances', () => {
    // `none`: a model the scenario does not have (not a compute host for the figures)
    const hardware = ['cmp-r760', 'small-r250', 'ctl-r660', 'none'];
    const hostArb = fc.record({
      hw: fc.integer({ min: 0, max: 3 }),
      rack: fc.integer({ min: 0, max: 4 }),
      zoned: fc.boolean(),
      role: fc.constantFrom('compute', 'compute', 'storage'),
    });
    fc.assert(
      fc.property(
        fc.array(hostArb, { maxLength: 12 }),
        fc.array(hostArb, { maxLength: 12 }),
        // no rack or zone loss half the time: the groups are then per model (ComputeCurveSums groupOf)
        fc.record({ hosts: fc.integer({ min: 0, max: 3 }), racks: fc.constantFrom(0, 0, 0, 1, 2), zones: fc.constantFrom(0, 0, 0, 1, 2) }),
        fc.constantFrom(1, 1.5, 4, 16),
        fc.constantFrom<'local' | 'ceph'>('local', 'ceph'),
        fc.array(fc.nat(), { maxLength: 10 }),
        (baseSpec, addedSpec, tolerate, ram, ephemeralStorage, probes) => {
          const b = makeScenario();
          const s: Scenario = {
            ...b,
            openstack: { ...b.openstack, ephemeralStorage, allocationRatio: { cpu: 4, ram, disk: 1 } },
            policy: { ...b.policy, tolerate },
          };
          const toHost = (x: (typeof baseSpec)[number], i: number): Host => ({
            name: `h${i}`,
            role: x.role as Host['role'],
            hardware: hardware[x.hw]!,
            rack: `r${x.rack}`,
            ...(x.zoned ? { zone: `az${x.rack % 3}` } : {}),
          });
          const base = baseSpec.map(toHost);
          const added = addedSpec.map((x, i) => toHost(x, base.length + i));
          const sums = new ComputeCurveSums(s, base);
          for (const h of added) sums.append(h);
          // the same hosts appended as `fresh` (their names are unique here): not looked up, the same figures
          const freshSums = new ComputeCurveSums(s, base);
          for (const h of added) freshSums.append(h, true);
          for (let k = 0; k <= added.length; k++) {
            expect(sums.series(k)).toEqual(roleSeries(s, 'compute', [...base, ...added.slice(0, k)]));
            expect(freshSums.series(k)).toEqual(sums.series(k));
          }
          // points in any order (series moves its group counts from the last point's): each point's own figures
          for (const p of probes) {
            const k = p % (added.length + 1);
            expect(sums.series(k)).toEqual(roleSeries(s, 'compute', [...base, ...added.slice(0, k)]));
          }
          // a fork shares the base and grows along another list: the added hosts in reverse
          const forked = sums.fork();
          const reversed = [...added].reverse();
          for (const h of reversed) forked.append(h);
          for (let k = 0; k <= reversed.length; k++) {
            expect(forked.series(k)).toEqual(roleSeries(s, 'compute', [...base, ...reversed.slice(0, k)]));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
