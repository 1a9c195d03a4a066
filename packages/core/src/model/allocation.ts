/**
 * What a pool's raw bytes really hold (`storage.ceph.allocation`, storage/allocation.ts):
 * BlueStore allocates whole min_alloc_size units per object (per replica, or per EC shard), so
 * small objects take more raw space than stored x raw used rate. Plain JSON: bytes, ratios.
 */
export interface CephPoolAllocation {
  pool: string;
  /** The pool's average object size (ceph.pools[].averageObjectSize), bytes. */
  averageObjectBytes: number;
  /** bluestore_min_alloc_size of the OSDs under the pool's rule (the largest among their disk kinds), bytes. */
  minAllocBytes: number;
  /** EC stripe unit (osd_pool_erasure_code_stripe_unit), bytes; null for replicated pools. */
  stripeUnitBytes: number | null;
  /** Raw bytes BlueStore allocates for one object: every copy, or every shard, rounded up to min_alloc_size. */
  allocatedBytesPerObject: number;
  /** allocated / (object x raw used rate): 1 when nothing is padded. */
  factor: number;
  /** Raw bytes of padding at month 0 and at the month with the most data: stored x raw used rate x (factor − 1). */
  paddingRawBytesMonth0: number;
  paddingRawBytesPeak: number;
}
