/**
 * A flavor with its extra specs becomes the Placement request Nova makes of it, plus the
 * constraints Placement does not see (the instance NUMA topology the NUMATopologyFilter
 * checks, the aggregate metadata the AggregateInstanceExtraSpecsFilter matches).
 *
 * Sources: openstack/nova `nova/scheduler/utils.py` (`ResourceRequest.from_request_spec`:
 * `resources[$S]:<CLASS>` and `trait[$S]:<NAME>` extra specs, then
 * `_translate_pinning_policies`, then VCPU / MEMORY_MB / DISK_GB from the flavor unless an
 * extra spec gave them; `strip_zeros`), `nova/virt/hardware.py` (`numa_get_constraints`,
 * `get_dedicated_cpu_constraint`, `_get_numa_pagesize_constraint`,
 * `_get_numa_topology_auto`), `nova/scheduler/filters/aggregate_instance_extra_specs.py`.
 */
import type { Flavor, OpenStackPolicy } from '../model/scenario.js';
import type { ResourceClass } from '../model/plan.js';
import { GIB, MIB } from '../units/format.js';
import { parseCpuSpec } from './cpu-sets.js';

/** Requested page size: small (4 KiB), large (any huge page), any, or a size in KiB (hw:mem_page_size). */
export type PageSizeRequest = 'small' | 'large' | 'any' | number;

/** The instance NUMA topology (nova/virt/hardware.py numa_get_constraints -> _get_numa_topology_auto). */
export interface InstanceNuma {
  /** Guest NUMA cells: hw:numa_nodes, else 1. Each lands on its own host cell. */
  nodes: number;
  policy: 'shared' | 'dedicated' | 'mixed';
  /** Per guest cell: pinned vCPUs, shared vCPUs, memory MiB (flavor split evenly: vcpus / nodes, memory_mb / nodes). */
  cellPcpus: number;
  cellVcpus: number;
  cellMemoryMib: number;
  /** hw:mem_page_size; null: none requested. */
  pageSize: PageSizeRequest | null;
  /** hw:emulator_threads_policy=isolate: one more PCPU, on the first guest cell (cpuset_reserved). */
  emulatorPcpus: number;
}

/** What Nova asks Placement for one instance of a flavor, and what the NUMA and aggregate filters check. */
export interface FlavorPlacementRequest {
  /** The unsuffixed request group: amount per resource class (zeros stripped). */
  resources: Partial<Record<ResourceClass, number>>;
  requiredTraits: string[];
  forbiddenTraits: string[];
  /** aggregate_instance_extra_specs:<key> = <value>: every key must match the metadata of one of the host's aggregates. */
  aggregateMetadata: Record<string, string>;
  /** The instance NUMA topology; null: the instance floats over the host (no NUMA constraint). */
  numa: InstanceNuma | null;
}

/** One problem with an extra spec, for scenario/compute-references.ts (`key` is the extra spec's key). */
export interface ExtraSpecProblem {
  key: string;
  message: string;
  /** What Nova accepts instead. */
  hint: string;
}

const RESOURCE_KEY = /^resources([A-Za-z0-9_-]*):([A-Z][A-Z0-9_]*)$/;
const TRAIT_KEY = /^trait([A-Za-z0-9_-]*):([A-Z][A-Z0-9_]*)$/;
const AGGREGATE_KEY = /^aggregate_instance_extra_specs:(.+)$/;

/**
 * hw:mem_page_size as Nova reads it: small | large | any, a bare integer (KiB), or a size
 * with a unit read as oslo strutils.string_to_bytes does (IEC: "2MB" = "2MiB" = 2,048 KiB,
 * "1GB" = 1,048,576 KiB). Null when unreadable (exception.MemoryPageSizeInvalid).
 */
export function parsePageSize(value: string): PageSizeRequest | null {
  const v = value.trim();
  if (v === 'small' || v === 'large' || v === 'any') return v;
  if (/^\d+$/.test(v)) return Number(v);
  const m = /^(\d+)\s*([KMGT])?i?(B|b|bit)$/.exec(v);
  if (!m) return null;
  const exp = { K: 1, M: 2, G: 3, T: 4 }[m[2] as 'K' | 'M' | 'G' | 'T'] ?? 0;
  const bytes = Number(m[1]) * 1024 ** exp;
  return bytes / 1024;
}

