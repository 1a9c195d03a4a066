/** Recovery time [model], hand-worked (formulas.md "Recovery"; limits from src/common/options). */
import { describe, expect, it } from 'vitest';
import type { HardwareModel } from '../model/scenario.js';
import { osdRecoveryBytesPerSecond, recoveryTiming, replicationBitsPerSecond } from './recovery.js';

const settings = { backfillBytesPerSecond: 100e6, maxBackfills: 1, downOutIntervalSeconds: 600, detectionSeconds: 20 };

describe('recovery under mClock: disk work by device and code', () => {
  it('osd_mclock_max_sequential_bandwidth_hdd 150 MiB/s, _ssd 1200 MiB/s (osd.yaml.in), balanced profile: recovery gets 50 %', () => {
    // HDD: 150 x 2^20 = 157,286,400 B/s x 0.5 = 78,643,200; SSD and NVMe: 1200 x 2^20 = 1,258,291,200 x 0.5 = 629,145,600.
    expect(osdRecoveryBytesPerSecond('hdd')).toBe(78_643_200);
    expect(osdRecoveryBytesPerSecond('ssd')).toBe(629_145_600);
    expect(osdRecoveryBytesPerSecond('nvme')).toBe(629_145_600);
    // high_recovery_ops: clients keep 30 %, recovery 70 %: 157,286,400 x 0.7 = 110,100,480
    expect(osdRecoveryBytesPerSecond('hdd', 0.7)).toBeCloseTo(110_100_480, 3);
  });

  it('regional-cloud, host lost at 2028-12: 354 TB need at least 10.6 h of disk work on 168 HDD OSDs, 21.4 h with clients keeping half', () => {
    // The host holds 1,029 TB x 2.7522 / 8 = 354.0 TB of raw data (replicated 735 / 1,029 of it, EC 4+2 294 / 1,029).
    // Bytes read per byte re-created, raw-weighted: (735 x 1 + 294 x 4) / 1,029 = 1,911 / 1,029 = 1.857143.
    // Disk work = data x (1.857143 + 1): replicated read one copy + write one (2), EC read k = 4 shards + write one (5):
    //   354 TB x 2.857143 = 1,011.43 TB (= 252.9 TB x 2 + 101.1 TB x 5).
    // All 168 receiving HDD OSDs at the full 150 MiB/s: 168 x 157,286,400 = 26,424,115,200 B/s:
    //   1,011.43e12 / 26.424e9 = 38,277 s = 10.63 h (the "at least 10.6 h"; the old model said 6.0 h).
    // Clients keep their 50 % reservation: 13,212,057,600 B/s -> 76,553 s of transfer + 620 s = 77,173 s = 21.44 h.
    // Backfills (168 x 100 MB/s = 16.8 GB/s) and the network (7 x 50 Gbit/s / 8 / 1.857 = 23.6 GB/s) bind later.
    const data = 354e12;
    const amplification = 1911 / 1029;
    const full = recoveryTiming(
      { dataBytes: data, networkAmplification: amplification, pgCount: 1e6, targetOsdCount: 168, networkBitsPerSecond: 7 * 50e9, diskBandwidthBytesPerSecond: 168 * 157_286_400 },
      settings,
    );
    expect(full.diskWorkBytes / 1e12).toBeCloseTo(1011.43, 2);
    expect(full.limitedBy).toBe('disks');
    expect(full.transferSeconds / 3600).toBeCloseTo(10.63, 2);
    const shared = recoveryTiming(
      {
        dataBytes: data,
        networkAmplification: amplification,
        pgCount: 1e6,
        targetOsdCount: 168,
        networkBitsPerSecond: 7 * 50e9,
        diskBandwidthBytesPerSecond: 168 * osdRecoveryBytesPerSecond('hdd'),
      },
      settings,
    );
    expect(shared.transferSeconds).toBeCloseTo((data * (amplification + 1)) / 13_212_057_600, 3);
    expect(shared.totalSeconds! / 3600).toBeCloseTo(21.44, 2);
    expect(shared.backfillBytesPerSecond).toBe(16.8e9);
  });

  it('EC 4+2 rebuild reads k shards: 1 TB needs 5 TB of disk work; replicated 2 TB', () => {
    // 10 SSD OSDs x 629,145,600 = 6,291,456,000 B/s; EC: / (4 + 1) = 1,258,291,200 B/s of data: 1e12 / that = 794.7 s;
    // replicated: / 2 = 3,145,728,000 B/s: 317.9 s. Backfills 10 x 100 MB/s = 1 GB/s bind the replicated case: 1,000 s.
    const ec = recoveryTiming(
      {
        dataBytes: 1e12,
        networkAmplification: 4,
        pgCount: 100,
        targetOsdCount: 10,
        networkBitsPerSecond: null,
        diskBandwidthBytesPerSecond: 10 * osdRecoveryBytesPerSecond('ssd'),
      },
      settings,
    );
    expect([ec.diskWorkBytes, ec.limitedBy, ec.diskBytesPerSecond]).toEqual([5e12, 'backfills', 1_258_291_200]);
    expect(ec.transferSeconds).toBeCloseTo(1000, 9);
    const slow = recoveryTiming(
      {
        dataBytes: 1e12,
        networkAmplification: 4,
        pgCount: 100,
        targetOsdCount: 10,
        networkBitsPerSecond: null,
        diskBandwidthBytesPerSecond: 10 * osdRecoveryBytesPerSecond('hdd'),
      },
      settings,
    );
    // HDD: 786,432,000 / 5 = 157,286,400 B/s < 1 GB/s: 1e12 / 157,286,400 = 6,357.8 s
    expect(slow.limitedBy).toBe('disks');
    expect(slow.transferSeconds).toBeCloseTo(1e12 / 157_286_400, 6);
  });
});

