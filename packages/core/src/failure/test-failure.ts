/**
 * Test helper for the failure analysis: small scenarios whose numbers are easy to work by
 * hand, built on model/test-scenario.ts (3 racks r1-r3 in zones az1-az3, no demand growth).
 */
import type { HardwareModel, NodeGroup, Scenario } from '../model/scenario.js';
import { analyzeFailures } from './analyze.js';
import { planCompute } from '../compute/compute-plan.js';
import { expandHosts } from '../fleet/hosts.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import type { FailureHooks } from './hooks.js';

const GIB = 2 ** 30;

/**
 * Hardware for hand-worked cases:
 * - `sto-30`: 3 OSDs x 10 TB = 30 TB raw (1 x 4 cores, 64 GiB);
 * - `cmp-20`: 1 x 10 cores x 2 threads = 20 logical CPUs, 20 GiB: with ratios 1.0 and nothing
 *   reserved, Placement capacity VCPU 20 and MEMORY_MB 20,480 MiB, max_unit the same.
 */
export function handHardware(): Record<string, HardwareModel> {
  const base = baseHardware();
  return {
    ...base,
    'sto-30': {
      ...base['sto-r760xd2']!,
      name: 'sto-30',
      disks: [{ count: 3, sizeBytes: 10e12, kind: 'hdd', use: 'osd' }],
    },
    'cmp-20': {
      ...base['cmp-r760']!,
      name: 'cmp-20',
      cpu: { ...base['cmp-r760']!.cpu, sockets: 1, coresPerSocket: 10, threadsPerCore: 2 },
      memory: { sizeBytes: 20 * GIB, ecc: true },
    },
  };
}

/** A node group. */
export function group(role: NodeGroup['role'], hardware: string, count: number, extra: Partial<NodeGroup> = {}): NodeGroup {
  return { role, hardware, count, placement: 'spread', namePrefix: role, ...extra };
}

/** A scenario on the hand hardware; `over` replaces top-level keys (policy is merged). */
export function handScenario(over: Partial<Scenario> & { policyOver?: Partial<Scenario['policy']> } = {}): Scenario {
  const base = makeScenario({ hardware: handHardware() });
  const { policyOver, ...rest } = over;
  return makeScenario({
    ...base,
    openstack: { ...base.openstack, allocationRatio: { cpu: 1, ram: 1, disk: 1 }, reserved: { hostMemoryBytes: 0, hostCpus: 0, hostDiskBytes: 0 } },
    ...rest,
    policy: { ...base.policy, ...(rest.policy ?? {}), ...(policyOver ?? {}) },
  });
}

/** evaluate's failure step alone: hosts, compute plan, analyzeFailures. */
export function analyze(s: Scenario, hooks: FailureHooks = {}) {
  const hosts = expandHosts(s).hosts;
  return analyzeFailures(s, hosts, planCompute(s, hosts).plan, hooks);
}

/** The impact of one domain on one subsystem. */
export function impactOf(r: ReturnType<typeof analyze>, domain: string, subsystem: string) {
  return r.plan.impacts.find((i) => i.domain === domain && i.subsystem === subsystem);
}
