/** Recovery time [model], hand-worked (formulas.md "Recovery"; limits from src/common/options). */
import { describe, expect, it } from 'vitest';
import type { HardwareModel } from '../model/scenario.js';
import { recoveryTiming, replicationBitsPerSecond } from './recovery.js';

const settings = { backfillBytesPerSecond: 100e6, maxBackfills: 1, downOutIntervalSeconds: 600, detectionSeconds: 20 };

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

  it('Red Hat\'s rule of thumb: 1 TB over 1 Gbit/s is about 3 h (8,000 s of transfer, before overheads)', () => {
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
    const hw = { nics: [{ ports: 2, speedBitsPerSecond: 25e9 }, { ports: 4, speedBitsPerSecond: 10e9 }] } as HardwareModel;
    expect(replicationBitsPerSecond(hw)).toBe(50e9); // 2 x 25 = 50 > 4 x 10 = 40 Gbit/s
    expect(replicationBitsPerSecond({ nics: [] } as unknown as HardwareModel)).toBeNull();
  });
});
