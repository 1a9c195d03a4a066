/**
 * OpenStack responses -> the compute side of a baseline scenario (see ceph-state/baseline.ts):
 * compute hosts as Nova reports them (pre-2.88 `os-hypervisors/detail`: vcpus, memory_mb,
 * local_gb), the flavors, and the allocation ratios and reservations from a Placement
 * inventory when one is given (else Nova's defaults, said so). Files are recognised by shape:
 * {hypervisors}, {flavors}, {inventories}, {usages}, {resource_providers}.
 * Nova's `vcpus` is a logical CPU count: the topology is not in the API, so a host is written
 * as 1 socket x vcpus cores x 1 thread (the same logical count), marked as such.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { isObj } from '../ceph-state/json.js';
import { parseFlavors, parseHypervisorsDetail, type Hypervisor, type NovaFlavor } from './nova.js';
import { parseOpenstackJson } from './json.js';
import { parsePlacementInventories, type PlacementInventories } from './placement.js';
import { commentText } from '../scenario/yaml-text.js';
import { readProviderTrees } from './provider-tree.js';
import { treeBaseline } from './tree-baseline.js';

export interface OpenstackFile {
  name: string;
  text: string;
}

export interface OpenstackBaseline {
  hardware: string[];
  nodes: string[];
  openstack: string[];
  /** demand.instances lines from Placement allocations (provider trees); empty without. */
  demandInstances: string[];
  demandComments: string[];
  diagnostics: Diagnostic[];
}

const IDENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const q = (s: string): string => JSON.stringify(s);
/** Text from a response inside a YAML comment (scenario/yaml-text.ts). */
const c = commentText;

/**
 * What a baseline can hold, from the scenario schema (model/schema.ts): allocation ratios
 * cpu (0, 64], ram and disk (0, 16]; reserved CPUs and memory >= 0; a host of 1 to 32,768
 * logical CPUs (sockets <= 8 x cores <= 512 x threads <= 8) and up to 64 TiB of memory;
 * flavors of 1 to 4,096 VCPUs. A response outside these is an input error
 * (`openstack.value.out_of_range`), not a baseline that fails to load.
 */
export const OPENSTACK_LIMITS = {
  ratioMax: { VCPU: 64, MEMORY_MB: 16, DISK_GB: 16 } as Record<string, number>,
  hostMemoryMiBMax: 64 * 1024 * 1024,
  hostDiskGiBMax: 10 * 1024 * 1024,
  flavorVcpusMax: 4096,
  flavorRamMiBMax: 64 * 1024 * 1024,
  flavorDiskGiBMax: 10 * 1024 * 1024,
} as const;

/** sockets x coresPerSocket x threadsPerCore = vcpus within the schema's limits, or undefined. */
export function topologyFor(vcpus: number): { sockets: number; cores: number; threads: number } | undefined {
  if (!Number.isInteger(vcpus) || vcpus < 1) return undefined;
  for (const threads of [1, 2, 4, 8]) {
    for (const sockets of [1, 2, 4, 8]) {
      const cores = vcpus / (sockets * threads);
      if (Number.isInteger(cores) && cores <= 512) return { sockets, cores, threads };
    }
  }
  return undefined;
}

