/**
 * Placement provider trees from a running cloud: the resource providers (nested ones under
 * their compute node), and per provider its inventories, usages, traits, aggregates and
 * allocations; plus Nova's host aggregates for their names, metadata and zones.
 *
 * Shapes read (openstack/placement api-ref/source/samples, osc-placement resources/*.py):
 *   GET /resource_providers                    {"resource_providers": [{uuid, name, generation, parent_provider_uuid, root_provider_uuid}]}
 *   GET /resource_providers/{uuid}/inventories {"inventories": {RC: {total, reserved, allocation_ratio, ...}}}
 *   GET /resource_providers/{uuid}/usages      {"usages": {RC: n}}
 *   GET /resource_providers/{uuid}/traits      {"traits": [name]}
 *   GET /resource_providers/{uuid}/aggregates  {"aggregates": [uuid]} (1.19+; before, without the generation)
 *   GET /resource_providers/{uuid}/allocations {"allocations": {consumer: {"resources": {RC: n}}}}
 *   `openstack resource provider list -f json`            [{uuid, name, generation, root_provider_uuid?, parent_provider_uuid?}]
 *   `openstack resource provider inventory list U -f json` [{resource_class, allocation_ratio, min_unit, max_unit, reserved, step_size, total, used}]
 *   `openstack resource provider usage show U -f json`     [{resource_class, usage}]
 *   `openstack resource provider trait list U -f json`     [{name}]
 *   `openstack resource provider aggregate list U -f json` [{uuid}]
 *   `openstack resource provider show U --allocations -f json` {uuid, name, ..., allocations: {consumer: {resources}}}
 *   Nova GET /os-aggregates (2.41+ has uuid)   {"aggregates": [{name, uuid, hosts, metadata, availability_zone}]}
 * The per-provider responses do not name their provider: the provider's uuid must be in the
 * file's name (e.g. `<uuid>.inventories.json`, what a `for u in $(openstack resource provider
 * list -f value -c uuid)` loop writes). A per-provider file without one, or with a uuid the
 * provider list does not hold, is `openstack.provider.unknown` (warning, skipped).
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { isObj, num, str } from '../ceph-state/json.js';
import type { OpenstackFile } from './baseline.js';
import { parseOpenstackJson } from './json.js';
import type { PlacementRcInventory } from './placement.js';

export interface TreeProvider {
  uuid: string;
  name: string;
  parentUuid?: string;
  inventories?: Record<string, PlacementRcInventory>;
  /** Resource class -> used amount (usages, or the `used` column of `inventory list`). */
  usages?: Record<string, number>;
  traits?: string[];
  /** Placement aggregate uuids. */
  aggregates?: string[];
  /** Consumer uuid -> resource class -> amount, on this provider. */
  allocations?: Record<string, Record<string, number>>;
}

export interface NovaAggregate {
  name: string;
  uuid?: string;
  hosts: string[];
  metadata: Record<string, string>;
  availabilityZone?: string;
}

