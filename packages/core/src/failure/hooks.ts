/**
 * Where the Ceph model (issue 3) and the network plan (issue 5) plug into the failure
 * analysis: how long re-protection takes. Every hook is optional; without it the time is not
 * computed (null). Hooks are pure functions of their input (core stays pure), and answer per
 * hardware model: a host's replication link is its model's, and the re-protection time reads
 * the lost and drained hosts only through their models, in the order given. The analysis
 * therefore computes the loss of one host once per model and CRUSH domain size, and a loss of
 * several hosts (a rack, a zone, a feed) once per signature: the same models, raw bytes and
 * CRUSH domains in the same order (failure/ceph-impact.ts `cephImpact`).
 */

/** One CRUSH failure domain (host or rack bucket) with its storage hosts' raw bytes. */
export interface CrushDomainRaw {
  name: string;
  hosts: { host: string; rawBytes: number }[];
}

/** A Ceph loss as the failure analysis sees it. */
export interface CephLossInput {
  failureDomain: 'host' | 'rack';
  /** Every CRUSH domain before the loss. */
  domains: readonly CrushDomainRaw[];
  /** Storage hosts lost (OSDs marked out). */
  lostHosts: readonly string[];
  /** Storage hosts drained for maintenance (OSDs down, `noout`). */
  drainedHosts: readonly string[];
  /** Stored (client) bytes per pool in month 0. */
  storedBytesMonth0: Readonly<Record<string, number>>;
}

/** The Ceph model's refinements (issue 3: CRUSH tree, MAX AVAIL, safe usable, recovery). */
export interface CephFailureHooks {
  /**
   * Seconds to re-protect (detection, down-out interval, backfill of `rebuildBytes` at the
   * recovery throughput, bounded by `replicationBitsPerSecond` of the survivors). Default: not
   * computed (null): Ceph gives limits, not throughput.
   */
  reprotectSeconds?(input: CephLossInput & { rebuildBytes: number; replicationBitsPerSecond: number | null }): number | null;
}

/** The network plan's refinements (issue 5: networks, bonds, switches per port, bandwidth). */
export interface NetworkFailureHooks {
  /**
   * Replication (Ceph cluster network) bandwidth of one storage host, bits per second; null
   * when unknown. Asked once per storage host; the survivors of a loss give a rebuild the sum
   * over the surviving storage hosts (null when one of them is unknown, or none survives),
   * computed as the total less the lost hosts' links: O(lost hosts) per loss, exact for the
   * integral bit rates of links while the total stays under 2^53 bit/s.
   */
  replicationBitsPerSecond?(storageHost: string): number | null;
}

/** Everything the failure analysis can be refined with. */
export interface FailureHooks {
  ceph?: CephFailureHooks;
  network?: NetworkFailureHooks;
}
