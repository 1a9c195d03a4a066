import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.js';
import { scenarioJsonSchema } from './json-schema.js';
import { defaultMinSize } from './normalize.js';

const MINIMAL = `
schemaVersion: 1
name: Minimal
start: 2027-01
hardware:
  cmp:
    model: Dell PowerEdge R760
    heightRu: 2
    cpu: { model: Intel Xeon Gold 6430, sockets: 2, coresPerSocket: 32, threadsPerCore: 2, virtualization: vt-x }
    memory: { size: 512 GiB, ecc: true }
    disks: [ { count: 2, size: 3.84 TB, kind: nvme, use: osd } ]
    nics: [ { ports: 2, speed: 25 Gbit/s } ]
    power: { typical: 600 W, max: 1.1 kW }
nodes:
  - { role: compute, hardware: cmp, count: 3 }
  - { role: compute, hardware: cmp, count: 2, name: gpu }
openstack:
  flavors:
    m1.large: { vcpus: 4, ram: 8 GiB, disk: 80 GiB }
ceph:
  pools:
    - { name: volumes, type: replicated, share: 0.5 }
    - { name: images, type: replicated, size: 2 }
    - { name: backups, type: erasure, k: 4, m: 2 }
demand:
  instances: [ { flavor: m1.large, count: 10 } ]
  storage: { volumes: 40 TB }
`;

describe('parseScenario on a valid file', () => {
  const r = parseScenario(MINIMAL, { fileName: 'minimal.yaml' });
  const s = r.scenario!;

  it('has no diagnostics and a scenario', () => {
    expect(r.diagnostics).toEqual([]);
    expect(s).toBeDefined();
  });

  it('converts quantities to canonical units with the unit in the name', () => {
    const hw = s.hardware.cmp!;
    expect(hw.memory.sizeBytes).toBe(512 * 2 ** 30); // 549,755,813,888 bytes
    expect(hw.disks[0]!.sizeBytes).toBe(3_840_000_000_000); // 3.84 x 10^12
    expect(hw.nics[0]!.speedBitsPerSecond).toBe(25_000_000_000);
    expect(hw.power).toEqual({ typicalWatts: 600, maxWatts: 1100 });
    expect(s.openstack.flavors['m1.large']).toEqual({ name: 'm1.large', vcpus: 4, ramBytes: 8 * 2 ** 30, diskBytes: 80 * 2 ** 30 });
  });

  it('fills the documented defaults', () => {
    expect(s.horizonMonths).toBe(24);
    // one rack with a top-of-rack pair and feeds A/B (the failure analysis' defaults)
    expect(s.racks).toEqual([{ name: 'rack-1', heightRu: 42, switches: ['rack-1-tor-a', 'rack-1-tor-b'], powerFeeds: ['A', 'B'] }]);
    expect(s.openstack.allocationRatio).toEqual({ cpu: 4, ram: 1, disk: 1 }); // Nova initial_*_allocation_ratio since 2023.1
    expect(s.openstack.reserved).toEqual({ hostMemoryBytes: 512 * 2 ** 20, hostCpus: 0, hostDiskBytes: 0 }); // reserved_host_memory_mb = 512
    expect(s.openstack.instanceMemoryOverheadBytes).toBe(512 * 2 ** 20); // Red Hat's 0.5 GB per guest (compute/memory-overhead.ts)
    expect(s.openstack.ephemeralStorage).toBe('local');
    expect(s.ceph.ratios).toEqual({ nearfull: 0.85, backfillfull: 0.9, full: 0.95 });
    expect(s.ceph.failureDomain).toBe('host');
    // storage threshold: the survivors' fill after the tolerated failures, default mon_osd_backfillfull_ratio 0.90
    expect(s.policy).toEqual({
      tolerate: { hosts: 1, racks: 0, zones: 0, switches: 1, feeds: 1 },
      maintenance: { hosts: 0, roles: ['control', 'compute', 'storage'] },
      thresholds: { compute: 0.8, storage: 0.9 },
    });
    // Ceph: osd_memory_target 4 GiB; mon_target_pg_per_osd 100, mon_max_pg_per_osd 250; osd_max_backfills 1;
    // mon_osd_down_out_interval 600 s; osd_heartbeat_grace 20 s; headroom defaults: 16 GiB per host, 100 MB/s per backfill
    expect(s.ceph.osdMemoryTargetBytes).toBe(4 * 2 ** 30);
    expect(s.ceph.hostMemoryBytes).toBe(16 * 2 ** 30);
    expect(s.ceph.cpuThreadsPerOsd).toEqual({ hdd: 2, ssd: 4, nvme: 4 });
    expect(s.ceph.pgs).toEqual({ targetPerOsd: 100, maxPerOsd: 250 });
    expect(s.ceph.recovery).toEqual({ backfillBytesPerSecond: 100e6, maxBackfills: 1, downOutIntervalSeconds: 600, detectionSeconds: 20 });
    expect(s.ceph.fill).toEqual({ osds: [] });
    expect(s.demand.growth).toEqual({ kind: 'compound', perMonth: 0 });
    expect(s.hardware.cmp!.disks[0]!.count).toBe(2);
    expect(s.nodes.map((n) => [n.namePrefix, n.placement])).toEqual([
      ['compute', 'spread'],
      ['gpu', 'spread'],
    ]);
  });

  it('pool defaults: size 3, min_size, shares split the rest evenly, rules implied', () => {
    // shares: volumes 0.5 given; images and backups split 1 - 0.5 = 0.5 -> 0.25 each (all on every OSD)
    // rules: replicated pools on replicated_rule; the erasure pool on a rule named after it, as
    // `ceph osd pool create backups erasure` creates; failure domain ceph.failureDomain (host)
    expect(s.ceph.pools).toEqual([
      { name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 0.5, rule: 'replicated_rule', bulk: false },
      { name: 'images', type: 'replicated', size: 2, minSize: 1, share: 0.25, rule: 'replicated_rule', bulk: false },
      { name: 'backups', type: 'erasure', k: 4, m: 2, minSize: 5, share: 0.25, rule: 'backups', bulk: false },
    ]);
    expect(s.ceph.rules).toEqual([
      { name: 'replicated_rule', type: 'replicated', failureDomain: 'host', implied: true },
      { name: 'backups', type: 'erasure', failureDomain: 'host', implied: true },
    ]);
    // stored data defaults to 0 for pools without demand
    expect(s.demand.storageBytes).toEqual({ volumes: 40e12, images: 0, backups: 0 });
  });

  it('is deterministic and leaves no shared state', () => {
    expect(parseScenario(MINIMAL, { fileName: 'minimal.yaml' })).toEqual(r);
  });
});

