/**
 * Nova API responses: `GET /os-hypervisors/detail` and `GET /flavors/detail`
 * (`openstack hypervisor list --long -f json` prints other names: give the API response).
 *
 * Hypervisor fields (nova api-ref, "List Hypervisors Details"): vcpus (physical CPUs),
 * memory_mb (MiB), local_gb (GiB), and usage vcpus_used, memory_mb_used (which includes
 * reserved_host_memory_mb), local_gb_used, running_vms. From microversion 2.88 all of these
 * are gone from the response: capacity and usage must come from Placement, and this says so
 * (`openstack.usage.absent`). cpu_info is an object, or a JSON string in older releases.
 *
 * hypervisorInventories mirrors what nova-compute reports to Placement for a libvirt host
 * (nova/virt/libvirt/driver.py update_provider_tree): VCPU total = vcpus, reserved =
 * reserved_host_cpus; MEMORY_MB total = memory_mb, reserved = reserved_host_memory_mb;
 * DISK_GB total = local_gb, reserved = ceil(reserved_host_disk_mb / 1024); allocation ratios
 * from nova.conf. The initial_*_allocation_ratio options (added in Stein) defaulted to
 * 16.0 / 1.5 / 1.0 until 2023.1 Antelope, which lowered them to 4.0 / 1.0 / 1.0 (nova/conf/compute.py, `initial_cpu_
 * allocation_ratio` default=16.0 before, 4.0 from 2023.1; docs.openstack.org/nova/2023.1/
 * configuration/config.html#DEFAULT.initial_cpu_allocation_ratio). They apply only "when
 * initially creating the compute_nodes table record": a compute node created before the
 * upgrade keeps 16.0 / 1.5 unless cpu_allocation_ratio / ram_allocation_ratio are set, so
 * the defaults below are a guess for a new host only. None of these options is in the API:
 * they are assumptions, passed in and reported as such (a Placement inventory gives the truth).
 */
import { isObj, num, str } from '../ceph-state/json.js';
import { parseOpenstackJson, wrongResponse, type Parsed } from './json.js';
import type { PlacementInventories } from './placement.js';

export interface Hypervisor {
  id: string;
  hostname: string;
  state?: string;
  status?: string;
  /** Physical CPUs; undefined from 2.88. */
  vcpus?: number;
  /** MiB; undefined from 2.88. */
  memoryMiB?: number;
  /** GiB; undefined from 2.88. */
  localDiskGiB?: number;
  vcpusUsed?: number;
  /** MiB, including reserved_host_memory_mb. */
  memoryUsedMiB?: number;
  localDiskUsedGiB?: number;
  runningVms?: number;
}

export interface NovaFlavor {
  id: string;
  name: string;
  vcpus: number;
  ramMiB: number;
  diskGiB: number;
  ephemeralGiB: number;
  /** MiB (`swap` is "" for none in older responses). */
  swapMiB: number;
  isPublic?: boolean;
  disabled?: boolean;
}

const opt = (o: Record<string, unknown>, key: string, v: unknown): void => {
  if (v !== undefined) o[key] = v;
};

/** Parses GET /os-hypervisors/detail. A response without capacity fields (2.88+) gets openstack.usage.absent (warning). */
export function parseHypervisorsDetail(text: string, fileName: string): Parsed<Hypervisor[]> {
  const r = parseOpenstackJson(text, fileName, 'GET /os-hypervisors/detail');
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  if (!isObj(r.value) || !Array.isArray(r.value.hypervisors))
    return { diagnostics: [...r.diagnostics, wrongResponse(fileName, 'a Nova hypervisors response ({"hypervisors": [...]})', r.value)] };
  const out: Hypervisor[] = [];
  for (const h of r.value.hypervisors) {
    if (!isObj(h)) continue;
    const hv: Hypervisor = { id: String(h.id), hostname: str(h.hypervisor_hostname) ?? String(h.id) };
    const o = hv as unknown as Record<string, unknown>;
    opt(o, 'state', str(h.state));
    opt(o, 'status', str(h.status));
    opt(o, 'vcpus', num(h.vcpus));
    opt(o, 'memoryMiB', num(h.memory_mb));
    opt(o, 'localDiskGiB', num(h.local_gb));
    opt(o, 'vcpusUsed', num(h.vcpus_used));
    opt(o, 'memoryUsedMiB', num(h.memory_mb_used));
    opt(o, 'localDiskUsedGiB', num(h.local_gb_used));
    opt(o, 'runningVms', num(h.running_vms));
    out.push(hv);
  }
  const absent = out.filter((h) => h.vcpus === undefined && h.memoryMiB === undefined);
  if (absent.length > 0) {
    r.diagnostics.push({
      code: 'openstack.usage.absent',
      severity: 'warning',
      path: ['hypervisors'],
      message: `${absent.length} hypervisor(s) (${absent.map((h) => h.hostname).join(', ')}) have no vcpus, memory_mb or usage fields: the response is from microversion 2.88 or later, where Nova no longer reports them. Capacity and usage must come from Placement`,
      location: { file: fileName, line: 1, col: 1 },
      hint: 'give the Placement inventories and usages of each compute node (GET /resource_providers/{uuid}/inventories and /usages)',
    });
  }
  return { data: out, diagnostics: r.diagnostics };
}

