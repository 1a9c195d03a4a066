import { describe, expect, it } from 'vitest';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { flavorFit, mixFit } from './fit.js';
import { computeInventories, flavorRequest, inventoryCapacity, logicalCpus } from './placement.js';

const GIB = 2 ** 30;
const MIB = 2 ** 20;

describe('Placement inventories (placement/objects/resource_provider.py; nova/conf/compute.py)', () => {
  // Reference worked example (formulas.md §1): 2 sockets × 32 cores × 2 threads = 128 logical CPUs,
  // 512 GiB = 524,288 MiB, cpu ratio 4.0, ram ratio 1.0, reserved_host_memory_mb 4096, reserved_host_cpus 0.
  const hw = baseHardware()['cmp-r760']!;
  const openstack = makeScenario().openstack; // ratios 4 / 1 / 1, reserved 4096 MiB, 0 cpus, ephemeral ceph

  it('reproduces the reference worked example exactly', () => {
    const inv = computeInventories(hw, openstack);
    // VCPU: total 2×32×2 = 128, reserved 0, capacity (128 − 0) × 4 = 512, max_unit = total = 128.
    expect(inv.find((i) => i.resourceClass === 'VCPU')).toEqual({
      resourceClass: 'VCPU',
      total: 128,
      reserved: 0,
      allocationRatio: 4,
      capacity: 512,
      maxUnit: 128,
    });
    // MEMORY_MB: total 512 × 1024 = 524,288 MiB, reserved 4,096, capacity (524,288 − 4,096) × 1 = 520,192.
    expect(inv.find((i) => i.resourceClass === 'MEMORY_MB')).toEqual({
      resourceClass: 'MEMORY_MB',
      total: 524_288,
      reserved: 4_096,
      allocationRatio: 1,
      capacity: 520_192,
      maxUnit: 524_288,
    });
    // Ephemeral on Ceph: no DISK_GB inventory is planned.
    expect(inv.map((i) => i.resourceClass)).toEqual(['VCPU', 'MEMORY_MB']);
    // Flavor 8 vCPU / 32 GiB: min(512 / 8 = 64, floor(520,192 / 32,768 = 15.875) = 15) = 15, memory-bound.
    const req = flavorRequest({ name: 'x', vcpus: 8, ramBytes: 32 * GIB, diskBytes: 0 }, 'ceph');
    expect(req).toEqual({ VCPU: 8, MEMORY_MB: 32_768 });
    expect(flavorFit('x', req, inv)).toEqual({ flavor: 'x', instances: 15, limitedBy: 'MEMORY_MB', exceedsMaxUnit: false });
  });

  it('logical CPUs = sockets × cores × threads', () => {
    expect(logicalCpus(hw)).toBe(128); // 2 × 32 × 2
  });

  it('subtracts reserved_host_cpus before applying the ratio', () => {
    // (128 − 2) × 4 = 504
    const inv = computeInventories(hw, { ...openstack, reserved: { ...openstack.reserved, hostCpus: 2 } });
    expect(inv[0]!.capacity).toBe(504);
  });

  it('reserved memory is in MiB and applies before the ram ratio', () => {
    // reserved_host_memory_mb 8192 (8 GiB), ram ratio 1.5: (524,288 − 8,192) × 1.5 = 516,096 × 1.5 = 774,144
    const inv = computeInventories(hw, {
      ...openstack,
      allocationRatio: { cpu: 4, ram: 1.5, disk: 1 },
      reserved: { ...openstack.reserved, hostMemoryBytes: 8 * GIB },
    });
    const mem = inv.find((i) => i.resourceClass === 'MEMORY_MB')!;
    expect(mem.reserved).toBe(8_192);
    expect(mem.capacity).toBe(774_144);
    expect(mem.maxUnit).toBe(524_288); // max_unit stays total, not capacity
  });

  it('capacity is not floored, and clamps at 0 when reserved exceeds total', () => {
    // (3 − 0) × 1.5 = 4.5 (Placement compares used + request <= capacity without flooring)
    expect(inventoryCapacity(3, 0, 1.5)).toBe(4.5);
    expect(inventoryCapacity(10, 12, 1)).toBe(0);
  });

  it('DISK_GB with local ephemeral disks: GiB, floor of total, ceil of reserved', () => {
    // 2 × 3.84 TB = 7.68e12 bytes / 2^30 = 7,152.557... GiB -> total 7,152
    // reserved_host_disk_mb 1,500 -> ceil(1,500 / 1,024 = 1.46) = 2 GiB (nova/compute/utils.py convert_mb_to_ceil_gb)
    // capacity (7,152 − 2) × 1.0 = 7,150
    const local = { ...hw, disks: [...hw.disks, { count: 2, sizeBytes: 3.84e12, kind: 'nvme' as const, use: 'ephemeral' as const }] };
    const inv = computeInventories(local, {
      ...openstack,
      ephemeralStorage: 'local',
      reserved: { ...openstack.reserved, hostDiskBytes: 1500 * MIB },
    });
    expect(inv.find((i) => i.resourceClass === 'DISK_GB')).toEqual({
      resourceClass: 'DISK_GB',
      total: 7_152,
      reserved: 2,
      allocationRatio: 1,
      capacity: 7_150,
      maxUnit: 7_152,
    });
  });
});

