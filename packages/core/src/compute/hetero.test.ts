/**
 * Heterogeneous compute, rule by rule, against hand-worked examples (issue 19): CPU sets
 * (nova/virt/hardware.py parse_cpu_spec, libvirt driver _get_vcpu_available /
 * _get_pcpu_available), extra specs -> Placement request (nova/scheduler/utils.py
 * ResourceRequest), NUMA cell fit (nova/virt/hardware.py _numa_fit_instance_cell), nested
 * device providers, traits and aggregates, host groups with N+1 per group.
 */
import { describe, expect, it } from 'vitest';
import type { Flavor, HardwareModel, Scenario } from '../model/scenario.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { expandHosts } from '../fleet/hosts.js';
import { hostCpuSets, numaNodeOfCpu, parseCpuSpec } from './cpu-sets.js';
import { parsePageSize, translateFlavor } from './extra-specs.js';
import { hostFlavorFit } from './fit.js';
import { numaCells } from './host-model.js';
import { instancesOnCells, numaFitCount } from './numa.js';
import { computeInventories } from './placement.js';
import { planCompute } from './compute-plan.js';
import { computeCapacity } from './capacity.js';

const GIB = 1024 ** 3;
const LIMITS = { cpuAllocationRatio: 4, ramAllocationRatio: 1 };

/** 2 sockets × 16 cores × 2 threads = 64 logical CPUs ("a 32-core host"), 512 GiB. */
function host32(nova?: HardwareModel['nova'], extra: Partial<HardwareModel> = {}): HardwareModel {
  return {
    ...baseHardware()['cmp-r760']!,
    name: 'h32',
    cpu: { model: 'X', sockets: 2, coresPerSocket: 16, threadsPerCore: 2, virtualization: 'vt-x' },
    ...(nova ? { nova } : {}),
    ...extra,
  };
}
const flavor = (name: string, vcpus: number, ramGib: number, extraSpecs?: Record<string, string>): Flavor => ({
  name,
  vcpus,
  ramBytes: ramGib * GIB,
  diskBytes: 0,
  ...(extraSpecs ? { extraSpecs } : {}),
});

describe('CPU sets (Nova cpu_dedicated_set / cpu_shared_set)', () => {
  it('parses Nova CPU specs: ranges, single ids, exclusions after inclusions', () => {
    // "1-4,^3,6": {1, 2, 3, 4} + {6} − {3} = [1, 2, 4, 6]
    expect(parseCpuSpec('1-4,^3,6')).toEqual({ ok: true, cpus: [1, 2, 4, 6] });
    // "0-7,^2-3": {0..7} − {2, 3}
    expect(parseCpuSpec('0-7,^2-3')).toEqual({ ok: true, cpus: [0, 1, 4, 5, 6, 7] });
    expect(parseCpuSpec('5-2').ok).toBe(false);
    expect(parseCpuSpec('a').ok).toBe(false);
  });

  it('places logical CPUs on NUMA nodes as Linux numbers them on x86', () => {
    // 2 × 16 cores × 2 threads: P = 32 physical cores, 16 per node; 5 -> 5 / 16 = 0; 37 -> (37 − 32) / 16 = 0; 20 -> 1; 52 -> 20 / 16 = 1
    const hw = host32();
    expect([5, 37, 20, 52].map((c) => numaNodeOfCpu(hw, c, 2))).toEqual([0, 0, 1, 1]);
  });

  it('48 dedicated CPUs are 48 PCPU at ratio 1.0; the 16 shared ones VCPU at 4.0', () => {
    // dedicated "8-31,40-63": 24 + 24 = 48; shared "0-7,32-39": 16 -> VCPU 16 × 4 = 64, PCPU 48
    const hw = host32({ cpuDedicatedSet: '8-31,40-63', cpuSharedSet: '0-7,32-39', traits: [] });
    const inv = computeInventories(hw, makeScenario().openstack);
    expect(inv.find((i) => i.resourceClass === 'VCPU')).toMatchObject({ total: 16, allocationRatio: 4, capacity: 64 });
    expect(inv.find((i) => i.resourceClass === 'PCPU')).toMatchObject({ total: 48, reserved: 0, allocationRatio: 1, capacity: 48, maxUnit: 48 });
  });

  it('only cpu_dedicated_set: no VCPU inventory at all (Placement forbids total 0)', () => {
    const hw = host32({ cpuDedicatedSet: '0-63', traits: [] });
    expect(hostCpuSets(hw)).toMatchObject({ shared: [], configured: true });
    expect(computeInventories(hw, makeScenario().openstack).map((i) => i.resourceClass)).toEqual(['MEMORY_MB', 'PCPU']);
  });
});

