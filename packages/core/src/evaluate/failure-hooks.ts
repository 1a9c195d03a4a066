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
  for (let i = 0; i < storage.length; i++) byName.set(storage[i]!.name, scenario.hardware[storage[i]!.hardware]!);
  // a host's OSD count and mClock bandwidth are its model's: worked out once per model
  const perModel = new Map<HardwareModel, { osds: number; disk: number }>();
  const ofModel = (hw: HardwareModel): { osds: number; disk: number } => {
    let out = perModel.get(hw);
    if (!out) {
      const osd = hw.disks.filter((d) => d.use === 'osd');
      // mClock bandwidth recovery may take on each host's OSDs (osd_mclock_max_sequential_bandwidth_* x recovery share).
      out = { osds: osd.reduce((s, d) => s + d.count, 0), disk: osd.reduce((s, d) => s + d.count * osdRecoveryBytesPerSecond(d.kind), 0) };
      perModel.set(hw, out);
    }
    return out;
  };
  // per host by name: its model's figures (the model a name has last, as byName)
  const ofHost = new Map<string, { osds: number; disk: number }>();
  for (let i = 0; i < storage.length; i++) ofHost.set(storage[i]!.name, ofModel(byName.get(storage[i]!.name)!));
  // summed in host order
  let allOsds = 0;
  let allDisk = 0;
  for (let i = 0; i < storage.length; i++) allOsds += ofHost.get(storage[i]!.name)!.osds;
  for (let i = 0; i < storage.length; i++) allDisk += ofHost.get(storage[i]!.name)!.disk;
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
          const own = ofHost.get(h);
          targetOsdCount -= own?.osds ?? 0;
          diskBandwidthBytesPerSecond -= own?.disk ?? 0;
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

/**
 * failureHooks for the epochs of a timeline, in order (evaluate/epochs.ts planEpochs: one per
 * call): an epoch whose storage hosts are the previous epoch's (the same Host objects, in
 * order), under the same replication link, hardware models and Ceph settings, gets the
 * previous epoch's hooks. failureHooks reads nothing else (its scenario's hardware and ceph,
 * the storage hosts of `hosts`, `replication`), so they are the hooks it would build.
 */
export class FailureHooksCarry {
  private last: {
    storage: readonly Host[];
    replication: CephRecoveryBandwidth | null;
    hardware: Scenario['hardware'];
    ceph: Scenario['ceph'];
    hooks: FailureHooks;
  } | null = null;

  /** The hooks of `hosts` (failureHooks' arguments). */
  hooks(scenario: Scenario, hosts: readonly Host[], replication: CephRecoveryBandwidth | null): FailureHooks {
    const storage: Host[] = [];
    for (let i = 0; i < hosts.length; i++) if (hosts[i]!.role === 'storage') storage.push(hosts[i]!);
    const last = this.last;
    if (last && last.replication === replication && last.hardware === scenario.hardware && last.ceph === scenario.ceph && sameHosts(last.storage, storage)) return last.hooks;
    const hooks = failureHooks(scenario, storage, replication);
    this.last = { storage, replication, hardware: scenario.hardware, ceph: scenario.ceph, hooks };
    return hooks;
  }
}

/** True when two lists hold the same Host objects in the same order. */
function sameHosts(a: readonly Host[], b: readonly Host[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
