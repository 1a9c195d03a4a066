import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HardwareModel } from '../model/scenario.js';
import { expandHosts } from '../fleet/hosts.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { CEPH_DISK_NOTE, planCompute } from './compute-plan.js';
import { RESOURCE_CLASSES } from './placement.js';

const GIB = 2 ** 30;

function run(s = makeScenario()) {
  return planCompute(s, expandHosts(s).hosts);
}

// One cmp-r760 host (2×32×2 = 128 logical CPUs, 512 GiB, reserved 4,096 MiB, ratios 4 / 1):
// VCPU capacity 512, MEMORY_MB capacity 520,192 (reference §1 worked example).
const HOST_VCPU = 512;
const HOST_MEM = 520_192;

describe('compute totals and tolerated capacity', () => {
  it('sums capacity over hosts; N+1 removes one host', () => {
    const r = run(makeScenario({ policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } } }));
    // 3 hosts: 3 × 512 = 1,536 vCPU; 3 × 520,192 = 1,560,576 MiB. N+1: 2 × ... = 1,024 and 1,040,384.
    expect(r.plan.totalCapacity).toEqual({ VCPU: 3 * HOST_VCPU, MEMORY_MB: 3 * HOST_MEM });
    expect(r.plan.toleratedCapacity).toEqual({ VCPU: 1024, MEMORY_MB: 1_040_384 });
    expect(r.plan.toleratedHostsRemoved).toEqual(['compute-01']); // equal hosts: the first
    expect(r.plan.diskNote).toBe(CEPH_DISK_NOTE);
  });

  it('removes the largest host first (by VCPU capacity)', () => {
    const big: HardwareModel = { ...baseHardware()['cmp-r760']!, name: 'cmp-big', cpu: { ...baseHardware()['cmp-r760']!.cpu, coresPerSocket: 48 } };
    const s = makeScenario({
      hardware: { ...baseHardware(), 'cmp-big': big },
      nodes: [
        { role: 'compute', hardware: 'cmp-r760', count: 2, placement: 'spread', namePrefix: 'compute' },
        { role: 'compute', hardware: 'cmp-big', count: 1, placement: 'spread', namePrefix: 'big' },
      ],
      policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
    const r = run(s);
    // big: 2 × 48 × 2 = 192 logical CPUs × 4 = 768 vCPU. Total 512 + 512 + 768 = 1,792; without big: 1,024.
    expect(r.plan.totalCapacity.VCPU).toBe(1792);
    expect(r.plan.toleratedLosses.VCPU?.hosts).toEqual(['big-01']);
    expect(r.plan.toleratedCapacity.VCPU).toBe(1024);
    // MEMORY_MB: every host holds 520,192 MiB, the first of the ties goes: 2 × 520,192 = 1,040,384 left.
    expect(r.plan.toleratedLosses.MEMORY_MB?.hosts).toEqual(['compute-01']);
    expect(r.plan.toleratedCapacity.MEMORY_MB).toBe(2 * HOST_MEM);
    expect(r.plan.toleratedHostsRemoved).toEqual(['compute-01', 'big-01']); // union over classes
  });

  it('each resource class loses its own worst host (issue 14: 3 × 128 threads / 512 GiB + 1 × 192 threads / 256 GiB)', () => {
    const cpu = baseHardware()['cmp-r760']!.cpu;
    const wide: HardwareModel = {
      ...baseHardware()['cmp-r760']!,
      name: 'cmp-wide',
      cpu: { ...cpu, coresPerSocket: 48 },
      memory: { ...baseHardware()['cmp-r760']!.memory, sizeBytes: 256 * GIB },
    };
    const s = makeScenario({
      hardware: { ...baseHardware(), 'cmp-wide': wide },
      nodes: [
        { role: 'compute', hardware: 'cmp-r760', count: 3, placement: 'spread', namePrefix: 'compute' },
        { role: 'compute', hardware: 'cmp-wide', count: 1, placement: 'spread', namePrefix: 'wide' },
      ],
      policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
    s.openstack.reserved.hostMemoryBytes = 0;
    const r = run(s);
    // VCPU: 3 × 128 × 4 + 192 × 4 = 1,536 + 768 = 2,304; the wide host is the worst VCPU loss: 2,304 − 768 = 1,536.
    expect(r.plan.toleratedCapacity.VCPU).toBe(1536);
    // MEMORY_MB: 3 × 524,288 + 262,144 = 1,835,008 MiB; a 512 GiB host is the worst memory loss:
    // 1,835,008 − 524,288 = 1,310,720 MiB = 1,280 GiB (removing the wide host left 1,572,864 MiB = 1,536 GiB).
    expect(r.plan.toleratedCapacity.MEMORY_MB).toBe(1_310_720);
    expect(r.plan.toleratedLosses.VCPU?.hosts).toEqual(['wide-01']);
    expect(r.plan.toleratedLosses.MEMORY_MB?.hosts).toEqual(['compute-01']);
  });

  it('a tolerated rack removes all its compute hosts when that removes more than the tolerated hosts', () => {
    // 4 compute hosts spread over r1, r2, r3: compute-01 r1, -02 r2, -03 r3, -04 r1.
    // rack r1 holds 2 × 512 = 1,024 vCPU > one host (512): remove compute-01 and compute-04.
    // tolerated VCPU = 4 × 512 − 1,024 = 1,024.
    const s = makeScenario({
      nodes: [{ role: 'compute', hardware: 'cmp-r760', count: 4, placement: 'spread', namePrefix: 'compute' }],
      policy: { tolerate: { hosts: 1, racks: 1 }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
    const r = run(s);
    expect(r.plan.toleratedHostsRemoved).toEqual(['compute-01', 'compute-04']);
    expect(r.plan.toleratedCapacity).toEqual({ VCPU: 1024, MEMORY_MB: 2 * HOST_MEM });
  });

  it('tolerating more hosts than exist leaves zero capacity', () => {
    const r = run(makeScenario({ policy: { tolerate: { hosts: 5, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } } }));
    expect(r.plan.toleratedCapacity).toEqual({ VCPU: 0, MEMORY_MB: 0 });
  });
});

describe('compute demand, mix fit and findings', () => {
  it('month-0 demand and the mix of the instance list', () => {
    const s = makeScenario({
      demand: {
        instances: [
          { flavor: 'm1.large', count: 10 },
          { flavor: 'm1.xlarge', count: 10 },
        ],
        storageBytes: {},
        growth: { kind: 'compound', perMonth: 0 },
      },
    });
    const r = run(s);
    // 10 × 4 + 10 × 8 = 120 vCPU; 10 × 8,192 + 10 × 32,768 = 409,600 MiB
    expect(r.plan.demandMonth0).toEqual({ VCPU: 120, MEMORY_MB: 409_600 });
    // per instance 6 vCPU / 20,480 MiB: 1,536 / 6 = 256; 1,560,576 / 20,480 = 76.2 -> 76, MEMORY_MB
    expect(r.plan.mixInstancesFit).toBe(76);
    expect(r.plan.bottleneck).toBe('MEMORY_MB');
    // per-host fit of m1.xlarge (8 vCPU / 32 GiB): 15, MEMORY_MB (reference §1)
    expect(r.plan.hosts[0]!.flavorFit.find((f) => f.flavor === 'm1.xlarge')).toEqual({
      flavor: 'm1.xlarge',
      instances: 15,
      limitedBy: 'MEMORY_MB',
      exceedsMaxUnit: false,
    });
  });

  it('local disks: DISK_GB demand in GiB and no disk note', () => {
    const hw = baseHardware();
    hw['cmp-r760']!.disks.push({ count: 2, sizeBytes: 3.84e12, kind: 'nvme', use: 'ephemeral' });
    const base = makeScenario();
    const s = makeScenario({
      hardware: hw,
      openstack: { ...base.openstack, ephemeralStorage: 'local' },
      demand: { instances: [{ flavor: 'm1.large', count: 10 }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0 } },
    });
    const r = run(s);
    // m1.large disk 80 GB -> 75 GiB; 10 × 75 = 750 GiB
    expect(r.plan.demandMonth0.DISK_GB).toBe(750);
    // DISK_GB per host floor(7.68e12 / 2^30) = 7,152, reserved 0: 3 × 7,152 = 21,456
    expect(r.plan.totalCapacity.DISK_GB).toBe(21_456);
    expect(r.plan.diskNote).toBeUndefined();
  });

  it('compute.no_hosts when instances are demanded without compute hosts', () => {
    const s = makeScenario({
      nodes: [{ role: 'control', hardware: 'ctl-r660', count: 3, placement: 'spread', namePrefix: 'control' }],
      demand: { instances: [{ flavor: 'm1.large', count: 1 }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0 } },
    });
    const r = run(s);
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['compute.no_hosts', 'error']]);
    expect(r.plan.mixInstancesFit).toBe(0);
  });

  it('compute.flavor.exceeds_max_unit once per flavor and hardware model', () => {
    const base = makeScenario();
    const s = makeScenario({
      openstack: { ...base.openstack, flavors: { ...base.openstack.flavors, 'm1.huge': { name: 'm1.huge', vcpus: 160, ramBytes: 64 * GIB, diskBytes: 0 } } },
    });
    const r = run(s);
    // 160 vCPU > max_unit 128 logical CPUs: one finding for cmp-r760 although 3 hosts use it
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      code: 'compute.flavor.exceeds_max_unit',
      severity: 'error',
      subject: 'flavor m1.huge / hardware cmp-r760',
      value: 160,
      limit: 128,
      unit: 'vCPU',
    });
  });

  it('property: losing hosts never adds capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 }), (a, b, th, tr) => {
        const hw = baseHardware();
        hw['cmp-small'] = { ...hw['cmp-r760']!, name: 'cmp-small', memory: { sizeBytes: 256 * GIB, ecc: true } };
        const mk = (hosts: number) =>
          makeScenario({
            hardware: hw,
            nodes: [
              { role: 'compute', hardware: 'cmp-r760', count: a, placement: 'spread', namePrefix: 'compute' },
              { role: 'compute', hardware: 'cmp-small', count: b, placement: 'pack', namePrefix: 'small' },
            ],
            policy: { tolerate: { hosts, racks: tr }, thresholds: { compute: 0.8, storage: 0.85 } },
          });
        const r0 = run(mk(th)).plan;
        const r1 = run(mk(th + 1)).plan;
        for (const rc of RESOURCE_CLASSES) {
          expect(r0.toleratedCapacity[rc] ?? 0).toBeLessThanOrEqual(r0.totalCapacity[rc] ?? 0);
          expect(r1.toleratedCapacity[rc] ?? 0).toBeLessThanOrEqual(r0.toleratedCapacity[rc] ?? 0);
          expect(r0.toleratedCapacity[rc] ?? 0).toBeGreaterThanOrEqual(0);
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
