/**
 * Role checks on HardwareFacts: hand-worked expectations; unknown is never a pass.
 */
import { describe, expect, it } from 'vitest';
import { factsOf, realCatalogue } from '../../../../test/helpers/real-fixtures.js';
import { DEFAULT_REQUIREMENTS } from '../model/requirements.js';
import { ROLES, type RoleRequirements } from '../model/scenario.js';
import { baseHardware } from '../model/test-scenario.js';
import { checkFacts } from './checks.js';
import { enrichCpuFacts } from './enrich.js';
import { factsFromModel } from './facts-from-model.js';
import { emptyFacts, known, unknown, type DiskFacts, type HardwareFacts } from '../model/hardware-facts.js';

const GIB = 2 ** 30;
const ALL: RoleRequirements = {
  requireVirtualization: true,
  requireEcc: true,
  requireNvmeDatabase: true,
  minPhysicalCores: 1,
  minMemoryBytes: 1,
  minNicPorts: 1,
  memoryPerOsdBytes: GIB,
  osdMemoryBaseBytes: GIB,
  minMemoryPerCoreBytes: 1,
  minNicSpeedBitsPerSecond: 1,
  minCoresPerOsd: 1,
  minWalDbFlashRatio: 0.01,
};

/** An inventory server: 1 × 16 cores, 96 GiB, the given disks (use unknown) and NIC speeds. */
function server(disks: { name: string; kind?: 'nvme' | 'ssd' | 'hdd'; sizeBytes: number }[], speeds: (number | undefined)[]): HardwareFacts {
  const f = emptyFacts({ kind: 'inventory', file: 's.json', format: 'ironic' }, (w) => `s.json: no ${w}`);
  f.cpu.sockets = known(1, 's.json: sockets');
  f.cpu.coresPerSocket = known(16, 's.json: cores');
  f.memory.installedBytes = known(96 * GIB, 's.json: memory');
  f.disks = known(
    disks.map(
      (d): DiskFacts => ({
        name: d.name,
        count: 1,
        sizeBytes: known(d.sizeBytes, `s.json: ${d.name} size`),
        kind: d.kind ? known(d.kind, `s.json: ${d.name} kind`) : unknown(`s.json: ${d.name} RAID virtual disk`),
        use: unknown(`s.json: ${d.name} use not stated`),
      }),
    ),
    's.json: disks',
  );
  f.nics = known(
    speeds.map((s, i) => ({ name: `eth${i}`, ports: 1, speedBitsPerSecond: s === undefined ? unknown(`s.json: eth${i} no speed`) : known(s, `s.json: eth${i} speed`) })),
    's.json: nics',
  );
  return f;
}
const status = (checks: { requirement: string; status: string }[]) => Object.fromEntries(checks.map((c) => [c.requirement, c.status]));

