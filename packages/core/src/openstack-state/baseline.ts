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

export interface OpenstackFile {
  name: string;
  text: string;
}

export interface OpenstackBaseline {
  hardware: string[];
  nodes: string[];
  openstack: string[];
  demandComments: string[];
  diagnostics: Diagnostic[];
}

const IDENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const q = (s: string): string => JSON.stringify(s);

/** Reads the files and writes the YAML lines of the compute side. */
export function openstackBaseline(files: readonly OpenstackFile[]): OpenstackBaseline {
  const out: OpenstackBaseline = { hardware: [], nodes: [], openstack: [], demandComments: [], diagnostics: [] };
  let hypervisors: { file: string; list: Hypervisor[] } | undefined;
  let flavors: { file: string; list: NovaFlavor[] } | undefined;
  let inventory: { file: string; inv: PlacementInventories } | undefined;
  for (const f of files) {
    const probe = parseOpenstackJson(f.text, f.name, 'OpenStack API');
    if (probe.value === undefined) {
      out.diagnostics.push(...probe.diagnostics);
      continue;
    }
    const v = probe.value;
    if (isObj(v) && Array.isArray(v.hypervisors)) {
      const r = parseHypervisorsDetail(f.text, f.name);
      out.diagnostics.push(...r.diagnostics);
      if (r.data) hypervisors = { file: f.name, list: r.data };
    } else if (isObj(v) && Array.isArray(v.flavors)) {
      const r = parseFlavors(f.text, f.name);
      out.diagnostics.push(...r.diagnostics);
      if (r.data) flavors = { file: f.name, list: r.data };
    } else if (isObj(v) && isObj(v.inventories)) {
      const r = parsePlacementInventories(f.text, f.name);
      out.diagnostics.push(...r.diagnostics);
      if (r.data && !inventory) inventory = { file: f.name, inv: r.data };
    } else if (!(isObj(v) && (isObj(v.usages) || Array.isArray(v.resource_providers) || isObj(v.allocations) || 'hypervisor_statistics' in v))) {
      out.diagnostics.push({ code: 'openstack.json.wrong_response', severity: 'warning', path: [], message: 'not an OpenStack response headroom reads (hypervisors detail, flavors detail, Placement inventories/usages/providers): skipped', location: { file: f.name, line: 1, col: 1 } });
    }
  }
  const groups = new Map<string, { hv: Hypervisor; names: string[] }>();
  for (const h of hypervisors?.list ?? []) {
    if (h.vcpus === undefined || h.memoryMiB === undefined) continue;
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
    out.hardware.push(
      `  ${key}:   # observed: Nova hypervisors ${g.names.join(', ')} (${hypervisors!.file})`,
      `    model: ${q(`Compute host as observed (${g.names.length} alike)`)}`,
      '    heightRu: 2   # PLACEHOLDER: not in the Nova API',
      `    cpu: { model: "PLACEHOLDER", sockets: 1, coresPerSocket: ${h.vcpus}, threadsPerCore: 1 }   # observed: vcpus ${h.vcpus} (logical CPUs); topology PLACEHOLDER (not in the API)`,
      `    memory: { size: ${h.memoryMiB} MiB }   # observed: memory_mb`,
    );
    if ((h.localDiskGiB ?? 0) > 0) out.hardware.push('    disks:', `      - { count: 1, size: ${h.localDiskGiB} GiB, kind: ssd, use: ephemeral }   # observed: local_gb; kind PLACEHOLDER`);
    out.nodes.push(`  - { role: compute, hardware: ${key}, count: ${g.names.length} }`);
    if (h.vcpusUsed !== undefined) out.demandComments.push(`  # observed on ${g.names.join(', ')}: vcpus_used ${h.vcpusUsed}, memory_mb_used ${h.memoryUsedMiB ?? '?'} MiB (includes reserved_host_memory_mb), running_vms ${h.runningVms ?? '?'}: list them as demand.instances by flavor`);
  }
  const inv = inventory?.inv.inventories;
  if (inv) {
    const ratio = (rc: string, d: number) => inv[rc]?.allocationRatio ?? d;
    out.openstack.push(
      `  allocationRatio: { cpu: ${ratio('VCPU', 4)}, ram: ${ratio('MEMORY_MB', 1)}, disk: ${ratio('DISK_GB', 1)} }   # observed: Placement inventory ${inventory!.file} (one provider; check the others agree)`,
      `  reserved: { hostMemory: ${inv.MEMORY_MB?.reserved ?? 512} MiB, hostCpus: ${inv.VCPU?.reserved ?? 0} }   # observed: the same inventory's reserved`,
    );
  } else if (groups.size > 0) {
    out.openstack.push(
      '  allocationRatio: { cpu: 4.0, ram: 1.0, disk: 1.0 }   # inferred, PLACEHOLDER: Nova\'s initial_* defaults for a host created on 2023.1 or later; hosts created before keep 16.0 / 1.5 (the defaults until 2023.1) unless nova.conf sets the ratios. Not in the Nova API: give a Placement inventory',
      '  reserved: { hostMemory: 512 MiB, hostCpus: 0 }   # inferred: Nova defaults',
    );
  }
  const fl = (flavors?.list ?? []).filter((f) => IDENT.test(f.name) && f.vcpus >= 1 && f.ramMiB > 0);
  if (fl.length > 0) {
    out.openstack.push(`  flavors:   # observed: ${flavors!.file}`);
    for (const f of fl) out.openstack.push(`    ${q(f.name)}: { vcpus: ${f.vcpus}, ram: ${f.ramMiB} MiB, disk: ${f.diskGiB} GiB }`);
  }
  return out;
}
