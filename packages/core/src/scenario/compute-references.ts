/**
 * Cross-field rules of heterogeneous compute (model/compute-schema.ts), checked on the raw
 * YAML like references.ts, each with the path of the value at fault (line:col):
 * CPU sets, NUMA nodes and huge pages of the hardware models; flavor extra specs; the
 * availability zones demand names.
 */
import { parseCpuSpec } from '../compute/cpu-sets.js';
import { translateFlavor } from '../compute/extra-specs.js';
import type { Flavor } from '../model/scenario.js';
import { parseQuantity } from '../units/quantity.js';
import type { RawIssue } from './references.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const STANDARD = new Set(['VCPU', 'MEMORY_MB', 'DISK_GB']);

/** What the hardware models of the file offer: classes, traits, and whether any has HT. */
interface Offered {
  classes: Set<string>;
  traits: Set<string>;
}

/**
 * - `compute.cpu_set.invalid` (error): a cpuDedicatedSet / cpuSharedSet Nova's parse_cpu_spec
 *   rejects, or that names a CPU the model does not have (ids 0 .. sockets × cores × threads − 1:
 *   Nova refuses to start, "one or more of the configured CPUs is not online");
 * - `compute.cpu_set.overlap` (error): the two sets share CPUs ("must be disjoint");
 * - `compute.cpu_set.reserved_host_cpus` (error): openstack.reserved.hostCpus > 0 while a model
 *   sets a CPU set ("cannot be defined alongside": nova/virt/libvirt/driver.py
 *   _check_cpu_set_configuration);
 * - `compute.numa.nodes` (error): numa.nodes does not split the physical cores evenly;
 * - `compute.hugepages.invalid` (error): huge pages larger than the memory, or a size other
 *   than 2 MiB or 1 GiB (the x86 huge page sizes);
 * - `compute.extra_spec.invalid` (error): an extra spec Nova refuses (extra-specs.ts problems);
 * - `compute.extra_spec.unknown_resource_class` (error): resources:<CLASS> (or the PCPU of
 *   hw:cpu_policy) that no hardware model offers: such a flavor never schedules;
 * - `compute.extra_spec.unknown_trait` (error): trait:<NAME>=required that no model has;
 * - `compute.extra_spec.no_aggregate` (warning): aggregate_instance_extra_specs:<key>=<value>
 *   that no aggregate's metadata has;
 * - `ref.unknown_zone` (error): demand in an availability zone no rack belongs to.
 */
