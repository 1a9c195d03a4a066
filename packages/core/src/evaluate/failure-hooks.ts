/**
 * The Ceph model's and the network plan's refinements of the failure analysis
 * (failure/hooks.ts): how fast the survivors of a Ceph loss re-protect the data.
 */
import type { FailureHooks } from '../failure/hooks.js';
import type { HardwareModel, Scenario } from '../model/scenario.js';
import type { CephRecoveryBandwidth } from '../model/network.js';
import { osdRecoveryBytesPerSecond, recoveryTiming, replicationBitsPerSecond } from '../storage/recovery.js';
import { resolveCephSettings } from '../storage/settings.js';
import { startsWith } from '../fleet/prefix.js';
import type { Host } from '../model/plan.js';

/**
 * Hooks for analyzeFailures:
 * - network.replicationBitsPerSecond(host) = the storage host's replication link: the network
 *   plan's ceph-cluster link (`replication.perHostBitsPerSecond`) when there is a network
 *   plan, else its fastest NIC card (ports x speed). bits/s; the analysis sums the survivors'.
 * - ceph.reprotectSeconds({rebuildBytes, replicationBitsPerSecond, lostHosts}) =
 *   recoveryTiming (storage/recovery.ts): detection + mon_osd_down_out_interval +
 *   rebuildBytes / min(receiving OSDs x osd_max_backfills x per-backfill throughput,
 *   bandwidth / 8 / amplification, the receiving OSDs' mClock disk bandwidth x recovery share
 *   / (amplification + 1)). The receiving OSDs are those of the surviving storage
 *   hosts; every one of them backfills (with ~100 PGs per OSD there are always more PGs than
 *   backfill slots); the amplification is the largest of the pools' (k for an erasure pool,
 *   whose rebuild reads k shards; 1 for replicated), so the estimate errs slow. Seconds.
 *   The receiving OSDs = all storage hosts' OSDs − the lost hosts' OSDs: O(lost hosts) per call.
 * `carry`, shared by the epochs of one fleet timeline (planEpochs), keeps the per-host figures of
 * the previous call's storage hosts and extends them by the new ones when those come first
 * (FailureHooksCarry); the hooks answer the same without it.
 */
export function failureHooks(scenario: Scenario, hosts: readonly Host[], replication: CephRecoveryBandwidth | null, carry?: FailureHooksCarry): FailureHooks {
  const figures = carry ? carry.figures(scenario, hosts) : storageHostFigures(scenario.hardware, storageHosts(scenario.hardware, hosts));
  const { byName, of, allOsds, allDisk } = figures;
  const linkBitsPerSecond = carry ? carry.link(byName, replication) : linkOf(byName, replication);
  const settings = resolveCephSettings(scenario.ceph).recovery;
  const amplification = Math.max(1, ...scenario.ceph.pools.map((p) => (p.type === 'erasure' ? p.k : 1)));
  return {
    network: { replicationBitsPerSecond: linkBitsPerSecond },
    ceph: {
      reprotectSeconds: ({ rebuildBytes, replicationBitsPerSecond: bps, lostHosts }) => {
        if (rebuildBytes <= 0) return null;
        let targetOsdCount = allOsds;
        let diskBandwidthBytesPerSecond = allDisk;
        // each distinct lost host once, in the order first met (a host met again in this call
        // carries its stamp); a host the figures do not hold subtracts nothing (x − 0 = x)
        const stamp = ++figures.calls;
        for (const h of lostHosts) {
          const f = of.get(h);
          if (f === undefined || f.stamp === stamp) continue;
          f.stamp = stamp;
          targetOsdCount -= f.osds;
          diskBandwidthBytesPerSecond -= f.disk;
        }
        if (targetOsdCount === 0) return null;
        const timing = recoveryTiming(
          {
            dataBytes: rebuildBytes,
            networkAmplification: amplification,
            pgCount: Number.MAX_SAFE_INTEGER,
            targetOsdCount,
            networkBitsPerSecond: bps,
            diskBandwidthBytesPerSecond,
          },
          settings,
        );
        return timing.totalSeconds;
      },
    },
  };
}

/** The replication link of a storage host by name (see failureHooks): the network plan's per-host link, else its fastest NIC card's. */
function linkOf(byName: ReadonlyMap<string, HardwareModel>, replication: CephRecoveryBandwidth | null): (name: string) => number | null {
  const perHost = replication ? replication.perHostBitsPerSecond : 0;
  return (name) => {
    if (replication) return perHost;
    const hw = byName.get(name);
    return hw ? replicationBitsPerSecond(hw) : null;
  };
}

/** The storage hosts of a known model, in host order (those the hooks know). */
function storageHosts(hardware: Scenario['hardware'], hosts: readonly Host[]): Host[] {
  return hosts.filter((h) => h.role === 'storage' && Object.hasOwn(hardware, h.hardware));
}

