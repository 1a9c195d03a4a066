/**
 * `schema.memory_decimal`: a memory size written in decimal units (kB, MB, GB, TB). Memory is
 * built and sold in binary sizes (a 32 GB DIMM holds 32 GiB = 32 × 2^30 bytes; JEDEC's "GB" for
 * memory is 2^30 bytes), while headroom reads "GB" as 10^9 bytes (units/quantity.ts): "768 GB"
 * is 715.3 GiB, 6.9 % less than the 768 GiB installed, and Placement's MEMORY_MB is MiB.
 * A warning, positioned at the value, with the GiB equivalent in the hint.
 */
import type { RawIssue } from './references.js';
import { parseQuantity } from '../units/quantity.js';
import { fmtNumber } from '../units/format.js';

const GIB = 2 ** 30;
const DECIMAL_BYTES = /(^|[\d\s])[kMGTPE]B$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The memory sizes of a raw scenario, with their paths: hardware memory, flavor RAM, reservations and overheads, role requirements, Ceph host memory. */
function memorySizes(raw: Obj): { path: (string | number)[]; value: unknown }[] {
  const out: { path: (string | number)[]; value: unknown }[] = [];
  const at = (path: (string | number)[]): void => {
    let v: unknown = raw;
    for (const k of path) v = isObj(v) ? v[k as string] : undefined;
    if (v !== undefined) out.push({ path, value: v });
  };
  const keys = (path: string[]): string[] => {
    let v: unknown = raw;
    for (const k of path) v = isObj(v) ? v[k] : undefined;
    return isObj(v) ? Object.keys(v) : [];
  };
  for (const hw of keys(['hardware'])) at(['hardware', hw, 'memory', 'size']);
  for (const f of keys(['openstack', 'flavors'])) at(['openstack', 'flavors', f, 'ram']);
  at(['openstack', 'reserved', 'hostMemory']);
  at(['openstack', 'instanceMemoryOverhead']);
  for (const role of keys(['requirements'])) {
    for (const k of ['minMemory', 'memoryPerOsd', 'minMemoryPerCore', 'osdMemoryBase']) at(['requirements', role, k]);
  }
  at(['ceph', 'osdMemoryTarget']);
  at(['ceph', 'hostMemory']);
  return out;
}

/**
 * One `schema.memory_decimal` warning per memory size written in decimal units: message
 * `"768 GB" is 715.3 GiB ...`, hint the GiB figure to write instead. Sizes that do not parse
 * are left to the schema's own diagnostics.
 */
export function checkMemoryDecimal(raw: Obj): RawIssue[] {
  const out: RawIssue[] = [];
  for (const { path, value } of memorySizes(raw)) {
    if (typeof value !== 'string' || !DECIMAL_BYTES.test(value.trim())) continue;
    const q = parseQuantity(value, 'bytes');
    if (!q.ok) continue;
    const gib = fmtNumber(q.value / GIB, 1);
    out.push({
      code: 'schema.memory_decimal',
      severity: 'warning',
      path,
      message: `"${value.trim()}" is a decimal size: ${gib} GiB; memory is sold in binary sizes (a "32 GB" DIMM holds 32 GiB)`,
      hint: `if the memory is ${value.trim().replace(/B$/, 'iB')}, write that; to keep this size, write "${gib} GiB"`,
    });
  }
  return out;
}
