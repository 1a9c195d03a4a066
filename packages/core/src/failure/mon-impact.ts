/**
 * What losing a failure domain does to the Ceph monitors' quorum: a Ceph outage when the
 * monitors left up are fewer than a majority of the monmap.
 */
import { monQuorum } from '../control/ceph-daemons.js';
import { makeHarm, nameList } from './harm.js';
import type { FailureDomain, FailureHarm } from '../model/failure.js';

/** The monitor outcome of one domain that stops a monitor host. */
export interface MonOutcome {
  harms: FailureHarm[];
  message: string;
}

/**
 * The monitors after `domain`: lost and drained monitor hosts are down (a stopped monitor
 * stays in the monmap, so draining one for maintenance does not shrink the quorum it needs).
 * Harm `outage` (`failure.ceph.mon_quorum_lost`, month 0: it does not depend on demand) when
 * up < floor(n/2) + 1. Hand-worked: 3 mons, one per rack: a rack loss leaves 2 ≥ 2, kept; 3
 * mons with two in rack r1: losing r1 leaves 1 < 2, lost. Returns undefined when the domain
 * stops no monitor host. Source: MON_QUORUM_SOURCE (control/ceph-daemons.ts). `stopped`, when
 * the caller has them, are the monitor hosts among the domain's lost and drained hosts, in
 * the order of hostsLost and hostsDrained.
 */
export function monImpact(domain: FailureDomain, monHosts: readonly string[], stopped?: { lost: string[]; drained: string[] }): MonOutcome | undefined {
  const set = stopped ? null : new Set(monHosts);
  const lost = stopped ? stopped.lost : domain.hostsLost.filter((h) => set!.has(h));
  const drained = stopped ? stopped.drained : domain.hostsDrained.filter((h) => set!.has(h));
  if (lost.length === 0 && drained.length === 0) return undefined;
  if (lost.length === 0 && domain.kind !== 'maintenance') return undefined;
  const n = monHosts.length;
  const q = monQuorum(n, lost.length + drained.length);
  const down = [...lost, ...drained];
  const what = `${down.length} of ${n} Ceph monitors down (${nameList(down)}${drained.length > 0 ? `; ${drained.length} drained for maintenance` : ''})`;
  if (q.ok) return { harms: [], message: `${what}: the monitors keep their quorum (${q.up} of ${n}, needs ${q.quorum}).` };
  const message = `${what}: the monitors lose their quorum (${q.up} of ${n} up, needs ${q.quorum}). No client can connect and no map changes: Ceph is unavailable (RBD volumes, images and ephemeral disks on Ceph stop) until a majority of the monitors is back.`;
  return {
    harms: [makeHarm(domain, { code: 'failure.ceph.mon_quorum_lost', harm: 'outage', month: 0, message, value: q.up, limit: q.quorum, unit: 'monitors' })],
    message: `Ceph monitors lose their quorum (${q.up} of ${n} up, needs ${q.quorum}).`,
  };
}