describe('checkFacts', () => {
  it('a source that knows nothing gives unknown for every requirement, never pass', () => {
    const nothing = emptyFacts({ kind: 'inventory', file: 'n', format: 'lscpu' }, () => 'n: nothing');
    const checks = checkFacts('storage', nothing, ALL);
    expect(checks).toHaveLength(11);
    expect(new Set(checks.map((c) => c.status))).toEqual(new Set(['unknown']));
  });

  it('every default requirement of every role gives unknown on an empty source', () => {
    const nothing = emptyFacts({ kind: 'inventory', file: 'n', format: 'lscpu' }, () => 'n: nothing');
    for (const role of ROLES)
      for (const c of checkFacts(role, nothing, DEFAULT_REQUIREMENTS[role])) expect([role, c.requirement, c.status]).toEqual([role, c.requirement, 'unknown']);
  });

  it('NVMe for the database from an inventory: an NVMe device passes, a RAID virtual disk is unknown, SATA SSDs fail', () => {
    const req = { requireNvmeDatabase: true };
    expect(checkFacts('control', server([{ name: '/dev/nvme0n1', kind: 'nvme', sizeBytes: 3.2e12 }], []), req)[0]).toMatchObject({ status: 'pass' });
    expect(checkFacts('control', server([{ name: '/dev/sda', sizeBytes: 480e9 }], []), req)[0]).toMatchObject({
      status: 'unknown',
      evidence: 's.json: /dev/sda RAID virtual disk',
    });
    expect(checkFacts('control', server([{ name: '/dev/sda', kind: 'ssd', sizeBytes: 480e9 }], []), req)[0]).toMatchObject({
      status: 'fail',
      actual: 'no NVMe device among /dev/sda 0.48 TB ssd',
    });
  });

  it('NIC speed: ports at or above the speed count toward minNicPorts; unknown speeds can neither pass nor fail it', () => {
    const req = { minNicPorts: 2, minNicSpeedBitsPerSecond: 10e9 };
    // 2 × 1G + 4 × 25G: 4 fast ports >= 2
    expect(checkFacts('compute', server([], [1e9, 25e9, 25e9, 1e9, 25e9, 25e9]), req)[1]).toMatchObject({
      status: 'pass',
      actual: '4 ports at ≥ 10 Gbit/s (2 × 1 Gbit/s, 4 × 25 Gbit/s)',
    });
    // 1 fast + 1 unknown: could be 2, could be 1
    expect(checkFacts('compute', server([], [25e9, undefined]), req)[1]).toMatchObject({ status: 'unknown', evidence: 's.json: eth1 no speed' });
    // 2 × 1G: 0 fast ports, nothing unknown
    expect(checkFacts('compute', server([], [1e9, 1e9]), req)[1]).toMatchObject({ status: 'fail', expected: '2 ports at ≥ 10 Gbit/s' });
  });

  it('memory per core: 96 GiB / 16 cores = 6 GiB', () => {
    expect(checkFacts('compute', server([], []), { minMemoryPerCoreBytes: 4 * GIB })[0]).toMatchObject({ status: 'pass', actual: '6 GiB per core (96 GiB / 16 cores)' });
    expect(checkFacts('compute', server([], []), { minMemoryPerCoreBytes: 8 * GIB })[0]).toMatchObject({ status: 'fail' });
  });

  describe('OSD checks on an inventory (which disks are OSDs is not stated): bounds', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => ({ name: `/dev/sd${String.fromCharCode(97 + i)}`, kind: 'hdd' as const, sizeBytes: 8e12 }));

    it('memory: passes when it holds even if every disk were an OSD, else unknown (never fail)', () => {
      // 16 GiB + 12 × 4 GiB = 64 GiB <= 96 GiB: pass whatever the split
      const ok = checkFacts('storage', server(twelve, []), { memoryPerOsdBytes: 4 * GIB, osdMemoryBaseBytes: 16 * GIB })[0]!;
      expect(ok).toMatchObject({ status: 'pass', expected: '≥ 64 GiB if all 12 disks of unknown use were OSDs (16 GiB base + 12 × 4 GiB)' });
      // 16 GiB + 12 × 8 GiB = 112 GiB > 96 GiB: depends on how many are OSDs
      expect(checkFacts('storage', server(twelve, []), { memoryPerOsdBytes: 8 * GIB, osdMemoryBaseBytes: 16 * GIB })[0]).toMatchObject({ status: 'unknown' });
    });

    it('cores per OSD: 16 cores >= 12 disks × 1 passes; × 2 = 24 is unknown', () => {
      expect(checkFacts('storage', server(twelve, []), { minCoresPerOsd: 1 })[0]).toMatchObject({ status: 'pass' });
      expect(checkFacts('storage', server(twelve, []), { minCoresPerOsd: 2 })[0]).toMatchObject({ status: 'unknown' });
    });

    it('flash WAL/DB: no HDD among known kinds passes; HDDs without stated uses are unknown', () => {
      expect(checkFacts('storage', server([{ name: '/dev/nvme0n1', kind: 'nvme', sizeBytes: 7.68e12 }], []), { minWalDbFlashRatio: 0.01 })[0]).toMatchObject({
        status: 'pass',
        actual: 'no HDD among the disks: no HDD OSDs',
      });
      expect(checkFacts('storage', server(twelve, []), { minWalDbFlashRatio: 0.01 })[0]).toMatchObject({ status: 'unknown' });
    });
  });

  it('flash WAL/DB on a scenario model: 1 % of the HDD OSD capacity', () => {
    const base = baseHardware()['sto-r760xd2']!; // 10 × 8 TB hdd osd + 1 × 1.6 TB nvme wal-db
    // 1.6 TB >= 1 % × 80 TB = 0.8 TB (1.6 / 80 = 2 %): pass
    expect(checkFacts('storage', factsFromModel(base), { minWalDbFlashRatio: 0.01 })[0]).toMatchObject({
      status: 'pass',
      actual: '1.6 TB flash wal-db (2 %)',
    });
    // without the wal-db disk: needed 0.8 TB, none: fail
    const hw = { ...base, disks: base.disks.filter((d) => d.use !== 'wal-db') };
    expect(checkFacts('storage', factsFromModel(hw), { minWalDbFlashRatio: 0.01 })[0]).toMatchObject({
      status: 'fail',
      expected: '≥ 0.8 TB flash wal-db (1 % of 80 TB HDD OSDs)',
      actual: 'no flash wal-db disk',
      evidence: 'hardware.sto-r760xd2.disks',
    });
    // 2 × 0.48 TB nvme wal-db = 0.96 TB >= 0.8 TB (1.2 %): pass
    const withDb = { ...hw, disks: [...hw.disks, { count: 2, sizeBytes: 480e9, kind: 'nvme' as const, use: 'wal-db' as const }] };
    expect(checkFacts('storage', factsFromModel(withDb), { minWalDbFlashRatio: 0.01 })[0]).toMatchObject({ status: 'pass', actual: '0.96 TB flash wal-db (1.2 %)' });
  });

  it('the real R7615 inventory against every default role', () => {
    const facts = enrichCpuFacts(factsOf('ironic', 'understack-dell-r7615-inventory.json'), realCatalogue());
    expect(status(checkFacts('compute', facts, DEFAULT_REQUIREMENTS.compute))).toEqual({
      requireVirtualization: 'pass', // svm
      requireEcc: 'unknown', // no dmi data
      minPhysicalCores: 'pass', // 1 × 16 >= 8
      minMemoryBytes: 'pass', // 96 GiB >= 64 GiB
      minNicPorts: 'pass', // 6 >= 2
      minMemoryPerCoreBytes: 'pass', // 96 / 16 = 6 GiB >= 4 GiB
      minNicSpeedBitsPerSecond: 'pass', // 4 × 25G >= 2 ports at 10G
    });
    expect(status(checkFacts('control', facts, DEFAULT_REQUIREMENTS.control))).toEqual({
      requireEcc: 'unknown',
      requireNvmeDatabase: 'unknown', // its only disk is a PERC virtual disk: kind unknown
      minPhysicalCores: 'pass', // 16 >= 16
      minMemoryBytes: 'pass',
      minNicPorts: 'pass',
    });
    expect(status(checkFacts('storage', facts, DEFAULT_REQUIREMENTS.storage))).toEqual({
      requireEcc: 'unknown',
      minPhysicalCores: 'pass',
      minMemoryBytes: 'pass', // 96 >= 32 GiB
      minNicPorts: 'pass',
      memoryPerOsdBytes: 'pass', // 16 + 1 disk × 4 = 20 GiB <= 96 GiB, even if its one disk were an OSD
      minNicSpeedBitsPerSecond: 'pass',
      minCoresPerOsd: 'pass', // 16 >= 1
      minWalDbFlashRatio: 'unknown', // the disk's kind is unknown (RAID virtual disk)
    });
  });
});