describe('flavor requests (nova/scheduler/utils.py resources_from_flavor)', () => {
  it('DISK_GB is GiB: an 80 GB disk asks ceil(80e9 / 2^30) = ceil(74.51) = 75 GiB, not 80', () => {
    const req = flavorRequest({ name: 'm1.large', vcpus: 4, ramBytes: 8 * GIB, diskBytes: 80e9 }, 'local');
    // VCPU 4; MEMORY_MB 8 × 1024 = 8,192 MiB; DISK_GB 75 GiB
    expect(req).toEqual({ VCPU: 4, MEMORY_MB: 8_192, DISK_GB: 75 });
  });

  it('omits DISK_GB when instance disks are on Ceph', () => {
    expect(flavorRequest({ name: 'f', vcpus: 2, ramBytes: 4 * GIB, diskBytes: 80e9 }, 'ceph')).toEqual({ VCPU: 2, MEMORY_MB: 4_096 });
  });

  it('rounds a non-MiB memory size up to whole MiB', () => {
    // 8 GB = 8e9 bytes / 2^20 = 7,629.39 MiB -> 7,630
    expect(flavorRequest({ name: 'f', vcpus: 1, ramBytes: 8e9, diskBytes: 0 }, 'ceph').MEMORY_MB).toBe(7_630);
  });
});

describe('flavor fit and max_unit', () => {
  const inv = computeInventories(baseHardware()['cmp-r760']!, makeScenario().openstack);

  it('a request above max_unit never fits, whatever the overcommitted capacity', () => {
    // 160 vCPU > max_unit 128 logical CPUs, although capacity 512 / 160 = 3.2
    expect(flavorFit('huge', { VCPU: 160, MEMORY_MB: 1024 }, inv)).toEqual({
      flavor: 'huge',
      instances: 0,
      limitedBy: 'VCPU',
      exceedsMaxUnit: true,
    });
    // 600 GiB = 614,400 MiB > max_unit 524,288 MiB
    expect(flavorFit('fat', { VCPU: 8, MEMORY_MB: 614_400 }, inv)).toMatchObject({ instances: 0, limitedBy: 'MEMORY_MB', exceedsMaxUnit: true });
  });

  it('a request equal to max_unit fits (request <= max_unit)', () => {
    // 128 vCPU = max_unit; floor(512 / 128) = 4; memory 1,024 MiB: floor(520,192 / 1,024) = 508 -> 4, VCPU
    expect(flavorFit('all', { VCPU: 128, MEMORY_MB: 1024 }, inv)).toEqual({ flavor: 'all', instances: 4, limitedBy: 'VCPU', exceedsMaxUnit: false });
  });

  it('a DISK_GB request on a host without a DISK_GB inventory never fits', () => {
    expect(flavorFit('d', { VCPU: 1, MEMORY_MB: 1, DISK_GB: 10 }, inv)).toMatchObject({ instances: 0, limitedBy: 'DISK_GB', exceedsMaxUnit: true });
  });
});

describe('mixFit (headroom [model])', () => {
  it('counts average instances of the mix by the class that runs out first', () => {
    // 3 hosts: VCPU 3 × 512 = 1,536; MEMORY_MB 3 × 520,192 = 1,560,576.
    // 10 × (4 vCPU, 8,192 MiB) + 10 × (8 vCPU, 32,768 MiB): VCPU 120, MEMORY_MB 409,600, 20 instances
    // per instance 6 vCPU and 20,480 MiB: VCPU 1,536 / 6 = 256; MEMORY_MB 1,560,576 / 20,480 = 76.2 -> 76
    expect(mixFit({ VCPU: 1536, MEMORY_MB: 1_560_576 }, { VCPU: 120, MEMORY_MB: 409_600 }, 20)).toEqual({
      mixInstancesFit: 76,
      bottleneck: 'MEMORY_MB',
    });
  });

  it('is 0 with no bottleneck when there is no demand', () => {
    expect(mixFit({ VCPU: 1536 }, { VCPU: 0, MEMORY_MB: 0 }, 0)).toEqual({ mixInstancesFit: 0, bottleneck: null });
  });
});