describe('flavor extra specs -> the Placement request', () => {
  it('hw:cpu_policy=dedicated asks PCPU = vcpus and no VCPU', () => {
    const r = translateFlavor(flavor('p', 8, 16, { 'hw:cpu_policy': 'dedicated' }), 'ceph').request;
    expect(r.resources).toEqual({ PCPU: 8, MEMORY_MB: 16_384 });
    expect(r.numa).toMatchObject({ nodes: 1, cellPcpus: 8, cellVcpus: 0, cellMemoryMib: 16_384 });
  });

  it('mixed with hw:cpu_dedicated_mask "^0-1" on 8 vCPUs: PCPU 6, VCPU 2; emulator isolate adds one PCPU', () => {
    // mask "^0-1" is read as "0-7,^0-1" = {2..7}: 6 pinned, 8 − 6 = 2 shared; + 1 emulator PCPU = 7
    const r = translateFlavor(flavor('m', 8, 16, { 'hw:cpu_policy': 'mixed', 'hw:cpu_dedicated_mask': '^0-1', 'hw:emulator_threads_policy': 'isolate' }), 'ceph').request;
    expect(r.resources).toEqual({ PCPU: 7, VCPU: 2, MEMORY_MB: 16_384 });
  });

  it('thread policies become the HW_CPU_HYPERTHREADING trait; resources: and trait: keys pass through', () => {
    const r = translateFlavor(
      flavor('g', 12, 48, { 'hw:cpu_policy': 'dedicated', 'hw:cpu_thread_policy': 'isolate', 'resources:VGPU': '1', 'trait:CUSTOM_GPU': 'required' }),
      'ceph',
    ).request;
    expect(r.resources).toEqual({ PCPU: 12, MEMORY_MB: 49_152, VGPU: 1 });
    expect(r.forbiddenTraits).toEqual(['HW_CPU_HYPERTHREADING']);
    expect(r.requiredTraits).toEqual(['CUSTOM_GPU']);
  });

  it('reads hw:mem_page_size as Nova does (KiB; IEC units)', () => {
    // "2MB" = 2 × 1024 KiB; "1GB" = 1024² KiB; a bare number is KiB
    expect([parsePageSize('2MB'), parsePageSize('1GB'), parsePageSize('2048'), parsePageSize('large'), parsePageSize('huge')]).toEqual([2048, 1_048_576, 2048, 'large', null]);
  });

  it('reports the extra specs Nova refuses', () => {
    const { problems } = translateFlavor(flavor('x', 6, 8, { 'hw:cpu_policy': 'pinned', 'hw:numa_nodes': '4', 'resources:VGPU': 'one' }), 'ceph');
    expect(problems.map((p) => p.key).sort()).toEqual(['hw:cpu_policy', 'hw:numa_nodes', 'resources:VGPU']);
  });
});

