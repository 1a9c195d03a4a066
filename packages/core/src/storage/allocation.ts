/**
 * BlueStore allocation padding [model]: an object takes whole allocation units on each OSD that
 * holds a copy or a shard of it. bluestore_min_alloc_size is 4 KiB for HDD and SSD OSDs created
 * by Pacific or later (bluestore_min_alloc_size_hdd/_ssd 4096, src/common/options/global.yaml.in);
 * OSDs created earlier keep what they were built with (64 KiB HDD, 16 KiB SSD before Pacific):
 * it is fixed at OSD creation (doc/rados/configuration/bluestore-config-ref.rst, "Minimum
 * Allocation Size"). An erasure-coded object is first padded to whole stripes of k x stripe_unit
 * (osd_pool_erasure_code_stripe_unit 4 KiB, global.yaml.in; doc/rados/operations/erasure-code-profile.rst).
 */
import type { Finding } from '../diagnostics/types.js';
import type { CephPoolAllocation } from '../model/allocation.js';
import type { DiskKind } from '../model/scenario.js';
import { fmtNumber, fmtTB } from '../units/format.js';

const SOURCE =
  'bluestore_min_alloc_size_hdd/_ssd 4096 since Pacific, fixed at OSD creation (ceph src/common/options/global.yaml.in; doc/rados/configuration/bluestore-config-ref.rst, Minimum Allocation Size); osd_pool_erasure_code_stripe_unit 4096 (global.yaml.in)';

/** bluestore_min_alloc_size since Pacific, by disk kind (HDD: bluestore_min_alloc_size_hdd; SSD and NVMe: _ssd). */
export const MIN_ALLOC_DEFAULTS: Readonly<Record<DiskKind, number>> = { hdd: 4096, ssd: 4096, nvme: 4096 };
/** osd_pool_erasure_code_stripe_unit, bytes. */
export const EC_STRIPE_UNIT_BYTES = 4096;

/** A pool's layout as the padding needs it. */
export type AllocationLayout = { type: 'replicated'; size: number } | { type: 'erasure'; k: number; m: number };

const roundUp = (x: number, unit: number): number => Math.ceil(x / unit) * unit;

/**
 * Raw bytes allocated for one object of `objectBytes`:
 *   replicated: size x ceil(s / a) x a
 *   erasure:    chunk = ceil(s / (k x su)) x su (the object padded to whole stripes, split in k)
 *               (k + m) x ceil(chunk / a) x a
 * Examples (a = min_alloc_size, su = 4 KiB): 16 KiB, size 3, a 64 KiB: 3 x 64 KiB = 192 KiB (4 x the
 * 48 KiB of 3 x 16 KiB); 16 KiB, EC 4+2, a 4 KiB: chunk 4 KiB, 6 x 4 KiB = 24 KiB (no padding);
 * 16 KiB, EC 4+2, a 64 KiB: 6 x 64 KiB = 384 KiB (16 x 24 KiB); 10 KiB, EC 4+2, a 4 KiB: stripes
 * of 16 KiB, chunk 4 KiB, 24 KiB for 15 KiB nominal (1.6 x).
 */
export function allocatedBytesPerObject(objectBytes: number, minAllocBytes: number, layout: AllocationLayout, stripeUnitBytes = EC_STRIPE_UNIT_BYTES): number {
  if (layout.type === 'replicated') return layout.size * roundUp(objectBytes, minAllocBytes);
  const chunk = roundUp(objectBytes, layout.k * stripeUnitBytes) / layout.k;
  return (layout.k + layout.m) * roundUp(chunk, minAllocBytes);
}

/** allocated / (object x raw used rate), raw used rate = size or (k + m) / k. */
export function allocationFactor(objectBytes: number, minAllocBytes: number, layout: AllocationLayout, stripeUnitBytes = EC_STRIPE_UNIT_BYTES): number {
  const rate = layout.type === 'replicated' ? layout.size : (layout.k + layout.m) / layout.k;
  return allocatedBytesPerObject(objectBytes, minAllocBytes, layout, stripeUnitBytes) / (objectBytes * rate);
}

/** One pool's padding: stored bytes at month 0 and at the peak, and the min_alloc_size of its OSDs. */
export function poolAllocation(x: {
  pool: string;
  layout: AllocationLayout;
  averageObjectBytes: number;
  minAllocBytes: number;
  storedBytesMonth0: number;
  storedBytesPeak: number;
}): CephPoolAllocation {
  const rate = x.layout.type === 'replicated' ? x.layout.size : (x.layout.k + x.layout.m) / x.layout.k;
  const factor = allocationFactor(x.averageObjectBytes, x.minAllocBytes, x.layout);
  return {
    pool: x.pool,
    averageObjectBytes: x.averageObjectBytes,
    minAllocBytes: x.minAllocBytes,
    stripeUnitBytes: x.layout.type === 'erasure' ? EC_STRIPE_UNIT_BYTES : null,
    allocatedBytesPerObject: allocatedBytesPerObject(x.averageObjectBytes, x.minAllocBytes, x.layout),
    factor,
    paddingRawBytesMonth0: x.storedBytesMonth0 * rate * (factor - 1),
    paddingRawBytesPeak: x.storedBytesPeak * rate * (factor - 1),
  };
}

/** Object and allocation sizes in KiB (MiB from 1 MiB on): 16384 -> "16 KiB", 4 MiB -> "4 MiB". */
const binary = (bytes: number): string => (bytes >= 2 ** 20 ? `${fmtNumber(bytes / 2 ** 20)} MiB` : `${fmtNumber(bytes / 1024)} KiB`);

/**
 * `ceph.pool.allocation_padding` (warning) for a pool whose factor is 1.10 or more. headroom's
 * fill, MAX AVAIL and runways count stored x raw used rate, as `ceph df` STORED does; the
 * padding is on top: the finding says how much.
 */
export function allocationFindings(pools: readonly CephPoolAllocation[]): Finding[] {
  return pools
    .filter((a) => a.factor >= 1.1)
    .map((a) => ({
      code: 'ceph.pool.allocation_padding',
      severity: 'warning',
      subject: `pool ${a.pool}`,
      message: `pool ${a.pool} stores objects of ${binary(a.averageObjectBytes)} on OSDs with bluestore_min_alloc_size ${binary(a.minAllocBytes)}: each takes ${binary(a.allocatedBytesPerObject)} of raw, ${fmtNumber(a.factor)} x stored x raw used rate, so ${fmtTB(a.paddingRawBytesMonth0)} of raw is padding at month 0 (${fmtTB(a.paddingRawBytesPeak)} at the peak). The fill and runways here count stored x raw used rate only: this pool's OSDs fill faster. Larger objects, or OSDs re-created with min_alloc_size 4 KiB (Pacific and later), remove it`,
      value: a.factor,
      limit: 1.1,
      unit: 'x',
      source: SOURCE,
    }));
}
