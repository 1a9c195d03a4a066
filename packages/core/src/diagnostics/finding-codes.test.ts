/**
 * Every finding code is registered in FINDING_CODES (and every dotted code literal in the
 * source is a finding or a diagnostic code):
 * - dynamically: the findings of every scenario in scenarios/, the test fixtures that
 *   evaluate, and hand-built scenarios made to trigger as many findings as possible;
 * - statically: every quoted literal of the finding-code shape in packages/core/src.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventoryOptions } from '../../../../test/helpers/inventories.js';
import { interopFindings } from '../../../../test/helpers/interop-findings.js';
import { group, handHardware, handScenario } from '../failure/test-failure.js';
import type { HardwareModel, Rack, Scenario } from '../model/scenario.js';
import { baseNetworkScenario, net, netDef, planOf, roleDef } from '../network/test-network.js';
import { evaluate } from '../evaluate/evaluate.js';
import { baseHardware, makeScenario } from '../model/test-scenario.js';
import { feedCircuit } from '../racks/feeds.js';
import { parseScenario } from '../scenario/parse.js';
import { DIAGNOSTIC_CODES } from './codes.js';
import { FINDING_CODES } from './finding-codes.js';
import type { Finding } from './types.js';

const root = join(import.meta.dirname, '../../../..');
const GIB = 1024 ** 3;
const TB = 1e12;
type Obj = Record<string, unknown>;

/** Codes emitted, each with the first case that emitted it. */
const emitted = new Map<string, string>();
const collect = (name: string, findings: readonly Finding[]): void => {
  for (const f of findings) if (!emitted.has(f.code)) emitted.set(f.code, name);
};
const evaluateAs = (name: string, s: Scenario): void => collect(name, evaluate(s).findings);
const yamlPlan = (file: string): void => {
  const text = readFileSync(join(root, file), 'utf8');
  const parsed = parseScenario(text, { fileName: file, ...inventoryOptions(join(root, file), text) });
  if (parsed.scenario) collect(file, evaluate(parsed.scenario).findings);
};
const rack = (name: string, zone: string, extra: Partial<Rack> = {}): Rack => ({ name, zone, heightRu: 42, ...extra });

/** Procurement on the base scenario: priced, powered hypervisors, growing compute demand. */
function procurementScenario(overrides: Partial<Scenario> = {}): Scenario {
  const hardware = baseHardware();
  hardware['cmp-r760'] = { ...hardware['cmp-r760']!, price: { amount: 12_000, currency: 'EUR' }, power: { typicalWatts: 500, maxWatts: 900 } };
  hardware['cmp-usd'] = { ...hardware['cmp-r760']!, name: 'cmp-usd', price: { amount: 13_000, currency: 'USD' } };
  hardware['sto-eur'] = { ...hardware['sto-r760xd2']!, name: 'sto-eur', price: { amount: 20_000, currency: 'EUR' } };
  const { price: _price, ...unpriced } = hardware['cmp-r760']!;
  hardware['cmp-unpriced'] = { ...unpriced, name: 'cmp-unpriced' };
  // 4 GiB of memory, all of it reserved (4,096 MiB): it supplies no MEMORY_MB
  hardware['nomem'] = { ...hardware['small-r250']!, name: 'nomem', memory: { sizeBytes: 4096 * 1024 * 1024, ecc: true } };
  return makeScenario({
    hardware,
    demand: { instances: [{ flavor: 'm1.xlarge', count: 20 }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0.03 } },
    policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    procurement: { roles: { compute: { hardware: 'cmp-r760', batch: 1, leadTimeWeeks: 12, coverMonths: 0 } } },
    ...overrides,
  });
}

