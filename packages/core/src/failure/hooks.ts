/**
 * Where the Ceph model (issue 3) and the network plan (issue 5) plug into the failure
 * analysis. Every hook is optional; without it headroom uses its first cut and says so in
 * `plan.failure.assumptions`. Hooks are pure functions of their input (core stays pure).
 */
import type { Host } from '../plan/types.js';

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
   * Fill (raw used / raw, 0..1) of the fullest surviving OSD after the loss and the
   * backfill that can happen, with month-0 data (headroom scales it with demand growth).
   * Default: headroom's domain-average water-filling (`survivorFill`), which ignores the
   * spread between OSDs of a domain.
   */
  survivorFillRatio?(input: CephLossInput): number | null;
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
   * The switches a host's links go to; a host is cut off when all of them are lost.
   * Default: every switch of the host's rack (racks[].switches, default a ToR pair), i.e.
   * every host dual-homed to its rack's pair.
   */
  hostSwitches?(host: Host): readonly string[];
  /** Replication (Ceph cluster network) bandwidth the surviving storage hosts can give a rebuild, bits per second; null when unknown. */
  replicationBitsPerSecond?(survivingStorageHosts: readonly string[]): number | null;
}

/** Everything the failure analysis can be refined with. */
export interface FailureHooks {
  ceph?: CephFailureHooks;
  network?: NetworkFailureHooks;
}
