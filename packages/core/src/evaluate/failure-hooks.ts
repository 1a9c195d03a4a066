/**
 * The Ceph model's and the network plan's refinements of the failure analysis
 * (failure/hooks.ts): how fast the survivors of a Ceph loss re-protect the data.
 */
import type { FailureHooks } from '../failure/hooks.js';
import type { HardwareModel, Scenario } from '../model/scenario.js';
import type { CephRecoveryBandwidth } from '../model/network.js';
import { osdRecoveryBytesPerSecond, recoveryTiming, replicationBitsPerSecond } from '../storage/recovery.js';
import { resolveCephSettings } from '../storage/settings.js';
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
 */
export function failureHooks(scenario: Scenario, hosts: readonly Host[], replication: CephRecoveryBandwidth | null): FailureHooks {
  const storage = hosts.filter((h) => h.role === 'storage' && Object.hasOwn(scenario.hardware, h.hardware));
  const byName = new Map<string, HardwareModel>();
  for (const h of storage) byName.set(h.name, scenario.hardware[h.hardware]!);
  // a host's OSD count and mClock recovery bandwidth (osd_mclock_max_sequential_bandwidth_* x
  // recovery share) are its model's: worked out once per model, the same sums over its disks
  const perModel = new Map<HardwareModel, { osds: number; disk: number }>();
  const ofModel = (hw: HardwareModel | undefined): { osds: number; disk: number } => {
    if (hw === undefined) return { osds: 0, disk: 0 };
    let m = perModel.get(hw);
    if (!m) {
      const osdDisks = (hw.disks ?? []).filter((d) => d.use === 'osd');
      m = { osds: osdDisks.reduce((s, d) => s + d.count, 0), disk: osdDisks.reduce((s, d) => s + d.count * osdRecoveryBytesPerSecond(d.kind), 0) };
      perModel.set(hw, m);
    }
    return m;
  };
  const osdsOf = new Map<string, number>();
  const diskOf = new Map<string, number>();
  for (const h of storage) {
    const m = ofModel(byName.get(h.name));
    osdsOf.set(h.name, m.osds);
    diskOf.set(h.name, m.disk);
  }
  let allOsds = 0;
  let allDisk = 0;
  for (const h of storage) allOsds += osdsOf.get(h.name)!;
  for (const h of storage) allDisk += diskOf.get(h.name)!;
  const linkBitsPerSecond = (name: string): number | null => {
    if (replication) return replication.perHostBitsPerSecond;
    const hw = byName.get(name);
    return hw ? replicationBitsPerSecond(hw) : null;
  };
  const settings = resolveCephSettings(scenario.ceph).recovery;
  const amplification = Math.max(1, ...scenario.ceph.pools.map((p) => (p.type === 'erasure' ? p.k : 1)));
  return {
    network: { replicationBitsPerSecond: linkBitsPerSecond },
    ceph: {
      reprotectSeconds: ({ rebuildBytes, replicationBitsPerSecond: bps, lostHosts }) => {
        if (rebuildBytes <= 0) return null;
        let targetOsdCount = allOsds;
        let diskBandwidthBytesPerSecond = allDisk;
        for (const h of new Set(lostHosts)) {
          targetOsdCount -= osdsOf.get(h) ?? 0;
          diskBandwidthBytesPerSecond -= diskOf.get(h) ?? 0;
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
