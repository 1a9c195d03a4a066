/**
 * Placement API responses (`openstack resource provider ... -f json` or the raw API):
 * resource providers, inventories, usages -> per-provider capacity, used and free.
 *
 * Semantics (openstack/placement, api-ref; placement/objects/allocation.py capacity check):
 *   capacity = (total - reserved) x allocation_ratio        per resource class
 * An allocation fits while used + amount <= capacity (and amount <= max_unit, a multiple of
 * step_size, >= min_unit). Units are the resource class's own: VCPU and PCPU count CPUs,
 * MEMORY_MB is MiB, DISK_GB is GiB (Nova's names say MB and GB, the values are MiB and GiB).
 * GET /usages at microversion 1.38+ is split by consumer type (INSTANCE, MIGRATION, unknown,
 * each with a consumer_count): the per-class usage is the sum over types.
 */
import { inventoryCapacity } from '../compute/placement.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { isObj, num, str, type Obj } from '../ceph-state/json.js';
import { parseOpenstackJson, wrongResponse, type Parsed } from './json.js';

export interface PlacementRcInventory {
  total: number;
  reserved: number;
  allocationRatio: number;
  minUnit: number;
  maxUnit: number;
  stepSize: number;
}

export interface PlacementInventories {
  generation?: number;
  /** By resource class (VCPU, PCPU, MEMORY_MB in MiB, DISK_GB in GiB, custom classes). */
  inventories: Record<string, PlacementRcInventory>;
}

export interface ResourceProvider {
  uuid: string;
  name: string;
  generation?: number;
  parentUuid?: string;
}

/** Placement's capacity of one inventory read from the API: compute/placement.ts inventoryCapacity, the one formula. */
export function placementCapacity(inv: PlacementRcInventory): number {
  return inventoryCapacity(inv.total, inv.reserved, inv.allocationRatio);
}

/** Parses GET /resource_providers/{uuid}/inventories. Errors: openstack.json.invalid, openstack.json.wrong_response. */
export function parsePlacementInventories(text: string, fileName: string): Parsed<PlacementInventories> {
  const r = parseOpenstackJson(text, fileName, 'GET /resource_providers/{uuid}/inventories');
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  if (!isObj(r.value) || !isObj(r.value.inventories))
    return { diagnostics: [...r.diagnostics, wrongResponse(fileName, 'a Placement inventories response ({"inventories": {...}})', r.value)] };
  const inventories: Record<string, PlacementRcInventory> = {};
  for (const [rc, raw] of Object.entries(r.value.inventories)) {
    const v: Obj = isObj(raw) ? raw : {};
    const total = num(v.total);
    if (total === undefined) {
      r.diagnostics.push(field(fileName, `inventories.${rc} has no numeric total: skipped`, ['inventories', rc]));
      continue;
    }
    inventories[rc] = {
      total,
      reserved: num(v.reserved) ?? 0,
      allocationRatio: num(v.allocation_ratio) ?? 1,
      minUnit: num(v.min_unit) ?? 1,
      maxUnit: num(v.max_unit) ?? total,
      stepSize: num(v.step_size) ?? 1,
    };
  }
  const out: PlacementInventories = { inventories };
  const gen = num(r.value.resource_provider_generation);
  if (gen !== undefined) out.generation = gen;
  return { data: out, diagnostics: r.diagnostics };
}

/**
 * Parses GET /resource_providers/{uuid}/usages or GET /usages (1.38+ split by consumer type,
 * summed here). Values in the resource class's unit.
 */
export function parsePlacementUsages(text: string, fileName: string): Parsed<Record<string, number>> {
  const r = parseOpenstackJson(text, fileName, 'GET /resource_providers/{uuid}/usages');
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  if (!isObj(r.value) || !isObj(r.value.usages)) return { diagnostics: [...r.diagnostics, wrongResponse(fileName, 'a Placement usages response ({"usages": {...}})', r.value)] };
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(r.value.usages)) {
    if (typeof v === 'number') out[key] = (out[key] ?? 0) + v;
    else if (isObj(v)) for (const [rc, n] of Object.entries(v)) if (rc !== 'consumer_count' && typeof n === 'number') out[rc] = (out[rc] ?? 0) + n;
  }
  return { data: out, diagnostics: r.diagnostics };
}

/** Parses GET /resource_providers. */
export function parseResourceProviders(text: string, fileName: string): Parsed<ResourceProvider[]> {
  const r = parseOpenstackJson(text, fileName, 'GET /resource_providers');
  if (r.value === undefined) return { diagnostics: r.diagnostics };
  if (!isObj(r.value) || !Array.isArray(r.value.resource_providers))
    return { diagnostics: [...r.diagnostics, wrongResponse(fileName, 'a Placement resource providers response ({"resource_providers": [...]})', r.value)] };
  const out: ResourceProvider[] = [];
  for (const p of r.value.resource_providers) {
    if (!isObj(p) || !str(p.uuid)) continue;
    const rp: ResourceProvider = { uuid: str(p.uuid)!, name: str(p.name) ?? str(p.uuid)! };
    const gen = num(p.generation);
    if (gen !== undefined) rp.generation = gen;
    const parent = str(p.parent_provider_uuid);
    if (parent) rp.parentUuid = parent;
    out.push(rp);
  }
  return { data: out, diagnostics: r.diagnostics };
}

export interface ResourceClassCapacity {
  resourceClass: string;
  total: number;
  reserved: number;
  allocationRatio: number;
  /** (total - reserved) x allocation_ratio. */
  capacity: number;
  /** From usages; undefined when not given. */
  used?: number;
  /** capacity - used. */
  free?: number;
}

/**
 * One provider's capacity per resource class. A usage above capacity (possible after a
 * ratio was lowered, or in hand-edited data) gets an `openstack.usage.over_capacity` warning.
 */
export function providerCapacities(
  inv: PlacementInventories,
  usages: Record<string, number> | undefined,
  subject: string,
  fileName: string,
): { classes: ResourceClassCapacity[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const classes = Object.entries(inv.inventories).map(([rc, i]) => {
    const row: ResourceClassCapacity = { resourceClass: rc, total: i.total, reserved: i.reserved, allocationRatio: i.allocationRatio, capacity: placementCapacity(i) };
    const used = usages?.[rc];
    if (used !== undefined) {
      row.used = used;
      row.free = row.capacity - used;
      if (used > row.capacity)
        diagnostics.push({
          ...field(fileName, `${subject}: ${rc} used ${used} exceeds its capacity (${i.total} - ${i.reserved}) x ${i.allocationRatio} = ${row.capacity}`, ['usages', rc]),
          code: 'openstack.usage.over_capacity',
          severity: 'warning',
        });
    }
    return row;
  });
  return { classes, diagnostics };
}

function field(fileName: string, message: string, path: (string | number)[]): Diagnostic {
  return { code: 'openstack.json.invalid_field', severity: 'warning', path, message, location: { file: fileName, line: 1, col: 1 } };
}