/**
 * The Placement request and constraints of one instance of `flavor`, and the problems with
 * its extra specs (Nova's API refuses such a flavor at boot; headroom reports them with
 * line:col and plans without the bad key):
 * 1. `resources:<CLASS>=n` (any group suffix, merged: headroom plans the unsuffixed group)
 *    sets the amount of CLASS; `trait:<NAME>=required|forbidden`;
 * 2. hw:cpu_policy: dedicated -> PCPU = vcpus and no VCPU; mixed -> PCPU = the vCPUs of
 *    hw:cpu_dedicated_mask, VCPU = the rest; shared (default) -> VCPU = vcpus;
 *    hw:emulator_threads_policy=isolate adds one PCPU (dedicated or mixed);
 *    hw:cpu_thread_policy isolate -> HW_CPU_HYPERTHREADING forbidden, require -> required;
 *    a cpu policy together with resources:VCPU or resources:PCPU is a conflict;
 * 3. VCPU, MEMORY_MB, DISK_GB from the flavor unless step 1 or 2 gave them (MEMORY_MB =
 *    ceil(ram / 2^20), DISK_GB = ceil(disk / 2^30) only with local instance disks);
 * 4. zero amounts are stripped.
 * The NUMA topology exists when hw:numa_nodes, hw:mem_page_size or a dedicated/mixed policy
 * is set: nodes = hw:numa_nodes or 1; vcpus and memory must divide evenly by nodes
 * (ImageNUMATopologyAsymmetric); pinned vCPUs are split in the same runs.
 */
