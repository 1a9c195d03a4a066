/** The `ceph:` section parsed and normalized: rules, device classes, shares per class, Ceph settings with units. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.js';

const TEXT = `
schemaVersion: 1
name: Two device classes
start: 2027-01
hardware:
  sto:
    model: Some server
    heightRu: 2
    cpu: { model: X, sockets: 2, coresPerSocket: 16, threadsPerCore: 2 }
    memory: { size: 256 GiB }
    disks:
      - { count: 12, size: 16 TB, kind: hdd, use: osd }
      - { count: 2, size: 7.68 TB, kind: nvme, use: osd, deviceClass: fast }
      - { count: 2, size: 1.92 TB, kind: nvme, use: wal-db }
nodes:
  - { role: storage, hardware: sto, count: 5 }
ceph:
  failureDomain: host
  rules:
    - { name: slow, deviceClass: hdd }
    - { name: quick, deviceClass: fast }
    - { name: ec-slow, type: erasure, deviceClass: hdd, failureDomain: rack }
  pools:
    - { name: volumes, type: replicated, rule: slow, share: 0.6 }
    - { name: backups, type: erasure, k: 3, m: 2, rule: ec-slow, bulk: true }
    - { name: vms, type: replicated, rule: quick, maxBytes: 50 TB }
  fill:
    osds: [ { osd: 3, utilisation: 0.7 } ]
  osdMemoryTarget: 6 GiB
  hostMemory: 24 GiB
  cpuThreadsPerOsd: { hdd: 3 }
  pgs: { targetPerOsd: 200 }
  recovery: { backfillThroughput: 150 MiB/s, maxBackfills: 2, downOutIntervalSeconds: 900 }
`;

describe('ceph: section', () => {
  const r = parseScenario(TEXT, { fileName: 'classes.yaml' });
  const c = r.scenario!.ceph;

  it('parses without diagnostics', () => expect(r.diagnostics).toEqual([]));

  it('rules keep their class; a rule without a failure domain takes ceph.failureDomain', () => {
    expect(c.rules).toEqual([
      { name: 'slow', type: 'replicated', failureDomain: 'host', deviceClass: 'hdd' },
      { name: 'quick', type: 'replicated', failureDomain: 'host', deviceClass: 'fast' },
      { name: 'ec-slow', type: 'erasure', failureDomain: 'rack', deviceClass: 'hdd' },
    ]);
  });

  it('shares split per set of OSDs: hdd pools 0.6 + the rest 0.4; the fast pool alone gets 1', () => {
    expect(c.pools.map((p) => [p.name, p.rule, p.share, p.bulk])).toEqual([
      ['volumes', 'slow', 0.6, false],
      ['backups', 'ec-slow', 0.4, true], // 1 - 0.6
      ['vms', 'quick', 1, false], // alone on the fast OSDs
    ]);
    // a quota only where the file sets one (max_bytes): 50 TB = 50e12 bytes
    expect(c.pools.map((p) => p.maxBytes)).toEqual([undefined, undefined, 50e12]);
  });

  it('Ceph settings in canonical units; unset ones keep their defaults', () => {
    expect(c.osdMemoryTargetBytes).toBe(6 * 2 ** 30);
    expect(c.hostMemoryBytes).toBe(24 * 2 ** 30);
    expect(c.cpuThreadsPerOsd).toEqual({ hdd: 3, ssd: 4, nvme: 4 });
    expect(c.pgs).toEqual({ targetPerOsd: 200, maxPerOsd: 250 });
    // 150 MiB/s = 150 x 2^20 = 157,286,400 bytes per second
    expect(c.recovery).toEqual({ backfillBytesPerSecond: 157_286_400, maxBackfills: 2, downOutIntervalSeconds: 900, detectionSeconds: 20 });
    expect(c.fill).toEqual({ osds: [{ osd: 3, utilisation: 0.7 }] });
    expect(r.scenario!.hardware.sto!.disks[1]).toEqual({ count: 2, sizeBytes: 7.68e12, kind: 'nvme', use: 'osd', deviceClass: 'fast' });
  });
});
