/**
 * Placement provider trees -> the compute side of a baseline (hosts, devices, traits,
 * aggregates, ratios, and the usage per host group as demand).
 *
 * One hardware model per kind of compute node: roots (providers without a parent) alike in
 * VCPU, PCPU, MEMORY_MB and DISK_GB totals, nested devices, CUSTOM_ traits and aggregates.
 * What Nova reports is turned back into the scenario's keys (nova/virt/libvirt/driver.py
 * update_provider_tree, _get_vcpu_available, _get_pcpu_available, _get_gpu_inventories):
 *   - VCPU total is the shared CPUs (cpu_shared_set, or every CPU), PCPU total the dedicated
 *     ones (cpu_dedicated_set). A host with PCPU is written with
 *     cpuDedicatedSet "0-(PCPU-1)" and cpuSharedSet "PCPU-(PCPU+VCPU-1)" on PCPU + VCPU
 *     logical CPUs: the counts are observed, the CPU ids are not (CPUs in neither set are not
 *     in Placement at all), and the topology is one socket, so one NUMA cell (ASSUMPTION).
 *   - MEMORY_MB total is the host's memory in MiB, DISK_GB total its local disk in GiB.
 *   - Each nested provider (and a root's own class other than the four) with a VGPU, PGPU or
 *     CUSTOM_ inventory is a device: `count` providers alike with `perDevice` = their total.
 *     Other nested classes (e.g. Neutron's NET_BW_*) are not planned: said in a comment.
 *   - CUSTOM_ traits of the root become `nova.traits`; standard traits are counted only.
 *   - Placement aggregate uuids are named from Nova's `os-aggregates` (metadata, zone);
 *     without it the uuid is the name.
 * Usage per host group: the usages of each model's hosts (root and nested providers) against
 * their capacity (total - reserved) x allocation_ratio, as a comment. With allocations, each
 * consumer's resources on one tree make one instance: equal vectors are counted as one
 * demand line, named after the Nova flavor that requests exactly that (VCPU = vcpus,
 * MEMORY_MB = ram, DISK_GB = disk + ephemeral + ceil(swap / 1024), without disk when
 * volume-backed, a DISK_GB of 0 left out; nova/scheduler/utils.py resources_from_flavor), else an `observed-<n>` flavor written from
 * the vector (PCPU -> hw:cpu_policy dedicated, device classes -> resources:<RC>).
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { commentText } from '../scenario/yaml-text.js';
import type { NovaFlavor } from './nova.js';
import { placementCapacity, type PlacementRcInventory } from './placement.js';
import { rootOf, type ProviderTrees, type TreeProvider } from './provider-tree.js';

const q = (s: string): string => JSON.stringify(s);
const c = commentText;
const CORE = new Set(['VCPU', 'PCPU', 'MEMORY_MB', 'DISK_GB']);
const DEVICE_RC = /^(VGPU|PGPU|CUSTOM_[A-Z0-9_]+)$/;
const AGG_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface TreeBaseline {
  /** True when the trees hold at least one compute node: the hosts come from here. */
  hasHosts: boolean;
  hardware: string[];
  nodes: string[];
  /** allocationRatio, reserved, aggregates lines under `openstack:`. */
  openstack: string[];
  /** Extra `flavors:` entries (4 spaces of indent). */
  flavors: string[];
  /** `demand.instances` lines (2 spaces of indent, "- {...}"). */
  instances: string[];
  demandComments: string[];
  diagnostics: Diagnostic[];
}

interface Device {
  resourceClass: string;
  perDevice: number;
  count: number;
}

interface HostFacts {
  root: TreeProvider;
  vcpu: number;
  pcpu: number;
  memoryMiB: number;
  diskGiB: number;
  devices: Device[];
  customTraits: string[];
  otherTraits: number;
  aggregates: string[];
  notPlanned: string[];
  /** Resource class -> [capacity, used] over the tree. */
  usage: Map<string, [number, number | undefined]>;
}

function topology(logical: number): { sockets: number; cores: number; threads: number } | undefined {
  if (!Number.isInteger(logical) || logical < 1 || logical > 512) return undefined;
  return { sockets: 1, cores: logical, threads: 1 };
}

