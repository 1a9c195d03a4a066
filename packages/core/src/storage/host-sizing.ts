/**
 * OSD host sizing: memory for osd_memory_target per OSD plus the host's own, CPU threads per
 * OSD by device kind, and BlueStore WAL/DB flash per HDD OSD, per storage hardware model.
 */
import type { Finding } from '../diagnostics/types.js';
import type { DiskKind, HardwareModel } from '../model/scenario.js';
import type { CephHostSizing } from '../model/ceph-plan.js';
import { fmtGiB, fmtNumber, fmtPercent, fmtTB } from '../units/format.js';
import { CEPH_DEFAULTS, CEPH_SOURCES } from './defaults.js';
import type { CephSettings } from './settings.js';

/**
 * The sizing of one storage hardware model (all quantities per host):
 *   memory needed   = OSDs x osd_memory_target + host memory                   bytes
 *   threads needed  = sum over kinds of OSDs of that kind x threads per OSD     logical CPUs
 *   threads         = sockets x cores per socket x threads per core
 *   WAL/DB per OSD  = sum of flash (nvme, ssd) wal-db disks / HDD OSDs          bytes
 *   WAL/DB fraction = WAL/DB per OSD / largest HDD OSD; enough at >= 1 % (RBD)
 * Example: 24 x 20 TB HDD, 4 x 3.84 TB NVMe wal-db: 15.36 TB / 24 = 640 GB = 3.2 % of 20 TB.
 * `walDb` is null without HDD OSDs (flash OSDs keep their DB on the same device).
 */
export function sizeStorageHost(hw: HardwareModel, settings: CephSettings, hosts: readonly string[]): CephHostSizing {
  const osds: Record<DiskKind, number> = { hdd: 0, ssd: 0, nvme: 0 };
  let largestHdd = 0;
  let walDbBytes = 0;
  let walDbDevices = 0;
  for (const d of hw.disks) {
    if (d.use === 'osd') {
      osds[d.kind] += d.count;
      if (d.kind === 'hdd') largestHdd = Math.max(largestHdd, d.sizeBytes);
    } else if (d.use === 'wal-db' && d.kind !== 'hdd') {
      walDbBytes += d.count * d.sizeBytes;
      walDbDevices += d.count;
    }
  }
  const osdCount = osds.hdd + osds.ssd + osds.nvme;
  const neededBytes = osdCount * settings.osdMemoryTargetBytes + settings.hostMemoryBytes;
  const neededThreads = (Object.keys(osds) as DiskKind[]).reduce((s, k) => s + osds[k] * settings.cpuThreadsPerOsd[k], 0);
  const threads = hw.cpu.sockets * hw.cpu.coresPerSocket * hw.cpu.threadsPerCore;
  const sizing: CephHostSizing = {
    hardware: hw.name,
    hosts: [...hosts],
    osds,
    memory: {
      installedBytes: hw.memory.sizeBytes,
      neededBytes,
      osdMemoryTargetBytes: settings.osdMemoryTargetBytes,
      hostMemoryBytes: settings.hostMemoryBytes,
      ok: hw.memory.sizeBytes >= neededBytes,
    },
    cpu: { threads, neededThreads, ok: threads >= neededThreads },
    walDb: null,
  };
  if (osds.hdd > 0) {
    const perOsdBytes = walDbBytes / osds.hdd;
    const fraction = largestHdd > 0 ? perOsdBytes / largestHdd : 0;
    sizing.walDb = {
      hddOsds: osds.hdd,
      devices: walDbDevices,
      totalBytes: walDbBytes,
      perOsdBytes,
      fractionOfOsd: fraction,
      minFraction: CEPH_DEFAULTS.walDbMinFraction,
      ok: walDbDevices > 0 && fraction >= CEPH_DEFAULTS.walDbMinFraction,
    };
  }
  return sizing;
}

/**
 * Findings of one model's sizing, all warnings (subject `hardware <name>`):
 * `ceph.host.memory_short`, `ceph.host.cpu_short`, `ceph.host.wal_db_missing` (HDD OSDs
 * without a flash WAL/DB device), `ceph.host.wal_db_small` (below 1 % of an OSD).
 */
export function hostSizingFindings(s: CephHostSizing): Finding[] {
  const out: Finding[] = [];
  const subject = `hardware ${s.hardware}`;
  const n = `${s.hosts.length} storage host(s)`;
  const osdCount = s.osds.hdd + s.osds.ssd + s.osds.nvme;
  if (!s.memory.ok) {
    out.push({
      code: 'ceph.host.memory_short',
      severity: 'warning',
      subject,
      message: `${s.hardware} has ${fmtGiB(s.memory.installedBytes)} of memory; its ${osdCount} OSDs need ${osdCount} x ${fmtGiB(s.memory.osdMemoryTargetBytes)} (osd_memory_target) + ${fmtGiB(s.memory.hostMemoryBytes)} for the host = ${fmtGiB(s.memory.neededBytes)} (${n})`,
      value: s.memory.installedBytes,
      limit: s.memory.neededBytes,
      unit: 'bytes',
      source: CEPH_SOURCES.osdMemory,
    });
  }
  if (!s.cpu.ok) {
    out.push({
      code: 'ceph.host.cpu_short',
      severity: 'warning',
      subject,
      message: `${s.hardware} has ${fmtNumber(s.cpu.threads)} CPU threads; its OSDs (${s.osds.hdd} HDD, ${s.osds.ssd} SSD, ${s.osds.nvme} NVMe) need ${fmtNumber(s.cpu.neededThreads)} (${n})`,
      value: s.cpu.threads,
      limit: s.cpu.neededThreads,
      unit: 'threads',
      source: CEPH_SOURCES.cpu,
    });
  }
  const w = s.walDb;
  if (w && w.devices === 0) {
    out.push({
      code: 'ceph.host.wal_db_missing',
      severity: 'warning',
      subject,
      message: `${s.hardware} has ${w.hddOsds} HDD OSDs and no flash WAL/DB device (a disk with use: wal-db, kind nvme or ssd): BlueStore metadata and its write-ahead log share the spinning disks (${n})`,
      value: 0,
      limit: w.minFraction,
      unit: 'ratio',
      source: CEPH_SOURCES.walDb,
    });
  } else if (w && !w.ok) {
    out.push({
      code: 'ceph.host.wal_db_small',
      severity: 'warning',
      subject,
      message: `${s.hardware} gives each of its ${w.hddOsds} HDD OSDs ${fmtTB(w.perOsdBytes)} of WAL/DB flash, ${fmtPercent(w.fractionOfOsd)} of an OSD: below the ${fmtPercent(w.minFraction)} Ceph gives as the low end for RBD (${n})`,
      value: w.fractionOfOsd,
      limit: w.minFraction,
      unit: 'ratio',
      source: CEPH_SOURCES.walDb,
    });
  }
  return out;
}