describe('recoveryTiming', () => {
  it('one 8 TB OSD at 50 % onto the 9 other OSDs of its host (3 hosts, size 3)', () => {
    // parallel = min(100 PGs, 9 OSDs x 1 backfill) = 9; 9 x 100 MB/s = 900 MB/s;
    // network 50 Gbit/s / 8 = 6.25 GB/s does not bind; 4e12 / 9e8 = 4,444.44 s; + 20 + 600 = 5,064.44 s
    const t = recoveryTiming({ dataBytes: 4e12, networkAmplification: 1, pgCount: 100, targetOsdCount: 9, networkBitsPerSecond: 50e9 }, settings);
    expect(t.parallelBackfills).toBe(9);
    expect(t.limitedBy).toBe('backfills');
    expect(t.transferSeconds).toBeCloseTo(4444.444, 3);
    expect(t.totalSeconds).toBeCloseTo(5064.444, 3);
  });

  it("Red Hat's rule of thumb: 1 TB over 1 Gbit/s is about 3 h (8,000 s of transfer, before overheads)", () => {
    // 1 Gbit/s / 8 = 125 MB/s < 64 backfills x 100 MB/s: the network binds; 1e12 / 1.25e8 = 8,000 s = 2.2 h
    const t = recoveryTiming({ dataBytes: 1e12, networkAmplification: 1, pgCount: 64, targetOsdCount: 64, networkBitsPerSecond: 1e9 }, settings);
    expect(t.limitedBy).toBe('network');
    expect(t.rateBytesPerSecond).toBe(125e6);
    expect(t.transferSeconds).toBe(8000);
  });

  it('erasure coding reads k shards to rebuild one: the network carries k x the data', () => {
    // EC 4+2: 10 Gbit/s / 8 / 4 = 312.5 MB/s of rebuilt data < 10 x 100 MB/s
    const t = recoveryTiming({ dataBytes: 1e12, networkAmplification: 4, pgCount: 50, targetOsdCount: 10, networkBitsPerSecond: 10e9 }, settings);
    expect(t.rateBytesPerSecond).toBe(312.5e6);
    expect(t.transferSeconds).toBe(3200); // 1e12 / 3.125e8
  });

  it('unknown network: the backfills alone; at least one backfill', () => {
    const t = recoveryTiming({ dataBytes: 1e11, networkAmplification: 1, pgCount: 0, targetOsdCount: 0, networkBitsPerSecond: null }, settings);
    expect(t.parallelBackfills).toBe(1);
    expect(t.networkBytesPerSecond).toBeNull();
    expect(t.transferSeconds).toBe(1000); // 1e11 / 1e8
  });
});

describe('replicationBitsPerSecond (until the network plan exists)', () => {
  it('the NIC card with the most bandwidth, its ports bonded', () => {
    const hw = {
      nics: [
        { ports: 2, speedBitsPerSecond: 25e9 },
        { ports: 4, speedBitsPerSecond: 10e9 },
      ],
    } as HardwareModel;
    expect(replicationBitsPerSecond(hw)).toBe(50e9); // 2 x 25 = 50 > 4 x 10 = 40 Gbit/s
    expect(replicationBitsPerSecond({ nics: [] } as unknown as HardwareModel)).toBeNull();
  });
});