export function checkComputeReferences(raw: Obj): RawIssue[] {
  const out: RawIssue[] = [];
  const hardware = isObj(raw.hardware) ? raw.hardware : {};
  const openstack = isObj(raw.openstack) ? raw.openstack : {};
  const reserved = isObj(openstack.reserved) ? openstack.reserved : {};
  const offered: Offered = { classes: new Set(STANDARD), traits: new Set() };
  let anySets = false;
  for (const [name, h] of Object.entries(hardware)) {
    if (!isObj(h)) continue;
    const cpu = isObj(h.cpu) ? h.cpu : {};
    const sockets = int(cpu.sockets);
    const cores = int(cpu.coresPerSocket);
    const threads = int(cpu.threadsPerCore);
    const logical = sockets !== undefined && cores !== undefined && threads !== undefined ? sockets * cores * threads : undefined;
    if ((threads ?? 1) > 1) offered.traits.add('HW_CPU_HYPERTHREADING');
    const nova = isObj(h.nova) ? h.nova : undefined;
    if (nova) {
      for (const t of list(nova.traits)) if (typeof t === 'string') offered.traits.add(t);
      const sets: Partial<Record<'cpuDedicatedSet' | 'cpuSharedSet', number[]>> = {};
      for (const key of ['cpuDedicatedSet', 'cpuSharedSet'] as const) {
        const spec = str(nova[key]);
        if (spec === undefined) continue;
        anySets = true;
        const path = ['hardware', name, 'nova', key];
        const r = parseCpuSpec(spec);
        if (!r.ok) {
          out.push({
            code: 'compute.cpu_set.invalid',
            path,
            message: `${key} "${spec}": ${r.error}`,
            hint: 'Nova syntax: ids and ranges separated by commas, "^" excludes, e.g. "4-31,36-63" or "0-63,^32"',
          });
          continue;
        }
        if (r.cpus.length === 0) {
          out.push({ code: 'compute.cpu_set.invalid', path, message: `${key} "${spec}" names no CPU`, hint: 'leave the key out instead' });
          continue;
        }
        const beyond = logical === undefined ? [] : r.cpus.filter((c) => c >= logical);
        if (logical !== undefined && beyond.length > 0) {
          out.push({
            code: 'compute.cpu_set.invalid',
            path,
            message: `${key} names CPU ${beyond[0]}, but a ${name} host has ${logical} logical CPUs (0-${logical - 1})`,
            hint: 'Nova refuses to start: "one or more of the configured CPUs is not online"',
          });
          continue;
        }
        sets[key] = r.cpus;
        if (key === 'cpuDedicatedSet') offered.classes.add('PCPU');
      }
      if (sets.cpuDedicatedSet && sets.cpuSharedSet) {
        const shared = new Set(sets.cpuSharedSet);
        const both = sets.cpuDedicatedSet.filter((c) => shared.has(c));
        if (both.length > 0) {
          out.push({
            code: 'compute.cpu_set.overlap',
            path: ['hardware', name, 'nova', 'cpuSharedSet'],
            message: `cpuDedicatedSet and cpuSharedSet share ${both.length} CPU${both.length === 1 ? '' : 's'} (first: ${both[0]}): Nova requires them disjoint`,
            hint: 'a CPU is either pinned (PCPU) or shared (VCPU), not both',
          });
        }
      }
    }
    const numa = isObj(h.numa) ? h.numa : undefined;
    if (numa) {
      const nodes = int(numa.nodes);
      if (nodes !== undefined && sockets !== undefined && cores !== undefined && (sockets * cores) % nodes !== 0) {
        out.push({
          code: 'compute.numa.nodes',
          path: ['hardware', name, 'numa', 'nodes'],
          message: `${nodes} NUMA nodes do not split the ${sockets * cores} physical cores evenly`,
          hint: `one node per socket (${sockets}) or an even split of each socket (sub-NUMA clustering)`,
        });
      }
      const hp = isObj(numa.hugePages) ? numa.hugePages : undefined;
      const size = hp && (typeof hp.size === 'string' || typeof hp.size === 'number') ? parseQuantity(hp.size, 'bytes') : undefined;
      const count = hp ? int(hp.count) : undefined;
      const memory = isObj(h.memory) && (typeof h.memory.size === 'string' || typeof h.memory.size === 'number') ? parseQuantity(h.memory.size, 'bytes') : undefined;
      if (size?.ok && size.value !== 2 ** 21 && size.value !== 2 ** 30) {
        out.push({
          code: 'compute.hugepages.invalid',
          path: ['hardware', name, 'numa', 'hugePages', 'size'],
          message: 'huge pages are 2 MiB or 1 GiB on x86 (kernel hugepagesz)',
          hint: 'size: 1 GiB (or 2 MiB)',
        });
      } else if (size?.ok && count !== undefined && memory?.ok && size.value * count > memory.value) {
        out.push({
          code: 'compute.hugepages.invalid',
          path: ['hardware', name, 'numa', 'hugePages', 'count'],
          message: `${count} huge pages of ${size.value / 2 ** 20} MiB take more than the host's memory`,
          hint: 'leave memory for the host and the instances without huge pages',
        });
      }
    }
    for (const d of list(h.devices)) if (isObj(d) && typeof d.resourceClass === 'string') offered.classes.add(d.resourceClass);
  }
  if (anySets && (int(reserved.hostCpus) ?? 0) > 0) {
    out.push({
      code: 'compute.cpu_set.reserved_host_cpus',
      path: ['openstack', 'reserved', 'hostCpus'],
      message: 'reserved_host_cpus cannot be set alongside cpu_dedicated_set or cpu_shared_set: Nova refuses to start',
      hint: "set hostCpus: 0 and leave the host's CPUs out of both sets instead",
    });
  }

  const aggregates = isObj(openstack.aggregates) ? openstack.aggregates : {};
  const metadataPairs = new Set<string>();
  for (const a of Object.values(aggregates)) if (isObj(a) && isObj(a.metadata)) for (const [k, v] of Object.entries(a.metadata)) metadataPairs.add(`${k}=${String(v)}`);
  const eph = str(openstack.ephemeralStorage) === 'ceph' ? 'ceph' : 'local';
  const flavors = isObj(openstack.flavors) ? openstack.flavors : {};
  for (const [name, f] of Object.entries(flavors)) {
    if (!isObj(f) || !isObj(f.extraSpecs)) continue;
    const vcpus = int(f.vcpus) ?? 1;
    const ram = typeof f.ram === 'string' || typeof f.ram === 'number' ? parseQuantity(f.ram, 'bytes') : undefined;
    const specs: Record<string, string> = {};
    for (const [k, v] of Object.entries(f.extraSpecs)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') specs[k] = String(v);
    const flavor: Flavor = { name, vcpus, ramBytes: ram?.ok ? ram.value : 0, diskBytes: 0, extraSpecs: specs };
    const { request, problems } = translateFlavor(flavor, eph);
    const at = (key: string) => ['openstack', 'flavors', name, 'extraSpecs', key];
    for (const p of problems) out.push({ code: 'compute.extra_spec.invalid', path: at(p.key), message: p.message, hint: p.hint });
    for (const rc of Object.keys(request.resources)) {
      if (offered.classes.has(rc)) continue;
      const key = Object.keys(specs).find((k) => k.endsWith(`:${rc}`) && k.startsWith('resources')) ?? 'hw:cpu_policy';
      out.push({
        code: 'compute.extra_spec.unknown_resource_class',
        path: at(key),
        message: `flavor ${name} asks for ${rc}, which no hardware model offers: it never schedules`,
        hint: rc === 'PCPU' ? 'give a compute model nova.cpuDedicatedSet' : `give a compute model a device with resourceClass ${rc}`,
      });
    }
    for (const t of request.requiredTraits) {
      if (offered.traits.has(t)) continue;
      const key = Object.keys(specs).find((k) => k.startsWith('trait') && k.endsWith(`:${t}`)) ?? 'hw:cpu_thread_policy';
      out.push({
        code: 'compute.extra_spec.unknown_trait',
        path: at(key),
        message: `flavor ${name} requires trait ${t}, which no hardware model has: it never schedules`,
        hint: `add ${t} to a compute model's nova.traits`,
      });
    }
    for (const [k, v] of Object.entries(request.aggregateMetadata)) {
      if (metadataPairs.has(`${k}=${v}`)) continue;
      out.push({
        code: 'compute.extra_spec.no_aggregate',
        severity: 'warning',
        path: at(`aggregate_instance_extra_specs:${k}`),
        message: `no aggregate has metadata ${k}=${v}: flavor ${name} matches no host`,
        hint: 'set it in openstack.aggregates.<name>.metadata',
      });
    }
  }

  const zones = new Set(list(raw.racks).flatMap((r) => (isObj(r) && typeof r.zone === 'string' ? [r.zone] : [])));
  const demand = isObj(raw.demand) ? raw.demand : {};
  list(demand.instances).forEach((inst, i) => {
    const z = isObj(inst) ? str(inst.availabilityZone) : undefined;
    if (z !== undefined && !zones.has(z)) {
      out.push({
        code: 'ref.unknown_zone',
        path: ['demand', 'instances', i, 'availabilityZone'],
        message: `no rack is in availability zone "${z}"`,
        hint: zones.size > 0 ? `zones: ${[...zones].join(', ')}` : 'give racks a zone',
      });
    }
  });
  return out;
}
