/**
 * normalize's part for heterogeneous compute (model/compute-schema.ts -> model/host-compute.ts):
 * NUMA nodes default to one per socket, extra spec values become strings (Nova stores them
 * so), every aggregate a node group names exists.
 */
import type { Aggregate } from '../model/host-compute.js';
import type { HardwareModel, NodeGroup } from '../model/scenario.js';
import type { ScenarioFileOutput } from '../model/schema.js';

type FileHardware = Extract<ScenarioFileOutput['hardware'][string], { heightRu: number; cpu: { sockets: number } }>;

/** Sets `numa`, `nova` and `devices` on a model written in the scenario, when the file gives them. */
export function applyHostCompute(model: HardwareModel, h: FileHardware): void {
  if (!('numa' in h) && !('nova' in h) && !('devices' in h)) return;
  const f = h as FileHardware & {
    numa?: { nodes?: number; hugePages?: { size: number; count: number } };
    nova?: { cpuDedicatedSet?: string; cpuSharedSet?: string; traits?: string[] };
    devices?: { name: string; kind: 'gpu' | 'pci'; model?: string; count: number; resourceClass: string; perDevice: number; vgpuType?: string }[];
  };
  if (f.numa) {
    model.numa = { nodes: f.numa.nodes ?? model.cpu.sockets };
    if (f.numa.hugePages) model.numa.hugePages = { sizeBytes: f.numa.hugePages.size, count: f.numa.hugePages.count };
  }
  if (f.nova) {
    model.nova = { traits: [...(f.nova.traits ?? [])] };
    if (f.nova.cpuDedicatedSet !== undefined) model.nova.cpuDedicatedSet = f.nova.cpuDedicatedSet;
    if (f.nova.cpuSharedSet !== undefined) model.nova.cpuSharedSet = f.nova.cpuSharedSet;
  }
  if (f.devices && f.devices.length > 0) model.devices = f.devices.map((d) => ({ ...d }));
}

/** Extra spec values as strings: `true` -> "true", 8 -> "8" (Nova's extra specs are strings). */
export function extraSpecStrings(specs: Record<string, string | number | boolean>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(specs)) out[k] = String(v);
  return out;
}

/** `{ aggregates }` with every aggregate of the file and every one a node group names (empty metadata), or `{}` when there are none. */
export function normalizeAggregates(
  file: Record<string, { metadata: Record<string, string> }> | undefined,
  nodes: readonly NodeGroup[],
  purchased: readonly string[] = [],
): { aggregates?: Record<string, Aggregate> } {
  const out: Record<string, Aggregate> = {};
  for (const [name, a] of Object.entries(file ?? {})) out[name] = { name, metadata: { ...a.metadata } };
  for (const a of [...nodes.flatMap((g) => g.aggregates ?? []), ...purchased]) if (!Object.hasOwn(out, a)) out[a] = { name: a, metadata: {} };
  return Object.keys(out).length > 0 ? { aggregates: out } : {};
}