export interface ProviderTrees {
  /** By uuid, in the order of the provider list. */
  providers: Map<string, TreeProvider>;
  novaAggregates: NovaAggregate[];
  /** The file of the resource provider list (where a host's problems are reported). */
  listFile?: string;
  /** Files read here (the rest is for the older readers). */
  consumed: Set<string>;
  diagnostics: Diagnostic[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
type Kind = 'inventories' | 'usages' | 'traits' | 'aggregates' | 'allocations';

/** What a per-provider response holds, by its shape; undefined when it is not one. */
function perProvider(v: unknown): { kind: Kind; data: unknown } | undefined {
  if (isObj(v)) {
    if (isObj(v.inventories)) return { kind: 'inventories', data: v.inventories };
    if (isObj(v.usages)) return { kind: 'usages', data: v.usages };
    if (Array.isArray(v.traits)) return { kind: 'traits', data: v.traits };
    if (Array.isArray(v.aggregates) && v.aggregates.every((a) => typeof a === 'string')) return { kind: 'aggregates', data: v.aggregates };
    if (isObj(v.allocations)) return { kind: 'allocations', data: v.allocations };
    return undefined;
  }
  if (!Array.isArray(v) || v.length === 0 || !v.every(isObj)) return undefined;
  const first = v[0] as Record<string, unknown>;
  if ('resource_class' in first && 'total' in first) return { kind: 'inventories', data: v };
  if ('resource_class' in first && 'usage' in first) return { kind: 'usages', data: v };
  if (Object.keys(first).length === 1 && 'name' in first) return { kind: 'traits', data: v };
  if (Object.keys(first).length === 1 && 'uuid' in first) return { kind: 'aggregates', data: v };
  return undefined;
}

function inventoryOf(raw: unknown): PlacementRcInventory | undefined {
  if (!isObj(raw)) return undefined;
  const total = num(raw.total);
  if (total === undefined) return undefined;
  return {
    total,
    reserved: num(raw.reserved) ?? 0,
    allocationRatio: num(raw.allocation_ratio) ?? 1,
    minUnit: num(raw.min_unit) ?? 1,
    maxUnit: num(raw.max_unit) ?? total,
    stepSize: num(raw.step_size) ?? 1,
  };
}

function apply(p: TreeProvider, kind: Kind, data: unknown): void {
  if (kind === 'inventories') {
    const inv: Record<string, PlacementRcInventory> = {};
    if (Array.isArray(data)) {
      const used: Record<string, number> = {};
      for (const row of data) {
        const rc = isObj(row) ? str(row.resource_class) : undefined;
        const i = inventoryOf(row);
        if (!rc || !i) continue;
        inv[rc] = i;
        const u = num((row as Record<string, unknown>).used);
        if (u !== undefined) used[rc] = u;
      }
      if (Object.keys(used).length > 0 && !p.usages) p.usages = used;
    } else if (isObj(data)) {
      for (const [rc, raw] of Object.entries(data)) {
        const i = inventoryOf(raw);
        if (i) inv[rc] = i;
      }
    }
    p.inventories = inv;
  } else if (kind === 'usages') {
    const u: Record<string, number> = {};
    if (Array.isArray(data)) {
      for (const row of data) if (isObj(row) && str(row.resource_class) && num(row.usage) !== undefined) u[str(row.resource_class)!] = num(row.usage)!;
    } else if (isObj(data)) {
      for (const [rc, n] of Object.entries(data)) if (typeof n === 'number') u[rc] = n;
    }
    p.usages = u;
  } else if (kind === 'traits') {
    p.traits = (data as unknown[]).map((t) => (typeof t === 'string' ? t : isObj(t) ? str(t.name) : undefined)).filter((t): t is string => !!t);
  } else if (kind === 'aggregates') {
    p.aggregates = (data as unknown[]).map((a) => (typeof a === 'string' ? a : isObj(a) ? str(a.uuid) : undefined)).filter((a): a is string => !!a);
  } else {
    const out: Record<string, Record<string, number>> = {};
    for (const [consumer, raw] of Object.entries(data as Record<string, unknown>)) {
      const res = isObj(raw) && isObj(raw.resources) ? raw.resources : undefined;
      if (!res) continue;
      const r: Record<string, number> = {};
      for (const [rc, n] of Object.entries(res)) if (typeof n === 'number') r[rc] = n;
      out[consumer] = r;
    }
    p.allocations = out;
  }
}

function novaAggregates(list: unknown[]): NovaAggregate[] {
  const out: NovaAggregate[] = [];
  for (const a of list) {
    if (!isObj(a) || !str(a.name)) continue;
    const metadata: Record<string, string> = {};
    if (isObj(a.metadata)) for (const [k, v] of Object.entries(a.metadata)) if (typeof v === 'string') metadata[k] = v;
    const agg: NovaAggregate = { name: str(a.name)!, hosts: Array.isArray(a.hosts) ? a.hosts.filter((h): h is string => typeof h === 'string') : [], metadata };
    if (str(a.uuid)) agg.uuid = str(a.uuid)!;
    const az = str(a.availability_zone) ?? metadata.availability_zone;
    if (az) agg.availabilityZone = az;
    out.push(agg);
  }
  return out;
}

/**
 * Reads the provider list, the per-provider responses and Nova's aggregates among `files`.
 * Without a provider list nothing is read (the older single-inventory reading applies).
 */
export function readProviderTrees(files: readonly OpenstackFile[]): ProviderTrees {
  const out: ProviderTrees = { providers: new Map(), novaAggregates: [], consumed: new Set(), diagnostics: [] };
  const parsed = files.map((f) => ({ f, v: parseOpenstackJson(f.text, f.name, 'OpenStack API').value }));
  for (const { f, v } of parsed) {
    const list =
      isObj(v) && Array.isArray(v.resource_providers)
        ? v.resource_providers
        : Array.isArray(v) && v.length > 0 && v.every((r) => isObj(r) && 'uuid' in r && 'name' in r && 'generation' in r)
          ? v
          : undefined;
    if (list) {
      out.consumed.add(f.name);
      out.listFile ??= f.name;
      for (const r of list) {
        if (!isObj(r) || !str(r.uuid)) continue;
        const p: TreeProvider = { uuid: str(r.uuid)!, name: str(r.name) ?? str(r.uuid)! };
        if (str(r.parent_provider_uuid)) p.parentUuid = str(r.parent_provider_uuid)!;
        out.providers.set(p.uuid, p);
      }
    } else if (isObj(v) && Array.isArray(v.aggregates) && v.aggregates.some((a) => isObj(a) && 'name' in a)) {
      out.consumed.add(f.name);
      out.novaAggregates.push(...novaAggregates(v.aggregates));
    }
  }
  if (out.providers.size === 0) return out;
  for (const { f, v } of parsed) {
    if (out.consumed.has(f.name)) continue;
    const id = UUID.exec(f.name)?.[0]?.toLowerCase();
    // `-f json` of a provider with no traits, aggregates or inventory: an empty list
    if (Array.isArray(v) && v.length === 0 && id && out.providers.has(id)) {
      out.consumed.add(f.name);
      continue;
    }
    const pp = perProvider(v);
    if (!pp) continue;
    const provider = id ? out.providers.get(id) : undefined;
    out.consumed.add(f.name);
    if (!provider) {
      out.diagnostics.push({
        code: 'openstack.provider.unknown',
        severity: 'warning',
        path: [],
        message: id
          ? `a Placement ${pp.kind} response for provider ${id}, which the resource provider list does not hold: skipped`
          : `a Placement ${pp.kind} response whose file name holds no provider uuid: skipped (the response does not name its provider)`,
        location: { file: f.name, line: 1, col: 1 },
        hint: 'name each per-provider file after its provider, e.g. <uuid>.inventories.json, and give the `openstack resource provider list -f json` of the same cloud',
      });
      continue;
    }
    apply(provider, pp.kind, pp.data);
  }
  return out;
}

/** The root (compute node) of a provider: follows parent_provider_uuid. */
export function rootOf(trees: ProviderTrees, p: TreeProvider): TreeProvider {
  let cur = p;
  for (let i = 0; i < 64 && cur.parentUuid && trees.providers.has(cur.parentUuid); i++) cur = trees.providers.get(cur.parentUuid)!;
  return cur;
}
