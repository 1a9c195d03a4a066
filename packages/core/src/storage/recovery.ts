/**
 * Recovery time [model]: how long Ceph takes to re-protect the data of a failed OSD or host.
 * Ceph gives limits (osd_max_backfills, mon_osd_down_out_interval), not throughput, so the
 * throughput of one backfill is an input with a stated default.
 */
import type { CephRecoverySettings, HardwareModel } from '../model/scenario.js';
import type { CephRecoveryCase } from '../model/ceph-plan.js';
import { CEPH_DEFAULTS } from './defaults.js';

/** What one recovery has to do. */
export interface RecoveryWork {
  /** Bytes to re-create: what the failed OSD or host held. */
  dataBytes: number;
  /** Bytes on the wire per byte re-created: 1 for replicated pools (one copy is read and sent), k for erasure pools (k shards are read to rebuild one). */
  networkAmplification: number;
  /** PGs to backfill, one backfill each. */
  pgCount: number;
  /** OSDs that receive the re-created data. */
  targetOsdCount: number;
  /** Replication (cluster) network bandwidth into the receiving hosts, bits per second; null when not known. */
  networkBitsPerSecond: number | null;
  /**
   * Disk bandwidth recovery may use on the receiving OSDs, which are charged with all of the
   * disk work (conservative when the copies are read elsewhere), bytes per second:
   * Σ over them of osdRecoveryBytesPerSecond(class). Null or absent: not bounded.
   */
  diskBandwidthBytesPerSecond?: number | null;
}

/**
 * The bandwidth one OSD gives recovery under mClock, bytes per second:
 *   osd_mclock_max_sequential_bandwidth_{hdd,ssd} x recovery share
 * (HDD 150 MiB/s; SSD and NVMe, non-rotational, 1200 MiB/s; share = 1 - the client
 * reservation of the profile, balanced: 0.5). Sources: ceph src/common/options/osd.yaml.in,
 * doc/rados/configuration/mclock-config-ref.rst (mClock is the default scheduler since Quincy).
 * kind: the disk kind (Ceph asks is_rotational, not the CRUSH device class).
 * Example: HDD 150 x 2^20 = 157,286,400 B/s x 0.5 = 78,643,200 B/s.
 */
export function osdRecoveryBytesPerSecond(kind: string, recoveryShare: number = CEPH_DEFAULTS.mclockRecoveryShare): number {
  return (kind === 'hdd' ? CEPH_DEFAULTS.mclockHddBytesPerSecond : CEPH_DEFAULTS.mclockSsdBytesPerSecond) * recoveryShare;
}

/** The timing of one recovery, seconds and bytes per second. */
export type RecoveryTiming = Pick<
  CephRecoveryCase,
  | 'parallelBackfills'
  | 'backfillBytesPerSecond'
  | 'networkBytesPerSecond'
  | 'diskBytesPerSecond'
  | 'diskWorkBytes'
  | 'rateBytesPerSecond'
  | 'limitedBy'
  | 'waitSeconds'
  | 'transferSeconds'
  | 'totalSeconds'
>;

/**
 * Time to re-protect:
 *   parallel backfills = max(1, min(PGs to backfill, receiving OSDs x osd_max_backfills))
 *   backfill rate      = parallel backfills x per-backfill throughput            bytes/s
 *   network rate       = network bits/s / 8 / amplification                    bytes/s of re-created data
 *   disk work          = data x (amplification + 1)                            bytes read and written:
 *                        replicated, read one copy and write one (1 + 1); EC k+m, read k shards and write one (k + 1)
 *   disk rate          = disk bandwidth / (amplification + 1)                  bytes/s of re-created data
 *   rate               = min(backfill rate, network rate, disk rate)
 *   wait               = detection (osd_heartbeat_grace) + mon_osd_down_out_interval   s
 *   total              = wait + data / rate                                     s
 * Example: 4 TB from one OSD onto the 9 other OSDs of its host, 1 backfill each at 100 MB/s:
 * 9 x 100 MB/s = 900 MB/s; 4e12 / 9e8 = 4,444.4 s; + 20 + 600 s = 5,064.4 s (1 h 24 min).
 * Red Hat's rule of thumb, 1 TB over 1 Gbit/s in about 3 h: 1e12 x 8 / 1e9 = 8,000 s of
 * transfer, 2.2 h, before overheads. The disk bound is mClock's (osdRecoveryBytesPerSecond).
 */
export function recoveryTiming(work: RecoveryWork, settings: CephRecoverySettings): RecoveryTiming {
  const parallelBackfills = Math.max(1, Math.min(work.pgCount, work.targetOsdCount * settings.maxBackfills));
  const backfill = parallelBackfills * settings.backfillBytesPerSecond;
  const amp = Math.max(1, work.networkAmplification);
  const network = work.networkBitsPerSecond === null ? null : work.networkBitsPerSecond / 8 / amp;
  const diskBandwidth = work.diskBandwidthBytesPerSecond ?? null;
  const disk = diskBandwidth === null ? null : diskBandwidth / (amp + 1);
  let rate = backfill;
  let limitedBy: RecoveryTiming['limitedBy'] = 'backfills';
  if (disk !== null && disk < rate) [rate, limitedBy] = [disk, 'disks'];
  if (network !== null && network < rate) [rate, limitedBy] = [network, 'network'];
  const waitSeconds = settings.detectionSeconds + settings.downOutIntervalSeconds;
  const transferSeconds = rate > 0 ? work.dataBytes / rate : 0;
  return {
    parallelBackfills,
    backfillBytesPerSecond: backfill,
    networkBytesPerSecond: network,
    diskBytesPerSecond: disk,
    diskWorkBytes: work.dataBytes * (amp + 1),
    rateBytesPerSecond: rate,
    limitedBy,
    waitSeconds,
    transferSeconds,
    totalSeconds: waitSeconds + transferSeconds,
  };
}

/**
 * The replication (cluster) network bandwidth of a storage host, bits per second, until the
 * network plan says which NICs carry the cluster network [model]: the NIC card with the most
 * bandwidth (ports x speed, its ports bonded), e.g. a 2 x 25 Gbit/s card = 50 Gbit/s; null
 * without NICs. This is the hook the network plan replaces: planStorage accepts a
 * per-host map (options.replicationBitsPerSecondByHost) that takes precedence.
 */
export function replicationBitsPerSecond(hw: HardwareModel): number | null {
  let best = 0;
  for (const n of hw.nics) best = Math.max(best, n.ports * n.speedBitsPerSecond);
  return best > 0 ? best : null;
}
