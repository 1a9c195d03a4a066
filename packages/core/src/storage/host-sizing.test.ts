/** Storage host sizing: memory, CPU threads, WAL/DB flash per HDD OSD (sources in defaults.ts), by hand. */
import { describe, expect, it } from 'vitest';
import type { HardwareModel } from '../model/scenario.js';
import { hostSizingFindings, sizeStorageHost } from './host-sizing.js';
import { resolveCephSettings } from './settings.js';

const GIB = 2 ** 30;
const settings = resolveCephSettings({ failureDomain: 'host', ratios: { nearfull: 0.85, backfillfull: 0.9, full: 0.95 }, pools: [] });
const hw = (over: Partial<HardwareModel> = {}): HardwareModel => ({
  name: 'sto',
  model: 'Dell PowerEdge R760xd2',
  heightRu: 2,
  cpu: { model: 'Intel Xeon Gold 5416S', sockets: 2, coresPerSocket: 16, threadsPerCore: 2, virtualization: 'vt-x' },
  memory: { sizeBytes: 256 * GIB, ecc: true },
  disks: [
    { count: 24, sizeBytes: 20e12, kind: 'hdd', use: 'osd' },
    { count: 4, sizeBytes: 3.84e12, kind: 'nvme', use: 'wal-db' },
  ],
  nics: [],
  ...over,
});

describe('sizeStorageHost', () => {
  it('the regional cloud storage host: 24 x 20 TB HDD, 4 x 3.84 TB NVMe WAL/DB, 256 GiB, 2 x 16 cores x 2', () => {
    const s = sizeStorageHost(hw(), settings, ['s1', 's2']);
    // memory: 24 x 4 GiB (osd_memory_target) + 16 GiB (host) = 112 GiB <= 256 GiB
    expect(s.memory).toMatchObject({ neededBytes: 112 * GIB, installedBytes: 256 * GIB, ok: true });
    // CPU: 24 HDD OSDs x 2 threads = 48 <= 2 x 16 x 2 = 64
    expect(s.cpu).toEqual({ threads: 64, neededThreads: 48, ok: true });
    // WAL/DB: 4 x 3.84 TB = 15.36 TB / 24 = 640 GB per OSD = 3.2 % of 20 TB >= 1 %
    expect(s.walDb).toMatchObject({ hddOsds: 24, devices: 4, totalBytes: 15.36e12, perOsdBytes: 640e9, ok: true });
    expect(s.walDb!.fractionOfOsd).toBeCloseTo(0.032, 12);
    expect(hostSizingFindings(s)).toEqual([]);
  });

  it('short of memory, CPU and WAL/DB: three warnings with both numbers', () => {
    // memory: 96 GiB < 24 x 4 + 16 = 112 GiB; CPU: 1 x 16 x 2 = 32 threads < 48;
    // WAL/DB: one 1.6 TB NVMe / 24 = 66.7 GB per OSD = 0.33 % of 20 TB < 1 %
    const s = sizeStorageHost(
      hw({
        memory: { sizeBytes: 96 * GIB, ecc: true },
        cpu: { model: 'x', sockets: 1, coresPerSocket: 16, threadsPerCore: 2, virtualization: 'vt-x' },
        disks: [
          { count: 24, sizeBytes: 20e12, kind: 'hdd', use: 'osd' },
          { count: 1, sizeBytes: 1.6e12, kind: 'nvme', use: 'wal-db' },
        ],
      }),
      settings,
      ['s1'],
    );
    const f = hostSizingFindings(s);
    expect(f.map((x) => [x.code, x.value, x.limit])).toEqual([
      ['ceph.host.memory_short', 96 * GIB, 112 * GIB],
      ['ceph.host.cpu_short', 32, 48],
      ['ceph.host.wal_db_small', 1.6e12 / 24 / 20e12, 0.01],
    ]);
  });

  it('HDD OSDs without flash WAL/DB (an HDD wal-db does not count); NVMe OSDs need none', () => {
    const hdd = sizeStorageHost(
      hw({
        disks: [
          { count: 12, sizeBytes: 16e12, kind: 'hdd', use: 'osd' },
          { count: 1, sizeBytes: 16e12, kind: 'hdd', use: 'wal-db' },
        ],
      }),
      settings,
      ['s1'],
    );
    expect(hostSizingFindings(hdd).map((x) => x.code)).toEqual(['ceph.host.wal_db_missing']);
    // 8 NVMe OSDs: 8 x 4 threads = 32; no walDb check
    const nvme = sizeStorageHost(hw({ disks: [{ count: 8, sizeBytes: 7.68e12, kind: 'nvme', use: 'osd' }] }), settings, ['s1']);
    expect(nvme.cpu.neededThreads).toBe(32);
    expect(nvme.walDb).toBeNull();
  });
});