/** Line and column of the n-th (0-based) `"key":` in a JSON text; 1:1 when not found. */
function keyPosition(text: string, key: string, n: number): { line: number; col: number } {
  const re = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`, 'g');
  let m: RegExpExecArray | null = null;
  for (let i = 0; i <= n; i++) {
    m = re.exec(text);
    if (!m) return { line: 1, col: 1 };
  }
  const before = text.slice(0, m!.index);
  const line = before.split('\n').length;
  return { line, col: m!.index - before.lastIndexOf('\n') };
}

function outOfRange(file: OpenstackFile, key: string, n: number, path: (string | number)[], message: string, hint: string, severity: 'error' | 'warning' = 'error'): Diagnostic {
  return { code: 'openstack.value.out_of_range', severity, path, message, location: { file: file.name, ...keyPosition(file.text, key, n) }, hint };
}

/** Checks the values a baseline is written from: coded, positioned diagnostics instead of a baseline that does not load. */
function checkValues(
  hv: { file: OpenstackFile; list: Hypervisor[] } | undefined,
  inv: { file: OpenstackFile; inv: PlacementInventories } | undefined,
  diagnostics: Diagnostic[],
): { badHosts: Set<Hypervisor>; badInventory: boolean } {
  const badHosts = new Set<Hypervisor>();
  let badInventory = false;
  let vcpusSeen = 0;
  let memSeen = 0;
  let diskSeen = 0;
  for (const [i, h] of (hv?.list ?? []).entries()) {
    if (h.vcpus !== undefined) {
      if (!topologyFor(h.vcpus)) {
        diagnostics.push(
          outOfRange(
            hv!.file,
            'vcpus',
            vcpusSeen,
            ['hypervisors', i, 'vcpus'],
            `hypervisor ${h.hostname}: vcpus ${h.vcpus} is not a CPU count a host can have (a whole number from 1 to 32,768)`,
            'check the response: a host with vcpus 0 is usually down or not yet reporting; remove it from the file',
          ),
        );
        badHosts.add(h);
      }
      vcpusSeen++;
    }
    if (h.memoryMiB !== undefined) {
      if (!(h.memoryMiB > 0 && h.memoryMiB <= OPENSTACK_LIMITS.hostMemoryMiBMax)) {
        diagnostics.push(
          outOfRange(
            hv!.file,
            'memory_mb',
            memSeen,
            ['hypervisors', i, 'memory_mb'],
            `hypervisor ${h.hostname}: memory_mb ${h.memoryMiB} is not a host's memory (more than 0, at most 64 TiB)`,
            'check the response: memory_mb is MiB; remove a host that is not reporting',
          ),
        );
        badHosts.add(h);
      }
      memSeen++;
    }
    if (h.localDiskGiB !== undefined) {
      if (!(h.localDiskGiB >= 0 && h.localDiskGiB <= OPENSTACK_LIMITS.hostDiskGiBMax)) {
        diagnostics.push(
          outOfRange(
            hv!.file,
            'local_gb',
            diskSeen,
            ['hypervisors', i, 'local_gb'],
            `hypervisor ${h.hostname}: local_gb ${h.localDiskGiB} is not a host's local disk (0 to 10 PiB)`,
            'check the response: local_gb is GiB',
          ),
        );
        badHosts.add(h);
      }
      diskSeen++;
    }
  }
  for (const [rc, i] of Object.entries(inv?.inv.inventories ?? {})) {
    const max = OPENSTACK_LIMITS.ratioMax[rc];
    if (max !== undefined && !(i.allocationRatio > 0 && i.allocationRatio <= max)) {
      diagnostics.push(
        outOfRange(
          inv!.file,
          rc,
          0,
          ['inventories', rc, 'allocation_ratio'],
          `${rc} allocation_ratio ${i.allocationRatio} is outside (0, ${max}], the range a scenario accepts`,
          `Placement refuses ratios <= 0; a ${rc} ratio above ${max} is a misconfiguration: check cpu/ram/disk_allocation_ratio in nova.conf`,
        ),
      );
      badInventory = true;
    }
    if (!(i.reserved >= 0) || (rc === 'VCPU' && !Number.isInteger(i.reserved)) || i.reserved > i.total) {
      diagnostics.push(
        outOfRange(
          inv!.file,
          rc,
          0,
          ['inventories', rc, 'reserved'],
          `${rc} reserved ${i.reserved} is not between 0 and the total ${i.total}${rc === 'VCPU' ? ' (a whole number)' : ''}`,
          'reserved is what the host keeps for itself (reserved_host_cpus, reserved_host_memory_mb): never negative',
        ),
      );
      badInventory = true;
    }
  }
  return { badHosts, badInventory };
}