/** The usable name of a Placement aggregate uuid: Nova's, or the uuid. */
function aggregateNames(trees: ProviderTrees): Map<string, { name: string; metadata: Record<string, string>; zone?: string; named: boolean }> {
  const out = new Map<string, { name: string; metadata: Record<string, string>; zone?: string; named: boolean }>();
  for (const p of trees.providers.values()) {
    for (const u of p.aggregates ?? []) {
      if (out.has(u)) continue;
      const nova = trees.novaAggregates.find((a) => a.uuid === u);
      const ok = nova && AGG_NAME.test(nova.name) && nova.name.length <= 63;
      const entry: { name: string; metadata: Record<string, string>; zone?: string; named: boolean } = { name: ok ? nova.name : u, metadata: nova?.metadata ?? {}, named: !!ok };
      if (nova?.availabilityZone) entry.zone = nova.availabilityZone;
      out.set(u, entry);
    }
  }
  return out;
}

function hostFacts(trees: ProviderTrees, root: TreeProvider, names: ReturnType<typeof aggregateNames>): HostFacts {
  const inv = root.inventories ?? {};
  const tree = [...trees.providers.values()].filter((p) => rootOf(trees, p) === root);
  const devices = new Map<string, Device>();
  const notPlanned: string[] = [];
  const usage = new Map<string, [number, number | undefined]>();
  for (const p of tree) {
    for (const [rc, i] of Object.entries(p.inventories ?? {})) {
      const used = p.usages?.[rc];
      const prev = usage.get(rc);
      usage.set(rc, [(prev?.[0] ?? 0) + placementCapacity(i), used === undefined ? prev?.[1] : (prev?.[1] ?? 0) + used]);
      if (p === root && CORE.has(rc)) continue;
      if (!DEVICE_RC.test(rc) || i.total < 1 || i.total > 4096 || !Number.isInteger(i.total)) {
        notPlanned.push(`${p.name} ${rc} ${i.total}`);
        continue;
      }
      const key = `${rc}/${i.total}`;
      const d = devices.get(key);
      if (d) d.count++;
      else devices.set(key, { resourceClass: rc, perDevice: i.total, count: 1 });
    }
  }
  for (const [key, d] of devices) {
    if (d.count <= 64) continue;
    notPlanned.push(`${d.count} providers of ${d.resourceClass} ${d.perDevice} (more than the 64 devices a model holds)`);
    devices.delete(key);
  }
  const traits = root.traits ?? [];
  return {
    root,
    vcpu: inv.VCPU?.total ?? 0,
    pcpu: inv.PCPU?.total ?? 0,
    memoryMiB: inv.MEMORY_MB?.total ?? 0,
    diskGiB: inv.DISK_GB?.total ?? 0,
    devices: [...devices.values()].sort((a, b) => a.resourceClass.localeCompare(b.resourceClass) || a.perDevice - b.perDevice),
    customTraits: traits
      .filter((t) => /^CUSTOM_[A-Z0-9_]+$/.test(t))
      .sort()
      .slice(0, 64),
    otherTraits: traits.filter((t) => !t.startsWith('CUSTOM_')).length,
    aggregates: (root.aggregates ?? [])
      .map((u) => names.get(u)!.name)
      .sort()
      .slice(0, 16),
    notPlanned,
    usage,
  };
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

/** Builds the compute side from the trees; `flavors` are the Nova flavors kept for the baseline. */
export function treeBaseline(trees: ProviderTrees, flavors: readonly NovaFlavor[]): TreeBaseline {
  const out: TreeBaseline = { hasHosts: false, hardware: [], nodes: [], openstack: [], flavors: [], instances: [], demandComments: [], diagnostics: [] };
  const roots = [...trees.providers.values()].filter((p) => !p.parentUuid || !trees.providers.has(p.parentUuid));
  const names = aggregateNames(trees);
  const hosts: HostFacts[] = [];
  const skipped: string[] = [];
  for (const r of roots) {
    const inv = r.inventories ?? {};
    if (!inv.VCPU && !inv.PCPU && !inv.MEMORY_MB) {
      skipped.push(r.name);
      continue;
    }
    const h = hostFacts(trees, r, names);
    const logical = h.vcpu + h.pcpu;
    if (!topology(logical) || !(h.memoryMiB > 0 && h.memoryMiB <= 64 * 1024 * 1024) || h.diskGiB < 0) {
      out.diagnostics.push({
        code: 'openstack.value.out_of_range',
        severity: 'error',
        path: ['resource_providers', r.uuid],
        message: `provider ${r.name}: VCPU ${h.vcpu} + PCPU ${h.pcpu} logical CPUs (1 to 512) and MEMORY_MB ${h.memoryMiB} (more than 0, at most 64 TiB) are not a host a scenario accepts: left out`,
        location: { file: trees.listFile ?? '', line: 1, col: 1 },
        hint: 'check its inventories: a compute node that is not reporting has no VCPU total',
      });
      continue;
    }
    hosts.push(h);
  }
  out.hasHosts = hosts.length > 0;
  if (!out.hasHosts) return out;
  const key = (h: HostFacts) => JSON.stringify([h.vcpu, h.pcpu, h.memoryMiB, h.diskGiB, h.devices, h.customTraits, h.aggregates]);
  const groups = new Map<string, HostFacts[]>();
  for (const h of hosts) groups.set(key(h), [...(groups.get(key(h)) ?? []), h]);
  const offered = new Set<string>(['VCPU', 'PCPU', 'MEMORY_MB', 'DISK_GB']);
  let n = 0;
  let anySets = false;
  const modelOf = new Map<TreeProvider, string>();
  for (const g of groups.values()) {
    n++;
    const id = `compute-host-${n}`;
    const h = g[0]!;
    for (const m of g) modelOf.set(m.root, id);
    const hostNames = c(g.map((m) => m.root.name).join(', '));
    const logical = h.vcpu + h.pcpu;
    const topo = topology(logical)!;
    out.hardware.push(
      `  ${id}:   # observed: Placement resource providers ${hostNames}`,
      `    model: ${q(`Compute host as observed (${g.length} alike)`)}`,
      '    heightRu: 2   # PLACEHOLDER: not in the Placement API',
      `    cpu: { model: "PLACEHOLDER", sockets: ${topo.sockets}, coresPerSocket: ${topo.cores}, threadsPerCore: ${topo.threads} }   # observed: ${h.pcpu > 0 ? `VCPU total ${h.vcpu} + PCPU total ${h.pcpu}` : `VCPU total ${h.vcpu}`} logical CPUs; topology PLACEHOLDER (not in the API)`,
      `    memory: { size: ${h.memoryMiB} MiB }   # observed: MEMORY_MB total`,
    );
    if (h.diskGiB > 0) out.hardware.push('    disks:', `      - { count: 1, size: ${h.diskGiB} GiB, kind: ssd, use: ephemeral }   # observed: DISK_GB total; kind PLACEHOLDER`);
    if (h.pcpu > 0 || h.customTraits.length > 0) {
      out.hardware.push('    nova:');
      if (h.pcpu > 0) {
        anySets = true;
        out.hardware.push(`      cpuDedicatedSet: ${q(h.pcpu === 1 ? '0' : `0-${h.pcpu - 1}`)}   # observed: PCPU total ${h.pcpu}; the CPU ids are not in the API (ASSUMPTION)`);
        if (h.vcpu > 0) out.hardware.push(`      cpuSharedSet: ${q(h.vcpu === 1 ? String(h.pcpu) : `${h.pcpu}-${h.pcpu + h.vcpu - 1}`)}   # observed: VCPU total ${h.vcpu}`);
      }
      if (h.customTraits.length > 0)
        out.hardware.push(`      traits: [${h.customTraits.join(', ')}]   # observed: provider traits (CUSTOM_ ones; ${h.otherTraits} standard traits not written)`);
    }
    if (h.devices.length > 0) {
      out.hardware.push('    devices:');
      const seen = new Map<string, number>();
      for (const d of h.devices) {
        const base = d.resourceClass.toLowerCase().replace(/_/g, '-').slice(0, 50);
        const k = (seen.get(base) ?? 0) + 1;
        seen.set(base, k);
        offered.add(d.resourceClass);
        out.hardware.push(
          `      - { name: ${q(k === 1 ? base : `${base}-${k}`)}, kind: ${d.resourceClass === 'VGPU' || d.resourceClass === 'PGPU' ? 'gpu' : 'pci'}, count: ${d.count}, resourceClass: ${d.resourceClass}, perDevice: ${d.perDevice} }   # observed: ${d.count} nested provider(s) of ${d.resourceClass} total ${d.perDevice}`,
        );
      }
    }
    if (h.notPlanned.length > 0) out.hardware.push(`    # not planned (resource classes headroom does not model): ${c(h.notPlanned.slice(0, 8).join('; '))}`);
    const zones = [...new Set((h.root.aggregates ?? []).map((u) => names.get(u)!.zone).filter((z): z is string => !!z))];
    out.nodes.push(
      `  - { role: compute, hardware: ${id}, count: ${g.length}${h.aggregates.length > 0 ? `, aggregates: [${h.aggregates.map(q).join(', ')}]` : ''} }${zones.length > 0 ? `   # availability zone ${c(zones.join(', '))} (Nova aggregate): give the racks their zone to pin demand to it` : ''}`,
    );
    // usage of the group, class by class
    const usage = new Map<string, [number, number | undefined]>();
    for (const m of g)
      for (const [rc, [cap, used]] of m.usage) {
        const prev = usage.get(rc);
        usage.set(rc, [(prev?.[0] ?? 0) + cap, used === undefined ? prev?.[1] : (prev?.[1] ?? 0) + used]);
      }
    const parts = [...usage].map(
      ([rc, [cap, used]]) => `${rc} ${used === undefined ? '?' : fmt(used)} of ${fmt(cap)}${rc === 'MEMORY_MB' ? ' MiB' : rc === 'DISK_GB' ? ' GiB' : ''}`,
    );
    out.demandComments.push(
      `  # observed usage of ${id} (${g.length} host(s)${h.aggregates.length > 0 ? `, aggregates ${c(h.aggregates.join(', '))}` : ''}), used of capacity (total - reserved) x allocation_ratio: ${c(parts.join(', '))}`,
    );
  }
  if (skipped.length > 0) out.nodes.push(`  # Placement roots without VCPU, PCPU or MEMORY_MB (not compute nodes, e.g. sharing providers): ${c(skipped.join(', '))}`);
  // ratios and reservations: the first host that has each class; others that differ are said
  const first = (rc: string): PlacementRcInventory | undefined => hosts.find((h) => h.root.inventories?.[rc])?.root.inventories?.[rc];
  const differ = (rc: string) => hosts.filter((h) => h.root.inventories?.[rc] && h.root.inventories[rc]!.allocationRatio !== first(rc)!.allocationRatio).map((h) => h.root.name);
  // what a scenario accepts (model/schema.ts): ratios cpu (0, 64], ram and disk (0, 16]; reserved between 0 and the total
  const RATIO_MAX: Record<string, number> = { VCPU: 64, MEMORY_MB: 16, DISK_GB: 16 };
  let bad = false;
  for (const rc of ['VCPU', 'MEMORY_MB', 'DISK_GB']) {
    const i = first(rc);
    if (!i) continue;
    if (!(i.allocationRatio > 0 && i.allocationRatio <= RATIO_MAX[rc]!) || !(i.reserved >= 0 && i.reserved <= i.total)) {
      const owner = hosts.find((h) => h.root.inventories?.[rc] === i)!.root.name;
      out.diagnostics.push({
        code: 'openstack.value.out_of_range',
        severity: 'error',
        path: ['inventories', rc],
        message: `${owner}: ${rc} allocation_ratio ${i.allocationRatio} or reserved ${i.reserved} is outside what a scenario accepts (ratio in (0, ${RATIO_MAX[rc]}], reserved from 0 to the total ${i.total})`,
        location: { file: trees.listFile ?? '', line: 1, col: 1 },
        hint: "check cpu/ram/disk_allocation_ratio and reserved_host_* in that host's nova.conf",
      });
      bad = true;
    }
  }
  if (bad) return out;
  const ratio = (rc: string, d: number) => first(rc)?.allocationRatio ?? d;
  const differing = ['VCPU', 'MEMORY_MB', 'DISK_GB'].flatMap((rc) => (first(rc) && differ(rc).length > 0 ? [`${rc} on ${differ(rc).join(', ')}`] : []));
  out.openstack.push(
    `  allocationRatio: { cpu: ${ratio('VCPU', 4)}, ram: ${ratio('MEMORY_MB', 1)}, disk: ${ratio('DISK_GB', 1)} }   # observed: Placement inventories of ${c(hosts[0]!.root.name)}${differing.length > 0 ? `; other ratios: ${c(differing.join('; '))} (one ratio per cloud in a scenario)` : ''}`,
  );
  const hostCpus = anySets ? 0 : (first('VCPU')?.reserved ?? 0);
  out.openstack.push(
    `  reserved: { hostMemory: ${first('MEMORY_MB')?.reserved ?? 512} MiB, hostCpus: ${hostCpus} }   # observed: MEMORY_MB reserved${anySets ? '; hostCpus 0: Nova refuses reserved_host_cpus next to CPU sets' : ', VCPU reserved'}`,
  );
  const used = [...names.values()].filter((a) => hosts.some((h) => h.aggregates.includes(a.name)));
  if (used.length > 0) {
    out.openstack.push('  aggregates:');
    for (const a of used) {
      const meta = Object.entries(a.metadata).filter(([k, v]) => k.length >= 1 && k.length <= 255 && v.length <= 255);
      out.openstack.push(
        `    ${q(a.name)}: { metadata: { ${meta.map(([k, v]) => `${q(k)}: ${q(v)}`).join(', ')} } }   # ${a.named ? 'observed: Nova os-aggregates' : 'observed: Placement aggregate uuid (no Nova os-aggregates response: no name, no metadata)'}`,
      );
    }
  }
  instances(trees, hosts, modelOf, flavors, offered, out);
  return out;
}

/** Allocations -> demand lines (see the file's docstring). */
function instances(trees: ProviderTrees, hosts: HostFacts[], modelOf: Map<TreeProvider, string>, flavors: readonly NovaFlavor[], offered: Set<string>, out: TreeBaseline): void {
  const consumers = new Map<string, { root: TreeProvider; res: Record<string, number> }>();
  const withAllocations = new Set<TreeProvider>();
  for (const p of trees.providers.values()) {
    if (!p.allocations) continue;
    const root = rootOf(trees, p);
    if (!modelOf.has(root)) continue;
    withAllocations.add(root);
    for (const [consumer, res] of Object.entries(p.allocations)) {
      const cur = consumers.get(consumer) ?? { root, res: {} };
      for (const [rc, n] of Object.entries(res)) cur.res[rc] = (cur.res[rc] ?? 0) + n;
      consumers.set(consumer, cur);
    }
  }
  if (consumers.size === 0) return;
  const lines = new Map<string, { flavor: string; count: number; hosts: Set<string> }>();
  const skipped: string[] = [];
  let synth = 0;
  for (const [consumer, { root, res }] of consumers) {
    const vkey = Object.keys(res)
      .sort()
      .map((rc) => `${rc}=${res[rc]}`)
      .join(',');
    let line = lines.get(vkey);
    if (!line) {
      const vcpu = res.VCPU ?? 0;
      const pcpu = res.PCPU ?? 0;
      const ram = res.MEMORY_MB ?? 0;
      const disk = res.DISK_GB ?? 0;
      const others = Object.keys(res).filter((rc) => !CORE.has(rc));
      if (vcpu + pcpu < 1 || vcpu + pcpu > 4096 || ram <= 0 || others.some((rc) => !offered.has(rc)) || (vcpu > 0 && pcpu > 0)) {
        skipped.push(`${consumer} (${vkey})`);
        continue;
      }
      const nova =
        others.length === 0 && pcpu === 0
          ? flavors.find(
              (f) =>
                f.vcpus === vcpu &&
                f.ramMiB === ram &&
                (disk === f.diskGiB + f.ephemeralGiB + Math.ceil(f.swapMiB / 1024) || disk === f.ephemeralGiB + Math.ceil(f.swapMiB / 1024)),
            )
          : undefined;
      let name: string;
      if (nova) name = nova.name;
      else {
        synth++;
        name = `observed-${synth}`;
        const specs = [...(pcpu > 0 ? ['"hw:cpu_policy": dedicated'] : []), ...others.map((rc) => `${q(`resources:${rc}`)}: ${res[rc]}`)];
        out.flavors.push(
          `    ${q(name)}: { vcpus: ${vcpu + pcpu}, ram: ${ram} MiB, disk: ${disk} GiB${specs.length > 0 ? `, extraSpecs: { ${specs.join(', ')} }` : ''} }   # observed: the Placement allocation ${c(vkey)} (no Nova flavor requests exactly this)`,
        );
      }
      line = { flavor: name, count: 0, hosts: new Set() };
      lines.set(vkey, line);
    }
    line.count++;
    line.hosts.add(root.name);
  }
  if (lines.size > 0) {
    // equal flavor names from two vectors cannot happen: a Nova flavor matches one vector
    for (const l of lines.values())
      out.instances.push(`    - { flavor: ${q(l.flavor)}, count: ${l.count} }   # observed: Placement allocations of ${l.count} consumer(s) on ${c([...l.hosts].join(', '))}`);
  }
  if (skipped.length > 0)
    out.demandComments.push(
      `  # consumers not written as instances (no CPU or memory, both VCPU and PCPU, or a class no host model offers): ${c(skipped.slice(0, 10).join('; '))}${skipped.length > 10 ? ` and ${skipped.length - 10} more` : ''}`,
    );
  const without = hosts.filter((h) => !withAllocations.has(h.root)).map((h) => h.root.name);
  if (without.length > 0)
    out.demandComments.push(`  # no allocations given for ${c(without.join(', '))}: their instances are not in demand.instances (give /resource_providers/{uuid}/allocations)`);
}
