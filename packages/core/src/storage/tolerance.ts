/**
 * Which storage hosts to remove to plan Ceph capacity with the tolerated failures.
 */
import { topIndices } from '../compute/tolerance.js';
import type { Policy } from '../model/scenario.js';
import type { FailureDomainRaw, HostRaw } from './raw.js';

export interface StorageRemoval {
  /** Storage hosts removed, in host order. */
  removedHosts: string[];
  /** Failure domains left with no OSD at all, in domain order. */
  removedDomains: string[];
  /** Σ raw bytes of the storage hosts that remain. */
  toleratedRawBytes: number;
  /** Failure domains that still hold OSDs. */
  domainsRemaining: number;
}

/** Indices of the `n` largest items by raw bytes (input order on ties; compute/tolerance.ts topIndices), in index order. */
function largest(items: readonly { rawBytes: number }[], n: number): number[] {
  return topIndices(items.length, Math.max(0, n), (i) => items[i]!.rawBytes);
}

/**
 * The storage hosts lost under policy.tolerate (headroom's rule [model]; Ceph's own
 * procedure, doc/rados/configuration/mon-config-ref.rst "Storage Capacity", subtracts the
 * capacity of the OSDs expected to fail, host or rack):
 * - hosts option (tolerate.hosts > 0): the tolerate.hosts storage hosts with the most raw bytes;
 * - racks option (tolerate.racks > 0): every storage host of the tolerate.racks racks with
 *   the most raw bytes (with failureDomain host this removes several host domains at once);
 * whichever removes more raw bytes; on a tie, the option matching the failure domain.
 * toleratedRawBytes = Σ raw of the remaining hosts (bytes). domainsRemaining counts the
 * failure domains that keep at least one OSD.
 */
export function storageRemoval(hostRaw: readonly HostRaw[], domains: readonly FailureDomainRaw[], failureDomain: 'host' | 'rack', tolerate: Policy['tolerate']): StorageRemoval {
  const withOsds = hostRaw.filter((h) => h.osdCount > 0 && h.rawBytes > 0);
  const hostOption = new Set(largest(withOsds, tolerate.hosts).map((i) => withOsds[i]!.host));

  let rackOption = new Set<string>();
  if (tolerate.racks > 0) {
    const racks: { rack: string; rawBytes: number }[] = [];
    for (const h of withOsds) {
      const r = racks.find((x) => x.rack === h.rack);
      if (r) r.rawBytes += h.rawBytes;
      else racks.push({ rack: h.rack, rawBytes: h.rawBytes });
    }
    const chosen = new Set(largest(racks, tolerate.racks).map((i) => racks[i]!.rack));
    rackOption = new Set(withOsds.filter((h) => chosen.has(h.rack)).map((h) => h.host));
  }

  const rawOf = (set: Set<string>): number => (set.size === 0 ? 0 : withOsds.filter((h) => set.has(h.host)).reduce((s, h) => s + h.rawBytes, 0));
  const hostRemoved = rawOf(hostOption);
  const rackRemoved = rawOf(rackOption);
  const pick = rackRemoved > hostRemoved || (rackRemoved === hostRemoved && failureDomain === 'rack' && rackOption.size > 0) ? rackOption : hostOption;

  const remaining = withOsds.filter((h) => !pick.has(h.host));
  const remainingNames = new Set(remaining.map((h) => h.host));
  const removedDomains = domains.filter((d) => !d.hosts.some((h) => remainingNames.has(h))).map((d) => d.name);
  return {
    removedHosts: withOsds.filter((h) => pick.has(h.host)).map((h) => h.host),
    removedDomains,
    toleratedRawBytes: remaining.reduce((s, h) => s + h.rawBytes, 0),
    domainsRemaining: domains.length - removedDomains.length,
  };
}
