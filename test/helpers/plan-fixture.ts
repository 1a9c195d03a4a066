/**
 * A small, hand-made PlanResult for CLI unit tests (formatting and exit codes), so they do
 * not depend on core's evaluate(). The numbers are made up but consistent with each other.
 */
import type { Finding, PlanResult, Scenario } from '../../packages/core/src/index.js';

export const fixtureScenario: Scenario = {
  schemaVersion: 1,
  name: 'Fixture cloud',
  start: '2027-01',
  horizonMonths: 3,
  hardware: {
    'cmp-r760': {
      name: 'cmp-r760',
      model: 'Dell PowerEdge R760',
      heightRu: 2,
      cpu: { model: 'Xeon', sockets: 2, coresPerSocket: 32, threadsPerCore: 2, virtualization: 'vt-x' },
      memory: { sizeBytes: 512 * 2 ** 30, ecc: true },
      disks: [{ count: 2, sizeBytes: 960e9, kind: 'nvme', use: 'os' }],
      nics: [{ ports: 2, speedBitsPerSecond: 25e9 }],
    },
  },
  racks: [{ name: 'r1', zone: 'az1', heightRu: 42 }],
  nodes: [
    { role: 'control', hardware: 'cmp-r760', count: 3, placement: 'spread', namePrefix: 'control' },
    { role: 'compute', hardware: 'cmp-r760', count: 2, placement: 'spread', namePrefix: 'compute' },
  ],
  openstack: {
    allocationRatio: { cpu: 4, ram: 1, disk: 1 },
    reserved: { hostMemoryBytes: 8 * 2 ** 30, hostCpus: 2, hostDiskBytes: 0 },
    instanceMemoryOverheadBytes: 512 * 2 ** 20,
    ephemeralStorage: 'ceph',
    flavors: { 'm1.large': { name: 'm1.large', vcpus: 4, ramBytes: 8 * 2 ** 30, diskBytes: 80e9 } },
  },
  ceph: {
    failureDomain: 'host',
    ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 },
    pools: [{ name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 1 }],
  },
  demand: { instances: [{ flavor: 'm1.large', count: 40 }], storageBytes: { volumes: 40e12 }, growth: { kind: 'compound', perMonth: 0.1 } },
  policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
  requirements: { control: {}, compute: {}, storage: {}, deploy: {} },
};

const findings: Finding[] = [
  {
    code: 'runway.short',
    severity: 'warning',
    subject: 'resource compute.vcpu',
    message: 'vCPU demand crosses 80% of capacity',
    month: 2,
  },
  { code: 'role.ecc_unknown', severity: 'info', subject: 'role compute', message: 'ECC memory is not stated' },
];

/** Builds the fixture plan; `overrides` replaces top-level fields. */
export function fixturePlan(overrides: Partial<PlanResult> = {}): PlanResult {
  const month = (index: number, month: string, vcpuUse: number, poolUse: number) => ({
    index,
    month,
    resources: {
      'compute.vcpu': {
        demand: vcpuUse * 248,
        capacity: 496,
        capacityTolerated: 248,
        thresholdLevel: 198.4, // 248 x 0.8
        utilisation: (vcpuUse * 248) / 496,
        utilisationTolerated: vcpuUse,
      },
      'compute.memory': {
        demand: 327680,
        capacity: 1032192,
        capacityTolerated: 516096,
        thresholdLevel: 412876.8, // 516,096 x 0.8
        utilisation: 0.3175,
        utilisationTolerated: 0.635,
      },
      'storage.pool.volumes': {
        demand: poolUse * 69.632e12,
        capacity: 104.448e12,
        capacityTolerated: 69.632e12,
        thresholdLevel: 59.1872e12, // 69.632e12 x 0.85
        utilisation: (poolUse * 69.632e12) / 104.448e12,
        utilisationTolerated: poolUse,
      },
    },
  });
  return {
    schemaVersion: 2,
    generator: { name: 'headroom', version: '0.1.0' },
    scenario: fixtureScenario,
    hosts: [
      { name: 'control-01', role: 'control', hardware: 'cmp-r760', rack: 'r1', zone: 'az1' },
      { name: 'control-02', role: 'control', hardware: 'cmp-r760', rack: 'r1', zone: 'az1' },
      { name: 'control-03', role: 'control', hardware: 'cmp-r760', rack: 'r1', zone: 'az1' },
      { name: 'compute-01', role: 'compute', hardware: 'cmp-r760', rack: 'r1', zone: 'az1' },
      { name: 'compute-02', role: 'compute', hardware: 'cmp-r760', rack: 'r1', zone: 'az1' },
    ],
    compute: {
      ephemeralStorage: 'ceph',
      hosts: [],
      totalCapacity: { VCPU: 496, MEMORY_MB: 1032192 },
      toleratedCapacity: { VCPU: 248, MEMORY_MB: 516096 },
      toleratedLosses: {
        VCPU: { kind: 'hosts', domains: ['compute-02'], hosts: ['compute-02'], capacity: 248 },
        MEMORY_MB: { kind: 'hosts', domains: ['compute-02'], hosts: ['compute-02'], capacity: 516096 },
      },
      toleratedHostsRemoved: ['compute-02'],
      demandMonth0: { VCPU: 160, MEMORY_MB: 327680 },
      mixInstancesFit: 124,
      bottleneck: 'VCPU',
    },
    storage: {
      rawBytes: 368.64e12,
      osdCount: 36,
      failureDomain: 'host',
      failureDomains: [],
      toleratedRawBytes: 245.76e12,
      toleratedDomainsRemoved: ['storage-01'],
    },
    controlPlane: { controllers: 3, quorum: 2, toleratedFailures: 1 },
    roleChecks: [],
    resources: [
      { id: 'compute.vcpu', label: 'Compute vCPU', unit: 'vCPU', threshold: 0.8, runwayMonths: 2, runwayMonthsAllHosts: null },
      { id: 'compute.memory', label: 'Compute memory', unit: 'MiB', threshold: 0.8, runwayMonths: null, runwayMonthsAllHosts: null },
      { id: 'storage.pool.volumes', label: 'Pool volumes', unit: 'bytes', threshold: 0.85, runwayMonths: null, runwayMonthsAllHosts: null },
    ],
    months: [month(0, '2027-01', 0.645, 0.574), month(1, '2027-02', 0.71, 0.632), month(2, '2027-03', 0.781, 0.695)],
    bottleneck: { resource: 'compute.vcpu', runwayMonths: 2, month: '2027-03' },
    findings,
    summary: { error: 0, warning: 1, info: 1 },
    ...overrides,
  };
}
