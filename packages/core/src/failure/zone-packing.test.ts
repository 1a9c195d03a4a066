/**
 * Failure re-placement keeps instances booted in an availability zone in that zone (Nova's
 * AvailabilityZoneFilter: an evacuated instance is rescheduled within the zone its request
 * spec names). Hand-worked on the failure test hardware: cmp-20 hosts of VCPU 20 and
 * MEMORY_MB 20,480 (ratios 1.0, nothing reserved), spread over racks r1, r2, r3 in zones
 * az1, az2, az3: compute-01 r1, compute-02 r2, compute-03 r3, compute-04 r1, ...
 */
import { describe, expect, it } from 'vitest';
import type { Flavor, Scenario } from '../model/scenario.js';
import { analyze, group, handScenario, impactOf } from './test-failure.js';

const GIB = 2 ** 30;
const f8: Flavor = { name: 'f8', vcpus: 8, ramBytes: 8 * GIB, diskBytes: 0 };

function scenario(instances: Scenario['demand']['instances']) {
  const base = handScenario();
  return handScenario({
    nodes: [group('compute', 'cmp-20', 6)],
    openstack: { ...base.openstack, flavors: { f8 } },
    demand: { instances, storageBytes: {}, growth: { kind: 'compound', perMonth: 0 } },
    ceph: { ...base.ceph, pools: [] },
    policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
  });
}

describe('failure re-placement by availability zone', () => {
  it('4 x f8 pinned to az1 (compute-01, compute-04): losing compute-01 leaves its 2 with no host, although 4 hosts elsewhere are empty', () => {
    // Before the loss: 4 x f8 spread by free RAM over az1 only: 2 on compute-01, 2 on
    // compute-04 (16 of 20 VCPU, 16,384 of 20,480 MiB each; 4 VCPU free).
    // Losing compute-01 displaces 2 x f8 (8 VCPU each); compute-04 has 4 VCPU free: 0 fit.
    // compute-02, -03, -05, -06 (az2, az3) are empty but not in az1: 2 unplaced.
    const r = analyze(scenario([{ flavor: 'f8', count: 4, availabilityZone: 'az1' }]));
    const c = impactOf(r, 'host:compute-01', 'compute')!;
    // not fragmentation: the survivors' free VCPU summed is 4 x 20 + 4 = 84 >= 16, but the az1
    // survivor alone has 4 < 2 x 8: the zone is short, not the packing
    expect(c.compute).toMatchObject({ instancesDisplaced: 2, atMonth: 0, flavors: [{ flavor: 'f8 in zone az1', displaced: 2, unplaced: 2 }], fragmentation: false });
    expect(c.harms.map((h) => [h.code, h.value])).toEqual([['failure.compute.shortfall', 2]]);
    // a host of az2 holds none of them: losing compute-02 displaces nothing
    expect(impactOf(r, 'host:compute-02', 'compute')!.compute).toMatchObject({ instancesDisplaced: 0 });
  });

  it('the same 4 x f8 without a zone: spread over 6 hosts, one each on the first 4, the loss re-placed (no harm)', () => {
    // spread by free RAM, ties by host order: compute-01..04 take one f8 each (12 VCPU free);
    // losing compute-01 displaces 1 x f8: it fits on compute-05 (20 free)
    const r = analyze(scenario([{ flavor: 'f8', count: 4 }]));
    const c = impactOf(r, 'host:compute-01', 'compute')!;
    expect(c.compute).toMatchObject({ instancesDisplaced: 1, flavors: [{ flavor: 'f8', displaced: 1, unplaced: 0 }] });
    expect(c.harms).toEqual([]);
  });

  it('lines of one flavor in two zones stay apart: 2 in az1, 2 in az2', () => {
    // az1 (compute-01, -04): 1 each; az2 (compute-02, -05): 1 each. Losing compute-01: its
    // f8 goes to compute-04 (12 VCPU free), not to az2 or az3.
    const r = analyze(
      scenario([
        { flavor: 'f8', count: 2, availabilityZone: 'az1' },
        { flavor: 'f8', count: 2, availabilityZone: 'az2' },
      ]),
    );
    const c = impactOf(r, 'host:compute-01', 'compute')!;
    expect(c.compute).toMatchObject({ instancesDisplaced: 1, flavors: [{ flavor: 'f8 in zone az1', displaced: 1, unplaced: 0 }] });
    expect(c.harms).toEqual([]);
  });
});