/** Flavors a scenario can hold; the others get a warning (skipped) or, for a duplicate name, an error. */
function checkFlavors(flavors: { file: OpenstackFile; list: NovaFlavor[] }, diagnostics: Diagnostic[]): NovaFlavor[] {
  const kept: NovaFlavor[] = [];
  const seen = new Map<string, number>();
  for (const [i, f] of flavors.list.entries()) {
    const first = seen.get(f.name);
    if (first !== undefined) {
      diagnostics.push({
        code: 'openstack.flavor.duplicate_name',
        severity: 'error',
        path: ['flavors', i, 'name'],
        message: `flavor name ${q(f.name)} appears twice (flavors ${first} and ${i}): a scenario names each flavor once`,
        location: { file: flavors.file.name, ...keyPosition(flavors.file.text, 'name', i) },
        hint: 'Nova allows one flavor per name: check the file is one response, not two pasted together, or rename one',
      });
      continue;
    }
    seen.set(f.name, i);
    if (!IDENT.test(f.name) || f.name.length > 63) {
      diagnostics.push(
        outOfRange(
          flavors.file,
          'name',
          i,
          ['flavors', i, 'name'],
          `flavor ${q(f.name)}: a name headroom cannot use as a key (letters, digits, ".", "_", "-", at most 63): skipped`,
          'add it to the scenario by hand under another name if demand uses it',
          'warning',
        ),
      );
      continue;
    }
    const ok =
      Number.isInteger(f.vcpus) &&
      f.vcpus >= 1 &&
      f.vcpus <= OPENSTACK_LIMITS.flavorVcpusMax &&
      f.ramMiB > 0 &&
      f.ramMiB <= OPENSTACK_LIMITS.flavorRamMiBMax &&
      f.diskGiB >= 0 &&
      f.diskGiB <= OPENSTACK_LIMITS.flavorDiskGiBMax;
    if (!ok) {
      diagnostics.push(
        outOfRange(
          flavors.file,
          'vcpus',
          i,
          ['flavors', i],
          `flavor ${q(f.name)}: vcpus ${f.vcpus}, ram ${f.ramMiB} MiB, disk ${f.diskGiB} GiB is not a flavor a scenario accepts (vcpus 1 to 4,096, ram more than 0): skipped`,
          'check the response; a flavor with vcpus 0 cannot be booted',
          'warning',
        ),
      );
      continue;
    }
    kept.push(f);
  }
  return kept;
}