describe('NUMA cell fit', () => {
  const pinnedHost = host32({ cpuDedicatedSet: '8-31,40-63', cpuSharedSet: '0-7,32-39', traits: [] }, { numa: { nodes: 2 } });

  it('issue 19: 2 × 32-core hosts with 48 dedicated PCPUs hold 6 pinned 8-vCPU instances each, not 24', () => {
    // PCPU 48 / 8 = 6 per host; cells: 24 dedicated CPUs each (8-15 + 40-47 on cell 0, 16-31 + 48-63 on cell 1), 24 / 8 = 3 per cell -> 6.
    // Counting the 48 CPUs as VCPU at 4:1 would say 48 × 4 / 8 = 24.
    const s = makeScenario({
      hardware: { ...baseHardware(), h32: pinnedHost },
      nodes: [{ role: 'compute', hardware: 'h32', count: 2, placement: 'spread', namePrefix: 'nfv' }],
      openstack: { ...makeScenario().openstack, flavors: { pin8: flavor('pin8', 8, 16, { 'hw:cpu_policy': 'dedicated' }) } },
      demand: { instances: [{ flavor: 'pin8', count: 10 }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0 } },
      policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
    const { plan } = planCompute(s, expandHosts(s).hosts);
    expect(plan.hosts.map((h) => h.flavorFit[0])).toEqual([
      { flavor: 'pin8', instances: 6, limitedBy: 'PCPU', exceedsMaxUnit: false },
      { flavor: 'pin8', instances: 6, limitedBy: 'PCPU', exceedsMaxUnit: false },
    ]);
    // totals: PCPU 2 × 48 = 96, N+1 48; demand 10 × 8 = 80 PCPU and no VCPU
    expect(plan.totalCapacity.PCPU).toBe(96);
    expect(plan.toleratedCapacity.PCPU).toBe(48);
    expect(plan.demandMonth0).toMatchObject({ VCPU: 0, PCPU: 80 });
  });

  it('issue 19: a 40-vCPU pinned flavor does not fit a 32-thread NUMA cell, though Placement has 64 PCPU', () => {
    // every CPU dedicated: 32 per cell; the guest cell needs 40 > 32 -> 0; Placement alone: 64 / 40 = 1
    const hw = host32({ cpuDedicatedSet: '0-63', traits: [] });
    const req = translateFlavor(flavor('p40', 40, 64, { 'hw:cpu_policy': 'dedicated' }), 'ceph').request;
    const fit = hostFlavorFit('p40', req, { inventories: computeInventories(hw, makeScenario().openstack), cells: numaCells(hw) }, {}, LIMITS);
    expect(fit).toEqual({ flavor: 'p40', instances: 0, limitedBy: 'NUMA_CELL', exceedsMaxUnit: false });
  });

  it('a cell holds whole guest cells: 12 pinned CPUs on cells of 24 leave none over, on cells of 28 leave 4 idle', () => {
    // cells of 24 (2 × 12 cores × 2 threads, all dedicated): 24 / 12 = 2 per cell -> 4; cells of 28: 28 / 12 = 2 -> 4 (Placement: 56 / 12 = 4)
    const n = translateFlavor(flavor('p12', 12, 8, { 'hw:cpu_policy': 'dedicated' }), 'ceph').request.numa!;
    const cells = (d: number) => [0, 1].map((id) => ({ id, sharedCpus: 0, dedicatedCpus: d, memoryMib: 262_144 }));
    expect(numaFitCount(cells(24), n, 4, 1)).toBe(4);
    expect(numaFitCount(cells(28), n, 4, 1)).toBe(4);
    // 40 per cell: floor(40 / 12) = 3 per cell -> 6, while Placement would allow floor(80 / 12) = 6 as well; 30 per cell: 2 + 2 = 4 < floor(60 / 12) = 5
    expect(numaFitCount(cells(30), n, 4, 1)).toBe(4);
  });

  it('hw:numa_nodes=2: every instance takes two distinct cells', () => {
    // perCell [3, 3, 1]: k = 3 needs 2 × 3 = 6 <= min(3,3) + min(3,3) + min(3,1) = 7; k = 4 needs 8 > 3 + 3 + 1
    expect(instancesOnCells([3, 3, 1], 2)).toBe(3);
    expect(instancesOnCells([5, 0], 2)).toBe(0);
  });

  it('1 GiB huge pages: per cell pages / pages per guest cell; memory that is not whole pages never fits', () => {
    // cells of 256 GiB with 100 × 1 GiB pages each; a 32 GiB guest cell takes 32 pages: floor(100 / 32) = 3 per cell -> 6
    const cells = [0, 1].map((id) => ({ id, sharedCpus: 32, dedicatedCpus: 0, memoryMib: 262_144, hugePages: { sizeKib: 1_048_576, count: 100 } }));
    const big = translateFlavor(flavor('db', 4, 32, { 'hw:mem_page_size': '1GB' }), 'ceph').request.numa!;
    expect(numaFitCount(cells, big, 4, 1)).toBe(6);
    // 1.5 GiB = 1,536 MiB is 1.5 pages of 1 GiB: can_fit_pagesize needs a whole number of pages -> 0
    const odd = translateFlavor({ ...flavor('odd', 2, 1), ramBytes: 1536 * 2 ** 20, extraSpecs: { 'hw:mem_page_size': '1GB' } }, 'ceph').request.numa!;
    expect(numaFitCount(cells, odd, 4, 1)).toBe(0);
  });
});

describe('nested providers, traits and aggregates', () => {
  const gpuHost = (perDevice: number): HardwareModel => host32(undefined, { devices: [{ name: 'l40s', kind: 'gpu', count: 2, resourceClass: 'VGPU', perDevice }] });

  it('one request group takes a class from one provider: 2 GPUs of 3 vGPUs hold 2 instances of 2 vGPUs, not 3', () => {
    // per provider floor(3 / 2) = 1, summed 2; the summed inventory 6 / 2 = 3 would overstate
    const s = makeScenario({
      hardware: { ...baseHardware(), g: { ...gpuHost(3), name: 'g' } },
      nodes: [{ role: 'compute', hardware: 'g', count: 1, placement: 'spread', namePrefix: 'gpu' }],
    });
    const fit = planCompute({ ...s, openstack: { ...s.openstack, flavors: { v2: flavor('v2', 4, 8, { 'resources:VGPU': '2' }) } } }, expandHosts(s).hosts).plan.hosts[0]!;
    expect(fit.providers!.map((p) => [p.name, p.inventory.total])).toEqual([
      ['gpu-01_l40s_0', 3],
      ['gpu-01_l40s_1', 3],
    ]);
    expect(fit.flavorFit[0]).toEqual({ flavor: 'v2', instances: 2, limitedBy: 'VGPU', exceedsMaxUnit: false });
  });

  it("a request above every provider's max_unit never schedules; a host without the class is no candidate", () => {
    const req = translateFlavor(flavor('v4', 4, 8, { 'resources:VGPU': '4' }), 'ceph').request;
    const inv = computeInventories(host32(), makeScenario().openstack);
    const providers = [0, 1].map((n) => ({
      name: `h_l40s_${n}`,
      device: 'l40s',
      inventory: { resourceClass: 'VGPU' as const, total: 3, reserved: 0, allocationRatio: 1, capacity: 3, maxUnit: 3 },
    }));
    expect(hostFlavorFit('v4', req, { inventories: inv, providers }, {}, LIMITS)).toEqual({ flavor: 'v4', instances: 0, limitedBy: 'VGPU', exceedsMaxUnit: true });
    expect(hostFlavorFit('v4', req, { inventories: inv }, {}, LIMITS)).toMatchObject({ instances: 0, exceedsMaxUnit: false, excludedBy: 'no VGPU inventory' });
  });

  it('traits and aggregate metadata exclude hosts', () => {
    const inv = computeInventories(host32(), makeScenario().openstack);
    const req = translateFlavor(flavor('n', 2, 4, { 'trait:CUSTOM_NFV': 'required', 'aggregate_instance_extra_specs:pinned': 'true' }), 'ceph').request;
    const aggregates = { nfv: { name: 'nfv', metadata: { pinned: 'true' } }, other: { name: 'other', metadata: {} } };
    expect(hostFlavorFit('n', req, { inventories: inv, traits: [] }, aggregates, LIMITS)).toMatchObject({
      instances: 0,
      limitedBy: 'TRAIT',
      excludedBy: 'trait CUSTOM_NFV required',
    });
    expect(hostFlavorFit('n', req, { inventories: inv, traits: ['CUSTOM_NFV'], aggregates: ['other'] }, aggregates, LIMITS)).toMatchObject({
      instances: 0,
      limitedBy: 'AGGREGATE',
    });
    // VCPU 64 × 4 / 2 = 128, memory (524,288 − 4,096) / 4,096 = 127 -> 127 by MEMORY_MB
    expect(hostFlavorFit('n', req, { inventories: inv, traits: ['CUSTOM_NFV'], aggregates: ['nfv'] }, aggregates, LIMITS)).toEqual({
      flavor: 'n',
      instances: 127,
      limitedBy: 'MEMORY_MB',
      exceedsMaxUnit: false,
    });
  });
});

describe('host groups: capacity, demand and N+1 per availability zone', () => {
  /** 2 hosts in az1 (r1), 2 in az2 (r2); 10 m1.xlarge pinned to az1, 30 anywhere. */
  function zoned(): Scenario {
    const base = makeScenario();
    return makeScenario({
      racks: [
        { name: 'r1', zone: 'az1', heightRu: 42 },
        { name: 'r2', zone: 'az2', heightRu: 42 },
      ],
      nodes: [{ role: 'compute', hardware: 'cmp-r760', count: 4, placement: 'spread', namePrefix: 'compute' }],
      demand: {
        instances: [
          { flavor: 'm1.xlarge', count: 10, availabilityZone: 'az1' },
          { flavor: 'm1.large', count: 30 },
        ],
        storageBytes: {},
        growth: { kind: 'compound', perMonth: 0 },
      },
      openstack: base.openstack,
      policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
  }

  it("a zone-pinned demand line makes a group of its zone's hosts, N+1 inside it", () => {
    const s = zoned();
    const { plan } = planCompute(s, expandHosts(s).hosts);
    // spread: compute-01 r1, compute-02 r2, compute-03 r1, compute-04 r2
    // one host: VCPU 128 × 4 = 512, MEMORY_MB 524,288 − 4,096 = 520,192
    // az1: 2 hosts -> VCPU 1,024, tolerated 512; demand 10 × 8 = 80 VCPU, 10 × 32,768 = 327,680 MiB
    expect(plan.groups).toEqual([
      {
        id: 'zone-az1',
        label: 'zone az1',
        hosts: ['compute-01', 'compute-03'],
        flavors: ['m1.xlarge'],
        demandLines: [0],
        totalCapacity: { VCPU: 1024, MEMORY_MB: 1_040_384 },
        toleratedCapacity: { VCPU: 512, MEMORY_MB: 520_192 },
        toleratedLosses: expect.any(Object),
        demandMonth0: { VCPU: 80, MEMORY_MB: 327_680 },
      },
    ]);
    // the capacity curves see the same groups
    expect(computeCapacity(s, expandHosts(s).hosts).groups).toEqual(plan.groups);
  });
});

describe('server groups with anti-affinity', () => {
  /** The base fleet: 3 compute hosts (one per rack), N+1; one anti-affinity group of m1.large. */
  function grouped(count: number, perMonth = 0): Scenario {
    return makeScenario({
      demand: { instances: [{ flavor: 'm1.large', count, serverGroupPolicy: 'anti-affinity' }], storageBytes: {}, growth: { kind: 'compound', perMonth } },
      policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    });
  }
  const findingsOf = (s: Scenario) =>
    planCompute(s, expandHosts(s).hosts)
      .findings.filter((f) => f.code === 'compute.server_group.too_few_hosts')
      .map((f) => [f.severity, f.month, f.value, f.limit]);

  it('n instances need n hosts, and n + 1 to survive the loss of one', () => {
    // 3 hosts take m1.large: a group of 2 has 3 − 1 = 2 >= 2; of 3: 3 − 1 = 2 < 3 (warning); of 4: 3 < 4 (error)
    expect(findingsOf(grouped(2))).toEqual([]);
    expect(findingsOf(grouped(3))).toEqual([['warning', 0, 3, 2]]);
    expect(findingsOf(grouped(4))).toEqual([['error', 0, 4, 3]]);
  });

  it('a growing group is reported from the month it outgrows the surviving hosts', () => {
    // 2 × 1.25^1 = 2.5 -> 3 instances in month 1 > 3 − 1
    expect(findingsOf(grouped(2, 0.25))).toEqual([['warning', 1, 3, 2]]);
  });
});