/** Parses GET /flavors/detail. */
export function parseFlavors(text: string, fileName: string): Parsed<NovaFlavor[]> {
  const r = parseOpenstackJson(text, fileName, 'GET /flavors/detail');
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  if (!isObj(r.value) || !Array.isArray(r.value.flavors))
    return { diagnostics: [...r.diagnostics, wrongResponse(fileName, 'a Nova flavors response ({"flavors": [...]})', r.value)] };
  const out: NovaFlavor[] = [];
  for (const f of r.value.flavors) {
    if (!isObj(f)) continue;
    const flavor: NovaFlavor = {
      id: String(f.id),
      name: str(f.name) ?? String(f.id),
      vcpus: num(f.vcpus) ?? 0,
      ramMiB: num(f.ram) ?? 0,
      diskGiB: num(f.disk) ?? 0,
      ephemeralGiB: num(f['OS-FLV-EXT-DATA:ephemeral']) ?? 0,
      swapMiB: num(f.swap) ?? 0,
    };
    if (typeof f['os-flavor-access:is_public'] === 'boolean') flavor.isPublic = f['os-flavor-access:is_public'];
    if (typeof f['OS-FLV-DISABLED:disabled'] === 'boolean') flavor.disabled = f['OS-FLV-DISABLED:disabled'];
    out.push(flavor);
  }
  return { data: out, diagnostics: r.diagnostics };
}

export interface NovaHostOptions {
  cpuAllocationRatio: number;
  ramAllocationRatio: number;
  diskAllocationRatio: number;
  reservedHostCpus: number;
  /** MiB */
  reservedHostMemoryMiB: number;
  /** MiB */
  reservedHostDiskMiB: number;
}

/** Nova's defaults for a compute node created on 2023.1 or later (initial_*_allocation_ratio
 * 4.0 / 1.0 / 1.0; 16.0 / 1.5 / 1.0 before, and kept by nodes created before), reserved_host_*. */
export const NOVA_DEFAULTS: NovaHostOptions = {
  cpuAllocationRatio: 4.0,
  ramAllocationRatio: 1.0,
  diskAllocationRatio: 1.0,
  reservedHostCpus: 0,
  reservedHostMemoryMiB: 512,
  reservedHostDiskMiB: 0,
};

/**
 * The Placement inventories a pre-2.88 hypervisor record implies, under the given nova.conf
 * options, and the usage in Placement's terms (memory_mb_used minus the reserved memory).
 * Undefined when the record has no capacity fields (2.88+).
 */
export function hypervisorInventories(h: Hypervisor, options: NovaHostOptions = NOVA_DEFAULTS): { inventories: PlacementInventories; usages: Record<string, number> } | undefined {
  if (h.vcpus === undefined || h.memoryMiB === undefined || h.localDiskGiB === undefined) return undefined;
  const inv = (total: number, reserved: number, allocationRatio: number) => ({ total, reserved, allocationRatio, minUnit: 1, maxUnit: total, stepSize: 1 });
  const usages: Record<string, number> = {};
  if (h.vcpusUsed !== undefined) usages.VCPU = h.vcpusUsed;
  if (h.memoryUsedMiB !== undefined) usages.MEMORY_MB = Math.max(0, h.memoryUsedMiB - options.reservedHostMemoryMiB);
  if (h.localDiskUsedGiB !== undefined) usages.DISK_GB = h.localDiskUsedGiB;
  return {
    inventories: {
      inventories: {
        VCPU: inv(h.vcpus, options.reservedHostCpus, options.cpuAllocationRatio),
        MEMORY_MB: inv(h.memoryMiB, options.reservedHostMemoryMiB, options.ramAllocationRatio),
        DISK_GB: inv(h.localDiskGiB, Math.ceil(options.reservedHostDiskMiB / 1024), options.diskAllocationRatio),
      },
    },
    usages,
  };
}
