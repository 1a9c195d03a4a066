/**
 * Recovery time [model]: how long Ceph takes to re-protect the data of a failed OSD or host.
 * Ceph gives limits (osd_max_backfills, mon_osd_down_out_interval), not throughput, so the
 * throughput of one backfill is an input with a stated default.
 */
import type { CephRecoverySettings, HardwareModel } from '../model/scenario.js';
import type { CephRecoveryCase } from '../model/ceph-plan.js';

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
}

/** The timing of one recovery, seconds and bytes per second. */
export type RecoveryTiming = Pick<
  CephRecoveryCase,
  'parallelBackfills' | 'backfillBytesPerSecond' | 'networkBytesPerSecond' | 'rateBytesPerSecond' | 'limitedBy' |
  'waitSeconds' | 'transferSeconds' | 'totalSeconds'
>;

/**
 * Time to re-protect:
 *   parallel backfills = max(1, min(PGs to backfill, receiving OSDs x osd_max_backfills))
 *   backfill rate      = parallel backfills x per-backfill throughput            bytes/s
 *   network rate       = network bits/s / 8 / amplification                    bytes/s of re-created data
 *   rate               = min(backfill rate, network rate)
 *   wait               = detection (osd_heartbeat_grace) + mon_osd_down_out_interval   s
 *   total              = wait + data / rate                                     s
 * Example: 4 TB from one OSD onto the 9 other OSDs of its host, 1 backfill each at 100 MB/s:
 * 9 x 100 MB/s = 900 MB/s; 4e12 / 9e8 = 4,444.4 s; + 20 + 600 s = 5,064.4 s (1 h 24 min).
 * Red Hat's rule of thumb, 1 TB over 1 Gbit/s in about 3 h: 1e12 x 8 / 1e9 = 8,000 s of
 * transfer, 2.2 h, before overheads.
 */
export function recoveryTiming(work: RecoveryWork, settings: CephRecoverySettings): RecoveryTiming {
  const parallelBackfills = Math.max(1, Math.min(work.pgCount, work.targetOsdCount * settings.maxBackfills));
  const backfill = parallelBackfills * settings.backfillBytesPerSecond;
  const network = work.networkBitsPerSecond === null ? null : work.networkBitsPerSecond / 8 / Math.max(1, work.networkAmplification);
  const rate = network === null ? backfill : Math.min(backfill, network);
  const waitSeconds = settings.detectionSeconds + settings.downOutIntervalSeconds;
  const transferSeconds = rate > 0 ? work.dataBytes / rate : 0;
  return {
    parallelBackfills,
    backfillBytesPerSecond: backfill,
    networkBytesPerSecond: network,
    rateBytesPerSecond: rate,
    limitedBy: network !== null && network < backfill ? 'network' : 'backfills',
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
