/**
 * Storage hardware for the storage fast-path tests (fast-paths.test.ts, osd-runs.test.ts): the
 * base models of model/test-scenario.ts and six storage models whose OSDs test the grouping of
 * equal OSDs: alike OSDs (sto-a: 8 × 7.68 TB NVMe), two classes in one host (sto-b: 6 × 16 TB
 * HDD and 2 × 3.84 TB SSD of class `fast`), a hand CRUSH weight (sto-c: 4 × 8 TB HDD at weight
 * 7), one class of two sizes (sto-d: 3 × 8 TB and 2 × 16 TB HDD), no OSD (sto-e), and sizes and
 * weights whose sums round (sto-f: 6 × 1/3 TB SSD at weight 0.1; integer byte sizes below 2^53
 * add exactly). Each has 2 × 480 GB OS SSDs.
 */
import type { DiskSpec, HardwareModel } from '../model/scenario.js';
import { baseHardware } from '../model/test-scenario.js';

const TB = 1e12;
const osdDisk = (count: number, sizeBytes: number, kind: DiskSpec['kind'], extra: Partial<DiskSpec> = {}): DiskSpec => ({ count, sizeBytes, kind, use: 'osd', ...extra });
const model = (name: string, disks: DiskSpec[]): HardwareModel => ({
  ...baseHardware()['sto-r760xd2']!,
  name,
  disks: [{ count: 2, sizeBytes: 480e9, kind: 'ssd', use: 'os' }, ...disks],
});

/** Storage models: alike OSDs (a), two classes in one host (b), a hand weight (c), OSDs of one class but two sizes (d), no OSD (e). */
export function storageTestHardware(): Record<string, HardwareModel> {
  return {
    ...baseHardware(),
    'sto-a': model('sto-a', [osdDisk(8, 7.68 * TB, 'nvme')]),
    'sto-b': model('sto-b', [osdDisk(6, 16 * TB, 'hdd'), osdDisk(2, 3.84 * TB, 'ssd', { deviceClass: 'fast' })]),
    'sto-c': model('sto-c', [osdDisk(4, 8 * TB, 'hdd', { crushWeight: 7 })]),
    'sto-d': model('sto-d', [osdDisk(3, 8 * TB, 'hdd'), osdDisk(2, 16 * TB, 'hdd')]),
    'sto-e': model('sto-e', []),
    // sizes and weights whose sums round (integer byte sizes below 2^53 add exactly)
    'sto-f': model('sto-f', [osdDisk(6, TB / 3, 'ssd', { crushWeight: 0.1 })]),
  };
}
