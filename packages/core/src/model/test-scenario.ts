/**
 * Test helper: builders of valid normalized Scenario objects (what `normalize` returns),
 * so the evaluation can be tested without the YAML parser. Every call returns fresh
 * objects; overrides replace whole top-level keys (shallow), so a test states exactly
 * what it changes.
 *
 * Base scenario: 3 controllers, 3 compute hosts (2 × 32 cores × 2 threads, 512 GiB),
 * 4 storage hosts (10 × 8 TB HDD OSDs, one 1.6 TB NVMe WAL/DB), spread over 3 racks in 3 zones; one replicated
 * size-3 pool with share 1; ephemeral on Ceph; no demand growth.
 */
import type { HardwareModel, Scenario } from './scenario.js';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** Base hardware models by name: ctl-r660, cmp-r760, sto-r760xd2, small-r250. */
export function baseHardware(): Record<string, HardwareModel> {
  return {
    'ctl-r660': {
      name: 'ctl-r660',
      model: 'Dell PowerEdge R660',
      heightRu: 1,
      cpu: { model: 'Intel Xeon Gold 6430', sockets: 2, coresPerSocket: 32, threadsPerCore: 2, virtualization: 'vt-x' },
      memory: { sizeBytes: 256 * GIB, ecc: true },
      disks: [
        { count: 2, sizeBytes: 960e9, kind: 'nvme', use: 'os' },
        { count: 2, sizeBytes: 3.84e12, kind: 'nvme', use: 'database' },
      ],
      nics: [
        { ports: 2, speedBitsPerSecond: 25e9 },
        { ports: 2, speedBitsPerSecond: 25e9 },
      ],
      power: { typicalWatts: 450, maxWatts: 800 },
    },
    'cmp-r760': {
      name: 'cmp-r760',
      model: 'Dell PowerEdge R760',
      heightRu: 2,
      cpu: { model: 'Intel Xeon Gold 6430', sockets: 2, coresPerSocket: 32, threadsPerCore: 2, virtualization: 'vt-x' },
      memory: { sizeBytes: 512 * GIB, ecc: true },
      disks: [{ count: 2, sizeBytes: 960e9, kind: 'nvme', use: 'os' }],
      nics: [{ ports: 2, speedBitsPerSecond: 25e9 }],
    },
    'sto-r760xd2': {
      name: 'sto-r760xd2',
      model: 'Dell PowerEdge R760xd2',
      heightRu: 2,
      cpu: { model: 'Intel Xeon Silver 4410Y', sockets: 1, coresPerSocket: 12, threadsPerCore: 2, virtualization: 'vt-x' },
      memory: { sizeBytes: 128 * GIB, ecc: true },
      disks: [
        { count: 2, sizeBytes: 480e9, kind: 'ssd', use: 'os' },
        { count: 10, sizeBytes: 8e12, kind: 'hdd', use: 'osd' },
        { count: 1, sizeBytes: 1.6e12, kind: 'nvme', use: 'wal-db' }, // 160 GB per HDD OSD: 2 % of 8 TB
      ],
      nics: [{ ports: 2, speedBitsPerSecond: 25e9 }],
    },
    'small-r250': {
      name: 'small-r250',
      model: 'Dell PowerEdge R250',
      heightRu: 1,
      cpu: { model: 'Intel Xeon E-2314', sockets: 1, coresPerSocket: 4, threadsPerCore: 1, virtualization: 'vt-x' },
      memory: { sizeBytes: 32 * GIB, ecc: true },
      disks: [{ count: 1, sizeBytes: 960e9, kind: 'ssd', use: 'os' }],
      nics: [{ ports: 2, speedBitsPerSecond: 1e9 }],
    },
  };
}

/** A valid normalized scenario; `overrides` replace whole top-level keys. */
export function makeScenario(overrides: Partial<Scenario> = {}): Scenario {
  const base: Scenario = {
    schemaVersion: 1,
    name: 'Test cloud',
    start: '2027-01',
    horizonMonths: 24,
    hardware: baseHardware(),
    racks: [
      { name: 'r1', zone: 'az1', heightRu: 42 },
      { name: 'r2', zone: 'az2', heightRu: 42 },
      { name: 'r3', zone: 'az3', heightRu: 42 },
    ],
    nodes: [
      { role: 'control', hardware: 'ctl-r660', count: 3, placement: 'spread', namePrefix: 'control' },
      { role: 'compute', hardware: 'cmp-r760', count: 3, placement: 'spread', namePrefix: 'compute' },
      { role: 'storage', hardware: 'sto-r760xd2', count: 4, placement: 'spread', namePrefix: 'storage' },
    ],
    openstack: {
      allocationRatio: { cpu: 4, ram: 1, disk: 1 },
      reserved: { hostMemoryBytes: 4096 * MIB, hostCpus: 0, hostDiskBytes: 0 },
      instanceMemoryOverheadBytes: 512 * 2 ** 20,
      ephemeralStorage: 'ceph',
      flavors: {
        'm1.large': { name: 'm1.large', vcpus: 4, ramBytes: 8 * GIB, diskBytes: 80e9 },
        'm1.xlarge': { name: 'm1.xlarge', vcpus: 8, ramBytes: 32 * GIB, diskBytes: 160e9 },
      },
    },
    ceph: {
      failureDomain: 'host',
      ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 },
      pools: [{ name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 1 }],
    },
    demand: {
      instances: [],
      storageBytes: {},
      growth: { kind: 'compound', perMonth: 0 },
    },
    policy: {
      tolerate: { hosts: 0, racks: 0 },
      thresholds: { compute: 0.8, storage: 0.85 },
    },
    requirements: {
      control: { minPhysicalCores: 16, minMemoryBytes: 64 * GIB, minNicPorts: 2, requireEcc: true, requireNvmeDatabase: true },
      compute: { requireVirtualization: true, requireEcc: true },
      storage: { memoryPerOsdBytes: 4 * GIB, requireEcc: true },
      deploy: {},
    },
  };
  return { ...base, ...overrides };
}