function handBuilt(): void {
  const base = makeScenario();
  // control plane: none, one, two, four controllers
  for (const n of [0, 1, 2, 4]) {
    evaluateAs(`${n} controllers`, makeScenario({ nodes: [...(n > 0 ? [group('control', 'ctl-r660', n)] : []), ...base.nodes.filter((g) => g.role !== 'control')] }));
  }
  // compute: a flavor larger than a host, reserved above the total, demand beyond capacity, no compute host
  const big = { name: 'huge', vcpus: 4096, ramBytes: 4096 * GIB, diskBytes: 80e9 };
  evaluateAs(
    'compute overload',
    makeScenario({
      openstack: { ...base.openstack, flavors: { ...base.openstack.flavors, huge: big } },
      demand: {
        instances: [
          { flavor: 'huge', count: 1 },
          { flavor: 'm1.xlarge', count: 120 },
        ],
        storageBytes: {},
        growth: { kind: 'compound', perMonth: 0.1 },
      },
      policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    }),
  );
  // an anti-affinity server group of 4 on 3 hosts (compute/hetero-findings.ts)
  evaluateAs(
    'server group too large',
    makeScenario({
      demand: { instances: [{ flavor: 'm1.large', count: 4, serverGroupPolicy: 'anti-affinity' }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0 } },
    }),
  );
  evaluateAs('reserved above total', makeScenario({ openstack: { ...base.openstack, reserved: { hostMemoryBytes: 4096 * GIB, hostCpus: 4096, hostDiskBytes: 0 } } }));
  // 20 instances on 3 hosts with 256 MiB reserved: 6.67 per host × 512 MiB = 3,413 MiB > 256 MiB
  evaluateAs(
    'reserved memory below the QEMU overhead',
    makeScenario({
      openstack: { ...base.openstack, reserved: { hostMemoryBytes: 256 * 2 ** 20, hostCpus: 0, hostDiskBytes: 0 } },
      demand: { instances: [{ flavor: 'm1.large', count: 20 }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0 } },
    }),
  );
  evaluateAs(
    'no compute host',
    makeScenario({
      nodes: base.nodes.filter((g) => g.role !== 'compute'),
      demand: { instances: [{ flavor: 'm1.large', count: 10 }], storageBytes: {}, growth: { kind: 'compound', perMonth: 0 } },
    }),
  );
  // Ceph: too few failure domains, no self-healing, below min_size after a failure, filling up
  evaluateAs(
    'ceph pools',
    makeScenario({
      ceph: {
        ...base.ceph,
        pools: [
          { name: 'wide', type: 'replicated', size: 5, minSize: 3, share: 0.2 },
          { name: 'four', type: 'replicated', size: 4, minSize: 4, share: 0.4 },
          { name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 0.4, maxBytes: 120 * TB },
        ],
      },
      demand: { instances: [], storageBytes: { volumes: 100 * TB, four: 50 * TB }, growth: { kind: 'compound', perMonth: 0.05 } },
      policy: { tolerate: { hosts: 1, racks: 0 }, thresholds: { compute: 0.8, storage: 0.85 } },
    }),
  );
  // Ceph hosts: short of memory and CPU, no WAL/DB flash, too little of it; no OSD at all
  const hw: Record<string, HardwareModel> = baseHardware();
  const sto = hw['sto-r760xd2']!;
  hw['sto-thin'] = {
    ...sto,
    name: 'sto-thin',
    cpu: { ...sto.cpu, coresPerSocket: 2, threadsPerCore: 1 },
    memory: { sizeBytes: 16 * GIB, ecc: true },
    disks: [{ count: 12, sizeBytes: 8 * TB, kind: 'hdd', use: 'osd' }],
  };
  hw['sto-smallwal'] = {
    ...sto,
    name: 'sto-smallwal',
    disks: [
      { count: 12, sizeBytes: 8 * TB, kind: 'hdd', use: 'osd' },
      { count: 1, sizeBytes: 100e9, kind: 'nvme', use: 'wal-db' },
    ],
  };
  hw['sto-none'] = { ...sto, name: 'sto-none', disks: [{ count: 2, sizeBytes: 480e9, kind: 'ssd', use: 'os' }] };
  const others = base.nodes.filter((g) => g.role !== 'storage');
  evaluateAs(
    'thin storage hosts',
    makeScenario({ hardware: hw, nodes: [...others, group('storage', 'sto-thin', 2, { namePrefix: 'thin' }), group('storage', 'sto-smallwal', 2, { namePrefix: 'wal' })] }),
  );
  evaluateAs('no OSD', makeScenario({ hardware: hw, nodes: [...others, group('storage', 'sto-none', 3)] }));
  // CRUSH rules: a device class nobody has, overlapping roots
  evaluateAs(
    'ceph rules',
    makeScenario({
      ceph: {
        ...base.ceph,
        rules: [
          { name: 'any', type: 'replicated', failureDomain: 'host' },
          { name: 'fast', type: 'replicated', failureDomain: 'host', deviceClass: 'nvme' },
          { name: 'slow', type: 'replicated', failureDomain: 'host', deviceClass: 'hdd' },
        ],
        pools: [
          { name: 'volumes', type: 'replicated', size: 3, minSize: 2, share: 0.5, rule: 'any' },
          { name: 'fast', type: 'replicated', size: 3, minSize: 2, share: 0.2, rule: 'fast' },
          { name: 'slow', type: 'replicated', size: 3, minSize: 2, share: 0.3, rule: 'slow' },
        ],
      },
    }),
  );
  // an EC pool for RBD without overwrites and without a replicated rbd pool
  evaluateAs(
    'EC rbd pool without overwrites or metadata pool',
    makeScenario({ ceph: { ...base.ceph, pools: [{ name: 'ec', type: 'erasure', k: 2, m: 1, minSize: 2, share: 1, application: 'rbd' }] } }),
  );
  // small objects on 64 KiB allocation units; CephFS without a metadata pool, RGW without an index pool, an index pool on HDD
  evaluateAs(
    'allocation padding and workload pools',
    makeScenario({
      ceph: {
        ...base.ceph,
        bluestoreMinAllocBytes: { hdd: 65_536, ssd: 4096, nvme: 4096 },
        pools: [
          { name: 'cephfs_data', type: 'replicated', size: 3, minSize: 2, share: 0.3, application: 'cephfs', averageObjectBytes: 16_384 },
          { name: 'zone2.rgw.buckets.index', type: 'replicated', size: 3, minSize: 2, share: 0.1, application: 'rgw' },
        ],
      },
      demand: { instances: [], storageBytes: { cephfs_data: 1 * TB }, growth: { kind: 'compound', perMonth: 0 } },
    }),
  );
  evaluateAs(
    'RGW without a bucket index pool',
    makeScenario({ ceph: { ...base.ceph, pools: [{ name: 'objects', type: 'replicated', size: 3, minSize: 2, share: 1, application: 'rgw' }] } }),
  );
  evaluateAs('pg_num above mon_max_pg_per_osd', makeScenario({ ceph: { ...base.ceph, pgs: { targetPerOsd: 100, maxPerOsd: 10 } } }));
  // unequal storage hosts: MAX AVAIL overstates what CRUSH can place
  const hw2 = baseHardware();
  hw2.big = {
    ...hw2['sto-r760xd2']!,
    name: 'big',
    disks: [
      { count: 20, sizeBytes: 8 * TB, kind: 'hdd', use: 'osd' },
      { count: 2, sizeBytes: 1.6 * TB, kind: 'nvme', use: 'wal-db' },
    ],
  };
  evaluateAs('unequal storage hosts', makeScenario({ hardware: hw2, nodes: [...others, group('storage', 'sto-r760xd2', 2), group('storage', 'big', 1, { namePrefix: 'big' })] }));
  // racks: too small, too little power
  evaluateAs('small racks', makeScenario({ racks: [rack('r1', 'az1', { heightRu: 2, powerBudgetWatts: 100 }), rack('r2', 'az2'), rack('r3', 'az3')] }));
  // role requirements: failed and unknown
  const hw3 = baseHardware();
  hw3['ctl-r660'] = { ...hw3['ctl-r660']!, memory: { sizeBytes: 16 * GIB, ecc: 'unknown' } };
  evaluateAs('role requirements', makeScenario({ hardware: hw3 }));
  // references the scenario does not define
  evaluateAs('unresolved references', makeScenario({ nodes: [...base.nodes, group('compute', 'no-such-model', 1, { namePrefix: 'ghost' })] }));
  // failure domains: compute shortfall, quorum lost, Ceph harms, switches and feeds, combinations
  evaluateAs(
    'failure: compute shortfall',
    handScenario({
      nodes: [group('control', 'ctl-r660', 3), group('compute', 'cmp-20', 3), group('storage', 'sto-30', 3)],
      demand: { instances: [{ flavor: 'm1.large', count: 12 }], storageBytes: { volumes: 20 * TB }, growth: { kind: 'compound', perMonth: 0.02 } },
      policyOver: { tolerate: { hosts: 1, racks: 1, zones: 2, switches: 1, feeds: 1 } },
    }),
  );
  evaluateAs(
    'failure: two racks, single switch and feed',
    handScenario({
      hardware: handHardware(),
      racks: [rack('r1', 'az1', { switches: ['eor-a'], powerFeeds: ['A'] }), rack('r2', 'az2', { switches: ['eor-a'] }), rack('r3', 'az3')],
      nodes: [group('control', 'ctl-r660', 3), group('compute', 'cmp-20', 3), group('storage', 'sto-30', 3)],
      ceph: { ...base.ceph, pools: [{ name: 'volumes', type: 'replicated', size: 3, minSize: 3, share: 1 }] },
      demand: { instances: [], storageBytes: { volumes: 25 * TB }, growth: { kind: 'compound', perMonth: 0 } },
      policyOver: { tolerate: { hosts: 1, racks: 1 } },
    }),
  );
  // procurement: late, uncovered, unpriced, cannot meet, other currency, new racks
  // feed circuits: 8 controllers × 800 W = 6,400 W in r1 on A/B feeds of 230 V × 32 A × 0.8 =
  // 5,888 W: rack.feed_overloaded, and losing feed A trips r1 (failure.power.rack_tripped); the
  // controllers' monitors (3, all in r1) lose their quorum with it (failure.ceph.mon_quorum_lost)
  evaluateAs(
    'feed circuits and monitors',
    handScenario({
      racks: [rack('r1', 'az1', { powerFeeds: ['A', 'B'], feed: feedCircuit({ voltage: 230, breaker: 32 })! }), rack('r2', 'az2'), rack('r3', 'az3')],
      nodes: [group('control', 'ctl-r660', 8, { rack: 'r1' }), group('compute', 'cmp-20', 3), group('storage', 'sto-30', 3)],
    }),
  );
  evaluateAs('procurement late', procurementScenario({ procurement: { roles: { compute: { hardware: 'cmp-r760', batch: 1, leadTimeWeeks: 52, coverMonths: 0 } } } }));
  evaluateAs('procurement uncovered', procurementScenario({ procurement: { roles: {} } }));
  // the bill: the purchases are priced in EUR, support in USD (cost.mixed_currency); energy unpriced (cost.unpriced)
  evaluateAs('cost in two currencies', procurementScenario({ costs: { initialFleet: 'owned', supportPerServerYear: { amount: 900, currency: 'USD' } } }));
  evaluateAs('procurement unpriced', procurementScenario({ procurement: { roles: { compute: { hardware: 'cmp-unpriced', batch: 1, leadTimeWeeks: 1, coverMonths: 0 } } } }));
  evaluateAs('procurement cannot meet', procurementScenario({ procurement: { roles: { compute: { hardware: 'nomem', batch: 1, leadTimeWeeks: 1, coverMonths: 0 } } } }));
  evaluateAs(
    'procurement other currency',
    procurementScenario({
      procurement: {
        roles: { compute: { hardware: 'cmp-usd', batch: 1, leadTimeWeeks: 1, coverMonths: 0 }, storage: { hardware: 'sto-eur', batch: 1, leadTimeWeeks: 1, coverMonths: 0 } },
      },
      demand: { instances: [{ flavor: 'm1.xlarge', count: 20 }], storageBytes: { volumes: 40 * TB }, growth: { kind: 'compound', perMonth: 0.08 } },
    }),
  );
  evaluateAs(
    'procurement new racks',
    procurementScenario({ racks: [rack('r1', 'az1', { powerBudgetWatts: 1700 }), rack('r2', 'az2', { powerBudgetWatts: 1700 }), rack('r3', 'az3', { powerBudgetWatts: 1700 })] }),
  );
}