/** Reads the files and writes the YAML lines of the compute side. */
export function openstackBaseline(files: readonly OpenstackFile[]): OpenstackBaseline {
  const out: OpenstackBaseline = { hardware: [], nodes: [], openstack: [], demandInstances: [], demandComments: [], diagnostics: [] };
  const trees = readProviderTrees(files);
  out.diagnostics.push(...trees.diagnostics);
  let hypervisors: { file: OpenstackFile; list: Hypervisor[] } | undefined;
  let flavors: { file: OpenstackFile; list: NovaFlavor[] } | undefined;
  let inventory: { file: OpenstackFile; inv: PlacementInventories } | undefined;
  for (const f of files) {
    if (trees.consumed.has(f.name)) continue;
    const probe = parseOpenstackJson(f.text, f.name, 'OpenStack API');
    if (probe.value === undefined) {
      out.diagnostics.push(...probe.diagnostics);
      continue;
    }
    const v = probe.value;
    if (isObj(v) && Array.isArray(v.hypervisors)) {
      const r = parseHypervisorsDetail(f.text, f.name);
      out.diagnostics.push(...r.diagnostics);
      if (r.data) hypervisors = { file: f, list: r.data };
    } else if (isObj(v) && Array.isArray(v.flavors)) {
      const r = parseFlavors(f.text, f.name);
      out.diagnostics.push(...r.diagnostics);
      if (r.data) flavors = { file: f, list: r.data };
    } else if (isObj(v) && isObj(v.inventories)) {
      const r = parsePlacementInventories(f.text, f.name);
      out.diagnostics.push(...r.diagnostics);
      if (r.data && !inventory) inventory = { file: f, inv: r.data };
    } else if (!(isObj(v) && (isObj(v.usages) || Array.isArray(v.resource_providers) || isObj(v.allocations) || 'hypervisor_statistics' in v))) {
      out.diagnostics.push({
        code: 'openstack.json.wrong_response',
        severity: 'warning',
        path: [],
        message: 'not an OpenStack response headroom reads (hypervisors detail, flavors detail, Placement inventories/usages/providers): skipped',
        location: { file: f.name, line: 1, col: 1 },
      });
    }
  }
  const flavorDiagnostics: Diagnostic[] = [];
  const fl = flavors ? checkFlavors(flavors, flavorDiagnostics) : [];
  const tree = treeBaseline(trees, fl);
  out.diagnostics.push(...tree.diagnostics);
  if (tree.hasHosts) {
    out.diagnostics.push(...flavorDiagnostics);
    // the provider trees give the hosts, ratios and usage; a hypervisors response would count them twice
    out.hardware.push(...tree.hardware);
    out.nodes.push(...tree.nodes);
    out.openstack.push(...tree.openstack);
    if (fl.length + tree.flavors.length > 0) out.openstack.push(`  flavors:${flavors ? `   # observed: ${c(flavors.file.name)}` : ''}`);
    for (const f of fl) out.openstack.push(`    ${q(f.name)}: { vcpus: ${f.vcpus}, ram: ${f.ramMiB} MiB, disk: ${f.diskGiB} GiB }`);
    out.openstack.push(...tree.flavors);
    out.demandInstances.push(...tree.instances);
    out.demandComments.push(...tree.demandComments);
    if (hypervisors) out.demandComments.push(`  # ${c(hypervisors.file.name)} not used for hosts: the Placement provider trees give them`);
    return out;
  }
  const { badHosts, badInventory } = checkValues(hypervisors, inventory, out.diagnostics);
  out.diagnostics.push(...flavorDiagnostics);
  const groups = new Map<string, { hv: Hypervisor; names: string[] }>();
  for (const h of hypervisors?.list ?? []) {
    if (h.vcpus === undefined || h.memoryMiB === undefined || badHosts.has(h)) continue;
    const key = `${h.vcpus}/${h.memoryMiB}/${h.localDiskGiB ?? 0}`;
    const g = groups.get(key);
    if (g) g.names.push(h.hostname);
    else groups.set(key, { hv: h, names: [h.hostname] });
  }
  let n = 0;
  for (const g of groups.values()) {
    n++;
    const key = `compute-host-${n}`;
    const h = g.hv;
    const topo = topologyFor(h.vcpus!)!;
    out.hardware.push(
      `  ${key}:   # observed: Nova hypervisors ${c(g.names.join(', '))} (${c(hypervisors!.file.name)})`,
      `    model: ${q(`Compute host as observed (${g.names.length} alike)`)}`,
      '    heightRu: 2   # PLACEHOLDER: not in the Nova API',
      `    cpu: { model: "PLACEHOLDER", sockets: ${topo.sockets}, coresPerSocket: ${topo.cores}, threadsPerCore: ${topo.threads} }   # observed: vcpus ${h.vcpus} (logical CPUs); topology PLACEHOLDER (not in the API)`,
      `    memory: { size: ${h.memoryMiB} MiB }   # observed: memory_mb`,
    );
    if ((h.localDiskGiB ?? 0) > 0)
      out.hardware.push('    disks:', `      - { count: 1, size: ${h.localDiskGiB} GiB, kind: ssd, use: ephemeral }   # observed: local_gb; kind PLACEHOLDER`);
    out.nodes.push(`  - { role: compute, hardware: ${key}, count: ${g.names.length} }`);
    if (h.vcpusUsed !== undefined)
      out.demandComments.push(
        `  # observed on ${c(g.names.join(', '))}: vcpus_used ${h.vcpusUsed}, memory_mb_used ${h.memoryUsedMiB ?? '?'} MiB (includes reserved_host_memory_mb), running_vms ${h.runningVms ?? '?'}: list them as demand.instances by flavor`,
      );
  }
  const inv = badInventory ? undefined : inventory?.inv.inventories;
  if (inv) {
    const ratio = (rc: string, d: number) => inv[rc]?.allocationRatio ?? d;
    out.openstack.push(
      `  allocationRatio: { cpu: ${ratio('VCPU', 4)}, ram: ${ratio('MEMORY_MB', 1)}, disk: ${ratio('DISK_GB', 1)} }   # observed: Placement inventory ${c(inventory!.file.name)} (one provider; check the others agree)`,
      `  reserved: { hostMemory: ${inv.MEMORY_MB?.reserved ?? 512} MiB, hostCpus: ${inv.VCPU?.reserved ?? 0} }   # observed: the same inventory's reserved`,
    );
  } else if (groups.size > 0 && !badInventory) {
    out.openstack.push(
      "  allocationRatio: { cpu: 4.0, ram: 1.0, disk: 1.0 }   # inferred, PLACEHOLDER: Nova's initial_* defaults for a host created on 2023.1 or later; hosts created before keep 16.0 / 1.5 (the defaults until 2023.1) unless nova.conf sets the ratios. Not in the Nova API: give a Placement inventory",
      '  reserved: { hostMemory: 512 MiB, hostCpus: 0 }   # inferred: Nova defaults',
    );
  }
  if (fl.length > 0) {
    out.openstack.push(`  flavors:   # observed: ${c(flavors!.file.name)}`);
    for (const f of fl) out.openstack.push(`    ${q(f.name)}: { vcpus: ${f.vcpus}, ram: ${f.ramMiB} MiB, disk: ${f.diskGiB} GiB }`);
  }
  return out;
}
