/**
 * Host CPU sets: which logical CPUs of a host Nova offers as VCPU (shared, overcommitted at
 * cpu_allocation_ratio) and which as PCPU (dedicated to pinned vCPUs, ratio 1.0), and on
 * which NUMA node each one sits.
 *
 * Sources: openstack/nova `nova/virt/hardware.py` (`parse_cpu_spec`, `get_cpu_dedicated_set`,
 * `get_cpu_shared_set`), `nova/virt/libvirt/driver.py` (`_check_cpu_set_configuration`: the
 * two sets must be disjoint and reserved_host_cpus must be unset alongside them;
 * `_get_vcpu_available`: shared set, else none when only the dedicated set is given, else
 * every online CPU; `_get_pcpu_available`; `update_provider_tree`: PCPU allocation_ratio 1,
 * reserved 0, max_unit = total), doc/source/admin/cpu-topologies.rst.
 */
import type { HardwareModel } from '../model/scenario.js';

/** The most logical CPU id a set may name: 8 sockets × 512 cores × 8 threads (the schema's maximums). */
export const MAX_CPU_ID = 8 * 512 * 8 - 1;

/**
 * Nova's `parse_cpu_spec`: comma-separated items, each a CPU id ("6"), a range ("1-4"), an
 * excluded id ("^3") or an excluded range ("^8-9"); exclusions apply after every inclusion.
 * "1-4,^3,6" -> [1, 2, 4, 6]. Returns the ids sorted, or the first bad item (Nova raises
 * exception.Invalid: "Invalid range expression", "Invalid exclusion expression", ...).
 */
export function parseCpuSpec(spec: string): { ok: true; cpus: number[] } | { ok: false; error: string } {
  const include = new Set<number>();
  const reject = new Set<number>();
  const int = (s: string): number | null => (/^\s*\d+\s*$/.test(s) ? Number(s) : null);
  for (const raw of spec.split(',')) {
    const rule = raw.trim();
    if (rule.length === 0) continue;
    const dash = rule.indexOf('-');
    if (dash >= 0) {
      let left = rule.slice(0, dash);
      const excl = left.startsWith('^');
      if (excl) left = left.slice(1);
      const start = int(left);
      const end = int(rule.slice(dash + 1));
      if (start === null || end === null || start > end) return { ok: false, error: `invalid range expression "${rule}"` };
      if (end > MAX_CPU_ID) return { ok: false, error: `CPU ${end} is beyond the largest CPU id a host can have (${MAX_CPU_ID})` };
      for (let i = start; i <= end; i++) (excl ? reject : include).add(i);
    } else if (rule.startsWith('^')) {
      const id = int(rule.slice(1));
      if (id === null) return { ok: false, error: `invalid exclusion expression "${rule}"` };
      reject.add(id);
    } else {
      const id = int(rule);
      if (id === null) return { ok: false, error: `invalid inclusion expression "${rule}"` };
      if (id > MAX_CPU_ID) return { ok: false, error: `CPU ${id} is beyond the largest CPU id a host can have (${MAX_CPU_ID})` };
      include.add(id);
    }
  }
  return { ok: true, cpus: [...include].filter((c) => !reject.has(c)).sort((a, b) => a - b) };
}

/**
 * NUMA node of logical CPU `id`, with Linux's x86 enumeration: ids 0 .. P−1 are the first
 * thread of each physical core (P = sockets × coresPerSocket, socket 0's cores first), ids
 * P .. 2P−1 their second threads in the same order, and so on; the P cores are split into
 * `nodes` equal runs (one per socket by default; 2 per socket with sub-NUMA clustering):
 *   node(id) = floor((id mod P) / (P / nodes)).
 * 2 × 16 cores × 2 threads, 2 nodes: CPU 5 and its sibling 37 on node 0, CPU 20 and 52 on node 1.
 * Source: the kernel's CPU enumeration (lscpu -e), as libvirt reports it in its capabilities.
 */
export function numaNodeOfCpu(hw: HardwareModel, id: number, nodes: number): number {
  const physical = hw.cpu.sockets * hw.cpu.coresPerSocket;
  const perNode = physical / nodes;
  return Math.min(nodes - 1, Math.floor((id % physical) / perNode));
}

/** The host's logical CPUs Nova uses for VCPU and for PCPU (ids, sorted). */
export interface HostCpuSets {
  /** CPUs reported as VCPU: cpu_shared_set, else none with only cpu_dedicated_set, else every logical CPU. */
  shared: number[];
  /** CPUs reported as PCPU: cpu_dedicated_set, else none. */
  dedicated: number[];
  /** True when the model sets cpu_dedicated_set or cpu_shared_set. */
  configured: boolean;
}

/**
 * The VCPU and PCPU CPUs of a host of model `hw` (libvirt `_get_vcpu_available`,
 * `_get_pcpu_available`): without either set every logical CPU (sockets × cores × threads)
 * is VCPU; with cpu_shared_set those CPUs are VCPU; with only cpu_dedicated_set there is no
 * VCPU; cpu_dedicated_set is PCPU. CPUs beyond the host's logical CPUs are dropped (Nova
 * refuses to start: scenario/compute-references.ts reports them), as are unparsable sets.
 */
export function hostCpuSets(hw: HardwareModel): HostCpuSets {
  const logical = hw.cpu.sockets * hw.cpu.coresPerSocket * hw.cpu.threadsPerCore;
  const parse = (s: string | undefined): number[] | null => {
    if (s === undefined) return null;
    const r = parseCpuSpec(s);
    return r.ok ? r.cpus.filter((c) => c < logical) : [];
  };
  const dedicated = parse(hw.nova?.cpuDedicatedSet);
  const shared = parse(hw.nova?.cpuSharedSet);
  const all = Array.from({ length: logical }, (_, i) => i);
  if (dedicated === null && shared === null) return { shared: all, dedicated: [], configured: false };
  return { shared: shared ?? [], dedicated: dedicated ?? [], configured: true };
}