function network(): void {
  const edit = (name: string, change: (s: Obj) => void): void => {
    const s = baseNetworkScenario();
    change(s);
    collect(name, planOf(s).findings);
  };
  edit('network: address space', (s) => {
    Object.assign(netDef(s, 'mgmt'), { cidr: '10.10.0.0/28', reserved: [], nodeRange: '10.10.0.2-10.10.0.5' });
    net(s).vips = { internal: '10.10.0.14' };
  });
  edit('network: floating IPs', (s) => {
    netDef(s, 'provider').allocationPools = ['198.51.100.20-198.51.100.29'];
    s.demand = { floatingIps: 8, growth: { kind: 'compound', perMonth: 0.1 } };
  });
  for (const vips of [
    { internal: '10.99.0.5' },
    { internal: '10.10.0.250', external: '198.51.100.30' },
    { internal: '10.10.0.100' },
    { internal: '10.10.0.1' },
    { internal: '10.10.0.250', apiNetwork: 'ceph-cluster' },
  ]) {
    edit(`network: VIPs ${JSON.stringify(vips)}`, (s) => {
      net(s).vips = vips;
    });
  }
  edit('network: MTU', (s) => {
    netDef(s, 'tunnel').mtu = 1500;
    (roleDef(s, 'storage').bonds as Obj[])[1]!.mtu = 1500;
  });
  edit('network: redundancy', (s) => {
    roleDef(s, 'compute').bonds = [{ name: 'bond0', members: ['nic0p0', 'nic0p1'], mode: '802.3ad' }];
    roleDef(s, 'compute').networks = [
      { network: 'mgmt', on: 'bond0' },
      { network: 'tunnel', on: 'bond0' },
      { network: 'ceph-public', on: 'nic1p0' },
      { network: 'oob', on: 'bmc', untagged: true },
    ];
    roleDef(s, 'storage').ports = { nic0p0: { switch: 'tor-a' }, nic1p0: { switch: 'tor-a' }, nic0p1: { switch: 'tor-a' }, nic1p1: { switch: 'tor-b' } };
    roleDef(s, 'storage').networks = [
      { network: 'mgmt', on: 'bond0' },
      { network: 'ceph-public', on: 'bond1' },
      { network: 'oob', on: 'bmc', untagged: true },
    ];
    delete (net(s).roles as Obj).control;
  });
  edit('network: mixed speeds', (s) => {
    ((s.hardware as Obj).srv as Obj).nics = [
      { ports: 2, speed: '25 Gbit/s' },
      { ports: 2, speed: '10 Gbit/s' },
    ];
  });
  edit('network: bandwidth and oversubscription', (s) => {
    net(s).traffic = { cephClientWrite: '45 Gbit/s' };
    s.demand = { growth: { kind: 'compound', perMonth: 0.1 } };
    net(s).switches = [
      { name: 'tor-a', uplinks: 1, uplinkSpeed: '10 Gbit/s' },
      { name: 'tor-b', uplinks: 2, uplinkSpeed: '100 Gbit/s' },
    ];
  });
}