describe('defaultMinSize (Ceph defaults)', () => {
  it('replicated: size - floor(size/2)', () => {
    expect(defaultMinSize({ type: 'replicated', size: 3 })).toBe(2); // 3 - 1
    expect(defaultMinSize({ type: 'replicated', size: 2 })).toBe(1); // 2 - 1
    expect(defaultMinSize({ type: 'replicated', size: 4 })).toBe(2); // 4 - 2
    expect(defaultMinSize({ type: 'replicated', size: 1 })).toBe(1); // 1 - 0
  });
  it('erasure: k + min(1, m - 1)', () => {
    expect(defaultMinSize({ type: 'erasure', k: 4, m: 2 })).toBe(5); // 4 + 1
    expect(defaultMinSize({ type: 'erasure', k: 2, m: 1 })).toBe(2); // 2 + 0
    expect(defaultMinSize({ type: 'erasure', k: 8, m: 3 })).toBe(9);
  });
});

describe('parse failures are diagnostics, never exceptions', () => {
  const cases = ['', '---', 'a: [', '[]', '42', 'null', '*x', 'a: &a [*a]', '\t- x', 'hardware: !!binary AAAA'];
  for (const text of cases) {
    it(JSON.stringify(text), () => {
      const r = parseScenario(text, { fileName: 'x.yaml' });
      expect(r.scenario).toBeUndefined();
      expect(r.diagnostics.length).toBeGreaterThan(0);
      for (const d of r.diagnostics) expect(d.location.line).toBeGreaterThanOrEqual(1);
    });
  }
});

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as { properties: Record<string, unknown>; required: string[] };
  it('is draft 2020-12 with the required top-level keys', () => {
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema' });
    expect(schema.required).toEqual(['schemaVersion', 'name', 'start', 'hardware', 'nodes']);
  });
  it('describes quantities as strings with units', () => {
    // hardware entries: written out (anyOf[0]) or imported from an inventory (anyOf[1])
    // biome-ignore lint/suspicious/noExplicitAny: a walk down the generated JSON Schema, checked by the assertions below
    const mem = (schema.properties.hardware as any).additionalProperties.anyOf[0].properties.memory.properties.size;
    expect(mem.type).toBe('string');
    expect(new RegExp(mem.pattern).test('512 GiB')).toBe(true);
    expect(new RegExp(mem.pattern).test('512')).toBe(false);
  });
});

describe('schema.memory_decimal: memory sizes in decimal units', () => {
  const text = MINIMAL.replace('memory: { size: 512 GiB, ecc: true }', 'memory: { size: 768 GB, ecc: true }')
    .replace('m1.large: { vcpus: 4, ram: 8 GiB, disk: 80 GiB }', 'm1.large: { vcpus: 4, ram: 8 GB, disk: 80 GB }')
    .replace('openstack:\n', 'openstack:\n  reserved: { hostMemory: 16 GB }\n')
    .replace('demand:\n', 'requirements:\n  compute: { minMemory: 1 TB }\ndemand:\n');
  const r = parseScenario(text, { fileName: 'decimal.yaml' });

  it('warns at each memory size written in kB/MB/GB/TB (disks stay decimal: 80 GB root disk is fine)', () => {
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.location.line, d.location.col])).toEqual([
      // line 10 "    memory: { size: 768 GB": 4 + 16 characters before the value -> col 21
      ['schema.memory_decimal', 'warning', 10, 21], // hardware.cmp.memory.size
      ['schema.memory_decimal', 'warning', 18, 27], // openstack.reserved.hostMemory ("  reserved: { hostMemory: ")
      ['schema.memory_decimal', 'warning', 20, 32], // openstack.flavors.m1.large.ram ("    m1.large: { vcpus: 4, ram: ")
      ['schema.memory_decimal', 'warning', 27, 25], // requirements.compute.minMemory ("  compute: { minMemory: ")
    ]);
    expect(r.scenario).toBeDefined(); // a warning: the scenario still loads
  });

  it('gives the GiB equivalent: 768 × 10^9 ÷ 2^30 = 715.26 -> 715.3 GiB; 1 TB = 10^12 ÷ 2^30 = 931.3 GiB', () => {
    const [hw, , , req] = r.diagnostics;
    expect(hw!.message).toContain('715.3 GiB');
    expect(hw!.hint).toBe('if the memory is 768 GiB, write that; to keep this size, write "715.3 GiB"');
    expect(req!.message).toContain('931.3 GiB');
    expect(req!.path).toEqual(['requirements', 'compute', 'minMemory']);
  });
});