export function translateFlavor(flavor: Flavor, ephemeralStorage: OpenStackPolicy['ephemeralStorage']): { request: FlavorPlacementRequest; problems: ExtraSpecProblem[] } {
  const specs = flavor.extraSpecs ?? {};
  const problems: ExtraSpecProblem[] = [];
  const resources: Partial<Record<ResourceClass, number>> = {};
  const required: string[] = [];
  const forbidden: string[] = [];
  const aggregateMetadata: Record<string, string> = {};
  const explicit = new Set<string>();
  for (const [key, value] of Object.entries(specs)) {
    const res = RESOURCE_KEY.exec(key);
    if (res) {
      const rc = res[2] as ResourceClass;
      if (!/^\d+$/.test(value.trim())) {
        problems.push({ key, message: `${key} must be a whole number of ${rc}, not "${value}"`, hint: `e.g. ${key}: 1` });
        continue;
      }
      resources[rc] = (resources[rc] ?? 0) + Number(value);
      explicit.add(rc);
      continue;
    }
    const tr = TRAIT_KEY.exec(key);
    if (tr) {
      if (value === 'required') required.push(tr[2]!);
      else if (value === 'forbidden') forbidden.push(tr[2]!);
      else problems.push({ key, message: `${key} must be "required" or "forbidden", not "${value}"`, hint: `${key}: required` });
      continue;
    }
    const ag = AGGREGATE_KEY.exec(key);
    if (ag) aggregateMetadata[ag[1]!] = value;
  }

  const policyRaw = specs['hw:cpu_policy'];
  let policy: InstanceNuma['policy'] = 'shared';
  if (policyRaw !== undefined) {
    if (policyRaw === 'shared' || policyRaw === 'dedicated' || policyRaw === 'mixed') policy = policyRaw;
    else
      problems.push({
        key: 'hw:cpu_policy',
        message: `hw:cpu_policy must be shared, dedicated or mixed, not "${policyRaw}"`,
        hint: 'dedicated pins every vCPU (PCPU); mixed pins those of hw:cpu_dedicated_mask',
      });
    if (explicit.has('VCPU') || explicit.has('PCPU'))
      problems.push({
        key: 'hw:cpu_policy',
        message: 'hw:cpu_policy cannot be combined with resources:VCPU or resources:PCPU (Nova refuses the flavor)',
        hint: 'keep one of the two: the policy, or the explicit resources',
      });
  } else if (explicit.has('PCPU')) {
    policy = 'dedicated';
  }
  let pcpus = 0;
  if (policy === 'dedicated') pcpus = flavor.vcpus;
  if (policy === 'mixed') {
    const mask = specs['hw:cpu_dedicated_mask'];
    const parsed = mask === undefined ? null : parseCpuSpec(mask.trim().startsWith('^') ? `0-${flavor.vcpus - 1},${mask}` : mask);
    if (parsed === null || !parsed.ok || parsed.cpus.length === 0 || parsed.cpus.length >= flavor.vcpus || parsed.cpus.some((c) => c >= flavor.vcpus)) {
      problems.push({
        key: mask === undefined ? 'hw:cpu_policy' : 'hw:cpu_dedicated_mask',
        message: `hw:cpu_policy=mixed needs hw:cpu_dedicated_mask naming some but not all of the ${flavor.vcpus} vCPUs (0-${flavor.vcpus - 1})`,
        hint: 'e.g. hw:cpu_dedicated_mask: "^0-1" (every vCPU but 0 and 1 pinned)',
      });
      policy = 'shared';
    } else {
      pcpus = parsed.cpus.length;
    }
  }
  const emulator = specs['hw:emulator_threads_policy'] === 'isolate' && policy !== 'shared' ? 1 : 0;
  if (!explicit.has('VCPU') && !explicit.has('PCPU')) {
    if (policy === 'dedicated') resources.PCPU = pcpus + emulator;
    else if (policy === 'mixed') {
      resources.PCPU = pcpus + emulator;
      resources.VCPU = flavor.vcpus - pcpus;
    } else resources.VCPU = flavor.vcpus;
  }
  const thread = specs['hw:cpu_thread_policy'];
  if (thread !== undefined) {
    if (thread === 'isolate') forbidden.push('HW_CPU_HYPERTHREADING');
    else if (thread === 'require') required.push('HW_CPU_HYPERTHREADING');
    else if (thread !== 'prefer')
      problems.push({
        key: 'hw:cpu_thread_policy',
        message: `hw:cpu_thread_policy must be prefer, isolate or require, not "${thread}"`,
        hint: 'isolate: hosts without SMT; require: hosts with SMT; prefer: any',
      });
  }
  const memMib = Math.ceil(flavor.ramBytes / MIB);
  if (!explicit.has('MEMORY_MB')) resources.MEMORY_MB = memMib;
  if (!explicit.has('DISK_GB') && ephemeralStorage === 'local') resources.DISK_GB = Math.ceil(flavor.diskBytes / GIB);
  for (const [rc, n] of Object.entries(resources)) if (!((n ?? 0) > 0)) delete resources[rc as ResourceClass];

  let pageSize: PageSizeRequest | null = null;
  const pageRaw = specs['hw:mem_page_size'];
  if (pageRaw !== undefined) {
    pageSize = parsePageSize(pageRaw);
    if (pageSize === null)
      problems.push({
        key: 'hw:mem_page_size',
        message: `hw:mem_page_size must be small, large, any or a page size such as 2MB or 1GB, not "${pageRaw}"`,
        hint: 'large: any huge page size the host has; 1GB or 2MB: that size',
      });
  }
  let nodes: number | null = null;
  const nodesRaw = specs['hw:numa_nodes'];
  if (nodesRaw !== undefined) {
    if (/^\d+$/.test(nodesRaw.trim()) && Number(nodesRaw) >= 1) nodes = Number(nodesRaw);
    else
      problems.push({
        key: 'hw:numa_nodes',
        message: `hw:numa_nodes must be a whole number of NUMA nodes (1 or more), not "${nodesRaw}"`,
        hint: 'hw:numa_nodes: 1 keeps the guest on one host NUMA node',
      });
  }
  let numa: InstanceNuma | null = null;
  if (nodes !== null || pageSize !== null || policy !== 'shared') {
    const n = nodes ?? 1;
    if (flavor.vcpus % n !== 0 || memMib % n !== 0 || pcpus % n !== 0) {
      problems.push({
        key: 'hw:numa_nodes',
        message: `${flavor.vcpus} vCPUs${pcpus > 0 && pcpus !== flavor.vcpus ? ` (${pcpus} pinned)` : ''} and ${memMib} MiB do not split evenly over ${n} NUMA nodes (Nova: ImageNUMATopologyAsymmetric)`,
        hint: 'choose a node count that divides the vCPUs and the memory, or give hw:numa_cpus.N / hw:numa_mem.N (not planned by headroom)',
      });
    } else {
      numa = { nodes: n, policy, cellPcpus: pcpus / n, cellVcpus: (flavor.vcpus - pcpus) / n, cellMemoryMib: memMib / n, pageSize, emulatorPcpus: emulator };
    }
  }
  return { request: { resources, requiredTraits: required, forbiddenTraits: forbidden, aggregateMetadata, numa }, problems };
}