describe('FINDING_CODES', () => {
  it('holds one-line meanings, and no code is both a finding and a diagnostic', () => {
    for (const [code, meaning] of Object.entries(FINDING_CODES)) {
      expect(code).toMatch(/^[a-z]+(\.[a-z_]+)+$/);
      expect(meaning, code).not.toMatch(/\n/);
      expect(meaning.length, code).toBeGreaterThan(10);
    }
    const both = Object.keys(FINDING_CODES).filter((c) => Object.hasOwn(DIAGNOSTIC_CODES, c));
    expect(both).toEqual([]);
  });

  it('registers every code emitted by the shipped scenarios, the fixtures and hand-built scenarios made to trigger findings', () => {
    for (const f of readdirSync(join(root, 'scenarios'))
      .filter((x) => x.endsWith('.yaml'))
      .sort())
      yamlPlan(`scenarios/${f}`);
    yamlPlan('test/fixtures/failure/controllers-two-racks.yaml');
    handBuilt();
    network();
    for (const [name, findings] of interopFindings()) collect(name, findings);
    const unregistered = [...emitted].filter(([code]) => !Object.hasOwn(FINDING_CODES, code)).map(([code, from]) => `${code} (from ${from})`);
    expect(unregistered).toEqual([]);
    // and the cases above reach every registered code but the reserved ones (being added in
    // other branches): a registered code that nothing triggers gets a case here
    const RESERVED: string[] = [];
    expect(Object.keys(FINDING_CODES).filter((c) => !emitted.has(c) && !RESERVED.includes(c))).toEqual([]);
  });
});