/**
 * The hooks' per-host figures of the storage hosts: hardware by name, OSDs per host and their
 * total, mClock recovery bandwidth per host (Σ over its OSD disks of count x
 * osdRecoveryBytesPerSecond, osd_mclock_max_sequential_bandwidth_* x recovery share) and its
 * total; the totals summed in host order.
 */
interface StorageHostFigures {
  byName: Map<string, HardwareModel>;
  /** Per storage host: its OSDs, its mClock recovery bandwidth (bytes/s), and the stamp of the last reprotectSeconds call that met it (`calls`). */
  of: Map<string, { osds: number; disk: number; stamp: number }>;
  allOsds: number;
  allDisk: number;
  /** The reprotectSeconds calls over these figures so far (each call's stamp). */
  calls: number;
}

/** StorageHostFigures of `storage`, or of the hosts of `from` followed by `storage` when `from` is given (extended in place). */
function storageHostFigures(hardware: Scenario['hardware'], storage: readonly Host[], from?: StorageHostFigures): StorageHostFigures {
  const out: StorageHostFigures = from ?? { byName: new Map(), of: new Map(), allOsds: 0, allDisk: 0, calls: 0 };
  for (const h of storage) out.byName.set(h.name, hardware[h.hardware]!);
  // (a name twice: the Map keeps the last host's figures and the totals add them for each, as
  // separate Maps of OSDs and bandwidth filled then read did)
  for (const h of storage) {
    const osd = (out.byName.get(h.name)?.disks ?? []).filter((d) => d.use === 'osd');
    out.of.set(h.name, {
      osds: osd.reduce((s, d) => s + d.count, 0),
      disk: osd.reduce((s, d) => s + d.count * osdRecoveryBytesPerSecond(d.kind), 0),
      stamp: 0,
    });
  }
  for (const h of storage) out.allOsds += out.of.get(h.name)!.osds;
  for (const h of storage) out.allDisk += out.of.get(h.name)!.disk;
  return out;
}

/**
 * The failure hooks' per-host figures kept from one epoch of a fleet timeline to the next
 * (created per planEpochs call, never kept beyond it). When the new call's storage hosts begin
 * with the previous call's (the same Host objects, in order), with the same hardware table and
 * no name among the new hosts already known, the figures are extended by the new hosts only:
 * the Maps gain the new names (an earlier call's hooks are not asked about them: their lost
 * hosts are of their own fleet), and the totals, left folds in host order, go on from the
 * previous ones: the same additions in the same order as summing the whole list. Otherwise
 * they are built anew.
 */
export class FailureHooksCarry {
  private hosts: readonly Host[] = [];
  private storage: readonly Host[] = [];
  private hardware: Scenario['hardware'] | null = null;
  private last: StorageHostFigures | null = null;
  private lastLink: { byName: ReadonlyMap<string, HardwareModel>; replication: boolean; perHost: number; fn: (name: string) => number | null } | null = null;

  /**
   * linkOf(byName, replication), the same function object as the last call's when it answers
   * alike: the same byName Map (figures extends it in place, only with names it did not hold:
   * each name it held keeps its model) and a network plan in both or neither, with the same
   * per-host link. So a caller may keep what it asked the last one (cephContext's links).
   */
  link(byName: ReadonlyMap<string, HardwareModel>, replication: CephRecoveryBandwidth | null): (name: string) => number | null {
    const perHost = replication ? replication.perHostBitsPerSecond : 0;
    const last = this.lastLink;
    if (last && last.byName === byName && last.replication === !!replication && Object.is(last.perHost, perHost)) return last.fn;
    const fn = linkOf(byName, replication);
    this.lastLink = { byName, replication: !!replication, perHost, fn };
    return fn;
  }

  /**
   * The figures of the storage hosts of `hosts`. (When `hosts` begins with the last call's hosts,
   * the same objects, under the same hardware table, its storage hosts are the last call's
   * followed by those of the hosts after them: storageHosts filters host by host.)
   */
  figures(scenario: Scenario, hosts: readonly Host[]): StorageHostFigures {
    // (the scenario view read once here: the loops below, some in their own functions, never read it)
    const hardware = scenario.hardware;
    const was = this.hosts;
    const after = this.last !== null && this.hardware === hardware && startsWith(hosts, was);
    const storage = after ? this.storage.concat(storageHosts(hardware, hosts.slice(was.length))) : storageHosts(hardware, hosts);
    this.hosts = hosts;
    const prev = this.storage;
    const last = this.last;
    let extend = last !== null && this.hardware === hardware && storage.length >= prev.length;
    if (!after) for (let i = 0; extend && i < prev.length; i++) if (storage[i] !== prev[i]) extend = false;
    const added = extend ? storage.slice(prev.length) : storage;
    if (extend) for (const h of added) if (last!.byName.has(h.name)) extend = false;
    const figures = extend ? storageHostFigures(hardware, added, last!) : storageHostFigures(hardware, storage);
    this.storage = storage;
    this.hardware = hardware;
    this.last = figures;
    return figures;
  }
}