describe('code literals in packages/core/src', () => {
  const CODE = /'(failure|ceph|role|network|compute|capacity|rack|procurement|control|scenario|fleet)\.[a-z_.]+'/g;
  // Literals of the same shape that are not codes: resource ids (forecast/resources.ts), explain
  // ids (explain/ids.ts) and the default file name of parseScenario.
  const NOT_CODES = new Set([
    'compute.vcpu',
    'compute.memory',
    'compute.disk',
    'compute.pcpu',
    'compute.vgpu',
    'compute.pgpu',
    'compute.group.',
    'control.quorum',
    'scenario.yaml',
  ]);
  const src = join(root, 'packages/core/src');
  const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  const registered = (code: string): boolean => Object.hasOwn(FINDING_CODES, code) || Object.hasOwn(DIAGNOSTIC_CODES, code);

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('every literal is a finding or diagnostic code (a literal ending in "." is a prefix of one)', () => {
    const missing: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(join(src, f), 'utf8').matchAll(CODE)) {
        const code = m[0].slice(1, -1);
        if (NOT_CODES.has(code)) continue;
        const ok = code.endsWith('.') ? Object.keys(FINDING_CODES).some((c) => c.startsWith(code)) : registered(code);
        if (!ok) missing.push(`${f}: ${code}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
